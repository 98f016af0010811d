"""Spreadsheet files (.xlsx, .xlsm, .xlsb, .xls, .ods) -> every sheet's cells as text.

A sheet is read once, whole, by calamine into Arrow (fastexcel), every cell as its text:
real Excel dates as ``2021-10-05 07:30:00``, numbers as ``123`` or ``1.5``, error cells as
Excel shows them (``#N/A``, ``#VALUE!``...).  calamine
starts a sheet at its first row holding a value; that row's number is read from the first
bytes of an .xlsx sheet's XML, or asked of calamine again for the older formats.
"""

from __future__ import annotations

import ctypes
import functools
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine as calamine

from ..errors import InputError
from .tables import Sheet
from .text import blank
from .xlsx_parts import sheet_part

#: calamine's names of Excel's error values -> the text Excel shows
ERROR_TEXTS = {
    "Div0": "#DIV/0!", "NA": "#N/A", "Name": "#NAME?", "Null": "#NULL!", "Num": "#NUM!",
    "Ref": "#REF!", "Value": "#VALUE!", "GettingData": "#GETTING_DATA",
}  # fmt: skip
_ERROR = re.compile(r"Error\((\w+)\)")


def _looks_encrypted(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(8)
        if head != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return False
        fh.seek(0)
        blob = fh.read(1 << 20)
    return "EncryptedPackage".encode("utf-16-le") in blob


def _broken(path: Path, exc: Exception) -> InputError:
    return InputError(
        f"Không mở được tệp {path.name}: tệp bị hỏng hoặc không phải bảng tính "
        f"{path.suffix.lower()}. Hãy xuất lại tệp từ phần mềm một cửa. Chi tiết: {exc}"
    )


def _password(path: Path) -> InputError:
    return InputError(
        f"Tệp {path.name} được bảo vệ bằng mật khẩu nên không đọc được. "
        "Hãy mở tệp trong Excel, bỏ mật khẩu (File > Info > Protect Workbook) rồi lưu lại."
    )


def workbook_sheets(path: Path) -> list[Sheet]:
    """(sheet name, every cell as text, Excel row number of the first row) per sheet."""
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb"} and _looks_encrypted(path):
        raise _password(path)
    try:
        reader = fastexcel.read_excel(path)
        names = reader.sheet_names
    except Exception as exc:  # calamine raises several kinds for a broken file
        if "password" in str(exc).lower():
            raise _password(path) from exc
        raise _broken(path, exc) from exc
    sheets: list[Sheet] = []
    for name in names:
        try:
            sheet_reader = reader.load_sheet(name, header_row=None, dtypes="string")
            batch, errors = sheet_reader.to_arrow_with_errors()
        except Exception as exc:
            if _empty_sheet(exc):
                continue
            raise _broken(path, exc) from exc
        del sheet_reader
        _give_back_memory()
        cells = pa.Table.from_batches([batch])
        cells = cells.rename_columns([f"c{i}" for i in range(cells.num_columns)])
        cells = _with_error_texts(cells, errors.errors if errors is not None else [])
        sheets.append(Sheet(name, cells, _first_row(path, name, cells)))
    return sheets


def _with_error_texts(cells: pa.Table, errors: Sequence[object]) -> pa.Table:
    """The cells with each error cell written as Excel shows it (``#N/A``): calamine gives
    no text for them, and an empty cell would hide the error from staff."""
    by_column: dict[int, dict[int, str]] = {}
    for err in errors:
        row, col = err.offset_position  # type: ignore[attr-defined]
        found = _ERROR.search(str(err.detail))  # type: ignore[attr-defined]
        if found and col < cells.num_columns:
            by_column.setdefault(col, {})[row] = ERROR_TEXTS.get(found[1], f"#{found[1]}")
    for col, texts in by_column.items():
        column = cells.column(col)
        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            column = pc.cast(column, pa.string())
        rows = sorted(texts)
        where = np.zeros(cells.num_rows, dtype=bool)
        where[rows] = True
        values = pa.array([texts[r] for r in rows], column.type)
        fixed = pc.replace_with_mask(column.combine_chunks(), pa.array(where), values)
        cells = cells.set_column(col, cells.field(col).name, fixed)
    return cells


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not Linux with glibc
        return None


def _give_back_memory() -> None:
    """calamine frees the parsed sheet (hundreds of MB for a year) into the C heap, which
    glibc keeps; give it back to the system so that the rest of the build does not pile
    on top of it."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _empty_sheet(exc: Exception) -> bool:
    return isinstance(exc, fastexcel.FastExcelError) and "empty" in str(exc).lower()


_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(/)?>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v>[^<]|is>)")
_PROBE_BYTES = 4 << 20


def _first_row(path: Path, sheet: str, cells: pa.Table) -> int:
    """The Excel row number of the first row calamine returned: calamine starts a sheet at
    its first row holding a value, which an .xlsx file's XML tells in its first bytes;
    other formats ask calamine again (a second read, for the rarer old formats)."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        found = _first_xlsx_row(path, sheet)
        if found is not None and cells.num_rows and not _first_line_empty(cells):
            return found
    start = calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).start
    return int(start[0]) + 1 if start else 1


def _first_xlsx_row(path: Path, sheet: str) -> int | None:
    try:
        with zipfile.ZipFile(path) as zf, zf.open(sheet_part(zf, sheet)) as fh:
            head = fh.read(_PROBE_BYTES)
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    number = 0
    for m in _ROW.finditer(head):
        r = _ROW_NUMBER.search(m.group(1))
        number = int(r.group(1)) if r else number + 1
        if m.group(2):  # <row .../>: no cells
            continue
        end = head.find(b"row>", m.end())
        if end < 0:
            return None
        if _VALUE.search(head, m.end(), end):
            return number
    return None


def _first_line_empty(cells: pa.Table) -> bool:
    first = cells.slice(0, 1)
    return all(blank(col)[0] for col in first.columns)
