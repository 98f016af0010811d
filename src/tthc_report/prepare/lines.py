"""Which lines below a header are cases (docs/inputs.md, "What bad input gets").

A line that carries a case code, or a date where a date column is, is a case: when it
cannot be used it is an error naming the line, never "not a case".  Only lines with
neither (totals, signatures, notes below the data) are skipped as no case.  A line the
reader could not split into the header's columns (``read.tables.LineProblem``) is an
error when it holds anything that looks like a date, otherwise a line that is no case.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..read.tables import LineProblem
from ..read.text import Strings, mask, matches, strings

#: a date as exports write one, readable or not ("31/09/2021", "2021-10-05", "5.10.2021")
DATE_SHAPE = r"\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}"
#: a case code: one word holding a digit ("000.00.H62.D08-210521-0001", "HS-1"); a totals
#: line written in the code column ("Tổng cộng: 15250 hồ sơ") has spaces
CODE_SHAPE = r"^\s*\S*\d\S*\s*$"
#: what Excel holds in one cell; longer text is cut, with a warning
CELL_LIMIT = 32_767
WHOLE_LINE = "(cả dòng)"

LINE_MESSAGES = {
    "width": (
        "Dòng có {fields} trường, dòng tiêu đề có {width}: dấu phân cách khác hoặc thừa, thiếu "
        "trường. Hồ sơ bị loại: hãy sửa dòng trong tệp."
    ),
    "quote": (
        'Dòng có dấu ngoặc kép (") mở mà không đóng nên không tách được các cột. Hồ sơ bị '
        "loại: hãy sửa dòng trong tệp."
    ),
    "unreadable": "Dòng có ký tự không đọc được (NUL). Hồ sơ bị loại: hãy xuất lại tệp.",
}


def line_has_date(problem: LineProblem) -> bool:
    return re.search(DATE_SHAPE, problem.line) is not None


def date_like(values: Strings) -> np.ndarray:
    """Cells holding something written like a date (readable or not)."""
    return matches(strings(values), DATE_SHAPE)


def code_like(values: Strings) -> np.ndarray:
    """Cells holding something written like a case code."""
    return matches(strings(values), CODE_SHAPE)


def too_long(values: pa.Array) -> np.ndarray:
    """Cells (plain or dictionary-encoded text) longer than one Excel cell holds."""
    if pa.types.is_dictionary(values.type):
        return mask(pc.greater(pc.utf8_length(values.dictionary), CELL_LIMIT).take(values.indices))
    return mask(pc.greater(pc.utf8_length(values), CELL_LIMIT))


def cut(values: pa.Array, long: np.ndarray) -> pa.Array:
    """The column with the cells ``long`` cut to what one Excel cell holds."""
    plain = (
        values.dictionary.take(values.indices) if pa.types.is_dictionary(values.type) else values
    )
    shortened = pc.utf8_slice_codeunits(plain.filter(pa.array(long)), 0, CELL_LIMIT)
    return pc.replace_with_mask(plain, pa.array(long), shortened)
