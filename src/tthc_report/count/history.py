"""Month-by-month history of section totals (the workbook's LichSu sheet).

One row per (report month, section).  The narrative reads it to say "lần đầu tiên" (a
unit leads for the first time) or "vẫn duy trì" only when the history supports it; the
workbook appends the month being built and carries earlier rows over from last month's
report (``build --history PREVIOUS.xlsx``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import HISTORY_KEYS, HistoryRow, Report, Row, Section


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
        best = leader(comparison_rows(s), min_due) if not s.is_centre else None
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


def with_section_ids(rows: Iterable[HistoryRow], sections: Sequence[Section]) -> list[HistoryRow]:
    """``rows`` with a section written by its title (a LichSu sheet's "Phần" column shows
    titles) given its id again, for the sections of this build; ids pass unchanged."""
    ids = {s.title: s.id for s in sections}
    known = {s.id for s in sections}
    return [
        replace(r, section=ids[r.section]) if r.section not in known and r.section in ids else r
        for r in rows
    ]


def merge(earlier: Iterable[HistoryRow], newer: Iterable[HistoryRow]) -> list[HistoryRow]:
    """Earlier rows with the newer ones added; a month already there is replaced."""
    rows = {r.key(): r for r in earlier}
    rows.update({r.key(): r for r in newer})
    return [rows[k] for k in sorted(rows)]
