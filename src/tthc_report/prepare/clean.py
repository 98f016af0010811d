"""Raw tables -> one clean case table with canonical columns, and the data checks.

Rules (docs/inputs.md "Values", docs/figures.md "The case's own facts"):
- a row whose required value is missing or unreadable is excluded and listed (error);
- an unreadable optional date also excludes the row: counting it with the date missing
  would silently put it in the wrong column;
- contradicting facts are kept as written and listed (warning);
- cancelled cases take no part in any count and are listed (info);
- the same case code twice is one case (``duplicates.py``, after the units are matched).

Each rule is one method of ``TableCleaner``, its message beside it; ``clean_table`` applies
them in order, and a row a rule excludes is not looked at by the rules after it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..formatting import number
from ..model import ERROR, INFO, WARNING, DataCheck
from ..read.columns import COLUMN_BY_KEY, DATE_KEYS
from ..read.tables import RawTable
from ..read.text import display_text, fold, fold_text, map_distinct, mask, matches, objects
from .dates import parse_dates
from .lines import (
    CELL_LIMIT,
    LINE_MESSAGES,
    WHOLE_LINE,
    code_like,
    cut,
    date_like,
    line_has_date,
    too_long,
)
from .row_checks import Raw, RowChecks
from .words import (
    CHANNEL_HINTS,
    CHANNEL_WORDS,
    LEVEL_WORDS,
    ONLINE_LEVEL_HINTS,
    ONLINE_LEVEL_WORDS,
    STATUS_WORDS,
    hinted,
)

TEXT_KEYS = ("code", "unit", "agency", "level", "parent", "procedure", "field", "origin")
#: the text columns of the clean case table and the input column each is read from
TEXT_COLUMNS = {"code": "code", "unit_raw": "unit", "agency": "agency", "parent_raw": "parent",
                "procedure": "procedure", "field": "field", "origin": "origin"}  # fmt: skip
WORD_HINTS = {"channel": CHANNEL_HINTS, "online_level": ONLINE_LEVEL_HINTS}
WORD_TABLES = {
    "status": STATUS_WORDS,
    "channel": CHANNEL_WORDS,
    "online_level": ONLINE_LEVEL_WORDS,
    "level": LEVEL_WORDS,
}
#: the columns of the clean case table, in order; ``code_key`` is the code as compared
#: to find the same case twice (``read.text.fold``)
CASE_COLUMNS = (
    "code", "unit_raw", "agency", "level_raw", "parent_raw", "procedure", "field", "origin",
    "received", "due", "result_date", "delivered", "stopped", "finished",
    "status", "channel", "online_level", "source_file", "source_sheet", "source_row",
    "code_key",
)  # fmt: skip
THREADS = min(4, os.cpu_count() or 1)
FORMULA_START = r"^[=+\-@]"  # a text Excel would take for a formula
#: the dates the contradiction rule compares, by calendar day
DAY_KEYS = ("received", "due", "finished", "delivered", "result_date")


class TableCleaner:
    """One raw table through the rules of a case row.  ``excluded`` grows rule by rule;
    ``skip`` marks the lines that are no case rows at all (empty, the header repeated,
    totals and signatures below the data)."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.n = len(table)
        self.checks = RowChecks(table)
        self.raw = {k: table.column_values(k) for k in table.columns}
        self.shown, self.dates = _read_columns(self.raw)
        self.out = pd.DataFrame(index=pd.RangeIndex(self.n))
        self.skip = table.ignored_mask()
        self.non_case = np.zeros(self.n, dtype=bool)
        #: lines the reader could not split into columns: one error each, nothing more
        self.broken = np.zeros(self.n, dtype=bool)
        self.excluded = self.skip.copy()

    def missing(self, key: str) -> np.ndarray:
        """Rows whose cell of ``key`` is empty (all rows when the file has no such column)."""
        if key in self.shown:
            return mask(pc.is_null(self.shown[key]))
        return np.ones(self.n, dtype=bool)

    def exclude(
        self,
        flagged: np.ndarray,
        key: str,
        raw: Raw,
        message: str,
        code: str,
        *,
        also_excluded: bool = False,
    ) -> None:
        """An error: the rows are listed and take no part in any count.  A row already
        excluded is listed again only with ``also_excluded`` (each missing or unreadable
        value of a row is named, so that staff fix them all at once)."""
        flagged = flagged & ~(self.skip | self.broken if also_excluded else self.excluded)
        self.checks.add(ERROR, flagged, key, raw, message, code)
        self.excluded = self.excluded | flagged

    # --- the rules, in the order they apply ---------------------------------------------

    def unreadable_lines(self) -> None:
        """A line the reader could not split into the header's columns (a stray quote mark,
        another separator) is an error when it carries a date, else a line that is no case;
        either way it is looked at no further."""
        trailer = np.zeros(self.n, dtype=bool)
        for i, p in sorted(self.table.problems.items()):
            if self.skip[i]:
                continue
            if not line_has_date(p):
                trailer[i] = True
                continue
            message = LINE_MESSAGES[p.kind].format(fields=p.fields, width=p.width)
            self.checks.add_line(ERROR, i, WHOLE_LINE, p.line, message, "malformed_line")
            self.broken[i] = True
        self.excluded |= self.broken
        self._no_case(trailer)

    def lines_that_are_no_case(self) -> None:
        """Lines below the data ("Tổng cộng: …", "Người lập biểu") have no unit, nothing
        like a date in a date column and nothing like a case code: listed for information,
        not counted as excluded rows.  A line with a code or a date is a case, and its
        problems are errors.  Only the few lines without a unit are looked at."""
        maybe = np.flatnonzero(self.missing("unit") & ~self.skip & ~self.broken)
        where = pa.array(maybe)
        keep = np.ones(len(maybe), dtype=bool)
        for key in DATE_KEYS:
            if key in self.dates and len(maybe):
                keep &= self.dates[key][0].isna().to_numpy()[maybe]
                keep &= ~date_like(self.raw[key].take(where))
        if "code" in self.raw and len(maybe):
            keep &= ~code_like(self.raw["code"].take(where))
        trailer = np.zeros(self.n, dtype=bool)
        trailer[maybe[keep]] = True
        self._no_case(trailer)

    def _no_case(self, trailer: np.ndarray) -> None:
        self.checks.add(INFO, trailer, "code", self.table.line_texts,
                        "Dòng '{value}' không phải hồ sơ (không có mã hồ sơ, đơn vị hay ngày): "
                        "bỏ qua.", "not_a_case")  # fmt: skip
        self.non_case |= trailer
        self.skip = self.skip | trailer
        self.excluded = self.excluded | trailer

    def code_and_unit(self) -> None:
        """A case row without its code or its receiving unit is excluded."""
        for key in ("code", "unit"):
            self.exclude(self.missing(key), key, self.raw[key],
                         f"Thiếu {COLUMN_BY_KEY[key].header.lower()}: hồ sơ bị loại khỏi số "
                         "liệu.", "missing_required", also_excluded=True)  # fmt: skip

    def readable_dates(self) -> None:
        """A date that cannot be read excludes the row, optional dates too: counting it
        without that date would put it silently in the wrong column."""
        for key in DATE_KEYS:
            if key not in self.raw:
                self.out[key] = pd.Series(pd.NaT, index=self.out.index, dtype="datetime64[ns]")
                continue
            parsed, bad = self.dates[key]
            self.out[key] = parsed
            header = COLUMN_BY_KEY[key].header.lower()
            self.exclude(bad, key, self.raw[key],
                         f"Không đọc được {header} '{{value}}' (cần dạng ngày/tháng/năm, ví dụ "
                         "21/9/2021): hồ sơ bị loại khỏi số liệu.", "unreadable_date",
                         also_excluded=True)  # fmt: skip

    def received_date(self) -> None:
        """Every case has a day of receipt."""
        self.exclude(self.out["received"].isna().to_numpy(), "received", self.raw["received"],
                     "Thiếu ngày tiếp nhận: hồ sơ bị loại khỏi số liệu.",
                     "missing_required")  # fmt: skip

    def known_words(self) -> None:
        """Channel, online level and level words not in the lists are warned about and read
        as the default (direct, none, the catalog's level)."""
        defaults = {"channel": "trực tiếp", "online_level": "để trống", "level": "theo danh mục"}
        for key, default in defaults.items():
            if key not in self.raw:
                self.out[key] = None
                continue
            words = pd.Series(map_distinct(self.raw[key], _word_reader(key)), dtype=object)
            unknown = words.isna().to_numpy() & ~self.missing(key) & ~self.excluded
            self.checks.add(WARNING, unknown, key, self.raw[key],
                            f"Không nhận ra giá trị '{{value}}' của cột "
                            f"{COLUMN_BY_KEY[key].header}: tính như {default}.",
                            f"unknown_{key}")  # fmt: skip
            self.out[key] = words
        self.out["channel"] = self.out["channel"].fillna("direct")

    def status_and_end(self) -> None:
        """The status word, else resolved when a result date is given, else processing; the
        finished day by the fallback chain of docs/figures.md."""
        out, raw = self.out, self.raw
        finished_chain = out["result_date"].fillna(out["delivered"])
        stopped_chain = out["stopped"].fillna(finished_chain)
        status = pd.Series([None] * self.n, dtype=object)
        if "status" in raw:
            status = pd.Series(
                map_distinct(raw["status"], lambda v: STATUS_WORDS.get(fold(v))), dtype=object
            )
            unknown = status.isna().to_numpy() & ~self.missing("status") & ~self.excluded
            self.checks.add(WARNING, unknown, "status", raw["status"],
                            "Không nhận ra trạng thái '{value}': tính là đã có kết quả nếu có "
                            "ngày có kết quả, ngược lại là đang xử lý.",
                            "unknown_status")  # fmt: skip
        derived = np.where(finished_chain.notna(), "resolved", "processing").astype(object)
        status = status.fillna(pd.Series(derived, index=status.index, dtype=object))
        ended = status.isin(["returned", "withdrawn"])
        finished = stopped_chain.where(ended, finished_chain)
        done = ((status == "processing") & finished.notna()).to_numpy() & ~self.excluded
        self.checks.add(WARNING, done, "status", raw.get("status"),
                        "Hồ sơ đang xử lý nhưng đã có ngày có kết quả: tính là đã có kết quả.",
                        "processing_with_result")  # fmt: skip
        out["status"] = status.mask(done, "resolved")
        out["finished"] = finished

    def end_date_of_ended_cases(self) -> None:
        """A resolved, returned or withdrawn case with no date at all to end it is excluded:
        its period cannot be known."""
        ended = self.out["status"].isin(["resolved", "returned", "withdrawn"])
        self.exclude((ended & self.out["finished"].isna()).to_numpy(), "status",
                     self.raw.get("status"),
                     "Hồ sơ có trạng thái '{value}' nhưng không có ngày có kết quả, ngày trả kết "
                     "quả hay ngày trả lại/rút: không xác định được kỳ, hồ sơ bị loại khỏi số "
                     "liệu.", "missing_finished")  # fmt: skip

    def due_date(self) -> None:
        """Every case needs its due date, except returned, withdrawn and cancelled ones."""
        needs_due = ~self.out["status"].isin(["returned", "withdrawn", "cancelled"]).to_numpy()
        self.exclude(self.out["due"].isna().to_numpy() & needs_due, "due", self.raw["due"],
                     "Thiếu ngày hẹn trả: hồ sơ bị loại khỏi số liệu.",
                     "missing_required")  # fmt: skip

    def contradictions(self) -> None:
        """Facts that contradict each other are kept as written and listed."""
        day = {k: self.out[k].dt.floor("D") for k in DAY_KEYS}
        for flagged, key, message, code in (
            (day["finished"] < day["received"], "result_date",
             "Ngày kết thúc xử lý đứng trước ngày tiếp nhận: giữ nguyên, tính như kết thúc ngay "
             "ngày tiếp nhận.", "finished_before_received"),
            (day["due"] < day["received"], "due",
             "Ngày hẹn trả '{value}' đứng trước ngày tiếp nhận: giữ nguyên như dữ liệu.",
             "due_before_received"),
            (day["delivered"] < day["result_date"], "delivered",
             "Ngày trả kết quả '{value}' đứng trước ngày có kết quả: giữ nguyên như dữ liệu.",
             "delivered_before_result"),
        ):  # fmt: skip
            self.checks.add(WARNING, flagged.to_numpy() & ~self.excluded, key,
                            _day_texts(self.out[key]), message, code)  # fmt: skip

    def cancelled(self) -> None:
        """Cancelled cases are kept in the table (HoSo shows them) and counted nowhere."""
        cancelled = (self.out["status"] == "cancelled").to_numpy() & ~self.excluded
        self.checks.add(INFO, cancelled, "status", self.raw.get("status"),
                        "Hồ sơ đã hủy: không tính vào số liệu nào.", "cancelled")  # fmt: skip

    def formula_like(self) -> None:
        """Text Excel would take for a formula is kept, and written back as text."""
        for key in ("code", "unit", "agency", "procedure"):
            if key in self.shown:
                looks = matches(self.shown[key], FORMULA_START) & ~self.excluded
                self.checks.add(INFO, looks, key, self.shown[key],
                                "Giá trị '{value}' bắt đầu như một công thức: được giữ và ghi "
                                "lại dưới dạng văn bản.", "formula_like")  # fmt: skip

    def text_fits_a_cell(self) -> None:
        """Text longer than one Excel cell holds (32,767 characters) is cut, with a
        warning: Excel would refuse the workbook otherwise."""
        for key in TEXT_KEYS:
            if key not in self.shown:
                continue
            long = too_long(self.shown[key]) & ~self.excluded
            if long.any():
                self.checks.add(WARNING, long, key, self.shown[key],
                                f"Giá trị dài {{length}} ký tự, quá {number(CELL_LIMIT)} ký tự "
                                "một ô Excel chứa được: chỉ giữ phần đầu.",
                                "text_too_long")  # fmt: skip
                self.shown[key] = cut(self.shown[key], long)

    RULES = (
        unreadable_lines, lines_that_are_no_case, code_and_unit, readable_dates, received_date,
        known_words, status_and_end, end_date_of_ended_cases, due_date, contradictions, cancelled,
        formula_like, text_fits_a_cell,
    )  # fmt: skip

    # --- the clean case table -----------------------------------------------------------

    def cases(self) -> pd.DataFrame:
        """The rows no rule excluded, with the columns of ``CASE_COLUMNS``."""
        keep = ~self.excluded
        rows = int(keep.sum())
        kept = {k: v.filter(pa.array(keep)) for k, v in self.shown.items() if k in TEXT_KEYS}
        columns: dict[str, object] = {}
        for name, key in TEXT_COLUMNS.items():
            columns[name] = (
                objects(kept[key], mostly_distinct=key == "code")
                if key in kept
                else _repeated(None, rows)
            )
        for name in CASE_COLUMNS:
            if name in self.out:
                columns[name] = self.out[name].to_numpy()[keep]
        columns["level_raw"] = self.out["level"].to_numpy(dtype=object)[keep]  # as a word
        columns["source_file"] = _repeated(self.table.file, rows)
        columns["source_sheet"] = _repeated(self.table.sheet, rows)
        columns["source_row"] = self.table.row_numbers[keep]
        columns["code_key"] = objects(fold_text(kept["code"]), mostly_distinct=True)
        return pd.DataFrame({name: _column(columns[name]) for name in CASE_COLUMNS}, copy=False)


def clean_table(table: RawTable) -> tuple[pd.DataFrame, list[DataCheck], int, int]:
    """One raw table -> (usable rows, checks, excluded case rows, non-case lines)."""
    cleaner = TableCleaner(table)
    for rule in TableCleaner.RULES:
        rule(cleaner)
    dropped = int((cleaner.excluded & ~cleaner.skip).sum())
    return cleaner.cases(), cleaner.checks.records, dropped, int(cleaner.non_case.sum())


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


def _day_texts(values: pd.Series) -> Callable[[np.ndarray], list[str]]:
    """The dates of some rows as staff write them, made only for the rows listed."""
    return lambda idx: values.iloc[idx].dt.strftime("%d/%m/%Y").tolist()
