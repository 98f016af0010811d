"""The LichSu sheet: one row per (month, section), the chart data beside it, and the two
charts, laid out to print on A4 landscape with the table on its first page and each chart
whole on a page of its own."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from ..model import HISTORY_KEYS
from . import layout as L
from .labels import HISTORY_HEADERS
from .styles import COUNT_FMT, HISTORY_RATE_FMT, RATE_FMT, TITLE_FONT, a4, header, widths

#: history rows (months x sections) the page of the table holds before the charts move down
CHART_MONTHS, CHART_DISTRICTS, CHART_SECTIONS = 24, 30, 2
TABLE_FIRST = 3  # first history row (LichSu_Dau)
#: the table's columns: label, from, to, section title, the figures, leader, its rate, low
#: volume and no-case units; then the hidden section id
WIDTHS = {"A": 12, "B": 10, "C": 10, "D": 34,
          **{L.col(5 + i): 7.5 if k.endswith("_rate") else 8.5 for i, k in enumerate(HISTORY_KEYS)},
          "S": 22, "T": 8.5, "U": 8, "V": 8}  # fmt: skip
SECTION_WIDTH = WIDTHS["D"]
LAST_COL = L.col(4 + len(HISTORY_KEYS) + 4)  # V
ID_COL = 4 + len(HISTORY_KEYS) + 5  # W (hidden): the section id
#: A4 landscape inside the margins of styles.a4, in cm; a default row's height in cm
PAGE_W, PAGE_H, ROW_CM = 29.7 - 2 * 1.27, 21.0 - 2 * 1.524, 15 * 2.54 / 72


def history_sheet(ws: Worksheet) -> None:
    ws["A1"] = "LỊCH SỬ SỐ LIỆU THEO THÁNG (mỗi lần lập báo cáo thêm hoặc cập nhật một tháng)"
    ws["A1"].font = TITLE_FONT
    header(ws, 2, [*HISTORY_HEADERS, "_Phan"])
    ws.row_dimensions[2].height = 64
    ws.freeze_panes = "B3"
    widths(ws, WIDTHS)
    for i, key in enumerate(HISTORY_KEYS):
        letter = L.col(5 + i)
        ws.column_dimensions[letter].number_format = (
            HISTORY_RATE_FMT if key.endswith("_rate") else COUNT_FMT
        )
    ws.column_dimensions["T"].number_format = HISTORY_RATE_FMT
    for letter in ("D", "S"):
        ws.column_dimensions[letter].alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions[L.col(ID_COL)].hidden = True
    ws["Z1"] = "Dữ liệu biểu đồ: tỷ lệ đúng hạn theo tháng (%) và theo huyện (kỳ này)"
    ws["Z2"], ws["AE2"], ws["AF2"] = "Tháng", "Huyện", "Tỷ lệ đúng hạn"
    ws["Z1"].font = ws["Z2"].font = ws["AE2"].font = ws["AF2"].font = Font(bold=True)
    widths(ws, {"Z": 14, "AE": 26})
    ws.column_dimensions["AF"].number_format = RATE_FMT
    ws.column_dimensions["AG"].hidden = True


def history_heights(ws: Worksheet, rows: Sequence[Sequence[object]]) -> None:
    """Rows whose section title or leader does not fit one line get the lines they need
    (no spreadsheet grows a row for wrapped text a program writes)."""
    for i, row in enumerate(rows):
        texts = [
            (str(row[3] or ""), WIDTHS["D"]),
            (str(row[4 + len(HISTORY_KEYS)] or ""), WIDTHS["S"]),
        ]
        lines = max(L.paragraph_height(t, int(w)) for t, w in texts)
        ws.row_dimensions[TABLE_FIRST + i].height = lines if lines > L.LINE_HEIGHT + 4 else None


def district_rate_formula(r: int) -> str:
    k = L.METRIC_KEYS.index("on_time_rate") + 1
    return (
        f'=IF($AE{r}="","",IFERROR(INDEX(ChiTiet_KyNay,MATCH($AG{r}&"|{L.KIND_DISTRICT}|"&$AE{r},'
        f'ChiTiet_Khoa,0),{k})*1,""))'
    )


def table_width_cm() -> float:
    """The printed table's width at 100 %: a column of width w is 7w + 5 pixels at 96 dpi."""
    return sum(7 * w + 5 for w in WIDTHS.values()) / 96 * 2.54


def add_charts(
    wb: Workbook, months: int, sections: int, districts: int, table_rows: int = 0
) -> None:
    """The line chart of the on-time rate by month per section and the bar chart of the
    on-time rate by district (replacing any already there), each below the table of
    ``table_rows`` history rows on a page of its own.  Each spans the table's columns
    exactly (the sheet prints one page wide) and as many rows as the page's proportions
    allow at that width, with a page break before it."""
    ws = wb["LichSu"]
    ws._charts = []
    height = table_width_cm() * PAGE_H / PAGE_W * 0.9
    rows = ceil(height / ROW_CM)
    first = TABLE_FIRST + max(table_rows, CHART_MONTHS * CHART_SECTIONS) + 1
    line = LineChart()
    line.title = "Tỷ lệ giải quyết đúng hạn theo tháng (%)"
    line.y_axis.title = "%"
    line.y_axis.scaling.max = 100
    n = max(months, 1)
    data = Reference(ws, min_col=27, max_col=26 + max(sections, 1), min_row=2, max_row=2 + n)
    line.add_data(data, titles_from_data=True)
    line.set_categories(Reference(ws, min_col=26, min_row=3, max_row=2 + n))
    for series in line.series:
        series.smooth = False
    bar = BarChart()
    bar.type = "bar"
    bar.title = "Tỷ lệ đúng hạn theo huyện, kỳ này"
    d = max(districts, 1)
    for r in range(3, 3 + d):
        ws.cell(r, 32, district_rate_formula(r))
    bar.add_data(Reference(ws, min_col=32, min_row=2, max_row=2 + d), titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=31, min_row=3, max_row=2 + d))
    bar.legend = None
    bar.y_axis.number_format = "0%"  # not linked to the cells' format
    bar.y_axis.scaling.max = 1
    ws.row_breaks = RowBreak()
    for chart, page in ((line, first), (bar, first + rows + 2)):
        ws.row_breaks.append(Break(id=page))  # a new page after row ``page``
        chart.anchor = TwoCellAnchor(  # from the page's second row (0-based markers)
            _from=AnchorMarker(col=0, row=page + 1),
            to=AnchorMarker(col=len(WIDTHS), row=page + 1 + rows),
        )
        ws.add_chart(chart)
    a4(ws, landscape=True, area=f"A1:{LAST_COL}{first + 2 * (rows + 2)}")
