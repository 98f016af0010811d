"""The unit catalog (danh mục đơn vị) and matching unit names against it.

docs/inputs.md, "Unit names": matching folds case, NFC, spaces and the prefixes "UBND",
"Ủy ban nhân dân", "BPMC", "Bộ phận một cửa", "Bộ phận tiếp nhận và trả kết quả", a
trailing "- huyện X" / "(huyện X)", and the placement of tones ("Hòa" / "Hoà").  The
district (the name's suffix or the row's district column) decides between same-name
units before any looser step.  A name that matches no catalog unit is kept as a unit of
its own (the caller lists it in the data checks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import CatalogError
from ..read.files import no_header_message, read_file
from ..read.tables import RawTable
from ..read.text import fold, new_tone_placement, nfc
from .words import LEVEL_WORDS, level_from_name, word

_ORG_PREFIX = re.compile(
    r"^(?:(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|bpmc|bộ phận một cửa|"
    r"bộ phận tiếp nhận và trả kết quả)\b[\s:,-]*)+"
)
_PARENT_SUFFIX = re.compile(
    r"\s*(?:[-–,]\s*|\(\s*)((?:huyện|thành phố|thị xã|tp\.?|quận)\s+[^()]+?)\s*\)?\s*$"
)
_TYPE_PREFIX = re.compile(r"^(?:thị trấn|thành phố|thị xã|xã|phường|huyện|quận|tp\.?)\s+")
_DISTRICT_TYPE = re.compile(r"^(?:huyện|thành phố|thị xã|tp\.?|quận)\s+")


@dataclass(frozen=True)
class Unit:
    """A receiving desk: the provincial centre, a district BPMC or a commune BPMC."""

    name: str
    level: str | None
    parent: str | None = None  # the district's name, for a commune
    code: str = ""
    in_catalog: bool = True
    order: int = 0


def split_name(raw: object) -> tuple[str, str | None]:
    """(folded name without organisation prefixes, folded parent hint or None); tones of
    "oa", "oe", "uy" are put in one place ("hòa" and "hoà" are one name)."""
    f = new_tone_placement(fold(raw))
    f = _ORG_PREFIX.sub("", f).strip()
    parent = None
    m = _PARENT_SUFFIX.search(f)
    if m and m.start() > 0:
        parent = m.group(1).replace("tp.", "thành phố").replace("tp ", "thành phố ")
        f = f[: m.start()].strip()
    return f, parent


def bare(folded: str) -> str:
    """A folded name without its type word: 'xã đồng thịnh' -> 'đồng thịnh'."""
    return _TYPE_PREFIX.sub("", folded)


def district_key(name: object) -> str:
    return _DISTRICT_TYPE.sub("", split_name(name)[0])


def in_districts(unit: Unit, keys: set[str]) -> bool:
    """Whether a unit is in (or is) one of the districts of ``keys`` (``district_key``)."""
    if unit.level == "district":
        return district_key(unit.name) in keys
    return bool(unit.parent) and district_key(unit.parent) in keys


@dataclass
class Catalog:
    units: list[Unit]
    source: str = ""
    _by_key: dict[str, list[Unit]] = field(default_factory=dict, repr=False)
    _by_bare: dict[str, list[Unit]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for u in self.units:
            key = split_name(u.name)[0]
            self._by_key.setdefault(key, []).append(u)
            self._by_bare.setdefault(bare(key), []).append(u)

    @property
    def districts(self) -> list[Unit]:
        return [u for u in self.units if u.level == "district"]

    def has_level(self, level: str) -> bool:
        return any(u.level == level for u in self.units)

    def match(self, raw_name: object, parent_hint: object = None) -> Unit | None:
        """The catalog unit a name written in an export stands for, or None.  The district
        (the name's suffix, ``parent_hint``) decides first, at every step; only then is a
        name that is one unit's alone taken whatever its district."""
        key, suffix_parent = split_name(raw_name)
        hints = {district_key(h) for h in (suffix_parent, parent_hint) if h}
        hints.discard("")
        steps = ((self._by_key, key), (self._by_bare, bare(key)))
        if hints:
            for table, k in steps:
                found = [u for u in table.get(k, []) if in_districts(u, hints)]
                if len(found) == 1:
                    return found[0]
        for table, k in steps:
            found = table.get(k, [])
            if len(found) == 1:
                return found[0]
        return None

    def same_name(self, raw_name: object) -> list[Unit]:
        """The catalog units a name could stand for, found at the first step that finds
        any (several: a name that needs its district)."""
        key = split_name(raw_name)[0]
        return self._by_key.get(key) or self._by_bare.get(bare(key)) or []

    def match_district(self, raw_name: object) -> Unit | None:
        k = district_key(raw_name)
        found = [u for u in self.districts if district_key(u.name) == k]
        return found[0] if len(found) == 1 else None


# --- reading a catalog -----------------------------------------------------------------

_CATALOG_HEADERS = {
    "code": ("Mã đơn vị", "Mã", "Mã ĐV"),
    "name": ("Tên đơn vị", "Đơn vị", "Tên", "Đơn vị tiếp nhận", "Tên bộ phận một cửa"),
    "level": ("Cấp", "Cấp đơn vị", "Cấp hành chính"),
    "parent": ("Đơn vị cấp trên", "Huyện", "Quận/huyện", "Đơn vị cha", "Thuộc"),
}
CATALOG_HEADERS = {k: v[0] for k, v in _CATALOG_HEADERS.items()}
_CATALOG_INDEX = {fold(a): k for k, names in _CATALOG_HEADERS.items() for a in names}


def catalog_header_key(text: object) -> str | None:
    return _CATALOG_INDEX.get(fold(text))


def _cell(row: Sequence[object], idx: int | None) -> str:
    if idx is None or idx >= len(row) or row[idx] is None:
        return ""
    v = row[idx]
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return nfc(v)


def catalog_from_table(table: RawTable) -> Catalog:
    """Build a catalog from a table with Tên đơn vị / Cấp / Đơn vị cấp trên columns.

    Problems in a catalog stop the build (CatalogError): the catalog decides what every
    number is counted under, so a guess would be worse than a clear message."""
    where = f"tệp {table.file}" + (f", trang tính '{table.sheet}'" if table.sheet else "")
    units, unit_rows, problems = _read_units(table)
    fixed = _placed_in_districts(units, unit_rows, problems)
    if problems:
        problems.sort(key=lambda p: p[0])
        shown = "; ".join(f"dòng {row}: {text}" for row, text in problems[:20]) + (
            f"; và {len(problems) - 20} lỗi khác" if len(problems) > 20 else ""
        )
        raise CatalogError(f"Danh mục đơn vị ({where}) có lỗi: {shown}.")
    if not fixed:
        raise CatalogError(f"Danh mục đơn vị ({where}) không có đơn vị nào.")
    return Catalog(fixed, source=table.file)


Problems = list[tuple[int, str]]  # (Excel row, what is wrong)


def _read_units(table: RawTable) -> tuple[list[Unit], list[int], Problems]:
    """The units of the catalog's rows, each with its Excel row number, and the problems
    of single rows: a CSV line that cannot be split into columns, no name, an unknown
    level, a unit or a code given twice."""
    units: list[Unit] = []
    unit_rows: list[int] = []
    problems: Problems = []
    seen: dict[tuple[str, str], int] = {}
    codes: dict[str, int] = {}
    for i, (row, excel_row) in enumerate(zip(table.rows, table.row_numbers.tolist(), strict=True)):
        broken = table.problems.get(i)
        if broken is not None:
            problems.append((excel_row, f"không tách được các cột của dòng '{broken.line[:80]}' "
                             f"({broken.fields} trường, tiêu đề có {broken.width})"))  # fmt: skip
            continue
        name = _cell(row, table.columns.get("name"))
        level_raw = _cell(row, table.columns.get("level"))
        if not name:
            problems.append((excel_row, "thiếu tên đơn vị"))
            continue
        level = word(LEVEL_WORDS, level_raw) if level_raw else level_from_name(name)
        if level is None:
            problems.append((excel_row, f"không nhận ra cấp '{level_raw}' của đơn vị '{name}'"))
            continue
        parent = _cell(row, table.columns.get("parent")) or None
        key = (split_name(name)[0], district_key(parent) if parent else "")
        if key in seen:
            problems.append((excel_row, f"đơn vị '{name}' trùng với dòng {seen[key]}"))
            continue
        seen[key] = excel_row
        code = _cell(row, table.columns.get("code"))
        if code and fold(code) in codes:
            problems.append((excel_row, f"mã đơn vị '{code}' trùng với dòng {codes[fold(code)]}"))
        codes.setdefault(fold(code), excel_row)
        units.append(Unit(name, level, parent, code, True, len(units)))
        unit_rows.append(excel_row)
    return units, unit_rows, problems


def _placed_in_districts(units: list[Unit], unit_rows: list[int], problems: Problems) -> list[Unit]:
    """The units with each commune's district written as the catalog names it.  In a
    three-level catalog every commune needs a district of the catalog, and a district is
    under no other unit of it; in a two-level one what is written beside a unit (often the
    province) is no district to count under."""
    districts = {district_key(u.name): u.name for u in units if u.level == "district"}
    lower = {split_name(u.name)[0]: u for u in units if u.level in ("district", "commune")}
    fixed = []
    for u, excel_row in zip(units, unit_rows, strict=True):
        if not districts:
            fixed.append(replace(u, parent=None))
            continue
        if u.level == "commune" and not u.parent:
            problems.append((excel_row, f"đơn vị cấp xã '{u.name}' không ghi đơn vị cấp trên "
                             "(huyện): số liệu của đơn vị sẽ không thuộc huyện nào"))  # fmt: skip
        elif u.level == "commune" and u.parent:
            real = districts.get(district_key(u.parent))
            if real is None:
                problems.append((excel_row, f"đơn vị '{u.name}' thuộc '{u.parent}', nhưng danh "
                                 "mục không có đơn vị cấp huyện nào tên như vậy"))  # fmt: skip
            u = replace(u, parent=real or u.parent)
        elif u.level == "district" and u.parent:
            above = lower.get(split_name(u.parent)[0])
            if above is not None and above is not u:
                label = "cấp xã" if above.level == "commune" else "cấp huyện"
                problems.append((excel_row, f"đơn vị cấp huyện '{u.name}' ghi đơn vị cấp trên "
                                 f"'{u.parent}', là một đơn vị {label} của danh mục: đơn vị cấp "
                                 "huyện để trống cột này"))  # fmt: skip
        fixed.append(u)
    return fixed


def read_catalog(path: Path) -> Catalog:
    tables, missing = read_file(
        path, catalog_header_key, ("name", "level"), default_headers=CATALOG_HEADERS
    )
    if not tables:
        raise CatalogError(
            no_header_message(
                path, missing, [CATALOG_HEADERS["name"], CATALOG_HEADERS["level"]]
            ).replace("danh sách hồ sơ", "danh mục đơn vị")
        )
    return catalog_from_table(tables[0])


def catalog_from_records(records: Iterable[tuple[str, str, str | None]]) -> Catalog:
    """A catalog from (name, level key, parent) tuples, for code and tests."""
    return Catalog([Unit(n, lv, p, "", True, i) for i, (n, lv, p) in enumerate(records)])
