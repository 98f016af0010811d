"""The report as frozen data.  ``Report.to_dict()`` is the JSON contract of spec/metrics.md."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from .checks import CheckSummary, DataCheck
from .history import HistoryRow
from .metrics import COUNT_KEYS, RATE_KEYS
from .periods import Period

SCHEMA = "tthc-report/metrics@1"


@dataclass(frozen=True)
class Metrics:
    received_new: int
    carried_over: int
    total: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    returned: int
    withdrawn: int
    returned_withdrawn: int
    pending_overdue: int
    pending_in_time: int
    on_time: int
    late: int
    due: int
    delivered: int
    online: int
    online_partial: int
    online_full: int
    postal: int
    online_units: int
    on_time_rate: float | None
    late_rate: float | None
    returned_withdrawn_rate: float | None
    online_rate: float | None

    def to_dict(self) -> dict[str, int | float | None]:
        return {k: getattr(self, k) for k in (*COUNT_KEYS, *RATE_KEYS)}

    def get(self, key: str) -> int | float | None:
        return getattr(self, key)  # type: ignore[no-any-return]


assert [f.name for f in fields(Metrics)] == [*COUNT_KEYS, *RATE_KEYS]


@dataclass(frozen=True)
class Row:
    """One breakdown row: an agency, a district or a desk."""

    name: str
    level: str | None
    parent: str | None
    flags: tuple[str, ...]
    metrics: Metrics

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level": self.level,
            "parent": self.parent,
            "flags": list(self.flags),
            **self.metrics.to_dict(),
        }


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    levels: tuple[str, ...]
    totals: Metrics
    previous: Metrics | None
    breakdowns: dict[str, tuple[Row, ...]]
    #: the same breakdowns for the previous period (for the narrative; not in the JSON)
    previous_breakdowns: dict[str, tuple[Row, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "levels": list(self.levels),
            "totals": self.totals.to_dict(),
            "previous": self.previous.to_dict() if self.previous else None,
            "breakdowns": {k: [r.to_dict() for r in rows] for k, rows in self.breakdowns.items()},
        }


@dataclass(frozen=True, eq=False)
class Report:
    period: Period
    previous_period: Period | None
    sections: tuple[Section, ...]
    summary: CheckSummary
    checks: tuple[DataCheck, ...]
    narrative: tuple[str, ...] = ()
    #: the clean cases (cancelled included), for the workbook's HoSo sheet
    cases: pd.DataFrame | None = field(default=None, repr=False)
    #: the unit catalog rows (name, level, parent, code), for DanhMucDonVi
    units: tuple[tuple[str, str | None, str | None, str], ...] = ()
    #: LichSu: the months before (from last month's report) and this one
    history: tuple[HistoryRow, ...] = ()

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "period": self.period.to_dict(),
            "previous_period": self.previous_period.to_dict() if self.previous_period else None,
            "sections": [s.to_dict() for s in self.sections],
            "data_checks": {
                **self.summary.to_dict(),
                "items": [c.to_dict() for c in self.checks],
            },
            "narrative": list(self.narrative),
            "history": [h.to_dict() for h in self.history],
        }
