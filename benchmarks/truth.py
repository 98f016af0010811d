"""What a correct build must show, counted straight from the generated arrays.

Independent of the engine on purpose: the rules of docs/figures.md written out once more,
as plainly as possible, over the case arrays of ``cases.py``.  Nothing here imports the
engine's counting.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from .cases import (
    CANCELLED,
    COMMUNE,
    DISTRICT,
    FULL,
    ONLINE,
    PARTIAL,
    POSTAL,
    PROCESSING,
    PROVINCE,
    RESOLVED,
    RETURNED,
    WITHDRAWN,
    Cases,
    day,
)

#: October 2021 with the reference province's start day 21, and the month before
PERIOD = (date(2021, 9, 21), date(2021, 10, 20))
PREVIOUS = (date(2021, 8, 21), date(2021, 9, 20))
SECTIONS = {"province": (PROVINCE,), "local": (DISTRICT, COMMUNE)}
#: counts that are sums of others (checked too: they come out of the same rows)
DERIVED = {
    "total": ("received_new", "carried_over"),
    "returned_withdrawn": ("returned", "withdrawn"),
    "on_time": ("resolved_early", "resolved_on_time"),
    "late": ("resolved_late", "pending_overdue"),
    "due": ("resolved_early", "resolved_on_time", "resolved_late", "pending_overdue"),
}


def counts(c: Cases, rows: np.ndarray, start: date, end: date) -> dict[str, int]:
    """The counts of docs/figures.md over the cases ``rows`` (indices; cancelled ones are
    left out here) for the closed period [start, end]."""
    status = c.status[rows]
    rows = rows[status != CANCELLED]
    status = c.status[rows]
    rec = c.received[rows].astype(float)
    due = c.due[rows].astype(float)
    fin = c.finished[rows]
    dlv = c.delivered[rows]
    s, e = float(day(start)), float(day(end))
    with np.errstate(invalid="ignore"):
        new = (s <= rec) & (rec <= e)
        carried = (rec < s) & ~(fin <= s - 1)
        scope = new | carried
        fin_in = (s <= fin) & (fin <= e)
        resolved = scope & (status == RESOLVED) & fin_in
        still_open = scope & ~(fin <= e)
        online = new & (c.channel[rows] == ONLINE)
        out = {
            "received_new": new,
            "carried_over": carried,
            "resolved_early": resolved & (fin < due),
            "resolved_on_time": resolved & (fin == due),
            "resolved_late": resolved & (fin > due),
            "returned": scope & (status == RETURNED) & fin_in,
            "withdrawn": scope & (status == WITHDRAWN) & fin_in,
            "pending_overdue": still_open & (due <= e),
            "pending_in_time": still_open & (due > e),
            "delivered": (status == RESOLVED) & (s <= dlv) & (dlv <= e),
            "online": online,
            "online_partial": online & (c.online_level[rows] == PARTIAL),
            "online_full": online & (c.online_level[rows] == FULL),
            "postal": new & (c.channel[rows] == POSTAL),
        }
    result = {k: int(v.sum()) for k, v in out.items()}
    for key, parts in DERIVED.items():
        result[key] = sum(result[p] for p in parts)
    # online_units: agencies at province level, desks below it, with an online case
    prov = c.level[rows] == PROVINCE
    who = np.where(prov, c.agency[rows], c.unit[rows])
    result["online_units"] = len(set(who[online].tolist()))
    assert (
        result["total"] == result["due"] + result["returned_withdrawn"] + result["pending_in_time"]
    ), "identity of docs/figures.md broken by the generator"
    assert not ((status == PROCESSING) & ~np.isnan(fin)).any()
    return result


def figures(c: Cases, cases: np.ndarray) -> dict[str, dict[str, dict[str, int]]]:
    """Section totals for the period and the previous one; ``all``: every unit."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for label, (start, end) in (("period", PERIOD), ("previous", PREVIOUS)):
        per: dict[str, dict[str, int]] = {}
        for sid, levels in SECTIONS.items():
            per[sid] = counts(c, cases[np.isin(c.level[cases], levels)], start, end)
        every = counts(c, cases, start, end)
        every.pop("online_units")  # agencies and desks do not add up across sections
        per["all"] = every
        out[label] = per
    return out


def file_truth(c: Cases, source: np.ndarray, counted: np.ndarray, n_bad: int,
               n_dup: int, non_case_lines: int) -> dict[str, int]:  # fmt: skip
    """The data-check summary a correct build of one file shows."""
    kept = source[counted]
    cancelled = int((c.status[kept] == CANCELLED).sum())
    n = len(source)
    return {
        "case_rows": n,
        "rows_read": n + non_case_lines,
        "non_case_lines": non_case_lines,
        "excluded": n_bad,
        "errors": n_bad,
        "warnings": 0,
        "duplicates_merged": n_dup,
        "cancelled": cancelled,
        "rows_used": n - n_bad - n_dup - cancelled,
    }


def period_dict() -> dict[str, dict[str, str]]:
    def one(p: tuple[date, date]) -> dict[str, str]:
        return {"start": p[0].isoformat(), "end": p[1].isoformat()}

    assert PERIOD[0] - timedelta(days=1) == PREVIOUS[1]
    return {"period": one(PERIOD), "previous_period": one(PREVIOUS)}
