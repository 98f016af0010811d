"""The closing block: "Nơi nhận:" and its list on the left (12 pt bold italic, 11 pt), the
signer's title (upper case, bold) and name (bold) on the right, with room to sign."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt

from ..config import Settings
from . import labels as T
from .page import BODY_SIZE, TEXT_WIDTH, keep_rows, set_widths, text_paragraph

LEFT, RIGHT = Mm(80), Length(TEXT_WIDTH - Mm(80))
HEADER_SIZE, LIST_SIZE = 12, 11
#: the room left for the signature and the seal, between the title and the name
SIGNATURE_ROOM = Pt(72)


def add_closing(doc: Document, settings: Settings) -> None:
    """The recipients and the signature block, side by side, kept on one page."""
    spacer = doc.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    set_widths(table, [LEFT, RIGHT])
    recipients, signature = table.rows[0].cells
    for cell in (recipients, signature):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    left = WD_ALIGN_PARAGRAPH.LEFT
    text_paragraph(recipients.paragraphs[0], T.RECIPIENTS, HEADER_SIZE, bold=True, italic=True,
                   align=left)  # fmt: skip
    for line in T.recipient_lines(settings):
        text_paragraph(recipients.add_paragraph(), line, LIST_SIZE, align=left)
    title = T.filled(settings.signer_title).upper()
    text_paragraph(signature.paragraphs[0], title, BODY_SIZE, bold=True)
    name = text_paragraph(signature.add_paragraph(), T.filled(settings.signer_name), BODY_SIZE,
                          bold=True)  # fmt: skip
    name.paragraph_format.space_before = SIGNATURE_ROOM
    keep_rows(table)
