"""A minimal, fast .xlsx writer for big generated sheets: zipfile + XML built with Arrow.

A sheet is a few literal rows (titles, headers, totals) and a body rendered chunk by
chunk: every body column is a list of alternatives ``(kind, array)`` with one non-null
value per row at most (none: an empty cell).  Kinds: ``"s"`` text (inline string),
``"n"`` a number, ``"d"`` a number shown as a date and time (Excel serial).  The row XML
of a whole chunk is joined in C by ``pyarrow.compute`` and streamed into the zip.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

Column = list[tuple[str, pa.Array]]
Body = Callable[[int, int], list[Column]]  # rows [a, b) -> one Column per sheet column

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DATE_STYLE = 1  # cellXfs index of "dd/mm/yyyy hh:mm"
CHUNK = 100_000


def col_letter(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class Sheet:
    name: str
    top: list[list[object]] = field(default_factory=list)  # literal rows from row 1
    body_rows: int = 0
    body: Body | None = None
    width: int = 1
    bottom: list[list[object]] = field(default_factory=list)  # literal rows after the body
    merges: list[str] = field(default_factory=list)


def _literal_row(r: int, values: Sequence[object]) -> str:
    cells = []
    for j, v in enumerate(values):
        if v is None or v == "":
            continue
        ref = f"{col_letter(j)}{r}"
        if isinstance(v, int | float) and not isinstance(v, bool):
            cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
    return f'<row r="{r}">{"".join(cells)}</row>' if cells else ""


def xml_text(values: pa.Array) -> pa.Array:
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        values = pc.replace_substring(values, old, new)
    return values


_TAIL = {"s": ('" t="inlineStr"><is><t>', "</t></is></c>"), "n": ('"><v>', "</v></c>"),
         "d": (f'" s="{DATE_STYLE}"><v>', "</v></c>")}  # fmt: skip


def _body_chunk(sheet: Sheet, first_row: int, a: int, b: int) -> memoryview:
    assert sheet.body is not None
    rownum = pc.cast(pa.array(np.arange(first_row + a, first_row + b)), pa.string())
    pieces: list[object] = ['<row r="', rownum, '">']
    for j, column in enumerate(sheet.body(a, b)):
        cell = None
        for kind, values in column:
            if kind == "s":
                values = xml_text(values)
            head, tail = _TAIL[kind]
            one = pc.binary_join_element_wise(f'<c r="{col_letter(j)}', rownum, head, values,
                                              tail, "")  # fmt: skip
            cell = one if cell is None else pc.coalesce(cell, one)
        if cell is not None:
            pieces.append(pc.fill_null(cell, ""))
    pieces += ["</row>", ""]
    return array_bytes(pc.binary_join_element_wise(*pieces))


def array_bytes(strings: pa.Array) -> memoryview:
    """The concatenated UTF-8 of a string array without nulls, without copying it."""
    if isinstance(strings, pa.ChunkedArray):
        strings = strings.combine_chunks()
    assert strings.null_count == 0
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)[
        strings.offset : strings.offset + len(strings) + 1
    ]
    data = strings.buffers()[2]
    if data is None:
        return memoryview(b"")
    return memoryview(data)[int(offsets[0]) : int(offsets[-1])]


def _sheet_parts(sheet: Sheet) -> Iterable[bytes | memoryview]:
    last_row = len(sheet.top) + sheet.body_rows + len(sheet.bottom)
    yield (
        f'{XML_HEAD}<worksheet xmlns="{NS}" xmlns:r="{NS_R}">'
        f'<dimension ref="A1:{col_letter(sheet.width - 1)}{max(last_row, 1)}"/><sheetData>'
    ).encode()
    yield "".join(_literal_row(i + 1, v) for i, v in enumerate(sheet.top)).encode()
    first = len(sheet.top) + 1
    for a in range(0, sheet.body_rows, CHUNK):
        yield _body_chunk(sheet, first, a, min(a + CHUNK, sheet.body_rows))
    after = first + sheet.body_rows
    yield "".join(_literal_row(after + i, v) for i, v in enumerate(sheet.bottom)).encode()
    yield b"</sheetData>"
    if sheet.merges:
        refs = "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
        yield f'<mergeCells count="{len(sheet.merges)}">{refs}</mergeCells>'.encode()
    yield b"</worksheet>"


STYLES = (
    f'{XML_HEAD}<styleSheet xmlns="{NS}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write the workbook to ``path`` (through a temporary file renamed into place)."""
    n = len(sheets)
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(n)
    )
    content_types = (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        f'officedocument.spreadsheetml.styles+xml"/>{types}</Types>'
    )
    root_rels = (
        f'{XML_HEAD}<Relationships xmlns="{PKG_R}"><Relationship Id="rId1" Type="{NS_R}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'{XML_HEAD}<workbook xmlns="{NS}" xmlns:r="{NS_R}"><sheets>'
        + "".join(
            f'<sheet name="{escape(s.name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, s in enumerate(sheets)
        )
        + "</sheets></workbook>"
    )
    wb_rels = (
        f'{XML_HEAD}<Relationships xmlns="{PKG_R}">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Type="{NS_R}/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(n)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{NS_R}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, text in (
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", root_rels),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", wb_rels),
            ("xl/styles.xml", STYLES),
        ):
            zf.writestr(name, text)
        for i, sheet in enumerate(sheets):
            with zf.open(f"xl/worksheets/sheet{i + 1}.xml", "w", force_zip64=True) as fh:
                for part in _sheet_parts(sheet):
                    fh.write(part)
    os.replace(tmp, path)
