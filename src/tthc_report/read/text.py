"""Text columns as Arrow arrays: the vectorised forms of ``schema.nfc`` and ``schema.fold``.

A year of cases is a million rows; calling a Python function per cell costs seconds per
column.  Columns with few distinct values (units, statuses, channels) are mapped through
Python once per distinct value (``map_distinct``); columns where almost every value is
different (case codes) go through Arrow's compute kernels, which give the same text as
the Python functions for every whitespace character Python knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_SPACES = re.compile(r"\s+")


def fold(text: object) -> str:
    """Matching key of a header or a word: NFC, case folded, trimmed, spaces collapsed."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text))
    s = s.replace("\u00a0", " ").replace("\u200b", "")
    return _SPACES.sub(" ", s).strip().casefold()


#: Vietnamese tone marks: grave, acute, hook above, tilde, dot below
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
#: the old placement of a tone in "oa", "oe", "uy" (on the first vowel: "hòa", "thủy") ->
#: the new one (on the second: "hoà", "thuỷ"); both are in use for the same names
_OLD_TONES = {
    unicodedata.normalize("NFC", a + mark) + b: a + unicodedata.normalize("NFC", b + mark)
    for a, b in (("o", "a"), ("o", "e"), ("u", "y"))
    for mark in _TONE_MARKS
}
_OLD_TONE = re.compile("|".join(_OLD_TONES))


def new_tone_placement(text: str) -> str:
    """Folded text (NFC, lower case) with every tone of "oa", "oe", "uy" on the second
    vowel, so that "Xuân Hòa" and "Xuân Hoà", "Thủy" and "Thuỷ" compare equal."""
    return _OLD_TONE.sub(lambda m: _OLD_TONES[m[0]], text)


def nfc(text: object) -> str:
    """Display form of a name: NFC, trimmed, inner spaces collapsed, case kept."""
    s = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ")
    return _SPACES.sub(" ", s).strip()


def map_unique(values: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``values.map(fn)``, calling ``fn`` once per distinct value (exports repeat the same
    unit, status and channel words thousands of times).  Missing values (None, NaN) are
    passed to ``fn`` as None."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    for i, v in enumerate(uniques):
        mapped[i] = fn(v)
    mapped[-1] = fn(None)  # code -1: a missing value
    return pd.Series(mapped[codes], index=values.index, dtype=object)


#: every character for which Python's str.isspace() is true (what ``\\s`` matches in re)
_PY_SPACE = (
    r"[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+"
)

Strings: TypeAlias = pa.Array | pa.ChunkedArray


def as_array(values: Strings) -> pa.Array:
    """One contiguous array (Arrow tables read from files come in chunks)."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    return values


def strings(values: Strings) -> pa.Array:
    """Any Arrow column as strings (as they are when they are); nulls stay null."""
    arr = as_array(values)
    if pa.types.is_large_string(arr.type) or pa.types.is_string(arr.type):
        return arr
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.large_string())
    return pc.cast(arr, pa.large_string())


def display_text(values: Strings) -> pa.Array:
    """``schema.nfc`` on every cell: NFC, no-break and other spaces collapsed to one space,
    trimmed; an empty result is null.  The result is plain or dictionary-encoded text.

    Plain ASCII columns (case codes, mostly distinct) need no normalisation: only the cells
    with odd spaces are rewritten.  Other columns repeat a few names, which are cleaned once
    each through their dictionary."""
    arr = strings(values)
    if len(arr) and pc.all(pc.string_is_ascii(arr)).as_py() is not False:
        odd = mask(pc.match_substring_regex(arr, pattern=_ODD_SPACE))
        if odd.any():
            idx = np.flatnonzero(odd)
            fixed = _collapse(arr.take(pa.array(idx)))
            arr = _scatter(arr, idx, fixed)
        return pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)
    encoded = pc.dictionary_encode(arr)
    words = pc.utf8_normalize(encoded.dictionary, form="NFC")
    words = _collapse(words)
    words = pc.if_else(pc.equal(words, ""), pa.scalar(None, words.type), words)
    nulls = pc.or_kleene(pc.is_null(encoded.indices), pc.is_null(words).take(encoded.indices))
    indices = pc.if_else(nulls, pa.scalar(None, encoded.indices.type), encoded.indices)
    return pa.DictionaryArray.from_arrays(indices, pc.fill_null(words, ""))


def matches(values: Strings, pattern: str) -> np.ndarray:
    """Cells (plain or dictionary-encoded text) matching a regular expression."""
    arr = as_array(values)
    if pa.types.is_dictionary(arr.type):
        found = pc.match_substring_regex(arr.dictionary, pattern=pattern)
        return mask(found.take(arr.indices))
    return mask(pc.match_substring_regex(arr, pattern=pattern))


_ODD_SPACE = r"[^ \S]|\s\s|^\s|\s$"  # RE2's \s is ASCII whitespace; ASCII text only here


def _collapse(arr: pa.Array) -> pa.Array:
    arr = pc.replace_substring_regex(arr, pattern=_PY_SPACE, replacement=" ")
    return pc.utf8_trim(arr, characters=" ")


def _scatter(arr: pa.Array, idx: np.ndarray, values: pa.Array) -> pa.Array:
    """``arr`` with the cells at ``idx`` replaced by ``values``."""
    out = np.asarray(arr.to_numpy(zero_copy_only=False), dtype=object)
    out[idx] = values.to_numpy(zero_copy_only=False)
    return pa.array(out, arr.type)


def fold_text(values: Strings) -> pa.Array:
    """The matching key of ``schema.fold`` for columns of mostly distinct values (case
    codes): NFC, zero-width spaces removed, spaces collapsed, trimmed, lower case.  For
    letters, digits and punctuation lower case is case folding."""
    arr = display_text(pc.replace_substring(strings(values), pattern="\u200b", replacement=""))
    if pa.types.is_dictionary(arr.type):
        return pc.utf8_lower(arr.dictionary).take(arr.indices)
    return pc.utf8_lower(arr)


def blank(values: Strings) -> np.ndarray:
    """True where a cell is empty or only spaces."""
    trimmed = pc.utf8_trim_whitespace(strings(values))
    return mask(pc.or_kleene(pc.is_null(trimmed), pc.equal(trimmed, "")))


def map_distinct(values: Strings, fn: Callable[[str | None], Any]) -> np.ndarray:
    """``[fn(v) for v in values]`` as an object array, with ``fn`` called once per distinct
    value (and once with None for the empty cells); plain or dictionary-encoded text."""
    arr = as_array(values)
    encoded = arr if pa.types.is_dictionary(arr.type) else pc.dictionary_encode(arr)
    mapped = np.empty(len(encoded.dictionary) + 1, dtype=object)
    for i, v in enumerate(encoded.dictionary.to_pylist()):
        mapped[i] = fn(v)
    mapped[-1] = fn(None)  # index -1: an empty cell
    return mapped[pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)]


def mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow column as a numpy mask (null is False)."""
    arr = pc.fill_null(as_array(values), False)
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=bool)


def objects(values: Strings, mostly_distinct: bool = False) -> np.ndarray:
    """A text column as a numpy array of Python strings and None, each distinct text made
    once (a million rows of twenty unit names are twenty strings, not a million); a
    column of mostly distinct texts (case codes) is converted directly."""
    if mostly_distinct:
        return np.asarray(as_array(values).to_numpy(zero_copy_only=False), dtype=object)
    return map_distinct(values, lambda v: v)
