"""File shapes, header detection and unreadable files (docs/inputs.md, "Files", "The header
row", "What bad input gets").  Fixtures are written into tmp_path; only .xls, .ods and the
password-protected workbook are committed (tests/data/make_fixtures.py)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import shutil
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.support.paths import DATA
from tthc_report.api import load_files
from tthc_report.demo.exports import to_cp1258
from tthc_report.errors import InputError
from tthc_report.read.columns import COLUMNS
from tthc_report.read.files import read_case_files, read_file
from tthc_report.read.tables import RawTable

REQUIRED = ["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả"]
TS = pd.Timestamp


def write_xlsx(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8", sep: str = ",") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    return to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8", sep: str = ","
) -> Path:
    path.write_bytes(csv_bytes(rows, encoding, sep))
    return path


def facts(path: Path, *cols: str) -> list[dict[str, object]]:
    cases = load_files([path]).resolved.cases
    return cases[list(cols)].to_dict("records")


# --- file shapes -----------------------------------------------------------------------------


def test_xlsx_header_below_titles_on_a_sheet_that_is_not_the_first(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["UBND TỈNH VĨNH PHÚC"], ["DANH SÁCH HỒ SƠ"], ["Từ ngày 01/09/2021 đến ngày 30/09/2021"],
        [], ["Thời điểm xuất: 01/10/2021 17:05"], []]  # fmt: skip
    rows += [["STT", *REQUIRED], [1, "HS-1", "Xã Tứ Yên", dt.datetime(2021, 9, 3, 8, 15),
                                 dt.datetime(2021, 9, 10)]]  # fmt: skip
    path = write_xlsx(tmp_path / "ds.xlsx", {"Thống kê": [["Tổng số", 1]], "Hồ sơ": rows})
    tables, missing = read_file(path)
    assert [(t.sheet, t.header_row, t.row_numbers.tolist()) for t in tables] == [("Hồ sơ", 7, [8])]
    assert tables[0].columns == {"code": 1, "unit": 2, "received": 3, "due": 4}
    assert [m.sheet for m in missing] == ["Thống kê"]
    assert facts(path, "code", "received", "due", "source_sheet", "source_row") == [
        {"code": "HS-1", "received": TS(2021, 9, 3, 8, 15), "due": TS(2021, 9, 10),
         "source_sheet": "Hồ sơ", "source_row": 8}
    ]  # fmt: skip


@pytest.mark.parametrize(("header_row", "found"), [(30, True), (31, False)])
def test_header_is_searched_in_the_first_30_rows(
    tmp_path: Path, header_row: int, found: bool
) -> None:
    rows = [[f"Dòng tiêu đề {i}"] for i in range(1, header_row)]
    rows += [REQUIRED, ["HS-1", "Xã Tứ Yên", "03/09/2021", "10/09/2021"]]
    path = write_xlsx(tmp_path / "dai.xlsx", {"DS": rows})
    if found:
        assert [t.row_numbers.tolist() for t in read_case_files([path])] == [[31]]
    else:
        with pytest.raises(InputError, match="30 dòng đầu"):
            read_case_files([path])


def test_xlsm(tmp_path: Path) -> None:
    plain = write_xlsx(
        tmp_path / "a.xlsx", {"DS": [REQUIRED, ["HS-1", "Xã A", "03/04/2021", 44300]]}
    )
    path = tmp_path / "macro.xlsm"
    xlsx_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    xlsm_type = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                assert xlsx_type in data
                data = data.replace(xlsx_type, xlsm_type)
            zout.writestr(item, data)
    assert facts(path, "code", "received", "due", "source_file") == [
        {"code": "HS-1", "received": TS(2021, 4, 3), "due": TS(2021, 4, 14),
         "source_file": "macro.xlsm"}
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["readers_cases.xls", "readers_cases.ods"])
def test_xls_and_ods(tmp_path: Path, name: str) -> None:
    """The committed fixtures (see make_fixtures.py): header on row 4 of the second sheet."""
    path = Path(shutil.copy(DATA / name, tmp_path / name))
    loaded = load_files([path])
    got = loaded.resolved.cases[["code", "unit", "received", "due", "result_date", "status",
                                 "online_level", "source_sheet", "source_row"]]  # fmt: skip
    assert got.to_dict("records") == [
        {"code": "HS-01", "unit": "Xã Đồng Thịnh", "received": TS(2021, 9, 3, 8, 15),
         "due": TS(2021, 9, 10), "result_date": TS(2021, 9, 8, 16), "status": "resolved",
         "online_level": "partial", "source_sheet": "Danh sách hồ sơ", "source_row": 5},
        {"code": "HS-02", "unit": "Xã Đồng Thịnh", "received": TS(2021, 9, 21),
         "due": TS(2021, 9, 24), "result_date": pd.NaT, "status": "processing",
         "online_level": "full", "source_sheet": "Danh sách hồ sơ", "source_row": 6},
    ]  # fmt: skip
    assert [(c.level, c.row, c.code) for c in loaded.checks] == [("info", 7, "not_a_case")]


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_encodings_and_separators(tmp_path: Path, encoding: str, sep: str) -> None:
    rows: list[list[object]] = [["DANH SÁCH HỒ SƠ - HUYỆN SÔNG LÔ"], ["Xuất ngày 01/10/2021"],
            ["STT", *REQUIRED, "Thủ tục", "Ngày có kết quả", "Trạng thái", "Hình thức nộp"],
            [1, "H1", "Xã Đồng Thịnh", "03/09/2021", "10/09/2021", "Cấp bản sao, chứng thực",
             "08/09/2021", "Đã có kết quả", "Trực tuyến"]]  # fmt: skip
    path = write_csv(tmp_path / "ds.csv", rows, encoding, sep)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    cols = ("code", "unit", "procedure", "received", "status", "channel", "source_row")
    assert facts(path, *cols) == [
        {"code": "H1", "unit": "Xã Đồng Thịnh", "procedure": "Cấp bản sao, chứng thực",
         "received": TS(2021, 9, 3), "status": "resolved", "channel": "online", "source_row": 4}
    ]  # fmt: skip


def _two_row_header_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách hồ sơ"
    ws["A1"] = "DANH SÁCH HỒ SƠ TIẾP NHẬN"
    top = ["STT", "Số hồ sơ", "Nơi tiếp nhận", "Ngày", None, None, None, None, "Tình trạng"]
    low = [None, None, None, "tiếp nhận", "hẹn trả", "có kết quả", "trả kết quả", "trả lại/rút"]
    for j, v in enumerate(top, 1):
        ws.cell(3, j, v)
    for j, v in enumerate(low, 1):
        ws.cell(4, j, v)
    for j in (1, 2, 3, 9):
        ws.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    ws.merge_cells("D3:H3")
    d = dt.datetime
    ws.append([1, "HS-1", "Xã A", d(2021, 9, 1), d(2021, 9, 9), d(2021, 9, 8), d(2021, 9, 9),
               None, "Đã trả kết quả"])  # fmt: skip
    ws.append([2, "HS-2", "Xã A", "31/09/2021", dt.datetime(2021, 9, 9)])
    wb.save(path)
    return path


def test_two_row_merged_header(tmp_path: Path) -> None:
    path = _two_row_header_xlsx(tmp_path / "hai_dong.xlsx")
    (table,), _ = read_file(path)
    assert table.header_row == 4 and table.row_numbers.tolist() == [5, 6]
    assert table.columns == {"code": 1, "unit": 2, "received": 3, "due": 4, "result_date": 5,
                             "delivered": 6, "stopped": 7, "status": 8}  # fmt: skip
    assert facts(path, "received", "due", "result_date", "delivered", "status") == [
        {"received": TS(2021, 9, 1), "due": TS(2021, 9, 9), "result_date": TS(2021, 9, 8),
         "delivered": TS(2021, 9, 9), "status": "resolved"}
    ]  # fmt: skip


def test_two_row_header_labels_read_as_staff_read_them(tmp_path: Path) -> None:
    path = _two_row_header_xlsx(tmp_path / "hai_dong.xlsx")
    (table,), _ = read_file(path)
    assert table.headers == {"code": "Số hồ sơ", "unit": "Nơi tiếp nhận",
                             "received": "Ngày tiếp nhận", "due": "Ngày hẹn trả",
                             "result_date": "Ngày có kết quả", "delivered": "Ngày trả kết quả",
                             "stopped": "Ngày trả lại/rút", "status": "Tình trạng"}  # fmt: skip
    (check,) = load_files([path]).checks
    assert (check.row, check.column, check.value) == (6, "Ngày tiếp nhận", "31/09/2021")


def test_several_sheets_with_case_lists_are_all_read(tmp_path: Path) -> None:
    one = [["Tháng 9"], REQUIRED, ["A-1", "Xã A", "01/09/2021", "05/09/2021"],
           ["A-2", "Xã A", "02/09/2021", "06/09/2021"]]  # fmt: skip
    two = [["Mã HS", "Ngày nhận", "Hạn xử lý", "BPMC"], ["B-1", "03/10/2021", "07/10/2021", "Xã B"]]
    path = write_xlsx(
        tmp_path / "nhieu.xlsx", {"T9": one, "Ghi chú": [["Không có gì"]], "T10": two}
    )
    got = facts(path, "code", "unit_raw", "source_sheet", "source_row")
    assert got == [
        {"code": "A-1", "unit_raw": "Xã A", "source_sheet": "T9", "source_row": 3},
        {"code": "A-2", "unit_raw": "Xã A", "source_sheet": "T9", "source_row": 4},
        {"code": "B-1", "unit_raw": "Xã B", "source_sheet": "T10", "source_row": 2},
    ]


def test_totals_and_signature_lines_are_info_not_errors(tmp_path: Path) -> None:
    rows: list[list[object]] = [
            ["STT", *REQUIRED], [1, "HS-1", "Xã A", "01/09/2021", "05/09/2021"], [],
            ["Tổng cộng: 1 hồ sơ"], [None, None, None, None, "Người lập biểu"],
            [None, None, None, None, "(Ký, ghi rõ họ tên)"]]  # fmt: skip
    loaded = load_files([write_xlsx(tmp_path / "tong.xlsx", {"DS": rows})])
    assert [(c.level, c.row, c.value, c.code) for c in loaded.checks] == [
        ("info", 4, "Tổng cộng: 1 hồ sơ", "not_a_case"),
        ("info", 5, "Người lập biểu", "not_a_case"),
        ("info", 6, "(Ký, ghi rõ họ tên)", "not_a_case"),
    ]
    assert loaded.excluded == 0 and list(loaded.resolved.cases["code"]) == ["HS-1"]


def test_totals_line_in_the_code_column_is_info_not_an_error(tmp_path: Path) -> None:
    rows = [REQUIRED, ["HS-1", "Xã A", "01/09/2021", "05/09/2021"], ["Tổng cộng: 1 hồ sơ"]]
    loaded = load_files([write_csv(tmp_path / "tong.csv", rows)])
    assert [(c.level, c.row, c.code) for c in loaded.checks] == [("info", 3, "not_a_case")]
    assert loaded.excluded == 0


def test_extra_columns_are_kept_and_ignored(tmp_path: Path) -> None:
    rows = [["Ghi chú", *REQUIRED[:2], "Số điện thoại", *REQUIRED[2:], "Người xử lý"],
            ["gọi lại", "HS-1", "Xã A", "0912345678", "01/09/2021", "05/09/2021",
             "Nguyễn Văn A"]]  # fmt: skip
    path = write_csv(tmp_path / "them_cot.csv", rows)
    (table,), _ = read_file(path)
    assert table.extra_headers == {0: "Ghi chú", 3: "Số điện thoại", 6: "Người xử lý"}
    assert table.columns == {"code": 1, "unit": 2, "received": 4, "due": 5}
    loaded = load_files([path])
    assert loaded.checks == () and loaded.excluded == 0
    assert facts(path, "code", "unit", "received", "due") == [
        {"code": "HS-1", "unit": "Xã A", "received": TS(2021, 9, 1), "due": TS(2021, 9, 5)}
    ]


# --- headers ---------------------------------------------------------------------------------

CANONICAL = {c.key: c.header for c in COLUMNS}
ALIASES = [(c.key, name) for c in COLUMNS for name in (c.header, *c.aliases)]


@pytest.mark.parametrize(("key", "alias"), ALIASES, ids=[a for _, a in ALIASES])
def test_every_header_alias_is_recognised(tmp_path: Path, key: str, alias: str) -> None:
    header = [CANONICAL[k] for k in ("code", "unit", "received", "due")]
    header = [alias if CANONICAL[key] == h else h for h in header]
    if alias not in header:
        header.append(alias)
    values = ["HS-1", "Xã A", "01/09/2021", "05/09/2021", "giá trị"][: len(header)]
    (table,), _ = read_file(write_csv(tmp_path / "alias.csv", [["Tiêu đề"], header, values]))
    idx = header.index(alias)
    assert table.columns[key] == idx
    assert table.headers[key] == alias
    assert table.column_values(key).to_pylist() == [values[idx]]


def test_header_matching_folds_case_spaces_and_unicode_form(tmp_path: Path) -> None:
    header = ["  MÃ  HỒ SƠ ", unicodedata.normalize("NFD", "Đơn vị tiếp nhận"),
              "ngày tiếp\u00a0nhận", "Ngày hẹn trả (*)", "TRẠNG THÁI:"]  # fmt: skip
    path = write_csv(
        tmp_path / "hoa.csv", [header, ["HS-1", "Xã A", "01/09/2021", "05/09/2021", "x"]]
    )
    (table,), _ = read_file(path)
    assert table.columns == {"code": 0, "unit": 1, "received": 2, "due": 3, "status": 4}


# --- bad input -------------------------------------------------------------------------------


def _input_error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_files([path])
    return str(info.value)


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(random.Random(7).randbytes(4096))
    msg = _input_error(path)
    assert msg.startswith(
        "Không mở được tệp hong.xlsx: tệp bị hỏng hoặc không phải bảng tính .xlsx"
    )


def test_password_protected_xlsx(tmp_path: Path) -> None:
    path = Path(shutil.copy(DATA / "readers_password.xlsx", tmp_path / "mat_khau.xlsx"))
    assert _input_error(path).startswith("Tệp mat_khau.xlsx được bảo vệ bằng mật khẩu")


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
     "Mã hồ sơ,Đơn vị tiếp nhận\nHS-1,Xã A\n".encode()],
    ids=["pdf", "text"],
)  # fmt: skip
def test_not_a_spreadsheet_renamed_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "doi_ten.xlsx"
    path.write_bytes(content)
    assert _input_error(path).startswith("Không mở được tệp doi_ten.xlsx")


def test_binary_file_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "nhi_phan.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + bytes(64))
    assert _input_error(path).startswith("Tệp nhi_phan.csv không phải tệp CSV dạng văn bản")


@pytest.mark.parametrize("name", ["bao_cao.pdf", "ds.txt", "ds.json", "khong_duoi"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(csv_bytes([REQUIRED, ["HS-1", "Xã A", "01/09/2021", "05/09/2021"]]))
    msg = _input_error(path)
    assert msg.startswith(f"Tệp {name} có định dạng")
    assert "không được hỗ trợ" in msg


def test_no_header_row_names_file_sheet_required_columns_and_headers_found(tmp_path: Path) -> None:
    rows: list[list[object]] = [
            ["DANH SÁCH HỒ SƠ"], ["STT", "Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày nhận", "Ghi chú"],
            [1, "HS-1", "Xã A", "01/09/2021", ""]]  # fmt: skip
    path = write_xlsx(tmp_path / "thieu_cot.xlsx", {"Dữ liệu": rows})
    msg = _input_error(path)
    assert "thieu_cot.xlsx" in msg
    assert "trang tính 'Dữ liệu'" in msg
    assert "Cần có các cột: Mã hồ sơ, Đơn vị tiếp nhận, Ngày tiếp nhận, Ngày hẹn trả" in msg
    assert (
        "các tiêu đề tìm thấy 'STT', 'Mã hồ sơ', 'Đơn vị tiếp nhận', 'Ngày nhận', 'Ghi chú'" in msg
    )


# --- nothing is changed ----------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["xlsx", "csv", "xls", "ods"])
def test_input_files_are_byte_identical_after_reading(tmp_path: Path, kind: str) -> None:
    rows = [["DANH SÁCH"], REQUIRED, ["HS-1", "Xã A", "01/09/2021", "05/09/2021"], ["Tổng cộng"]]
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "a.xlsx", {"DS": rows})
    elif kind == "csv":
        path = write_csv(tmp_path / "a.csv", rows, "cp1258", ";")
    else:
        path = Path(shutil.copy(DATA / f"readers_cases.{kind}", tmp_path / f"a.{kind}"))
    before, mtime = _sha(path), path.stat().st_mtime_ns
    loaded = load_files([path])
    codes = ["HS-1"] if kind in ("xlsx", "csv") else ["HS-01", "HS-02"]
    assert loaded.resolved.cases["code"].tolist() == codes
    assert isinstance(read_file(path)[0][0], RawTable)
    assert _sha(path) == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# --- the fast paths give what the slow ones give ------------------------------------------


def test_xlsx_rows_keep_their_numbers_below_empty_and_styled_rows(tmp_path: Path) -> None:
    """calamine starts a sheet at its first row holding a value; the reader finds that row
    in the file's XML (a styled empty cell on row 1 holds none)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"].font = openpyxl.styles.Font(bold=True)
    ws["C4"] = "DANH SÁCH HỒ SƠ"
    for col, head in enumerate(REQUIRED, start=2):
        ws.cell(6, col, head)
    ws.cell(7, 2, "HS-1"), ws.cell(7, 3, "Xã A"), ws.cell(7, 4, "03/09/2021")
    ws.cell(7, 5, dt.datetime(2021, 9, 10))
    ws.cell(9, 2, "HS-2"), ws.cell(9, 3, "Xã A"), ws.cell(9, 4, "04/09/2021")
    ws.cell(9, 5, "12/09/2021")
    wb.save(tmp_path / "lech.xlsx")
    (table,), _ = read_file(tmp_path / "lech.xlsx")
    assert table.header_row == 6 and table.row_numbers.tolist() == [7, 9]


def test_xlsx_probe_and_calamine_agree_on_the_first_row(tmp_path: Path) -> None:
    from tthc_report.read import spreadsheet_files as workbook_files

    rows: list[list[object]] = [
        [],
        [],
        ["Tiêu đề"],
        [],
        REQUIRED,
        ["HS-1", "Xã A", "1/9/2021", "9/9/2021"],
    ]
    path = write_xlsx(tmp_path / "a.xlsx", {"DS": rows})
    assert workbook_files._first_xlsx_row(path, "DS") == 3
    import python_calamine

    start = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("DS").start
    assert start is not None and start[0] + 1 == 3


CSV_ROWS: list[list[object]] = [
    ["DANH SÁCH HỒ SƠ"],
    ["Xuất ngày 25/10/2021"],
    ["STT", *REQUIRED, "Ghi chú"],
    [1, "HS-1", "Xã A", "01/09/2021 08:00", "09/09/2021", ""],
    [2, "HS-2", "Xã B", "02/09/2021", "10/09/2021", "dòng 1\ndòng 2"],
    [3, "HS-3", "", "03/09/2021", "", "NA"],
]


@pytest.mark.parametrize(
    "tail",
    [[], [["Tổng cộng: 3 hồ sơ"]], [[]], [[4, "HS-4", "Xã C", "1/9/2021", "9/9/2021", "x", "y"]]],
    ids=["clean", "totals-line", "empty-line", "extra-field"],
)
def test_csv_arrow_path_equals_the_python_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tail: list[list[object]]
) -> None:
    from tthc_report.read import csv_files

    path = write_csv(tmp_path / "ds.csv", CSV_ROWS + tail, sep=";")
    (fast,), _ = read_file(path)
    monkeypatch.setattr(csv_files, "_arrow_cells", lambda *a: None)
    (slow,), _ = read_file(path)
    assert fast.rows == slow.rows and fast.row_numbers.tolist() == slow.row_numbers.tolist()
    assert fast.headers == slow.headers and fast.header_row == slow.header_row == 3
    assert [r[:6] for r in fast.rows[:3]] == [
        ["1", "HS-1", "Xã A", "01/09/2021 08:00", "09/09/2021", None],
        ["2", "HS-2", "Xã B", "02/09/2021", "10/09/2021", "dòng 1\ndòng 2"],
        ["3", "HS-3", None, "03/09/2021", None, "NA"],  # "NA" is text, not an empty cell
    ]
