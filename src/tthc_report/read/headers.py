"""Finding the header row of a case list (docs/inputs.md, "Headers").

The first of the first 30 rows that names every required column is the header, possibly
as a two-row header with merged cells ("Ngày" over "tiếp nhận").  These functions work
on the head of a sheet as Python lists of cell texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .cells import Cell
from .columns import REQUIRED_KEYS, header_key

HEADER_SEARCH_ROWS = 30

KeyFn = Callable[[object], str | None]


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
    required: Sequence[str] = REQUIRED_KEYS,
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


def headers_seen(
    rows: Sequence[Sequence[Cell]],
    key_fn: KeyFn = header_key,
    required: Sequence[str] = REQUIRED_KEYS,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the texts of the row that looks most like a header, the required keys it does not
    name), for the error message.  Only a row naming at least one column can be a header:
    when none does, no row is shown (a data row is no header) and every key is missing."""
    best: tuple[int, list[str], set[str]] = (0, [], set())
    for cells in rows[:HEADER_SEARCH_ROWS]:
        keys = set(_row_keys(cells, key_fn).values())
        texts = [str(c).strip() for c in cells if isinstance(c, str) and c.strip()]
        score = len(keys) * 100 + len(texts)
        if keys and score > best[0]:
            best = (score, texts, keys)
    return tuple(best[1]), tuple(k for k in required if k not in best[2])


def header_score(rows: Sequence[Sequence[Cell]], key_fn: KeyFn = header_key) -> int:
    """How many columns the best row of ``rows`` names (to choose a CSV's separator)."""
    return max((len(_row_keys(r, key_fn)) for r in rows[:HEADER_SEARCH_ROWS]), default=0)


def header_labels(header_rows: Sequence[Sequence[Cell]]) -> dict[int, str]:
    """Each column's header as staff read it; in a two-row header a group label merged
    across columns ("Ngày") is put before the label below it ("Ngày trả kết quả")."""
    width = max(len(r) for r in header_rows)
    labels: dict[int, str] = {}
    carried = ""
    for i in range(width):
        texts = [
            str(r[i]).strip() if i < len(r) and not is_blank(r[i]) else "" for r in header_rows
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


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
