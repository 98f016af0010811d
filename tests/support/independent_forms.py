"""Form II.06a counted case by case, independently of the engine (docs/forms.md): plain
Python over the simulated cases the demo's exports were written from, with the counts of
``independent.count_case``.  Shares no code with ``count/forms.py``."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tests.support.independent import count_case

GROUPS = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}


def level_and_row(case: dict) -> tuple[str, str]:
    """A simulated case's group and row by unit: its agency at the centre, its district
    for a district desk (whose name is the district's) and for a commune's desk."""
    if case["group"] == "province":
        return "province", case["agency"]
    if case["unit"] == case["group"]:
        return "district", case["group"]
    return "commune", case["group"]


def columns(c: Counter) -> list[int]:
    """(3)..(13) from one row's counts, as the form's table defines them."""
    received = c["received_new"] + c["carried_over"]
    resolved = ["resolved_early", "resolved_on_time", "resolved_late", "returned", "withdrawn"]
    return [
        received,
        c["online"],
        c["received_new"] - c["online"],
        c["carried_over"],
        sum(c[k] for k in resolved),
        c["resolved_early"],
        c["resolved_on_time"] + c["returned"] + c["withdrawn"],
        c["resolved_late"],
        c["pending_in_time"] + c["pending_overdue"],
        c["pending_in_time"],
        c["pending_overdue"],
    ]


def form_by_unit(cases: list[dict], start: date, end: date) -> dict[tuple[str, str], list[int]]:
    """(group label, row label) -> (3)..(13) for every row with at least one case."""
    rows: dict[tuple[str, str], Counter] = {}
    for case in cases:
        level, row = level_and_row(case)
        rows.setdefault((GROUPS[level], row), Counter()).update(count_case(case, start, end))
    return {key: columns(c) for key, c in rows.items()}
