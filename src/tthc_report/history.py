"""Month-by-month history of section totals (the workbook's LichSu sheet).

One row per (report month, section).  The narrative reads it to say "lần đầu tiên" (a
unit leads for the first time) or "vẫn duy trì" only when the history supports it; the
workbook appends the month being built and carries earlier rows over from last month's
report (``build --history PREVIOUS.xlsx``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Report, Row, Section

#: the figures kept per month and section, in LichSu's column order
HISTORY_KEYS = (
    "received_new", "carried_over", "total", "due", "on_time", "late", "returned_withdrawn",
    "pending_in_time", "delivered", "online", "on_time_rate", "late_rate",
    "returned_withdrawn_rate", "online_rate",
)  # fmt: skip


@dataclass(frozen=True)
class HistoryRow:
    period_label: str  # "Tháng 10/2021"
    period_start: str  # ISO date, the sort key
    period_end: str
    section: str  # section id
    values: dict[str, float | int | None]
    leader: str | None  # the unit of comparison with the highest on-time rate
    leader_rate: float | None
    low_volume_units: int  # desks of the section receiving fewer than the threshold
    no_case_units: int

    def key(self) -> tuple[str, str]:
        return (self.period_start, self.section)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HistoryRow:
        values = {k: data.get("values", {}).get(k) for k in HISTORY_KEYS}
        return cls(
            period_label=str(data["period_label"]),
            period_start=str(data["period_start"]),
            period_end=str(data["period_end"]),
            section=str(data["section"]),
            values=values,
            leader=data.get("leader"),
            leader_rate=data.get("leader_rate"),
            low_volume_units=int(data.get("low_volume_units") or 0),
            no_case_units=int(data.get("no_case_units") or 0),
        )


def comparison_rows(section: Section) -> tuple[Row, ...]:
    """The section's units of comparison: districts in a three-level province, else desks
    (communes in a two-level one); agencies for the provincial centre."""
    for kind in ("district", "unit", "agency"):
        if kind in section.breakdowns:
            return section.breakdowns[kind]
    return ()


def leader(rows: Sequence[Row], min_due: int) -> Row | None:
    """Highest on-time rate among rows with at least ``min_due`` files due; ties go to the
    row with fewer late files, then the first listed."""
    eligible = [r for r in rows if r.metrics.due >= min_due and r.metrics.on_time_rate is not None]
    if not eligible:
        return None
    return max(eligible, key=lambda r: (r.metrics.on_time_rate, -r.metrics.late))


def rows_of_report(report: Report, min_due: int = 30) -> list[HistoryRow]:
    out = []
    for s in report.sections:
        best = leader(comparison_rows(s), min_due) if s.id != "province" else None
        units = s.breakdowns.get("unit", ())
        out.append(
            HistoryRow(
                period_label=report.period.label,
                period_start=report.period.start.isoformat(),
                period_end=report.period.end.isoformat(),
                section=s.id,
                values={k: s.totals.get(k) for k in HISTORY_KEYS},
                leader=best.name if best else None,
                leader_rate=best.metrics.on_time_rate if best else None,
                low_volume_units=sum(1 for r in units if "low_volume" in r.flags),
                no_case_units=sum(1 for r in units if "no_cases" in r.flags),
            )
        )
    return out


def merge(earlier: Iterable[HistoryRow], newer: Iterable[HistoryRow]) -> list[HistoryRow]:
    """Earlier rows with the newer ones added; a month already there is replaced."""
    rows = {r.key(): r for r in earlier}
    rows.update({r.key(): r for r in newer})
    return [rows[k] for k in sorted(rows)]
