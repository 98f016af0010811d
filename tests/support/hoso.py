"""Case lists as the values of a HoSo sheet (what xlwings reads from the template), for the
UDF and macro tests."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from tthc_report.read.columns import COLUMNS, DATE_KEYS, header_key

HELPERS = ["_TrangThai", "_NgayTN"]  # the template's formula columns after A-O


def parse_date(text: str) -> datetime | None:
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    return None


def hoso_values(path: Path, padding: int = 5) -> list[list[Any]]:
    """A case CSV as the HoSo sheet's values: canonical headers A-O, dates as dates, then
    helper columns and formula rows below the data (as Excel reads the template)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header, *lines = list(csv.reader(fh))
    keys = [header_key(h) for h in header]
    out: list[list[Any]] = [[c.header for c in COLUMNS] + HELPERS]
    for line in lines:
        got = dict(zip(keys, line, strict=True))
        row: list[Any] = []
        for c in COLUMNS:
            v = got.get(c.key) or None
            row.append(parse_date(v) or v if v and c.key in DATE_KEYS else v)
        out.append(row + [1, 44470])
    out += [[None] * len(COLUMNS) + [0, 0] for _ in range(padding)]
    return out
