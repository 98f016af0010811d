"""Vietnamese number and date formatting for text written by Python (docs/narrative.md).

Thousands with ".", decimals with ",", half-up rounding: 5.409, 99,75%, 21,5%, 09,
21/9/2021.  An undefined rate is written "-", never "0%".
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

LOCALE = "vi_VN"
UNDEFINED = "-"


def half_up(value: float, places: int) -> Decimal:
    """Round half away from zero on the decimal written form (2.225 -> 2.23)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: float, places: int = 0) -> str:
    """5409 -> '5.409'; 21.45 with places=1 -> '21,5'."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(half_up(value, places), format=pattern, locale=LOCALE)


def count(value: int) -> str:
    """A count of files: below 10 with two digits ('09'), else with thousands ('5.409')."""
    return f"{value:02d}" if 0 <= value < 10 else number(value)


def percent(value: float | None, places: int = 2) -> str:
    """99.7526 -> '99,75%'; None -> '-'."""
    return UNDEFINED if value is None else number(value, places) + "%"


def short_date(d: date) -> str:
    """21/9/2021."""
    return f"{d.day}/{d.month}/{d.year}"
