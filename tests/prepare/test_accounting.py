"""Every line of every file accounted for (docs/inputs.md, "What bad input gets"): lines read
= cases used + excluded as errors + cancelled + merged duplicates + lines that are no case,
per file; a line with a case code or a date is a case, never "not a case"."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cases import write_csv
from tthc_report.api import load_files
from tthc_report.cli import main

H = ["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]


def test_a_line_with_a_case_code_is_a_case_with_errors_not_a_line_to_skip(tmp_path: Path) -> None:
    rows = [H, ["HS-1", "Xã A", "01/10/2021", "05/10/2021", ""], ["HS-2", "", "", "", ""],
            ["Tổng cộng: 2 hồ sơ", "", "", "", ""]]  # fmt: skip
    loaded = load_files([write_csv(tmp_path / "ma.csv", rows)])
    got = [(c.level, c.row, c.column, c.code) for c in loaded.checks]
    assert got == [
        ("error", 3, "Đơn vị tiếp nhận", "missing_required"),
        ("info", 4, "Mã hồ sơ", "not_a_case"),
    ]
    assert (loaded.rows_read, loaded.excluded, loaded.non_case_lines) == (3, 1, 1)


def test_a_line_with_a_date_where_a_date_column_is_is_a_case(tmp_path: Path) -> None:
    rows = [H, ["HS-1", "Xã A", "01/10/2021", "05/10/2021", ""], ["", "", "", "31/09/2021", ""],
            ["", "", "", "", "Người lập biểu"]]  # fmt: skip
    loaded = load_files([write_csv(tmp_path / "ngay.csv", rows)])
    got = [(c.level, c.row, c.column, c.code) for c in loaded.checks]
    assert got == [
        ("error", 3, "Mã hồ sơ", "missing_required"),
        ("error", 3, "Ngày hẹn trả", "unreadable_date"),
        ("error", 3, "Đơn vị tiếp nhận", "missing_required"),
        ("info", 4, "Mã hồ sơ", "not_a_case"),
    ]
    assert (loaded.excluded, loaded.non_case_lines) == (1, 1)


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    a = write_csv(tmp_path / "a.csv", [
        H,
        ["HS-1", "Xã A", "01/10/2021", "05/10/2021", ""],  # used
        ["HS-2", "Xã A", "31/09/2021", "05/10/2021", ""],  # error: no such day
        ["HS-3", "Xã A", "02/10/2021", "06/10/2021", "Hủy"],  # cancelled
        ["HS-4", "Xã A", "02/10/2021", "06/10/2021", ""],  # the same row is in b.csv
        [],  # an empty line: not read
        ["Tổng cộng: 4 hồ sơ"],  # no case
    ])  # fmt: skip
    b = write_csv(tmp_path / "b.csv", [
        H,
        ["HS-4", "Xã A", "02/10/2021", "06/10/2021", ""],  # kept: the later file wins
        ["HS-5", "Xã A", "03/10/2021", "07/10/2021", ""],  # used
        ["HS-6", "", "03/10/2021", "07/10/2021", ""],  # error: no unit
    ])  # fmt: skip
    return a, b


def test_every_file_accounts_for_every_line(tmp_path: Path, capsys) -> None:
    a, b = _two_files(tmp_path)
    out = tmp_path / "bao_cao.json"
    assert main(["build", str(a), str(b), "--month", "2021-10", "--json", str(out)]) == 0
    checks = json.loads(out.read_text(encoding="utf-8"))["data_checks"]
    keys = ("rows_read", "rows_used", "excluded", "cancelled", "duplicates_merged",
            "non_case_lines")  # fmt: skip
    assert checks["files"] == [
        {"file": "a.csv", **dict(zip(keys, (5, 1, 1, 1, 1, 1), strict=True))},
        {"file": "b.csv", **dict(zip(keys, (3, 2, 1, 0, 0, 0), strict=True))},
    ]
    assert [checks[k] for k in keys] == [8, 3, 2, 1, 1, 1]  # the totals, as before
    err = capsys.readouterr().err
    assert (
        "a.csv: đọc 5 dòng = dùng 1 hồ sơ + 1 dòng lỗi + 1 hồ sơ hủy + 1 dòng trùng đã gộp "
        "+ 1 dòng không phải hồ sơ" in err
    )
    assert "b.csv: đọc 3 dòng = dùng 2 hồ sơ + 1 dòng lỗi + 0 hồ sơ hủy" in err


def test_check_prints_the_accounting_and_exits_1_on_errors(tmp_path: Path, capsys) -> None:
    a, b = _two_files(tmp_path)
    assert main(["check", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "a.csv: đọc 5 dòng = dùng 1 hồ sơ + 1 dòng lỗi" in out
