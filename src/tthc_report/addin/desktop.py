"""What only desktop Excel for Windows does, kept apart and small: the status bar, the
file picker, and saving the month's copy (``Workbook.SaveCopyAs``).  Each is a no-op (or
says why it did nothing) on any other engine, such as xlwings' remote engine the tests use.
None of it decides any content.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..outputs import REPORT_STEM, free_report_path

#: the file picker's filter (GetOpenFilename): label, patterns
EXPORT_FILTER = "Tệp xuất hồ sơ (*.xlsx;*.xlsm;*.xls;*.ods;*.csv),*.xlsx;*.xlsm;*.xls;*.ods;*.csv"


def on_desktop(book: Any) -> bool:
    return bool(book.app.engine.name == "excel" and sys.platform == "win32")


class StatusBar:
    """Each long step on Excel's status bar; given back to Excel at the end."""

    def __init__(self, book: Any) -> None:
        self.app = book.app if on_desktop(book) else None

    def __call__(self, message: str) -> None:
        if self.app is not None:
            self.app.status_bar = f"Báo cáo TTHC: {message}…"

    def close(self) -> None:
        if self.app is not None:
            self.app.status_bar = False


def pick_export_files(book: Any) -> list[Path]:
    """Let the officer choose the month's export files (several at once); none when
    cancelled or not on desktop Excel."""
    if not on_desktop(book):
        return []
    chosen = book.app.api.GetOpenFilename(
        EXPORT_FILTER, 1, "Chọn các tệp xuất hồ sơ của tháng", None, True
    )
    if chosen is False or chosen is None:
        return []
    return [Path(str(p)) for p in (chosen if isinstance(chosen, list | tuple) else [chosen])]


def save_copy(book: Any, year: int, month: int) -> str:
    """Save the month's copy beside the workbook, never over a file; the sentence saying
    what happened."""
    name = REPORT_STEM.format(year=year, month=month) + ".xlsx"
    if not on_desktop(book):
        return f"Không lưu bản {name}: chỉ lưu được khi chạy trong Excel trên Windows."
    full = Path(str(book.fullname))
    if "://" in str(book.fullname) or not full.parent.is_dir():
        return (
            f"Không lưu bản {name}: bảng tính chưa được lưu vào một thư mục trên máy "
            "(hãy lưu bảng tính rồi bấm lại)."
        )
    # SaveCopyAs keeps the workbook's own file format, so the copy keeps its extension.
    suffix = full.suffix.lower() if full.suffix.lower() in (".xlsx", ".xlsm", ".xlsb") else ".xlsx"
    target = free_report_path(full.parent, year, month, suffix)
    book.app.calculate()
    book.api.SaveCopyAs(str(target))
    return f"Đã lưu bản {target.name} cạnh bảng tính ({target.parent})."
