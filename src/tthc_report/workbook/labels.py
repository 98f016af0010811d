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

#: the hidden columns' headers: kind, group, key, first bin, then the row's own figures
FORM_HIDDEN_HEADERS = ("_Loai", "_Nhom", "_Khoa", "_Goc", *(f"_({n})" for n in range(3, 14)))

#: the HuongDan sheet, a paragraph a row; {cases}, {helpers} are HoSo's column spans
GUIDE = (
    "LẬP BÁO CÁO MỘT THÁNG MỚI, TỪ CÁC TỆP XUẤT CỦA PHẦN MỀM MỘT CỬA",
    "1. Chép các tệp xuất hồ sơ của tháng (của Trung tâm, của từng huyện...; .xlsx, .xlsm, "
    ".xls, .ods hoặc .csv, để nguyên như phần mềm xuất) vào một thư mục, ví dụ "
    "D:\\BaoCao\\2021-10\\xuat. Không cần mở, sửa hay dán các tệp này.",
    "2. Trang ThamSo, các ô màu vàng: Tháng báo cáo (ngày 1 của tháng, ví dụ 01/10/2021), "
    "Ngày bắt đầu kỳ (21: kỳ tháng 10 là 21/9 - 20/10), 'Thư mục tệp xuất của tháng' (đường "
    "dẫn thư mục ở bước 1; đường dẫn tương đối tính từ thư mục của bảng tính này) và, nếu có, "
    "'Tệp danh mục đơn vị' (để trống: dùng trang DanhMucDonVi). Lưu bảng tính vào một thư mục "
    "trên máy.",
    "3. (Nên làm) Bấm nút 'Kiểm tra dữ liệu' trên thẻ Báo cáo TTHC: công cụ đọc các tệp như khi "
    "lập báo cáo và chỉ ghi trang KiemTraDuLieu: mỗi dòng lỗi có tên tệp, trang tính, số dòng, "
    "cột và giá trị. Sửa ở tệp xuất (hoặc xuất lại) rồi kiểm tra lại.",
    "4. Bấm nút 'Lập báo cáo tháng'. Thanh trạng thái của Excel cho biết từng bước (đọc tệp k/n, "
    "kiểm tra dữ liệu, tính số liệu, ghi bảng tính). Công cụ đọc và tính xong mọi thứ trước khi "
    "ghi: nếu có tệp không đọc được, một hộp thoại nêu tên tệp và bảng tính không bị đổi.",
    "5. Kết quả: trang HoSo chứa các hồ sơ đã làm sạch của kỳ này và kỳ trước (cột {origin}: "
    "tệp, trang tính, dòng nguồn của từng hồ sơ); TongHop, ChiTiet (mỗi cơ quan, huyện, đơn "
    "vị có trong dữ liệu hoặc danh mục đều có dòng), BaoCao (lời văn), KiemTraDuLieu, LichSu "
    "(thêm tháng này). Hộp thoại cuối cho biết đã đọc bao nhiêu dòng, dùng bao nhiêu hồ sơ, "
    "loại bao nhiêu dòng, và tên bản sao BaoCao_TTHC_yyyy-mm.xlsx đã lưu cạnh bảng tính (không "
    "bao giờ ghi đè bản cũ: bản mới thêm (2), (3)...).",
    "Không dùng thư mục: để trống ô thư mục và dán hồ sơ vào trang HoSo từ dòng 2, đúng các "
    "tiêu đề cột {cases}. Trạng thái: Đã có kết quả / Trả lại / Rút hồ sơ / Đang xử lý / Hủy; "
    "Hình thức nộp: Trực tiếp / Trực tuyến / Bưu chính công ích; Mức độ: Một phần / Toàn "
    "trình; ngày ghi dạng ngày của Excel. Nút sẽ tự kéo dài công thức và các tên theo số dòng.",
    "CÁC TRANG",
    "ThamSo: tham số (ô vàng); kỳ báo cáo và kỳ trước được tính bằng công thức. Mục tiêu tỷ lệ "
    "đúng hạn và ngưỡng ít hồ sơ điều khiển tô màu trang ChiTiet.",
    "HoSo: mỗi dòng một hồ sơ. Các cột {helpers} (tiêu đề bắt đầu bằng dấu _) là công thức phân "
    "loại từng hồ sơ: không sửa.",
    "DanhMucDonVi: danh mục đơn vị (mã, tên, cấp Tỉnh/Huyện/Xã, huyện cấp trên).",
    "TongHop: số liệu của hai phần báo cáo, kỳ này và kỳ trước: toàn bộ là công thức.",
    "ChiTiet: mỗi dòng một cơ quan, huyện hoặc đơn vị; số liệu là công thức. Đỏ: tỷ lệ đúng "
    "hạn dưới mục tiêu; vàng: có hồ sơ chậm; xám: không có hồ sơ mới; chữ nghiêng tím: ít hồ "
    "sơ.",
    "BaoCao: lời văn của báo cáo (công cụ viết, có thể sửa trực tiếp).",
    "KiemTraDuLieu: mọi dòng dữ liệu có vấn đề và cách xử lý.",
    "LichSu: số liệu các tháng đã báo cáo, biểu đồ tỷ lệ đúng hạn theo tháng và theo huyện.",
    "Bieu06a: biểu số II.06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) của kỳ báo cáo, theo cấp và "
    "cơ quan, huyện (hoặc theo lĩnh vực: ô 'Biểu II.06a: các dòng theo' ở ThamSo); số liệu là "
    "công thức, in trên khổ A4 ngang.",
    "Số liệu tính lại ngay trong Excel khi sửa hồ sơ hoặc đổi tháng, không cần Python. Trang "
    "TinhToan (ẩn) chứa bảng tần suất trung gian. Hàm Excel =TTHC_CHISO(...) và "
    "=TTHC_LOIVAN(...) (khi đã cài add-in) cho một chỉ số hoặc lời văn ngay trong một ô.",
)
