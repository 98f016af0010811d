"""The values of the per-row helper formulas of HoSo and DanhMucDonVi, as Excel computes
them, for the rows a plan writes (vectorised: one pass per column, not per case).

Each function below follows one formula of ``formulas`` (named in its docstring): the same
look-ups (MATCH and VLOOKUP compare text without case), defaults and day arithmetic, so
that a viewer that does not calculate shows what Excel would.  ``cached_sheets`` builds the
other sheets' values on these; tests recalculate the workbook in LibreOffice and compare
every cached value with its result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..count.forms import OTHER_FIELD
from ..prepare.words import LEVEL_NAMES
from ..read.cells import EXCEL_EPOCH
from .case_rows import CaseRows
from .layout import (
    BIEU_BY_FIELD,
    CARRIED,
    CH_DIRECT,
    CH_FULL,
    CH_ONLINE_OTHER,
    CH_PARTIAL,
    CH_POSTAL,
    HOSO_HELPERS,
    KIND_AGENCY,
    KIND_DISTRICT,
    KIND_TOTAL,
    KIND_UNIT,
    NEW,
    NOT_FINISHED,
    ST_CANCELLED,
    ST_PROCESSING,
    ST_RESOLVED,
    ST_RETURNED,
    ST_WITHDRAWN,
)
from .word_tables import channel_table, online_level_table, status_table

NS_PER_DAY = 86_400 * 1_000_000_000


def fold(v: object) -> str:
    """A text as MATCH, VLOOKUP and "=" compare it: without case ("" for an empty cell)."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    return str(v).lower()


def positions(keys: Iterable[object]) -> dict[str, int]:
    """Folded text -> its first 1-based position (MATCH(..., range, 0))."""
    out: dict[str, int] = {}
    for i, k in enumerate(keys, 1):
        f = fold(k)
        if f:
            out.setdefault(f, i)
    return out


def text(v: object) -> str:
    """A cell as text in a concatenation ("" for an empty cell)."""
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


@dataclass(frozen=True)
class Lookups:
    """What the helper formulas look up: ChiTiet's and Bieu06a's keys, the catalog's rows
    and their helper values, the period's day numbers."""

    chitiet_keys: Sequence[str]
    form_keys: Sequence[str | None]
    form_by_field: bool
    units: Sequence[Sequence[Any]]  # DanhMucDonVi rows: code, name, level word, parent
    unit_helpers: Mapping[str, Sequence[Any]]  # _Phan, _DongTong, _DongDV, _DongHuyen
    days: Mapping[str, int]  # KyNayBatDau, KyNayKetThuc, KyTruocBatDau, KyTruocKetThuc


def chitiet_key(kind: object, name: object, section: object) -> str:
    """ChiTiet's _Khoa: 'province|Cơ quan|Sở Tư pháp', 'local|Tổng|'."""
    if not text(kind):
        return ""
    return f"{text(section)}|{text(kind)}|{'' if kind == KIND_TOTAL else text(name)}"


def unit_helper_values(
    units: Sequence[Sequence[Any]], sections: Sequence[Sequence[Any]], ct_keys: Sequence[str]
) -> dict[str, list[Any]]:
    """DanhMucDonVi's E..H (``formulas.dm_formulas``) for its rows; ``sections``: the
    BangPhan rows (level word, section id)."""
    table: dict[str, Any] = {}
    for word, sec in sections:
        if fold(word):
            table.setdefault(fold(word), sec)
    keys = positions(ct_keys)
    out: dict[str, list[Any]] = {"_Phan": [], "_DongTong": [], "_DongDV": [], "_DongHuyen": []}
    for _, name, level, parent in units:
        if not text(name):
            for k, v in (("_Phan", ""), ("_DongTong", 0), ("_DongDV", 0), ("_DongHuyen", 0)):
                out[k].append(v)
            continue
        found = table.get(fold(level), "")
        sec = 0 if found is None else found  # VLOOKUP gives 0 for an empty cell
        district = name if fold(level) == fold(LEVEL_NAMES["district"]) else parent
        s = text(sec)
        out["_Phan"].append(sec)
        out["_DongTong"].append(keys.get(fold(f"{s}|{KIND_TOTAL}|"), 0))
        out["_DongDV"].append(keys.get(fold(f"{s}|{KIND_UNIT}|{text(name)}"), 0))
        out["_DongHuyen"].append(keys.get(fold(f"{s}|{KIND_DISTRICT}|{text(district)}"), 0))
    return out


def _days(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """(INT of each date cell, whether the cell is empty)."""
    ticks = np.asarray(values, dtype="datetime64[ns]")
    empty = np.isnat(ticks)
    since = (ticks - np.datetime64(EXCEL_EPOCH, "ns")).astype(np.int64)
    return np.where(empty, 0, since // NS_PER_DAY), empty


def _words(values: Any) -> tuple[np.ndarray, list[str]]:
    """(each row's code into the distinct texts, the distinct texts); -1: an empty cell.
    Text is made once per distinct value, not per row."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    texts = [text(u) for u in uniques]
    keep = np.array([t != "" for t in texts] + [False], dtype=bool)
    return np.where(keep[codes], codes, -1), texts


def _lookup(values: Any, table: Mapping[str, Any], default: Any) -> np.ndarray:
    """IFERROR(INDEX(codes, MATCH(value, words, 0)), default) for each row."""
    codes, uniques = _words(values)
    mapped = np.array([table.get(fold(u), default) for u in uniques] + [default], dtype=object)
    return mapped[codes]


def _statuses(c: Mapping[str, Any], received_empty: np.ndarray) -> np.ndarray:
    """_TrangThai: the word's code; blank or unknown: resolved with a result date, else
    processing; processing with a result date: resolved."""
    found = _lookup(c["status"], dict(_first(status_table())), 0).astype(np.int64)
    has_result = ~_days(c["result_date"])[1] | ~_days(c["delivered"])[1]
    default = np.where(has_result, ST_RESOLVED, ST_PROCESSING)
    word = np.where((found == ST_PROCESSING) & has_result, ST_RESOLVED, found)
    return np.where(received_empty, 0, np.where(found == 0, default, word))


def _channels(c: Mapping[str, Any]) -> np.ndarray:
    """_Kenh: the channel and online level as one outcome."""
    channel = _lookup(c["channel"], dict(_first(channel_table())), 1).astype(np.int64)
    level = _lookup(c["online_level"], dict(_first(online_level_table())), 0).astype(np.int64)
    online = np.where(level == 1, CH_PARTIAL, np.where(level == 2, CH_FULL, CH_ONLINE_OTHER))
    return np.where(channel == 2, online, np.where(channel == 3, CH_POSTAL, CH_DIRECT))


def _first(table: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """(folded word, code), each word once, as MATCH finds the first."""
    seen: dict[str, int] = {}
    for w, code in table:
        seen.setdefault(fold(w), code)
    return list(seen.items())


def _outcome(h: Mapping[str, np.ndarray], s: int, e: int) -> np.ndarray:
    """_KqNay / _KqTruoc: -1 out of scope, else new/carried plus the state's index."""
    st, rec, due, fin = h["_TrangThai"], h["_NgayTN"], h["_NgayHen"], h["_NgayKT"]
    resolved = np.where(fin < due, 0, np.where(fin == due, 1, 2))
    finished = np.where(
        st == ST_RESOLVED,
        resolved,
        np.where(st == ST_RETURNED, 3, np.where(st == ST_WITHDRAWN, 4, 6)),
    )
    state = np.where(fin <= e, finished, np.where(due <= e, 5, 6))
    out = np.where(rec >= s, NEW, CARRIED) + state
    outside = (st == 0) | (st == ST_CANCELLED) | (rec > e) | ((rec < s) & (fin < s))
    return np.where(outside, -1, out)


def case_helper_values(rows: CaseRows, look: Lookups) -> dict[str, np.ndarray]:
    """HoSo's helper columns (``formulas.hoso_formulas``) for every case row (one empty
    row when there is none, as the writer leaves one row of formulas)."""
    c: dict[str, Any] = dict(rows.columns)
    if len(rows) == 0:
        c = {k: np.array([None], dtype=object) for k in c}
        for k in ("received", "due", "result_date", "delivered", "stopped"):
            c[k] = np.array(["NaT"], dtype="datetime64[ns]")
    rec, rec_empty = _days(c["received"])
    due, due_empty = _days(c["due"])
    result, result_empty = _days(c["result_date"])
    delivered, delivered_empty = _days(c["delivered"])
    stopped, stopped_empty = _days(c["stopped"])
    h: dict[str, np.ndarray] = {}
    h["_TrangThai"] = st = _statuses(c, rec_empty)
    h["_NgayTN"] = np.where(rec_empty, 0, rec)
    h["_NgayHen"] = np.where(due_empty, NOT_FINISHED, due)
    chain = np.where(~result_empty, result, np.where(~delivered_empty, delivered, NOT_FINISHED))
    stop = np.where(~stopped_empty, stopped, chain)
    inner = np.where((st == ST_RETURNED) | (st == ST_WITHDRAWN), stop, chain)
    h["_NgayKT"] = np.where(st == 0, NOT_FINISHED, np.maximum(h["_NgayTN"], inner))
    h["_NgayTra"] = np.where(delivered_empty, 0, delivered)
    h["_Kenh"] = _channels(c)
    h.update(_unit_rows(c, look))
    d = look.days
    h["_KqNay"] = _outcome(h, d["KyNayBatDau"], d["KyNayKetThuc"])
    h["_KqTruoc"] = _outcome(h, d["KyTruocBatDau"], d["KyTruocKetThuc"])
    h["_DongBieu"] = _form_rows(c, h["_DonVi"], look)
    return {k: h[k].astype(np.int64) for k in HOSO_HELPERS}


def _per_unit(unit: np.ndarray, values: Sequence[Any], empty: Any) -> np.ndarray:
    """INDEX(DM_x, _DonVi) for each case (``empty`` where _DonVi is 0)."""
    return np.array([empty, *values], dtype=object)[unit]


def _by_distinct(columns: Sequence[np.ndarray], key: Any) -> np.ndarray:
    """``key(*values)`` for each row, called once per distinct combination of the integer
    ``columns``."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for values in columns:
        combined = combined * (int(values.max(initial=0)) + 2) + (values + 1)
    codes, _ = pd.factorize(combined)
    _, first = np.unique(codes, return_index=True)  # each combination's first row
    found = [key(*(int(v[i]) for v in columns)) for i in first]
    return np.asarray(found, dtype=np.int64)[codes]


def _unit_rows(c: Mapping[str, Any], look: Lookups) -> dict[str, np.ndarray]:
    """_DonVi, _DongTong, _DongDV, _DongHuyen."""
    unit = _lookup(c["unit"], positions(u[1] for u in look.units), 0).astype(np.int64)
    helpers = look.unit_helpers
    agency, agencies = _agency(c)
    keys = positions(look.chitiet_keys)

    def own(u: int, a: int) -> int:
        if u == 0:
            return 0
        key = f"{text(helpers['_Phan'][u - 1])}|{KIND_AGENCY}|{agencies[a] if a >= 0 else ''}"
        return keys.get(fold(key)) or int(helpers["_DongDV"][u - 1])

    return {
        "_DonVi": unit,
        "_DongTong": _per_unit(unit, helpers["_DongTong"], 0).astype(np.int64),
        "_DongDV": _by_distinct([unit, agency], own),
        "_DongHuyen": _per_unit(unit, helpers["_DongHuyen"], 0).astype(np.int64),
    }


def _agency(c: Mapping[str, Any]) -> tuple[np.ndarray, list[str]]:
    """IF(agency<>"", agency, unit), as codes into its distinct texts."""
    agency, agencies = _words(c["agency"])
    unit, units = _words(c["unit"])
    either = [agencies[a] if a >= 0 else units[u] if u >= 0 else "" for a, u in
              zip(*_distinct_pairs(agency, unit), strict=True)]  # fmt: skip
    pair_codes = _distinct_pairs(agency, unit, codes=True)
    codes, uniques = pd.factorize(np.asarray(either, dtype=object)[pair_codes])
    texts = [str(u) for u in uniques]
    keep = np.array([t != "" for t in texts] + [False], dtype=bool)
    return np.where(keep[codes], codes, -1), texts


def _distinct_pairs(a: np.ndarray, b: np.ndarray, codes: bool = False) -> Any:
    """The distinct (a, b) pairs (two arrays), or each row's pair number (``codes``)."""
    combined = (a.astype(np.int64) + 1) * (int(b.max(initial=0)) + 2) + (b + 1)
    numbers, uniques = pd.factorize(combined)
    if codes:
        return numbers
    width = int(b.max(initial=0)) + 2
    return uniques // width - 1, uniques % width - 1


def _form_rows(c: Mapping[str, Any], unit: np.ndarray, look: Lookups) -> np.ndarray:
    """_DongBieu: the case's Bieu06a row, from its unit's level and its agency, district or
    commune desk (or its field: ``Lĩnh vực khác`` when blank)."""
    keys = positions(look.form_keys)
    units = look.units
    province, commune = fold(LEVEL_NAMES["province"]), fold(LEVEL_NAMES["commune"])
    if look.form_by_field:
        other, fields = _words(c["field"])
    else:
        other, fields = _agency(c)

    def row(u: int, o: int) -> int:
        if u == 0:
            return 0
        _, name, level, parent = units[u - 1]
        if look.form_by_field:
            who = fields[o] if o >= 0 else OTHER_FIELD
        elif fold(level) == province:
            who = fields[o] if o >= 0 else ""
        elif fold(level) == commune and text(parent):
            who = text(parent)
        else:
            who = text(name)
        return keys.get(fold(f"{text(level)}|{who}"), 0)

    return _by_distinct([unit, other], row)


def form_by_field(word: object) -> bool:
    return fold(word) == fold(BIEU_BY_FIELD)
