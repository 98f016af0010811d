"""The clean tables of every file combined, and where every line of each file went
(docs/inputs.md, "What bad input gets"): lines read = cases used + excluded as errors +
cancelled + merged duplicates + lines that are no case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..model import DataCheck, FileAccount
from ..read.tables import RawTable
from .clean import CASE_COLUMNS, clean_table


@dataclass
class CleanCases:
    cases: pd.DataFrame  # every usable row, cancelled ones included (status "cancelled")
    checks: list[DataCheck]
    rows_read: int
    excluded: int
    non_case_lines: int
    #: file name -> (rows read, excluded, non-case lines), in the order files were given
    per_file: dict[str, tuple[int, int, int]]


def clean_tables(tables: Sequence[RawTable]) -> CleanCases:
    """Every table through the rules of a case row (``clean.clean_table``), combined."""
    frames, checks, excluded, rows_read, non_case = [], [], 0, 0, 0
    per_file: dict[str, tuple[int, int, int]] = {}
    for t in tables:
        frame, found, dropped, lines = clean_table(t)
        frames.append(frame)
        checks.extend(found)
        read = len(t) - int(t.ignored_mask().sum())
        excluded += dropped
        non_case += lines
        rows_read += read
        before = per_file.get(t.file, (0, 0, 0))
        per_file[t.file] = (before[0] + read, before[1] + dropped, before[2] + lines)
    if len(frames) == 1:
        cases = frames[0]
    elif frames:
        cases = pd.concat(frames, ignore_index=True)
    else:
        cases = pd.DataFrame({c: pd.Series(dtype=object) for c in CASE_COLUMNS})
    return CleanCases(cases, checks, rows_read, excluded, non_case, per_file)


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
