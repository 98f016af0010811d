"""The ribbon buttons: ``main()`` (Lập báo cáo tháng) and ``check()`` (Kiểm tra dữ liệu).

Both run on the workbook that called them (``xlwings.Book.caller()``) and work in two
steps: first read everything and compute everything (``prepare_report`` /
``prepare_checks``: no write), then write through ``xlwings_writer``.  Any problem in the
first step is one message box in Vietnamese and the workbook stays as it was.

What ``main()`` reads, all from the calling workbook: the cases of ``HoSo`` (the template
has no place to name export files, so the cases are always the ones pasted there), the
catalog of ``DanhMucDonVi``, the month and settings of ``ThamSo`` (``ThangBaoCao``,
``NgayBatDau``, ``MucTieuDungHan``, ``NguongItHoSo``, ``TenTinh``, ``TenTrungTam``) and
the earlier months of ``LichSu``.  It writes the same plan as ``tthc-report build``
(``plan.make_plan``), so ``HoSo`` afterwards holds the cleaned cases of the current and the
previous period in canonical words, as in the command line's workbook.

Then, on desktop Excel for Windows only, it saves a copy ``BaoCao_TTHC_<yyyy>-<mm>.xlsx``
beside the workbook (``Workbook.SaveCopyAs``); an existing copy is never replaced: the new
one gets the first free name ``BaoCao_TTHC_<yyyy>-<mm> (2).xlsx``, ``(3)``... and the last
message box names it.  On xlwings' remote engine (the tests) there is no file to copy from:
the step is skipped and the message says so.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import xlwings as xw

from ..api import load_tables, report_from_loaded, summarise
from ..config import Settings
from ..errors import InputError, ReportError
from ..formatting import number
from ..model import CheckSummary, DataCheck, HistoryRow, Report
from ..periods import monthly_period, previous_period
from ..workbook.history_io import ANCHOR as HISTORY_ANCHOR
from ..workbook.history_io import history_from_rows
from ..workbook.plan import Plan, check_rows, check_summary, make_plan
from . import xlwings_writer as writer
from .book import (
    CASES_SHEET,
    MONTH_NAME,
    PARAMS,
    UNITS_SHEET,
    case_table,
    named_value,
    parse_month,
    settings_from,
    sheet_values,
    unit_catalog,
)

TITLE = "Báo cáo TTHC"
COPY_NAME = "BaoCao_TTHC_{year:04d}-{month:02d}"
LOG_NAME = "tthc-report-macro.log"


@dataclass(frozen=True)
class Prepared:
    report: Report
    settings: Settings
    plan: Plan


@dataclass(frozen=True)
class _Checked:
    """What ``plan.check_rows`` / ``plan.check_summary`` read of a report."""

    checks: tuple[DataCheck, ...]
    summary: CheckSummary


# --- reading (no write) --------------------------------------------------------------------


def _loaded(book: Any) -> Any:
    writer.check_names(book)
    cases = sheet_values(book, CASES_SHEET)
    if cases is None:
        raise InputError(f"Trang {CASES_SHEET} của bảng tính {book.name} trống.")
    table = case_table(cases, book.name)
    if not table.rows:
        raise InputError(
            f"Trang {CASES_SHEET} chưa có hồ sơ nào: hãy dán danh sách hồ sơ từ dòng 2, đúng "
            "các cột tiêu đề của dòng 1."
        )
    return load_tables([table], unit_catalog(sheet_values(book, UNITS_SHEET), book.name))


def read_history(book: Any) -> list[HistoryRow]:
    """The month rows of the workbook's LichSu sheet (from its values)."""
    rng = book.names[HISTORY_ANCHOR].refers_to_range
    sheet, row, column = rng.sheet, int(rng.row), int(rng.column)
    last = int(sheet.used_range.last_cell.row)
    if last < row:
        return []
    values = sheet.range((row, column), (last, column + writer.BLOCKS[HISTORY_ANCHOR][0] - 1))
    return history_from_rows(values.options(ndim=2).value)


def prepare_report(book: Any) -> Prepared:
    """Read the calling workbook and compute the report and the plan; write nothing."""
    loaded = _loaded(book)
    settings = settings_from({n: named_value(book, n) for n in PARAMS})
    year, month = parse_month(named_value(book, MONTH_NAME))
    period = monthly_period(year, month, settings.start_day)
    report = report_from_loaded(
        loaded, period, previous_period(period, settings.start_day), settings, read_history(book)
    )
    plan = make_plan(report, settings, report.history)
    writer.check_capacity(plan)
    return Prepared(report, settings, plan)


def prepare_checks(book: Any) -> tuple[str, list[list[Any]], CheckSummary]:
    loaded = _loaded(book)
    checked = cast(Report, _Checked(loaded.checks, summarise(loaded)))
    return check_summary(checked), check_rows(checked), checked.summary


# --- the monthly copy ----------------------------------------------------------------------


def copy_path(folder: Path, year: int, month: int, suffix: str = ".xlsx") -> Path:
    """The first free name for the month's copy in ``folder``: never an existing file."""
    stem = COPY_NAME.format(year=year, month=month)
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem} ({n}){suffix}"
    return path


def save_copy(book: Any, year: int, month: int) -> str:
    """Save the month's copy beside the workbook (desktop Excel for Windows); the sentence
    saying what happened."""
    name = COPY_NAME.format(year=year, month=month) + ".xlsx"
    if book.app.engine.name != "excel" or sys.platform != "win32":
        return f"Không lưu bản {name}: chỉ lưu được khi chạy trong Excel trên Windows."
    full = Path(str(book.fullname))
    if "://" in str(book.fullname) or not full.parent.is_dir():
        return (
            f"Không lưu bản {name}: bảng tính chưa được lưu vào một thư mục trên máy "
            "(hãy lưu bảng tính rồi bấm lại)."
        )
    # SaveCopyAs keeps the workbook's own file format, so the copy keeps its extension.
    suffix = full.suffix.lower() if full.suffix.lower() in (".xlsx", ".xlsm", ".xlsb") else ".xlsx"
    target = copy_path(full.parent, year, month, suffix)
    book.app.calculate()
    book.api.SaveCopyAs(str(target))
    return f"Đã lưu bản {target.name} cạnh bảng tính ({target.parent})."


# --- the buttons ---------------------------------------------------------------------------


def _alert(book: Any, message: str) -> None:
    book.app.alert(message, title=TITLE)


def _log(exc: BaseException) -> str:
    """Write the traceback for IT; the path of the log (or "" when it cannot be written)."""
    path = Path(tempfile.gettempdir()) / LOG_NAME
    try:
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return ""
    return str(path)


def _unexpected(exc: Exception, written: bool) -> str:
    log = _log(exc)
    state = (
        "Bảng tính có thể đã bị ghi một phần: hãy đóng bảng tính KHÔNG lưu rồi mở lại."
        if written
        else "Bảng tính chưa bị thay đổi."
    )
    where = f" Chi tiết cho bộ phận kỹ thuật: {log}." if log else ""
    return f"Có lỗi không mong muốn ({type(exc).__name__}: {exc}). {state}{where}"


def _report_message(prepared: Prepared, saved: str) -> str:
    r = prepared.report
    s = r.summary
    return (
        f"Đã lập báo cáo {r.period.label} ({r.period.range_label}): "
        f"{number(len(prepared.plan.blocks['HoSo_Dau']))} hồ sơ ở trang HoSo; kiểm tra dữ "
        f"liệu: {number(s.errors)} lỗi, {number(s.warnings)} cảnh báo (trang KiemTraDuLieu). "
        f"{saved}"
    )


_FAILED = object()


def _guarded(book: Any, step: Callable[[], Any], writes: bool) -> Any:
    """Run one step of a button; on any error alert in Vietnamese and return _FAILED.
    ``writes``: the step writes into the workbook (the message then says so)."""
    try:
        return step()
    except ReportError as exc:
        _alert(book, str(exc) if not writes else _unexpected(exc, written=True))
    except Exception as exc:
        _alert(book, _unexpected(exc, written=writes))
    return _FAILED


def run_report(book: Any) -> None:
    """The 'Lập báo cáo tháng' button on ``book``."""
    prepared = _guarded(book, lambda: prepare_report(book), writes=False)
    if prepared is _FAILED:
        return
    if _guarded(book, lambda: writer.apply_plan(book, prepared.plan), writes=True) is _FAILED:
        return
    year, month = parse_month(prepared.plan.scalars[MONTH_NAME])
    try:
        saved = save_copy(book, year, month)
    except Exception as exc:  # the report is written; only the copy failed
        saved = f"Không lưu được bản sao ({type(exc).__name__}: {exc})."
    _alert(book, _report_message(prepared, saved))


def run_checks(book: Any) -> None:
    """The 'Kiểm tra dữ liệu' button on ``book``: only KiemTraDuLieu is written."""
    prepared = _guarded(book, lambda: prepare_checks(book), writes=False)
    if prepared is _FAILED:
        return
    summary, rows, counts = prepared
    if _guarded(book, lambda: writer.write_checks(book, summary, rows), writes=True) is _FAILED:
        return
    verdict = (
        f"{number(counts.excluded)} dòng lỗi sẽ bị loại khỏi số liệu"
        if counts.excluded
        else "không có dòng nào bị loại"
    )
    _alert(book, f"{summary} Kết quả: {verdict}. Xem danh sách ở trang KiemTraDuLieu.")


def main() -> None:
    """Lập báo cáo tháng: the ribbon button of tthc_report_addin.xlam."""
    run_report(xw.Book.caller())


def check() -> None:
    """Kiểm tra dữ liệu: the ribbon button of tthc_kiemtra_addin.xlam."""
    run_checks(xw.Book.caller())
