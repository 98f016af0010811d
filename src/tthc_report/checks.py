"""Data checks: one record per problem found in the input, never a print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"  # the row is excluded from every count
WARNING = "warning"  # the row is counted, but something in it is doubtful
INFO = "info"  # nothing wrong with the data, but staff should know (cancelled, merged)

LEVEL_LABELS = {ERROR: "Lỗi", WARNING: "Cảnh báo", INFO: "Thông tin"}


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

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def count_levels(checks: Iterable[DataCheck]) -> Counter[str]:
    return Counter(c.level for c in checks)


def sort_key(check: DataCheck) -> tuple[str, str, int, str]:
    return (check.file, check.sheet, check.row or 0, check.column)
