"""A case list found in a sheet's cells: the ``RawTable`` every later stage reads.

A sheet (or CSV file) arrives as cells of text; its header row is searched for
(``headers``), and the rows below it are the data rows, each keeping its Excel row number.
Nothing is interpreted here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .cells import cells_from_rows
from .columns import REQUIRED_KEYS, header_key
from .headers import (
    HEADER_SEARCH_ROWS,
    Cell,
    KeyFn,
    find_header,
    header_labels,
    headers_seen,
    is_blank,
)
from .text import blank, fold, mask, strings


class LineProblem(NamedTuple):
    """A line of a CSV that is no row of the header's width: ``kind`` is ``"width"`` (another
    number of fields: a separator of another kind, a field lost or added), ``"quote"`` (a
    quote mark opened and never closed) or ``"unreadable"``; ``line`` is the line as written."""

    kind: str
    fields: int
    width: int
    line: str


class Sheet(NamedTuple):
    """A sheet's cells (or a CSV file's) as text, as a reader gives them."""

    name: str
    cells: pa.Table
    first_row: int  # Excel row number (CSV line number) of the first row of ``cells``
    #: the row number of each row of ``cells`` when they are not consecutive (a CSV record
    #: that spans lines); None: consecutive from ``first_row``
    numbers: np.ndarray | None = None
    #: rows of ``cells`` (0-based) that could not be read as a row of the header's width
    problems: Mapping[int, LineProblem] = {}


@dataclass
class RawTable:
    """One case list found in one sheet (or CSV file): the data rows below the header,
    every cell as text (null where empty), with their Excel row numbers."""

    file: str  # the file name as staff know it
    sheet: str  # the sheet name ("" for a CSV)
    columns: dict[str, int]  # canonical key -> column index
    headers: dict[str, str]  # canonical key -> the header text as written in the file
    cells: pa.Table  # data rows, every column of the sheet, as text
    row_numbers: np.ndarray  # Excel row number (1-based) of each data row
    extra_headers: dict[int, str] = field(default_factory=dict)  # other columns, kept
    header_row: int = 0  # Excel row number of the (last) header row
    #: lines below the header that are no rows of data (empty, the header repeated), when
    #: they are marked rather than left out; None when there are none
    ignored: np.ndarray | None = None
    #: data rows (positions) that could not be read as a row of the header's width
    problems: dict[int, LineProblem] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.cells.num_rows

    def column_values(self, key: str) -> pa.Array:
        """The column of a canonical key as text (all null when the file has none)."""
        idx = self.columns.get(key)
        if idx is None or idx >= self.cells.num_columns:
            return pa.nulls(len(self), pa.large_string())
        return strings(self.cells.column(idx))

    def line_texts(self, positions: Sequence[int] | np.ndarray) -> list[str]:
        """Whole rows as one line of text each ("Tổng cộng: 15250 hồ sơ"), for messages."""
        part = self.cells.take(pa.array(np.asarray(positions, dtype=np.int64)))
        return [" ".join(v for v in row.values() if v) for row in part.to_pylist()]

    @property
    def rows(self) -> list[list[str | None]]:
        """Every row as a list of texts, ignored lines included (see ``compact``); for
        small tables (catalogs, tests)."""
        return [list(r.values()) for r in self.cells.to_pylist()]

    def ignored_mask(self) -> np.ndarray:
        return np.zeros(len(self), dtype=bool) if self.ignored is None else self.ignored

    def compact(self) -> RawTable:
        """The table without its ignored lines."""
        if self.ignored is None:
            return self
        return replace(self.take(np.flatnonzero(~self.ignored)), ignored=None)

    def take(self, positions: Sequence[int] | np.ndarray) -> RawTable:
        idx = np.asarray(positions, dtype=np.int64)
        ignored = None if self.ignored is None else self.ignored[idx]
        problems = {}
        if self.problems:
            for new in np.flatnonzero(np.isin(idx, np.fromiter(self.problems, np.int64))):
                problems[int(new)] = self.problems[int(idx[new])]
        return replace(
            self,
            cells=self.cells.take(pa.array(idx)),
            row_numbers=self.row_numbers[idx],
            ignored=ignored,
            problems=problems,
        )

    @classmethod
    def from_rows(
        cls,
        file: str,
        sheet: str,
        columns: dict[str, int],
        headers: dict[str, str],
        rows: Sequence[Sequence[Cell]],
        row_numbers: Sequence[int],
    ) -> RawTable:
        """A table from Python values (tests, code): cells rendered as the readers do."""
        return cls(file, sheet, columns, headers, cells_from_rows(rows),
                   np.asarray(row_numbers, dtype=np.int64))  # fmt: skip


@dataclass(frozen=True)
class SheetWithoutHeader:
    """A sheet searched and found to hold no case list (reported when no sheet has one)."""

    sheet: str
    #: the row that looks most like a header (one naming a column), or () when none does
    headers_seen: tuple[str, ...]
    #: the required columns that row does not name, as the template names them
    missing: tuple[str, ...] = ()


def _head(cells: pa.Table) -> list[list[Cell]]:
    part = cells.slice(0, HEADER_SEARCH_ROWS + 1)
    return [list(r.values()) for r in part.to_pylist()]


# --- a case list in a sheet ----------------------------------------------------------------


def table_from_cells(
    cells: pa.Table,
    first_row: int,
    file: str,
    sheet: str,
    key_fn: KeyFn = header_key,
    required: Sequence[str] = REQUIRED_KEYS,
    default_headers: dict[str, str] | None = None,
    compact: bool = True,
    numbers: np.ndarray | None = None,
    problems: Mapping[int, LineProblem] | None = None,
) -> RawTable | SheetWithoutHeader:
    """The case list of a sheet's cells (as text); ``first_row`` is the Excel row number
    of the first row of ``cells`` (``numbers``: of each row, when not consecutive).  Empty
    lines and the header repeated on a new page are no rows of data: they are left out
    (``compact``), or, for a large sheet, only marked (``RawTable.ignored``), which spares
    a copy of every cell.  ``problems``: rows the reader could not read whole."""
    head = _head(cells)
    found = find_header(head, key_fn, required)
    if found is None:
        seen, missing = headers_seen(head, key_fn, required)
        names = default_headers or {}
        return SheetWithoutHeader(sheet, seen, tuple(names.get(k, k) for k in missing))
    first, height, keys = found
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    header_rows = head[first : first + height]
    labels = header_labels(header_rows)
    for idx, key in sorted(keys.items()):
        if key in columns:  # a second alias of the same column: kept as an extra column
            continue
        columns[key] = idx
        headers[key] = labels.get(idx) or (default_headers or {}).get(key, key)
    last = header_rows[-1]
    extra = {
        i: str(c).strip()
        for i, c in enumerate(last)
        if i not in columns.values() and not is_blank(c)
    }
    top = first + height
    data = cells.slice(top)
    if numbers is None:
        rows = np.arange(len(data), dtype=np.int64) + first_row + top
        header_row = first_row + top - 1
    else:
        rows, header_row = np.asarray(numbers[top:], dtype=np.int64), int(numbers[top - 1])
    ignored = _empty_lines(data) | _repeated_header(data, columns[required[0]], headers)
    below = {i - top: p for i, p in (problems or {}).items() if i >= top}
    table = RawTable(
        file, sheet, columns, headers, data, rows, extra, header_row,
        ignored if ignored.any() else None, below,
    )  # fmt: skip
    return table.compact() if compact else table


def _empty_lines(data: pa.Table) -> np.ndarray:
    """An empty line is not a row of data: every cell empty or only spaces.  Each column
    looks only at the lines still empty so far."""
    maybe = np.arange(len(data), dtype=np.int64)
    for col in data.columns:
        if not len(maybe):
            break
        part = col.take(pa.array(maybe)) if len(maybe) < len(data) else col
        maybe = maybe[blank(part)]
    empty = np.zeros(len(data), dtype=bool)
    empty[maybe] = True
    return empty


def _repeated_header(data: pa.Table, first_key: int, headers: dict[str, str]) -> np.ndarray:
    """The header printed again on a new page."""
    if first_key >= data.num_columns or len(data) == 0:
        return np.zeros(len(data), dtype=bool)
    col = strings(data.column(first_key))
    key = pc.utf8_lower(pc.utf8_trim_whitespace(col))
    folds = pa.array(sorted({fold(h) for h in headers.values()}), pa.large_string())
    return mask(pc.is_in(key, value_set=folds))


def table_from_rows(
    rows: Sequence[Sequence[Cell]],
    file: str,
    sheet: str,
    key_fn: KeyFn = header_key,
    required: Sequence[str] = REQUIRED_KEYS,
    default_headers: dict[str, str] | None = None,
) -> RawTable | SheetWithoutHeader:
    """The case list of rows of Python values, row 1 first (a sheet read by xlwings)."""
    return table_from_cells(cells_from_rows(rows), 1, file, sheet, key_fn, required,
                            default_headers)  # fmt: skip
