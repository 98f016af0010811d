"""Same-name units, tone placement and catalog problems (docs/inputs.md, "Unit names and
matching", "The unit catalog")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cases import write_csv
from tthc_report.api import Loaded, build_report, load_files
from tthc_report.config import Settings
from tthc_report.errors import CatalogError
from tthc_report.prepare.catalog import catalog_from_records

CAT_H = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên"]
CASE_H = ["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Huyện"]
#: two communes of one name in two districts, the catalog writing each tone differently
CATALOG = [
    ["T", "Trung tâm Phục vụ hành chính công tỉnh", "Tỉnh", ""],
    ["H1", "Huyện Bình Xuyên", "Huyện", ""],
    ["H2", "Thành phố Phúc Yên", "Huyện", ""],
    ["X1", "Xã Xuân Hoà", "Xã", "Huyện Bình Xuyên"],
    ["X2", "Phường Xuân Hòa", "Xã", "Thành phố Phúc Yên"],
    ["X3", "Xã Tân Phong", "Xã", "Huyện Bình Xuyên"],
    ["X4", "Xã Tân Phong", "Xã", "Thành phố Phúc Yên"],
    ["X5", "Xã Thuỷ An", "Xã", "Huyện Bình Xuyên"],
]


def load(tmp_path: Path, rows: list[list[str]], catalog: list[list[str]] = CATALOG) -> Loaded:
    cases = write_csv(tmp_path / "ho_so.csv", [CASE_H, *rows])
    return load_files([cases], write_csv(tmp_path / "danh_muc.csv", [CAT_H, *catalog]))


def case(code: str, unit: str, district: str = "") -> list[str]:
    return [code, unit, "01/10/2021", "05/10/2021", district]


def test_the_district_column_decides_whatever_the_tone_placement(tmp_path: Path) -> None:
    loaded = load(tmp_path, [
        case("A", "Xã Xuân Hòa", "Huyện Bình Xuyên"),  # the catalog writes "Hoà" there
        case("B", "Xuân Hoà", "Phúc Yên"),  # and "Hòa" here
        case("C", "UBND xã Xuân Hòa - huyện Bình Xuyên"),  # the name's suffix decides too
    ])  # fmt: skip
    got = loaded.resolved.cases[["code", "unit", "district"]].to_dict("records")
    assert got == [
        {"code": "A", "unit": "Xã Xuân Hoà", "district": "Huyện Bình Xuyên"},
        {"code": "B", "unit": "Phường Xuân Hòa", "district": "Thành phố Phúc Yên"},
        {"code": "C", "unit": "Xã Xuân Hoà", "district": "Huyện Bình Xuyên"},
    ]
    assert loaded.checks == ()


def test_the_cases_are_counted_in_their_own_district(tmp_path: Path) -> None:
    cases = write_csv(tmp_path / "ho_so.csv", [CASE_H, case("A", "Xã Xuân Hòa", "Bình Xuyên")])
    catalog = write_csv(tmp_path / "danh_muc.csv", [CAT_H, *CATALOG])
    report = build_report([cases], Settings(), month=(2021, 10), units_file=catalog)
    districts = {r.name: r.metrics.received_new for r in report.sections[1].breakdowns["district"]}
    assert districts == {"Huyện Bình Xuyên": 1, "Thành phố Phúc Yên": 0}


OLD_NEW = [("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
           ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
           ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ")]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), OLD_NEW)
def test_both_tone_placements_match(old: str, new: str) -> None:
    catalog = catalog_from_records([(f"Xã Th{new} An", "commune", None),
                                    (f"Xã Th{new}n An", "commune", None)])  # fmt: skip
    unit = catalog.match(f"UBND XÃ TH{old.upper()} AN")
    assert unit is not None and unit.name == f"Xã Th{new} An"


def test_a_name_in_two_districts_without_a_district_is_a_warning_naming_both(
    tmp_path: Path,
) -> None:
    loaded = load(tmp_path, [case("A", "UBND xã Tân Phong"), case("B", "Xã Tân Phong")])
    (check,) = loaded.checks
    assert (check.level, check.row, check.value, check.code) == (
        "warning", 2, "UBND xã Tân Phong", "ambiguous_unit"
    )  # fmt: skip
    assert "Xã Tân Phong (Huyện Bình Xuyên)" in check.message
    assert "Xã Tân Phong (Thành phố Phúc Yên)" in check.message
    assert "2 hồ sơ" in check.message


def test_a_district_column_the_catalog_contradicts_is_a_warning(tmp_path: Path) -> None:
    loaded = load(tmp_path, [case("A", "Xã Thủy An", "Phúc Yên")])
    assert loaded.resolved.cases["district"].tolist() == ["Huyện Bình Xuyên"]
    (check,) = loaded.checks
    assert (check.level, check.value, check.code) == ("warning", "Phúc Yên", "district_differs")
    assert "Huyện Bình Xuyên" in check.message and "Phúc Yên" in check.message


def catalog_error(tmp_path: Path, rows: list[list[str]]) -> str:
    with pytest.raises(CatalogError) as info:
        load(tmp_path, [], rows)
    return str(info.value)


def test_a_commune_without_its_district_stops_the_build(tmp_path: Path) -> None:
    msg = catalog_error(tmp_path, [*CATALOG, ["X6", "Xã Quất Lưu", "Xã", ""]])
    assert "dòng 10: đơn vị cấp xã 'Xã Quất Lưu' không ghi đơn vị cấp trên" in msg


def test_a_code_given_twice_stops_the_build(tmp_path: Path) -> None:
    msg = catalog_error(tmp_path, [*CATALOG, ["X5", "Xã Quất Lưu", "Xã", "Bình Xuyên"]])
    assert "dòng 10: mã đơn vị 'X5' trùng với dòng 9" in msg


def test_a_district_whose_parent_is_a_commune_stops_the_build(tmp_path: Path) -> None:
    rows = [list(r) for r in CATALOG]
    rows[1][3] = "Xã Thuỷ An"
    msg = catalog_error(tmp_path, rows)
    assert "dòng 3: đơn vị cấp huyện 'Huyện Bình Xuyên' ghi đơn vị cấp trên 'Xã Thuỷ An'" in msg


def test_a_catalog_line_that_cannot_be_split_stops_the_build(tmp_path: Path) -> None:
    catalog = tmp_path / "danh_muc.csv"
    lines = [",".join(CAT_H)] + [",".join(r) for r in CATALOG]
    lines[4] = lines[4].replace(",", ";")  # one line with another separator
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases = write_csv(tmp_path / "ho_so.csv", [CASE_H])
    with pytest.raises(CatalogError) as info:
        load_files([cases], catalog)
    assert "dòng 5: không tách được các cột của dòng 'X1;Xã Xuân Hoà;Xã;Huyện Bình Xuyên'" in str(
        info.value
    )
