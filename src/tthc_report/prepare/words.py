"""The Vietnamese words of case lists and catalogs, both ways (docs/inputs.md, "Values").

Read: the status, channel, online-level and level words an export writes, and the unit-name
prefixes that tell a level, each mapped to its English key (``model.STATUSES``...).
Written: the one word the tool writes for each key (``HoSo``, ``DanhMucDonVi``, messages).
"""

from __future__ import annotations

from ..read.text import fold


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(word): key for key, words in table.items() for word in words}


STATUS_WORDS = _index(
    {
        "processing": ("đang xử lý", "đang giải quyết", "chờ bổ sung", "tạm dừng"),
        "resolved": (
            "đã có kết quả",
            "hoàn thành",
            "đã giải quyết",
            "đã trả kết quả",
            "đã trả",
        ),
        "returned": ("trả lại", "từ chối", "không giải quyết", "trả lại hồ sơ"),
        "withdrawn": ("rút", "rút hồ sơ", "công dân rút", "xin rút"),
        "cancelled": ("hủy", "đã hủy", "nhập sai"),
    }
)
# "hủy" is also written with the old accent placement "huỷ".
STATUS_WORDS.update({fold("huỷ"): "cancelled", fold("đã huỷ"): "cancelled"})

CHANNEL_WORDS = _index(
    {
        "direct": ("trực tiếp",),
        "online": ("trực tuyến", "online", "qua mạng", "DVC trực tuyến", "nộp trực tuyến"),
        "postal": ("bưu chính", "BCCI", "qua bưu điện", "dịch vụ bưu chính công ích"),
    }
)

ONLINE_LEVEL_WORDS = _index(
    {
        "partial": ("3", "mức độ 3", "một phần", "DVCTT một phần"),
        "full": ("4", "mức độ 4", "toàn trình", "DVCTT toàn trình"),
    }
)

LEVEL_WORDS = _index(
    {
        "province": ("tỉnh", "cấp tỉnh"),
        "district": ("huyện", "cấp huyện", "thành phố", "thị xã", "thành phố/thị xã thuộc tỉnh"),
        "commune": ("xã", "phường", "thị trấn", "cấp xã"),
    }
)

#: name prefixes that give a unit's level when neither a column nor the catalog does
LEVEL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("trung tâm", "province"),
    ("sở", "province"),
    ("ban", "province"),
    ("huyện", "district"),
    ("thành phố", "district"),
    ("thị xã", "district"),
    ("thị trấn", "commune"),
    ("xã", "commune"),
    ("phường", "commune"),
)

# --- the words the tool writes ----------------------------------------------------------

#: the one word written for each key (HoSo's columns, DanhMucDonVi, ChiTiet, messages)
STATUS_NAMES = {
    "resolved": "Đã có kết quả",
    "returned": "Trả lại",
    "withdrawn": "Rút hồ sơ",
    "processing": "Đang xử lý",
    "cancelled": "Hủy",
}
CHANNEL_NAMES = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
ONLINE_LEVEL_NAMES = {"partial": "Một phần", "full": "Toàn trình"}
LEVEL_NAMES = {"province": "Tỉnh", "district": "Huyện", "commune": "Xã"}


#: a word not in the lists above still says its channel or level when it contains one of
#: these (checked in order): "Bưu chính công ích", "Nộp trực tuyến mức 4", "DVC mức độ 3"
CHANNEL_HINTS = (("bưu", "postal"), ("trực tuyến", "online"), ("qua mạng", "online"),
                 ("online", "online"), ("trực tiếp", "direct"))  # fmt: skip
ONLINE_LEVEL_HINTS = (("toàn trình", "full"), ("một phần", "partial"), ("4", "full"),
                      ("3", "partial"))  # fmt: skip


def hinted(hints: tuple[tuple[str, str], ...], raw: object) -> str | None:
    f = fold(raw)
    for needle, key in hints:
        if needle in f:
            return key
    return None


def word(table: dict[str, str], raw: object) -> str | None:
    """Look a raw cell up in a word table; numbers such as 3.0 are read as '3'."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return table.get(fold(raw))


def level_from_name(name: str) -> str | None:
    f = fold(name)
    for prefix, level in LEVEL_PREFIXES:
        if f == prefix or f.startswith(prefix + " "):
            return level
    return None
