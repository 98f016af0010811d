"""Write the case rows of HoSo straight into the saved .xlsx, fast.

openpyxl builds a Python object per cell: for a province-month (60,000 cases x 27 columns,
15 values and 12 helper formulas) that is most of the build time.  Here the workbook is
saved by openpyxl with one sample row, and the sheet's XML part is then rewritten with the
real rows: values as numbers or inline strings, and the helper formulas as *shared
formulas* (the formula once, "same as above" for every other row), which Excel and
LibreOffice both read, and which also makes the file several times smaller.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl.worksheet.worksheet import Worksheet

EXCEL_EPOCH = datetime(1899, 12, 30)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def col_letter(i: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    s = ""
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """The zip member of a worksheet, found by its name through the workbook's rels."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    ids = [e.get(rel) for e in book.iter(f"{main}sheet") if e.get("name") == sheet]
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = [e.get("Target", "") for e in rels if ids and e.get("Id") == ids[0]]
    if not targets:
        raise KeyError(sheet)
    target = targets[0].lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


def _serial(v: datetime) -> str:
    delta = v - EXCEL_EPOCH
    return repr(delta.days + delta.seconds / 86400)


def _row_xml(
    r: int,
    values: Sequence[object],
    styles: dict[int, dict[str, str]],
    formulas: list[str],
    first_formula_col: int,
    head: bool,
    last: int,
) -> str:
    cells = []
    for j, v in enumerate(values, 1):
        if v is None or v == "":
            continue
        ref = f"{col_letter(j)}{r}"
        kinds = styles.get(j, {})
        if isinstance(v, str):
            text = escape(_ILLEGAL.sub("", v))
            attr = f' s="{kinds["text"]}"' if "text" in kinds else ""
            cells.append(
                f'<c r="{ref}"{attr} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
            )
        elif isinstance(v, datetime | date):
            if not isinstance(v, datetime):
                v = datetime(v.year, v.month, v.day)
            kind = "date" if v.time() == datetime.min.time() else "datetime"
            style = kinds.get(kind) or kinds.get("datetime") or kinds.get("date")
            attr = f' s="{style}"' if style else ""
            cells.append(f'<c r="{ref}"{attr}><v>{_serial(v)}</v></c>')
        elif isinstance(v, bool):
            cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
        else:
            number = v.item() if hasattr(v, "item") else v  # numpy scalars as Python numbers
            cells.append(f'<c r="{ref}"><v>{number!r}</v></c>')
    for k, formula in enumerate(formulas):
        j = first_formula_col + k
        ref = f"{col_letter(j)}{r}"
        style = styles.get(j, {}).get("formula")
        attr = f' s="{style}"' if style else ""
        if head:
            span = f"{col_letter(j)}{r}:{col_letter(j)}{last}"
            body = escape(formula.removeprefix("="))
            cells.append(f'<c r="{ref}"{attr}><f t="shared" ref="{span}" si="{k}">{body}</f></c>')
        else:
            cells.append(f'<c r="{ref}"{attr}><f t="shared" si="{k}"/></c>')
    return f'<row r="{r}">{"".join(cells)}</row>'


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


def _sample_styles(row_xml: str) -> dict[int, dict[str, str]]:
    """Style ids of a sample row: per column, for date ('datetime') and formula cells."""
    out: dict[int, dict[str, str]] = {}
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


def inject_rows(
    path: Path,
    sheet: str,
    first_row: int,
    rows: Sequence[Sequence[object]],
    formulas: list[str],
    first_formula_col: int,
) -> None:
    """Replace the two sample rows at ``first_row`` of ``sheet`` in the saved workbook at
    ``path`` with ``rows`` (values) followed on each row by the shared helper ``formulas``
    (written for ``first_row``, in columns from ``first_formula_col``)."""
    with zipfile.ZipFile(path) as zf:
        part = sheet_part(zf, sheet)
        members = [(i, zf.read(i.filename)) for i in zf.infolist()]
    xml = dict((i.filename, data) for i, data in members)[part].decode("utf-8")
    # the two sample rows (see write_sample_rows) give the cells' style ids, then go
    samples = [
        re.search(rf'<row r="{first_row + k}"[ >].*?</row>', xml, flags=re.S) for k in (0, 1)
    ]
    if samples[0] is None or samples[1] is None:
        raise ValueError(f"{sheet}: sample rows {first_row}-{first_row + 1} not found")
    styles = _sample_styles(samples[0].group(0))
    for j, kinds in _sample_styles(samples[1].group(0)).items():
        if "datetime" in kinds:
            styles.setdefault(j, {})["date"] = kinds["datetime"]
    rows = list(rows) or [[]]  # no case: one row of formulas all the same
    last = first_row + len(rows) - 1
    body = "".join(
        _row_xml(first_row + i, values, styles, formulas, first_formula_col, i == 0, last)
        for i, values in enumerate(rows)
    )
    xml = xml[: samples[0].start()] + body + xml[samples[1].end() :]
    last_col = col_letter(first_formula_col + len(formulas) - 1)
    dimension = f'<dimension ref="A1:{last_col}{last}"/>'
    xml = re.sub(r'<dimension ref="[^"]*"/>', dimension, xml, count=1)
    tmp = path.with_suffix(".rows.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for info, data in members:
            if info.filename == part:
                data = xml.encode("utf-8")
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    tmp.replace(path)
