"""Give every clean case its unit, level, district and agency.

Works on the distinct names only (a few hundred), then maps them onto the cases, so the
cost does not grow with the number of cases.  spec/inputs.md: the level comes from the
level column, else the catalog, else the name prefix; a name that matches no catalog unit
is kept as a unit of its own and listed in the data checks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .catalog import Catalog, Unit, district_key, split_name
from .checks import WARNING, DataCheck
from .schema import HEADERS, fold, level_from_name, map_unique


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


def resolve_units(cases: pd.DataFrame, catalog: Catalog | None) -> Resolved:
    checks: list[DataCheck] = []
    pairs = (
        cases[["unit_raw", "parent_raw", "level_raw"]]
        .astype(object)
        .where(cases[["unit_raw", "parent_raw", "level_raw"]].notna(), None)
    )
    distinct = pairs.drop_duplicates()
    first_rows = cases.loc[distinct.index, ["source_file", "source_sheet", "source_row"]]
    row_counts = pairs.value_counts(dropna=False)

    own: dict[str, Unit] = {}  # units only in the data, by folded key
    own_display = _most_common(cases["unit_raw"], lambda v: split_name(v)[0])
    parent_display = _most_common(cases["parent_raw"])
    mapping: dict[tuple[object, object, object], Unit] = {}
    for (raw, parent, level_word), (_, where) in zip(
        distinct.itertuples(index=False, name=None), first_rows.iterrows(), strict=True
    ):
        unit = catalog.match(raw, parent) if catalog else None
        if unit is None:
            key = split_name(raw)[0]
            unit = own.get(key)
            if unit is None:
                level = level_word or level_from_name(split_name(raw)[0]) or level_from_name(raw)
                district = None
                hint = parent or split_name(raw)[1]
                if catalog and hint:
                    d = catalog.match_district(hint)
                    district = d.name if d else parent_display.get(fold(hint), str(hint))
                elif hint:
                    district = parent_display.get(fold(hint), str(hint))
                if level is None:
                    level = "commune" if district else "province"
                unit = Unit(own_display.get(key, str(raw)), level, district, "", False, 10**6)
                own[key] = unit
                n = int(sum(c for k, c in row_counts.items() if split_name(k[0])[0] == key))
                if catalog is not None:
                    checks.append(
                        DataCheck(
                            WARNING, str(where["source_file"]), str(where["source_sheet"]),
                            int(where["source_row"]), HEADERS["unit"], str(raw),
                            f"Đơn vị '{raw}' không có trong danh mục đơn vị: giữ là một đơn vị "
                            f"riêng (cấp {level}, {n} hồ sơ). Hãy bổ sung danh mục hoặc sửa tên.",
                            "unknown_unit",
                        )
                    )  # fmt: skip
        mapping[(raw, parent, level_word)] = unit

    keys = list(zip(pairs["unit_raw"], pairs["parent_raw"], pairs["level_raw"], strict=True))
    units_of_rows = [mapping[k] for k in keys]
    out = cases.copy()
    out["unit"] = [u.name for u in units_of_rows]
    out["level"] = [u.level for u in units_of_rows]
    out["district"] = [
        u.name if u.level == "district" else (u.parent if u.level == "commune" else None)
        for u in units_of_rows
    ]
    prov = out["level"] == "province"
    agency_written = out["agency"].where(out["agency"].notna(), out["unit"])
    agency_display = _most_common(agency_written[prov])
    out["agency_name"] = map_unique(agency_written, lambda v: agency_display.get(fold(v))).where(
        prov
    )

    all_units = list(catalog.units) if catalog else []
    data_only = sorted(own.values(), key=lambda u: vi_sort_key(u.name))
    all_units += [u for u in data_only if not any(u.name == c.name for c in all_units)]
    if catalog is None:
        all_units = sorted(
            all_units, key=lambda u: (_LEVEL_ORDER.get(u.level or "", 9), vi_sort_key(u.name))
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


_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
