"""The assessment rules of docs/narrative.md, as facts the templates put into words.

Each rule is a small function with its thresholds from the settings; the templates only
choose wording.  Nothing here claims what the data does not show: a change against an
undefined rate is None (the sentence is left out), "lần đầu tiên" and "vẫn duy trì" need
the history to say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Settings
from ..count.history import comparison_rows, leader
from ..formatting import half_up
from ..model import HistoryRow, Report, Row, Section
from ..periods import Period


@dataclass(frozen=True)
class Change:
    """How a figure moved against the previous period."""

    direction: str  # "equal", "up", "down"
    slight: bool  # "tăng nhẹ" / "giảm nhẹ"
    size: float  # points for a rate, percent for a count (absolute value)
    before: float | int

    @property
    def words(self) -> str:
        """'tương đương', 'tăng nhẹ', 'giảm 1,25 điểm phần trăm' style words are built in the
        templates; this is the verb alone."""
        if self.direction == "equal":
            return "tương đương"
        verb = "tăng" if self.direction == "up" else "giảm"
        return f"{verb} nhẹ" if self.slight else verb


def rate_change(now: float | None, before: float | None, s: Settings) -> Change | None:
    """Change of a rate in percentage points: below ``equal_rate_change`` (0.1) "tương
    đương"; below ``big_rate_change`` (1) "tăng nhẹ"/"giảm nhẹ"; else "tăng"/"giảm" with
    the size.  None when either rate is undefined."""
    if now is None or before is None:
        return None
    # compare the rates as the report shows them (two decimals), not their float noise
    diff = float(half_up(now, 2) - half_up(before, 2))
    if abs(diff) < s.equal_rate_change:
        return Change("equal", False, abs(diff), before)
    return Change("up" if diff > 0 else "down", abs(diff) < s.big_rate_change, abs(diff), before)


def count_change(now: int, before: int | None, s: Settings) -> Change | None:
    """Change of a count in percent: below ``equal_count_change`` (2%) "tương đương", else
    "tăng N%"/"giảm N%".  None when there is nothing to compare with (0 before)."""
    if not before:
        return None
    pct = 100.0 * (now - before) / before
    if abs(pct) < s.equal_count_change:
        return Change("equal", False, abs(pct), before)
    return Change("up" if pct > 0 else "down", False, abs(pct), before)


def month_name(period: Period | None, current: Period) -> str:
    """'tháng 9' (same year), 'tháng 12/2020', or 'kỳ trước' for a range."""
    if period is None or period.month is None:
        return "kỳ trước"
    year, month = period.month
    if current.month and current.month[0] == year:
        return f"tháng {month}"
    return f"tháng {month}/{year}"


def lower_first(name: str) -> str:
    """'Huyện Vĩnh Tường' -> 'huyện Vĩnh Tường' inside a sentence."""
    return name[:1].lower() + name[1:] if name else name


@dataclass(frozen=True)
class Leader:
    row: Row
    first_time: bool  # the history covers earlier months and it never led in them
    kept: bool  # it led the month before too (by history, or by the previous period's data)


def best_unit(section: Section, history: Sequence[HistoryRow], s: Settings) -> Leader | None:
    """The highest on-time rate among the units of comparison with ``due >= 30``."""
    best = leader(comparison_rows(section), s.best_unit_min_due)
    if best is None:
        return None
    earlier = [h for h in history if h.section == section.id]
    previous_rows = section.previous_breakdowns
    prev_best = None
    if previous_rows:
        kind = next((k for k in ("district", "unit") if k in previous_rows), None)
        if kind:
            prev_best = leader(previous_rows[kind], s.best_unit_min_due)
    kept = prev_best is not None and prev_best.name == best.name
    first_time = bool(earlier) and all(h.leader != best.name for h in earlier) and not kept
    return Leader(best, first_time, kept)


def busiest_unit(section: Section) -> Row | None:
    rows = [r for r in comparison_rows(section) if r.metrics.received_new > 0]
    return max(rows, key=lambda r: r.metrics.received_new) if rows else None


@dataclass(frozen=True)
class Quiet:
    low_now: int
    low_before: int | None
    low_trend_before: int | None  # the month before the previous one, from history
    no_cases: tuple[Row, ...]
    main_district: str | None  # where most desks with no case are, when more than half
    main_count: int


def quiet_units(section: Section, history: Sequence[HistoryRow], report: Report) -> Quiet | None:
    units = section.breakdowns.get("unit")
    if not units:
        return None
    low_now = sum(1 for r in units if "low_volume" in r.flags)
    before_rows = section.previous_breakdowns.get("unit")
    low_before = (
        sum(1 for r in before_rows if "low_volume" in r.flags) if before_rows is not None else None
    )
    prev_start = report.previous_period.start.isoformat() if report.previous_period else ""
    earlier = sorted(
        (h for h in history if h.section == section.id and h.period_start < prev_start),
        key=lambda h: h.period_start,
    )
    trend = earlier[-1].low_volume_units if earlier else None
    empty = tuple(r for r in units if "no_cases" in r.flags and r.level == "commune")
    where = Counter(r.parent for r in empty if r.parent)
    main, count = where.most_common(1)[0] if where else (None, 0)
    if count * 2 <= len(empty) or count < 2:
        main, count = None, 0
    return Quiet(low_now, low_before, trend, empty, main, count)


def returning_agencies(section: Section, s: Settings) -> list[Row]:
    """Agencies whose returned/withdrawn rate is above ``returned_rate_threshold``."""
    rows = section.breakdowns.get("agency", ())
    hits = [
        r
        for r in rows
        if r.metrics.returned_withdrawn_rate is not None
        and r.metrics.returned_withdrawn_rate > s.returned_rate_threshold
    ]
    return sorted(hits, key=lambda r: -(r.metrics.returned_withdrawn_rate or 0.0))


def assessments(
    report: Report, section: Section, history: Sequence[HistoryRow], s: Settings
) -> dict[str, object]:
    t, p = section.totals, section.previous
    return {
        "prev_name": month_name(report.previous_period, report.period),
        "this_name": month_name(report.period, report.period),
        "on_time_change": rate_change(t.on_time_rate, p.on_time_rate if p else None, s),
        "returned_change": rate_change(
            t.returned_withdrawn_rate, p.returned_withdrawn_rate if p else None, s
        ),
        "online_change": count_change(t.online, p.online if p else None, s),
        "online_rate_change": rate_change(t.online_rate, p.online_rate if p else None, s),
        "best": best_unit(section, history, s) if not section.is_centre else None,
        "busiest": busiest_unit(section) if not section.is_centre else None,
        "quiet": quiet_units(section, history, report) if not section.is_centre else None,
        "returning": returning_agencies(section, s),
        "settings": s,
    }
