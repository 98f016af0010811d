"""The counts and rates of docs/figures.md, one small vectorised function per rule.

Every rule compares calendar days with the period only ("as of" semantics), so a report
built from a later export gives the same numbers.  Days are float64 day numbers with NaN
for "no date": a comparison with NaN is False, which is what "not finished" needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import COUNT_KEYS
from ..periods import Period
from ..prepare.dates import day_numbers

#: counts computed case by case; the others are sums of these
BASE_KEYS = (
    "received_new", "carried_over",
    "resolved_early", "resolved_on_time", "resolved_late",
    "returned", "withdrawn", "pending_overdue", "pending_in_time",
    "delivered", "online", "online_partial", "online_full", "postal",
)  # fmt: skip

_EPOCH = pd.Timestamp("1970-01-01").date()


#: the columns of the case table the rules read
CASE_FACTS = ("received", "due", "finished", "delivered", "status", "channel", "online_level")


@dataclass(frozen=True)
class CaseDays:
    """The facts the rules need, as arrays aligned with the case table (cancelled cases
    removed beforehand: they take no part in any count)."""

    received: np.ndarray
    due: np.ndarray
    finished: np.ndarray  # for rules: never before received (see from_frame)
    delivered: np.ndarray
    status: np.ndarray  # resolved / returned / withdrawn / processing (see ``words``)
    channel: np.ndarray
    online_level: np.ndarray  # "" when not written

    @classmethod
    def from_frame(cls, cases: pd.DataFrame) -> CaseDays:
        received = day_numbers(cases["received"])
        finished = day_numbers(cases["finished"])
        # A case finished "before" it was received (bad data, listed as a warning) is taken
        # as finished on the day it was received, so it still ends in exactly one state.
        finished = np.where(finished < received, received, finished)
        return cls(
            received=received,
            due=day_numbers(cases["due"]),
            finished=finished,
            delivered=day_numbers(cases["delivered"]),
            status=words(cases["status"]),
            channel=words(cases["channel"]),
            online_level=words(cases["online_level"]),
        )

    def __len__(self) -> int:
        return len(self.received)


def words(values: pd.Series) -> np.ndarray:
    """A column of a few distinct words as a numpy unicode array ("" for missing), which
    numpy compares with a word in C, unlike an array of Python objects."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.array([str(u) for u in uniques] + [""], dtype=np.str_)
    return table[codes]


def day_number(d: object) -> float:
    return float((d - _EPOCH).days)  # type: ignore[operator]


def _bounds(period: Period) -> tuple[float, float]:
    return day_number(period.start), day_number(period.end)


def finished_by(c: CaseDays, day: float) -> np.ndarray:
    """A case is finished by day d when it has `finished` and `finished <= d`."""
    return c.finished <= day


def received_new(c: CaseDays, p: Period) -> np.ndarray:
    """received_new — tiếp nhận mới: `start <= received <= end`."""
    s, e = _bounds(p)
    return (c.received >= s) & (c.received <= e)


def carried_over(c: CaseDays, p: Period) -> np.ndarray:
    """carried_over — tồn kỳ trước chuyển sang: `received < start` and not finished by
    `start - 1`."""
    s, _ = _bounds(p)
    return (c.received < s) & ~finished_by(c, s - 1)


def in_scope(c: CaseDays, p: Period) -> np.ndarray:
    """total — `received_new + carried_over`; these cases are in scope."""
    return received_new(c, p) | carried_over(c, p)


def _finished_in(c: CaseDays, p: Period) -> np.ndarray:
    s, e = _bounds(p)
    return (c.finished >= s) & (c.finished <= e)


def _resolved_in(c: CaseDays, p: Period) -> np.ndarray:
    return in_scope(c, p) & (c.status == "resolved") & _finished_in(c, p)


def resolved_early(c: CaseDays, p: Period) -> np.ndarray:
    """resolved_early — trả trước hạn: in scope, resolved, `start <= finished <= end`,
    `finished < due`."""
    return _resolved_in(c, p) & (c.finished < c.due)


def resolved_on_time(c: CaseDays, p: Period) -> np.ndarray:
    """resolved_on_time — trả đúng hạn: same, `finished == due`."""
    return _resolved_in(c, p) & (c.finished == c.due)


def resolved_late(c: CaseDays, p: Period) -> np.ndarray:
    """resolved_late — trả quá hạn: same, `finished > due`."""
    return _resolved_in(c, p) & (c.finished > c.due)


def returned(c: CaseDays, p: Period) -> np.ndarray:
    """returned — trả lại: in scope, that status, `start <= finished <= end`."""
    return in_scope(c, p) & (c.status == "returned") & _finished_in(c, p)


def withdrawn(c: CaseDays, p: Period) -> np.ndarray:
    """withdrawn — rút hồ sơ: in scope, that status, `start <= finished <= end`."""
    return in_scope(c, p) & (c.status == "withdrawn") & _finished_in(c, p)


def _open_at_end(c: CaseDays, p: Period) -> np.ndarray:
    _, e = _bounds(p)
    return in_scope(c, p) & ~finished_by(c, e)


def pending_overdue(c: CaseDays, p: Period) -> np.ndarray:
    """pending_overdue — quá hạn chưa có kết quả: in scope, not finished by `end`,
    `due <= end`."""
    _, e = _bounds(p)
    return _open_at_end(c, p) & (c.due <= e)


def pending_in_time(c: CaseDays, p: Period) -> np.ndarray:
    """pending_in_time — đang giải quyết trong hạn: in scope, not finished by `end`,
    `due > end`.  A returned or withdrawn case still open at the end needs no due date;
    without one it is in time."""
    _, e = _bounds(p)
    return _open_at_end(c, p) & ((c.due > e) | np.isnan(c.due))


def delivered(c: CaseDays, p: Period) -> np.ndarray:
    """delivered — đã trả kết quả cho tổ chức, cá nhân: `resolved`,
    `start <= delivered <= end` (whenever received)."""
    s, e = _bounds(p)
    return (c.status == "resolved") & (c.delivered >= s) & (c.delivered <= e)


def online(c: CaseDays, p: Period) -> np.ndarray:
    """online — hồ sơ trực tuyến: `received_new` with channel `online`."""
    return received_new(c, p) & (c.channel == "online")


def online_partial(c: CaseDays, p: Period) -> np.ndarray:
    """online_partial — mức độ 3 / một phần."""
    return online(c, p) & (c.online_level == "partial")


def online_full(c: CaseDays, p: Period) -> np.ndarray:
    """online_full — mức độ 4 / toàn trình."""
    return online(c, p) & (c.online_level == "full")


def postal(c: CaseDays, p: Period) -> np.ndarray:
    """postal — qua bưu chính công ích: `received_new` with channel `postal`."""
    return received_new(c, p) & (c.channel == "postal")


RULES = {
    "received_new": received_new,
    "carried_over": carried_over,
    "resolved_early": resolved_early,
    "resolved_on_time": resolved_on_time,
    "resolved_late": resolved_late,
    "returned": returned,
    "withdrawn": withdrawn,
    "pending_overdue": pending_overdue,
    "pending_in_time": pending_in_time,
    "delivered": delivered,
    "online": online,
    "online_partial": online_partial,
    "online_full": online_full,
    "postal": postal,
}


def classify(c: CaseDays, p: Period) -> dict[str, np.ndarray]:
    """Each base rule's boolean mask over the cases."""
    return {key: rule(c, p) for key, rule in RULES.items()}


@dataclass(frozen=True)
class Patterns:
    """The base masks of one period packed for counting: a case's *pattern* is the set of
    rules it meets; a period has a few dozen distinct patterns.  Counting a grouping is
    then one bincount over (group, pattern) and a small matrix product."""

    keys: tuple[str, ...]
    of_case: np.ndarray  # pattern number of each case
    table: np.ndarray  # (patterns, keys): 1 where the pattern meets the rule
    online: np.ndarray  # the `online` mask, for the distinct online units

    @classmethod
    def of(cls, masks: dict[str, np.ndarray]) -> Patterns:
        keys = tuple(masks)
        n = len(next(iter(masks.values()))) if masks else 0
        bits = np.zeros(n, dtype=np.int64)
        for k, key in enumerate(keys):
            bits |= masks[key].astype(np.int64) << k
        seen = np.zeros(1 << len(keys), dtype=bool)
        seen[bits] = True
        number = np.cumsum(seen) - 1
        present = np.flatnonzero(seen)
        table = (present[:, None] >> np.arange(len(keys))) & 1
        return cls(keys, number[bits], table.astype(np.int64), masks["online"])


def count_by_group(
    masks: dict[str, np.ndarray] | Patterns,
    groups: np.ndarray,
    n_groups: int,
    online_units: np.ndarray,
) -> dict[str, np.ndarray]:
    """Sum every base mask per group (group code -1: the case is in no group), and count
    the distinct online units (agency or desk codes) with at least one online case."""
    pat = masks if isinstance(masks, Patterns) else Patterns.of(masks)
    n_pat = len(pat.table)
    slot = np.where(groups >= 0, groups, n_groups)  # the last slot: in no group
    flat = np.bincount(slot * n_pat + pat.of_case, minlength=(n_groups + 1) * n_pat)
    sums = flat.reshape(n_groups + 1, n_pat)[:n_groups] @ pat.table
    out = {key: sums[:, k].astype(np.int64) for k, key in enumerate(pat.keys)}
    on = pat.online & (groups >= 0) & (online_units >= 0)
    width = int(online_units.max()) + 1 if len(online_units) else 1
    seen = np.bincount(groups[on] * width + online_units[on], minlength=n_groups * width)
    out["online_units"] = (seen.reshape(n_groups, width) > 0).sum(axis=1).astype(np.int64)
    return out


def _rate(num: int, den: int) -> float | None:
    return None if den == 0 else 100.0 * num / den


def complete(base: dict[str, int]) -> dict[str, int | float | None]:
    """Base counts -> every key of the counts table plus the four rates."""
    b = {k: int(v) for k, v in base.items()}
    b["total"] = b["received_new"] + b["carried_over"]
    b["returned_withdrawn"] = b["returned"] + b["withdrawn"]
    b["on_time"] = b["resolved_early"] + b["resolved_on_time"]
    b["late"] = b["resolved_late"] + b["pending_overdue"]
    b["due"] = b["on_time"] + b["late"]
    out: dict[str, int | float | None] = {k: b[k] for k in COUNT_KEYS}
    out["on_time_rate"] = _rate(b["on_time"], b["due"])
    out["late_rate"] = _rate(b["late"], b["due"])
    out["returned_withdrawn_rate"] = _rate(b["returned_withdrawn"], b["due"])
    out["online_rate"] = _rate(b["online"], b["received_new"])
    return out
