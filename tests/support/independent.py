"""An independent, case-by-case implementation of the counting rules of docs/figures.md.

Deliberately plain Python over dictionaries, sharing no code with the engine, so that the
engine (vectorised, through the real reader) can be checked against it."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

EPOCH = date(1970, 1, 1)


def _day(v: float | None) -> int | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(math.floor(v))


def count_case(case: dict, start: date, end: date) -> Counter:
    s, e = (start - EPOCH).days, (end - EPOCH).days
    rec, due = _day(case["received"]), _day(case["due"])
    fin, dlv = _day(case["finished"]), _day(case["delivered"])
    status, channel, level = case["status"], case["channel"], case["online_level"]
    c: Counter = Counter()
    if status == "cancelled":
        return c
    if fin is not None and fin < rec:
        fin = rec
    new = s <= rec <= e
    carried = rec < s and not (fin is not None and fin <= s - 1)
    if new:
        c["received_new"] += 1
        if channel == "online":
            c["online"] += 1
            if level == "partial":
                c["online_partial"] += 1
            if level == "full":
                c["online_full"] += 1
        if channel == "postal":
            c["postal"] += 1
    if carried:
        c["carried_over"] += 1
    if status == "resolved" and dlv is not None and s <= dlv <= e:
        c["delivered"] += 1
    if not (new or carried):
        return c
    c["total"] += 1
    finished_in = fin is not None and s <= fin <= e
    if finished_in and status == "resolved":
        if fin < due:
            c["resolved_early"] += 1
        elif fin == due:
            c["resolved_on_time"] += 1
        else:
            c["resolved_late"] += 1
    elif finished_in and status in ("returned", "withdrawn"):
        c[status] += 1
    elif fin is None or fin > e:
        if due is not None and due <= e:
            c["pending_overdue"] += 1
        else:
            c["pending_in_time"] += 1
    return c


def totals(cases: list[dict], start: date, end: date) -> Counter:
    out: Counter = Counter()
    for case in cases:
        out.update(count_case(case, start, end))
    out["on_time"] = out["resolved_early"] + out["resolved_on_time"]
    out["late"] = out["resolved_late"] + out["pending_overdue"]
    out["due"] = out["on_time"] + out["late"]
    out["returned_withdrawn"] = out["returned"] + out["withdrawn"]
    return out
