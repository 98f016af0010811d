"""Where every line of every file went (docs/inputs.md, "What bad input gets"): lines read
= cases used + excluded as errors + cancelled + merged duplicates + lines that are no case.
"""

from __future__ import annotations

import pandas as pd

from ..model import FileAccount


def account_files(
    per_file: dict[str, tuple[int, int, int]], matched: pd.DataFrame, kept: pd.DataFrame
) -> tuple[FileAccount, ...]:
    """One account per file: ``per_file`` gives (rows read, excluded, non-case lines) from
    the cleaning; ``matched`` is the clean case table before duplicates were merged,
    ``kept`` after (both with ``source_file``, ``kept`` with ``status``)."""
    before = matched["source_file"].value_counts()
    after = kept["source_file"].value_counts()
    cancelled = kept.loc[kept["status"] == "cancelled", "source_file"].value_counts()
    accounts = []
    for file, (read, excluded, non_case) in per_file.items():
        n_after, n_cancelled = int(after.get(file, 0)), int(cancelled.get(file, 0))
        accounts.append(
            FileAccount(
                file=file,
                rows_read=read,
                rows_used=n_after - n_cancelled,
                excluded=excluded,
                cancelled=n_cancelled,
                duplicates_merged=int(before.get(file, 0)) - n_after,
                non_case_lines=non_case,
            )
        )
    return tuple(accounts)
