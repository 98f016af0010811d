"""Damaged CSV exports (docs/inputs.md, "What bad input gets"): a malformed line is an error
for that line and the rest of the file is still read; any line ending, UTF-16, huge cells;
messages that name what is wrong.  Files are the demo's district export, cut short."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.support.damaged import CSV_TOP, district_lines, with_field, write_lines
from tthc_report.api import Loaded, load_files
from tthc_report.demo.exports import to_cp1258
from tthc_report.errors import InputError
from tthc_report.read.files import read_file

PROCEDURE = 2  # the district CSV's "Tên TTHC" column


def errors(loaded: Loaded) -> list[tuple[int | None, str]]:
    return [(c.row, c.code) for c in loaded.checks if c.level == "error"]


def codes_of(lines: list[str]) -> list[str]:
    return [line.split(";")[1] for line in lines[CSV_TOP:]]


def test_a_stray_quote_is_an_error_for_its_line_and_the_rest_is_read(demo, tmp_path: Path) -> None:
    lines = district_lines(demo.truth, 100)
    bad = CSV_TOP + 9  # the 10th case, on line 13
    lines[bad] = with_field(lines[bad], PROCEDURE, '"' + lines[bad].split(";")[PROCEDURE])
    loaded = load_files([write_lines(tmp_path / "ngoac_kep.csv", lines)])
    assert errors(loaded) == [(13, "malformed_line")]
    (check,) = [c for c in loaded.checks if c.level == "error"]
    assert "ngoặc kép" in check.message and check.value.startswith("10;")
    assert not [c for c in loaded.checks if c.code == "not_a_case"]
    expected = codes_of(lines)
    del expected[9]
    assert loaded.resolved.cases["code"].tolist() == expected
    assert (loaded.rows_read, loaded.excluded) == (100, 1)


def test_a_stray_quote_in_a_long_file_does_not_crash(demo, tmp_path: Path) -> None:
    lines = district_lines(demo.truth, 2000)
    bad = CSV_TOP + 9
    lines[bad] = with_field(lines[bad], PROCEDURE, '"' + lines[bad].split(";")[PROCEDURE])
    loaded = load_files([write_lines(tmp_path / "dai.csv", lines)])
    assert errors(loaded) == [(13, "malformed_line")]
    assert len(loaded.resolved.cases) == 1999 and loaded.rows_read == 2000


def test_a_legal_quoted_line_break_keeps_every_line_number(tmp_path: Path) -> None:
    lines = ["Mã HS;Bộ phận một cửa;Ngày nhận hồ sơ;Hạn xử lý;Tên TTHC",
             'A-1;Xã A;01/10/2021;05/10/2021;"Chứng thực\r\nbản sao"',
             "A-2;Xã A;02/10/2021;06/10/2021;Khai sinh"]  # fmt: skip
    loaded = load_files([write_lines(tmp_path / "xuong_dong.csv", lines)])
    cases = loaded.resolved.cases
    assert cases["source_row"].tolist() == [2, 4]
    assert cases["procedure"].tolist() == ["Chứng thực bản sao", "Khai sinh"]
    assert errors(loaded) == []


def test_lines_with_another_separator_are_errors_and_the_others_are_read(
    demo, tmp_path: Path
) -> None:
    lines = district_lines(demo.truth, 100)
    codes = codes_of(lines)
    mixed = list(range(CSV_TOP, len(lines), 3))
    for i in mixed:
        lines[i] = lines[i].replace(";", ",")
    loaded = load_files([write_lines(tmp_path / "lan_dau_phan_cach.csv", lines)])
    assert errors(loaded) == [(i + 1, "malformed_line") for i in mixed]
    assert "dấu phân cách" in [c for c in loaded.checks if c.level == "error"][0].message
    kept = [c for i, c in enumerate(codes, CSV_TOP) if i not in mixed]
    assert loaded.resolved.cases["code"].tolist() == kept
    assert (loaded.rows_read, loaded.excluded, loaded.non_case_lines) == (100, len(mixed), 0)


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["CRLF", "LF", "CR"])
def test_every_line_ending(demo, tmp_path: Path, newline: str) -> None:
    lines = district_lines(demo.truth, 50)
    loaded = load_files([write_lines(tmp_path / "dong.csv", lines, newline)])
    cases = loaded.resolved.cases
    assert cases["code"].tolist() == codes_of(lines)
    assert cases["source_row"].tolist() == list(range(CSV_TOP + 1, CSV_TOP + 51))
    assert errors(loaded) == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read(demo, tmp_path: Path, encoding: str) -> None:
    lines = district_lines(demo.truth, 20)
    path = tmp_path / "utf16.csv"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path.write_bytes(bom + ("\r\n".join(lines) + "\r\n").encode(encoding))
    got = load_files([path]).resolved.cases
    same = load_files([write_lines(tmp_path / "utf8.csv", lines)]).resolved.cases
    assert got["code"].tolist() == codes_of(lines)
    assert got[["unit_raw", "procedure"]].equals(same[["unit_raw", "procedure"]])


def test_utf16_without_a_bom_is_refused_by_name(demo, tmp_path: Path) -> None:
    lines = district_lines(demo.truth, 5)
    path = tmp_path / "utf16_khong_bom.csv"
    path.write_bytes(("\r\n".join(lines)).encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16"):
        load_files([path])


def test_a_cell_over_the_csv_field_limit_is_read_and_cut_with_a_warning(
    demo, tmp_path: Path
) -> None:
    lines = district_lines(demo.truth, 10)
    lines[CSV_TOP + 5] = with_field(lines[CSV_TOP + 5], PROCEDURE, "x" * 140_000)
    loaded = load_files([write_lines(tmp_path / "o_rat_dai.csv", lines)])
    cases = loaded.resolved.cases
    assert cases["code"].tolist() == codes_of(lines)
    assert len(cases["procedure"].iloc[5]) == 32_767
    (warning,) = [c for c in loaded.checks if c.code == "text_too_long"]
    assert (warning.level, warning.row, warning.column) == ("warning", 9, "Tên TTHC")
    assert "32.767" in warning.message and len(warning.message) < 500


def test_headers_found_never_show_a_data_row(demo, tmp_path: Path) -> None:
    lines = district_lines(demo.truth, 5)
    del lines[CSV_TOP - 1]  # the header line lost
    with pytest.raises(InputError) as info:
        load_files([write_lines(tmp_path / "mat_tieu_de.csv", lines)])
    msg = str(info.value)
    assert lines[CSV_TOP - 1].split(";")[1] not in msg  # the first case's code
    assert "không có dòng nào giống dòng tiêu đề" in msg


def test_the_missing_required_column_is_named(demo, tmp_path: Path) -> None:
    lines = district_lines(demo.truth, 5)
    lines[CSV_TOP - 1] = lines[CSV_TOP - 1].replace("Hạn xử lý", "Hạn")
    with pytest.raises(InputError) as info:
        load_files([write_lines(tmp_path / "thieu_cot.csv", lines)])
    msg = str(info.value)
    assert "thiếu cột Ngày hẹn trả" in msg
    assert "'Mã HS', 'Tên TTHC'" in msg  # the header row as found, split by its separator


@pytest.mark.parametrize("name", ["rong.csv", "rong.xlsx"])
def test_an_empty_file_is_called_empty_not_corrupt(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        load_files([path])
    assert f"Tệp {name} rỗng" in str(info.value) and "hỏng" not in str(info.value)


def test_an_excel_error_cell_is_shown_as_written(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả"])
    ws.append(["HS-1", "Xã A", "#N/A", "05/10/2021"])
    ws.append(["HS-2", "Xã A", "01/10/2021", "#VALUE!"])
    ws.append(["HS-3", "Xã A", "01/10/2021", "05/10/2021"])
    path = tmp_path / "loi_o.xlsx"
    wb.save(path)
    (table,), _ = read_file(path)
    assert table.rows[0][2] == "#N/A" and table.rows[1][3] == "#VALUE!"
    loaded = load_files([path])
    got = [(c.row, c.column, c.value, c.code) for c in loaded.checks if c.level == "error"]
    assert got == [(2, "Ngày tiếp nhận", "#N/A", "unreadable_date"),
                   (3, "Ngày hẹn trả", "#VALUE!", "unreadable_date")]  # fmt: skip
    assert loaded.resolved.cases["code"].tolist() == ["HS-3"]


def test_a_file_cut_in_the_middle_of_a_letter_is_read_up_to_the_cut(demo, tmp_path: Path) -> None:
    lines = district_lines(demo.truth, 10)
    data = ("\r\n".join(lines)).encode("utf-8-sig")
    cut = data.rfind("ộ".encode()) + 1  # inside the last line's last "ộ"
    path = tmp_path / "bi_cat.csv"
    path.write_bytes(data[:cut])
    loaded = load_files([path])
    assert loaded.resolved.cases["code"].tolist()[:9] == codes_of(lines)[:9]
    assert "Đ" in "".join(loaded.resolved.cases["unit_raw"])  # still read as UTF-8


def test_bytes_windows_1258_does_not_define_are_read_as_replacement_characters(
    tmp_path: Path,
) -> None:
    text = ("Mã hồ sơ;Đơn vị tiếp nhận;Ngày tiếp nhận;Ngày hẹn trả\r\n"
            "HS-1;Xã Đồng;01/10/2021;05/10/2021\r\n")  # fmt: skip
    path = tmp_path / "cp1258.csv"
    path.write_bytes(to_cp1258(text).replace(b"HS-1", b"HS-\x81"))
    loaded = load_files([path])
    assert loaded.resolved.cases["code"].tolist() == ["HS-\ufffd"]
    assert loaded.resolved.cases["unit_raw"].tolist() == ["Xã Đồng"]
