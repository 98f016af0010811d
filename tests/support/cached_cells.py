"""The values a saved workbook holds for its formula cells (read by python-calamine, which
never calculates: what a viewer shows), compared with another file's values of the same
cells (a LibreOffice recalculation of it)."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula
from python_calamine import CalamineWorkbook

from tthc_report.workbook import layout as L

Cells = dict[str, list[tuple[int, int]]]


def formula_cells(path: Path) -> Cells:
    """sheet -> (row, column) of every formula cell, 0-based; the cells of TinhToan's
    arrays; HoSo's helper columns on its case rows."""
    wb = load_workbook(path, read_only=True)
    out: Cells = {}
    for ws in wb.worksheets:
        if ws.title == "HoSo":
            continue
        found = []
        for row in ws.iter_rows():
            for c in row:
                v = getattr(c, "value", None)
                if isinstance(v, ArrayFormula):
                    first, last = v.ref.split(":")
                    col = c.column - 1
                    rows = range(int(first[1:]) - 1, int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
                    found += [(r, col) for r in rows]
                elif isinstance(v, str) and v.startswith("="):
                    found.append((c.row - 1, c.column - 1))
        out[ws.title] = sorted(set(found))
    ((_, ref),) = list(wb.defined_names["HoSo_TrangThai"].destinations)
    last = int(ref.split(":")[1].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    helpers = range(L.HOSO_INPUT, L.HOSO_INPUT + len(L.HOSO_HELPERS))
    out["HoSo"] = [(r, c) for r in range(L.HOSO_FIRST - 1, last) for c in helpers]
    wb.close()
    return out


def sheet_values(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cells as stored (no calculation)."""
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    v = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
    return None if v == "" else v


def same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(a, datetime | date) and isinstance(b, datetime | date):
        return a.isoformat()[:10] == b.isoformat()[:10]
    return bool(a == b)


def cached_mismatches(built: Path, recalculated: Path) -> tuple[int, int, list[str]]:
    """(formula cells compared, those without a cached value, the cells whose cached value
    differs from the recalculated one)."""
    cells = formula_cells(built)
    mine, theirs = sheet_values(built), sheet_values(recalculated)
    compared = missing = 0
    bad: list[str] = []
    for sheet, found in cells.items():
        for r, c in found:
            a, b = _at(mine[sheet], r, c), _at(theirs[sheet], r, c)
            compared += 1
            missing += a is None and b is not None
            if not same(a, b) and len(bad) < 30:
                bad.append(f"{sheet}!{L.col(c + 1)}{r + 1}: cached {a!r}, recalculated {b!r}")
    return compared, missing, bad
