"""SpreadsheetML ``<row>`` elements for many rows at once, built column by column.

Each column is prepared once for all rows with numpy and pandas (text as indexes into the
shared strings table, dates as Excel serial numbers, missing values as masks); the rows are
then rendered in chunks, so a million rows never exist as one string.  Per cell, only the
cell element itself is formatted in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from ..read.cells import EXCEL_EPOCH

NS_PER_SECOND = 1_000_000_000
SECONDS_PER_DAY = 86_400
US_PER_DAY = SECONDS_PER_DAY * 1_000_000
#: characters XML 1.0 cannot hold: dropped from text
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: text that reads as an escaped character (_x0041_) gets its "_" escaped (_x005F_)
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ITEM_OPEN, _ITEM_CLOSE = '<si><t xml:space="preserve">', "</t></si>"
_ITEM_SEP = _ITEM_CLOSE + _ITEM_OPEN
_SEP = "\ue000"  # a private-use character: joins the texts escaped all at once

#: style ids of one column: "text", "date", "datetime" (dates with a time), "formula"
Kinds = dict[str, str]
#: cells of rows ``start:stop`` of one column ("" where the cell is empty)
Render = Callable[[list[str], int, int], list[str]]


def col_letter(i: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    s = ""
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _style(kinds: Kinds, kind: str) -> str:
    style = kinds.get(kind)
    return f' s="{style}"' if style else ""


class SharedStrings:
    """The workbook's shared strings table, filled column by column."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0  # cells that refer to the table

    def add(self, text: str, cells: int = 1) -> int:
        """The index of ``text``, added if new, for ``cells`` more cells."""
        self.count += cells
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN_NS}" count="{self.count}" uniqueCount="{len(self.index)}">'
            f"{_items(list(self.index))}</sst>"
        ).encode()


def escape(s: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what xml.sax.saxutils.escape does, without
    importing urllib, http and ssl with it)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(s: str) -> str:
    """Text as the content of a ``<t>`` element."""
    return escape(_ESCAPE_LIKE.sub(r"_x005F_\1", _ILLEGAL.sub("", s)))


def _items(texts: list[str]) -> str:
    """``<si>`` elements of ``texts``: escaped all at once, joined by a character that
    none of them holds and that escaping leaves alone (else one by one)."""
    joined = _SEP.join(texts)
    if joined.count(_SEP) == max(len(texts) - 1, 0):
        escaped = _text(joined).replace(_SEP, _ITEM_SEP)
        return f"{_ITEM_OPEN}{escaped}{_ITEM_CLOSE}" if texts else ""
    return "".join(f"{_ITEM_OPEN}{_text(t)}{_ITEM_CLOSE}" for t in texts)


def _coded_column(letter: str, codes: np.ndarray, tails: list[str]) -> Render:
    """Cells of a column whose values are ``codes`` into ``tails`` (the cell after its
    row number); code -1: no cell."""
    table = np.array([*tails, ""], dtype=object)
    head = f'<c r="{letter}'

    def render(rows: list[str], start: int, stop: int) -> list[str]:
        part = zip(rows, table[codes[start:stop]].tolist(), strict=True)
        return [head + r + t if t else "" for r, t in part]

    return render


def _text_column(letter: str, values: Any, kinds: Kinds, sst: SharedStrings) -> Render:
    codes, uniques = pd.factorize(values)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)).tolist()
    attr = f'"{_style(kinds, "text")} t="s"><v>'
    tails = [
        "" if u == "" else f"{attr}{sst.add(u, n)}</v></c>"
        for u, n in zip(uniques.tolist(), counts, strict=True)
    ]
    return _coded_column(letter, codes, tails)


def _date_column(letter: str, values: Any, kinds: Kinds) -> Render:
    ticks = np.asarray(values, dtype="datetime64[ns]")
    since = (ticks - np.datetime64(EXCEL_EPOCH, "ns")).astype(np.int64)
    codes, uniques = pd.factorize(since)  # cases share dates: each is formatted once
    codes[np.isnat(ticks)] = -1
    days, seconds = np.divmod(uniques // NS_PER_SECOND, SECONDS_PER_DAY)  # floor, as datetime
    serials = (days + seconds / SECONDS_PER_DAY).tolist()
    midnight = ((uniques // 1000) % US_PER_DAY == 0).tolist()
    as_date = _style(kinds, "date" if "date" in kinds else "datetime")
    as_datetime = _style(kinds, "datetime" if "datetime" in kinds else "date")
    tails = [
        f'"{as_date if m else as_datetime}><v>{v!r}</v></c>'
        for v, m in zip(serials, midnight, strict=True)
    ]
    return _coded_column(letter, codes, tails)


def _number_column(letter: str, values: Any) -> Render:
    codes, uniques = pd.factorize(values)
    if values.dtype.kind == "b":
        tails = [f'" t="b"><v>{int(v)}</v></c>' for v in uniques.tolist()]
    else:
        tails = [f'"><v>{v!r}</v></c>' for v in uniques.tolist()]
    return _coded_column(letter, codes, tails)


def _serial(v: datetime) -> float:
    delta = v - EXCEL_EPOCH
    return delta.days + delta.seconds / SECONDS_PER_DAY


def value_cell(ref: str, v: object, kinds: Kinds, sst: SharedStrings) -> str:
    """One cell of any Python value (the columns that are not all text, dates or numbers)."""
    if isinstance(v, str):
        if v == "":
            return ""
        return f'<c r="{ref}"{_style(kinds, "text")} t="s"><v>{sst.add(v)}</v></c>'
    if v is None or pd.isna(v):
        return ""
    if isinstance(v, datetime | date):
        if not isinstance(v, datetime):
            v = datetime(v.year, v.month, v.day)
        kind = "date" if v.time() == datetime.min.time() else "datetime"
        style = _style(kinds, kind) or _style(kinds, "datetime") or _style(kinds, "date")
        return f'<c r="{ref}"{style}><v>{_serial(v)!r}</v></c>'
    if isinstance(v, bool | np.bool_):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    number = v.item() if isinstance(v, np.generic) else v  # numpy scalars as Python numbers
    return f'<c r="{ref}"><v>{number!r}</v></c>'


def _mixed_column(letter: str, values: Any, kinds: Kinds, sst: SharedStrings) -> Render:
    def render(rows: list[str], start: int, stop: int) -> list[str]:
        part = zip(rows, values[start:stop], strict=True)
        return [value_cell(f"{letter}{r}", v, kinds, sst) for r, v in part]

    return render


def column_renderer(letter: str, values: Any, kinds: Kinds, sst: SharedStrings) -> Render:
    """Prepare one column (a numpy array or pandas Series) for all rows; text goes to
    ``sst``."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = np.asarray(values, dtype=object)
    kind = values.dtype.kind
    if kind == "M":
        return _date_column(letter, values, kinds)
    if kind in "biuf":
        return _number_column(letter, values)
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        return _text_column(letter, values, kinds, sst)
    return _mixed_column(letter, np.asarray(values, dtype=object), kinds, sst)


def formula_cells(
    formulas: Sequence[str], first_col: int, styles: dict[int, Kinds], first_row: int, last: int
) -> tuple[str, list[str]]:
    """The helper formula cells of the first row (the shared formulas) and of every other
    row, as the pieces that the row number joins, both ending the row."""
    head, other = [], []
    for k, formula in enumerate(formulas):
        letter = col_letter(first_col + k)
        attr = _style(styles.get(first_col + k, {}), "formula")
        span = f"{letter}{first_row}:{letter}{last}"
        body = escape(formula.removeprefix("="))
        head.append(f'<c r="{letter}{first_row}"{attr}><f t="shared" ref="{span}" '
                    f'si="{k}">{body}</f></c>')  # fmt: skip
        other.append(f'<c r="{letter}\0"{attr}><f t="shared" si="{k}"/></c>')
    return "".join(head) + "</row>", ("".join(other) + "</row>").split("\0")


def formula_columns(
    formulas: Sequence[str],
    first_col: int,
    styles: dict[int, Kinds],
    first_row: int,
    values: Sequence[np.ndarray],
) -> list[Render]:
    """The helper formula cells with their cached values (``values``: one integer array per
    formula, one value per row): the shared formula on the first row, "same as above" on the
    others, each cell with its ``<v>``."""
    last = first_row + len(values[0]) - 1 if values else first_row
    renders = []
    for k, (formula, column) in enumerate(zip(formulas, values, strict=True)):
        letter = col_letter(first_col + k)
        attr = _style(styles.get(first_col + k, {}), "formula")
        codes, uniques = pd.factorize(np.asarray(column))
        tails = [f'"{attr}><f t="shared" si="{k}"/><v>{v}</v></c>' for v in uniques.tolist()]
        render = _coded_column(letter, codes, tails)
        body = escape(formula.removeprefix("="))
        head = (f'<c r="{letter}{first_row}"{attr}><f t="shared" ref="{letter}{first_row}:'
                f'{letter}{last}" si="{k}">{body}</f><v>{column[0]}</v></c>')  # fmt: skip
        renders.append(_first_replaced(render, head))
    return renders


def _first_replaced(render: Render, head: str) -> Render:
    def replaced(rows: list[str], start: int, stop: int) -> list[str]:
        cells = render(rows, start, stop)
        if start == 0 and cells:
            cells[0] = head
        return cells

    return replaced


def rows_xml(
    columns: Sequence[Any],
    first_row: int,
    styles: dict[int, Kinds],
    formulas: Sequence[str],
    first_formula_col: int,
    sst: SharedStrings,
    chunk: int = 8192,
    values: Sequence[np.ndarray] | None = None,
) -> Iterator[str]:
    """The ``<row>`` elements of ``columns`` (values from column A) from ``first_row``, each
    followed by the shared helper ``formulas`` (with ``values`` as their cached results when
    given); with no row, one row of formulas."""
    count = len(columns[0]) if columns else 0
    n = max(count, 1)
    last = first_row + n - 1
    renders = [
        column_renderer(col_letter(j + 1), column, styles.get(j + 1, {}), sst)
        for j, column in enumerate(columns)
    ] if count else []  # fmt: skip
    if values is not None:
        renders += formula_columns(formulas, first_formula_col, styles, first_row, values)
        first_tail, tail = "</row>", ["</row>"]
    else:
        first_tail, tail = formula_cells(formulas, first_formula_col, styles, first_row, last)
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        rows = [str(r) for r in range(first_row + start, first_row + stop)]
        cells = [render(rows, start, stop) for render in renders]
        heads = [f'<row r="{r}">' for r in rows]
        tails = [r.join(tail) for r in rows]
        if start == 0:
            tails[0] = first_tail
        yield "".join(map("".join, zip(heads, *cells, tails, strict=True)))
