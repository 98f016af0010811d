"""The Bieu06a sheet: form II.06a as it prints (docs/forms.md) — the title block, the
merged header rows, the (1)…(13) numbering row, the rows (filled by the writer) and the
hidden columns their formulas use; A4 landscape with the header rows on every page."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from ..count.form_labels import FORM_CODE, FORM_HEADER, FORM_TITLE, FORM_UNIT
from . import layout as L
from .labels import FORM_HIDDEN_HEADERS
from .styles import CENTER, COUNT_FMT, SECTION_FILL, a4, widths

HEAD_ROW = L.BIEU_FIRST - 4  # the three header rows, then the numbering row
LAST_COL = L.col(L.BIEU_FIGURE_COL + L.BIEU_COLUMNS - 1)  # M
TITLE = Font(name="Times New Roman", bold=True, size=13)
#: an official form prints black on white: thin black rules, bold headers
RULE = Side(style="thin", color="000000")
BOX = Border(left=RULE, right=RULE, top=RULE, bottom=RULE)
HEAD_FONT = Font(name="Times New Roman", bold=True)
LABEL_WIDTH = 44


def form_print_area(rows: int) -> str:
    """What prints: the title block, the headers and ``rows`` rows of the form."""
    return f"A1:{LAST_COL}{L.BIEU_FIRST + max(rows, 1) - 1}"


def form_sheet(ws: Worksheet, sizes: L.Sizes) -> None:
    _title_block(ws)
    for top, left, down, across, text in FORM_HEADER:
        ws.merge_cells(
            start_row=HEAD_ROW + top, start_column=left + 1,
            end_row=HEAD_ROW + top + down - 1, end_column=left + across,
        )  # fmt: skip
        ws.cell(HEAD_ROW + top, left + 1, text)
    for r in range(HEAD_ROW, HEAD_ROW + 4):
        for c in range(1, L.BIEU_FIGURE_COL + L.BIEU_COLUMNS):
            cell = ws.cell(r, c)
            cell.border, cell.alignment = BOX, CENTER
            if r < HEAD_ROW + 3:
                cell.font = HEAD_FONT
            else:
                cell.value, cell.font = f"({c})", Font(name="Times New Roman", italic=True)
    ws.row_dimensions[HEAD_ROW + 2].height = 62
    for c, text in enumerate(FORM_HIDDEN_HEADERS, L.BIEU_KIND_COL):
        ws.cell(HEAD_ROW + 3, c, text).font = Font(bold=True)
    theo = L.FIXED_NAMES["Bieu06a_Theo"][1]
    ws[theo] = L.BIEU_BY_UNIT
    widths(ws, {"A": 6, "B": LABEL_WIDTH, **{L.col(c): 11 for c in _figure_cols()}})
    last_hidden = L.BIEU_OWN_COL + L.BIEU_COLUMNS - 1
    for c in range(L.BIEU_KIND_COL, last_hidden + 1):
        ws.column_dimensions[L.col(c)].hidden = True
    ws.column_dimensions["B"].alignment = Alignment(wrap_text=True, vertical="center")
    for c in _figure_cols():
        ws.column_dimensions[L.col(c)].number_format = COUNT_FMT
    ws.freeze_panes = ws.cell(L.BIEU_FIRST, 3)
    form_formats(ws, sizes.form)


def _figure_cols() -> range:
    return range(L.BIEU_FIGURE_COL, L.BIEU_FIGURE_COL + L.BIEU_COLUMNS)


def _title_block(ws: Worksheet) -> None:
    ws["A1"] = FORM_CODE
    ws["A1"].font = Font(name="Times New Roman", bold=True)
    right = L.BIEU_FIGURE_COL + 6  # I
    for row, label, name in ((1, "Đơn vị báo cáo: ", "DonViBaoCao"),
                             (2, "Đơn vị nhận báo cáo: ", "DonViNhanBaoCao")):  # fmt: skip
        ws.merge_cells(start_row=row, start_column=right, end_row=row, end_column=13)
        cell = ws.cell(row, right, f'="{label}"&IF({name}="","...",{name})')
        cell.alignment = Alignment(horizontal="left")
    lines = (
        (3, FORM_TITLE, TITLE, 36),
        (4, '="Kỳ báo cáo: "&KyNayNhan', Font(bold=True), None),
        (5, '="(Từ ngày "&TEXT(KyNayBatDau,"d/m/yyyy")&" đến ngày "&'
            'TEXT(KyNayKetThuc,"d/m/yyyy")&")"', Font(italic=True), None),
    )  # fmt: skip
    for row, text, font, height in lines:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=13)
        cell = ws.cell(row, 1, text)
        cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
        if height:
            ws.row_dimensions[row].height = height
    ws.merge_cells(start_row=6, start_column=right, end_row=6, end_column=13)
    unit = ws.cell(6, right, FORM_UNIT)
    unit.font, unit.alignment = Font(italic=True), Alignment(horizontal="right")


def form_formats(ws: Worksheet, rows: int) -> None:
    """Borders of the rows, group and total rows in bold (the group rows on blue), the
    print setup for ``rows`` rows."""
    last = L.BIEU_FIRST + max(rows, 1) - 1
    for r in range(L.BIEU_FIRST, last + 1):
        for c in range(1, L.BIEU_FIGURE_COL + L.BIEU_COLUMNS):
            ws.cell(r, c).border = BOX
            if c >= L.BIEU_FIGURE_COL:
                ws.cell(r, c).number_format = COUNT_FMT
        ws.cell(r, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="center")
    area = f"A{L.BIEU_FIRST}:{LAST_COL}{last}"
    kind = f"${L.col(L.BIEU_KIND_COL)}{L.BIEU_FIRST}"
    ws.conditional_formatting.add(
        area,
        FormulaRule(formula=[f'{kind}="{L.BIEU_GROUP}"'], fill=SECTION_FILL, font=Font(bold=True)),
    )
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f'{kind}="{L.BIEU_TOTAL}"'], font=Font(bold=True))
    )
    a4(ws, landscape=True, area=form_print_area(rows))
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 3}"
