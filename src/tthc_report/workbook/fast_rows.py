"""Write the case rows of HoSo straight into the saved .xlsx, fast.

openpyxl builds a Python object per cell: for a province-month (60,000 cases x 27 columns,
15 values and 13 helper formulas) that would be most of the build time.  Here openpyxl
saves the workbook with two sample rows, and the package is then written again with the
sheet's XML part streamed from the real rows (``sheet_xml``): text as indexes into a
shared strings table, dates as serial numbers, and the helper formulas as *shared
formulas* (the formula once, "same as above" for every other row), which Excel and
LibreOffice both read, and which also makes the file several times smaller; each helper
cell carries its cached value (``cached_cases``), and the other sheets' formula cells get
theirs as the package is written (``cached_xml``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
from openpyxl.worksheet.worksheet import Worksheet

from .cached_xml import Patch, patched_parts
from .case_rows import CaseRows
from .sheet_xml import Kinds, SharedStrings, col_letter, rows_xml
from .xlsx_package import SST_PART, register_shared_strings, sheet_part

#: deflate level of the written package: on the demo month's HoSo sheet (55 MB of XML)
#: level 1 takes about a third of the time of zlib's default 6, for a file a quarter larger
#: (7.7 MB instead of 6.0 MB)
COMPRESS_LEVEL = 1
#: rows from which the sheet part could pass 2 GiB (a row takes well under 2 KB): the zip64
#: format is then needed from the part's first byte
ZIP64_FROM_ROWS = 1_000_000


def write_sample_rows(ws: Worksheet, first_row: int, date_columns: Sequence[int],
                      formulas: list[str], first_formula_col: int,
                      datetime_format: str, date_format: str) -> None:  # fmt: skip
    """Two rows openpyxl saves so that their style ids can be read back: dates with a
    time in the first, dates without in the second, the helper formulas in the first."""
    stamp = datetime(2000, 1, 1, 8, 0)
    for j in date_columns:
        ws.cell(first_row, j, stamp).number_format = datetime_format
        ws.cell(first_row + 1, j, stamp).number_format = date_format
    for k, formula in enumerate(formulas):
        ws.cell(first_row, first_formula_col + k, formula)


def _sample_styles(row_xml: str) -> dict[int, Kinds]:
    """Style ids of a sample row: per column, for date ('datetime') and formula cells."""
    out: dict[int, Kinds] = {}
    for ref, attrs, inner in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', row_xml):
        s = re.search(r's="(\d+)"', attrs)
        if not s:
            continue
        j = 0
        for ch in ref:
            j = j * 26 + ord(ch) - 64
        kind = "formula" if "<f" in (inner or "") else "datetime"
        out.setdefault(j, {})[kind] = s.group(1)
    return out


def _split_sheet(
    xml: str, first_row: int, last: int, last_col: str
) -> tuple[str, str, dict[int, Kinds]]:
    """The sheet's XML before and after its two sample rows (with the dimension of the
    filled sheet), and the cells' style ids the sample rows give."""
    samples = [
        re.search(rf'<row r="{first_row + k}"[ >].*?</row>', xml, flags=re.S) for k in (0, 1)
    ]
    if samples[0] is None or samples[1] is None:
        raise ValueError(f"sample rows {first_row}-{first_row + 1} not found")
    styles = _sample_styles(samples[0].group(0))
    for j, kinds in _sample_styles(samples[1].group(0)).items():
        if "datetime" in kinds:
            styles.setdefault(j, {})["date"] = kinds["datetime"]
    head, tail = xml[: samples[0].start()], xml[samples[1].end() :]
    dimension = f'<dimension ref="A1:{last_col}{last}"/>'
    head = re.sub(r'<dimension ref="[^"]*"\s*/>', dimension, head, count=1)
    return head, tail, styles


def _columns(rows: Sequence[Sequence[Any]]) -> list[np.ndarray]:
    """Rows of Python values as one object array per column (short rows padded)."""
    width = max((len(r) for r in rows), default=0)
    columns = [np.full(len(rows), None, dtype=object) for _ in range(width)]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            columns[j][i] = v
    return columns


def inject_rows(
    saved: bytes | Path,
    target: Path,
    sheet: str,
    first_row: int,
    rows: Sequence[Sequence[Any]],
    formulas: list[str],
    first_formula_col: int,
    values: Sequence[np.ndarray] | None = None,
    patches: Mapping[str, Patch] | None = None,
) -> None:
    """Write to ``target`` the workbook ``saved`` by openpyxl (bytes or a file) with the
    two sample rows at ``first_row`` of ``sheet`` replaced by ``rows`` (values from column
    A; a ``CaseRows`` is used as columns) followed on each row by the shared helper
    ``formulas`` (written for ``first_row``, in columns from ``first_formula_col``) with
    their cached ``values`` if given; the other sheets named in ``patches`` are patched
    (``cached_xml``)."""
    source = BytesIO(saved) if isinstance(saved, bytes) else saved
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
        parts = patched_parts({i.filename: zf.read(i.filename) for i in infos}, patches or {})
    part = sheet_part(parts, sheet)
    parts = register_shared_strings(parts)
    columns = list(rows.columns.values()) if isinstance(rows, CaseRows) else _columns(rows)
    last = first_row + max(len(rows), 1) - 1
    last_col = col_letter(first_formula_col + len(formulas) - 1)
    head, tail, styles = _split_sheet(parts[part].decode("utf-8"), first_row, last, last_col)
    sst = SharedStrings()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as out:
        for info in infos:
            if info.filename != part:
                out.writestr(info, parts[info.filename], zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)
                continue
            big = len(rows) >= ZIP64_FROM_ROWS
            with out.open(part, "w", force_zip64=big) as stream:
                stream.write(head.encode("utf-8"))
                for chunk in rows_xml(columns, first_row, styles, formulas, first_formula_col,
                                      sst, values=values):  # fmt: skip
                    stream.write(chunk.encode("utf-8"))
                stream.write(tail.encode("utf-8"))
        out.writestr(SST_PART, sst.xml())
