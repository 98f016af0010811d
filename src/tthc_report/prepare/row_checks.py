"""Data checks of the rows of one raw table: the records that say, for each row a rule
flags, the file, sheet, Excel row, column as written, raw value and a Vietnamese message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa

from ..formatting import number
from ..model import DataCheck
from ..read.columns import COLUMN_BY_KEY
from ..read.tables import RawTable
from .lines import CELL_LIMIT

#: how much of a raw value a message quotes
QUOTED = 200

#: where a check finds the raw value of a row: a column as read, or a function of row
#: positions (whole lines of text, dates written back as staff write them)
Raw: TypeAlias = pa.Array | pa.ChunkedArray | pd.Series | Callable[[np.ndarray], list[str]] | None


def texts_at(raw: Raw, idx: np.ndarray) -> list[str]:
    """The raw values of some rows, as written, for the data-check messages."""
    if raw is None:
        return [""] * len(idx)
    if isinstance(raw, pa.Array | pa.ChunkedArray):
        values = raw.take(pa.array(idx)).to_pylist()
    elif isinstance(raw, pd.Series):
        values = raw.to_numpy(dtype=object)[idx].tolist()
    else:
        values = raw(idx)
    return ["" if v is None or v != v else str(v) for v in values]


class RowChecks:
    """Collects the DataCheck records of one raw table."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.records: list[DataCheck] = []

    def add(
        self, level: str, flagged: np.ndarray, key: str, raw: Raw, message: str, code: str
    ) -> None:
        """One record per flagged row; ``message`` may name the raw value as ``{value}``
        (quoted up to 200 characters) and its length as ``{length}``."""
        idx = np.flatnonzero(flagged)
        if not len(idx):
            return
        column = self.table.headers.get(
            key, COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key
        )
        rows = self.table.row_numbers[idx].tolist()
        for row, value in zip(rows, texts_at(raw, idx), strict=True):
            self.records.append(
                DataCheck(
                    level=level,
                    file=self.table.file,
                    sheet=self.table.sheet,
                    row=row,
                    column=column,
                    value=value[:CELL_LIMIT],
                    message=message.format(
                        value=value if len(value) <= QUOTED else value[:QUOTED] + "…",
                        length=number(len(value)),
                    ),
                    code=code,
                )
            )

    def add_line(
        self, level: str, position: int, column: str, value: str, message: str, code: str
    ) -> None:
        """One record for the row at ``position``, with its column and value given (a
        whole line the reader could not split into columns)."""
        self.records.append(
            DataCheck(level, self.table.file, self.table.sheet,
                      int(self.table.row_numbers[position]), column, value[:CELL_LIMIT],
                      message, code)
        )  # fmt: skip
