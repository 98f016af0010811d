"""CSV exports -> cells as text, like a sheet (``readers.py`` finds the case list in them).

A CSV is UTF-8 (with or without BOM) or Windows-1258, split by ',' ';' or tab: the first
separator that shows a header row in the first 30 lines.  Arrow's CSV reader reads the
file from the header row down when every line has the header's number of fields; any
other line (a title, a total, an empty line, a field too many) sends the whole file
through Python's csv module instead, so that no line is lost and every row keeps its
number.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import InputError
from .cells import cells_from_rows
from .headers import HEADER_SEARCH_ROWS, KeyFn, find_header

SEPARATORS = (",", ";", "\t")
Sheet = tuple[str, pa.Table, int]  # (sheet name, cells, Excel row number of the first row)


def _utf8(path: Path) -> bytes:
    """The file's bytes as UTF-8 without BOM."""
    blob = path.read_bytes()
    if b"\x00" in blob[:4096]:
        raise InputError(
            f"Tệp {path.name} không phải tệp CSV dạng văn bản (có ký tự nhị phân). "
            "Hãy xuất lại tệp CSV hoặc dùng tệp Excel."
        )
    if blob.startswith(b"\xef\xbb\xbf"):
        blob = blob[3:]
    if _is_utf8(blob):
        return blob
    return blob.decode("cp1258").encode("utf-8")  # cp1258 decodes every byte string


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
    head_bytes = b"\n".join(data.split(b"\n", HEADER_SEARCH_ROWS + 1)[: HEADER_SEARCH_ROWS + 1])
    head = head_bytes.decode("utf-8", errors="replace")
    best: list[list[str]] | None = None
    for sep in SEPARATORS:
        sample = [list(r) for r in csv.reader(io.StringIO(head), delimiter=sep)]
        found = find_header(sample, key_fn, required)
        if found is not None:
            first = found[0]
            fast = _arrow_cells(data, sep, first, len(sample[first + found[1] - 1]))
            if fast is not None:
                return [("", fast, first + 1)]
            rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=sep))
            return [("", cells_from_rows(rows), 1)]
        if best is None:
            best = sample
    return [("", cells_from_rows(best or []), 1)]


def _arrow_cells(data: bytes, sep: str, skip: int, width: int) -> pa.Table | None:
    """Every line from the header row down, or None when a line has another number of
    fields than the header."""
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
    # one piece per column: the engine works on whole columns, and would otherwise join
    # the pieces of each column again every time it reads one
    return None if odd else table.combine_chunks()
