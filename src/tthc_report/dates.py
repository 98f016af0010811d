"""Reading dates as exports write them (spec/inputs.md, "Values"), vectorised.

Real Excel dates (datetime values or serial numbers), text ``dd/mm/yyyy``, ``d/m/yyyy``,
``dd/mm/yyyy HH:MM[:SS]``, ``HH:MM[:SS] dd/mm/yyyy``, ISO ``yyyy-mm-dd[ HH:MM[:SS]]`` and
``dd-mm-yyyy``.  Day first, always.  Blank, ``-``, ``--`` and ``0`` mean no date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

EMPTY_TOKENS = {"", "-", "--", "0"}
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
#: serial numbers accepted as Excel dates: 1954-10-03 .. 2119-01-10
SERIAL_RANGE = (20_000.0, 80_000.0)

_TIME = r"(?P<H{n}>\d{{1,2}}):(?P<M{n}>\d{{2}})(?::(?P<S{n}>\d{{2}}))?(?:\s*(?P<P{n}>AM|PM|SA|CH))?"
_PATTERNS = (
    # dd/mm/yyyy [HH:MM[:SS]], also with '-' or '.' between the parts
    r"^(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4})(?:[ T]+" + _TIME.format(n=1) + r")?$",
    # HH:MM[:SS] dd/mm/yyyy
    r"^" + _TIME.format(n=2) + r"\s+(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})$",
    # ISO yyyy-mm-dd[ HH:MM[:SS]]
    r"^(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})(?:[ T]+" + _TIME.format(n=3) + r")?$",
)
_REGEX = "|".join(f"(?:{p})" for p in _PATTERNS)


#: exact formats tried first, in C; what none of them reads goes through _REGEX
FAST_FORMATS = (
    "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d",
    "%Y-%m-%d %H:%M", "%H:%M %d/%m/%Y", "%H:%M:%S %d/%m/%Y", "%d-%m-%Y",
)  # fmt: skip


def _from_text(text: pd.Series) -> pd.Series:
    """Parse strings; unreadable ones give NaT."""
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    todo = text
    for fmt in FAST_FORMATS:
        if todo.empty:
            return out
        parsed = pd.to_datetime(todo, format=fmt, errors="coerce")
        hit = parsed.notna()
        if hit.any():
            out[hit[hit].index] = parsed[hit]
            todo = todo[~hit]
    if not todo.empty:
        slow = _by_regex(todo)
        out[slow.index] = slow
    return out


def _by_regex(text: pd.Series) -> pd.Series:
    """The forms the fast formats miss: 'AM/PM', 'SA/CH', dots, stray spaces."""
    parts = text.str.upper().str.extract(_REGEX)

    def pick(name: str) -> pd.Series:
        a, b, c = (parts[f"{name}{n}"] for n in (1, 2, 3))
        return a.fillna(b).fillna(c)

    hour = pd.to_numeric(pick("H"), errors="coerce").fillna(0)
    ampm = pick("P")
    hour = hour.where(~(ampm.isin(["PM", "CH"]) & (hour < 12)), hour + 12)
    hour = hour.where(~(ampm.isin(["AM", "SA"]) & (hour == 12)), 0)
    frame = pd.DataFrame(
        {
            "year": pd.to_numeric(pick("y"), errors="coerce"),
            "month": pd.to_numeric(pick("m"), errors="coerce"),
            "day": pd.to_numeric(pick("d"), errors="coerce"),
            "hour": hour,
            "minute": pd.to_numeric(pick("M"), errors="coerce").fillna(0),
            "second": pd.to_numeric(pick("S"), errors="coerce").fillna(0),
        },
        index=text.index,
    )
    bad_time = (frame["hour"] > 23) | (frame["minute"] > 59) | (frame["second"] > 59)
    frame.loc[bad_time, "year"] = np.nan
    ok = frame["year"].notna()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if ok.any():
        out[ok] = pd.to_datetime(frame[ok], errors="coerce")
    return out


def parse_dates(values: Sequence[object]) -> tuple[pd.Series, np.ndarray]:
    """(datetimes with NaT where there is no date, mask of cells that held an unreadable
    value).  Times of day are kept."""
    raw = pd.Series(list(values), dtype=object)
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    unreadable = np.zeros(len(raw), dtype=bool)
    if raw.empty:
        return out, unreadable

    present = raw.notna().to_numpy()
    kind = pd.api.types.infer_dtype(raw, skipna=True)
    nothing = np.zeros(len(raw), dtype=bool)
    if kind == "string":  # the usual CSV column: skip the per-cell type tests
        is_dt, is_num, is_str = nothing, nothing, present
    elif kind in ("datetime", "date"):  # the usual xlsx column
        is_dt, is_num, is_str = present, nothing, nothing
    else:
        is_dt = raw.map(lambda v: isinstance(v, dt.date)).to_numpy(dtype=bool)
        is_num = raw.map(
            lambda v: (
                isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
            )
        ).to_numpy(dtype=bool)
        is_str = raw.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    other = ~(is_dt | is_num | is_str) & present

    if is_dt.any():
        out[is_dt] = pd.to_datetime(raw[is_dt].map(_to_datetime), errors="coerce")

    if is_num.any():
        num = pd.to_numeric(raw[is_num], errors="coerce").astype(float)
        in_range = num.between(*SERIAL_RANGE)
        out.loc[num.index[in_range]] = EXCEL_EPOCH + pd.to_timedelta(num[in_range], unit="D")
        zero_or_nan = (num == 0) | num.isna()
        bad = num.index[~in_range & ~zero_or_nan]
        unreadable[bad] = True

    if is_str.any():
        text = raw[is_str].astype(str).str.strip()
        empty = text.isin(EMPTY_TOKENS)
        text = text[~empty]
        serial = pd.to_numeric(text.where(text.str.fullmatch(r"\d{5}(\.\d+)?")), errors="coerce")
        serial = serial[serial.between(*SERIAL_RANGE)]
        parsed = _from_text(text.drop(serial.index))
        out.loc[parsed.index] = parsed
        out.loc[serial.index] = EXCEL_EPOCH + pd.to_timedelta(serial, unit="D")
        unreadable[parsed.index[parsed.isna()]] = True

    unreadable |= other
    return out, unreadable


def _to_datetime(v: object) -> dt.datetime | None:
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None)
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    return None


def day_numbers(values: pd.Series) -> np.ndarray:
    """Calendar days since 1970-01-01 as float64, NaN where there is no date."""
    days = values.dt.floor("D").to_numpy(dtype="datetime64[D]")
    out = days.astype("int64").astype("float64")
    out[np.isnat(days)] = np.nan
    return out
