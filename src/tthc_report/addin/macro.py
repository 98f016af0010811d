"""The ribbon buttons: ``main()`` (Lập báo cáo tháng) and ``check()`` (Kiểm tra dữ liệu).

Both run on the workbook that called them (``xlwings.Book.caller()``) and work in two
steps: first read everything and compute everything (``prepare_report`` /
``prepare_checks``: no write), then write through ``xlwings_writer``.  Any problem in the
first step is one message box in Vietnamese naming the file (and sheet and row when
known), and the workbook stays as it was.

Where the cases come from (``sources``): the month's export files in the folder named by
``ThuMucDuLieu`` in ``ThamSo`` (through the same reader, cleaning and cross-file duplicate
rule as ``tthc-report build``), else the rows of ``HoSo``; on desktop Excel, with that cell
blank and ``HoSo`` empty, the officer may pick the files instead.  The catalog comes from
``TepDanhMuc``, else ``DanhMucDonVi``; the month and settings from ``ThamSo``, the earlier
months from ``LichSu``.  ``main()`` writes the same plan as ``tthc-report build``
(``plan.make_plan``): ``HoSo`` afterwards holds the cleaned cases of the current and the
previous period, each with the place it was read from, and every table is sized to the
data.  Then it saves beside the workbook, never over a file: on desktop Excel for Windows
the copy ``BaoCao_TTHC_<yyyy>-<mm>.xlsx`` (``desktop.save_copy``), and wherever the
workbook has a folder the report as an official document ``BaoCao_TTHC_<yyyy>-<mm>.docx``
(``save_document``); the last message box says what was read, used and excluded, and
where the files were saved.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import xlwings as xw

from ..api import report_from_loaded, summarise
from ..config import Settings
from ..document import write_document
from ..errors import ReportError
from ..formatting import number
from ..model import CheckSummary, DataCheck, HistoryRow, Report
from ..outputs import REPORT_STEM, free_report_path
from ..periods import Period, monthly_period, previous_period
from ..workbook.history_io import ANCHOR as HISTORY_ANCHOR
from ..workbook.history_io import history_from_rows
from ..workbook.plan import Plan, check_rows, check_summary, make_plan
from . import desktop
from . import xlwings_writer as writer
from .book import CASES_SHEET, MONTH_NAME, PARAMS, blank, named_value, parse_month, settings_from
from .sources import FOLDER_NAME, Source, book_folder, read_cases, reading_summary

TITLE = "Báo cáo TTHC"
LOG_NAME = "tthc-report-macro.log"
Progress = Callable[[str], None]
#: what the check button computes: the summary line, the KiemTraDuLieu rows, the counts,
#: the source read
Checks = tuple[str, list[list[Any]], CheckSummary, Source]


@dataclass(frozen=True)
class Prepared:
    report: Report
    settings: Settings
    plan: Plan
    source: Source


@dataclass(frozen=True)
class _Checked:
    """What ``plan.check_rows`` / ``plan.check_summary`` read of a report."""

    checks: tuple[DataCheck, ...]
    summary: CheckSummary


def _quiet(message: str) -> None:
    """Progress nobody sees (the remote engine, tests)."""


# --- reading (no write) --------------------------------------------------------------------


def read_history(book: Any) -> list[HistoryRow]:
    """The month rows of the workbook's LichSu sheet (from its values)."""
    rng = book.names[HISTORY_ANCHOR].refers_to_range
    sheet, row, column = rng.sheet, int(rng.row), int(rng.column)
    last = int(sheet.used_range.last_cell.row)
    if last < row:
        return []
    values = sheet.range((row, column), (last, column + writer.BLOCKS[HISTORY_ANCHOR][0] - 1))
    return history_from_rows(values.options(ndim=2).value)


def settings_and_period(book: Any) -> tuple[Settings, Period]:
    """ThamSo's settings and the month's period (told before any file is read)."""
    settings = settings_from({n: named_value(book, n) for n in PARAMS})
    year, month = parse_month(named_value(book, MONTH_NAME))
    return settings, monthly_period(year, month, settings.start_day)


def prepare_report(book: Any, progress: Progress = _quiet, picked: Sequence[Path] = ()) -> Prepared:
    """Read the cases and the calling workbook, compute the report and the plan; write
    nothing."""
    writer.check_names(book)
    settings, period = settings_and_period(book)
    source = read_cases(book, progress, picked)
    progress("Đang tính số liệu")
    report = report_from_loaded(
        source.loaded, period, previous_period(period, settings.start_day), settings,
        read_history(book),
    )  # fmt: skip
    plan = make_plan(report, settings, report.history, source.cells)
    writer.check_capacity(plan)
    return Prepared(report, settings, plan, source)


def prepare_checks(book: Any, progress: Progress = _quiet, picked: Sequence[Path] = ()) -> Checks:
    """The data checks of the same cases the report button would read; write nothing."""
    writer.check_names(book)
    source = read_cases(book, progress, picked)
    checked = cast(Report, _Checked(source.loaded.checks, summarise(source.loaded)))
    return check_summary(checked), check_rows(checked), checked.summary, source


def files_to_pick(book: Any) -> list[Path]:
    """On desktop Excel, with no folder in ThamSo and nothing in HoSo: the files the
    officer picks (none otherwise)."""
    if not desktop.on_desktop(book) or not blank(named_value(book, FOLDER_NAME)):
        return []
    if not blank(book.sheets[CASES_SHEET].range("A2").value):
        return []
    return desktop.pick_export_files(book)


def save_document(book: Any, prepared: Prepared) -> str:
    """The month's report as an official document (.docx) beside the workbook, never over
    a file (``BaoCao_TTHC_2021-10.docx``, then ``... (2).docx``); the sentence saying what
    happened."""
    year, month = prepared.report.period.month or (0, 0)
    folder = book_folder(book)
    if folder is None:
        name = REPORT_STEM.format(year=year, month=month) + ".docx"
        return f"Không lưu văn bản {name}: bảng tính chưa được lưu vào một thư mục trên máy."
    target = free_report_path(folder, year, month, ".docx")
    write_document(prepared.report, prepared.settings, target)
    return f"Đã lưu văn bản {target.name} cạnh bảng tính."


# --- messages ------------------------------------------------------------------------------


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


def report_message(prepared: Prepared, saved: str) -> str:
    r, s = prepared.report, prepared.report.summary
    checks = (
        f"Kiểm tra dữ liệu: {number(s.errors)} lỗi, {number(s.warnings)} cảnh báo, "
        f"{number(s.infos)} thông tin: xem trang KiemTraDuLieu."
    )
    return "\n\n".join((
        f"Đã lập báo cáo {r.period.label} ({r.period.range_label}).",
        reading_summary(prepared.source),
        checks + f" Trang HoSo có {number(len(prepared.plan.blocks['HoSo_Dau']))} hồ sơ "
        "của kỳ này và kỳ trước.",
        saved,
    ))  # fmt: skip


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


# --- the buttons ---------------------------------------------------------------------------


def _press(
    book: Any,
    prepare: Callable[[Any, Progress, Sequence[Path]], Any],
    write: Callable[[Any, Progress], Any],
) -> tuple[Any, Any] | None:
    """A button's two steps with Excel's status bar: ``prepare`` (reads and computes, writes
    nothing), then ``write``; (what each gave), or None after a problem already told."""
    status = desktop.StatusBar(book)
    try:
        picked = _guarded(book, lambda: files_to_pick(book), writes=False)
        if picked is _FAILED:
            return None
        prepared = _guarded(book, lambda: prepare(book, status, picked), writes=False)
        if prepared is _FAILED:
            return None
        written = _guarded(book, lambda: write(prepared, status), writes=True)
        return None if written is _FAILED else (prepared, written)
    finally:
        status.close()


def run_report(book: Any) -> None:
    """The 'Lập báo cáo tháng' button on ``book``."""

    def write(prepared: Prepared, status: Progress) -> str:
        status("Đang ghi bảng tính")
        writer.apply_plan(book, prepared.plan)
        status("Đang lưu bản sao và văn bản của tháng")
        month = prepared.report.period.month or (0, 0)
        saved = []
        for save in (
            lambda: desktop.save_copy(book, *month),
            lambda: save_document(book, prepared),
        ):
            try:
                saved.append(save())
            except Exception as exc:  # the report is written; only a file beside it failed
                saved.append(f"Không lưu được tệp ({type(exc).__name__}: {exc}).")
        return " ".join(saved)

    done = _press(book, prepare_report, write)
    if done is not None:
        _alert(book, report_message(*done))


def run_checks(book: Any) -> None:
    """The 'Kiểm tra dữ liệu' button on ``book``: only KiemTraDuLieu is written."""

    def write(
        prepared: tuple[str, list[list[Any]], CheckSummary, Source], status: Progress
    ) -> None:
        status("Đang ghi trang KiemTraDuLieu")
        writer.write_checks(book, prepared[0], prepared[1])

    done = _press(book, prepare_checks, write)
    if done is None:
        return
    summary, _, counts, source = done[0]
    verdict = (
        f"{number(counts.excluded)} dòng lỗi sẽ bị loại khỏi số liệu"
        if counts.excluded
        else "không có dòng nào bị loại"
    )
    _alert(
        book,
        f"{reading_summary(source)}\n\n{summary} Kết quả: {verdict}. Xem danh sách ở trang "
        "KiemTraDuLieu.",
    )


def main() -> None:
    """Lập báo cáo tháng: the ribbon button of tthc_report_addin.xlam."""
    run_report(xw.Book.caller())


def check() -> None:
    """Kiểm tra dữ liệu: the ribbon button of tthc_kiemtra_addin.xlam."""
    run_checks(xw.Book.caller())
