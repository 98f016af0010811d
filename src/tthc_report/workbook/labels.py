"""Vietnamese labels of the workbook (the only Vietnamese text of the excel package)."""

from __future__ import annotations

from ..model import HISTORY_KEYS

METRIC_LABELS = {
    "received_new": "Số hồ sơ tiếp nhận mới trong kỳ",
    "carried_over": "Số hồ sơ tồn kỳ trước chuyển sang",
    "total": "Tổng số hồ sơ đã và đang giải quyết trong kỳ",
    "resolved_early": "Đã có kết quả trả trước hạn",
    "resolved_on_time": "Đã có kết quả trả đúng hạn",
    "resolved_late": "Đã có kết quả trả quá hạn",
    "returned": "Trả lại hồ sơ",
    "withdrawn": "Rút hồ sơ",
    "returned_withdrawn": "Trả lại và rút hồ sơ",
    "pending_overdue": "Quá hạn chưa có kết quả",
    "pending_in_time": "Đang giải quyết trong hạn",
    "on_time": "Đã có kết quả trước và đúng hạn",
    "late": "Chậm hạn (trả quá hạn và quá hạn chưa có kết quả)",
    "due": "Số hồ sơ đến hạn giải quyết",
    "delivered": "Đã trả kết quả cho tổ chức, cá nhân",
    "online": "Hồ sơ trực tuyến",
    "online_partial": "  trong đó: trực tuyến một phần (mức độ 3)",
    "online_full": "  trong đó: trực tuyến toàn trình (mức độ 4)",
    "postal": "Hồ sơ qua dịch vụ bưu chính công ích",
    "online_units": "Số cơ quan, đơn vị phát sinh hồ sơ trực tuyến",
    "on_time_rate": "Tỷ lệ trước và đúng hạn (trên số đến hạn)",
    "late_rate": "Tỷ lệ chậm hạn (trên số đến hạn)",
    "returned_withdrawn_rate": "Tỷ lệ trả lại, rút (trên số đến hạn)",
    "online_rate": "Tỷ lệ trực tuyến (trên số tiếp nhận mới)",
}

CT_HEADERS = {
    "received_new": "Tiếp nhận mới",
    "carried_over": "Tồn kỳ trước",
    "total": "Tổng số",
    "resolved_early": "Trước hạn",
    "resolved_on_time": "Đúng hạn",
    "resolved_late": "Quá hạn",
    "returned": "Trả lại",
    "withdrawn": "Rút",
    "returned_withdrawn": "Trả lại + rút",
    "pending_overdue": "Quá hạn chưa có KQ",
    "pending_in_time": "Đang giải quyết trong hạn",
    "on_time": "Trước và đúng hạn",
    "late": "Chậm hạn",
    "due": "Đến hạn",
    "delivered": "Đã trả KQ",
    "online": "Trực tuyến",
    "online_partial": "TT một phần",
    "online_full": "TT toàn trình",
    "postal": "Bưu chính",
    "online_units": "Số đơn vị có HS trực tuyến",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "late_rate": "Tỷ lệ chậm hạn",
    "returned_withdrawn_rate": "Tỷ lệ trả lại, rút",
    "online_rate": "Tỷ lệ trực tuyến",
}

HISTORY_LABELS = {
    "received_new": "Tiếp nhận mới",
    "carried_over": "Tồn kỳ trước",
    "total": "Tổng số",
    "due": "Đến hạn",
    "on_time": "Trước và đúng hạn",
    "late": "Chậm hạn",
    "returned_withdrawn": "Trả lại, rút",
    "pending_in_time": "Trong hạn",
    "delivered": "Đã trả KQ",
    "online": "Trực tuyến",
    "on_time_rate": "Tỷ lệ đúng hạn (%)",
    "late_rate": "Tỷ lệ chậm (%)",
    "returned_withdrawn_rate": "Tỷ lệ trả lại, rút (%)",
    "online_rate": "Tỷ lệ trực tuyến (%)",
}
HISTORY_HEADERS = (
    "Kỳ báo cáo", "Từ ngày", "Đến ngày", "Phần",
    *(HISTORY_LABELS[k] for k in HISTORY_KEYS),
    "Đơn vị dẫn đầu", "Tỷ lệ của đơn vị dẫn đầu (%)", "Số đơn vị ít hồ sơ",
    "Số đơn vị không có hồ sơ",
)  # fmt: skip

# --- form II.06a (the Bieu06a sheet) ----------------------------------------------------

FORM_CODE = "Biểu số II.06a/VPCP/KSTT"
FORM_TITLE = (
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT "
    "THỦ TỤC HÀNH CHÍNH"
)
FORM_UNIT = "Đơn vị tính: Số hồ sơ TTHC."
#: the header block, as (first column, last column, first row offset, last row offset, text)
#: over the three header rows; columns count from A (1), rows from 0
FORM_HEADERS = (
    (1, 1, 0, 2, "TT"),
    (2, 2, 0, 2, "Lĩnh vực, công việc giải quyết theo cấp"),
    (3, 6, 0, 0, "Số hồ sơ tiếp nhận"),
    (3, 3, 1, 2, "Tổng số"),
    (4, 6, 1, 1, "Trong đó"),
    (4, 4, 2, 2, "Trực tuyến"),
    (5, 5, 2, 2, "Trực tiếp, dịch vụ bưu chính"),
    (6, 6, 2, 2, "Từ kỳ trước"),
    (7, 10, 0, 0, "Số lượng hồ sơ đã giải quyết"),
    (7, 7, 1, 2, "Tổng số"),
    (8, 8, 1, 2, "Trước hạn"),
    (9, 9, 1, 2, "Đúng hạn (bao gồm cả hồ sơ chờ bổ sung và trả lại/xin rút)"),
    (10, 10, 1, 2, "Quá hạn"),
    (11, 13, 0, 0, "Số lượng hồ sơ đang giải quyết"),
    (11, 11, 1, 2, "Tổng số"),
    (12, 12, 1, 2, "Trong hạn (bao gồm cả hồ sơ chờ bổ sung và hồ sơ khác)"),
    (13, 13, 1, 2, "Quá hạn"),
)
#: the hidden columns' headers: kind, group, key, first bin, then the row's own figures
FORM_HIDDEN_HEADERS = ("_Loai", "_Nhom", "_Khoa", "_Goc", *(f"_({n})" for n in range(3, 14)))

GUIDE = (
    "1. Trang HoSo: mỗi dòng là một hồ sơ, với đúng các tiêu đề cột A–O. Dán hồ sơ từ dòng 2 "
    "trở xuống, hoặc để công cụ tthc-report điền (tthc-report build ... --out BaoCao.xlsx).",
    "   Các cột P–AB (tiêu đề bắt đầu bằng dấu _) là công thức phân loại từng hồ sơ: không sửa; "
    "khi dán thêm dòng, hãy chép công thức của các cột này xuống và mở rộng các tên HoSo_... "
    "(Công thức > Quản lý tên) cho tới dòng cuối.",
    "   Trạng thái ghi: Đã có kết quả / Trả lại / Rút hồ sơ / Đang xử lý / Hủy. Hình thức nộp: "
    "Trực tiếp / Trực tuyến / Bưu chính công ích. Mức độ: Một phần / Toàn trình. Ngày ghi "
    "dạng ngày của Excel. Đơn vị tiếp nhận ghi đúng tên trong trang DanhMucDonVi.",
    "2. Trang ThamSo: ô Tháng báo cáo (ngày 1 của tháng, ví dụ 01/10/2021) và ngày bắt đầu kỳ; "
    "kỳ báo cáo và kỳ trước được tính bằng công thức. Mục tiêu tỷ lệ đúng hạn và ngưỡng ít hồ "
    "sơ điều khiển tô màu trang ChiTiet.",
    "3. Trang DanhMucDonVi: danh mục đơn vị (mã, tên, cấp Tỉnh/Huyện/Xã, huyện cấp trên).",
    "4. Trang TongHop: số liệu của hai phần báo cáo, kỳ này và kỳ trước — toàn bộ là công thức.",
    "5. Trang ChiTiet: mỗi dòng một cơ quan, huyện hoặc đơn vị (cột A–D do công cụ ghi); số liệu "
    "là công thức. Đỏ: tỷ lệ đúng hạn dưới mục tiêu; vàng: có hồ sơ chậm; xám: không có hồ sơ "
    "mới; chữ nghiêng tím: ít hồ sơ.",
    "6. Trang BaoCao: phần lời văn của báo cáo (công cụ viết, có thể sửa trực tiếp).",
    "7. Trang KiemTraDuLieu: mọi dòng dữ liệu có vấn đề và cách xử lý.",
    "8. Trang LichSu: số liệu các tháng đã báo cáo, biểu đồ tỷ lệ đúng hạn theo tháng và theo "
    "huyện.",
    "9. Trang Bieu06a: biểu số II.06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) của kỳ báo cáo, theo "
    "cấp và cơ quan, huyện (hoặc theo lĩnh vực: ô 'Biểu II.06a: các dòng theo' ở ThamSo); số "
    "liệu là công thức, in trên khổ A4 ngang.",
    "Số liệu tính lại ngay trong Excel khi sửa hồ sơ hoặc đổi tháng, không cần Python. Trang "
    "TinhToan (ẩn) chứa bảng tần suất trung gian.",
)
