"""Dates outside a plausible window (docs/inputs.md, "What bad input gets"): before 2000,
or more than a year after the end of the period reported on (a year typed 1900 or 2099).
They are kept as written and counted as such, and listed as warnings: the window depends
on the period, so the check runs when the period is known.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..formatting import short_date
from ..model import WARNING, DataCheck
from ..read.columns import HEADERS

EARLIEST = date(2000, 1, 1)
#: the date columns of the clean case table that are checked
DATE_COLUMNS = ("received", "due", "result_date", "delivered", "stopped")


def latest_plausible(end: date) -> date:
    """One year after ``end`` (28 February for a period ending on 29 February)."""
    try:
        return end.replace(year=end.year + 1)
    except ValueError:
        return end.replace(year=end.year + 1, day=28)


def implausible_dates(cases: pd.DataFrame, end: date) -> list[DataCheck]:
    """One warning per date before 2000 or more than a year after ``end``."""
    latest = latest_plausible(end)
    low, high = pd.Timestamp(EARLIEST), pd.Timestamp(latest) + pd.Timedelta(days=1)
    checks = []
    for key in DATE_COLUMNS:
        if key not in cases:
            continue
        values = cases[key]
        for i in np.flatnonzero(((values < low) | (values >= high)).to_numpy()):
            day = values.iloc[i]
            written = day.strftime("%d/%m/%Y")
            checks.append(
                DataCheck(
                    WARNING, str(cases["source_file"].iloc[i]),
                    str(cases["source_sheet"].iloc[i]), int(cases["source_row"].iloc[i]),
                    HEADERS[key], written,
                    f"{HEADERS[key]} '{written}' nằm ngoài khoảng hợp lý (trước năm 2000 hoặc "
                    f"sau {short_date(latest)}, quá một năm sau cuối kỳ báo cáo): vẫn tính "
                    "theo dữ liệu, hãy kiểm tra lại năm.",
                    "implausible_date",
                )
            )  # fmt: skip
    return checks
