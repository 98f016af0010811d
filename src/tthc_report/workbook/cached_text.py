"""The value of the workbook's text formulas: titles and labels made of quoted text, named
cells, ``TEXT(name,"format")`` and ``IF(name="","...",name)`` joined by ``&``.  Only that
small grammar is understood; anything else is left to the spreadsheet (``None``)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

_STRING = re.compile(r'"((?:[^"]|"")*)"')
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TEXT = re.compile(r'TEXT\(([A-Za-z_][A-Za-z0-9_]*),"([^"]*)"\)')
_BLANK_OR = re.compile(
    r'IF\(([A-Za-z_][A-Za-z0-9_]*)="","((?:[^"]|"")*)",([A-Za-z_][A-Za-z0-9_]*)\)'
)


def as_text(v: Any) -> str:
    """A value as "&" joins it: a whole number without its ".0"."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def text_format(v: Any, fmt: str) -> str:
    """TEXT(v, fmt) for the formats the workbook uses: day/month/year dates and 0%."""
    if isinstance(v, datetime | date):
        if fmt == "dd/mm/yyyy":
            return f"{v.day:02d}/{v.month:02d}/{v.year}"
        if fmt == "d/m/yyyy":
            return f"{v.day}/{v.month}/{v.year}"
    if fmt == "0%" and isinstance(v, int | float):
        return f"{math.floor(abs(v) * 100 + 0.5) * (1 if v >= 0 else -1)}%"
    raise ValueError(fmt)


def evaluate_text(formula: str, names: Mapping[str, Any]) -> str | None:
    """The text a formula of that grammar gives with ``names``' values, or None."""
    body = formula.removeprefix("=")
    out: list[str] = []
    at = 0
    while at < len(body):
        if out and body[at] == "&":
            at += 1
        for pattern in (_STRING, _TEXT, _BLANK_OR, _NAME):
            m = pattern.match(body, at)
            if m:
                break
        else:
            return None
        try:
            out.append(_piece(pattern, m, names))
        except (KeyError, ValueError):
            return None
        at = m.end()
    return "".join(out)


def _piece(pattern: re.Pattern[str], m: re.Match[str], names: Mapping[str, Any]) -> str:
    if pattern is _STRING:
        return m.group(1).replace('""', '"')
    if pattern is _TEXT:
        return text_format(names[m.group(1)], m.group(2))
    if pattern is _BLANK_OR:
        value = as_text(names[m.group(1)])
        return value if value else m.group(2).replace('""', '"')
    return as_text(names[m.group(0)])
