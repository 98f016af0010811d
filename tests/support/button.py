"""Running the ribbon buttons on xlwings' remote engine, and what their writes make of the
calling workbook: the cells after the actions, to compare cell for cell with the workbook
the openpyxl writer (the command line's) makes of the same plan."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from tests.support.paths import TEMPLATE
from tthc_report.addin import macro
from tthc_report.testing.xlwings_payload import from_action, payload_from_workbook
from tthc_report.workbook import formulas
from tthc_report.workbook import layout as L
from tthc_report.workbook.case_rows import KEYS
from tthc_report.workbook.openpyxl_writer import apply_plan, open_template
from tthc_report.workbook.plan import Plan

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
    for sheet in L.ALL_SHEETS:
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
