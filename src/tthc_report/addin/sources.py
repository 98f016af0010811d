"""Where the buttons' cases come from: the month's export files in the folder named by
``ThamSo``'s ``ThuMucDuLieu`` (read through the same reader, cleaning and duplicate rule as
``tthc-report build``), files the officer picked, or else the rows of ``HoSo``.  The unit
catalog comes from the file named by ``TepDanhMuc``, else from ``DanhMucDonVi``.

Nothing is written here; every problem is an InputError in Vietnamese naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any

from ..api import Loaded, load_files, load_tables, summarise
from ..errors import InputError
from ..formatting import number
from ..prepare.catalog import read_catalog
from ..read.folders import export_files
from ..workbook.layout import CATALOG_CELL, FOLDER_CELL
from .book import CASES_SHEET, UNITS_SHEET, blank, case_table, named_value, sheet_values
from .book import unit_catalog as sheet_catalog

FOLDER_NAME, CATALOG_NAME = FOLDER_CELL, CATALOG_CELL
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Source:
    """The cases read for a button, and a sentence saying where they came from."""

    loaded: Loaded
    described: str
    from_files: bool  # read from export files (else from HoSo)
    catalog_file: Path | None
    #: ThamSo's source cells as written (kept as they are when the plan is written)
    cells: dict[str, str]


def book_folder(book: Any) -> Path | None:
    """The folder of the saved workbook, or None (never saved, or a web address)."""
    full = str(book.fullname)
    if "://" in full:
        return None
    path = Path(full) if Path(full).is_absolute() else Path(PureWindowsPath(full))
    return path.parent if path.is_absolute() and path.parent.is_dir() else None


def resolve(value: object, book: Any, what: str) -> Path:
    """A path written in a ThamSo cell; a relative one is relative to the workbook's
    folder."""
    text = str(value).strip().strip('"')
    path = Path(text).expanduser()
    if path.is_absolute():
        return path
    folder = book_folder(book)
    if folder is None:
        raise InputError(
            f"{what} '{text}' là đường dẫn tương đối, nhưng bảng tính {book.name} chưa được "
            "lưu vào một thư mục trên máy: hãy lưu bảng tính, hoặc ghi đường dẫn đầy đủ "
            "(ví dụ D:\\BaoCao\\2021-10)."
        )
    return folder / path


def _this_workbook(book: Any) -> list[Path]:
    folder = book_folder(book)
    return [folder / Path(str(book.fullname)).name] if folder else []


def read_cases(book: Any, progress: Progress, picked: Sequence[Path] = ()) -> Source:
    """The cases of the folder in ``ThuMucDuLieu``, of the ``picked`` files, or of HoSo."""
    catalog_value = named_value(book, CATALOG_NAME)
    catalog_file = None if blank(catalog_value) else resolve(catalog_value, book, "Tệp danh mục")
    if catalog_file is not None and not catalog_file.is_file():
        raise InputError(f"Không tìm thấy tệp danh mục đơn vị {catalog_file} (ô TepDanhMuc).")
    catalog = None if catalog_file else sheet_catalog(sheet_values(book, UNITS_SHEET), book.name)
    folder_value = named_value(book, FOLDER_NAME)
    cells = {n: str(v) for n, v in ((FOLDER_NAME, folder_value), (CATALOG_NAME, catalog_value))
             if not blank(v)}  # fmt: skip
    if not blank(folder_value):
        folder = resolve(folder_value, book, "Thư mục tệp xuất")
        found = export_files(folder, skip=[*_this_workbook(book), *filter(None, [catalog_file])])
        loaded = load_files(found.files, catalog_file, progress, catalog)
        described = f"{len(found.files)} tệp xuất trong thư mục {folder}" + (
            f" (bỏ qua {len(found.skipped)} tệp: "
            + ", ".join(f"{name}: {why}" for name, why in found.skipped[:5])
            + ("..." if len(found.skipped) > 5 else "")
            + ")"
            if found.skipped
            else ""
        )
        return Source(loaded, described, True, catalog_file, cells)
    if picked:
        loaded = load_files(list(picked), catalog_file, progress, catalog)
        return Source(loaded, f"{len(picked)} tệp đã chọn", True, catalog_file, cells)
    return Source(_hoso(book, catalog_file, catalog, progress), f"trang {CASES_SHEET}", False,
                  catalog_file, cells)  # fmt: skip


def _hoso(book: Any, catalog_file: Path | None, catalog: Any, progress: Progress) -> Loaded:
    progress(f"Đang đọc trang {CASES_SHEET}")
    cases = sheet_values(book, CASES_SHEET)
    if cases is None:
        raise InputError(f"Trang {CASES_SHEET} của bảng tính {book.name} trống.")
    table = case_table(cases, book.name)
    if not table.rows:
        raise InputError(
            f"Trang {CASES_SHEET} chưa có hồ sơ nào. Hãy ghi thư mục chứa các tệp xuất của tháng "
            f"vào ô '{FOLDER_NAME}' ở trang ThamSo, hoặc dán danh sách hồ sơ vào trang "
            f"{CASES_SHEET} từ dòng 2, đúng các cột tiêu đề của dòng 1."
        )
    if catalog_file is not None:
        catalog = read_catalog(catalog_file)
    progress("Đang kiểm tra và chuẩn hóa dữ liệu")
    return load_tables([table], catalog)


def reading_summary(source: Source) -> str:
    """What was read and used, for the last message box."""
    s = summarise(source.loaded)
    return (
        f"Đã đọc {source.described}: {number(s.rows_read)} dòng, dùng {number(s.rows_used)} hồ "
        f"sơ; loại {number(s.excluded)} dòng lỗi, {number(s.cancelled)} hồ sơ hủy, gộp "
        f"{number(s.duplicates_merged)} dòng trùng."
    )
