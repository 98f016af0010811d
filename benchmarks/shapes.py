"""The three export shapes, rendered from the case arrays chunk by chunk.

- ``real_dates``: the centre's software (as ``tthc_report.demo.exports`` writes it): title
  lines, a two-row header with "Ngày" merged over "tiếp nhận" / "hẹn trả" / "có kết quả" /
  "trả kết quả", real Excel dates with a time of day, a totals and a signature line below,
  and a second sheet with no case list;
- ``text_dates``: the district software: two title lines, a one-row header of accepted
  aliases ("Số hồ sơ", "Nơi tiếp nhận", "Ngày nhận", "Hạn giải quyết", ...), dates as text
  in several accepted forms, some case codes written as numbers, some empty dates as "-";
- ``csv``: the ``text_dates`` content as a ';'-separated UTF-8 CSV with a BOM.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tthc_report.demo.exports import (
    _CENTRE_CHANNEL,
    _CENTRE_STATUS,
    _CSV_CHANNEL,
    _CSV_LEVEL,
    _CSV_STATUS,
    _LEVEL,
    SAMPLE,
)

from .cases import (
    AS_OF,
    BAD_VALUES,
    CANCELLED,
    DISTRICT,
    EPOCH,
    PROCESSING,
    PROVINCE,
    RESOLVED,
    RETURNED,
    WITHDRAWN,
    Cases,
    Catalog,
    Layout,
    span_days,
)
from .xlsx import Column

EXCEL_1970 = 25569  # Excel serial of 1970-01-01
#: text date forms (all accepted by docs/inputs.md) and how often each is used
TEXT_FORMS = ("dd/mm/yyyy HH:MM", "d/m/yyyy", "HH:MM dd/mm/yyyy", "dd/mm/yyyy HH:MM:SS",
              "yyyy-mm-dd HH:MM:SS")  # fmt: skip
FORM_SHARE = (0.80, 0.06, 0.06, 0.05, 0.03)
DATE_FIELDS = ("received", "due", "finished", "delivered")

REAL_TOP = ["STT", "Mã hồ sơ", "Tên thủ tục", "Lĩnh vực", "Đơn vị tiếp nhận", "Cơ quan thụ lý",
            "Cấp", "Ngày", None, None, None, "Trạng thái", "Hình thức nộp", "Mức độ"]  # fmt: skip
REAL_LOW = [None] * 7 + ["tiếp nhận", "hẹn trả", "có kết quả", "trả kết quả"]
TEXT_HEADER = ["STT", "Số hồ sơ", "Tên TTHC", "Tên lĩnh vực", "Nơi tiếp nhận", "Huyện",
               "Cấp tiếp nhận", "Cơ quan giải quyết", "Ngày nhận", "Hạn giải quyết",
               "Ngày hoàn thành", "Ngày trả KQ", "Trạng thái hồ sơ", "Kênh tiếp nhận",
               "Loại DVC"]  # fmt: skip

STATUS_REAL = {RESOLVED: "Đã có kết quả", RETURNED: _CENTRE_STATUS["returned"],
               WITHDRAWN: _CENTRE_STATUS["withdrawn"], PROCESSING: "Đang giải quyết",
               CANCELLED: "Đã hủy"}  # fmt: skip
STATUS_TEXT = {RESOLVED: _CSV_STATUS["resolved"], RETURNED: _CSV_STATUS["returned"],
               WITHDRAWN: _CSV_STATUS["withdrawn"], PROCESSING: "Đang xử lý",
               CANCELLED: "Hủy"}  # fmt: skip
DELIVERED_REAL, DELIVERED_TEXT = "Đã trả kết quả", "Đã trả"
CHANNEL_KEYS = ("direct", "online", "postal")  # the order of cases.DIRECT, ONLINE, POSTAL
LEVEL_REAL = ("Cấp tỉnh", "Cấp huyện", "Cấp xã")
LEVEL_TEXT = ("Tỉnh", "Huyện", "Xã")


def _take(words: list[str], codes: np.ndarray) -> pa.Array:
    """words[codes], null where codes < 0."""
    codes = np.asarray(codes, dtype=np.int64)
    return pa.array(words, type=pa.string()).take(pa.array(codes, mask=codes < 0))


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


class Renderer:
    """The columns of one shape for data rows [a, b)."""

    def __init__(self, cat: Catalog, cases: Cases, lay: Layout, seed: int) -> None:
        self.cat, self.c, self.lay = cat, cases, lay
        n = len(cases)
        rng = np.random.default_rng(seed + 11)
        # per case (not per row: a duplicated row must be written identically)
        self.form = rng.choice(len(TEXT_FORMS), (n, 4), p=FORM_SHARE).astype(np.int64)
        self.dash = rng.random((n, 4)) < 0.1  # an empty date written "-"
        self.short_parent = rng.random(n) < 0.5
        last = max(int(np.nanmax(cases.delivered)), int(cases.due.max()), int(cases.received.max()))
        self.dmin = int(cases.received.min())
        days = [EPOCH + timedelta(days=d) for d in range(self.dmin, last + 1)]
        self.nd = len(days)
        day_parts = [f"{d:%d/%m/%Y}" for d in days] + [f"{d.day}/{d.month}/{d.year}" for d in days]
        day_parts += [f"{d:%d/%m/%Y}" for d in days] * 2 + [f"{d:%Y-%m-%d}" for d in days]
        self.day_parts = pa.array(day_parts)
        hm = [f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)]
        self.time_parts = pa.array(hm + [""] * 1440 + hm + [t + ":00" for t in hm] * 2)
        self.seps = pa.array([" ", "", " ", " ", " "])
        self.yymmdd = pa.array([f"{d:%y%m%d}" for d in days])
        self.prefix = pa.array(
            ["000.00.30.H62" if lv == PROVINCE else f"000.{code}.H62"
             for lv, code in zip(cat.level, cat.codes, strict=True)]
        )  # fmt: skip
        names = cat.names
        self.agency_words = cat.agencies + [f"UBND {_lower_first(u)}" for u in names]
        self.parents = [
            "" if lv == PROVINCE else (u if lv == DISTRICT else p)
            for u, lv, p in zip(names, cat.level, cat.parent, strict=True)
        ]
        self.parent_words = self.parents + [p.removeprefix("Huyện ") for p in self.parents]

    # --- helpers ------------------------------------------------------------------------

    def rows(self, a: int, b: int) -> np.ndarray:
        return self.lay.source[a:b]

    def bad(self, a: int, b: int, kind: str) -> np.ndarray:
        mask = np.zeros(b - a, dtype=bool)
        for j, k in self.lay.bad.items():
            if k == kind and a <= j < b:
                mask[j - a] = True
        return mask

    def planted(self, a: int, b: int, kind: str) -> pa.Array | None:
        """The planted unreadable text at its row, null elsewhere (None: not in [a, b))."""
        mask = self.bad(a, b, kind)
        if not mask.any():
            return None
        values = np.full(b - a, None, dtype=object)
        values[mask] = BAD_VALUES[kind]
        return pa.array(values, type=pa.string())

    def days(self, field: str, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        idx = self.rows(a, b)
        d = getattr(self.c, field)[idx].astype(float)
        minute = self.c.minutes[idx, DATE_FIELDS.index(field)].astype(np.int64)
        if field == "received":
            d[self.bad(a, b, "bad_received") | self.bad(a, b, "missing_received")] = np.nan
        if field == "due":
            d[self.bad(a, b, "bad_due")] = np.nan
        return d, minute

    def _with_planted(self, column: Column, field: str, a: int, b: int) -> Column:
        kind = {"received": "bad_received", "due": "bad_due"}.get(field)
        extra = self.planted(a, b, kind) if kind else None
        return column + [("s", extra)] if extra is not None else column

    def serial_date(self, field: str, a: int, b: int) -> Column:
        d, minute = self.days(field, a, b)
        serial = pa.array(d + EXCEL_1970 + minute / 1440.0, mask=np.isnan(d))
        return self._with_planted([("d", pc.cast(serial, pa.string()))], field, a, b)

    def text_date(self, field: str, a: int, b: int) -> Column:
        d, minute = self.days(field, a, b)
        idx = self.rows(a, b)
        k = DATE_FIELDS.index(field)
        form = self.form[idx, k]
        missing = np.isnan(d)
        day_key = np.where(missing, 0, d - self.dmin).astype(np.int64) + form * self.nd
        day_part = self.day_parts.take(pa.array(day_key, mask=missing))
        time_part = self.time_parts.take(pa.array(minute + form * 1440))
        time_first = pa.array(form == 2)
        text = pc.binary_join_element_wise(
            pc.if_else(time_first, time_part, day_part),
            self.seps.take(pa.array(form)),
            pc.if_else(time_first, day_part, time_part),
            "",
        )
        # an empty date is sometimes written "-" (never where an error is planted)
        planted = np.zeros(b - a, dtype=bool)
        if field == "received":
            planted = self.bad(a, b, "missing_received") | self.bad(a, b, "bad_received")
        elif field == "due":
            planted = self.bad(a, b, "bad_due")
        dash = missing & self.dash[idx, k] & ~planted
        text = pc.if_else(pa.array(dash), pa.scalar("-"), text)
        return self._with_planted([("s", text)], field, a, b)

    def stt(self, a: int, b: int) -> Column:
        return [("n", pc.cast(pa.array(np.arange(a + 1, b + 1)), pa.string()))]

    def code(self, a: int, b: int, numbers: bool) -> Column:
        idx = self.rows(a, b)
        gone = self.bad(a, b, "missing_code")
        as_number = self.c.numeric_code[idx] & numbers
        text = pc.binary_join_element_wise(
            self.prefix.take(pa.array(self.c.unit[idx])),
            self.yymmdd.take(pa.array(self.c.received[idx] - self.dmin)),
            pc.utf8_lpad(pc.cast(pa.array(idx), pa.string()), 7, "0"),
            "-",
        )
        text = pc.if_else(pa.array(gone | as_number), pa.scalar(None, pa.string()), text)
        column: Column = [("s", text)]
        if as_number.any():
            num = pa.array(2_110_000_000 + idx, mask=~as_number | gone)
            column.append(("n", pc.cast(num, pa.string())))
        return column

    def words(self, table: list[str], codes: np.ndarray) -> Column:
        return [("s", _take(table, codes))]

    def status(self, a: int, b: int, real: bool) -> Column:
        idx = self.rows(a, b)
        words = STATUS_REAL if real else STATUS_TEXT
        table = [words[k] for k in range(5)] + [DELIVERED_REAL if real else DELIVERED_TEXT]
        st = self.c.status[idx].astype(np.int64)
        handed = (st == RESOLVED) & ~np.isnan(self.c.delivered[idx])
        return self.words(table, np.where(handed, 5, st))

    def body(self, a: int, b: int, real: bool) -> list[Column]:
        c, idx = self.c, self.rows(a, b)
        unit = np.where(self.bad(a, b, "missing_unit"), -1, c.written[idx])
        agency = np.where(c.agency[idx] >= 0, c.agency[idx], len(self.cat.agencies) + c.unit[idx])
        channels = _CENTRE_CHANNEL if real else _CSV_CHANNEL
        levels = _LEVEL if real else _CSV_LEVEL
        date = self.serial_date if real else self.text_date
        cols = [
            self.stt(a, b),
            self.code(a, b, numbers=not real),
            self.words(self.cat.procedures, c.procedure[idx]),
            self.words(self.cat.fields, c.procedure[idx]),
            self.words(self.cat.written, unit),
        ]
        if not real:  # Huyện: the district, by its full or short name
            parent = c.unit[idx] + np.where(self.short_parent[idx], len(self.parents), 0)
            parent = np.where(c.level[idx] == PROVINCE, -1, parent)
            cols.append(self.words(self.parent_words, parent))
        cols += [
            self.words(list(LEVEL_REAL if real else LEVEL_TEXT), c.level[idx]),
            self.words(self.agency_words, agency),
        ]
        if real:  # the centre's software puts the agency before the level
            cols[-2], cols[-1] = cols[-1], cols[-2]
        cols += [date(f, a, b) for f in DATE_FIELDS]
        cols += [
            self.status(a, b, real),
            self.words([channels[k] for k in CHANNEL_KEYS], c.channel[idx]),
            self.words([levels["partial"], levels["full"]], c.online_level[idx]),
        ]
        return cols


def real_layout(n: int) -> tuple[list[list[object]], list[list[object]], list[str]]:
    """(title and header rows, rows below the data, merged ranges) of ``real_dates``."""
    first = AS_OF - timedelta(days=span_days(n) - 1)
    top: list[list[object]] = [
        ["UBND TỈNH VĨNH PHÚC"],
        ["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"],
        [f"DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT ({SAMPLE})"],
        [f"Từ ngày {first:%d/%m/%Y} đến ngày {AS_OF:%d/%m/%Y}"],
        [f"Thời điểm xuất: {AS_OF:%d/%m/%Y} 17:05"],
        [],
        list(REAL_TOP),
        list(REAL_LOW),
    ]
    bottom: list[list[object]] = [
        [],
        [f"Tổng cộng: {n:,} hồ sơ".replace(",", ".")],
        [],
        [None] * 10 + ["Người lập biểu"],
        [None] * 10 + ["(Ký, ghi rõ họ tên)"],
    ]
    merges = [f"{c}7:{c}8" for c in "ABCDEFGLMN"] + ["H7:K7"]
    return top, bottom, merges


def text_top() -> list[list[object]]:
    return [
        [f"DANH SÁCH HỒ SƠ - TỈNH VĨNH PHÚC ({SAMPLE})"],
        [f"Xuất ngày {AS_OF:%d/%m/%Y}"],
        list(TEXT_HEADER),
    ]


#: lines below the data that are no case (rows_read counts them, non_case_lines too)
NON_CASE_LINES = {"real_dates": 3, "text_dates": 0, "csv": 0}
