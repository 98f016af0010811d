"""The same case code twice is one case (docs/inputs.md, "Files").

Exports overlap (two exports of the centre cover the same weeks; a district's export of
last month is given again): the rows of one case are merged after the units are matched,
and a row that says something else than the one kept is listed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import WARNING, DataCheck
from ..read.columns import COLUMN_BY_KEY

#: what two rows of the same case must agree on to be "identical": the facts as read,
#: with the unit as matched (two programs write the same desk differently)
_FACT_COLUMNS = [
    "code", "unit_id", "agency", "procedure", "field", "received", "due", "result_date",
    "delivered", "stopped", "status", "channel", "online_level",
]  # fmt: skip
_STATUS_RANK = {"processing": 0, "cancelled": 1, "returned": 2, "withdrawn": 2, "resolved": 3}


def dedupe(cases: pd.DataFrame) -> tuple[pd.DataFrame, list[DataCheck], int]:
    """The same case code twice is one case (docs/inputs.md, "Files"); run after the units
    are matched.

    Identical rows are merged silently; rows that differ are resolved to the one with the
    later facts (a finished date beats none, then the later finished date, a delivered
    date beats none, the later delivered date, the further status, the later file) and
    each dropped row is listed as a warning naming the row that was kept.  ``cases`` is
    the clean table (``accounting.clean_tables``), whose ``code_key`` is the code as compared."""
    if cases.empty:
        return cases, [], 0
    code_key = cases["code_key"]
    dup = code_key.duplicated(keep=False).to_numpy()
    if not dup.any():
        return cases, [], 0
    involved = cases.iloc[np.flatnonzero(dup)]  # only codes seen twice are looked at
    fin = involved["finished"]
    dlv = involved["delivered"]
    rank = pd.DataFrame(
        {
            "code": code_key[dup],
            "has_fin": fin.notna(),
            "fin": fin.fillna(pd.Timestamp.min),
            "has_dlv": dlv.notna(),
            "dlv": dlv.fillna(pd.Timestamp.min),
            "status": involved["status"].map(_STATUS_RANK),
            "order": np.flatnonzero(dup),
        },
        index=involved.index,
    )
    ordered = rank.sort_values(["code", "has_fin", "fin", "has_dlv", "dlv", "status", "order"])
    kept_dup = ordered.drop_duplicates("code", keep="last").index
    kept_of = pd.Series(kept_dup, index=rank.loc[kept_dup, "code"].to_numpy())
    dropped = involved.index.difference(kept_dup)
    facts = pd.util.hash_pandas_object(
        involved[[c for c in _FACT_COLUMNS if c in cases]].astype(str), index=False
    )
    facts.index = involved.index
    checks: list[DataCheck] = []
    for i in dropped:
        k = kept_of[code_key.iloc[i]]
        if facts.loc[i] == facts.loc[k]:
            continue
        where = f"{cases.at[k, 'source_file']}" + (
            f", trang tính '{cases.at[k, 'source_sheet']}'" if cases.at[k, "source_sheet"] else ""
        )
        checks.append(
            DataCheck(
                WARNING, str(cases.at[i, "source_file"]), str(cases.at[i, "source_sheet"]),
                int(cases.at[i, "source_row"]), COLUMN_BY_KEY["code"].header,
                str(cases.at[i, "code"]),
                f"Mã hồ sơ trùng với dòng {int(cases.at[k, 'source_row'])} ({where}) nhưng khác "
                "thông tin: dùng dòng có thông tin mới hơn (dòng kia), dòng này không tính.",
                "duplicate_conflict",
            )
        )  # fmt: skip
    merged = len(dropped)
    positions = np.concatenate([np.flatnonzero(~dup), cases.index.get_indexer(kept_dup)])
    kept = cases.iloc[np.sort(positions)]
    return kept.reset_index(drop=True), checks, merged
