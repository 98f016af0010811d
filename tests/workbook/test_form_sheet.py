"""The Bieu06a sheet: form II.06a laid out as it prints, every figure a native formula that
LibreOffice recalculates to the JSON's form, for the month and after a change of month."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import DemoData, DemoWorkbook
from tests.count.test_forms import CASES
from tests.support.cases import THREE_LEVELS, build
from tests.support.render import printed_pages
from tests.support.workbook_figures import form_mismatches, form_rows
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.testing.libreoffice import recalculate
from tthc_report.workbook import layout as L
from tthc_report.workbook.openpyxl_writer import write_workbook


def test_recalculated_bieu06a_equals_the_json(
    demo_workbook: DemoWorkbook, demo_recalculated: Path
) -> None:
    form = demo_workbook.json["forms"]["ii06a"]
    assert len(form["rows"]) > 35
    assert form_mismatches(demo_recalculated, form) == []


def test_bieu06a_follows_a_change_of_month(
    demo: DemoData, demo_recalculated_september: Path
) -> None:
    september = build_report(demo.exports, Settings(), month=(2021, 9), units_file=demo.catalog)
    form = september.to_dict()["forms"]["ii06a"]
    assert form_mismatches(demo_recalculated_september, form) == []
    wb = load_workbook(demo_recalculated_september, data_only=True, read_only=True)
    assert wb[L.FORM_SHEET]["A4"].value == "Kỳ báo cáo: Tháng 9/2021"
    assert wb[L.FORM_SHEET]["A5"].value == "(Từ ngày 21/8/2021 đến ngày 20/9/2021)"


@pytest.mark.parametrize("layout", ["unit", "field"])
def test_both_layouts_of_a_small_province_recalculate_to_the_json(
    tmp_path: Path, layout: str
) -> None:
    settings = Settings(form_layout=layout, reporting_unit="Trung tâm PVHCC tỉnh")
    report = build(tmp_path, CASES, units=THREE_LEVELS, settings=settings)
    path = tmp_path / "bc.xlsx"
    write_workbook(report, settings, path)
    form = report.to_dict()["forms"]["ii06a"]
    assert form_mismatches(path, form) == []  # the cached values
    recalculated = recalculate(path, tmp_path / "lo")
    assert form_mismatches(recalculated, form) == []
    wb = load_workbook(recalculated, data_only=True)
    assert wb[L.FORM_SHEET]["I1"].value == "Đơn vị báo cáo: Trung tâm PVHCC tỉnh"
    assert wb[L.FORM_SHEET]["I2"].value == "Đơn vị nhận báo cáo: ..."
    theo = "Lĩnh vực" if layout == "field" else "Đơn vị"
    assert wb["ThamSo"]["B27"].value == theo


def test_the_form_prints_as_the_official_form(demo_workbook: DemoWorkbook) -> None:
    wb = load_workbook(demo_workbook.path)
    ws = wb[L.FORM_SHEET]
    assert ws["A1"].value == "Biểu số II.06a/VPCP/KSTT"
    assert ws["A3"].value.startswith("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A7:A9", "B7:B9", "C7:F7", "D8:F8", "G7:J7", "K7:M7", "A3:M3"} <= merged
    assert [ws.cell(10, c).value for c in range(1, 14)] == [f"({n})" for n in range(1, 14)]
    rows = form_rows(demo_workbook.path)
    assert [r["tt"] for r in rows if r["label"].startswith("Cấp ")] == ["I", "II", "III"]
    assert rows[-1]["label"] == "Tổng cộng"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$7:$10"
    assert ws.print_area == f"'Bieu06a'!$A$1:$M${L.BIEU_FIRST + len(rows) - 1}"
    formulas = [ws.cell(L.BIEU_FIRST + 1, c).value for c in range(3, 14)]
    assert all(isinstance(f, str) and f.startswith("=") for f in formulas)


def test_a_long_form_repeats_its_header_rows_on_each_page(tmp_path: Path) -> None:
    cases = [{"agency": f"Sở số {i:02d}", "received": "2021-10-01", "due": "2021-10-10",
              "result_date": "2021-10-05", "status": "resolved"} for i in range(60)]  # fmt: skip
    report = build(tmp_path, cases)
    path = tmp_path / "bc.xlsx"
    write_workbook(report, Settings(), path)
    pages = printed_pages(path, [L.FORM_SHEET], tmp_path / "print")
    assert len(pages) == 2
    assert "Biểu số II.06a/VPCP/KSTT" in pages[0] and "Kỳ báo cáo: Tháng 10/2021" in pages[0]
    for page in pages:
        assert "Số lượng hồ sơ đang giải quyết" in page and "(13)" in page
    assert "Sở số 59" in pages[1] and "Tổng cộng" in pages[1]
