"""Words that follow the period: one table, read by every template (docs/narrative.md,
section 5).

A word's wording changes on the day a decree takes effect.  A period uses the wording in
force on its last day, so a period that ends on or after that day takes the new wording
(a month that straddles the day is reported with the words of the day it is reported in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Wording:
    """The words of ``key`` from ``since`` on, by the decree ``source`` (blank for the
    first wording, in use since before the tool)."""

    key: str
    since: date
    words: str
    source: str


#: every period-dependent word, oldest wording first for each key
PERIOD_WORDS: tuple[Wording, ...] = (
    Wording("partial", date.min, "mức độ 3", ""),
    Wording("partial", date(2022, 8, 15), "dịch vụ công trực tuyến một phần",
            "Nghị định 42/2022/NĐ-CP"),
    Wording("full", date.min, "mức độ 4", ""),
    Wording("full", date(2022, 8, 15), "dịch vụ công trực tuyến toàn trình",
            "Nghị định 42/2022/NĐ-CP"),
    # the commune level: from 1/7/2025 (two-level local government) there is no "thị trấn"
    Wording("communes", date.min, "xã, phường, thị trấn", ""),
    Wording("communes", date(2025, 7, 1), "xã, phường, đặc khu", "Nghị định 150/2025/NĐ-CP"),
)  # fmt: skip


def terms(end: date) -> dict[str, str]:
    """The words in force on ``end`` (a period's last day), by key: ``partial``, ``full``
    (the two online levels) and ``communes`` (the commune-level units)."""
    out: dict[str, str] = {}
    for wording in sorted(PERIOD_WORDS, key=lambda w: w.since):
        if wording.since <= end:
            out[wording.key] = wording.words
    return out
