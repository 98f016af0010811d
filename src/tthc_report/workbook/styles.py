"""The look of the workbook's sheets: fills, fonts, borders, number formats, and the few
helpers every sheet's layout uses (header rows, column widths, A4 page setup)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFF")
#: Times New Roman, the font of official Vietnamese documents (LibreOffice shows it as
#: Liberation Serif, which has every Vietnamese letter)
TITLE_FONT = Font(name="Times New Roman", bold=True, size=14, color="1F4E78")
SECTION_FILL = PatternFill("solid", fgColor="DDEBF7")
RED = PatternFill("solid", fgColor="F8CBAD")
AMBER = PatternFill("solid", fgColor="FFE699")
GREY = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

COUNT_FMT = "#,##0"
RATE_FMT = "0.00%"
DATE_FMT = "dd/mm/yyyy"
DATETIME_FMT = "dd/mm/yyyy hh:mm"
HISTORY_RATE_FMT = "0.00"


def header(ws: Worksheet, row: int, labels: Sequence[str], first_col: int = 1) -> None:
    """A row of column headers: white bold on dark blue, centred, boxed."""
    for i, text in enumerate(labels):
        c = ws.cell(row, first_col + i, text)
        c.fill, c.font, c.alignment, c.border = HEAD_FILL, HEAD_FONT, CENTER, BOX


def widths(ws: Worksheet, sizes: Mapping[str, float]) -> None:
    for letter, w in sizes.items():
        ws.column_dimensions[letter].width = w


def a4(ws: Worksheet, landscape: bool, area: str | None = None) -> None:
    """A4, one page wide (as many pages down as needed), centred, narrow margins."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if area:
        ws.print_area = area
