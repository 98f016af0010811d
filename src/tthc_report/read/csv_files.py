"""CSV exports -> cells as text, like a sheet (``files.py`` finds the case list in them).

A CSV is UTF-8 (with or without BOM; a few broken bytes, as in a file cut short, are read
as U+FFFD), UTF-16 or UTF-32 with a BOM, or else Windows-1258;
its lines end in CR LF, LF or CR; it is split by ',' ';' or tab: the first separator that
shows a header row in the first 30 lines.  Arrow's CSV reader reads the file from the
header row down when every line is one row of the header's number of fields; otherwise
``csv_lines`` reads it record by record, so that no line is lost, every row keeps its line
number, and a line that cannot be read (a stray quote mark, a line with another separator)
is marked for the data checks while the rest of the file is read.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import InputError
from .cells import cells_from_rows
from .csv_lines import any_field_size, fields_of, read_lines
from .headers import HEADER_SEARCH_ROWS, KeyFn, find_header, header_score
from .tables import Sheet

SEPARATORS = (",", ";", "\t")
#: byte order marks of the Unicode encodings read besides UTF-8 (longest first)
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _utf8(path: Path) -> bytes:
    """The file's text as UTF-8 without BOM, its lines ending in LF or CR LF."""
    blob = path.read_bytes()
    for bom, encoding in BOMS:
        if blob.startswith(bom):
            try:
                blob = blob[len(bom) :].decode(encoding).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"Tệp {path.name} ghi bằng bảng mã {encoding.upper()} nhưng có đoạn không "
                    "đọc được (tệp bị cắt hoặc hỏng). Hãy xuất lại tệp CSV, tốt nhất là dạng "
                    f"CSV UTF-8. Chi tiết: {exc}."
                ) from exc
            break
    else:
        if b"\x00" in blob[:4096]:
            raise InputError(_not_text(path, blob))
        blob = blob.removeprefix(b"\xef\xbb\xbf")
        if not _is_utf8(blob):
            blob = _mostly_utf8_or_cp1258(blob)
    if not blob.strip():
        raise InputError(f"Tệp {path.name} rỗng (không có dòng nào). Hãy xuất lại tệp.")
    if b"\r" in blob and blob.count(b"\r") != blob.count(b"\r\n"):  # CR alone ends lines
        blob = blob.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return blob


def _not_text(path: Path, blob: bytes) -> str:
    head = blob[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) > len(head) // 4 and min(odd, even) * 10 < max(odd, even):
        return (
            f"Tệp {path.name} ghi bằng bảng mã UTF-16 nhưng không có dấu BOM ở đầu tệp nên "
            "không biết thứ tự byte. Hãy mở tệp và lưu lại dạng CSV UTF-8 (Excel: Save As > "
            "CSV UTF-8)."
        )
    return (
        f"Tệp {path.name} không phải tệp CSV dạng văn bản (có ký tự nhị phân). "
        "Hãy xuất lại tệp CSV hoặc dùng tệp Excel."
    )


def _mostly_utf8_or_cp1258(blob: bytes) -> bytes:
    """Text that is not valid UTF-8, as UTF-8: UTF-8 with a few broken bytes (a file cut in
    the middle of a letter) keeps its letters, anything else is Windows-1258; a byte
    neither can read becomes U+FFFD."""
    text = blob.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii = len(blob) - len(blob.translate(None, bytes(range(128, 256))))
    if broken * 20 > non_ascii:
        text = blob.decode("cp1258", errors="replace")
    return text.encode("utf-8")


def _is_utf8(blob: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the bytes are valid UTF-8, checked a piece at a time (decoding a large
    file whole would hold a second, larger copy of it)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(blob)
    try:
        for start in range(0, len(blob), chunk):
            decoder.decode(view[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def csv_sheets(path: Path, key_fn: KeyFn, required: Sequence[str]) -> list[Sheet]:
    """The file as one sheet."""
    data = _utf8(path)
    head_bytes = data.split(b"\n", HEADER_SEARCH_ROWS + 1)[: HEADER_SEARCH_ROWS + 1]
    head = [line.decode("utf-8", errors="replace").rstrip("\r") for line in head_bytes]
    with any_field_size():
        samples = {sep: [fields_of(line, sep) for line in head] for sep in SEPARATORS}
        for sep, sample in samples.items():
            found = find_header(sample, key_fn, required)
            if found is None:
                continue
            first, height = found[0], found[1]
            width = len(sample[first + height - 1])
            fast = _arrow_cells(data, sep, first, width)
            if fast is not None:
                return [Sheet("", fast, first + 1)]
            return [read_lines(data.decode("utf-8"), sep, width)]
    # no header: the separator that shows the headers best, for the message
    best = max(samples.values(), key=lambda s: header_score(s, key_fn))
    return [Sheet("", cells_from_rows(best), 1)]


def _arrow_cells(data: bytes, sep: str, skip: int, width: int) -> pa.Table | None:
    """Every line from the header row down, or None unless each line is one row of the
    header's number of fields (a record over several lines would shift the numbers)."""
    odd: list[object] = []

    def refuse(row: object) -> str:
        odd.append(row)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(skip_rows=skip, column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=True, ignore_empty_lines=False,
                invalid_row_handler=refuse,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True,
            ),
        )  # fmt: skip
    except pa.ArrowInvalid:
        return None
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if odd or table.num_rows != lines - skip:
        return None
    # one piece per column: the engine works on whole columns, and would otherwise join
    # the pieces of each column again every time it reads one
    return table.combine_chunks()
