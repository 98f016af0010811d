"""Filling the workbook: values as planned, text stays text, safety, history."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.cases import write_cases
from tests.support.paths import WORKED
from tests.support.workbook_figures import Figures, mismatches
from tthc_report.api import build_report
from tthc_report.cli import main
from tthc_report.config import Settings
from tthc_report.count.history import rows_of_report
from tthc_report.testing.libreoffice import recalculate
from tthc_report.workbook import layout as L
from tthc_report.workbook.history_io import read_history
from tthc_report.workbook.openpyxl_writer import write_workbook

TRICKY = ["=1+2", "+84 912", "-5", "@admin", '=HYPERLINK("http://x","y")']


def _block(path: Path, name: str, rows: int, width: int) -> list[list[object]]:
    wb = load_workbook(path)
    sheet, row, column = L.name_target(wb, name)
    ws = wb[sheet]
    return [[ws.cell(row + i, column + j).value for j in range(width)] for i in range(rows)]


def test_values_read_back_equal_the_plan(tmp_path: Path) -> None:
    report = build_report([WORKED], Settings(), month=(2021, 10))
    out = tmp_path / "bc.xlsx"
    plan = write_workbook(report, Settings(), out, rows_of_report(report))
    for name in ("HoSo_Dau", "DanhMuc_Dau", "BaoCao_Dau", "KiemTra_Dau", "ChiTiet_Dau",
                 "LichSu_Dau"):  # fmt: skip
        rows = plan.blocks[name]
        assert rows, name
        got = _block(out, name, len(rows), len(rows[0]))
        expected = [[_excel(v) for v in r] for r in rows]
        assert all(_close(g, e) for g, e in zip(got, expected, strict=True)), name
    assert len(plan.blocks["HoSo_Dau"]) == 12  # case 10 is received after the period


def _close(a: object, b: object) -> bool:
    """Equal, floats to 1e-12 relative (xlsx stores 15-16 significant digits)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and a == pytest.approx(b, rel=1e-12)
    return a == b


def _excel(v: object) -> object:
    from datetime import date, datetime

    if isinstance(v, date) and not isinstance(v, datetime):
        return datetime(v.year, v.month, v.day)
    return v


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    cases = [
        {"code": t, "procedure": t, "received": "2021-10-01", "due": "2021-10-10",
         "status": "processing"}
        for t in TRICKY
    ]  # fmt: skip
    path = write_cases(tmp_path / "cases.csv", cases)
    report = build_report([path], Settings(), month=(2021, 10))
    out = tmp_path / "bc.xlsx"
    write_workbook(report, Settings(), out)
    wb = load_workbook(out)
    ws = wb["HoSo"]
    codes = [ws.cell(r, 1) for r in range(2, 2 + len(TRICKY))]
    assert sorted(c.value for c in codes) == sorted(TRICKY)
    assert all(c.data_type == "s" for c in codes)
    recalculated = recalculate(out, tmp_path / "rc")
    ws = load_workbook(recalculated, data_only=True)["HoSo"]
    assert sorted(ws.cell(r, 1).value for r in range(2, 2 + len(TRICKY))) == sorted(TRICKY)
    figures = Figures(recalculated)
    assert figures.tonghop["province"]["current"]["received_new"] == len(TRICKY)
    assert mismatches(figures, report.to_dict()) == []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_safety_and_history_carried_over(tmp_path: Path) -> None:
    cases = tmp_path / "ho_so.csv"
    shutil.copy(WORKED, cases)
    before = _digest(cases)
    sept = tmp_path / "BaoCao_TTHC_2021-09.xlsx"
    assert main(["build", str(cases), "--month", "2021-09", "--out", str(sept), "-q"]) == 0
    oct_ = tmp_path / "BaoCao_TTHC_2021-10.xlsx"
    args = ["build", str(cases), "--month", "2021-10", "--out", str(oct_), "--history", str(sept)]
    assert main([*args, "-q"]) == 0
    sept_bytes = _digest(sept)
    assert main([*args, "-q"]) == 2  # exists: no overwrite without --force
    assert main([*args, "-q", "--force"]) == 0
    assert _digest(cases) == before and _digest(sept) == sept_bytes
    rows = read_history(oct_)
    assert [(r.period_label, r.section) for r in rows] == [
        ("Tháng 9/2021", "commune"), ("Tháng 9/2021", "province"),
        ("Tháng 10/2021", "commune"), ("Tháng 10/2021", "province")]  # fmt: skip
    report = build_report([cases], Settings(), month=(2021, 10))
    expected = sorted(rows_of_report(report), key=lambda r: r.section)
    for got, want in zip(sorted(rows[2:], key=lambda r: r.section), expected, strict=True):
        assert (got.key(), got.period_label, got.leader) == (
            want.key(),
            want.period_label,
            want.leader,
        )
        assert _close(got.values, want.values)  # xlsx keeps 15-16 digits
    again = tmp_path / "again.xlsx"
    assert main(["build", str(cases), "--month", "2021-10", "--out", str(again),
                 "--history", str(oct_), "-q"]) == 0  # fmt: skip
    assert len(read_history(again)) == 4  # the same month is replaced, not repeated
    assert main(["build", str(cases), "--month", "2021-10", "--out", str(tmp_path / "x.xlsx"),
                 "--history", str(cases), "-q"]) == 2  # fmt: skip
    assert not (tmp_path / "x.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_lichsu_has_the_two_charts(tmp_path: Path) -> None:
    report = build_report([WORKED], Settings(), month=(2021, 10))
    out = tmp_path / "bc.xlsx"
    write_workbook(report, Settings(), out, rows_of_report(report))
    assert len(load_workbook(out)["LichSu"]._charts) == 2
