"""Writing outputs safely: never over an existing file unless asked, always atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import OutputError


def check_targets(paths: Iterable[Path | None], force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse, before any work is done, outputs that would overwrite a file (without
    ``force``), an input file (ever), another output (two outputs on one path), or that
    sit in a missing folder."""
    protected = {p.resolve() for p in inputs}
    targets: set[Path] = set()
    for path in paths:
        if path is None:
            continue
        if path.resolve() in targets:
            raise OutputError(
                f"Hai tệp kết quả cùng một tệp {path}: tệp ghi sau sẽ xóa tệp ghi trước. Hãy "
                "đặt tên khác nhau (ví dụ --json bao_cao.json --out bao_cao.xlsx)."
            )
        targets.add(path.resolve())
        if path.resolve() in protected:
            raise OutputError(
                f"Tệp kết quả {path} trùng với một tệp đầu vào: không bao giờ ghi đè tệp đầu vào."
            )
        if path.is_dir():
            raise OutputError(f"{path} là một thư mục: hãy ghi tên tệp kết quả.")
        if path.exists() and not force:
            raise OutputError(
                f"Tệp {path} đã có. Không ghi đè khi chưa được yêu cầu: "
                "hãy chọn tên khác hoặc thêm --force."
            )
        if not path.parent.exists():
            raise OutputError(f"Thư mục {path.parent} không tồn tại.")


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; give it normal rights
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    atomic_write(path, write)


#: the month's report files this tool saves (the workbook's copy, the document, the JSON):
#: ``BaoCao_TTHC_2021-10.xlsx``, and ``BaoCao_TTHC_2021-10 (2).xlsx`` beside an older one
REPORT_STEM = "BaoCao_TTHC_{year:04d}-{month:02d}"
REPORT_FILE = re.compile(
    r"^BaoCao_TTHC_\d{4}-\d{2}(?: \(\d+\))?\.(?:xlsx|xlsm|xlsb|docx|json)$", re.IGNORECASE
)


def free_report_path(folder: Path, year: int, month: int, suffix: str) -> Path:
    """The first name for the month's report file in ``folder`` that is not taken:
    ``BaoCao_TTHC_2021-10.xlsx``, then ``BaoCao_TTHC_2021-10 (2).xlsx``, ``(3)``..."""
    stem = REPORT_STEM.format(year=year, month=month)
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem} ({n}){suffix}"
    return path
