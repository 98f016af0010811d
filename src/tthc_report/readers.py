"""Files -> raw tables.  The only module of the engine that opens input files.

A workbook or CSV is searched for case lists by their header row (spec/inputs.md): the
first of the first 30 rows that names every required column, possibly as a two-row
header with merged cells.  Every sheet that has one is read.  Values are returned as
they stand (calamine's Python values), with their Excel row numbers; nothing is
interpreted here and nothing in the file is changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as calamine

from .errors import InputError
from .schema import COLUMN_BY_KEY, HEADERS, fold, header_key

HEADER_SEARCH_ROWS = 30
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
CSV_ENCODINGS = ("utf-8-sig", "cp1258")

Cell = object


@dataclass
class RawTable:
    """One case list found in one sheet (or CSV file), values untouched."""

    file: str  # the file name as staff know it
    sheet: str  # the sheet name ("" for a CSV)
    columns: dict[str, int]  # canonical key -> column index
    headers: dict[str, str]  # canonical key -> the header text as written in the file
    rows: list[list[Cell]]  # data rows, every cell of the row
    row_numbers: list[int]  # Excel row number (1-based) of each data row
    extra_headers: dict[int, str] = field(default_factory=dict)  # other columns, kept
    header_row: int = 0  # Excel row number of the (last) header row

    def column_values(self, key: str) -> list[Cell]:
        idx = self.columns.get(key)
        if idx is None:
            return [None] * len(self.rows)
        return [r[idx] if idx < len(r) else None for r in self.rows]


@dataclass(frozen=True)
class SheetWithoutHeader:
    """A sheet searched and found to hold no case list (reported when no sheet has one)."""

    sheet: str
    headers_seen: tuple[str, ...]


# --- header detection --------------------------------------------------------------------


KeyFn = Callable[[object], str | None]
CASE_REQUIRED = ("code", "unit", "received", "due")


def _row_keys(cells: Sequence[Cell], key_fn: KeyFn = header_key) -> dict[int, str]:
    keys: dict[int, str] = {}
    for i, c in enumerate(cells):
        k = key_fn(c) if isinstance(c, str) else None
        if k:
            keys[i] = k
    return keys


def _two_row_keys(
    upper: Sequence[Cell], lower: Sequence[Cell], key_fn: KeyFn = header_key
) -> dict[int, str]:
    """Keys of a two-row header: the lower cell, the upper one (merged down), or both joined
    ("Ngày" above "tiếp nhận").  The upper row's group labels are carried across their
    merged span."""
    keys: dict[int, str] = {}
    carried = ""
    width = max(len(upper), len(lower))
    for i in range(width):
        up = upper[i] if i < len(upper) else None
        lo = lower[i] if i < len(lower) else None
        if isinstance(up, str) and up.strip():
            carried = up
        for candidate in (lo, f"{carried} {lo}" if lo else None, up if not lo else None):
            k = key_fn(candidate) if isinstance(candidate, str) else None
            if k:
                keys[i] = k
                break
    return keys


def _complete(keys: dict[int, str], required: Sequence[str]) -> bool:
    found = set(keys.values())
    return all(k in found for k in required)


def find_header(
    rows: Sequence[Sequence[Cell]],
    key_fn: KeyFn = header_key,
    required: Sequence[str] = CASE_REQUIRED,
) -> tuple[int, int, dict[int, str]] | None:
    """(first header row index, number of header rows, column -> key) or None.

    A row that names every required column is the header; otherwise a pair of rows
    (a two-row header with merged cells) whose columns together name them."""
    top = min(len(rows), HEADER_SEARCH_ROWS)
    for i in range(top):
        keys = _row_keys(rows[i], key_fn)
        if _complete(keys, required):
            return i, 1, keys
        if i + 1 < len(rows) and not _complete(_row_keys(rows[i + 1], key_fn), required):
            keys2 = _two_row_keys(rows[i], rows[i + 1], key_fn)
            if _complete(keys2, required):
                return i, 2, keys2
    return None


def headers_seen(rows: Sequence[Sequence[Cell]], key_fn: KeyFn = header_key) -> tuple[str, ...]:
    """The text of the row that looks most like a header, for the error message."""
    best: tuple[int, list[str]] = (-1, [])
    for cells in rows[:HEADER_SEARCH_ROWS]:
        texts = [str(c).strip() for c in cells if isinstance(c, str) and c.strip()]
        score = len(_row_keys(cells, key_fn)) * 100 + len(texts)
        if texts and score > best[0]:
            best = (score, texts)
    return tuple(best[1])


def _header_labels(header_rows: Sequence[Sequence[Cell]]) -> dict[int, str]:
    """Each column's header as staff read it; in a two-row header a group label merged
    across columns ("Ngày") is put before the label below it ("Ngày trả kết quả")."""
    width = max(len(r) for r in header_rows)
    labels: dict[int, str] = {}
    carried = ""
    for i in range(width):
        texts = [
            str(r[i]).strip() if i < len(r) and not _is_blank(r[i]) else "" for r in header_rows
        ]
        if len(texts) == 2:
            upper, lower = texts
            if upper:
                carried = upper
            if lower and carried and not header_key(lower):
                labels[i] = f"{carried} {lower}"  # "Ngày" over "tiếp nhận"
            else:
                labels[i] = lower or upper
        else:
            labels[i] = texts[0]
    return labels


def _is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def table_from_rows(
    rows: list[list[Cell]],
    file: str,
    sheet: str,
    key_fn: KeyFn = header_key,
    required: Sequence[str] = CASE_REQUIRED,
    default_headers: dict[str, str] | None = None,
) -> RawTable | SheetWithoutHeader:
    found = find_header(rows, key_fn, required)
    if found is None:
        return SheetWithoutHeader(sheet, headers_seen(rows, key_fn))
    first, height, keys = found
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    header_rows = rows[first : first + height]
    labels = _header_labels(header_rows)
    for idx, key in sorted(keys.items()):
        if key in columns:  # a second alias of the same column: kept as an extra column
            continue
        columns[key] = idx
        headers[key] = labels.get(idx) or (default_headers or {}).get(key, key)
    last = header_rows[-1]
    extra = {
        i: str(c).strip()
        for i, c in enumerate(last)
        if i not in columns.values() and not _is_blank(c)
    }
    header_folds = {fold(h) for h in headers.values()}
    data: list[list[Cell]] = []
    numbers: list[int] = []
    for offset, r in enumerate(rows[first + height :]):
        if all(_is_blank(c) for c in r):
            continue  # an empty line is not a row of data
        first_key = columns[required[0]]
        first_cell = r[first_key] if first_key < len(r) else None
        if isinstance(first_cell, str) and fold(first_cell) in header_folds:
            continue  # the header repeated on a new printed page
        data.append(list(r))
        numbers.append(first + height + offset + 1)
    return RawTable(
        file=file,
        sheet=sheet,
        columns=columns,
        headers=headers,
        rows=data,
        row_numbers=numbers,
        extra_headers=extra,
        header_row=first + height,
    )


# --- files ---------------------------------------------------------------------------------


def _looks_encrypted(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(8)
        if head != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return False
        fh.seek(0)
        blob = fh.read(1 << 20)
    return "EncryptedPackage".encode("utf-16-le") in blob


def _workbook_rows(path: Path) -> list[tuple[str, list[list[Cell]]]]:
    display = path.name
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb"} and _looks_encrypted(path):
        raise InputError(
            f"Tệp {display} được bảo vệ bằng mật khẩu nên không đọc được. "
            "Hãy mở tệp trong Excel, bỏ mật khẩu (File > Info > Protect Workbook) rồi lưu lại."
        )
    try:
        wb = calamine.CalamineWorkbook.from_path(str(path))
        sheets: list[tuple[str, list[list[Cell]]]] = []
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            rows: list[list[Cell]] = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            sheets.append((name, rows))
        return sheets
    except calamine.PasswordError as exc:
        raise InputError(
            f"Tệp {display} được bảo vệ bằng mật khẩu nên không đọc được. "
            "Hãy bỏ mật khẩu rồi lưu lại."
        ) from exc
    except Exception as exc:  # calamine raises several kinds for a broken file
        raise InputError(
            f"Không mở được tệp {display}: tệp bị hỏng hoặc không phải bảng tính "
            f"{path.suffix.lower()} ({type(exc).__name__}: {exc}). "
            "Hãy xuất lại tệp từ phần mềm một cửa."
        ) from exc


def _decode(path: Path) -> str:
    blob = path.read_bytes()
    if b"\x00" in blob[:4096]:
        raise InputError(
            f"Tệp {path.name} không phải tệp CSV dạng văn bản (có ký tự nhị phân). "
            "Hãy xuất lại tệp CSV hoặc dùng tệp Excel."
        )
    for enc in CSV_ENCODINGS:
        try:
            return blob.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(  # pragma: no cover - cp1258 decodes almost every byte string
        f"Không đọc được bảng mã của tệp {path.name}: hãy lưu lại dưới dạng CSV UTF-8."
    )


def _csv_rows(
    path: Path, key_fn: KeyFn, required: Sequence[str]
) -> list[tuple[str, list[list[Cell]]]]:
    text = _decode(path)
    best: list[list[Cell]] | None = None
    for sep in (",", ";", "\t"):
        head = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS + 1])
        sample: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(head), delimiter=sep)]
        if find_header(sample, key_fn, required) is not None:
            return [("", [list(r) for r in csv.reader(io.StringIO(text), delimiter=sep)])]
        if best is None:
            best = sample
    return [("", best or [])]


def read_file(
    path: Path,
    key_fn: KeyFn = header_key,
    required: Sequence[str] = CASE_REQUIRED,
    default_headers: dict[str, str] | None = None,
) -> tuple[list[RawTable], list[SheetWithoutHeader]]:
    """Every case list in one file, and the sheets that had none."""
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
    sheets = _csv_rows(path, key_fn, required) if suffix == ".csv" else _workbook_rows(path)
    tables: list[RawTable] = []
    missing: list[SheetWithoutHeader] = []
    for name, rows in sheets:
        found = table_from_rows(rows, path.name, name, key_fn, required, default_headers)
        (tables if isinstance(found, RawTable) else missing).append(found)  # type: ignore[arg-type]
    return tables, missing


def no_header_message(
    path: Path, missing: list[SheetWithoutHeader], required_headers: Sequence[str] | None = None
) -> str:
    names = required_headers or [COLUMN_BY_KEY[k].header for k in CASE_REQUIRED]
    required = ", ".join(names)
    parts = []
    for m in missing:
        where = f"trang tính '{m.sheet}'" if m.sheet else "tệp"
        seen = ", ".join(f"'{h}'" for h in m.headers_seen[:25]) or "(trống)"
        parts.append(f"{where}: các tiêu đề tìm thấy {seen}")
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
        found, missing = read_file(path, default_headers=HEADERS)
        if not found:
            raise InputError(no_header_message(path, missing))
        tables.extend(found)
    return tables
