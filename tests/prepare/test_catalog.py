"""The unit catalog and unit names (docs/inputs.md, "Unit names", "The unit catalog", and
the level rule of "Values")."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from tests.support.cases import write_csv
from tthc_report.api import Loaded, build_report, load_files
from tthc_report.config import Settings
from tthc_report.errors import CatalogError
from tthc_report.prepare.catalog import Catalog, Unit, read_catalog

CAT_H = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên"]
CATALOG = [
    ["T01", "Trung tâm Phục vụ hành chính công tỉnh", "Cấp tỉnh", ""],
    ["H01", "Huyện Sông Lô", "Cấp huyện", ""],
    ["H02", "Huyện Lập Thạch", "Huyện", ""],
    ["H03", "Thành phố Vĩnh Yên", "Thành phố/thị xã thuộc tỉnh", ""],
    ["H04", "Trung tâm Hành chính công thành phố Phúc Yên", "huyện", ""],
    ["X01", "Xã Đồng Thịnh", "Xã", "Huyện Sông Lô"],
    ["X02", "Xã Quang Sơn", "Cấp xã", "Sông Lô"],
    ["X03", "Xã Quang Sơn", "xã", "Lập Thạch"],
    ["X04", "Phường Liên Bảo", "Phường", "Thành phố Vĩnh Yên"],
    ["X05", "Thị trấn Tam Sơn", "", "huyện Sông Lô"],
]
#: what the catalog above must read as: parents written short are given the district's name
UNITS = [
    ("T01", "Trung tâm Phục vụ hành chính công tỉnh", "province", None),
    ("H01", "Huyện Sông Lô", "district", None),
    ("H02", "Huyện Lập Thạch", "district", None),
    ("H03", "Thành phố Vĩnh Yên", "district", None),
    ("H04", "Trung tâm Hành chính công thành phố Phúc Yên", "district", None),
    ("X01", "Xã Đồng Thịnh", "commune", "Huyện Sông Lô"),
    ("X02", "Xã Quang Sơn", "commune", "Huyện Sông Lô"),
    ("X03", "Xã Quang Sơn", "commune", "Huyện Lập Thạch"),
    ("X04", "Phường Liên Bảo", "commune", "Thành phố Vĩnh Yên"),
    ("X05", "Thị trấn Tam Sơn", "commune", "Huyện Sông Lô"),
]
CASE_H = ["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả"]


def catalog_csv(tmp_path: Path, rows: list[list[str]] = CATALOG) -> Path:
    return write_csv(tmp_path / "danh_muc.csv", [CAT_H, *rows])


def summary(units: list[Unit]) -> list[tuple[str, str, str | None, str | None]]:
    return [(u.code, u.name, u.level, u.parent) for u in units]


def load_cases(
    tmp_path: Path, rows: list[list[str]], extra: Sequence[str] = (), catalog: bool = True
) -> Loaded:
    path = write_csv(tmp_path / "ho_so.csv", [[*CASE_H, *extra], *rows])
    return load_files([path], catalog_csv(tmp_path) if catalog else None)


def case(code: str, unit: str, *more: str) -> list[str]:
    return [code, unit, "01/09/2021", "10/09/2021", *more]


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return read_catalog(catalog_csv(tmp_path))


# --- reading ---------------------------------------------------------------------------------


def test_read_catalog_csv(tmp_path: Path) -> None:
    path = catalog_csv(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    catalog = read_catalog(path)
    assert summary(catalog.units) == UNITS
    assert all(u.in_catalog for u in catalog.units)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_read_catalog_xlsx_below_titles_with_other_header_names(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    ws = wb.create_sheet("Danh mục")
    ws.append(["DANH MỤC ĐƠN VỊ TIẾP NHẬN"])
    ws.append([])
    ws.append(["STT", "Tên bộ phận một cửa", "Cấp hành chính", "Huyện", "Mã ĐV"])
    for n, (code, name, level, parent) in enumerate(CATALOG, 1):
        ws.append([n, name, level or None, parent or None, code])
    wb.save(tmp_path / "danh_muc.xlsx")
    assert summary(read_catalog(tmp_path / "danh_muc.xlsx").units) == UNITS


# --- matching names --------------------------------------------------------------------------

MATCHES = [
    ("Xã Đồng Thịnh", None, "X01"),
    ("UBND xã Đồng Thịnh", None, "X01"),
    ("BPMC xã Đồng Thịnh", None, "X01"),
    ("Bộ phận một cửa xã Đồng Thịnh - huyện Sông Lô", None, "X01"),
    ("Ủy ban nhân dân xã Đồng Thịnh", None, "X01"),
    ("Uỷ ban nhân dân xã Đồng Thịnh", None, "X01"),
    ("Bộ phận tiếp nhận và trả kết quả xã Đồng Thịnh", None, "X01"),
    ("Xã Đồng Thịnh (huyện Sông Lô)", None, "X01"),
    ("  UBND  XÃ ĐỒNG THỊNH ", None, "X01"),
    (unicodedata.normalize("NFD", "UBND xã Đồng Thịnh"), None, "X01"),
    ("Đồng Thịnh", None, "X01"),
    ("Bộ phận một cửa huyện Sông Lô", None, "H01"),
    ("UBND Thành phố Vĩnh Yên", None, "H03"),
    ("Xã Quang Sơn - huyện Sông Lô", None, "X02"),
    ("UBND xã Quang Sơn (huyện Lập Thạch)", None, "X03"),
    ("Xã Quang Sơn", "Huyện Sông Lô", "X02"),
    ("BPMC xã Quang Sơn", "Lập Thạch", "X03"),
    ("Xã Quang Sơn", None, None),
    ("Xã Quang Sơn", "Huyện Tam Dương", None),
    ("Xã Không Có", None, None),
]


@pytest.mark.parametrize(("written", "parent", "code"), MATCHES)
def test_match_names(catalog: Catalog, written: str, parent: str | None, code: str | None) -> None:
    unit = catalog.match(written, parent)
    assert (unit.code if unit else None) == code


def test_same_commune_name_in_two_districts_told_apart_by_suffix_or_parent_column(
    tmp_path: Path,
) -> None:
    loaded = load_cases(tmp_path, [
        case("A", "Xã Quang Sơn", "Sông Lô"),
        case("B", "Xã Quang Sơn", "Huyện Lập Thạch"),
        case("C", "Bộ phận một cửa xã Quang Sơn - huyện Lập Thạch", ""),
        case("D", "UBND xã Đồng Thịnh", ""),
    ], extra=["Huyện"])  # fmt: skip
    assert loaded.checks == ()
    got = loaded.resolved.cases[["code", "unit", "level", "district"]].to_dict("records")
    assert got == [
        {"code": "A", "unit": "Xã Quang Sơn", "level": "commune", "district": "Huyện Sông Lô"},
        {"code": "B", "unit": "Xã Quang Sơn", "level": "commune", "district": "Huyện Lập Thạch"},
        {"code": "C", "unit": "Xã Quang Sơn", "level": "commune", "district": "Huyện Lập Thạch"},
        {"code": "D", "unit": "Xã Đồng Thịnh", "level": "commune", "district": "Huyện Sông Lô"},
    ]


def test_unmatched_name_is_kept_as_its_own_unit_and_listed(tmp_path: Path) -> None:
    loaded = load_cases(tmp_path, [case("A", "Xã Đồng Thịnh"), case("B", "UBND xã Hải Lựu"),
                                   case("C", "Xã Hải Lựu")])  # fmt: skip
    assert [(c.level, c.row, c.column, c.value, c.code) for c in loaded.checks] == [
        ("warning", 3, "Đơn vị tiếp nhận", "UBND xã Hải Lựu", "unknown_unit"),
    ]
    assert loaded.checks[0].message.startswith("Đơn vị 'UBND xã Hải Lựu' không có trong danh mục")
    assert "2 hồ sơ" in loaded.checks[0].message
    cases = loaded.resolved.cases
    assert cases["unit"].tolist() == ["Xã Đồng Thịnh", "UBND xã Hải Lựu", "UBND xã Hải Lựu"]
    assert loaded.excluded == 0
    units = loaded.resolved.units
    assert summary(units[: len(UNITS)]) == UNITS
    assert [(u.name, u.level, u.in_catalog) for u in units[len(UNITS) :]] == [
        ("UBND xã Hải Lựu", "commune", False)
    ]


def test_ambiguous_name_without_district_is_listed_not_guessed(tmp_path: Path) -> None:
    loaded = load_cases(tmp_path, [case("A", "UBND xã Quang Sơn")])
    assert [(c.row, c.value, c.code) for c in loaded.checks] == [
        (2, "UBND xã Quang Sơn", "ambiguous_unit")
    ]
    assert loaded.resolved.cases[["code", "district"]].to_dict("records") == [
        {"code": "A", "district": None}
    ]


def test_same_name_communes_counted_under_their_own_desk_in_the_report(tmp_path: Path) -> None:
    rows = [
        case("A", "Xã Quang Sơn", "Sông Lô"),
        case("B", "Xã Quang Sơn", "Huyện Sông Lô"),
        case("C", "Xã Quang Sơn - huyện Lập Thạch", ""),
        case("D", "Xã Quang Sơn", ""),
    ]
    cases = write_csv(tmp_path / "ho_so.csv", [[*CASE_H, "Huyện"], *rows])
    report = build_report([cases], Settings(), month=(2021, 9), units_file=catalog_csv(tmp_path))
    counts = {(r.name, r.parent): r.metrics.received_new
              for s in report.sections for r in s.breakdowns.get("unit", ())}  # fmt: skip
    assert counts[("Xã Quang Sơn", "Huyện Sông Lô")] == 2
    assert counts[("Xã Quang Sơn", "Huyện Lập Thạch")] == 1


def test_unmatched_unit_message_is_vietnamese(tmp_path: Path) -> None:
    (check,) = load_cases(tmp_path, [case("B", "UBND xã Hải Lựu")]).checks
    assert "cấp xã" in check.message.casefold()
    assert "commune" not in check.message


# --- levels ----------------------------------------------------------------------------------

PREFIXES = [
    ("Trung tâm Phục vụ hành chính công", "province"), ("Sở Tư pháp", "province"),
    ("Ban Quản lý các khu công nghiệp", "province"), ("Huyện Sông Lô", "district"),
    ("Thành phố Vĩnh Yên", "district"), ("Thị xã Phúc Yên", "district"),
    ("Xã Đồng Thịnh", "commune"), ("Phường Liên Bảo", "commune"),
    ("Thị trấn Tam Sơn", "commune"), ("UBND xã Đồng Thịnh", "commune"),
    ("BPMC huyện Sông Lô", "district"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "level"), PREFIXES)
def test_level_from_the_name_prefix(tmp_path: Path, name: str, level: str) -> None:
    loaded = load_cases(tmp_path, [case("A", name)], catalog=False)
    assert loaded.resolved.cases["level"].tolist() == [level]


def test_level_from_the_column_beats_the_name_prefix(tmp_path: Path) -> None:
    rows = [case("A", "Trung tâm Một cửa Lạ", "Cấp huyện"), case("B", "Xã Lạ", "Tỉnh")]
    loaded = load_cases(tmp_path, rows, extra=["Cấp"], catalog=False)
    assert loaded.resolved.cases["level"].tolist() == ["district", "province"]


def test_level_from_the_catalog_beats_the_name_prefix(tmp_path: Path) -> None:
    name = "Trung tâm Hành chính công thành phố Phúc Yên"
    with_catalog = load_cases(tmp_path, [case("A", name)])
    assert with_catalog.resolved.cases["level"].tolist() == ["district"]
    without = load_cases(tmp_path, [case("A", name)], catalog=False)
    assert without.resolved.cases["level"].tolist() == ["province"]


def test_level_column_comes_before_the_catalog(tmp_path: Path) -> None:
    loaded = load_cases(tmp_path, [case("A", "Xã Đồng Thịnh", "Cấp huyện")], extra=["Cấp"])
    assert loaded.resolved.cases["level"].tolist() == ["district"]


def test_district_from_a_name_suffix_keeps_its_written_form_without_catalog(
    tmp_path: Path,
) -> None:
    loaded = load_cases(tmp_path, [case("A", "Xã Tứ Yên (huyện Sông Lô)")], catalog=False)
    (district,) = loaded.resolved.cases["district"].tolist()
    assert district.casefold() == "huyện sông lô" and "Sông Lô" in district


# --- catalog errors --------------------------------------------------------------------------


def test_unknown_level_word_names_the_row(tmp_path: Path) -> None:
    rows = [
        ["H01", "Huyện Sông Lô", "Huyện", ""],
        ["X01", "Xã Đồng Thịnh", "làng", "Huyện Sông Lô"],
    ]
    with pytest.raises(CatalogError) as info:
        load_files([write_csv(tmp_path / "ho_so.csv", [CASE_H])], catalog_csv(tmp_path, rows))
    assert str(info.value) == (
        "Danh mục đơn vị (tệp danh_muc.csv) có lỗi: dòng 3: không nhận ra cấp 'làng' của đơn vị "
        "'Xã Đồng Thịnh'."
    )


def _parent_error(tmp_path: Path, rows: list[list[str]]) -> str:
    with pytest.raises(CatalogError) as info:
        read_catalog(catalog_csv(tmp_path, rows))
    return str(info.value)


MISSING_PARENT = [
    ["H01", "Huyện Sông Lô", "Huyện", ""],
    ["X01", "Xã Đồng Thịnh", "Xã", "Huyện Tam Đảo"],
]


def test_commune_whose_district_is_not_in_the_catalog(tmp_path: Path) -> None:
    msg = _parent_error(tmp_path, MISSING_PARENT)
    assert msg.startswith("Danh mục đơn vị (tệp danh_muc.csv) có lỗi:")
    assert "'Xã Đồng Thịnh' thuộc 'Huyện Tam Đảo'" in msg


def test_commune_whose_district_is_not_in_the_catalog_names_the_row(tmp_path: Path) -> None:
    assert "dòng 3" in _parent_error(tmp_path, MISSING_PARENT)


def test_a_catalog_without_districts_is_two_level(tmp_path: Path) -> None:
    """A catalog with no district rows is a two-level province (since 1/7/2025): a parent
    written beside a commune (often the province) makes no district row and no error."""
    catalog = catalog_csv(tmp_path, [["T", "Trung tâm Phục vụ hành chính công tỉnh", "Tỉnh", ""],
                                     ["X01", "Xã Đồng Thịnh", "Xã", "Tỉnh Phú Thọ"]])  # fmt: skip
    cases = tmp_path / "ho_so.csv"
    cases.write_text(
        "Mã hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả\n"
        "A,UBND xã Đồng Thịnh,01/10/2021,05/10/2021\n",
        encoding="utf-8",
    )
    report = build_report([cases], Settings(), month=(2021, 10), units_file=catalog)
    assert [s.id for s in report.sections] == ["province", "commune"]
    (row,) = report.section("commune").breakdowns["unit"]
    assert (row.name, row.metrics.received_new) == ("Xã Đồng Thịnh", 1)
