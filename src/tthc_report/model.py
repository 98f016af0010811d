"""The report as data: the keys of every figure, the figures, sections and breakdown rows,
the data checks and the month-by-month history.  ``Report.to_dict()`` is the JSON contract
of docs/figures.md.  Every stage writes these types; none of them computes anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import pandas as pd

from .periods import Period

# --- keys --------------------------------------------------------------------------------

#: the counts table of docs/figures.md, in its order
COUNT_KEYS = (
    "received_new", "carried_over", "total",
    "resolved_early", "resolved_on_time", "resolved_late",
    "returned", "withdrawn", "returned_withdrawn",
    "pending_overdue", "pending_in_time",
    "on_time", "late", "due", "delivered",
    "online", "online_partial", "online_full", "postal", "online_units",
)  # fmt: skip
RATE_KEYS = ("on_time_rate", "late_rate", "returned_withdrawn_rate", "online_rate")
#: the English keys of a case's facts (docs/figures.md, "The case's own facts")
STATUSES = ("resolved", "returned", "withdrawn", "processing", "cancelled")
CHANNELS = ("direct", "online", "postal")
ONLINE_LEVELS = ("partial", "full")
LEVELS = ("province", "district", "commune")

# --- data checks -------------------------------------------------------------------------

ERROR = "error"  # the row is excluded from every count
WARNING = "warning"  # the row is counted, but something in it is doubtful
INFO = "info"  # nothing wrong with the data, but staff should know (cancelled, merged)

#: the severities as staff read them (KiemTraDuLieu's first column, ``check``)
SEVERITY_LABELS = {ERROR: "Lỗi", WARNING: "Cảnh báo", INFO: "Thông tin"}


@dataclass(frozen=True)
class DataCheck:
    level: str
    file: str
    sheet: str
    row: int | None  # Excel row number (1-based, as staff see it), None for file-level checks
    column: str  # the header as it stands in the file
    value: str  # the raw value, as text
    message: str  # Vietnamese, says what is wrong and what happens to the row
    code: str = ""  # a stable machine key such as "missing_required"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class FileAccount:
    """Where every line of one file went.  ``rows_read`` counts the lines below a header
    except empty lines and repeated headers; the identity ``balanced`` always holds."""

    file: str
    rows_read: int
    rows_used: int  # cases counted (cancelled ones and dropped duplicates not included)
    excluded: int  # case rows with an error
    cancelled: int
    duplicates_merged: int  # rows dropped because another row has the same case code
    non_case_lines: int  # totals, signatures

    @property
    def balanced(self) -> bool:
        parts = (self.rows_used, self.excluded, self.cancelled, self.duplicates_merged,
                 self.non_case_lines)  # fmt: skip
        return self.rows_read == sum(parts)


@dataclass(frozen=True)
class CheckSummary:
    rows_read: int
    rows_used: int
    errors: int
    warnings: int
    infos: int
    excluded: int
    cancelled: int
    duplicates_merged: int
    #: lines below a header that are no case at all (totals, signatures), listed as info
    non_case_lines: int = 0
    #: the same accounting for each file read
    files: tuple[FileAccount, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "files": [asdict(f) for f in self.files]}


def count_levels(checks: Iterable[DataCheck]) -> Counter[str]:
    return Counter(c.level for c in checks)


def sort_key(check: DataCheck) -> tuple[str, str, int, str]:
    return (check.file, check.sheet, check.row or 0, check.column)


# --- history -----------------------------------------------------------------------------

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


# --- figures -----------------------------------------------------------------------------

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

    @property
    def is_centre(self) -> bool:
        """The provincial centre's section: it counts the province level alone, whatever its
        id, and gets the centre's wording; it has no units of comparison to rank."""
        return self.levels == ("province",)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "levels": list(self.levels),
            "totals": self.totals.to_dict(),
            "previous": self.previous.to_dict() if self.previous else None,
            "breakdowns": {k: [r.to_dict() for r in rows] for k, rows in self.breakdowns.items()},
        }


# --- official forms ----------------------------------------------------------------------

#: the kinds of a form row: a group ("I. Cấp tỉnh"), a row of a group, the final total
FORM_GROUP, FORM_ROW, FORM_TOTAL = "group", "row", "total"


@dataclass(frozen=True)
class FormRow:
    """One row of an official form: its number (TT), label, kind and figures."""

    tt: str
    label: str
    kind: str
    values: tuple[int, ...]
    # not in the JSON, for the workbook's formulas:
    #: the group's Roman number (its rows and the group row itself; "" for the total)
    group: str = ""
    #: the level of the group's cases (``LEVELS``); None for the total
    level: str | None = None
    #: what a row's cases are matched on: the agency, district, commune desk or field
    match: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"tt": self.tt, "label": self.label, "kind": self.kind, "values": list(self.values)}


@dataclass(frozen=True)
class Form:
    """An official statistics form of the period (docs/forms.md): ``id`` such as "ii06a",
    its row layout ("unit" or "field"), column headers and rows."""

    id: str
    layout: str
    period: Period
    columns: tuple[str, ...]
    rows: tuple[FormRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "period": self.period.to_dict(),
            "columns": list(self.columns),
            "rows": [r.to_dict() for r in self.rows],
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
    #: the official forms of the period (form II.06a), by id
    forms: tuple[Form, ...] = ()

    def form(self, form_id: str) -> Form:
        for f in self.forms:
            if f.id == form_id:
                return f
        raise KeyError(form_id)

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
            "forms": {f.id: f.to_dict() for f in self.forms},
        }
