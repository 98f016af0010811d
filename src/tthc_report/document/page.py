"""The layout of Nghị định 30/2020/NĐ-CP (Phụ lục I) as python-docx settings: paper,
margins, fonts, the document's paragraph styles, rules, table borders and page numbers.

Every size of the document is a constant here, so a change of the rules is one line.  The
styles are real Word styles ("TTHC Body", "TTHC Heading"...): staff who edit the document
in Word get the same font and spacing in a paragraph they add.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
#: A4, portrait; margins within the decree's ranges (top/bottom 20-25, left 30-35, right 15-20)
PAPER = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
#: the landscape appendix: the same paper turned, the binding edge still gets the wide margin
LANDSCAPE_MARGINS = {"top": Mm(25), "bottom": Mm(20), "left": Mm(20), "right": Mm(15)}
TEXT_WIDTH = Length(PAPER[0] - MARGINS["left"] - MARGINS["right"])  # 165 mm
#: sizes in points: the body 14, the heading's upper-case names 12-13, "Nơi nhận" 12 / 11
BODY_SIZE = 14
CELL_SIZE = 12
FORM_SIZE = 10
FIRST_LINE_INDENT = Cm(1.27)
PARAGRAPH_SPACE = Pt(6)
LINE_SPACING = 1.15

BODY, HEADING, CELL, RULE = "TTHC Body", "TTHC Heading", "TTHC Cell", "TTHC Rule"
#: the paragraph properties that follow a border (w:pBdr) in the file's order
AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def set_page(section: Section, landscape: bool = False) -> None:
    """A4 with the decree's margins, portrait, or landscape for an appendix."""
    width, height = PAPER
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    margins = LANDSCAPE_MARGINS if landscape else MARGINS
    section.top_margin, section.bottom_margin = margins["top"], margins["bottom"]
    section.left_margin, section.right_margin = margins["left"], margins["right"]
    section.header_distance = Mm(10)


def _times(fonts: BaseOxmlElement) -> None:
    """Times New Roman for every script of a ``w:rFonts`` element, no theme font (a theme
    font would win over the named one in Word)."""
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def set_defaults(doc: Document) -> None:
    """Document defaults: Times New Roman 14 pt in Vietnamese, no spacing; then the styles."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _times(rpr.find(qn("w:rFonts")))
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(BODY_SIZE * 2))
    lang = rpr.find(qn("w:lang"))
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), LANGUAGE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    _times(normal.element.get_or_add_rPr().get_or_add_rFonts())
    normal.font.size = Pt(BODY_SIZE)
    add_styles(doc)


def add_styles(doc: Document) -> None:
    """The body paragraph (justified, first-line indent, 6 pt apart), the section heading
    (the same, bold, kept with the next paragraph), a table cell and a rule."""
    styles = doc.styles
    body = styles.add_style(BODY, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = styles["Normal"]
    body.quick_style = True
    fmt = body.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.space_before, fmt.space_after = PARAGRAPH_SPACE, Pt(0)
    fmt.line_spacing = LINE_SPACING
    fmt.widow_control = True
    heading = styles.add_style(HEADING, WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = body
    heading.quick_style = True
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True
    cell = styles.add_style(CELL, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Normal"]
    cell.font.size = Pt(CELL_SIZE)
    cell.paragraph_format.space_before = cell.paragraph_format.space_after = Pt(1)
    rule = styles.add_style(RULE, WD_STYLE_TYPE.PARAGRAPH)
    rule.base_style = styles["Normal"]
    rule.font.size = Pt(2)
    rule.paragraph_format.space_before, rule.paragraph_format.space_after = Pt(2), Pt(0)
    borders = OxmlElement("w:pBdr")
    borders.append(_line("w:top", 6))
    rule.element.get_or_add_pPr().insert_element_before(borders, *AFTER_BORDER)


def style_setter(doc: Document, name: str) -> Callable[[Paragraph], None]:
    """A function that gives a paragraph the style ``name``, its id looked up once
    (``paragraph.style = name`` searches every style of the document at each call)."""
    style_id = doc.styles[name].style_id

    def apply(paragraph: Paragraph) -> None:
        paragraph._p.get_or_add_pPr().style = style_id

    return apply


def text_paragraph(
    paragraph: Paragraph,
    text: str,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    """Fill ``paragraph`` with ``text`` (a line break for each newline) in one style."""
    if align is not None:
        paragraph.alignment = align
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.font.bold = bold or None
        run.font.italic = italic or None
        if size is not None:
            run.font.size = Pt(size)
    return paragraph


def rule(container: BlockItemContainer | Document, width: Length, length: Length) -> Paragraph:
    """A centred horizontal line of ``length`` in a column of ``width``, below the last
    paragraph of ``container``: an empty 2 pt paragraph of the rule style (a top border),
    indented from both sides."""
    paragraph = container.add_paragraph(style=RULE)
    indent = Length(max(0, (int(width) - int(length)) // 2))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    return paragraph


def _line(tag: str, size: int) -> BaseOxmlElement:
    line = OxmlElement(tag)
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"),
                       ("w:color", "000000")):  # fmt: skip
        line.set(qn(key), value)
    return line


def set_widths(table: Table, widths: Sequence[Length]) -> None:
    """Fixed column widths (the grid and every cell, as Word and LibreOffice both read),
    the table centred."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def keep_rows(table: Table, header_rows: int = 0) -> None:
    """No row splits across pages; the first ``header_rows`` rows repeat at the top of each
    page."""
    for i, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader",
                                   "w:tblCellSpacing", "w:jc", "w:hidden")  # fmt: skip
        if i < header_rows:
            trpr.insert_element_before(OxmlElement("w:tblHeader"), "w:tblCellSpacing", "w:jc",
                                       "w:hidden")  # fmt: skip


def page_numbers(section: Section, restart: bool = False) -> None:
    """The page number centred at the top (13 pt), not on the section's first page; an
    appendix numbers its own pages (``restart``)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "26")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    if restart:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(
            numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
            "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        )  # fmt: skip
