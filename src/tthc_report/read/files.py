"""Files -> raw tables: open each case-list file, find every case list in it, and say by
name what cannot be read.  With ``spreadsheet_files`` and ``csv_files``, the only modules
of the engine that open input files; nothing in a file is ever changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import InputError
from .columns import COLUMN_BY_KEY, HEADERS, REQUIRED_KEYS, header_key
from .csv_files import csv_sheets
from .headers import KeyFn
from .spreadsheet_files import workbook_sheets
from .tables import RawTable, SheetWithoutHeader, table_from_cells

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}


def read_file(
    path: Path,
    key_fn: KeyFn = header_key,
    required: Sequence[str] = REQUIRED_KEYS,
    default_headers: dict[str, str] | None = None,
    compact: bool = True,
) -> tuple[list[RawTable], list[SheetWithoutHeader]]:
    """Every case list in one file, and the sheets that had none (see ``table_from_cells``
    for ``compact``)."""
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise InputError(f"{path} là một thư mục, không phải tệp danh sách hồ sơ.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"Tệp {path.name} có định dạng {suffix or '(không có phần mở rộng)'} không được hỗ "
            "trợ. Hãy dùng tệp .xlsx, .xlsm, .xls, .ods hoặc .csv."
        )
    if path.stat().st_size == 0:
        raise InputError(f"Tệp {path.name} rỗng (0 byte, không có dữ liệu). Hãy xuất lại tệp.")
    sheets = csv_sheets(path, key_fn, required) if suffix == ".csv" else workbook_sheets(path)
    tables: list[RawTable] = []
    missing: list[SheetWithoutHeader] = []
    for sheet in sheets:
        found = table_from_cells(
            sheet.cells, sheet.first_row, path.name, sheet.name, key_fn, required,
            default_headers, compact, sheet.numbers, sheet.problems,
        )  # fmt: skip
        (tables if isinstance(found, RawTable) else missing).append(found)  # type: ignore[arg-type]
    return tables, missing


def no_header_message(
    path: Path, missing: list[SheetWithoutHeader], required_headers: Sequence[str] | None = None
) -> str:
    names = required_headers or [COLUMN_BY_KEY[k].header for k in REQUIRED_KEYS]
    required = ", ".join(names)
    parts = []
    for m in missing:
        where = f"trang tính '{m.sheet}'" if m.sheet else "tệp"
        if not m.headers_seen:
            parts.append(f"{where}: không có dòng nào giống dòng tiêu đề")
            continue
        seen = ", ".join(f"'{h}'" for h in m.headers_seen[:25])
        lacking = f"; thiếu cột {', '.join(m.missing)}" if m.missing else ""
        parts.append(f"{where}: các tiêu đề tìm thấy {seen}{lacking}")
    return (
        f"Không tìm thấy dòng tiêu đề danh sách hồ sơ trong 30 dòng đầu của tệp {path.name}. "
        f"Cần có các cột: {required} (hoặc tên tương đương). " + "; ".join(parts) + "."
    )


def read_case_files(
    paths: Sequence[Path], progress: Callable[[str], None] | None = None
) -> list[RawTable]:
    """Read every file; a file with no case list at all is an InputError naming it."""
    tables: list[RawTable] = []
    for n, path in enumerate(paths, 1):
        if progress:
            progress(f"Đang đọc tệp {n}/{len(paths)}: {path.name}")
        found, missing = read_file(path, default_headers=HEADERS, compact=False)
        if not found:
            raise InputError(no_header_message(path, missing))
        tables.extend(found)
    return tables
