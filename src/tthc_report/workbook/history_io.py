"""Read the LichSu rows of a previous report workbook (``build --history PREVIOUS.xlsx``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import InputError, TemplateError
from ..model import HISTORY_KEYS, HistoryRow
from .layout import name_target

ANCHOR = "LichSu_Dau"
#: label, start, end, section title, figures, leader, its rate, low volume, no cases; then
#: the section id (hidden; a workbook written before it was added has the id in "Phần")
WIDTH = 4 + len(HISTORY_KEYS) + 5


def _iso(v: object) -> str:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def _num(v: object) -> float | int | None:
    if v is None or v == "" or isinstance(v, str):
        return None
    return v  # type: ignore[return-value]


def read_history(path: Path) -> list[HistoryRow]:
    """The month-by-month rows of the LichSu sheet of a report workbook."""
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError, InvalidFileException, BadZipFile) as exc:
        raise InputError(
            f"Không mở được bảng tính báo cáo trước {path}: tệp bị hỏng hoặc không phải bảng "
            f"tính .xlsx. Chi tiết: {exc}"
        ) from exc
    if ANCHOR not in wb.defined_names:
        raise TemplateError(
            f"Bảng tính {path} không có tên {ANCHOR} (trang LichSu): không phải báo cáo do "
            "tthc-report lập."
        )
    sheet, row, column = name_target(wb, ANCHOR)
    ws = wb[sheet]
    rows = ws.iter_rows(min_row=row, min_col=column, max_col=column + WIDTH - 1, values_only=True)
    return history_from_rows(rows)


def _count(key: str, v: object) -> float | int | None:
    """A figure as read; a whole number of a count (xlwings reads every number as a
    float) as an int."""
    n = _num(v)
    if isinstance(n, float) and not key.endswith("_rate") and n.is_integer():
        return int(n)
    return n


def history_from_rows(rows: Iterable[Sequence[object]]) -> list[HistoryRow]:
    """History rows from the LichSu block's values, from its anchor (``LichSu_Dau``) down
    to the first row without a month label: openpyxl rows or an xlwings range's values.
    Without the hidden id column the section is what "Phần" shows (an id, or a title that
    ``count.history.with_section_ids`` turns back into its id)."""
    out: list[HistoryRow] = []
    for found in rows:
        values = list(found)[:WIDTH] + [None] * (WIDTH - len(found))
        if values[0] in (None, ""):
            break
        label, start, end, section = values[:4]
        figures = values[4 : 4 + len(HISTORY_KEYS)]
        leader, leader_rate, low, none, section_id = values[4 + len(HISTORY_KEYS) :]
        if section_id not in (None, ""):
            section = section_id
        out.append(
            HistoryRow(
                period_label=str(label),
                period_start=_iso(start),
                period_end=_iso(end),
                section=str(section),
                values={k: _count(k, v) for k, v in zip(HISTORY_KEYS, figures, strict=True)},
                leader=str(leader) if leader not in (None, "") else None,
                leader_rate=_num(leader_rate),  # type: ignore[arg-type]
                low_volume_units=int(low or 0),  # type: ignore[call-overload]
                no_case_units=int(none or 0),  # type: ignore[call-overload]
            )
        )
    return out
