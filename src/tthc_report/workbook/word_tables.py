"""The word tables of ThamSo (status, channel and online-level words -> the codes the HoSo
helper formulas use), made from the words the reader accepts.  The template writes them;
the cached values read them as the formulas do."""

from __future__ import annotations

from ..prepare.words import (
    CHANNEL_NAMES,
    CHANNEL_WORDS,
    ONLINE_LEVEL_NAMES,
    ONLINE_LEVEL_WORDS,
    STATUS_NAMES,
    STATUS_WORDS,
)
from .layout import ST_CANCELLED, ST_PROCESSING, ST_RESOLVED, ST_RETURNED, ST_WITHDRAWN

STATUS_CODES = {
    "resolved": ST_RESOLVED, "returned": ST_RETURNED, "withdrawn": ST_WITHDRAWN,
    "processing": ST_PROCESSING, "cancelled": ST_CANCELLED,
}  # fmt: skip
CHANNEL_CODES = {"direct": 1, "online": 2, "postal": 3}
ONLINE_LEVEL_CODES = {"partial": 1, "full": 2}


def status_table() -> list[tuple[str, int]]:
    """TT_Tu / TT_Ma: the written status names, then every other accepted word, each once
    (compared without case, as MATCH does)."""
    words = list(STATUS_NAMES.values()) + sorted(STATUS_WORDS)
    seen: list[str] = []
    for w in words:
        if w.casefold() not in (x.casefold() for x in seen):
            seen.append(w)
    out = []
    for w in seen:
        key = STATUS_WORDS.get(w.casefold()) or next(k for k, v in STATUS_NAMES.items() if v == w)
        out.append((w, STATUS_CODES[key]))
    return out


def channel_table() -> list[tuple[str, int]]:
    """Kenh_Tu / Kenh_Ma."""
    channels = {**{v.casefold(): k for k, v in CHANNEL_NAMES.items()}, **CHANNEL_WORDS}
    return [(w, CHANNEL_CODES[key]) for w, key in sorted(channels.items())]


def online_level_table() -> list[tuple[str, int]]:
    """MucDo_Tu / MucDo_Ma."""
    levels = {**{v.casefold(): k for k, v in ONLINE_LEVEL_NAMES.items()}, **ONLINE_LEVEL_WORDS}
    return [(w, ONLINE_LEVEL_CODES[key]) for w, key in sorted(levels.items())]
