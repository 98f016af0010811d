"""Words that follow the period (docs/narrative.md, section 5): one table, both sides of
each date, and the templates reading it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support.cases import CENTRE, build
from tthc_report.narrative import PERIOD_WORDS, terms

TWO_LEVELS = [
    (CENTRE, "province", None),
    ("Phường Liên Bảo", "commune", None),
    ("Xã Tam Hồng", "commune", None),
]


@pytest.mark.parametrize(
    ("end", "partial", "full", "communes"),
    [
        (date(2022, 8, 14), "mức độ 3", "mức độ 4", "xã, phường, thị trấn"),
        (date(2022, 8, 15), "dịch vụ công trực tuyến một phần",
         "dịch vụ công trực tuyến toàn trình", "xã, phường, thị trấn"),
        (date(2025, 6, 30), "dịch vụ công trực tuyến một phần",
         "dịch vụ công trực tuyến toàn trình", "xã, phường, thị trấn"),
        (date(2025, 7, 1), "dịch vụ công trực tuyến một phần",
         "dịch vụ công trực tuyến toàn trình", "xã, phường, đặc khu"),
    ],
)  # fmt: skip
def test_the_words_in_force_on_each_side_of_each_date(end, partial, full, communes) -> None:
    assert terms(end) == {"partial": partial, "full": full, "communes": communes}


def test_every_key_has_a_wording_from_the_start_and_each_change_names_its_decree() -> None:
    keys = {w.key for w in PERIOD_WORDS}
    assert terms(date(2000, 1, 1)).keys() == keys
    assert all(w.source.startswith("Nghị định") for w in PERIOD_WORDS if w.since != date.min)


def online_in_a_commune(received: str, due: str) -> list[dict[str, object]]:
    case = dict(received=received, due=due, unit="Xã Tam Hồng", channel="online",
                online_level="full")  # fmt: skip
    return [case, {**case, "unit": CENTRE}]


OLD = ("mức độ 3", "mức độ 4")
NEW = ("dịch vụ công trực tuyến một phần", "dịch vụ công trực tuyến toàn trình")


@pytest.mark.parametrize(
    ("month", "received", "places", "levels"),
    [
        # 21/5/2025 - 20/6/2025: before the two-level local government
        ((2025, 6), "2025-06-02", "Các xã, phường, thị trấn", NEW),
        # 21/6/2025 - 20/7/2025 ends after 1/7/2025: xã, phường, đặc khu
        ((2025, 7), "2025-07-02", "Các xã, phường, đặc khu", NEW),
        # 21/7/2022 - 20/8/2022 ends after 15/8/2022; the month before does not
        ((2022, 7), "2022-07-04", "Các xã, phường, thị trấn", OLD),
        ((2022, 8), "2022-08-02", "Các xã, phường, thị trấn", NEW),
    ],
)
def test_the_templates_write_the_words_of_the_period(
    tmp_path: Path, month, received, places, levels
) -> None:
    report = build(tmp_path, online_in_a_commune(received, "2025-12-31"), units=TWO_LEVELS,
                   month=month)  # fmt: skip
    text = "\n".join(report.narrative)
    assert f"{places} phát sinh 01 hồ sơ trực tuyến." in text
    assert f"00 hồ sơ nộp {levels[0]} và 01 hồ sơ nộp {levels[1]}." in text
    other = "thị trấn" if "đặc khu" in places else "đặc khu"
    assert other not in text
