"""The value of every formula the report workbook holds, as Excel computes it, so that the
saved file shows its figures in a viewer that does not calculate (docs/workbook.md,
"Cached values").

``CachedValues.of(plan)`` follows the formulas' own steps from what the plan writes: the
HoSo and catalog helpers (``cached_cases``), the FREQUENCY histograms of TinhToan, then
ChiTiet, TongHop, Bieu06a and LichSu, which read those bins, and the period cells of
ThamSo.  ``values_for(wb)`` then gives each formula cell of an openpyxl workbook its value,
found by where the cell is; titles go through ``cached_text``.  A formula it cannot place is
listed in ``unknown`` and keeps no value (the spreadsheet computes it on opening).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from ..periods import monthly_period
from . import layout as L
from .cached_cases import (
    Lookups,
    case_helper_values,
    chitiet_key,
    fold,
    form_by_field,
    positions,
    text,
    unit_helper_values,
)
from .cached_figures import chitiet_values, form_values, histograms
from .cached_text import evaluate_text
from .case_rows import CaseRows
from .plan import Plan

Value = Any  # int | float | str
_SKIP = ("HoSo",)  # its helpers are columns (``helpers``), streamed or filled apart


@dataclass
class CachedValues:
    names: dict[str, Value]  # the named cells' values (ThamSo, TongHop_PhanN...)
    helpers: dict[str, np.ndarray]  # HoSo's helper columns
    unit_helpers: dict[str, list[Value]]  # DanhMucDonVi E..H
    histograms: dict[str, np.ndarray]  # TT_Nay, TT_Truoc, TT_Bieu (index 0: the first cell)
    chitiet: list[dict[int, Value]]  # per ChiTiet row: column -> value
    form: list[dict[int, Value]]  # per Bieu06a row: column -> value
    unknown: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, plan: Plan) -> CachedValues:
        names = _named_values(plan)
        kinds = list(plan.blocks.get("ChiTiet_Dau", []))
        sections = list(plan.blocks.get("ChiTiet_PhanDau", []))
        rows = plan.sizes.rows
        labels = [(kinds[i] if i < len(kinds) else [None] * 4) for i in range(rows)]
        secs = [(sections[i][0] if i < len(sections) else None) for i in range(rows)]
        keys = [chitiet_key(k[0], k[1], s) for k, s in zip(labels, secs, strict=True)]
        units = _padded(plan.blocks.get("DanhMuc_Dau", []), plan.sizes.units, 4)
        unit_helpers = unit_helper_values(units, plan.blocks.get("BangPhan_Dau", []), keys)
        form_keys = _padded(plan.form_blocks.get("Bieu06a_KhoaDau", []), plan.sizes.form, 3)
        theo = plan.form_blocks.get("Bieu06a_Theo", [[L.BIEU_BY_UNIT]])[0][0]
        days = {n: _serial(names[n]) for n in ("KyNayBatDau", "KyNayKetThuc", "KyTruocBatDau",
                                               "KyTruocKetThuc")}  # fmt: skip
        look = Lookups(keys, [k[2] for k in form_keys], form_by_field(theo), units, unit_helpers,
                       days)  # fmt: skip
        cases = plan.blocks.get("HoSo_Dau")
        helpers = case_helper_values(_case_rows(cases), look)
        counts = histograms(helpers, plan.sizes, days)
        chitiet = chitiet_values(labels, secs, counts, names["NguongItHoSo"])
        form = form_values(form_keys, counts["TT_Bieu"])
        return cls(names, helpers, unit_helpers, counts, chitiet, form)

    def values_for(self, wb: Workbook) -> dict[str, dict[str, Value]]:
        """sheet -> cell -> value of every formula cell of ``wb`` but HoSo's, and the cells
        of the TinhToan arrays below their first (plain values, as Excel saves them)."""
        out: dict[str, dict[str, Value]] = {}
        self.unknown = []
        for ws in wb.worksheets:
            if ws.title in _SKIP:
                continue
            found: dict[str, Value] = {}
            for (r, c), cell in ws._cells.items():
                v = cell.value
                if isinstance(v, ArrayFormula) or (isinstance(v, str) and v.startswith("=")):
                    value = self._value(ws.title, r, c, v)
                    if value is _NONE:
                        self.unknown.append(f"{ws.title}!{cell.coordinate}")
                    else:
                        found[cell.coordinate] = value
            out[ws.title] = found
        return out

    def array_values(self) -> dict[tuple[int, int], Value]:
        """TinhToan's array cells below the first: (row, column) -> count."""
        out: dict[tuple[int, int], Value] = {}
        for column, name in ((2, "TT_Nay"), (3, "TT_Truoc"), (5, "TT_Bieu")):
            for i, n in enumerate(self.histograms[name][1:].tolist(), 2):
                out[(i, column)] = n
        return out

    def _value(self, sheet: str, r: int, c: int, formula: Any) -> Value:
        if isinstance(formula, ArrayFormula):
            name = {"B": "TT_Nay", "C": "TT_Truoc", "E": "TT_Bieu"}.get(L.col(c))
            return int(self.histograms[name][0]) if name else _NONE
        if sheet == "ChiTiet" and L.CT_FIRST <= r < L.CT_FIRST + len(self.chitiet):
            return self.chitiet[r - L.CT_FIRST].get(c, _NONE)
        if sheet == L.FORM_SHEET and L.BIEU_FIRST <= r < L.BIEU_FIRST + len(self.form):
            return self.form[r - L.BIEU_FIRST].get(c, _NONE)
        if sheet == "DanhMucDonVi" and r >= L.DM_FIRST and 5 <= c <= 8:
            values = self.unit_helpers[L.DM_HEADERS[c - 1]]
            return values[r - L.DM_FIRST] if r - L.DM_FIRST < len(values) else _NONE
        if sheet == "TongHop":
            return self._tonghop(r, c, formula)
        if sheet == "LichSu" and c == 32:
            return self._district_rate(r)
        if sheet == "ThamSo" and c == 2 and r in _THAMSO_ROWS:
            return _cell_value(self.names[_THAMSO_ROWS[r]])
        found = evaluate_text(formula, self.names)
        return _NONE if found is None else found

    def _tonghop(self, r: int, c: int, formula: str) -> Value:
        for block, first in L.TONGHOP_FIRST.items():
            if first <= r < first + len(L.METRIC_KEYS) and c in (2, 3, 4):
                key = L.METRIC_KEYS[r - first]
                now, before = (self._section_figure(block, key, p) for p in (False, True))
                if c < 4:
                    return before if c == 3 else now
                if not (_number(now) and _number(before)):
                    return ""
                change = approx_sub(now, before)
                return change * 100 if key.endswith("_rate") else change
        found = evaluate_text(formula, self.names)
        return _NONE if found is None else found

    def _section_figure(self, block: int, key: str, previous: bool) -> Value:
        section = self.names.get(f"TongHop_Phan{block}")
        if not text(section):
            return ""
        return self._chitiet_figure(f"{text(section)}|{L.KIND_TOTAL}|", key, previous)

    def _chitiet_figure(self, ct_key: str, key: str, previous: bool) -> Value:
        row = self.names["_chitiet_rows"].get(fold(ct_key))
        if row is None:
            return None  # not found: IFERROR's fallback
        base = L.CT_PREV_COL if previous else L.CT_METRIC_COL
        return self.chitiet[row - 1][base + L.METRIC_KEYS.index(key)]

    def _district_rate(self, r: int) -> Value:
        name, section = self.names["_districts"].get(r, (None, None))
        if not text(name):
            return ""
        rate = self._chitiet_figure(f"{text(section)}|{L.KIND_DISTRICT}|{text(name)}",
                                    "on_time_rate", False)  # fmt: skip
        return rate if _number(rate) else ""  # "-"*1 and a missing row: IFERROR's ""


class _Missing:
    pass


_NONE: Any = _Missing()
_THAMSO_ROWS = {6: "KyNayBatDau", 7: "KyNayKetThuc", 8: "KyTruocBatDau", 9: "KyTruocKetThuc",
                10: "KyNayNhan", 11: "KyTruocNhan"}  # fmt: skip


def _number(v: Value) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def approx_sub(a: float, b: float) -> float:
    """a - b as spreadsheets subtract: a difference within 2**-48 of the operands is 0."""
    diff = a - b
    if diff == 0 or (a < 0) != (b < 0):
        return diff
    return 0 if abs(diff) < max(abs(a), abs(b)) * 2.0**-48 else diff


def _serial(v: datetime) -> int:
    return (v - datetime(1899, 12, 30)).days


def _cell_value(v: Value) -> Value:
    return _serial(v) if isinstance(v, datetime) else v


def _padded(rows: Sequence[Sequence[Any]], n: int, width: int) -> list[list[Any]]:
    out = [list(r) + [None] * (width - len(r)) for r in list(rows)[:n]]
    return out + [[None] * width for _ in range(n - len(out))]


def _case_rows(cases: Any) -> CaseRows:
    if isinstance(cases, CaseRows):
        return cases
    raise TypeError("HoSo's rows must be a CaseRows")


def _named_values(plan: Plan) -> dict[str, Value]:
    """The named cells' values: the plan's, and ThamSo's period formulas (the same rule as
    ``periods.monthly_period``) where no range overrides them."""
    names: dict[str, Value] = {**plan.scalars}
    month: datetime = plan.scalars["ThangBaoCao"]
    start_day = int(plan.scalars["NgayBatDau"])
    now = monthly_period(month.year, month.month, start_day)
    py, pm = (month.year, month.month - 1) if month.month > 1 else (month.year - 1, 12)
    before = monthly_period(py, pm, start_day)

    def day(d: Any) -> datetime:
        return datetime(d.year, d.month, d.day)

    names.update({
        "KyNayBatDau": day(now.start), "KyNayKetThuc": day(now.end),
        "KyTruocBatDau": day(before.start), "KyTruocKetThuc": day(before.end),
        "KyNayNhan": now.label, "KyTruocNhan": before.label,
    })  # fmt: skip
    names.update(plan.overrides)
    names["_chitiet_keys"] = [
        chitiet_key(k[0], k[1], s[0])
        for k, s in zip(plan.blocks.get("ChiTiet_Dau", []), plan.blocks.get("ChiTiet_PhanDau", []),
                        strict=True)
    ]  # fmt: skip
    names["_chitiet_rows"] = positions(names["_chitiet_keys"])
    districts = plan.blocks.get("LichSu_HuyenDau", [])
    secs = plan.blocks.get("LichSu_HuyenPhanDau", [])
    pairs = zip(districts, secs, strict=True)
    names["_districts"] = {3 + i: (d[0], s[0]) for i, (d, s) in enumerate(pairs)}
    return names
