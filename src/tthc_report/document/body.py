"""The document's body: the narrative (section headings in bold, paragraphs justified with
a first-line indent), then the summary table of every section: this period, the previous
period and the change, written with Vietnamese separators (5.409; 99,75%)."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt
from docx.table import _Cell

from ..formatting import UNDEFINED, half_up, number, percent
from ..model import RATE_KEYS, Metrics, Report
from . import labels as T
from .page import BODY, BODY_SIZE, CELL, CELL_SIZE, HEADING, TEXT_WIDTH, keep_rows, set_widths
from .page import text_paragraph as fill

#: the summary table's columns: the figure's name, this period, the previous, the change
WIDTHS = [Mm(64), Mm(32), Mm(32), Length(TEXT_WIDTH - Mm(128))]
#: the table's last rows stay on the page of the signature block (no page signed alone)
KEEP_WITH_CLOSING = 3
#: decimals of a rate in the table: two for every rate, so that a small share of online
#: cases reads 0,04% (the narrative writes the online share with one)
PLACES = 2


def add_narrative(doc: Document, paragraphs: Sequence[str], headings: Sequence[str]) -> None:
    """The narrative's paragraphs in order; those that are a section's heading in bold."""
    heads = set(headings)
    for text in paragraphs:
        doc.add_paragraph(text, HEADING if text in heads else BODY)


def value_text(key: str, value: int | float | None) -> str:
    """A figure as the table writes it: '5.409', '99,75%', '39,7%', '-' when undefined."""
    if key in RATE_KEYS:
        return percent(value, PLACES)
    return UNDEFINED if value is None else number(value)


def change_text(key: str, now: int | float | None, before: int | float | None) -> str:
    """'+1.234', '-56', '0' for a count; '+0,59 điểm %' for a rate (as the rates are shown,
    in percentage points); '-' when either side is undefined."""
    if now is None or before is None:
        return UNDEFINED
    places = PLACES if key in RATE_KEYS else 0
    diff = half_up(now, places) - half_up(before, places)
    sign = "+" if diff > 0 else "-" if diff < 0 else ""
    text = sign + number(float(abs(diff)), places)
    return f"{text} {T.POINTS}" if key in RATE_KEYS else text


ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT,
         "center": WD_ALIGN_PARAGRAPH.CENTER}  # fmt: skip


def _write(cell: _Cell, text: str, bold: bool = False, align: str = "right") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = CELL
    fill(paragraph, text, bold=bold, align=ALIGN[align])
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def figure_rows(now: Metrics, before: Metrics | None) -> list[tuple[str, str, str, str]]:
    """(label, this period, previous period, change) for each row of SUMMARY_ROWS."""
    rows = []
    for key, label in T.SUMMARY_ROWS:
        value = now.get(key)
        previous = before.get(key) if before is not None else None
        shown_before = value_text(key, previous) if before is not None else UNDEFINED
        rows.append(
            (label, value_text(key, value), shown_before, change_text(key, value, previous))
        )
    return rows


def add_summary(doc: Document, report: Report) -> None:
    """The caption, then one table: a header row, and for each section a row with its title
    followed by its figures."""
    caption = fill(doc.add_paragraph(), T.SUMMARY_TITLE, BODY_SIZE, bold=True)
    caption.paragraph_format.space_before = Pt(12)
    caption.paragraph_format.keep_with_next = True
    unit = fill(doc.add_paragraph(), T.SUMMARY_UNIT, CELL_SIZE, italic=True,
                align=WD_ALIGN_PARAGRAPH.RIGHT)  # fmt: skip
    unit.paragraph_format.keep_with_next = True
    previous = report.previous_period.label if report.previous_period else UNDEFINED
    sections = [(s.title, figure_rows(s.totals, s.previous)) for s in report.sections]
    table = doc.add_table(rows=1 + sum(1 + len(f) for _, f in sections), cols=4)
    table.style = doc.styles["Table Grid"]
    set_widths(table, WIDTHS)
    header = (T.SUMMARY_FIRST, report.period.label, previous, T.SUMMARY_CHANGE)
    rows = iter(table.rows)
    for cell, text in zip(next(rows).cells, header, strict=True):
        _write(cell, text, bold=True, align="center")
    for n, (title, figures) in enumerate(sections):
        group = next(rows).cells
        merged = group[0].merge(group[-1])
        _write(merged, f"{T.ROMAN[n % len(T.ROMAN)]}. {title}", bold=True, align="left")
        for label, *values in figures:
            cells = next(rows).cells
            _write(cells[0], label, align="left")
            for cell, text in zip(cells[1:], values, strict=True):
                _write(cell, text)
    keep_rows(table, header_rows=1)
    for row in table.rows[-KEEP_WITH_CLOSING:]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
