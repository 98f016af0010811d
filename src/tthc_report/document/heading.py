"""The document's heading (Nghị định 30/2020/NĐ-CP, Phụ lục I): the two-column table
without borders (the managing body over the issuing body, a short rule, the number; the
national motto, its rule, the place and date), then "BÁO CÁO" and the subject."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Length, Mm, Pt

from ..config import Settings
from ..periods import Period
from . import labels as T
from .page import BODY_SIZE, TEXT_WIDTH, rule, set_widths, text_paragraph

#: the heading table's columns: the bodies on the left, the motto on the right
LEFT, RIGHT = Mm(68), Length(TEXT_WIDTH - Mm(68))
#: upper-case names: 12 pt (the decree: 12-13); the motto 13 pt; number and date 13 pt
NAME_SIZE, MOTTO_SIZE, LINE_SIZE = 12, 13, 13
#: about how many upper-case letters of NAME_SIZE fit on a line of the left column
LEFT_CHARS = 22
ISSUER_RULE, MOTTO_RULE, SUBJECT_RULE = Mm(25), Mm(62), Mm(55)


def add_heading(doc: Document, settings: Settings, period: Period) -> None:
    """The heading table, the type and the subject, at the top of the first page."""
    table = doc.add_table(rows=2, cols=2)
    set_widths(table, [LEFT, RIGHT])
    (bodies, motto), (number, place) = (row.cells for row in table.rows)
    for cell in (bodies, motto, number, place):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    managing = T.filled(settings.managing_body).upper()
    issuing = T.two_lines(T.filled(settings.issuing_body).upper(), LEFT_CHARS)
    text_paragraph(bodies.paragraphs[0], T.two_lines(managing, LEFT_CHARS), NAME_SIZE)
    text_paragraph(bodies.add_paragraph(), issuing, NAME_SIZE, bold=True)
    rule(bodies, LEFT, ISSUER_RULE)
    text_paragraph(motto.paragraphs[0], T.NATION, NAME_SIZE, bold=True)
    text_paragraph(motto.add_paragraph(), T.MOTTO, MOTTO_SIZE, bold=True)
    rule(motto, RIGHT, MOTTO_RULE)
    for cell, text, italic in ((number, T.number_line(settings), False),
                               (place, T.place_line(settings), True)):  # fmt: skip
        paragraph = text_paragraph(cell.paragraphs[0], text, LINE_SIZE, italic=italic)
        paragraph.paragraph_format.space_before = Pt(6)
    kind = text_paragraph(doc.add_paragraph(), T.DOCUMENT_TYPE, BODY_SIZE, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.keep_with_next = True
    title = text_paragraph(doc.add_paragraph(), T.subject(period), BODY_SIZE, bold=True)
    title.paragraph_format.keep_with_next = True
    rule(doc, TEXT_WIDTH, SUBJECT_RULE).paragraph_format.space_after = Pt(6)
