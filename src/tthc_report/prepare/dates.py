"""Reading dates as exports write them (docs/inputs.md, "Values"), vectorised.

Cells arrive as text (``readers.py``): real Excel dates as ``2021-10-05 07:30:00``, serial
numbers as ``44474`` or ``44474.3125``, and what staff typed: ``dd/mm/yyyy``, ``d/m/yyyy``,
``dd/mm/yyyy HH:MM[:SS]``, ``HH:MM[:SS] dd/mm/yyyy``, ISO ``yyyy-mm-dd[ HH:MM[:SS]]``,
``dd-mm-yyyy``, with AM/PM or SA/CH.  Day first, always.  Blank, ``-``, ``--`` and ``0``
mean no date.  Anything else is unreadable, never guessed.

The usual forms are parsed by Arrow's strptime in C.  Arrow rolls an impossible day over
("31/09/2021" would read as 1/10/2021), so every date it reads on day 1 to 3 of a month is
checked again by the strict parser; what no fast form reads goes through a regular
expression.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..read.cells import EXCEL_EPOCH
from ..read.text import Strings, mask, strings

EMPTY_TOKENS = {"", "-", "--", "0"}
#: serial numbers accepted as Excel dates: 1954-10-03 .. 2119-01-10
SERIAL_RANGE = (20_000.0, 80_000.0)

_TIME = (  # HH:MM[:SS[.fff]] [AM|PM|SA|CH]
    r"(?P<H{n}>\d{{1,2}}):(?P<M{n}>\d{{2}})(?::(?P<S{n}>\d{{2}})(?:\.\d+)?)?"
    r"(?:\s*(?P<P{n}>AM|PM|SA|CH))?"
)
_PATTERNS = (
    # dd/mm/yyyy [HH:MM[:SS]], also with '-' or '.' between the parts
    r"^(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4})(?:[ T]+" + _TIME.format(n=1) + r")?$",
    # HH:MM[:SS] dd/mm/yyyy
    r"^" + _TIME.format(n=2) + r"\s+(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})$",
    # ISO yyyy-mm-dd[ HH:MM[:SS]]
    r"^(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})(?:[ T]+" + _TIME.format(n=3) + r")?$",
)
_REGEX = "|".join(f"(?:{p})" for p in _PATTERNS)


#: the forms read in C first, and where each writes the day of the month (to check it)
FAST_FORMATS = {
    "%Y-%m-%d %H:%M:%S": r"^\d{4}-\d{1,2}-(?P<day>\d{1,2})",  # calamine's text of a real date
    "%d/%m/%Y %H:%M": r"^(?P<day>\d{1,2})",
    "%d/%m/%Y": r"^(?P<day>\d{1,2})",
    "%d/%m/%Y %H:%M:%S": r"^(?P<day>\d{1,2})",
    "%Y-%m-%d": r"^\d{4}-\d{1,2}-(?P<day>\d{1,2})",
    "%Y-%m-%d %H:%M": r"^\d{4}-\d{1,2}-(?P<day>\d{1,2})",
    "%H:%M %d/%m/%Y": r"\s(?P<day>\d{1,2})/",
    "%H:%M:%S %d/%m/%Y": r"\s(?P<day>\d{1,2})/",
    "%d-%m-%Y": r"^(?P<day>\d{1,2})",
}
YEARS = (1900, 2200)  # Arrow reads "21" as the year 21: such a year is not a fast hit
SAMPLE = 200  # cells tried with every form to choose the one tried on the whole column


def _fast(text: pa.Array, fmt: str) -> tuple[np.ndarray, np.ndarray]:
    """(hit mask, seconds since 1970 of the hits) of one exact form."""
    parsed = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
    hit = mask(pc.is_valid(parsed))
    if not hit.any():
        return hit, np.empty(0, dtype=np.int64)
    years = pc.year(parsed).to_numpy(zero_copy_only=False)
    hit &= (years >= YEARS[0]) & (years <= YEARS[1])
    days = np.asarray(pc.day(parsed).to_numpy(zero_copy_only=False))
    suspect = np.flatnonzero(hit & (days <= 3))  # maybe an impossible day rolled over
    if len(suspect):
        written = pc.extract_regex(text.take(pa.array(suspect)), pattern=FAST_FORMATS[fmt])
        written_day = pc.struct_field(written, [0]).cast(pa.int64()).to_numpy(zero_copy_only=False)
        hit[suspect[written_day != days[suspect]]] = False
    seconds = parsed.cast(pa.int64()).to_numpy(zero_copy_only=False)
    return hit, seconds[hit]


def _order(text: pa.Array, empty: np.ndarray) -> list[str]:
    """The fast forms, the one that reads most of a sample of the column first."""
    sample = text.filter(pa.array(~empty)).slice(0, SAMPLE)
    if not len(sample):
        return list(FAST_FORMATS)
    reads = {
        fmt: pc.sum(
            pc.is_valid(pc.strptime(sample, format=fmt, unit="s", error_is_null=True))
        ).as_py()
        or 0
        for fmt in FAST_FORMATS
    }
    return sorted(FAST_FORMATS, key=lambda f: -reads[f])


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


def parse_dates(values: Strings) -> tuple[pd.Series, np.ndarray]:
    """(datetimes with NaT where there is no date, mask of cells that held an unreadable
    value) of a column of cell texts.  Times of day are kept."""
    text = pc.utf8_trim_whitespace(strings(values))
    n = len(text)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    unreadable = np.zeros(n, dtype=bool)
    empty = mask(pc.is_null(text)) | mask(pc.is_in(text, value_set=pa.array(sorted(EMPTY_TOKENS))))
    # the commonest form is tried on the whole column, the others only on what is left
    first, *others = _order(text, empty)
    hit, seconds = _fast(text, first)
    out[hit] = seconds.astype("datetime64[s]")
    todo = np.flatnonzero(~hit & ~empty)
    rest = text.take(pa.array(todo))
    for fmt in others:
        if not len(todo):
            break
        hit, seconds = _fast(rest, fmt)
        if hit.any():
            out[todo[hit]] = seconds.astype("datetime64[s]")
            todo, rest = todo[~hit], rest.filter(pa.array(~hit))
    if len(todo):
        leftover = pd.Series(rest.to_pylist(), index=todo, dtype=object)
        serial = pd.to_numeric(
            leftover.where(leftover.str.fullmatch(r"\d{5}(\.\d+)?")), errors="coerce"
        )
        serial = serial[serial.between(*SERIAL_RANGE)]
        out[serial.index.to_numpy()] = (
            pd.Timestamp(EXCEL_EPOCH) + pd.to_timedelta(serial, unit="D")
        ).to_numpy(dtype="datetime64[ns]")
        parsed = _by_regex(leftover.drop(serial.index))
        out[parsed.index.to_numpy()] = parsed.to_numpy(dtype="datetime64[ns]")
        unreadable[parsed.index[parsed.isna()].to_numpy()] = True
    return pd.Series(out), unreadable


def day_numbers(values: pd.Series) -> np.ndarray:
    """Calendar days since 1970-01-01 as float64, NaN where there is no date."""
    days = values.dt.floor("D").to_numpy(dtype="datetime64[D]")
    out = days.astype("int64").astype("float64")
    out[np.isnat(days)] = np.nan
    return out
