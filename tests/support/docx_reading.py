"""Reading a written .docx back with python-docx, as a reader would see it: texts, the
effective font and size of a run (run, then its paragraph's style chain), table cells, and
figures written with Vietnamese separators turned back into numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from tthc_report.config import Settings
from tthc_report.document import write_document
from tthc_report.model import Report


class Written:
    """A report's document, written and read back with python-docx."""

    def __init__(self, report: Report, settings: Settings, path: Path) -> None:
        self.report, self.settings, self.path = report, settings, path
        write_document(report, settings, path)
        self.doc = docx.Document(str(path))


def body_paragraphs(doc: Document) -> list[Paragraph]:
    """The paragraphs outside tables, in order, empty ones left out."""
    return [p for p in doc.paragraphs if p.text.strip()]


def cell_paragraphs(table: Table) -> Iterator[Paragraph]:
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            yield from cell.paragraphs


def all_paragraphs(doc: Document) -> Iterator[Paragraph]:
    yield from doc.paragraphs
    for table in doc.tables:
        yield from cell_paragraphs(table)


def rows_text(table: Table) -> list[list[str]]:
    """The text of each cell, row by row (a merged cell repeats its text)."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def _style_value(paragraph: Paragraph, attr: str) -> object:
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return value
        style = style.base_style
    return None


def run_size(paragraph: Paragraph, run: Run) -> float:
    """The run's size in points: its own, else its paragraph style's (up the chain)."""
    size = run.font.size or _style_value(paragraph, "size")
    assert size is not None, f"no size for {run.text!r}"
    return size.pt  # type: ignore[attr-defined]


def run_bold(paragraph: Paragraph, run: Run) -> bool:
    return bool(run.font.bold if run.font.bold is not None else _style_value(paragraph, "bold"))


def run_fonts(run: Run) -> set[str]:
    """Every font the run names for any script (empty: it takes its style's)."""
    rpr = run._r.rPr
    fonts = rpr.rFonts if rpr is not None else None
    if fonts is None:
        return set()
    return {v for k, v in fonts.attrib.items() if not k.endswith("Theme")}


def default_fonts(doc: Document) -> dict[str, str]:
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    element = fonts.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in element.attrib.items()}


def vn_number(text: str) -> int | float | None:
    """'5.409' -> 5409; '99,75%' -> 99.75; '+0,59 điểm %' -> 0.59; '-29' -> -29; '-' ->
    None."""
    text = text.strip()
    if text == "-":
        return None
    found = re.fullmatch(r"([+-]?)([\d.]+)(?:,(\d+))?(?:%| điểm %)?", text)
    assert found, f"not a Vietnamese number: {text!r}"
    sign, whole, decimals = found.groups()
    value = int(whole.replace(".", ""))
    number: int | float = value + float(f"0.{decimals}") if decimals else value
    return -number if sign == "-" else number
