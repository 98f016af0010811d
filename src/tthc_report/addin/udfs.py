"""Hàm Excel (UDF) của tthc-report: số liệu và lời văn báo cáo ngay trong một ô.

Các hàm nhận bảng hồ sơ làm đối số (tên ``HoSo_Bang``: Excel thấy hàm phụ thuộc vào bảng
nên tính lại khi một hồ sơ được sửa), tính bằng đúng bộ máy của báo cáo
(``api.load_tables`` + ``api.report_from_loaded``), không có công thức chỉ số riêng:

- ``=TTHC_CHISO("on_time_rate"; "Huyện Sông Lô"; HoSo_Bang; ThangBaoCao; DanhMuc_Bang)``:
  một chỉ số (khóa của docs/figures.md: ``received_new``, ``due``, ``on_time_rate``...)
  của một phần báo cáo (``province``, ``local`` hoặc tên phần), một huyện, một cơ quan
  hay một đơn vị;
- ``=TTHC_LOIVAN(HoSo_Bang; ThangBaoCao; DanhMuc_Bang)``: lời văn báo cáo, mỗi đoạn một ô
  theo chiều dọc (mảng).

Một lần tính lại của Excel chỉ tính báo cáo của một tháng một lần, dù bao nhiêu ô hỏi:
báo cáo được nhớ theo nội dung của bảng (``report_from_values``).  Tháng bỏ trống: ô
``ThangBaoCao``; danh mục bỏ trống: trang ``DanhMucDonVi``; các tham số (ngày bắt đầu kỳ,
mục tiêu đúng hạn...) lấy từ trang ``ThamSo``: sau khi đổi chúng, bấm Ctrl+Alt+F9.  Lời
văn ở đây không dùng trang ``LichSu``, nên có thể khác bản của nút "Lập báo cáo tháng" ở
câu "lần đầu tiên".  Một lỗi trả về chữ "Lỗi: ..." nói rõ cần sửa gì.

(English: xlwings UDFs.  The decorated functions at the end are what Excel calls;
everything above takes plain values (lists of rows) and is tested without Excel.  On
Windows the reserved ``caller`` argument is the calling cell as an xlwings Range, hidden
from Excel's function wizard.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import xlwings as xw

from ..api import load_tables, report_from_loaded
from ..config import Settings
from ..errors import InputError, ReportError
from ..model import COUNT_KEYS, RATE_KEYS, Metrics, Report
from ..periods import monthly_period, previous_period
from ..read.text import fold
from .book import (
    MONTH_NAME,
    PARAMS,
    UNITS_SHEET,
    Rows,
    blank,
    case_table,
    named_value,
    parse_month,
    settings_from,
    sheet_values,
    unit_catalog,
)

KINDS = {"phan": "section", "huyen": "district", "coquan": "agency", "donvi": "unit"}


_CACHE: dict[object, Report] = {}


def report_from_values(
    cases: Rows, units: Rows | None, month: object, settings: Settings, book: str = ""
) -> Report:
    """The report of a month from the values of HoSo and DanhMucDonVi (no LichSu)."""
    year, mon = parse_month(month)
    try:  # the values' hash, not the values: a month's table is a million cells
        key: object = (hash(_freeze(cases)), hash(_freeze(units or ())), year, mon, settings, book)
    except TypeError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    loaded = load_tables([case_table(cases, book)], unit_catalog(units, book))
    period = monthly_period(year, mon, settings.start_day)
    report = report_from_loaded(
        loaded, period, previous_period(period, settings.start_day), settings
    )
    if key is not None:
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = report
    return report


def _freeze(values: Rows) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(r) for r in values)


# --- report -> figure --------------------------------------------------------------------


def find_metrics(report: Report, where: str, kind: str = "") -> Metrics:
    """The figures of a section (id or title), a district, an agency or a desk, looked up
    in that order unless ``kind`` (phan/huyen/coquan/donvi) says which."""
    want = fold(where)
    kinds = [KINDS[fold(kind).replace(" ", "")]] if kind and not blank(kind) else []
    if kind and not kinds:
        raise InputError(f"Loại '{kind}' không có; dùng: {', '.join(KINDS)}.")
    order = kinds or ["section", "district", "agency", "unit"]
    for k in order:
        for s in report.sections:
            if k == "section":
                if want in (fold(s.id), fold(s.title)):
                    return s.totals
                continue
            for row in s.breakdowns.get(k, ()):
                if fold(row.name) == want:
                    return row.metrics
    names = [s.id for s in report.sections] + [
        r.name for s in report.sections for rows in s.breakdowns.values() for r in rows
    ]
    shown = ", ".join(dict.fromkeys(names[:12]))
    raise InputError(f"Không có phần hay đơn vị '{where}' trong báo cáo (có: {shown}...).")


def figure(report: Report, metric: str, where: str, kind: str = "") -> int | float | str:
    """One figure as the JSON has it (rates in percent); an undefined rate is "-"."""
    key = str(metric).strip()
    if key not in (*COUNT_KEYS, *RATE_KEYS):
        raise InputError(
            f"Không có chỉ số '{metric}'; dùng một trong: {', '.join((*COUNT_KEYS, *RATE_KEYS))}."
        )
    value = find_metrics(report, where, kind).get(key)
    return "-" if value is None else value


def narrative_column(report: Report) -> list[list[str]]:
    return [[p] for p in report.narrative] or [[""]]


def as_message(exc: Exception) -> str:
    return f"Lỗi: {exc}" if isinstance(exc, ReportError) else f"Lỗi: {type(exc).__name__}: {exc}"


# --- xlwings: the functions Excel calls -----------------------------------------------------


def report_of(cases: Rows, month: object, units: Rows | None, caller: Any) -> Report:
    """The report of the case table's values; the month (when blank), the settings and (when
    no catalog table is given) the catalog come from the calling workbook."""
    book = caller.sheet.book if caller is not None else None
    if blank(month) and book is not None:
        month = named_value(book, MONTH_NAME)
    settings = settings_from({n: named_value(book, n) for n in PARAMS}) if book else Settings()
    if units is None and book is not None:
        units = sheet_values(book, UNITS_SHEET)
    return report_from_values(cases, units, month, settings, book.name if book else "")


def _guard(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:  # a cell shows the message, never a traceback
        return as_message(exc)


CASES_DOC = (
    "Bảng hồ sơ: tên HoSo_Bang (trang HoSo, cả dòng tiêu đề). Excel tính lại hàm mỗi khi "
    "bảng này đổi."
)
MONTH_DOC = "Tháng báo cáo (ô ThangBaoCao hoặc 2021-10); bỏ trống: ô ThangBaoCao."
UNITS_DOC = "Tùy chọn: bảng danh mục đơn vị DanhMuc_Bang; bỏ trống: trang DanhMucDonVi."


@xw.func
@xw.arg("chi_so", doc='Mã chỉ số, ví dụ "on_time_rate", "received_new", "due".')
@xw.arg("don_vi", doc='Phần ("province", "local"), tên huyện, cơ quan hoặc đơn vị.')
@xw.arg("ho_so", ndim=2, doc=CASES_DOC)
@xw.arg("thang", doc=MONTH_DOC)
@xw.arg("danh_muc", ndim=2, doc=UNITS_DOC)
@xw.arg("loai", doc='Tùy chọn: "phan", "huyen", "coquan" hoặc "donvi" khi tên trùng nhau.')
def TTHC_CHISO(
    chi_so: Any,
    don_vi: Any,
    ho_so: Any,
    thang: Any = None,
    danh_muc: Any = None,
    loai: Any = "",
    caller: Any = None,
) -> Any:
    """Một chỉ số của báo cáo TTHC cho một phần, huyện, cơ quan hay đơn vị trong một tháng,
    tính từ bảng hồ sơ. Tỷ lệ tính theo phần trăm (95,5 = 95,5%)."""
    return _guard(
        lambda: figure(report_of(ho_so, thang, danh_muc, caller), chi_so, str(don_vi), loai or "")
    )


@xw.func
@xw.arg("ho_so", ndim=2, doc=CASES_DOC)
@xw.arg("thang", doc=MONTH_DOC)
@xw.arg("danh_muc", ndim=2, doc=UNITS_DOC)
def TTHC_LOIVAN(ho_so: Any, thang: Any = None, danh_muc: Any = None, caller: Any = None) -> Any:
    """Lời văn báo cáo TTHC của một tháng, mỗi đoạn một ô theo chiều dọc (mảng)."""
    return _guard(lambda: narrative_column(report_of(ho_so, thang, danh_muc, caller)))
