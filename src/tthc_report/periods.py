"""Reporting periods (docs/figures.md, "The reporting period").

A monthly period for month M runs from day ``start_day`` of month M-1 to day
``start_day - 1`` of month M, both inclusive; ``start_day = 1`` gives the calendar month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import ConfigError
from .formatting import short_date

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
#: the years a report period may fall in
YEARS = (2000, 2100)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    #: (year, month) of the report month for a monthly period, else None
    month: tuple[int, int] | None = None

    @property
    def range_label(self) -> str:
        """'từ ngày 21/9/2021 đến ngày 20/10/2021'."""
        return f"từ ngày {short_date(self.start)} đến ngày {short_date(self.end)}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}


def check_start_day(start_day: int) -> None:
    if not 1 <= start_day <= 28:
        raise ConfigError(
            f"Ngày bắt đầu kỳ báo cáo (start_day) phải từ 1 đến 28, không phải {start_day}."
        )


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def monthly_period(year: int, month: int, start_day: int) -> Period:
    """The period of report month ``month/year``."""
    check_start_day(start_day)
    if start_day == 1:
        start = date(year, month, 1)
        end = date(year, month, calendar.monthrange(year, month)[1])
    else:
        py, pm = _add_months(year, month, -1)
        start = date(py, pm, start_day)
        end = date(year, month, start_day - 1)
    return Period(start, end, f"Tháng {month}/{year}", (year, month))


def period_of_day(day: date, start_day: int) -> Period:
    """The monthly period that contains ``day``."""
    year, month = day.year, day.month
    if start_day > 1 and day.day >= start_day:
        year, month = _add_months(year, month, 1)
    return monthly_period(year, month, start_day)


def range_period(start: date, end: date, start_day: int) -> Period:
    """An explicit --from/--to range, labelled as a month, quarter, half or year when it is
    exactly the union of those monthly periods."""
    if end < start:
        raise ConfigError(
            f"Ngày kết thúc {short_date(end)} đứng trước ngày bắt đầu {short_date(start)}."
        )
    first = period_of_day(start, start_day)
    last = period_of_day(end, start_day)
    label = f"Từ ngày {short_date(start)} đến ngày {short_date(end)}"
    month = None
    if first.start == start and last.end == end and first.month and last.month:
        (y1, m1), (y2, m2) = first.month, last.month
        span = (y2 * 12 + m2) - (y1 * 12 + m1) + 1
        if span == 1:
            return first
        if y1 == y2 and span == 3 and m1 % 3 == 1:
            label = f"Quý {ROMAN[(m1 + 2) // 3]}/{y1}"
        elif y1 == y2 and span == 6 and m1 == 1:
            label = f"6 tháng đầu năm {y1}"
        elif y1 == y2 and span == 6 and m1 == 7:
            label = f"6 tháng cuối năm {y1}"
        elif y1 == y2 and span == 12 and m1 == 1:
            label = f"Năm {y1}"
        elif y1 == y2 and span == 9 and m1 == 1:
            label = f"9 tháng đầu năm {y1}"
    return Period(start, end, label, month)


def previous_period(period: Period, start_day: int) -> Period:
    """The period just before: the previous month for a monthly period, otherwise the
    range of the same number of monthly periods (or of days) ending the day before."""
    if period.month:
        y, m = _add_months(*period.month, -1)
        return monthly_period(y, m, start_day)
    first = period_of_day(period.start, start_day)
    last = period_of_day(period.end, start_day)
    if first.start == period.start and last.end == period.end and first.month and last.month:
        span = (last.month[0] * 12 + last.month[1]) - (first.month[0] * 12 + first.month[1]) + 1
        py, pm = _add_months(*first.month, -span)
        ly, lm = _add_months(*first.month, -1)
        return range_period(
            monthly_period(py, pm, start_day).start,
            monthly_period(ly, lm, start_day).end,
            start_day,
        )
    end = period.start - timedelta(days=1)
    return range_period(end - timedelta(days=period.days - 1), end, start_day)


def months_period(year: int, first: int, count: int, start_day: int) -> Period:
    """The union of ``count`` monthly periods from report month ``first/year``, labelled as
    the form names it ("Quý III/2021", "6 tháng đầu năm 2021", "Năm 2021")."""
    ly, lm = _add_months(year, first, count - 1)
    start = monthly_period(year, first, start_day).start
    return range_period(start, monthly_period(ly, lm, start_day).end, start_day)


def quarter_period(year: int, quarter: int, start_day: int) -> Period:
    """Quarter ``quarter`` (1-4) of ``year``: its three monthly periods."""
    return months_period(year, 3 * quarter - 2, 3, start_day)


def half_period(year: int, half: int, start_day: int) -> Period:
    """Half-year ``half`` (1: months 1-6, 2: months 7-12) of ``year``."""
    return months_period(year, 6 * half - 5, 6, start_day)


def year_period(year: int, start_day: int) -> Period:
    """The twelve monthly periods of ``year``."""
    return months_period(year, 1, 12, start_day)


_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
_HALF = re.compile(r"^\s*(\d{4})\s*-?\s*H([12])\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


def parse_quarter(text: str) -> tuple[int, int]:
    """'2021-Q3' -> (2021, 3)."""
    m = _QUARTER.match(text or "")
    if not m:
        raise ConfigError(
            f"Quý báo cáo '{text}' không hợp lệ: hãy viết theo dạng YYYY-Qn, ví dụ 2021-Q3."
        )
    return int(m.group(1)), int(m.group(2))


def parse_half(text: str) -> tuple[int, int]:
    """'2021-H1' -> (2021, 1)."""
    m = _HALF.match(text or "")
    if not m:
        raise ConfigError(
            f"Nửa năm báo cáo '{text}' không hợp lệ: hãy viết YYYY-H1 (6 tháng đầu năm) hoặc "
            "YYYY-H2 (6 tháng cuối năm), ví dụ 2021-H1."
        )
    return int(m.group(1)), int(m.group(2))


def parse_year(text: str) -> int:
    """'2021' -> 2021."""
    m = _YEAR.match(text or "")
    if not m:
        raise ConfigError(f"Năm báo cáo '{text}' không hợp lệ: hãy viết 4 chữ số, ví dụ 2021.")
    return int(m.group(1))


def _check_year(year: int, what: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise ConfigError(
            f"{what} không hợp lệ: năm phải từ {YEARS[0]} đến {YEARS[1]}, không phải {year}."
        )


def parse_month(text: str) -> tuple[int, int]:
    """'2021-10' -> (2021, 10)."""
    m = _MONTH.match(text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ConfigError(
            f"Tháng báo cáo '{text}' không hợp lệ: hãy viết theo dạng YYYY-MM, ví dụ 2021-10."
        )
    _check_year(int(m.group(1)), f"Tháng báo cáo '{text}'")
    return int(m.group(1)), int(m.group(2))


def parse_day(text: str, what: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise ConfigError(
            f"Ngày {what} '{text}' không hợp lệ: hãy viết theo dạng YYYY-MM-DD, ví dụ 2021-09-21."
        ) from exc
    _check_year(day.year, f"Ngày {what} '{text}'")
    return day
