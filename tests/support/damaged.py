"""Small exports shaped like the demo's (the district software's CSV, the centre's .xlsx),
written from the simulated cases, and the ways they get damaged in staff's hands."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from tthc_report.demo import EXPORTED_ON
from tthc_report.demo.exports import EPOCH, csv_text, write_centre_xlsx
from tthc_report.demo.plan import PROVINCE

DISTRICT = "Thành phố Vĩnh Yên"
#: the demo's report month: 21/9/2021 - 20/10/2021
PERIOD = (date(2021, 9, 21), date(2021, 10, 20))
#: lines above the first case of a district CSV: two title lines and the header
CSV_TOP = 3


def _day(d: date) -> float:
    return float((datetime(d.year, d.month, d.day) - EPOCH).days)


def october_cases(truth: pd.DataFrame, group: str, n: int) -> pd.DataFrame:
    """The first ``n`` cases of a group received in the demo's report month."""
    received = truth["received"]
    mine = truth[(truth["group"] == group) & (received >= _day(PERIOD[0]))
                 & (received < _day(PERIOD[1]) + 1)]  # fmt: skip
    return mine.sort_values("received").head(n)


def district_lines(truth: pd.DataFrame, n: int, sep: str = ";") -> list[str]:
    """The lines of a district CSV with ``n`` cases (titles, header, cases), no line ends."""
    text = csv_text(october_cases(truth, DISTRICT, n), DISTRICT, EXPORTED_ON, sep, False)
    return text.split("\r\n")[:-1]


def write_lines(
    path: Path, lines: list[str], newline: str = "\r\n", encoding: str = "utf-8-sig"
) -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def with_field(line: str, index: int, value: str, sep: str = ";") -> str:
    """The line with one field replaced (written as is, no quoting)."""
    fields = line.split(sep)
    fields[index] = value
    return sep.join(fields)


def centre_xlsx(truth: pd.DataFrame, n: int, path: Path) -> Path:
    """The centre's export (title lines, two-row header, totals below) with ``n`` cases."""
    write_centre_xlsx(october_cases(truth, PROVINCE, n), path, PERIOD[0], PERIOD[1], EXPORTED_ON)
    return path
