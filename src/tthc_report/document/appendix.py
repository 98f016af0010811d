"""The optional appendix: form II.06a of the period (Thông tư 01/2020/TT-VPCP) on
landscape A4 pages that number their own pages, after the signature block."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell

from ..config import Settings
from ..count import form_labels as F
from ..formatting import number, short_date
from . import labels as T
from .form_data import FormII06a
from .page import (
    CELL,
    FORM_SIZE,
    LANDSCAPE_MARGINS,
    PAPER,
    keep_rows,
    page_numbers,
    set_page,
    set_widths,
    style_setter,
    text_paragraph,
)

WIDTH = Length(PAPER[1] - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"])
#: TT, the row's name, then the 11 figures (3)..(13); (9) and (12) carry long headers
FIGURES = [17, 16, 18, 16, 17, 16, 26, 15, 17, 26]
WIDTHS = [Mm(10), Mm(52), *(Mm(w) for w in FIGURES), Length(WIDTH - Mm(62 + sum(FIGURES)))]
HALF = Length(WIDTH // 2)
TITLE_SIZE, LINE_SIZE = 12, 11
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


def add_appendix(doc: Document, settings: Settings, form: FormII06a) -> None:
    """A new landscape section: "Phụ lục", the form's heading and its table."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    page_numbers(section, restart=True)
    text_paragraph(doc.add_paragraph(), T.APPENDIX, 14, bold=True)
    text_paragraph(doc.add_paragraph(), T.APPENDIX_OF.format(number=T.document_number(settings)),
                   13, italic=True)  # fmt: skip
    heading = doc.add_table(rows=1, cols=2)
    set_widths(heading, [HALF, Length(WIDTH - HALF)])
    code, units = heading.rows[0].cells
    text_paragraph(code.paragraphs[0], F.FORM_CODE, LINE_SIZE, bold=True, align=LEFT)
    receivers = (F.FORM_REPORTING.format(unit=T.filled(settings.reporting_unit)),
                 F.FORM_RECEIVING.format(unit=T.filled(settings.receiving_unit)))  # fmt: skip
    text_paragraph(units.paragraphs[0], "\n".join(receivers), LINE_SIZE, align=RIGHT)
    title = text_paragraph(
        doc.add_paragraph(), "\n".join(F.FORM_TITLE_LINES), TITLE_SIZE, bold=True
    )
    title.paragraph_format.space_before = Pt(6)
    period = form.period
    text_paragraph(doc.add_paragraph(), F.FORM_PERIOD.format(label=period.label), TITLE_SIZE)
    span = F.FORM_RANGE.format(start=short_date(period.start), end=short_date(period.end))
    text_paragraph(doc.add_paragraph(), span, TITLE_SIZE, italic=True)
    text_paragraph(doc.add_paragraph(), F.FORM_UNIT, LINE_SIZE, italic=True, align=RIGHT)
    form_table(doc, form)


def _cell_writer(doc: Document) -> Callable[..., None]:
    """Write a cell of the form: 10 pt in the cell style, centred vertically."""
    as_cell = style_setter(doc, CELL)

    def write(cell: _Cell, text: str, bold: bool = False, italic: bool = False,
              align: WD_ALIGN_PARAGRAPH = CENTER) -> None:  # fmt: skip
        paragraph = cell.paragraphs[0]
        as_cell(paragraph)
        text_paragraph(paragraph, text, FORM_SIZE, bold=bold, italic=italic, align=align)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    return write


def form_table(doc: Document, form: FormII06a) -> Table:
    """The header (three rows of merged titles and the row of column numbers), then one row
    per form row: group and total rows in bold.  Rows are added one by one and filled
    through their own cells (``Table.cell`` walks the whole table at every call)."""
    first = F.FORM_HEADER_ROWS + 1
    _cell_text = _cell_writer(doc)
    table = doc.add_table(rows=first, cols=F.FORM_COLUMNS)
    table.style = doc.styles["Table Grid"]
    set_widths(table, WIDTHS)
    for row, column, down, across, text in F.FORM_HEADER:
        _cell_text(table.cell(row, column), text, bold=True)
        if down > 1 or across > 1:
            table.cell(row, column).merge(table.cell(row + down - 1, column + across - 1))
    for column, cell in enumerate(table.rows[F.FORM_HEADER_ROWS].cells):
        _cell_text(cell, f"({column + 1})", italic=True)
    for form_row in form.rows:
        bold = form_row.kind != "row"
        tt, label, *figures = table.add_row().cells
        _cell_text(tt, form_row.tt, bold=bold)
        _cell_text(label, form_row.label, bold=bold, align=LEFT)
        for cell, value in zip(figures, form_row.values, strict=True):
            _cell_text(cell, number(value), bold=bold, align=RIGHT)
    keep_rows(table, header_rows=first)
    return table
