"""Raw tables -> one clean case table with canonical columns, and the data checks.

Rules (docs/inputs.md "Values", docs/figures.md "The case's own facts"):
- a row whose required value is missing or unreadable is excluded and listed (error);
- an unreadable optional date also excludes the row: counting it with the date missing
  would silently put it in the wrong column;
- contradicting facts are kept as written and listed (warning);
- cancelled cases take no part in any count and are listed (info);
- the same case code twice is one case (``dedupe.py``, after the units are matched).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..model import ERROR, INFO, WARNING, DataCheck
from ..read.columns import COLUMN_BY_KEY, DATE_KEYS
from ..read.tables import RawTable
from ..read.text import display_text, fold, fold_text, map_distinct, mask, matches, objects
from .dates import parse_dates
from .words import (
    CHANNEL_HINTS,
    CHANNEL_WORDS,
    LEVEL_WORDS,
    ONLINE_LEVEL_HINTS,
    ONLINE_LEVEL_WORDS,
    STATUS_WORDS,
    hinted,
)

TEXT_KEYS = ("code", "unit", "agency", "level", "parent", "procedure", "field")
#: the text columns of the clean case table and the input column each is read from
TEXT_COLUMNS = {"code": "code", "unit_raw": "unit", "agency": "agency", "parent_raw": "parent",
                "procedure": "procedure", "field": "field"}  # fmt: skip
WORD_HINTS = {"channel": CHANNEL_HINTS, "online_level": ONLINE_LEVEL_HINTS}
WORD_TABLES = {
    "status": STATUS_WORDS,
    "channel": CHANNEL_WORDS,
    "online_level": ONLINE_LEVEL_WORDS,
    "level": LEVEL_WORDS,
}
#: the columns of the clean case table, in order; ``code_key`` is the code as compared
#: to find the same case twice (``schema.fold``)
CASE_COLUMNS = (
    "code", "unit_raw", "agency", "level_raw", "parent_raw", "procedure", "field",
    "received", "due", "result_date", "delivered", "stopped", "finished",
    "status", "channel", "online_level", "source_file", "source_sheet", "source_row",
    "code_key",
)  # fmt: skip
THREADS = min(4, os.cpu_count() or 1)
FORMULA_START = r"^[=+\-@]"  # a text Excel would take for a formula


@dataclass
class CleanCases:
    cases: pd.DataFrame  # every usable row, cancelled ones included (status "cancelled")
    checks: list[DataCheck]
    rows_read: int
    excluded: int
    non_case_lines: int


Raw: TypeAlias = pa.Array | pa.ChunkedArray | pd.Series | Callable[[np.ndarray], list[str]] | None


def _texts_at(raw: Raw, idx: np.ndarray) -> list[str]:
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


class _Checker:
    """Collects DataCheck records for one raw table."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.records: list[DataCheck] = []

    def add(
        self, level: str, mask: np.ndarray, key: str, raw: Raw, message: str, code: str
    ) -> None:
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        column = self.table.headers.get(
            key, COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key
        )
        rows = self.table.row_numbers[idx].tolist()
        for row, value in zip(rows, _texts_at(raw, idx), strict=True):
            self.records.append(
                DataCheck(
                    level=level,
                    file=self.table.file,
                    sheet=self.table.sheet,
                    row=row,
                    column=column,
                    value=value,
                    message=message.format(value=value),
                    code=code,
                )
            )


def clean_table(table: RawTable) -> tuple[pd.DataFrame, list[DataCheck], int, int]:
    """One raw table -> (usable rows, checks, excluded case rows, non-case lines)."""
    n = len(table)
    chk = _Checker(table)
    raw = {k: table.column_values(k) for k in table.columns}
    shown, dates = _read_columns(raw)
    missing = {
        k: mask(pc.is_null(shown[k])) if k in shown else np.ones(n, dtype=bool)
        for k in (*TEXT_KEYS, *WORD_TABLES)
    }
    out = pd.DataFrame(index=pd.RangeIndex(n))
    # Lines below the data ("Tổng cộng: …", "Người lập biểu") have no unit and no date of
    # receipt or due date: listed for information, not counted as excluded case rows.
    ignored = table.ignored_mask()  # empty lines, the header repeated: no rows at all
    trailer = missing["unit"] & ~ignored
    for key in ("received", "due"):
        if key in dates:
            trailer = trailer & dates[key][0].isna().to_numpy()
    chk.add(INFO, trailer, "code", table.line_texts,
            "Dòng '{value}' không phải hồ sơ (không có đơn vị, ngày tiếp nhận hay ngày hẹn "
            "trả): bỏ qua.",
            "not_a_case")  # fmt: skip

    skip = trailer | ignored
    excluded = skip.copy()
    for key in ("code", "unit"):
        absent = missing[key] & ~skip
        chk.add(ERROR, absent, key, raw[key],
                f"Thiếu {COLUMN_BY_KEY[key].header.lower()}: hồ sơ bị loại khỏi số liệu.",
                "missing_required")  # fmt: skip
        excluded = excluded | absent

    for key in DATE_KEYS:
        if key not in raw:
            out[key] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
            continue
        parsed, bad = dates[key]
        bad = bad & ~skip
        out[key] = parsed
        header = COLUMN_BY_KEY[key].header.lower()
        chk.add(ERROR, bad, key, raw[key],
                f"Không đọc được {header} '{{value}}' (cần dạng ngày/tháng/năm, ví dụ 21/9/2021): "
                "hồ sơ bị loại khỏi số liệu.", "unreadable_date")  # fmt: skip
        excluded = excluded | bad

    missing_received = out["received"].isna().to_numpy() & ~excluded
    chk.add(ERROR, missing_received, "received", raw["received"],
            "Thiếu ngày tiếp nhận: hồ sơ bị loại khỏi số liệu.", "missing_required")  # fmt: skip
    excluded = excluded | missing_received

    for key in ("channel", "online_level", "level"):
        if key in raw:
            words = pd.Series(map_distinct(raw[key], _word_reader(key)), dtype=object)
            unknown = words.isna().to_numpy() & ~missing[key] & ~excluded
            default = {
                "channel": "trực tiếp",
                "online_level": "để trống",
                "level": "theo danh mục",
            }[key]
            chk.add(WARNING, unknown, key, raw[key],
                    f"Không nhận ra giá trị '{{value}}' của cột {COLUMN_BY_KEY[key].header}: "
                    f"tính như {default}.", f"unknown_{key}")  # fmt: skip
            out[key] = words
        else:
            out[key] = None
    out["channel"] = out["channel"].fillna("direct")

    finished_chain = out["result_date"].fillna(out["delivered"])
    stopped_chain = out["stopped"].fillna(finished_chain)
    if "status" in raw:
        status = pd.Series(
            map_distinct(raw["status"], lambda v: STATUS_WORDS.get(fold(v))), dtype=object
        )
        unknown = status.isna().to_numpy() & ~missing["status"] & ~excluded
        chk.add(WARNING, unknown, "status", raw["status"],
                "Không nhận ra trạng thái '{value}': tính là đã có kết quả nếu có ngày có kết quả, "
                "ngược lại là đang xử lý.", "unknown_status")  # fmt: skip
    else:
        status = pd.Series([None] * n, dtype=object)
    derived = np.where(finished_chain.notna(), "resolved", "processing").astype(object)
    status = status.fillna(pd.Series(derived, index=status.index, dtype=object))
    ended = status.isin(["returned", "withdrawn"])
    finished = stopped_chain.where(ended, finished_chain)
    processing_done = ((status == "processing") & finished.notna()).to_numpy() & ~excluded
    chk.add(WARNING, processing_done, "status", raw.get("status"),
            "Hồ sơ đang xử lý nhưng đã có ngày có kết quả: tính là đã có kết quả.",
            "processing_with_result")  # fmt: skip
    status = status.mask(processing_done, "resolved")
    out["status"] = status
    out["finished"] = finished

    no_finish = (status.isin(["resolved", "returned", "withdrawn"]) & finished.isna()).to_numpy()
    no_finish = no_finish & ~excluded
    chk.add(ERROR, no_finish, "status", raw.get("status"),
            "Hồ sơ có trạng thái '{value}' nhưng không có ngày có kết quả, ngày trả kết quả hay "
            "ngày trả lại/rút: không xác định được kỳ, hồ sơ bị loại khỏi số liệu.",
            "missing_finished")  # fmt: skip
    excluded = excluded | no_finish

    needs_due = ~status.isin(["returned", "withdrawn", "cancelled"]).to_numpy()
    missing_due = out["due"].isna().to_numpy() & needs_due & ~excluded
    chk.add(ERROR, missing_due, "due", raw["due"],
            "Thiếu ngày hẹn trả: hồ sơ bị loại khỏi số liệu.", "missing_required")  # fmt: skip
    excluded = excluded | missing_due

    _contradictions(chk, out, excluded)
    cancelled = (status == "cancelled").to_numpy() & ~excluded
    chk.add(INFO, cancelled, "status", raw.get("status"),
            "Hồ sơ đã hủy: không tính vào số liệu nào.", "cancelled")  # fmt: skip
    for key in ("code", "unit", "agency", "procedure"):
        if key not in shown:
            continue
        looks = matches(shown[key], FORMULA_START)
        chk.add(INFO, looks & ~excluded, key, shown[key],
                "Giá trị '{value}' bắt đầu như một công thức: được giữ và ghi lại dưới dạng văn "
                "bản.", "formula_like")  # fmt: skip

    keep = ~excluded
    rows = int(keep.sum())
    kept = {k: v.filter(pa.array(keep)) for k, v in shown.items() if k in TEXT_KEYS}
    columns: dict[str, object] = {}
    for name, key in TEXT_COLUMNS.items():
        columns[name] = (
            objects(kept[key], mostly_distinct=key == "code")
            if key in kept
            else _repeated(None, rows)
        )
    for name in CASE_COLUMNS:
        if name in out:
            columns[name] = out[name].to_numpy()[keep]
    columns["level_raw"] = out["level"].to_numpy(dtype=object)[keep]  # the level as a word
    columns["source_file"] = _repeated(table.file, rows)
    columns["source_sheet"] = _repeated(table.sheet, rows)
    columns["source_row"] = table.row_numbers[keep]
    columns["code_key"] = objects(fold_text(kept["code"]), mostly_distinct=True)  # for dedupe
    frame = pd.DataFrame({name: _column(columns[name]) for name in CASE_COLUMNS}, copy=False)
    dropped = int((excluded & ~skip).sum())
    return frame, chk.records, dropped, int(trailer.sum())


def _read_columns(
    raw: dict[str, pa.Array],
) -> tuple[dict[str, pa.Array], dict[str, tuple[pd.Series, np.ndarray]]]:
    """(display text of the text and word columns, parsed date columns).  Each column is
    work for Arrow's kernels, which let go of Python's lock: two threads do them on two
    cores."""
    text_keys = [k for k in (*TEXT_KEYS, *WORD_TABLES) if k in raw]
    date_keys = [k for k in DATE_KEYS if k in raw]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        texts = {k: pool.submit(display_text, raw[k]) for k in text_keys}
        dates = {k: pool.submit(parse_dates, raw[k]) for k in date_keys}
        return {k: f.result() for k, f in texts.items()}, {k: f.result() for k, f in dates.items()}


def _repeated(value: object, rows: int) -> np.ndarray:
    """One object ``rows`` times (``np.full`` would make a new string for every row)."""
    out = np.empty(rows, dtype=object)
    out.fill(value)
    return out


def _column(values: object) -> pd.Series:
    """A column of the case table; text stays Python objects (None where empty)."""
    arr = np.asarray(values)
    return pd.Series(arr, dtype=object if arr.dtype == object else arr.dtype, copy=False)


def _word_reader(key: str) -> Callable[[object], str | None]:
    known, hints = WORD_TABLES[key], WORD_HINTS.get(key, ())

    def read(v: object) -> str | None:
        return known.get(fold(v)) or hinted(hints, v)

    return read


def _contradictions(chk: _Checker, out: pd.DataFrame, excluded: np.ndarray) -> None:
    rec = out["received"].dt.floor("D")
    fin = out["finished"].dt.floor("D")
    due = out["due"].dt.floor("D")
    delivered = out["delivered"].dt.floor("D")
    result = out["result_date"].dt.floor("D")
    keep = ~excluded
    for flagged, key, msg, code in (
        ((fin < rec).to_numpy(), "result_date",
         "Ngày kết thúc xử lý đứng trước ngày tiếp nhận: giữ nguyên, tính như kết thúc ngay "
         "ngày tiếp nhận.", "finished_before_received"),
        ((due < rec).to_numpy(), "due",
         "Ngày hẹn trả '{value}' đứng trước ngày tiếp nhận: giữ nguyên như dữ liệu.",
         "due_before_received"),
        ((delivered < result).to_numpy(), "delivered",
         "Ngày trả kết quả '{value}' đứng trước ngày có kết quả: giữ nguyên như dữ liệu.",
         "delivered_before_result"),
    ):  # fmt: skip
        chk.add(WARNING, flagged & keep, key, _day_texts(out[key]), msg, code)


def _day_texts(values: pd.Series) -> Callable[[np.ndarray], list[str]]:
    """The dates of some rows as staff write them, made only for the rows listed."""
    return lambda idx: values.iloc[idx].dt.strftime("%d/%m/%Y").tolist()


def clean_tables(tables: Sequence[RawTable]) -> CleanCases:
    frames, checks, excluded, rows_read, non_case = [], [], 0, 0, 0
    for t in tables:
        frame, found, dropped, lines = clean_table(t)
        frames.append(frame)
        checks.extend(found)
        excluded += dropped
        non_case += lines
        rows_read += len(t) - int(t.ignored_mask().sum())
    if len(frames) == 1:
        cases = frames[0]
    else:
        cases = pd.concat(frames, ignore_index=True) if frames else _empty()
    return CleanCases(cases, checks, rows_read, excluded, non_case)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in CASE_COLUMNS})
