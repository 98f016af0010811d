"""Canonical columns and the Vietnamese words that name them (spec/inputs.md).

Everything Vietnamese about the *input* lives here: header aliases, status, channel,
online-level and level words.  The rest of the engine speaks the English keys of
spec/metrics.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

_SPACES = re.compile(r"\s+")


def fold(text: object) -> str:
    """Matching key of a header or a word: NFC, case folded, trimmed, spaces collapsed."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text))
    s = s.replace("\u00a0", " ").replace("\u200b", "")
    return _SPACES.sub(" ", s).strip().casefold()


def nfc(text: object) -> str:
    """Display form of a name: NFC, trimmed, inner spaces collapsed, case kept."""
    s = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ")
    return _SPACES.sub(" ", s).strip()


def map_unique(values: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``values.map(fn)``, calling ``fn`` once per distinct value (exports repeat the same
    unit, status and channel words thousands of times).  Missing values (None, NaN) are
    passed to ``fn`` as None."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    for i, v in enumerate(uniques):
        mapped[i] = fn(v)
    mapped[-1] = fn(None)  # code -1: a missing value
    return pd.Series(mapped[codes], index=values.index, dtype=object)


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


# --- words -----------------------------------------------------------------------------

STATUSES = ("resolved", "returned", "withdrawn", "processing", "cancelled")
CHANNELS = ("direct", "online", "postal")
ONLINE_LEVELS = ("partial", "full")
LEVELS = ("province", "district", "commune")


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

STATUS_LABELS = {
    "resolved": "đã có kết quả",
    "returned": "trả lại",
    "withdrawn": "rút hồ sơ",
    "processing": "đang xử lý",
    "cancelled": "hủy",
}
CHANNEL_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
LEVEL_LABELS = {"province": "Tỉnh", "district": "Huyện", "commune": "Xã"}
ONLINE_LEVEL_LABELS = {"partial": "Một phần", "full": "Toàn trình"}


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
