"""The canonical columns of a case list and the header names that are read as each
(docs/inputs.md, "The header row").

The rest of the engine speaks the English keys (``code``, ``received``...); the Vietnamese
headers live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

#: the header of HoSo's column saying where each case came from
ORIGIN_HEADER = "Nguồn dữ liệu (tệp, trang tính, dòng)"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # canonical Vietnamese header (the template's)
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã hồ sơ", ("Số hồ sơ", "Mã HS", "Số biên nhận", "Mã biên nhận"), True),
    Column(
        "unit",
        "Đơn vị tiếp nhận",
        ("Nơi tiếp nhận", "Đơn vị", "Bộ phận một cửa", "BPMC"),
        True,
    ),
    Column(
        "agency",
        "Cơ quan thụ lý",
        ("Cơ quan giải quyết", "Cơ quan xử lý", "Sở ngành", "Lĩnh vực cơ quan"),
    ),
    Column("level", "Cấp", ("Cấp tiếp nhận", "Cấp đơn vị")),
    Column("parent", "Đơn vị cấp trên", ("Huyện", "Quận/huyện", "Đơn vị cha")),
    Column("procedure", "Thủ tục", ("Tên thủ tục", "Tên TTHC", "Thủ tục hành chính")),
    Column("field", "Lĩnh vực", ("Tên lĩnh vực",)),
    Column(
        "received",
        "Ngày tiếp nhận",
        ("Ngày nhận", "Ngày nhận hồ sơ", "Thời gian tiếp nhận"),
        True,
    ),
    Column(
        "due",
        "Ngày hẹn trả",
        ("Ngày hẹn trả kết quả", "Hạn xử lý", "Hạn giải quyết", "Ngày hẹn"),
        True,
    ),
    Column(
        "result_date",
        "Ngày có kết quả",
        (
            "Ngày hoàn thành",
            "Ngày xử lý xong",
            "Ngày kết thúc xử lý",
            "Ngày giải quyết xong",
        ),
    ),
    Column(
        "delivered",
        "Ngày trả kết quả",
        ("Ngày trả", "Ngày trả KQ", "Ngày trả kết quả cho công dân"),
    ),
    Column("stopped", "Ngày trả lại/rút", ("Ngày trả lại", "Ngày rút", "Ngày dừng xử lý")),
    Column("channel", "Hình thức nộp", ("Hình thức", "Kênh tiếp nhận", "Hình thức tiếp nhận")),
    Column("online_level", "Mức độ", ("Mức độ DVC", "Mức độ dịch vụ công", "Loại DVC")),
    Column("status", "Trạng thái", ("Tình trạng", "Trạng thái hồ sơ", "Kết quả xử lý")),
    # written by the tool in HoSo: where each case was read (file, sheet, row); read back
    # when HoSo is read again, so that a case keeps the place of its export
    Column("origin", ORIGIN_HEADER, ()),
)

COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED_KEYS = tuple(c.key for c in COLUMNS if c.required)
DATE_KEYS = ("received", "due", "result_date", "delivered", "stopped")
HEADERS = {c.key: c.header for c in COLUMNS}

#: folded header text -> canonical key
HEADER_INDEX: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.header, *_c.aliases):
        HEADER_INDEX[fold(_name)] = _c.key


def header_key(text: object) -> str | None:
    """Canonical key of a header cell, or None.  Tolerates a trailing '(*)' or ':'."""
    f = fold(text)
    if f in HEADER_INDEX:
        return HEADER_INDEX[f]
    f = re.sub(r"\s*(\(\*\)|\*|:)\s*$", "", f)
    return HEADER_INDEX.get(f)
