"""The ribbon macro (excel/macro.py) and its writer (excel/xlwings_writer.py) on xlwings'
real remote engine (XLWINGS_LICENSE_KEY=noncommercial, tests only).

The calling workbook is the committed template with cases pasted into HoSo (and units into
DanhMucDonVi), as staff would.  The macro's writes (``book.json()`` actions) are applied to
that workbook's cells and the result must equal, cell for cell, the workbook the openpyxl
writer (the CLI's) makes of the same data; the macro's plan must equal the CLI's plan.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from tests.support.cases import THREE_LEVELS, build
from tests.support.hoso import hoso_values
from tests.support.paths import ROOT, WORKED
from tests.support.xlwings_payload import from_action, payload_from_workbook
from tthc_report.addin import macro
from tthc_report.addin.xlwings_writer import excel_text
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.prepare.words import LEVEL_NAMES
from tthc_report.read.columns import COLUMNS
from tthc_report.workbook import formulas
from tthc_report.workbook import layout as L
from tthc_report.workbook.case_rows import KEYS
from tthc_report.workbook.openpyxl_writer import apply_plan, open_template, write_workbook
from tthc_report.workbook.plan import Plan, make_plan

TEMPLATE = ROOT / "workbook_templates" / "BaoCaoTTHC.xlsx"
Cells = dict[str, dict[tuple[int, int], object]]
WRITES = ("setValues", "setFormula")


# --- the calling workbook and what the writes make of it -----------------------------------


def pasted(
    data_only: bool, cases: Sequence[Sequence[Any]], units: Sequence[Sequence[Any]] = ()
) -> Workbook:
    """The template with case rows (A-O) and catalog rows (A-D) pasted from row 2."""
    wb = load_workbook(TEMPLATE, data_only=data_only)
    for sheet, rows in (("HoSo", cases), ("DanhMucDonVi", units)):
        ws = wb[sheet]
        for i, row in enumerate(rows, 2):
            for j, v in enumerate(row, 1):
                ws.cell(i, j, v)
    return wb


def _norm(v: object) -> object:
    if isinstance(v, ArrayFormula):
        return ("array", v.ref, v.text)
    if v == "":
        return None
    if isinstance(v, date) and not isinstance(v, datetime):
        return datetime(v.year, v.month, v.day)
    return v


def cells_of(wb: Workbook) -> Cells:
    return {
        ws.title: {k: _norm(c.value) for k, c in ws._cells.items() if _norm(c.value) is not None}
        for ws in wb.worksheets
    }


def _stored(v: object) -> object:
    """What Excel stores for a value written as ``v``: a leading apostrophe marks text."""
    v = from_action(v)
    return v[1:] if isinstance(v, str) and v.startswith("'") else v


def after_actions(base: Cells, sheets: list[str], actions: list[dict[str, Any]]) -> Cells:
    """The cells of ``base`` after the writes and clears of ``actions``."""
    out = {s: dict(c) for s, c in base.items()}
    for a in actions:
        if a["func"] not in (*WRITES, "rangeClearContents", "setFormulaArray"):
            continue
        cells = out[sheets[a["sheet_position"]]]
        r0, c0 = a["start_row"] + 1, a["start_column"] + 1
        if a["func"] == "setFormulaArray":  # the array's formula lives in its first cell
            ref = f"{L.col(c0)}{r0}:{L.col(c0 + a['column_count'] - 1)}{r0 + a['row_count'] - 1}"
            cells[(r0, c0)] = ("array", ref, a["args"][0])
            continue
        if a["func"] == "rangeClearContents":
            for r in range(r0, r0 + a["row_count"]):
                for c in range(c0, c0 + a["column_count"]):
                    cells.pop((r, c), None)
            continue
        for i, row in enumerate(a["values"]):
            for j, v in enumerate(row):
                value = _stored(v)
                if value is None:
                    cells.pop((r0 + i, c0 + j), None)
                else:
                    cells[(r0 + i, c0 + j)] = value
    return out


def formats_of(sheets: list[str], actions: list[dict[str, Any]]) -> dict[tuple, str]:
    out: dict[tuple, str] = {}
    for a in actions:
        if a["func"] == "setNumberFormat":
            r0, c0 = a["start_row"] + 1, a["start_column"] + 1
            for r in range(r0, r0 + a["row_count"]):
                for c in range(c0, c0 + a["column_count"]):
                    out[(sheets[a["sheet_position"]], r, c)] = a["args"][0]
    return out


def names_of(actions: list[dict[str, Any]]) -> dict[str, str]:
    out = {}
    for a in actions:
        if a["func"] == "namesAdd":
            out[a["args"][0]] = a["args"][1]
        elif a["func"] == "setNameRefersTo":
            out[a["args"][0]] = a["args"][3]
    return out


def run_main(
    xw: Any, calling: Workbook | dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]], float]:
    payload = (
        calling if isinstance(calling, dict) else payload_from_workbook(calling, "BaoCaoTTHC.xlsx")
    )
    book = xw.Book(json=payload)
    book.set_mock_caller()
    start = time.perf_counter()
    macro.main()
    return payload, book.json()["actions"], time.perf_counter() - start


def openpyxl_workbook(plan: Plan) -> Workbook:
    """What ``write_workbook`` writes for ``plan``, in memory (not saved)."""
    wb = open_template(plan, None)
    apply_plan(wb, plan)
    return wb


def assert_same_as_openpyxl(
    payload: dict[str, Any], actions: list[dict[str, Any]], base: Workbook, plan: Plan
) -> None:
    """The macro's result equals the openpyxl writer's workbook of ``plan`` cell for cell;
    dates carry its number formats; the HoSo/DanhMucDonVi names are its names."""
    sheets = [s["name"] for s in payload["sheets"]]
    before = cells_of(base)
    got = after_actions(before, sheets, actions)
    want_wb = openpyxl_workbook(plan)
    want = cells_of(want_wb)
    for sheet in L.SHEETS:
        keys = set(got[sheet]) | set(want[sheet])
        diff = {k: (got[sheet].get(k), want[sheet].get(k)) for k in keys
                if got[sheet].get(k) != want[sheet].get(k)}  # fmt: skip
        assert not diff, (sheet, len(diff), sorted(diff.items())[:5])
    formats = formats_of(sheets, actions)
    written = {(sheets[a["sheet_position"]], a["start_row"] + i + 1, a["start_column"] + j + 1)
               for a in actions if a["func"] in WRITES
               for i, row in enumerate(a["values"]) for j, _ in enumerate(row)}  # fmt: skip
    for sheet, r, c in written:
        if isinstance(want[sheet].get((r, c)), datetime):
            assert formats.get((sheet, r, c)) == want_wb[sheet].cell(r, c).number_format
    sized = {n: "=" + want_wb.defined_names[n].attr_text
             for n in (*L.sized_names(plan.sizes), *formulas.HISTOGRAM_NAMES)}  # fmt: skip
    assert names_of(actions) == sized
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1 and actions[-1] is alerts[0]
    message, title = alerts[0]["args"][:2]
    assert title == "Báo cáo TTHC" and message.startswith("Đã lập báo cáo")
    assert "chỉ lưu được khi chạy trong Excel trên Windows" in message


def macro_plan(xw: Any, payload: dict[str, Any]) -> Plan:
    """The plan the macro computes for a payload (reading only: the payload is unchanged)."""
    return macro.prepare_report(xw.Book(json=payload)).plan


def assert_plans_agree(mine: Plan, cli: Plan, same_files: bool = False) -> None:
    """The macro's plan is the CLI's.  When the macro read the HoSo sheet and the CLI the
    files (``same_files`` false), the data checks and HoSo's origin column name other
    places and are left out."""
    assert mine.scalars == cli.scalars and mine.overrides == cli.overrides
    assert (mine.sizes, mine.sections, mine.months, mine.districts) == (
        cli.sizes, cli.sections, cli.months, cli.districts,
    )  # fmt: skip
    origin = KEYS.index("origin")
    for name, rows in cli.blocks.items():
        if same_files:
            assert mine.blocks[name] == rows, name
        elif name == "HoSo_Dau":
            assert [r[:origin] for r in mine.blocks[name]] == [r[:origin] for r in rows]
        elif not name.startswith("KiemTra"):
            assert mine.blocks[name] == rows, name


# --- tests ---------------------------------------------------------------------------------


def test_worked_example(xw: Any) -> None:
    cases = [r[: len(COLUMNS)] for r in hoso_values(WORKED, 0)[1:]]
    payload = payload_from_workbook(pasted(True, cases), "BaoCaoTTHC.xlsx")
    plan = macro_plan(xw, payload)
    _, actions, _ = run_main(xw, payload)
    assert_same_as_openpyxl(payload, actions, pasted(False, cases), plan)
    report = build_report([WORKED], Settings(), month=(2021, 10))
    assert_plans_agree(plan, make_plan(report, Settings(), report.history))
    assert plan.blocks["BaoCao_Dau"] == [[p] for p in report.narrative]


def test_demo_month_equals_the_cli(xw: Any, demo_workbook: Any) -> None:
    """The issue's "done when": the demo's October (~59,000 HoSo rows)."""
    report = demo_workbook.report  # `tthc-report build` on the demo's exports and catalog
    cli = make_plan(report, demo_workbook.settings, report.history)  # as cli.cmd_build
    cases, units = cli.blocks["HoSo_Dau"], cli.blocks["DanhMuc_Dau"]
    assert len(cases) > 50_000
    start = time.perf_counter()
    payload = payload_from_workbook(pasted(True, cases, units), "BaoCaoTTHC.xlsx")
    plan = macro_plan(xw, payload)
    _, actions, seconds = run_main(xw, payload)
    assert_plans_agree(plan, cli)
    assert_same_as_openpyxl(payload, actions, pasted(False, cases, units), plan)
    total = time.perf_counter() - start
    print(f"\nmacro {seconds:.1f}s, test {total:.1f}s, {len(actions)} actions")
    assert seconds < 60


def test_a_second_run_clears_what_the_first_left(xw: Any, tmp_path: Path) -> None:
    """The button pressed on last month's report workbook for the next month: blocks that
    got shorter (cases, paragraphs, checks) leave nothing behind; LichSu keeps October."""
    october = build_report([WORKED], Settings(), month=(2021, 10))
    path = tmp_path / "BaoCao_TTHC_2021-10.xlsx"
    write_workbook(october, Settings(), path, october.history)
    calling, base = load_workbook(path, data_only=True), load_workbook(path)
    for wb in (calling, base):
        wb["ThamSo"]["B4"] = datetime(2021, 12, 1)
    payload = payload_from_workbook(calling, path.name)
    plan = macro_plan(xw, payload)
    _, actions, _ = run_main(xw, payload)
    assert_same_as_openpyxl(payload, actions, base, plan)
    before = make_plan(october, Settings(), october.history)
    for name in ("HoSo_Dau", "BaoCao_Dau"):
        assert 0 < len(plan.blocks[name]) < len(before.blocks[name]), name
    months = [r[0] for r in plan.blocks["LichSu_Dau"]]
    assert months == ["Tháng 10/2021"] * 2 + ["Tháng 12/2021"] * 2


def test_missing_column_is_one_alert_and_no_write(xw: Any) -> None:
    cases = [r[: len(COLUMNS)] for r in hoso_values(WORKED, 0)[1:]]
    calling = pasted(True, cases)
    calling["HoSo"]["H1"] = None  # "Ngày tiếp nhận"
    _, actions, _ = run_main(xw, calling)
    assert [a["func"] for a in actions] == ["alert"]
    message, title = actions[0]["args"][:2]
    assert title == "Báo cáo TTHC"
    assert "Ngày tiếp nhận" in message and "trang HoSo" in message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda wb: wb["ThamSo"].__setitem__("B4", "tháng mười"), "Không hiểu tháng"),
        (lambda wb: wb.remove(wb["LichSu"]), "không có trang LichSu"),
        (lambda wb: wb["HoSo"].delete_rows(2, 50), "chưa có hồ sơ nào"),
        # text in the start-day cell: the setting is named
        (lambda wb: wb["ThamSo"].__setitem__("B5", "abc"), "start_day (trang ThamSo)"),
    ],
)
def test_refusals_write_nothing(xw: Any, change: Any, words: str) -> None:
    calling = pasted(True, [r[: len(COLUMNS)] for r in hoso_values(WORKED, 0)[1:]])
    change(calling)
    _, actions, _ = run_main(xw, calling)
    assert [a["func"] for a in actions] == ["alert"]
    assert words in actions[0]["args"][0]
    if "không mong muốn" in words:
        assert "Bảng tính chưa bị thay đổi" in actions[0]["args"][0]


def test_units_missing_from_chitiet_get_their_rows(xw: Any, tmp_path: Path) -> None:
    """A workbook written by `tthc-report build` has ChiTiet rows (and TinhToan bins) for
    its own month only; a month with more units grows them, and the result is what the
    command line writes for that month."""
    small = build_report([WORKED], Settings(), month=(2021, 10))
    path = tmp_path / "small.xlsx"
    write_workbook(small, Settings(), path)
    cases = [
        {"unit": "Xã Đồng Thịnh", "received": "2021-10-01", "due": "2021-10-05"},
        {"unit": "Huyện Sông Lô", "received": "2021-10-02", "due": "2021-10-06"},
        {"unit": "Xã Tứ Yên", "received": "2021-10-03", "due": "2021-10-30"},
    ]  # fmt: skip
    build(tmp_path, cases, units=THREE_LEVELS)
    calling, base = load_workbook(path, data_only=True), load_workbook(path)
    for wb in (calling, base):
        for i, row in enumerate(hoso_values(tmp_path / "cases.csv", 0)[1:], 2):
            for j, v in enumerate(row[: len(COLUMNS)], 1):
                wb["HoSo"].cell(i, j, v)
        for i, (n, lv, p) in enumerate(THREE_LEVELS, 2):
            for j, v in enumerate([f"DV{i}", n, LEVEL_NAMES[lv], p], 1):
                wb["DanhMucDonVi"].cell(i, j, v)
    payload = payload_from_workbook(calling, path.name)
    plan = macro_plan(xw, payload)
    before = make_plan(small, Settings(), small.history).sizes
    assert plan.sizes.rows > before.rows and plan.sizes.bins > before.bins
    _, actions, _ = run_main(xw, payload)
    assert_same_as_openpyxl(payload, actions, base, plan)
    names = [r[1] for r in plan.blocks["ChiTiet_Dau"]]
    assert {"Huyện Sông Lô", "Xã Đồng Thịnh", "Xã Tứ Yên", "Xã Liên Châu"} <= set(names)


def test_check_writes_only_the_data_checks(xw: Any) -> None:
    rows = hoso_values(WORKED, 0)[1:]
    cases = [r[: len(COLUMNS)] for r in rows]
    cases[2][7] = "ngày 5"  # a received date that is no date: an error row
    payload = payload_from_workbook(pasted(True, cases), "BaoCaoTTHC.xlsx")
    plan = macro_plan(xw, payload)
    book = xw.Book(json=payload)
    book.set_mock_caller()
    macro.check()
    actions = book.json()["actions"]
    sheets = [s["name"] for s in payload["sheets"]]
    touched = {sheets[a["sheet_position"]] for a in actions if a["sheet_position"] is not None}
    assert touched == {"KiemTraDuLieu"}
    base = cells_of(pasted(False, cases))
    got = after_actions(base, sheets, actions)["KiemTraDuLieu"]
    want_wb = openpyxl_workbook(plan)
    assert got == cells_of(want_wb)["KiemTraDuLieu"]
    assert any(r[0] == "Lỗi" and r[3] == 4 for r in plan.blocks["KiemTra_Dau"])
    alert = actions[-1]
    assert alert["func"] == "alert" and alert["args"][1] == "Báo cáo TTHC"
    assert alert["args"][0].startswith("Đọc 13 dòng") and "1 dòng lỗi" in alert["args"][0]


def test_copy_never_overwrites(tmp_path: Path) -> None:
    assert macro.copy_path(tmp_path, 2021, 10).name == "BaoCao_TTHC_2021-10.xlsx"
    (tmp_path / "BaoCao_TTHC_2021-10.xlsx").write_bytes(b"")
    (tmp_path / "BaoCao_TTHC_2021-10 (2).xlsx").write_bytes(b"")
    assert macro.copy_path(tmp_path, 2021, 10).name == "BaoCao_TTHC_2021-10 (3).xlsx"


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("0012", "'0012"), ("2021-10", "'2021-10"), ("TRUE", "'TRUE"),
     ("'x", "''x"), ("-", "'-"), ("Sở Tư pháp", "Sở Tư pháp"), ("Tháng 10/2021", "Tháng 10/2021"),
     ("000.00.30.H62-210521-0007", "000.00.30.H62-210521-0007")],
)  # fmt: skip
def test_text_stays_text(text: str, written: str) -> None:
    assert excel_text(text) == written
