"""Rows of Python values (a CSV's fields, a sheet read by xlwings, tests) as the cells a
sheet gives: an Arrow table of text, rendered as calamine renders it, null where empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

Cell = object
#: day 0 of Excel's serial dates (1900 date system, with its 1900 leap-year quirk)
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def cell_text(v: Cell) -> str | None:
    """A Python cell value as the readers render it (the same text calamine gives)."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        text = v.replace(tzinfo=None).isoformat(sep=" ", timespec="milliseconds")
        return text[:-4] if text.endswith(".000") else text
    if isinstance(v, dt.date):
        return f"{v.isoformat()} 00:00:00"
    if isinstance(v, float):
        if v != v:  # NaN: an empty cell
            return None
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def cells_from_rows(rows: Sequence[Sequence[Cell]]) -> pa.Table:
    """The rows as a table of text columns; an empty text is an empty cell."""
    width = max((len(r) for r in rows), default=0)
    if all(len(r) == width for r in rows):
        columns = [list(c) for c in zip(*rows, strict=True)] if rows else []
    else:
        columns = [[r[i] if i < len(r) else None for r in rows] for i in range(width)]
    arrays = []
    for values in columns:
        try:  # a column of texts (every CSV field) needs no rendering
            arr = pa.array(values, pa.large_string())
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            arr = pa.array([cell_text(v) for v in values], pa.large_string())
        arrays.append(pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.large_string()), arr))
    return pa.table(arrays, names=[f"c{i}" for i in range(width)])
