"""Give every clean case its unit, level, district and agency.

Works on the distinct names only (a few hundred), then maps them onto the cases, so the
cost does not grow with the number of cases.  docs/inputs.md: the level comes from the
level column, else the catalog, else the name prefix; a name that matches no catalog unit
is kept as a unit of its own and listed in the data checks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import WARNING, DataCheck
from ..read.columns import HEADERS
from ..read.text import fold, map_unique, nfc
from .catalog import Catalog, Unit, district_key, in_districts, split_name
from .words import LEVEL_NAMES, level_from_name


@dataclass
class Resolved:
    cases: pd.DataFrame  # clean cases plus unit, level, district, agency_name
    units: list[Unit]  # every desk: the catalog's, then those only in the data
    districts: list[str]  # every district name: the catalog's, then those only in the data
    agencies: list[str]  # every agency of province-level cases anywhere in the data
    checks: list[DataCheck]


def _most_common(values: pd.Series, key_of: Callable[[object], str] = fold) -> dict[str, str]:
    """matching key -> its most frequent written form (ties: the first seen)."""
    values = values.dropna()
    counts = values.value_counts(sort=False)
    first_seen = {v: i for i, v in enumerate(values.drop_duplicates())}
    best: dict[str, tuple[int, int, str]] = {}
    for written, n in counts.items():
        key = key_of(written)
        cand = (int(n), -first_seen[written], str(written))
        if key not in best or cand > best[key]:
            best[key] = cand
    return {k: v[2] for k, v in best.items()}


def vi_sort_key(text: str) -> tuple[str, str]:
    """Sort Vietnamese names alphabetically enough: đ after d, accents as a tie-breaker."""
    base = unicodedata.normalize("NFD", text.casefold().replace("đ", "d\uffff"))
    letters = "".join(ch for ch in base if not unicodedata.combining(ch))
    return letters, base


def _written_parent(raw: object) -> str | None:
    """The parent named in a unit's written name ('Xã Tứ Yên (huyện Sông Lô)'), as written
    (case kept), with its first letter raised: 'Huyện Sông Lô'."""
    folded_hint = split_name(raw)[1]
    if not folded_hint:
        return None
    text = nfc(raw)
    start = text.casefold().rfind(folded_hint.split(" ", 1)[0])
    written = text[start:].strip(" )") if start >= 0 else folded_hint
    return written[:1].upper() + written[1:]


def warning_at(where: pd.Series, column: str, value: str, message: str, code: str) -> DataCheck:
    """A warning at the place a case row was read (its source file, sheet and row)."""
    return DataCheck(
        WARNING, str(where["source_file"]), str(where["source_sheet"]),
        int(where["source_row"]), column, value, message, code,
    )  # fmt: skip


class _UnitFinder:
    """Matches distinct (name, parent, level) triples to catalog units, or makes units of
    their own for names the catalog does not have (each listed once in the checks)."""

    def __init__(self, cases: pd.DataFrame, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.own: dict[tuple[str, str], Unit] = {}
        self.own_display = _most_common(cases["unit_raw"], lambda v: split_name(v)[0])
        self.parent_display = _most_common(cases["parent_raw"])
        #: units the catalog does not have: (unit, name as written, its first row, the
        #: catalog units of that name when it needs its district)
        self.unknown: list[tuple[Unit, object, pd.Series, list[Unit]]] = []
        #: catalog units whose rows name another district of the catalog: (unit, district
        #: as written) -> (the district the rows name, first row)
        self.elsewhere: dict[tuple[int, str], tuple[str, pd.Series]] = {}

    def district_of(self, raw: object, parent: object) -> str | None:
        hint = parent or _written_parent(raw)
        if not hint:
            return None
        if self.catalog is not None:
            if not self.catalog.districts:
                return None  # a two-level catalog: no districts to count under
            found = self.catalog.match_district(hint)
            if found is not None:
                return found.name
        return self.parent_display.get(fold(hint), str(hint))

    def find(self, raw: object, parent: object, level_word: str | None, where: pd.Series) -> Unit:
        unit = self.catalog.match(raw, parent) if self.catalog else None
        if unit is not None:
            self._same_district(unit, raw, parent, where)
            return unit
        district = self.district_of(raw, parent)
        key = (split_name(raw)[0], district_key(district) if district else "")
        unit = self.own.get(key)
        if unit is not None:
            return unit
        level = level_word or level_from_name(split_name(raw)[0]) or level_from_name(str(raw))
        if level is None:
            level = "commune" if district else "province"
        unit = Unit(self.own_display.get(key[0], str(raw)), level, district, "", False, 10**6)
        self.own[key] = unit
        if self.catalog is not None:
            self.unknown.append((unit, raw, where, self.catalog.same_name(raw)))
        return unit

    def _same_district(self, unit: Unit, raw: object, parent: object, where: pd.Series) -> None:
        """Note a catalog unit whose row names another district of the catalog."""
        written = parent or _written_parent(raw)
        if not written or self.catalog is None or in_districts(unit, {district_key(written)}):
            return
        other = self.catalog.match_district(written)
        if other is not None and unit.level in ("district", "commune"):
            self.elsewhere.setdefault((id(unit), district_key(written)), (str(written), where))

    def checks(self, rows_per_unit: dict[int, int], units: list[Unit]) -> list[DataCheck]:
        """One warning per unit the catalog does not have (or has several of, and the row
        gives no district to choose), with its number of rows; one per catalog unit whose
        rows name another district."""
        out = []
        for unit, raw, where, same in self.unknown:
            label = LEVEL_NAMES.get(unit.level or "", unit.level or "").lower()
            kept = (f"giữ là một đơn vị riêng (cấp {label}, {rows_per_unit.get(id(unit), 0)} "
                    "hồ sơ)")  # fmt: skip
            if len(same) > 1:
                names = ", ".join(f"{u.name} ({u.parent or u.name})" for u in same)
                message = (f"Đơn vị '{raw}' trùng tên với {len(same)} đơn vị trong danh mục: "
                           f"{names}, mà dòng không ghi huyện (hoặc ghi huyện khác): {kept}. "
                           "Hãy ghi huyện vào cột Đơn vị cấp trên hoặc vào tên.")  # fmt: skip
            else:
                message = (f"Đơn vị '{raw}' không có trong danh mục đơn vị: {kept}. Hãy bổ sung "
                           "danh mục hoặc sửa tên.")  # fmt: skip
            code = "ambiguous_unit" if len(same) > 1 else "unknown_unit"
            out.append(warning_at(where, HEADERS["unit"], str(raw), message, code))
        by_id = {id(u): u for u in units}
        for (unit_id, _), (written, where) in self.elsewhere.items():
            unit = by_id[unit_id]
            home = unit.name if unit.level == "district" else unit.parent
            out.append(warning_at(
                where, HEADERS["parent"], written,
                f"Hồ sơ của '{unit.name}' ghi thuộc '{written}', nhưng danh mục đơn vị ghi đơn "
                f"vị này thuộc '{home}': tính theo danh mục. Hãy kiểm tra tên đơn vị hoặc cột "
                "huyện.",
                "district_differs",
            ))  # fmt: skip
        return out


def _objects(per_unit: list[str | None], row_units: np.ndarray, index: pd.Index) -> pd.Series:
    """A column of the units' texts, one per row, as Python objects (None where none)."""
    return pd.Series(np.array(per_unit, dtype=object)[row_units], index=index, dtype=object)


def _distinct_rows(cases: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(number of each row's distinct combination of ``columns``, in order of first
    appearance; the position of each combination's first row)."""
    key = np.zeros(len(cases), dtype=np.int64)
    for col in columns:
        codes, uniques = pd.factorize(cases[col], use_na_sentinel=True)
        key = key * (len(uniques) + 1) + (codes + 1)
    number, _ = pd.factorize(key)
    if not len(number):
        return number, number
    # numbers appear in increasing order: a new one is a new running maximum
    newest = np.maximum.accumulate(number)
    return number, np.flatnonzero(np.diff(newest, prepend=-1) > 0)


def resolve_units(cases: pd.DataFrame, catalog: Catalog | None) -> Resolved:
    codes, first = _distinct_rows(cases, ["unit_raw", "parent_raw", "level_raw"])
    first_rows = cases.iloc[first]
    distinct = [
        tuple(None if v is None or v != v else v for v in triple)
        for triple in first_rows[["unit_raw", "parent_raw", "level_raw"]].itertuples(
            index=False, name=None
        )
    ]
    finder = _UnitFinder(cases, catalog)
    found = [
        finder.find(raw, parent, level_word, first_rows.iloc[i])
        for i, (raw, parent, level_word) in enumerate(distinct)
    ]

    all_units = list(catalog.units) if catalog else []
    data_only = sorted(finder.own.values(), key=lambda u: vi_sort_key(u.name))
    if catalog is None:
        data_only = sorted(data_only, key=lambda u: _LEVEL_ORDER.get(u.level or "", 9))
    all_units += data_only
    unit_index = {id(u): i for i, u in enumerate(all_units)}

    row_units = np.array([unit_index[id(u)] for u in found], dtype=np.int64)[codes]
    out = cases.copy(deep=False)  # new columns only: the clean table's data is shared
    out["unit_id"] = row_units
    out["unit"] = _objects([u.name for u in all_units], row_units, out.index)
    # the level column comes first, then the catalog (docs/inputs.md "Values")
    unit_level = _objects([u.level for u in all_units], row_units, out.index)
    out["level"] = out["level_raw"].where(out["level_raw"].notna(), unit_level)
    per_unit = np.bincount(row_units, minlength=len(all_units))
    checks = finder.checks({id(u): int(per_unit[i]) for i, u in enumerate(all_units)}, all_units)
    checks += _level_conflicts(out, unit_level, all_units)
    out["district"] = _objects(
        [u.name if u.level == "district" else u.parent for u in all_units], row_units, out.index
    )
    prov = out["level"] == "province"
    agency_written = out["agency"].where(out["agency"].notna(), out["unit"])
    agency_display = _most_common(agency_written[prov])
    out["agency_name"] = map_unique(agency_written, lambda v: agency_display.get(fold(v))).where(
        prov
    )

    districts = [u.name for u in all_units if u.level == "district"]
    known = {district_key(d) for d in districts}
    parents = {u.parent for u in all_units if u.parent}
    for parent in sorted(parents, key=vi_sort_key):
        if district_key(parent) not in known:
            districts.append(parent)
            known.add(district_key(parent))
    agencies = sorted(set(agency_display.values()), key=vi_sort_key)
    return Resolved(out, all_units, districts, agencies, checks)


def _level_conflicts(
    out: pd.DataFrame, unit_level: pd.Series, units: list[Unit]
) -> list[DataCheck]:
    """One warning per catalog desk whose rows say another level than the catalog."""
    clash = out["level_raw"].notna() & (out["level_raw"] != unit_level)
    clash &= np.array([u.in_catalog for u in units], dtype=bool)[out["unit_id"].to_numpy()]
    checks = []
    for _, group in out[clash].groupby(["unit_id", "level_raw"]):
        first = group.iloc[0]
        unit = units[int(first["unit_id"])]
        said = LEVEL_NAMES.get(str(first["level_raw"]), str(first["level_raw"])).lower()
        checks.append(warning_at(
            first, HEADERS["level"], said,
            f"{len(group)} hồ sơ của '{unit.name}' ghi cấp {said}, danh mục ghi cấp "
            f"{LEVEL_NAMES.get(unit.level or '', unit.level or '').lower()}: tính theo cột cấp "
            "của tệp. Hãy kiểm tra lại.",
            "level_differs_from_catalog",
        ))  # fmt: skip
    return checks


_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
