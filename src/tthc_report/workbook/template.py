"""Build the template workbook (workbook_templates/BaoCaoTTHC.xlsx) with openpyxl."""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..prepare.words import STATUS_NAMES
from ..read.columns import COLUMNS
from . import formulas
from . import layout as L
from .labels import CT_HEADERS, GUIDE, METRIC_LABELS
from .styles import (
    AMBER,
    BOX,
    COUNT_FMT,
    DATE_FMT,
    DATETIME_FMT,
    GREY,
    RATE_FMT,
    RED,
    SECTION_FILL,
    TITLE_FONT,
    WRAP,
    a4,
    header,
    widths,
)
from .template_form import form_sheet
from .template_history import (
    CHART_DISTRICTS,
    CHART_MONTHS,
    add_charts,
    district_rate_formula,  # noqa: F401  (the add-in's writer imports it from here)
    history_sheet,
)
from .word_tables import channel_table, online_level_table, status_table

TEMPLATE_MONTH = datetime(2021, 10, 1)
GUIDE_WIDTH = L.NARRATIVE_WIDTH  # HuongDan's column (characters): A4 portrait, as BaoCao


def build_template(sizes: L.Sizes | None = None, hoso_rows: bool = True) -> Workbook:
    """The template workbook; ``sizes`` gives how many rows carry formulas (HoSo's are left
    out with ``hoso_rows=False``, for the writer to stream them)."""
    sizes = sizes or L.Sizes(L.TEMPLATE_CASES, L.TEMPLATE_UNITS, L.TEMPLATE_ROWS)
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in L.ALL_SHEETS}
    _guide(sheets["HuongDan"])
    _settings(sheets["ThamSo"])
    _cases(sheets["HoSo"], sizes)
    _catalog(sheets["DanhMucDonVi"], sizes)
    _summary(sheets["TongHop"])
    _detail(sheets["ChiTiet"], sizes)
    _narrative(sheets["BaoCao"])
    _checks(sheets["KiemTraDuLieu"])
    form_sheet(sheets[L.FORM_SHEET], sizes)
    history_sheet(sheets["LichSu"])
    tt = sheets["TinhToan"]
    tt.sheet_state = "hidden"
    tt["G1"] = (
        "Trang tính tính toán (ẩn): tần suất theo dòng ChiTiet (A-C) và dòng Bieu06a (D-E) "
        "và loại kết quả."
    )
    L.define_names(wb, {**L.FIXED_NAMES, **L.TABLE_NAMES, **L.sized_names(sizes)})
    formulas.define_histogram_names(wb)
    formulas.write_formula_rows(wb, sizes, None, hoso_rows)
    add_charts(wb, CHART_MONTHS, 2, CHART_DISTRICTS)
    wb.active = 2
    return wb


def _guide(ws: Worksheet) -> None:
    ws["A1"] = "HƯỚNG DẪN SỬ DỤNG BẢNG TÍNH BÁO CÁO TTHC"
    ws["A1"].font = TITLE_FONT
    helpers = f"{L.HELPER_COL[L.HOSO_HELPERS[0]]}–{L.HELPER_COL[L.HOSO_HELPERS[-1]]}"
    spans = {"cases": f"A–{L.col(L.HOSO_INPUT)}", "helpers": helpers,
             "origin": L.HOSO_COL["origin"]}  # fmt: skip
    for i, line in enumerate(GUIDE, 3):
        cell = ws.cell(i, 1, line.format(**spans))
        cell.alignment = WRAP
        if line.isupper():
            cell.font = Font(bold=True)
        else:
            ws.row_dimensions[i].height = L.paragraph_height(cell.value, GUIDE_WIDTH)
    widths(ws, {"A": GUIDE_WIDTH})
    a4(ws, landscape=False, area=f"A1:A{len(GUIDE) + 2}")


def _settings(ws: Worksheet) -> None:
    ws["A1"] = "THAM SỐ BÁO CÁO"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = "Chỉ sửa các ô màu vàng; các ô còn lại là công thức."
    header(ws, 3, ["Tham số", "Giá trị", "Ghi chú"])
    rows = [
        ("Tháng báo cáo (ngày 1 của tháng)", TEMPLATE_MONTH, DATE_FMT, True,
         "Đổi tháng ở đây: mọi số liệu tính lại."),
        ("Ngày bắt đầu kỳ (start_day)", 21, "0", True, "Kỳ tháng M: từ ngày này của tháng M-1."),
        ("Kỳ này: từ ngày", "=IF(NgayBatDau=1,ThangBaoCao,DATE(YEAR(ThangBaoCao),"
         "MONTH(ThangBaoCao)-1,NgayBatDau))", DATE_FMT, False, ""),
        ("Kỳ này: đến ngày", "=IF(NgayBatDau=1,DATE(YEAR(ThangBaoCao),MONTH(ThangBaoCao)+1,0),"
         "DATE(YEAR(ThangBaoCao),MONTH(ThangBaoCao),NgayBatDau-1))", DATE_FMT, False, ""),
        ("Kỳ trước: từ ngày", "=IF(NgayBatDau=1,DATE(YEAR(ThangBaoCao),MONTH(ThangBaoCao)-1,1),"
         "DATE(YEAR(ThangBaoCao),MONTH(ThangBaoCao)-2,NgayBatDau))", DATE_FMT, False, ""),
        ("Kỳ trước: đến ngày", "=KyNayBatDau-1", DATE_FMT, False, ""),
        ("Tên kỳ này", '="Tháng "&MONTH(ThangBaoCao)&"/"&YEAR(ThangBaoCao)', "@", False, ""),
        ("Tên kỳ trước", '="Tháng "&MONTH(KyTruocKetThuc)&"/"&YEAR(KyTruocKetThuc)', "@", False,
         ""),
        ("Mục tiêu tỷ lệ đúng hạn", 0.95, "0.0%", True, "Dưới mức này: tô đỏ (late_unit)."),
        ("Ngưỡng ít hồ sơ", 50, "0", True, "Tiếp nhận mới dưới mức này: đánh dấu 'Ít hồ sơ'."),
        ("Tên tỉnh", "", "@", True, ""),
        ("Tên trung tâm", "", "@", True, ""),
        ("Thư mục tệp xuất của tháng", "", "@", True,
         "Để trống: dùng hồ sơ ở trang HoSo. Đường dẫn tương đối: tính từ thư mục bảng tính."),
        ("Tệp danh mục đơn vị", "", "@", True,
         "Tùy chọn. Để trống: dùng trang DanhMucDonVi."),
        ("Đơn vị báo cáo (biểu II.06a)", "", "@", True, ""),
        ("Đơn vị nhận báo cáo (biểu II.06a)", "", "@", True, ""),
        ("Cơ quan chủ quản", "", "@", True, "Ví dụ: UBND TỈNH VĨNH PHÚC"),
        ("Cơ quan ban hành báo cáo", "", "@", True,
         "Ví dụ: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"),
        ("Ký hiệu văn bản", "", "@", True, "Số: .../BC-<ký hiệu>, ví dụ TTPVHCC"),
        ("Địa danh", "", "@", True, "<Địa danh>, ngày ... tháng ... năm ..."),
        ("Nơi nhận", "", "@", True, "Mỗi nơi nhận một dòng (Alt+Enter) hoặc cách nhau bởi ;"),
        ("Chức vụ người ký", "", "@", True, "Ví dụ: GIÁM ĐỐC"),
        ("Người ký", "", "@", True, ""),
        ("Biểu II.06a: các dòng theo", L.BIEU_BY_UNIT, "@", True,
         "Đơn vị (cơ quan, huyện) hoặc Lĩnh vực (cần cột Lĩnh vực); lập lại báo cáo sau khi đổi."),
    ]  # fmt: skip
    yellow = PatternFill("solid", fgColor="FFF2CC")
    for i, (label, value, fmt, editable, note) in enumerate(rows, 4):
        ws.cell(i, 1, label)
        c = ws.cell(i, 2, value)
        c.number_format = fmt
        if editable:
            c.fill = yellow
        ws.cell(i, 3, note)
    for first, title, table in (
        (5, "Trạng thái (chữ)", status_table()),
        (8, "Hình thức nộp (chữ)", channel_table()),
        (11, "Mức độ (chữ)", online_level_table()),
    ):
        header(ws, 3, [title, "Mã"], first)
        for i, (w, code) in enumerate(table, 4):
            ws.cell(i, first, w)
            ws.cell(i, first + 1, code)
    header(ws, 3, ["Cấp", "Phần báo cáo"], 14)
    for i, (w, sec) in enumerate((("Tỉnh", "province"), ("Huyện", "local"), ("Xã", "local")), 4):
        ws.cell(i, 14, w)
        ws.cell(i, 15, sec)
    dv = DataValidation(type="date", operator="greaterThan", formula1="36526",
                        error="Hãy nhập ngày 1 của tháng báo cáo, ví dụ 01/10/2021.",
                        errorTitle="Tháng báo cáo", showErrorMessage=True)  # fmt: skip
    dv.add("B4")
    ws.add_data_validation(dv)
    day = DataValidation(type="whole", operator="between", formula1="1", formula2="28",
                         error="Ngày bắt đầu kỳ từ 1 đến 28.", showErrorMessage=True)  # fmt: skip
    day.add("B5")
    ws.add_data_validation(day)
    layout = DataValidation(type="list", formula1=f'"{L.BIEU_BY_UNIT},{L.BIEU_BY_FIELD}"',
                            allow_blank=True, showErrorMessage=True)  # fmt: skip
    layout.add(L.FIXED_NAMES["Bieu06aTheo"][1])
    ws.add_data_validation(layout)
    widths(ws, {"A": 34, "B": 16, "C": 44, "E": 20, "H": 26, "K": 18, "N": 10, "O": 14})
    ws.freeze_panes = "A4"


def _cases(ws: Worksheet, sizes: L.Sizes) -> None:
    headers = [c.header for c in COLUMNS] + list(L.HOSO_HELPERS)
    header(ws, 1, headers)
    for h in L.HOSO_HELPERS:
        ws.cell(1, L.HOSO_INPUT + 1 + L.HOSO_HELPERS.index(h)).fill = PatternFill(
            "solid", fgColor="7F7F7F"
        )
    ws.freeze_panes = "B2"
    sizes_of = {"A": 26.0, "B": 34, "C": 30, "D": 8, "E": 20, "F": 40, "G": 20}
    for key in ("received", "due", "result_date", "delivered", "stopped"):
        sizes_of[L.HOSO_COL[key]] = 17
    sizes_of.update({L.HOSO_COL["channel"]: 18, L.HOSO_COL["online_level"]: 12,
                     L.HOSO_COL["status"]: 15})  # fmt: skip
    widths(ws, sizes_of)
    for h in L.HOSO_HELPERS:
        ws.column_dimensions[L.HELPER_COL[h]].width = 10
    last = 200_000
    for key, options in (
        ("status", ",".join(STATUS_NAMES.values())),
        ("channel", "Trực tiếp,Trực tuyến,Bưu chính công ích"),
        ("online_level", "Một phần,Toàn trình"),
    ):
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True,
                            showErrorMessage=False)  # fmt: skip
        dv.add(f"{L.HOSO_COL[key]}2:{L.HOSO_COL[key]}{last}")
        ws.add_data_validation(dv)
    format_case_rows(ws, L.HOSO_FIRST, L.HOSO_FIRST + sizes.cases)


def format_case_rows(ws: Worksheet, first: int, stop: int) -> None:
    """Date formats of the date columns (column styles, so pasted rows get them too)."""
    for key in ("received", "due", "result_date", "delivered", "stopped"):
        ws.column_dimensions[L.HOSO_COL[key]].number_format = DATETIME_FMT


def _catalog(ws: Worksheet, sizes: L.Sizes) -> None:
    header(ws, 1, list(L.DM_HEADERS))
    ws.freeze_panes = "A2"
    widths(ws, {"A": 12, "B": 44, "C": 8, "D": 30, "E": 10, "F": 10, "G": 10, "H": 10})
    dv = DataValidation(type="list", formula1='"Tỉnh,Huyện,Xã"', allow_blank=True)
    dv.add("C2:C5000")
    ws.add_data_validation(dv)


def _summary(ws: Worksheet) -> None:
    ws["A1"] = "TỔNG HỢP TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ TTHC"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = (
        '=KyNayNhan&" (từ ngày "&TEXT(KyNayBatDau,"dd/mm/yyyy")&" đến ngày "&'
        'TEXT(KyNayKetThuc,"dd/mm/yyyy")&")"'
    )
    ws["A3"] = (
        '="Kỳ trước: "&KyTruocNhan&" (từ ngày "&TEXT(KyTruocBatDau,"dd/mm/yyyy")&'
        '" đến ngày "&TEXT(KyTruocKetThuc,"dd/mm/yyyy")&")"'
    )
    ws["A4"] = "Tỷ lệ tính trên số hồ sơ đến hạn; tỷ lệ trực tuyến trên số hồ sơ tiếp nhận mới."
    ws["A4"].font = Font(italic=True, size=9)
    for block, first in L.TONGHOP_FIRST.items():
        title = first - 2
        ws.cell(title, 1).font = Font(bold=True, size=12)
        ws.cell(title, 1).fill = SECTION_FILL
        for c in range(2, 5):
            ws.cell(title, c).fill = SECTION_FILL
        header(ws, first - 1, ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng (+)/giảm (-)"])
        ws.cell(first - 1, 2).value = '="Kỳ này ("&KyNayNhan&")"'
        ws.cell(first - 1, 3).value = '="Kỳ trước ("&KyTruocNhan&")"'
        ws.row_dimensions[first - 1].height = 30
        for i, key in enumerate(L.METRIC_KEYS):
            r = first + i
            rate = key.endswith("_rate")
            ws.cell(r, 1, METRIC_LABELS[key]).border = BOX
            for c, prev in ((2, False), (3, True)):
                cell = ws.cell(r, c, formulas.tonghop_formula(block, key, prev))
                cell.number_format = RATE_FMT if rate else COUNT_FMT
                cell.border = BOX
            change = f"(B{r}-C{r})*100" if rate else f"B{r}-C{r}"  # rates: in points
            d = ws.cell(r, 4, f'=IF(AND(ISNUMBER(B{r}),ISNUMBER(C{r})),{change},"")')
            d.number_format = '+0.00" điểm %";-0.00" điểm %";0' if rate else "+#,##0;-#,##0;0"
            d.border = BOX
            if key in ("total", "due", "on_time_rate"):
                for c in range(1, 5):
                    ws.cell(r, c).font = Font(bold=True)
    ws.column_dimensions["F"].hidden = True
    widths(ws, {"A": 52, "B": 18, "C": 18, "D": 18})
    ws.freeze_panes = "B5"
    last = L.TONGHOP_FIRST[L.TONGHOP_BLOCKS] + len(L.METRIC_KEYS) - 1
    a4(ws, landscape=False, area=f"A1:D{last}")


def _detail(ws: Worksheet, sizes: L.Sizes) -> None:
    ws["A1"] = "SỐ LIỆU CHI TIẾT THEO CƠ QUAN, HUYỆN VÀ ĐƠN VỊ"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = (
        '=KyNayNhan&" (từ ngày "&TEXT(KyNayBatDau,"dd/mm/yyyy")&" đến ngày "&'
        'TEXT(KyNayKetThuc,"dd/mm/yyyy")&")"'
    )
    legend = [
        ("Chú thích:", None),
        ('="Tỷ lệ đúng hạn dưới "&TEXT(MucTieuDungHan,"0%")', RED),
        ("Có hồ sơ chậm hạn", AMBER),
        ("Không có hồ sơ mới", GREY),
        ('="Ít hồ sơ: dưới "&NguongItHoSo&" hồ sơ mới (chữ nghiêng, ghi chú)"', None),
    ]
    for i, (text, fill) in enumerate(legend):
        c = ws.cell(3, 2 + i * 3 if i else 1, text)
        if fill is not None:
            c.fill = fill
        if i == 4:
            c.font = Font(italic=True, color="7030A0")
    headers = list(L.CT_LABELS) + [CT_HEADERS[k] for k in L.METRIC_KEYS] + ["Ghi chú"]
    header(ws, 5, headers)
    header(ws, 5, ["_Phan", "_Khoa", "_Goc"], L.CT_SECTION_COL)
    header(ws, 5, [f"{CT_HEADERS[k]} (kỳ trước)" for k in L.METRIC_KEYS], L.CT_PREV_COL)
    ws.row_dimensions[5].height = 66
    ws.freeze_panes = ws.cell(L.CT_FIRST, 3)
    widths(ws, {"A": 9, "B": 40, "C": 7, "D": 20})
    for i, key in enumerate(L.METRIC_KEYS):
        letter = L.col(L.CT_METRIC_COL + i)
        ws.column_dimensions[letter].width = 9
        fmt = RATE_FMT if key.endswith("_rate") else COUNT_FMT
        ws.column_dimensions[letter].number_format = fmt
        prev = L.col(L.CT_PREV_COL + i)
        ws.column_dimensions[prev].number_format = fmt
        ws.column_dimensions[prev].hidden = True
    ws.column_dimensions[L.col(L.CT_NOTE_COL)].width = 18
    for c in (L.CT_SECTION_COL, L.CT_KEY_COL, L.CT_BASE_COL):
        ws.column_dimensions[L.col(c)].hidden = True
    detail_formats(ws, sizes.rows)


def detail_print_area(rows: int) -> str:
    return f"A1:{L.col(L.CT_NOTE_COL)}{L.CT_FIRST + max(rows, 1) - 1}"


def detail_formats(ws: Worksheet, rows: int) -> None:
    """ChiTiet's colours (over ``CT_FORMAT_ROWS`` rows at least, so that rows the add-in
    adds get them) and its print setup (over its ``rows`` rows)."""
    last = L.CT_FIRST + max(rows, L.CT_FORMAT_ROWS) - 1
    area = f"A{L.CT_FIRST}:{L.col(L.CT_NOTE_COL)}{last}"
    r = L.CT_FIRST
    row_kind = f'AND($A{r}<>"",$A{r}<>"{L.KIND_TOTAL}")'
    rate, late, new = (f"${L.METRIC_COL[k]}{r}" for k in ("on_time_rate", "late", "received_new"))
    rules = [
        (f"AND({row_kind},ISNUMBER({rate}),{rate}<MucTieuDungHan)", RED, None),
        (f"AND({row_kind},{late}>0)", AMBER, None),
        (f"AND({row_kind},{new}=0)", GREY, None),
        (f"AND({row_kind},{new}>0,{new}<NguongItHoSo)", None, Font(italic=True, color="7030A0")),
    ]
    for formula, fill, font in rules:
        ws.conditional_formatting.add(
            area, FormulaRule(formula=[formula], fill=fill, font=font, stopIfTrue=fill is not None)
        )
    ws.conditional_formatting.add(
        area,
        FormulaRule(formula=[f'$A{r}="{L.KIND_TOTAL}"'], fill=SECTION_FILL, font=Font(bold=True)),
    )
    a4(ws, landscape=True, area=detail_print_area(rows))
    ws.print_title_rows = "5:5"


def _narrative(ws: Worksheet) -> None:
    ws["A1"] = "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    ws["A1"].font = TITLE_FONT
    ws["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[1].height = 40
    ws["A2"] = (
        '=KyNayNhan&" (tính từ ngày "&TEXT(KyNayBatDau,"d/m/yyyy")&" đến ngày "&'
        'TEXT(KyNayKetThuc,"d/m/yyyy")&")"'
    )
    ws["A2"].alignment = Alignment(horizontal="center")
    ws["A2"].font = Font(italic=True)
    widths(ws, {"A": L.NARRATIVE_WIDTH})
    a4(ws, landscape=False)


def _checks(ws: Worksheet) -> None:
    ws["A1"] = "KIỂM TRA DỮ LIỆU"
    ws["A1"].font = TITLE_FONT
    header(ws, 4, ["Mức", "Tệp", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung"])
    ws.freeze_panes = "A5"
    widths(ws, {"A": 11, "B": 30, "C": 14, "D": 8, "E": 20, "F": 24, "G": 90})
