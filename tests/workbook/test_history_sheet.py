"""LichSu: the sections' titles where staff read them, their ids kept for the next build,
and a print layout with the table on one page and each chart whole on a page of its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from tests.count.test_forms import CASES
from tests.support.cases import THREE_LEVELS, build
from tests.support.paths import ROOT
from tests.support.render import printed_pages
from tthc_report.config import Settings
from tthc_report.count.history import with_section_ids
from tthc_report.count.sections import SECTION_TITLES
from tthc_report.model import HistoryRow, Report
from tthc_report.workbook.history_io import history_from_rows, read_history
from tthc_report.workbook.openpyxl_writer import write_workbook
from tthc_report.workbook.template_history import CHART_MONTHS, CHART_SECTIONS, TABLE_FIRST

COMMITTED = ROOT / "workbook_templates" / "BaoCaoTTHC.xlsx"
CENTRE, LOCAL = SECTION_TITLES[("province",)], SECTION_TITLES[("district", "commune")]


def _october(tmp_path: Path) -> tuple[Report, Path]:
    report = build(tmp_path, CASES, units=THREE_LEVELS)
    path = tmp_path / "BaoCao_TTHC_2021-10.xlsx"
    write_workbook(report, Settings(), path)
    return report, path


def test_phan_shows_the_titles_and_the_ids_come_back(tmp_path: Path) -> None:
    report, path = _october(tmp_path)
    ws = load_workbook(path)["LichSu"]
    assert [ws.cell(r, 4).value for r in (3, 4)] == [LOCAL, CENTRE]
    assert [ws.cell(r, 23).value for r in (3, 4)] == ["local", "province"]
    assert ws.column_dimensions["W"].hidden
    assert [(h.period_label, h.section) for h in read_history(path)] == [
        ("Tháng 10/2021", "local"), ("Tháng 10/2021", "province")]  # fmt: skip
    assert list(read_history(path)) == list(report.history)


def test_a_workbook_with_ids_in_phan_is_still_read(tmp_path: Path) -> None:
    """Workbooks written before the titles: the id in "Phần", no hidden column."""
    _, path = _october(tmp_path)
    wb = load_workbook(path)
    ws = wb["LichSu"]
    for r, section in ((3, "local"), (4, "province")):
        ws.cell(r, 4).value, ws.cell(r, 23).value = section, None
    wb.save(path)
    assert [h.section for h in read_history(path)] == ["local", "province"]


def test_titles_read_without_the_id_column_map_back_to_ids(tmp_path: Path) -> None:
    """What the ribbon's macro reads (the block's first 22 columns): titles, which the next
    build gives their ids again, so that a month is replaced and not repeated."""
    report, path = _october(tmp_path)
    ws = load_workbook(path, data_only=True)["LichSu"]
    rows = ws.iter_rows(min_row=TABLE_FIRST, max_col=22, values_only=True)
    read = history_from_rows(rows)
    assert [h.section for h in read] == [LOCAL, CENTRE]
    fixed = with_section_ids(read, report.sections)
    assert [h.section for h in fixed] == ["local", "province"]
    november = build(tmp_path, CASES, units=THREE_LEVELS, month=(2021, 11), name="nov.csv")
    assert with_section_ids(fixed, november.sections) == fixed
    unknown = [replace(read[0], section="Một phần khác")]
    assert with_section_ids(unknown, report.sections) == unknown


def test_each_chart_sits_on_a_page_of_its_own_below_the_table(tmp_path: Path) -> None:
    report, path = _october(tmp_path)
    many = [
        HistoryRow(f"Tháng {m}", f"20{y:02d}-{m:02d}-01", f"20{y:02d}-{m:02d}-28", s, {}, None,
                   None, 0, 0)
        for y in (19, 20, 21) for m in range(1, 13) for s in ("province", "local")
    ]  # fmt: skip
    for rows, name in ((list(report.history), "a.xlsx"), (many, "b.xlsx")):
        out = tmp_path / name
        write_workbook(report, Settings(), out, rows)
        ws = load_workbook(out)["LichSu"]
        last_table_row = TABLE_FIRST + max(len(rows), CHART_MONTHS * CHART_SECTIONS) - 1
        breaks = sorted(b.id for b in ws.row_breaks.brk)
        assert len(breaks) == 2 and breaks[0] >= last_table_row
        charts = sorted(ws._charts, key=lambda c: c.anchor._from.row)
        for chart, start, stop in zip(charts, breaks, [*breaks[1:], 10**6], strict=True):
            top, bottom = chart.anchor._from.row, chart.anchor.to.row  # 0-based rows
            assert start <= top and bottom < stop
            assert (chart.anchor._from.col, chart.anchor.to.col) == (0, 22)
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        area_end = int(ws.print_area.split("$")[-1])
        assert area_end > charts[-1].anchor.to.row


def test_lichsu_prints_on_three_pages(tmp_path: Path) -> None:
    _, path = _october(tmp_path)
    pages = printed_pages(path, ["LichSu"], tmp_path / "print")
    assert len(pages) == 3
    assert "LỊCH SỬ SỐ LIỆU THEO THÁNG" in pages[0] and CENTRE in pages[0]
    assert "Tỷ lệ giải quyết đúng hạn theo tháng" in pages[1]
    assert "Tỷ lệ đúng hạn theo huyện" in pages[2]


def test_the_template_carries_the_history_layout() -> None:
    """What the ribbon button fills: the hidden id column and the charts' data headers are
    the template's own, not added by the command line's writer."""
    ws = load_workbook(COMMITTED)["LichSu"]
    assert (ws["D2"].value, ws["W2"].value) == ("Phần", "_Phan")
    assert ws.column_dimensions["W"].hidden and ws.column_dimensions["AG"].hidden
    assert (ws["Z2"].value, ws["AE2"].value, ws["AF2"].value) == ("Tháng", "Huyện",
                                                                  "Tỷ lệ đúng hạn")  # fmt: skip
    assert len(ws._charts) == 2 and len(ws.row_breaks.brk) == 2
