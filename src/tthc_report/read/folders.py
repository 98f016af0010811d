"""A folder of the month's exports -> the files to read.

Staff drop the month's export files (the centre's, one per district...) into one folder.
Every file in it that the readers read is an export, except what is plainly not one:
Office's lock files (``~$...``), hidden files, the report files this tool saves there
(``BaoCao_TTHC_2021-10.xlsx``, ``.docx``, ``.json``), and files the caller names (the
workbook that asks, the unit catalog).  Sub-folders are not searched.  Nothing is opened
here: an export that cannot be read is the reader's error, naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..outputs import REPORT_FILE
from .files import SUFFIXES


@dataclass(frozen=True)
class ExportFolder:
    folder: Path
    files: tuple[Path, ...]  # the exports, by name
    skipped: tuple[tuple[str, str], ...]  # (file name, why it is not read)


def export_files(folder: Path, skip: Iterable[Path] = ()) -> ExportFolder:
    """The export files of ``folder``, in the order of their names; an InputError when the
    folder is missing or holds none."""
    if not folder.exists():
        raise InputError(f"Không tìm thấy thư mục tệp xuất {folder}.")
    if not folder.is_dir():
        raise InputError(f"{folder} không phải một thư mục: hãy ghi thư mục chứa các tệp xuất.")
    others = {p.resolve() for p in skip}
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name.casefold()):
        if path.is_dir():
            continue
        reason = _not_an_export(path, others)
        if reason:
            skipped.append((path.name, reason))
        else:
            files.append(path)
    if not files:
        raise InputError(
            f"Thư mục {folder} không có tệp xuất nào (.xlsx, .xlsm, .xls, .ods hoặc .csv)"
            + (f"; các tệp bỏ qua: {_names(skipped)}" if skipped else "")
            + ". Hãy chép các tệp xuất của tháng vào thư mục này."
        )
    return ExportFolder(folder, tuple(files), tuple(skipped))


def _not_an_export(path: Path, others: set[Path]) -> str:
    name = path.name
    if name.startswith("~$"):
        return "tệp khóa của Office"
    if name.startswith("."):
        return "tệp ẩn"
    if path.resolve() in others:
        return "bảng tính báo cáo hoặc danh mục đơn vị"
    if REPORT_FILE.match(name):
        return "báo cáo do công cụ lưu"
    if path.suffix.lower() not in SUFFIXES:
        return "không phải tệp xuất"
    return ""


def _names(skipped: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{name} ({why})" for name, why in skipped[:10]) + (
        f" và {len(skipped) - 10} tệp khác" if len(skipped) > 10 else ""
    )


def case_files(paths: Sequence[Path], skip: Iterable[Path] = ()) -> list[Path]:
    """The files to read for ``paths`` as given on the command line: a folder stands for
    its export files, a file for itself."""
    out: list[Path] = []
    for path in paths:
        out.extend(export_files(path, skip).files if path.is_dir() else [path])
    return out
