"""Form II.06a as it prints (docs/forms.md): its code, title, unit line and header cells,
the words the workbook's ``Bieu06a`` sheet and the document's appendix both print."""

from __future__ import annotations

FORM_CODE = "Biểu số II.06a/VPCP/KSTT"
#: the title, in the two lines it prints on
FORM_TITLE_LINES = (
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN,",
    "ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
)
FORM_TITLE = " ".join(FORM_TITLE_LINES)
FORM_REPORTING = "Đơn vị báo cáo: {unit}"
FORM_RECEIVING = "Đơn vị nhận báo cáo: {unit}"
FORM_PERIOD = "Kỳ báo cáo: {label}"
FORM_RANGE = "(Từ ngày {start} đến ngày {end})"
FORM_UNIT = "Đơn vị tính: Số hồ sơ TTHC."
#: the header cells over three rows: (row, column, rows spanned, columns spanned, text),
#: counted from 0; the row under them numbers the columns (1)..(13)
FORM_HEADER = (
    (0, 0, 3, 1, "TT"),
    (0, 1, 3, 1, "Lĩnh vực, công việc giải quyết theo cấp"),
    (0, 2, 1, 4, "Số hồ sơ tiếp nhận"),
    (1, 2, 2, 1, "Tổng số"),
    (1, 3, 1, 3, "Trong đó"),
    (2, 3, 1, 1, "Trực tuyến"),
    (2, 4, 1, 1, "Trực tiếp, dịch vụ bưu chính"),
    (2, 5, 1, 1, "Từ kỳ trước"),
    (0, 6, 1, 4, "Số lượng hồ sơ đã giải quyết"),
    (1, 6, 2, 1, "Tổng số"),
    (1, 7, 2, 1, "Trước hạn"),
    (1, 8, 2, 1, "Đúng hạn (bao gồm cả hồ sơ chờ bổ sung và trả lại/xin rút)"),
    (1, 9, 2, 1, "Quá hạn"),
    (0, 10, 1, 3, "Số lượng hồ sơ đang giải quyết"),
    (1, 10, 2, 1, "Tổng số"),
    (1, 11, 2, 1, "Trong hạn (bao gồm cả hồ sơ chờ bổ sung và hồ sơ khác)"),
    (1, 12, 2, 1, "Quá hạn"),
)
FORM_HEADER_ROWS = 3
FORM_COLUMNS = 13
