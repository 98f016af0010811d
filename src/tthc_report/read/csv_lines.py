"""The lines of a CSV read one record at a time, each with its line number.

A record is one line, or several when a quoted field holds a line break.  A quote mark
left open (a stray ``"``) would make Python's csv module swallow every line up to the next
quote mark; a record is therefore taken over several lines only when it then has the
header's number of fields and no line inside it is a whole row by itself.  Otherwise the
first line is read alone, marked as a ``LineProblem``, and reading goes on at the next
line.  A line with another number of fields than the header (a ',' line in a ';' file, a
field lost or added) is kept and marked the same way: the rest of the file is still read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from .cells import cells_from_rows
from .tables import LineProblem, Sheet

WIDTH, QUOTE, UNREADABLE = "width", "quote", "unreadable"
#: the largest field Python's csv module is allowed to read (its default is 131,072)
FIELD_LIMIT = 2**31 - 1


@contextmanager
def any_field_size() -> Iterator[None]:
    """Let Python's csv module read fields of any size (a cell of 200,000 characters is
    read, then cut to what Excel holds with a warning)."""
    old = csv.field_size_limit(FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def split_lines(text: str) -> list[str]:
    """The physical lines (line ends are LF or CR LF here: see ``csv_files``), without the
    empty one after the last line end."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def fields_of(line: str, sep: str) -> list[str]:
    """One line's fields on its own (a quote left open runs to the end of the line)."""
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return line.split(sep)


class _Feed:
    """The lines from ``index`` on, one at a time, for csv.reader; ``index`` is the next
    line it will give."""

    def __init__(self, lines: list[str], index: int) -> None:
        self.lines, self.index = lines, index

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        i = self.index
        if i >= len(self.lines):
            raise StopIteration
        self.index = i + 1
        return self.lines[i] + "\n"


def _blank(fields: list[str]) -> bool:
    return all(not f.strip() for f in fields)


def _problem(fields: list[str], width: int, line: str) -> LineProblem | None:
    """Why a record is no row of the header's width, or None.  Empty fields after the last
    column (a separator at the end of every line) are no problem."""
    if len(fields) == width or _blank(fields):
        return None
    if len(fields) > width and _blank(fields[width:]):
        return None
    kind = QUOTE if line.count('"') % 2 else WIDTH
    return LineProblem(kind, len(fields), width, line.rstrip("\r"))


def _one_record(lines: list[str], start: int, end: int, fields: list[str], sep: str,
                width: int) -> bool:  # fmt: skip
    """Whether lines ``start``..``end - 1``, read as one record, are one: a quoted field
    with line breaks, not a stray quote mark that swallowed whole rows."""
    if _problem(fields, width, "") is not None:
        return False
    return all(len(fields_of(lines[i], sep)) < width for i in range(start + 1, end - 1))


Record = tuple[int, list[str], LineProblem | None]


def records(lines: list[str], sep: str, width: int) -> Iterator[Record]:
    """(index of the record's first line, its fields, its problem or None) of every
    record of ``lines``."""
    pos = 0
    while pos < len(lines):
        feed = _Feed(lines, pos)
        reader = csv.reader(feed, delimiter=sep)
        while True:
            start = feed.index
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error:  # a NUL character...: this line alone, then go on
                line = lines[start].rstrip("\r")
                yield start, [], LineProblem(UNREADABLE, 0, width, line)
                pos = start + 1
                break
            end = feed.index
            if end - start > 1 and not _one_record(lines, start, end, fields, sep, width):
                line = lines[start].rstrip("\r")
                alone = fields_of(line, sep)
                yield start, alone, LineProblem(QUOTE, len(alone), width, line)
                pos = start + 1
                break
            raw = lines[start] if end - start == 1 else "\n".join(lines[start:end])
            yield start, fields, _problem(fields, width, raw)


def read_lines(text: str, sep: str, width: int) -> Sheet:
    """Every record of a CSV's text as a sheet: the row numbers are the line numbers of
    the records, and each record that is no row of ``width`` fields is a problem."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: dict[int, LineProblem] = {}
    for start, fields, problem in records(split_lines(text), sep, width):
        if problem is not None:
            problems[len(rows)] = problem
        rows.append(fields[:width])
        numbers.append(start + 1)
    return Sheet("", cells_from_rows(rows), 1, np.asarray(numbers, dtype=np.int64), problems)
