"""The streamed HoSo rows (excel/fast_rows.py, excel/sheet_xml.py) read back as written."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook

from tthc_report.workbook.case_rows import KEYS, CaseRows
from tthc_report.workbook.fast_rows import inject_rows, write_sample_rows

FORMULAS = ['=A2&"|"&B2', '=IF($C2="",0,INT($C2))']
FIRST_FORMULA_COL = len(KEYS) + 1
DATETIME_FMT, DATE_FMT = "dd/mm/yyyy hh:mm", "dd/mm/yyyy"
ROWS: list[list[Any]] = [
    ['a & <b> "c"', "  lead and trail  ", datetime(2021, 10, 5, 16, 30), 5, True],
    ["_x0041_", "", date(2021, 10, 5), 2.5, None],
    ["bad\x01char", None, None, np.int64(7), False],
    ["\ue000 private", "line\nbreak", datetime(2021, 10, 5), float("nan"), None],
]
EXPECTED = [
    ['a & <b> "c"', "  lead and trail  ", datetime(2021, 10, 5, 16, 30), 5, True],
    ["_x0041_", None, datetime(2021, 10, 5), 2.5, None],
    ["badchar", None, None, 7, False],
    ["\ue000 private", "line\nbreak", datetime(2021, 10, 5), None, None],
]


def _saved() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "HoSo"
    ws["A1"] = "Mã"
    write_sample_rows(ws, 2, [3], FORMULAS, FIRST_FORMULA_COL, DATETIME_FMT, DATE_FMT)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _read(path: Path, rows: int, width: int) -> list[list[Any]]:
    ws = load_workbook(path)["HoSo"]
    return [[ws.cell(2 + i, 1 + j).value for j in range(width)] for i in range(rows)]


def test_values_of_every_kind_read_back(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    inject_rows(_saved(), out, "HoSo", 2, ROWS, FORMULAS, FIRST_FORMULA_COL)
    assert _read(out, len(ROWS), 5) == EXPECTED
    ws = load_workbook(out)["HoSo"]
    assert ws["C2"].number_format == DATETIME_FMT and ws["C3"].number_format == DATE_FMT
    assert ws["C5"].number_format == DATE_FMT
    f = FIRST_FORMULA_COL
    assert ws.cell(2, f).value == FORMULAS[0]
    assert ws.cell(5, f).value == '=A5&"|"&B5'
    assert ws.cell(5, f + 1).value == '=IF($C5="",0,INT($C5))'
    assert ws.max_row == 1 + len(ROWS)


def test_typed_columns_write_what_python_rows_write(tmp_path: Path) -> None:
    """A CaseRows of pandas/numpy columns gives the cells its Python rows give."""
    n = 3
    columns: dict[str, Any] = {k: np.full(n, None, dtype=object) for k in KEYS}
    columns[KEYS[0]] = pd.Series(["x", None, "y"], dtype="str")
    columns[KEYS[1]] = pd.Series(["u", "u", None], dtype="category")
    columns[KEYS[2]] = np.array(["2021-10-05T16:30", "NaT", "2021-10-06"], dtype="datetime64[ns]")
    columns[KEYS[3]] = np.array([1.5, np.nan, 3.0])
    columns[KEYS[4]] = np.array([True, False, True])
    typed = CaseRows(columns, n)
    python = list(typed)
    a, b = tmp_path / "typed.xlsx", tmp_path / "python.xlsx"
    inject_rows(_saved(), a, "HoSo", 2, typed, FORMULAS, FIRST_FORMULA_COL)
    inject_rows(_saved(), b, "HoSo", 2, python, FORMULAS, FIRST_FORMULA_COL)
    assert _read(a, n, FIRST_FORMULA_COL + 1) == _read(b, n, FIRST_FORMULA_COL + 1)
    assert _read(a, n, 5)[1] == [None, "u", None, None, False]


def test_no_case_leaves_one_row_of_formulas(tmp_path: Path) -> None:
    out = tmp_path / "empty.xlsx"
    inject_rows(_saved(), out, "HoSo", 2, [], FORMULAS, FIRST_FORMULA_COL)
    ws = load_workbook(out)["HoSo"]
    assert ws.max_row == 2
    assert ws.cell(2, FIRST_FORMULA_COL).value == FORMULAS[0]
    assert all(ws.cell(2, j).value is None for j in range(1, FIRST_FORMULA_COL))
