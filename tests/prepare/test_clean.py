"""Values of a case list (docs/inputs.md, "Values", "What bad input gets", and the
duplicates rule of "Files").  The word lists are written out here, from docs/inputs.md,
not imported from schema.py, so that a word missing from the package fails a test."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.support.cases import write_csv
from tthc_report.api import Loaded, load_files
from tthc_report.model import DataCheck

TS = pd.Timestamp
NAT = pd.NaT
H = ["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả"]


def load_csv(tmp_path: Path, header: list[str], rows: Sequence[Sequence[object]]) -> Loaded:
    return load_files([write_csv(tmp_path / "ds.csv", [header, *rows])])


def variants(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Each word as written, upper case, and decomposed (NFD) as some exports write it."""
    out = []
    for key, words in table.items():
        for w in words:
            for v in dict.fromkeys([w, w.upper(), unicodedata.normalize("NFD", w)]):
                out.append((v, key))
    return out


def ids(params: list[tuple[str, str]]) -> list[str]:
    return [
        ("" if unicodedata.is_normalized("NFC", w) else "NFD ") + unicodedata.normalize("NFC", w)
        for w, _ in params
    ]


# --- dates -----------------------------------------------------------------------------------

TEXT_DATES = [
    ("03/04/2021", TS(2021, 4, 3)),
    ("3/4/2021", TS(2021, 4, 3)),
    ("12/01/2021", TS(2021, 1, 12)),
    ("01/12/2021", TS(2021, 12, 1)),
    ("03/04/2021 08:30", TS(2021, 4, 3, 8, 30)),
    ("03/04/2021 08:30:15", TS(2021, 4, 3, 8, 30, 15)),
    ("08:30 03/04/2021", TS(2021, 4, 3, 8, 30)),
    ("2021-04-03", TS(2021, 4, 3)),
    ("2021-04-03 08:30", TS(2021, 4, 3, 8, 30)),
    ("2021-04-03 08:30:15", TS(2021, 4, 3, 8, 30, 15)),
    ("03-04-2021", TS(2021, 4, 3)),
    ("44289", TS(2021, 4, 3)),
    ("44289.5", TS(2021, 4, 3, 12)),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_DATES, ids=[t for t, _ in TEXT_DATES])
def test_text_date_forms_day_first(tmp_path: Path, text: str, expected: pd.Timestamp) -> None:
    loaded = load_csv(tmp_path, H, [["HS-1", "Xã A", text, "30/12/2021"]])
    assert loaded.checks == ()
    assert loaded.resolved.cases["received"].tolist() == [expected]


def test_real_excel_dates_and_serial_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*H, "Ngày có kết quả", "Ngày trả kết quả", "Ngày trả lại/rút"])
    ws.append(
        ["HS-1", "Xã A", dt.datetime(2021, 4, 3, 8, 30), 44300, 44295.75, dt.date(2021, 4, 10), 0]
    )
    ws["E2"].number_format = "dd/mm/yyyy hh:mm"
    wb.save(tmp_path / "ngay.xlsx")
    loaded = load_files([tmp_path / "ngay.xlsx"])
    assert loaded.checks == ()
    got = loaded.resolved.cases[["received", "due", "result_date", "delivered", "stopped"]]
    assert got.to_dict("records") == [
        {"received": TS(2021, 4, 3, 8, 30), "due": TS(2021, 4, 14),
         "result_date": TS(2021, 4, 9, 18), "delivered": TS(2021, 4, 10), "stopped": NAT}
    ]  # fmt: skip


@pytest.mark.parametrize("token", ["", "-", "--", "0", " - "])
def test_no_date_tokens(tmp_path: Path, token: str) -> None:
    header = [*H, "Ngày có kết quả", "Ngày trả kết quả"]
    rows = [["HS-1", "Xã A", "01/09/2021", "05/09/2021", token, token],
            ["HS-2", "Xã A", token, "05/09/2021", "", ""]]  # fmt: skip
    loaded = load_csv(tmp_path, header, rows)
    cases = loaded.resolved.cases
    assert cases[["code", "result_date", "delivered", "status"]].to_dict("records") == [
        {"code": "HS-1", "result_date": NAT, "delivered": NAT, "status": "processing"}
    ]
    # a blank received date is a missing value, not an unreadable one
    assert [(c.row, c.column, c.code) for c in loaded.checks] == [
        (3, "Ngày tiếp nhận", "missing_required")
    ]


def test_unreadable_dates_exclude_the_row_and_say_where(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hồ sơ T9"
    ws.append(["DANH SÁCH HỒ SƠ"])
    ws.append([])
    ws.append(["Mã HS", "BPMC", "Ngày nhận hồ sơ", "Hạn xử lý", "Ngày hoàn thành"])
    ws.append(["HS-1", "Xã A", "03/09/2021", "10/09/2021", None])
    ws.append(["HS-2", "Xã A", "31/09/2021", "10/09/2021", None])
    ws.append(["HS-3", "Xã A", "03/09/2021", "10/09/2021", "hôm qua"])
    wb.save(tmp_path / "ngay_sai.xlsx")
    loaded = load_files([tmp_path / "ngay_sai.xlsx"])
    tail = " (cần dạng ngày/tháng/năm, ví dụ 21/9/2021): hồ sơ bị loại khỏi số liệu."
    assert list(loaded.checks) == [
        DataCheck("error", "ngay_sai.xlsx", "Hồ sơ T9", 5, "Ngày nhận hồ sơ", "31/09/2021",
                  "Không đọc được ngày tiếp nhận '31/09/2021'" + tail, "unreadable_date"),
        DataCheck("error", "ngay_sai.xlsx", "Hồ sơ T9", 6, "Ngày hoàn thành", "hôm qua",
                  "Không đọc được ngày có kết quả 'hôm qua'" + tail, "unreadable_date"),
    ]  # fmt: skip
    assert loaded.excluded == 2 and loaded.rows_read == 3
    assert loaded.resolved.cases["code"].tolist() == ["HS-1"]


# --- words -----------------------------------------------------------------------------------

STATUS = variants({
    "processing": ["đang xử lý", "đang giải quyết", "chờ bổ sung", "tạm dừng"],
    "resolved": ["đã có kết quả", "hoàn thành", "đã giải quyết", "đã trả kết quả", "đã trả"],
    "returned": ["trả lại", "từ chối", "không giải quyết", "trả lại hồ sơ"],
    "withdrawn": ["rút", "rút hồ sơ", "công dân rút", "xin rút"],
    "cancelled": ["hủy", "đã hủy", "nhập sai", "Đã huỷ"],
})  # fmt: skip


@pytest.mark.parametrize(("written", "expected"), STATUS, ids=ids(STATUS))
def test_status_words(tmp_path: Path, written: str, expected: str) -> None:
    result = "05/09/2021" if expected == "resolved" else ""
    stopped = "06/09/2021" if expected in ("returned", "withdrawn") else ""
    header = [*H, "Ngày có kết quả", "Ngày trả lại/rút", "Trạng thái"]
    loaded = load_csv(tmp_path, header, [["HS-1", "Xã A", "01/09/2021", "10/09/2021", result,
                                          stopped, written]])  # fmt: skip
    assert loaded.resolved.cases["status"].tolist() == [expected]
    assert [c.code for c in loaded.checks] == (["cancelled"] if expected == "cancelled" else [])


CHANNEL = variants({
    "direct": ["trực tiếp"],
    "online": ["trực tuyến", "online", "qua mạng", "DVC trực tuyến", "nộp trực tuyến"],
    "postal": ["bưu chính", "BCCI", "qua bưu điện", "dịch vụ bưu chính công ích"],
})  # fmt: skip


@pytest.mark.parametrize(("written", "expected"), CHANNEL, ids=ids(CHANNEL))
def test_channel_words(tmp_path: Path, written: str, expected: str) -> None:
    loaded = load_csv(tmp_path, [*H, "Hình thức nộp"],
                      [["HS-1", "Xã A", "01/09/2021", "10/09/2021", written]])  # fmt: skip
    assert loaded.resolved.cases["channel"].tolist() == [expected]
    assert loaded.checks == ()


ONLINE_LEVEL = variants({
    "partial": ["3", "mức độ 3", "một phần", "DVCTT một phần"],
    "full": ["4", "mức độ 4", "toàn trình", "DVCTT toàn trình"],
})  # fmt: skip


@pytest.mark.parametrize(("written", "expected"), ONLINE_LEVEL, ids=ids(ONLINE_LEVEL))
def test_online_level_words(tmp_path: Path, written: str, expected: str) -> None:
    row = ["HS-1", "Xã A", "01/09/2021", "10/09/2021", "Trực tuyến", written]
    loaded = load_csv(tmp_path, [*H, "Hình thức nộp", "Mức độ"], [row])
    assert loaded.resolved.cases["online_level"].tolist() == [expected]
    assert loaded.checks == ()


LEVEL = variants({
    "province": ["tỉnh", "cấp tỉnh"],
    "district": ["huyện", "cấp huyện", "thành phố/thị xã thuộc tỉnh"],
    "commune": ["xã", "phường", "thị trấn", "cấp xã"],
})  # fmt: skip


@pytest.mark.parametrize(("written", "expected"), LEVEL, ids=ids(LEVEL))
def test_level_words(tmp_path: Path, written: str, expected: str) -> None:
    """The unit's name says no level ('Đơn vị thử'): the level comes from the column."""
    loaded = load_csv(tmp_path, [*H, "Cấp"],
                      [["HS-1", "Đơn vị thử", "01/09/2021", "10/09/2021", written]])  # fmt: skip
    cases = loaded.resolved.cases
    assert (cases["level_raw"].tolist(), cases["level"].tolist()) == ([expected], [expected])
    assert loaded.checks == ()


def test_unknown_words_are_warnings_and_the_row_is_kept(tmp_path: Path) -> None:
    header = [*H, "Hình thức nộp", "Trạng thái"]
    loaded = load_csv(tmp_path, header, [["HS-1", "Xã A", "01/09/2021", "10/09/2021", "fax", "lạ"]])
    assert [(c.level, c.column, c.value, c.code) for c in loaded.checks] == [
        ("warning", "Hình thức nộp", "fax", "unknown_channel"),
        ("warning", "Trạng thái", "lạ", "unknown_status"),
    ]
    assert loaded.resolved.cases[["channel", "status"]].to_dict("records") == [
        {"channel": "direct", "status": "processing"}
    ]


# --- duplicates ------------------------------------------------------------------------------

DUP_H = [*H, "Ngày có kết quả", "Trạng thái"]


def test_identical_rows_in_two_files_are_merged_silently(tmp_path: Path) -> None:
    rows = [["HS-1", "Xã A", "01/09/2021", "10/09/2021", "05/09/2021", "Đã có kết quả"],
            ["HS-2", "Xã A", "02/09/2021", "10/09/2021", "", "Đang xử lý"]]  # fmt: skip
    a = write_csv(tmp_path / "dot1.csv", [DUP_H, *rows])
    third = ["HS-3", "Xã A", "03/09/2021", "10/09/2021", "", ""]
    b = write_csv(tmp_path / "dot2.csv", [["Xuất lần 2"], DUP_H, rows[1], third])
    loaded = load_files([a, b])
    assert loaded.checks == ()
    assert loaded.duplicates_merged == 1 and loaded.excluded == 0 and loaded.rows_read == 4
    assert loaded.resolved.cases["code"].tolist() == ["HS-1", "HS-2", "HS-3"]


def test_differing_rows_resolve_to_the_later_facts_with_a_warning(tmp_path: Path) -> None:
    """The row with a finished date is in the first file: the file order does not decide."""
    newer = ["HS-1", "Xã A", "01/09/2021", "10/09/2021", "08/09/2021", "Đã có kết quả"]
    older = ["HS-1", "Xã A", "01/09/2021", "10/09/2021", "", "Đang xử lý"]
    other = ["HS-0", "Xã A", "01/09/2021", "09/09/2021", "", ""]
    a = write_csv(tmp_path / "moi.csv", [DUP_H, other, newer])
    b = write_csv(tmp_path / "cu.csv", [["Xuất lần trước"], DUP_H, older])
    loaded = load_files([a, b])
    cases = loaded.resolved.cases
    got = cases[["code", "result_date", "status", "source_file", "source_row"]]
    assert got.to_dict("records") == [
        {"code": "HS-0", "result_date": NAT, "status": "processing", "source_file": "moi.csv",
         "source_row": 2},
        {"code": "HS-1", "result_date": TS(2021, 9, 8), "status": "resolved",
         "source_file": "moi.csv", "source_row": 3},
    ]  # fmt: skip
    assert loaded.duplicates_merged == 1
    (check,) = loaded.checks
    assert (check.level, check.file, check.row, check.value, check.code) == (
        "warning", "cu.csv", 3, "HS-1", "duplicate_conflict"
    )  # fmt: skip
    assert "dòng 3 (moi.csv)" in check.message


# --- bad and odd values ----------------------------------------------------------------------


def test_missing_required_values_exclude_the_row(tmp_path: Path) -> None:
    loaded = load_csv(tmp_path, H, [
        ["HS-1", "Xã A", "01/09/2021", "10/09/2021"],
        ["", "Xã A", "01/09/2021", "10/09/2021"],
        ["HS-3", "  ", "01/09/2021", "10/09/2021"],
        ["HS-4", "Xã A", "", "10/09/2021"],
        ["HS-5", "Xã A", "01/09/2021", "-"],
    ])  # fmt: skip
    assert [(c.level, c.row, c.column, c.code) for c in loaded.checks] == [
        ("error", 3, "Mã hồ sơ", "missing_required"),
        ("error", 4, "Đơn vị tiếp nhận", "missing_required"),
        ("error", 5, "Ngày tiếp nhận", "missing_required"),
        ("error", 6, "Ngày hẹn trả", "missing_required"),
    ]
    assert [c.message for c in loaded.checks][
        1
    ] == "Thiếu đơn vị tiếp nhận: hồ sơ bị loại khỏi số liệu."
    assert loaded.excluded == 4 and loaded.resolved.cases["code"].tolist() == ["HS-1"]


@pytest.mark.parametrize("text", ["=SUM(A1)", "+84912345678", "@x", "-abc"])
def test_formula_like_text_is_kept_as_text_and_listed(tmp_path: Path, text: str) -> None:
    header = [*H, "Cơ quan thụ lý", "Thủ tục"]
    loaded = load_csv(tmp_path, header, [["HS-1", text, "01/09/2021", "10/09/2021", text, text]])
    cases = loaded.resolved.cases
    assert cases[["unit_raw", "unit", "agency", "procedure"]].to_dict("records") == [
        {"unit_raw": text, "unit": text, "agency": text, "procedure": text}
    ]
    assert [(c.level, c.row, c.column, c.value, c.code) for c in loaded.checks] == [
        ("info", 2, "Cơ quan thụ lý", text, "formula_like"),
        ("info", 2, "Thủ tục", text, "formula_like"),
        ("info", 2, "Đơn vị tiếp nhận", text, "formula_like"),
    ]


def test_contradicting_facts_are_kept_and_listed_as_warnings(tmp_path: Path) -> None:
    header = [*H, "Ngày có kết quả", "Ngày trả kết quả"]
    loaded = load_csv(tmp_path, header, [
        ["C-1", "Xã A", "10/09/2021", "20/09/2021", "05/09/2021", ""],
        ["C-2", "Xã A", "10/09/2021", "08/09/2021", "", ""],
        ["C-3", "Xã A", "10/09/2021", "20/09/2021", "15/09/2021", "14/09/2021"],
    ])  # fmt: skip
    assert [(c.level, c.row, c.column, c.value, c.code) for c in loaded.checks] == [
        ("warning", 2, "Ngày có kết quả", "05/09/2021", "finished_before_received"),
        ("warning", 3, "Ngày hẹn trả", "08/09/2021", "due_before_received"),
        ("warning", 4, "Ngày trả kết quả", "14/09/2021", "delivered_before_result"),
    ]
    assert loaded.excluded == 0
    cases = loaded.resolved.cases
    assert cases[["code", "due", "finished", "delivered", "status"]].to_dict("records") == [
        {"code": "C-1", "due": TS(2021, 9, 20), "finished": TS(2021, 9, 5), "delivered": NAT,
         "status": "resolved"},
        {"code": "C-2", "due": TS(2021, 9, 8), "finished": NAT, "delivered": NAT,
         "status": "processing"},
        {"code": "C-3", "due": TS(2021, 9, 20), "finished": TS(2021, 9, 15),
         "delivered": TS(2021, 9, 14), "status": "resolved"},
    ]  # fmt: skip
