"""The case rows of HoSo: which cases, in which columns and with which words.

The rows are kept as columns (``CaseRows``): the report writer streams them into the
sheet's XML column by column (``sheet_xml``), and Python rows (``list`` of ``str``,
``datetime`` or ``None``) are only made when someone iterates them (the xlwings writer, the
cell-by-cell openpyxl path of a template file, tests).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import Any, TypeAlias, overload

import numpy as np
import pandas as pd

from ..count.metrics import day_number
from ..model import Report
from ..prepare.dates import day_numbers
from ..prepare.words import CHANNEL_NAMES, LEVEL_NAMES, ONLINE_LEVEL_NAMES, STATUS_NAMES
from ..read.columns import COLUMNS, DATE_KEYS

KEYS = tuple(c.key for c in COLUMNS)


def relevant_cases(report: Report) -> pd.DataFrame:
    """The cases the current and the previous period need: received by the end of the
    period, and either not finished before the previous period's start or delivered within
    the two periods.  Cancelled cases in that window are written too (they count nowhere)."""
    cases = report.cases
    if cases is None or cases.empty:
        return pd.DataFrame(columns=list(cases.columns) if cases is not None else [])
    first = report.previous_period.start if report.previous_period else report.period.start
    start, end = day_number(first), day_number(report.period.end)
    rec = day_numbers(cases["received"])
    fin = day_numbers(cases["finished"])
    fin = np.where(fin < rec, rec, fin)  # NaN (not finished) stays NaN
    dlv = day_numbers(cases["delivered"])
    keep = (rec <= end) & (np.isnan(fin) | (fin >= start) | ((dlv >= start) & (dlv <= end)))
    return cases.loc[keep].reset_index(drop=True)


def origins(cases: pd.DataFrame) -> pd.Series:
    """Where each case was read, as staff read it: "DS_TrungTam.xlsx, trang Danh sách, dòng
    12" (a CSV has no sheet); a case read from HoSo keeps the place HoSo says it came from."""
    places = [
        f"{file}, trang {sheet}, dòng {row}" if sheet else f"{file}, dòng {row}"
        for file, sheet, row in zip(
            cases["source_file"].tolist(), cases["source_sheet"].tolist(),
            cases["source_row"].tolist(), strict=True,
        )
    ]  # fmt: skip
    built = pd.Series(places, index=cases.index, dtype=object)
    return cases["origin"].where(cases["origin"].notna(), built)


#: a column of values: a pandas Series or a numpy array, missing values as None/NaN/NaT
Column: TypeAlias = pd.Series | np.ndarray


def _python(values: Column) -> list[Any]:
    """Python values: text, numbers, ``datetime`` (at microseconds), None when missing."""
    if values.dtype.kind == "M":
        return np.asarray(values, dtype="datetime64[us]").tolist()
    return pd.Series(values, dtype=object).to_numpy(dtype=object, na_value=None).tolist()


class CaseRows(Sequence[list[Any]]):
    """HoSo's rows (columns A-O, in ``schema.COLUMNS`` order) held as one array per column:
    text columns as the cases' Series, date columns as ``datetime64``."""

    def __init__(self, columns: dict[str, Column], length: int) -> None:
        self.columns = columns
        self.length = length

    @classmethod
    def of_cases(cls, cases: pd.DataFrame) -> CaseRows:
        """The rows of cleaned cases, with the canonical headers' columns and words."""
        if cases.empty:
            return cls({k: np.array([], dtype=object) for k in KEYS}, 0)
        prov = cases["level"] == "province"
        columns: dict[str, Column] = {
            "code": cases["code"],
            "unit": cases["unit"],
            "agency": cases["agency_name"].where(prov, cases["agency"]),
            "level": cases["level"].map(LEVEL_NAMES),
            "parent": cases["district"].where(cases["level"] == "commune"),
            "procedure": cases["procedure"],
            "field": cases["field"],
            "channel": cases["channel"].map(CHANNEL_NAMES),
            "online_level": cases["online_level"].map(ONLINE_LEVEL_NAMES),
            "status": cases["status"].map(STATUS_NAMES),
            "origin": origins(cases),
        }
        for key in DATE_KEYS:
            columns[key] = cases[key].to_numpy(dtype="datetime64[ns]")
        return cls({k: columns[k] for k in KEYS}, len(cases))

    @cached_property
    def rows(self) -> list[list[Any]]:
        lists = [_python(values) for values in self.columns.values()]
        return [list(r) for r in zip(*lists, strict=True)] if lists else []

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, i: int) -> list[Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[Any]]: ...
    def __getitem__(self, i: int | slice) -> list[Any] | list[list[Any]]:
        return self.rows[i]

    def __iter__(self) -> Iterator[list[Any]]:
        return iter(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CaseRows):
            return self.rows == other.rows
        if isinstance(other, Sequence):
            return self.rows == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CaseRows({self.length} rows)"
