"""The Vietnamese words of the document that are not the narrative: the heading, the
subject, the summary table's rows, the closing block and form II.06a's headers; and how a
setting left blank is printed ("...", for the officer to fill in by hand)."""

from __future__ import annotations

from ..config import Settings
from ..periods import Period

BLANK = "..."
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = "BÁO CÁO"
#: the type's short name in the number ("Số: .../BC-TTPVHCC")
TYPE_CODE = "BC"
SUBJECT = "Kết quả tiếp nhận, giải quyết thủ tục hành chính {period}"
RECIPIENTS = "Nơi nhận:"
#: the archive line every document ends its recipients with (added when not configured)
ARCHIVE = "Lưu: VT."

SUMMARY_TITLE = "Bảng tổng hợp kết quả tiếp nhận, giải quyết thủ tục hành chính"
SUMMARY_UNIT = "Đơn vị tính: hồ sơ; tỷ lệ: %"
SUMMARY_FIRST = "Chỉ tiêu"
SUMMARY_CHANGE = "Tăng (+), giảm (-)"
#: the rate rows' change is in percentage points
POINTS = "điểm %"
#: (JSON key, label) of the summary table's rows, for every section
SUMMARY_ROWS = (
    ("received_new", "Tiếp nhận mới"),
    ("carried_over", "Tồn kỳ trước chuyển sang"),
    ("total", "Lũy kế đã và đang giải quyết"),
    ("due", "Đến hạn giải quyết"),
    ("on_time", "Trả trước và đúng hạn"),
    ("on_time_rate", "Tỷ lệ trước và đúng hạn"),
    ("late", "Chậm hạn"),
    ("late_rate", "Tỷ lệ chậm hạn"),
    ("returned_withdrawn", "Trả lại, rút hồ sơ"),
    ("returned_withdrawn_rate", "Tỷ lệ trả lại, rút hồ sơ"),
    ("delivered", "Đã trả kết quả"),
    ("online", "Hồ sơ trực tuyến"),
    ("online_rate", "Tỷ lệ hồ sơ trực tuyến"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

APPENDIX = "Phụ lục"
APPENDIX_OF = "(Kèm theo Báo cáo số {number})"


def two_lines(text: str, max_chars: int) -> str:
    """A long name on two lines of about equal length, broken at the space nearest the
    middle ('TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG'); a name with its own line breaks, or
    short enough, is kept as it is."""
    if "\n" in text or len(text) <= max_chars or " " not in text:
        return text
    middle = len(text) / 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def filled(value: str) -> str:
    """A setting as printed: itself, or "..." when blank."""
    return value.strip() or BLANK


def document_number(settings: Settings) -> str:
    """'.../BC-TTPVHCC': the number itself is left for the office that registers the
    document; the ký hiệu is the setting (with or without its 'BC-')."""
    code = settings.document_code.strip()
    prefix = f"{TYPE_CODE}-"
    if code.upper().startswith(prefix):
        code = code[len(prefix) :]
    return f"{BLANK}/{prefix}{code or BLANK}"


def number_line(settings: Settings) -> str:
    """'Số: .../BC-TTPVHCC'."""
    return f"Số: {document_number(settings)}"


def place_line(settings: Settings) -> str:
    """'Vĩnh Phúc, ngày ... tháng ... năm ...' (dated by hand when signed)."""
    return f"{filled(settings.place)}, ngày {BLANK} tháng {BLANK} năm {BLANK}"


def subject(period: Period) -> str:
    """'Kết quả tiếp nhận, giải quyết thủ tục hành chính tháng 10/2021': the period's label
    with a small first letter ('quý III/2021', 'năm 2021', 'từ ngày 1/10/2021 ...')."""
    label = period.label
    return SUBJECT.format(period=label[:1].lower() + label[1:])


def recipient_lines(settings: Settings) -> list[str]:
    """'- Văn phòng UBND tỉnh;' ... '- Lưu: VT.': each recipient on a dash line, ';' between
    them and '.' after the last; '- ...;' when none is set; the archive line added when no
    recipient is one."""
    names = [r.strip().lstrip("-–").strip().rstrip(";.").strip() for r in settings.recipients]
    names = [n for n in names if n] or [BLANK]
    if not any(n.lower().startswith("lưu") for n in names):
        names.append(ARCHIVE.rstrip("."))
    return [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]
