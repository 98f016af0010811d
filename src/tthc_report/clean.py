"""Raw tables -> one clean case table with canonical columns, and the data checks.

Rules (spec/inputs.md "Values", spec/metrics.md "The case's own facts"):
- a row whose required value is missing or unreadable is excluded and listed (error);
- an unreadable optional date also excludes the row: counting it with the date missing
  would silently put it in the wrong column;
- contradicting facts are kept as written and listed (warning);
- cancelled cases take no part in any count and are listed (info);
- the same case code twice is one case (see ``dedupe``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .checks import ERROR, INFO, WARNING, DataCheck
from .dates import parse_dates
from .readers import RawTable
from .schema import (
    CHANNEL_HINTS,
    CHANNEL_WORDS,
    COLUMN_BY_KEY,
    DATE_KEYS,
    LEVEL_WORDS,
    ONLINE_LEVEL_HINTS,
    ONLINE_LEVEL_WORDS,
    STATUS_WORDS,
    fold,
    hinted,
    map_unique,
    nfc,
)

TEXT_KEYS = ("code", "unit", "agency", "level", "parent", "procedure", "field")
WORD_HINTS = {"channel": CHANNEL_HINTS, "online_level": ONLINE_LEVEL_HINTS}
WORD_TABLES = {
    "status": STATUS_WORDS,
    "channel": CHANNEL_WORDS,
    "online_level": ONLINE_LEVEL_WORDS,
    "level": LEVEL_WORDS,
}
#: the columns of the clean case table, in order
CASE_COLUMNS = (
    "code", "unit_raw", "agency", "level_raw", "parent_raw", "procedure", "field",
    "received", "due", "result_date", "delivered", "stopped", "finished",
    "status", "channel", "online_level", "source_file", "source_sheet", "source_row",
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@")


@dataclass
class CleanCases:
    cases: pd.DataFrame  # every usable row, cancelled ones included (status "cancelled")
    checks: list[DataCheck]
    rows_read: int
    excluded: int
    non_case_lines: int


def _text(values: Sequence[object]) -> pd.Series:
    """Cells as display text (NFC, trimmed); numbers such as 123.0 read as '123'."""
    s = pd.Series(list(values), dtype=object)

    def one(v: object) -> object:
        if v is None:
            return None
        if isinstance(v, float):
            if np.isnan(v):
                return None
            if v.is_integer():
                v = int(v)
        t = nfc(v)
        return t or None

    return map_unique(s, one)


class _Checker:
    """Collects DataCheck records for one raw table."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.records: list[DataCheck] = []

    def add(
        self, level: str, mask: np.ndarray, key: str, raw: pd.Series | None, message: str, code: str
    ) -> None:
        for i in np.flatnonzero(mask):
            value = "" if raw is None or raw.iloc[i] is None else str(raw.iloc[i])
            self.records.append(
                DataCheck(
                    level=level,
                    file=self.table.file,
                    sheet=self.table.sheet,
                    row=self.table.row_numbers[i],
                    column=self.table.headers.get(
                        key, COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key
                    ),
                    value=value,
                    message=message.format(value=value),
                    code=code,
                )
            )


def clean_table(table: RawTable) -> tuple[pd.DataFrame, list[DataCheck], int, int]:
    """One raw table -> (usable rows, checks, excluded case rows, non-case lines)."""
    n = len(table.rows)
    chk = _Checker(table)
    raw = {k: pd.Series(table.column_values(k), dtype=object) for k in table.columns}
    out = pd.DataFrame(index=pd.RangeIndex(n))
    for key in TEXT_KEYS:
        out[key if key not in ("unit", "parent") else f"{key}_raw"] = (
            _text(raw[key]) if key in raw else pd.Series([None] * n, dtype=object)
        )
    dates = {key: parse_dates(raw[key].tolist()) for key in DATE_KEYS if key in raw}
    # Lines below the data ("Tổng cộng: …", "Người lập biểu") have no unit and no date of
    # receipt or due date: listed for information, not counted as excluded case rows.
    trailer = out["unit_raw"].isna().to_numpy()
    for key in ("received", "due"):
        if key in dates:
            trailer = trailer & dates[key][0].isna().to_numpy()
    if trailer.any():
        line_text = pd.Series(
            [" ".join(str(c) for c in row if c not in (None, "")) for row in table.rows]
        )
        chk.add(INFO, trailer, "code", line_text,
                "Dòng '{value}' không phải hồ sơ (không có đơn vị, ngày tiếp nhận hay ngày hẹn "
                "trả): bỏ qua.",
                "not_a_case")  # fmt: skip

    excluded = trailer.copy()
    for key, col in (("code", "code"), ("unit", "unit_raw")):
        missing = out[col].isna().to_numpy() & ~trailer
        chk.add(ERROR, missing, key, raw[key],
                f"Thiếu {COLUMN_BY_KEY[key].header.lower()}: hồ sơ bị loại khỏi số liệu.",
                "missing_required")  # fmt: skip
        excluded = excluded | missing

    for key in DATE_KEYS:
        if key not in raw:
            out[key] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
            continue
        parsed, bad = dates[key]
        bad = bad & ~trailer
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
            words = map_unique(raw[key], _word_reader(key))
            blank = _text(raw[key]).isna()
            unknown = (words.isna() & ~blank).to_numpy() & ~excluded
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
        status = map_unique(raw["status"], lambda v: STATUS_WORDS.get(fold(v)))
        blank = _text(raw["status"]).isna()
        unknown = (status.isna() & ~blank).to_numpy() & ~excluded
        chk.add(WARNING, unknown, "status", raw["status"],
                "Không nhận ra trạng thái '{value}': tính là đã có kết quả nếu có ngày có kết quả, "
                "ngược lại là đang xử lý.", "unknown_status")  # fmt: skip
    else:
        status = pd.Series([None] * n, dtype=object)
    derived = np.where(finished_chain.notna(), "resolved", "processing")
    status = status.fillna(pd.Series(derived, index=status.index))
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
        col = key if key != "unit" else "unit_raw"
        looks = map_unique(out[col], lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
        chk.add(INFO, looks.to_numpy(dtype=bool) & ~excluded, key, out[col],
                "Giá trị '{value}' bắt đầu như một công thức: được giữ và ghi lại dưới dạng văn "
                "bản.", "formula_like")  # fmt: skip

    out["source_file"] = table.file
    out["source_sheet"] = table.sheet
    out["source_row"] = np.asarray(table.row_numbers, dtype=np.int64)
    keep = out.loc[~excluded & ~trailer].rename(columns={"level": "level_raw"})
    dropped = int((excluded & ~trailer).sum())
    frame = keep.loc[:, list(CASE_COLUMNS)].reset_index(drop=True)
    return frame, chk.records, dropped, int(trailer.sum())


def _word_reader(key: str) -> Callable[[object], str | None]:
    known, hints = WORD_TABLES[key], WORD_HINTS.get(key, ())

    def read(v: object) -> str | None:
        return known.get(fold(_num_word(v))) or hinted(hints, v)

    return read


def _num_word(v: object) -> object:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _contradictions(chk: _Checker, out: pd.DataFrame, excluded: np.ndarray) -> None:
    rec = out["received"].dt.floor("D")
    fin = out["finished"].dt.floor("D")
    due = out["due"].dt.floor("D")
    delivered = out["delivered"].dt.floor("D")
    result = out["result_date"].dt.floor("D")
    keep = ~excluded
    for mask, key, msg, code in (
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
        values = out[key].dt.strftime("%d/%m/%Y")
        chk.add(WARNING, mask & keep, key, values, msg, code)


def clean_tables(tables: Sequence[RawTable]) -> CleanCases:
    frames, checks, excluded, rows_read, non_case = [], [], 0, 0, 0
    for t in tables:
        frame, found, dropped, lines = clean_table(t)
        frames.append(frame)
        checks.extend(found)
        excluded += dropped
        non_case += lines
        rows_read += len(t.rows)
    cases = pd.concat(frames, ignore_index=True) if frames else _empty()
    return CleanCases(cases, checks, rows_read, excluded, non_case)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in CASE_COLUMNS})


#: what two rows of the same case must agree on to be "identical": the facts as read,
#: with the unit as matched (two programs write the same desk differently)
_FACT_COLUMNS = [
    "code", "unit_id", "agency", "procedure", "field", "received", "due", "result_date",
    "delivered", "stopped", "status", "channel", "online_level",
]  # fmt: skip
_STATUS_RANK = {"processing": 0, "cancelled": 1, "returned": 2, "withdrawn": 2, "resolved": 3}


def dedupe(cases: pd.DataFrame) -> tuple[pd.DataFrame, list[DataCheck], int]:
    """The same case code twice is one case (spec/inputs.md, "Files"); run after the units
    are matched.

    Identical rows are merged silently; rows that differ are resolved to the one with the
    later facts (a finished date beats none, then the later finished date, a delivered
    date beats none, the later delivered date, the further status, the later file) and
    each dropped row is listed as a warning naming the row that was kept."""
    if cases.empty:
        return cases, [], 0
    code_key = map_unique(cases["code"], fold)
    dup = code_key.duplicated(keep=False).to_numpy()
    if not dup.any():
        return cases, [], 0
    fin = cases["finished"]
    dlv = cases["delivered"]
    rank = pd.DataFrame(
        {
            "code": code_key,
            "has_fin": fin.notna(),
            "fin": fin.fillna(pd.Timestamp.min),
            "has_dlv": dlv.notna(),
            "dlv": dlv.fillna(pd.Timestamp.min),
            "status": cases["status"].map(_STATUS_RANK),
            "order": np.arange(len(cases)),
        }
    )
    ordered = rank.sort_values(["code", "has_fin", "fin", "has_dlv", "dlv", "status", "order"])
    keep_idx = ordered.drop_duplicates("code", keep="last").index
    kept_of = pd.Series(keep_idx, index=rank.loc[keep_idx, "code"].to_numpy())
    dropped = cases.index.difference(keep_idx)
    facts = pd.util.hash_pandas_object(
        cases[[c for c in _FACT_COLUMNS if c in cases]].astype(str), index=False
    )
    checks: list[DataCheck] = []
    for i in dropped:
        k = kept_of[code_key.iloc[i]]
        if facts.iloc[i] == facts.iloc[k]:
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
    return cases.loc[keep_idx.sort_values()].reset_index(drop=True), checks, merged
