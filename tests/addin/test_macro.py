"""The ribbon macro (addin/macro.py) and its writer (addin/xlwings_writer.py) on xlwings'
real remote engine (XLWINGS_LICENSE_KEY=noncommercial, tests only).

The calling workbook is the committed template with cases pasted into HoSo (and units into
DanhMucDonVi), as staff would.  The macro's writes (``book.json()`` actions) are applied to
that workbook's cells and the result must equal, cell for cell, the workbook the openpyxl
writer (the CLI's) makes of the same data; the macro's plan must equal the CLI's plan.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from tests.support.button import (
    after_actions,
    assert_plans_agree,
    assert_same_as_openpyxl,
    cells_of,
    macro_plan,
    openpyxl_workbook,
    pasted,
    run_main,
)
from tests.support.cases import THREE_LEVELS, build
from tests.support.hoso import hoso_values
from tests.support.paths import WORKED
from tthc_report.addin import macro
from tthc_report.addin.xlwings_writer import excel_text
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.outputs import free_report_path
from tthc_report.prepare.words import LEVEL_NAMES
from tthc_report.read.columns import COLUMNS
from tthc_report.testing.xlwings_payload import payload_from_workbook
from tthc_report.workbook.openpyxl_writer import write_workbook
from tthc_report.workbook.plan import make_plan

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
    message = alert["args"][0]
    assert message.startswith("Đã đọc trang HoSo: 13 dòng") and "1 dòng lỗi" in message


def test_copy_never_overwrites(tmp_path: Path) -> None:
    assert free_report_path(tmp_path, 2021, 10, ".xlsx").name == "BaoCao_TTHC_2021-10.xlsx"
    (tmp_path / "BaoCao_TTHC_2021-10.xlsx").write_bytes(b"")
    (tmp_path / "BaoCao_TTHC_2021-10 (2).xlsx").write_bytes(b"")
    third = free_report_path(tmp_path, 2021, 10, ".xlsx")
    assert third.name == "BaoCao_TTHC_2021-10 (3).xlsx"
    assert free_report_path(tmp_path, 2021, 10, ".docx").name == "BaoCao_TTHC_2021-10.docx"


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("0012", "'0012"), ("2021-10", "'2021-10"), ("TRUE", "'TRUE"),
     ("'x", "''x"), ("-", "'-"), ("Sở Tư pháp", "Sở Tư pháp"), ("Tháng 10/2021", "Tháng 10/2021"),
     ("000.00.30.H62-210521-0007", "000.00.30.H62-210521-0007")],
)  # fmt: skip
def test_text_stays_text(text: str, written: str) -> None:
    assert excel_text(text) == written


def test_the_document_is_saved_beside_the_workbook_never_over_one(xw: Any, tmp_path: Path) -> None:
    """The button saves BaoCao_TTHC_<yyyy>-<mm>.docx beside a saved workbook, (2) beside an
    older one; a workbook with no folder (the remote engine's) is told why not."""
    cases = [r[: len(COLUMNS)] for r in hoso_values(WORKED, 0)[1:]]
    payload = payload_from_workbook(pasted(True, cases), "BaoCaoTTHC.xlsx")
    prepared = macro.prepare_report(xw.Book(json=payload))
    saved = SimpleNamespace(fullname=str(tmp_path / "BaoCaoTTHC.xlsx"), name="BaoCaoTTHC.xlsx")
    first = macro.save_document(saved, prepared)
    second = macro.save_document(saved, prepared)
    assert first == "Đã lưu văn bản BaoCao_TTHC_2021-10.docx cạnh bảng tính."
    assert second == "Đã lưu văn bản BaoCao_TTHC_2021-10 (2).docx cạnh bảng tính."
    text = "\n".join(
        p.text for p in docx.Document(tmp_path / "BaoCao_TTHC_2021-10.docx").paragraphs
    )
    assert prepared.report.narrative[1] in text
    _, actions, _ = run_main(xw, payload)
    message = actions[-1]["args"][0]
    assert "Không lưu văn bản BaoCao_TTHC_2021-10.docx: bảng tính chưa được lưu" in message
