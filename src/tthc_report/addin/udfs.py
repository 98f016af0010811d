"""Hàm Excel (UDF) của tthc-report: số liệu và lời văn báo cáo ngay trong một ô.

Các hàm đọc hồ sơ ở trang ``HoSo`` và danh mục ở trang ``DanhMucDonVi`` của chính bảng
tính đang gọi, tính bằng đúng bộ máy của báo cáo (``api.load_tables`` +
``api.report_from_loaded``) và không có công thức chỉ số riêng:

- ``=TTHC_CHISO("on_time_rate"; "Huyện Sông Lô"; ThangBaoCao)``: một chỉ số (khóa của
  docs/figures.md: ``received_new``, ``due``, ``on_time_rate``...) của một phần báo cáo
  (``province``, ``local`` hoặc tên phần), một huyện, một cơ quan hay một đơn vị;
- ``=TTHC_LOIVAN(ThangBaoCao)``: lời văn báo cáo, mỗi đoạn một ô theo chiều dọc (mảng).

Tháng bỏ trống: lấy ô ``ThangBaoCao``.  Ngày bắt đầu kỳ, mục tiêu đúng hạn, ngưỡng ít hồ
sơ, tên tỉnh, tên trung tâm lấy từ trang ``ThamSo`` như khi lập báo cáo.  Lời văn ở đây
không dùng trang ``LichSu`` (các tháng trước), nên có thể khác bản của nút "Lập báo cáo
tháng" ở câu "lần đầu tiên".  Một lỗi trả về chữ "Lỗi: ..." nói rõ cần sửa gì.

(English: xlwings UDFs.  The part that touches xlwings is the three decorated functions at
the end; everything above takes plain values (lists of rows) and is tested without Excel.
On Windows the reserved ``caller`` argument is the calling cell as an xlwings Range, hidden
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
    CASES_SHEET,
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
    try:
        key: object = (_freeze(cases), _freeze(units or ()), year, mon, settings, book)
        hash(key)
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


# --- xlwings: the calling workbook -------------------------------------------------------


def report_of_book(book: Any, month: object = None) -> Report:
    """Read HoSo, DanhMucDonVi and ThamSo of an xlwings Book and compute its report."""
    cases = sheet_values(book, CASES_SHEET)
    if cases is None:
        raise InputError(f"Bảng tính {book.name} không có trang {CASES_SHEET}.")
    if blank(month):
        month = named_value(book, MONTH_NAME)
    settings = settings_from({n: named_value(book, n) for n in PARAMS})
    return report_from_values(cases, sheet_values(book, UNITS_SHEET), month, settings, book.name)


def _guard(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:  # a cell shows the message, never a traceback
        return as_message(exc)


@xw.func
@xw.arg("chi_so", doc='Mã chỉ số, ví dụ "on_time_rate", "received_new", "due".')
@xw.arg("don_vi", doc='Phần ("province", "local"), tên huyện, cơ quan hoặc đơn vị.')
@xw.arg("thang", doc="Tháng báo cáo (ô ThangBaoCao hoặc 2021-10); bỏ trống: ThangBaoCao.")
@xw.arg("loai", doc='Tùy chọn: "phan", "huyen", "coquan" hoặc "donvi" khi tên trùng nhau.')
def TTHC_CHISO(
    chi_so: Any, don_vi: Any, thang: Any = None, loai: Any = "", caller: Any = None
) -> Any:
    """Một chỉ số của báo cáo TTHC cho một phần, huyện, cơ quan hay đơn vị trong một tháng,
    tính từ trang HoSo của bảng tính này. Tỷ lệ tính theo phần trăm (95,5 = 95,5%)."""
    return _guard(
        lambda: figure(report_of_book(caller.sheet.book, thang), chi_so, str(don_vi), loai or "")
    )


@xw.func
@xw.arg("thang", doc="Tháng báo cáo (ô ThangBaoCao hoặc 2021-10); bỏ trống: ThangBaoCao.")
def TTHC_LOIVAN(thang: Any = None, caller: Any = None) -> Any:
    """Lời văn báo cáo TTHC của một tháng, mỗi đoạn một ô theo chiều dọc (mảng động)."""
    return _guard(lambda: narrative_column(report_of_book(caller.sheet.book, thang)))
