"""Reporting periods (docs/figures.md, "The reporting period")."""

from __future__ import annotations

from datetime import date

import pytest

from tthc_report.api import choose_period
from tthc_report.config import Settings, load_settings
from tthc_report.errors import ConfigError
from tthc_report.periods import (
    Period,
    half_period,
    monthly_period,
    parse_day,
    parse_half,
    parse_month,
    parse_quarter,
    parse_year,
    period_of_day,
    previous_period,
    quarter_period,
    range_period,
    year_period,
)


def span(p: Period) -> tuple[str, str]:
    return p.start.isoformat(), p.end.isoformat()


# --- monthly periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "start_day", "start", "end"),
    [
        (2021, 10, 21, "2021-09-21", "2021-10-20"),  # the reference report
        (2022, 1, 21, "2021-12-21", "2022-01-20"),  # January crosses the year
        (2021, 3, 21, "2021-02-21", "2021-03-20"),
        (2021, 10, 15, "2021-09-15", "2021-10-14"),  # Nghị định 09/2019
        (2022, 1, 15, "2021-12-15", "2022-01-14"),
        (2024, 3, 15, "2024-02-15", "2024-03-14"),  # leap February inside
        (2023, 3, 28, "2023-02-28", "2023-03-27"),
        (2021, 10, 1, "2021-10-01", "2021-10-31"),  # the calendar month
        (2021, 1, 1, "2021-01-01", "2021-01-31"),
        (2021, 12, 1, "2021-12-01", "2021-12-31"),
        (2023, 2, 1, "2023-02-01", "2023-02-28"),
        (2024, 2, 1, "2024-02-01", "2024-02-29"),  # leap year
        (2100, 2, 1, "2100-02-01", "2100-02-28"),  # not a leap year
        (2000, 2, 1, "2000-02-01", "2000-02-29"),  # a leap year
        (2024, 2, 21, "2024-01-21", "2024-02-20"),
    ],
)
def test_monthly_period(year: int, month: int, start_day: int, start: str, end: str) -> None:
    p = monthly_period(year, month, start_day)
    assert span(p) == (start, end)
    assert p.label == f"Tháng {month}/{year}"
    assert p.month == (year, month)


@pytest.mark.parametrize(
    ("year", "month", "start_day", "days"),
    [(2024, 3, 15, 29), (2023, 3, 15, 28), (2021, 10, 21, 30), (2024, 2, 1, 29), (2022, 1, 21, 31)],
)
def test_period_length_in_days(year: int, month: int, start_day: int, days: int) -> None:
    assert monthly_period(year, month, start_day).days == days


def test_labels_of_the_reference_period() -> None:
    p = monthly_period(2021, 10, 21)
    assert p.label == "Tháng 10/2021"
    assert p.range_label == "từ ngày 21/9/2021 đến ngày 20/10/2021"
    assert p.to_dict() == {"label": "Tháng 10/2021", "start": "2021-09-21", "end": "2021-10-20"}
    assert monthly_period(2022, 1, 15).range_label == "từ ngày 15/12/2021 đến ngày 14/1/2022"


@pytest.mark.parametrize(
    ("day", "start_day", "month"),
    [
        (date(2021, 9, 21), 21, (2021, 10)),
        (date(2021, 9, 20), 21, (2021, 9)),
        (date(2021, 12, 25), 21, (2022, 1)),
        (date(2021, 12, 31), 1, (2021, 12)),
        (date(2021, 10, 14), 15, (2021, 10)),
        (date(2021, 10, 15), 15, (2021, 11)),
    ],
)
def test_period_of_day(day: date, start_day: int, month: tuple[int, int]) -> None:
    p = period_of_day(day, start_day)
    assert p.month == month
    assert p.start <= day <= p.end


# --- previous period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "start_day", "label", "start", "end"),
    [
        ((2021, 10), 21, "Tháng 9/2021", "2021-08-21", "2021-09-20"),
        ((2022, 1), 21, "Tháng 12/2021", "2021-11-21", "2021-12-20"),
        ((2021, 3), 1, "Tháng 2/2021", "2021-02-01", "2021-02-28"),
        ((2024, 3), 15, "Tháng 2/2024", "2024-01-15", "2024-02-14"),
    ],
)
def test_previous_of_a_month(
    month: tuple[int, int], start_day: int, label: str, start: str, end: str
) -> None:
    prev = previous_period(monthly_period(*month, start_day), start_day)
    assert (prev.label, *span(prev)) == (label, start, end)


def test_previous_of_a_quarter_is_the_quarter_before() -> None:
    q1 = range_period(date(2021, 12, 21), date(2022, 3, 20), 21)
    prev = previous_period(q1, 21)
    assert (prev.label, *span(prev)) == ("Quý IV/2021", "2021-09-21", "2021-12-20")


def test_previous_of_a_year_is_the_year_before() -> None:
    prev = previous_period(range_period(date(2021, 1, 1), date(2021, 12, 31), 1), 1)
    assert (prev.label, *span(prev)) == ("Năm 2020", "2020-01-01", "2020-12-31")
    prev = previous_period(range_period(date(2020, 12, 21), date(2021, 12, 20), 21), 21)
    assert (prev.label, *span(prev)) == ("Năm 2020", "2019-12-21", "2020-12-20")


def test_previous_of_a_free_range_is_as_many_days_before() -> None:
    p = range_period(date(2021, 10, 5), date(2021, 10, 14), 21)
    prev = previous_period(p, 21)
    assert span(prev) == ("2021-09-25", "2021-10-04")
    assert prev.label == "Từ ngày 25/9/2021 đến ngày 4/10/2021"


def test_choose_period_uses_the_settings_start_day() -> None:
    period, prev = choose_period(Settings(start_day=15), month=(2021, 10))
    assert span(period) == ("2021-09-15", "2021-10-14")
    assert span(prev) == ("2021-08-15", "2021-09-14")
    period, prev = choose_period(Settings(), month=(2021, 10))
    assert span(period) == ("2021-09-21", "2021-10-20")
    assert (prev.label, *span(prev)) == ("Tháng 9/2021", "2021-08-21", "2021-09-20")


# --- --from/--to ranges -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "start_day", "label"),
    [
        ("2021-09-21", "2021-10-20", 21, "Tháng 10/2021"),
        ("2021-10-01", "2021-10-31", 1, "Tháng 10/2021"),
        ("2021-12-21", "2022-03-20", 21, "Quý I/2022"),
        ("2021-07-01", "2021-09-30", 1, "Quý III/2021"),
        ("2021-09-15", "2021-12-14", 15, "Quý IV/2021"),
        ("2021-01-01", "2021-06-30", 1, "6 tháng đầu năm 2021"),
        ("2021-07-01", "2021-12-31", 1, "6 tháng cuối năm 2021"),
        ("2020-12-21", "2021-06-20", 21, "6 tháng đầu năm 2021"),
        ("2021-01-01", "2021-12-31", 1, "Năm 2021"),
        ("2020-12-21", "2021-12-20", 21, "Năm 2021"),
        ("2021-01-01", "2021-09-30", 1, "9 tháng đầu năm 2021"),
        ("2024-02-01", "2024-02-29", 1, "Tháng 2/2024"),
        # not a quarter: February to April
        ("2021-02-01", "2021-04-30", 1, "Từ ngày 1/2/2021 đến ngày 30/4/2021"),
        # calendar October while the province cuts on the 21st
        ("2021-10-01", "2021-10-31", 21, "Từ ngày 1/10/2021 đến ngày 31/10/2021"),
        ("2021-10-05", "2021-10-05", 21, "Từ ngày 5/10/2021 đến ngày 5/10/2021"),
    ],
)
def test_range_labels(start: str, end: str, start_day: int, label: str) -> None:
    p = range_period(date.fromisoformat(start), date.fromisoformat(end), start_day)
    assert p.label == label
    assert span(p) == (start, end)


def test_a_range_that_is_one_month_is_that_month() -> None:
    p = range_period(date(2021, 9, 21), date(2021, 10, 20), 21)
    assert p.month == (2021, 10)
    assert range_period(date(2021, 10, 1), date(2021, 10, 31), 21).month is None


def test_choose_period_with_from_and_to() -> None:
    period, prev = choose_period(
        Settings(start_day=1), date_from=date(2021, 7, 1), date_to=date(2021, 9, 30)
    )
    assert period.label == "Quý III/2021"
    assert (prev.label, *span(prev)) == ("Quý II/2021", "2021-04-01", "2021-06-30")


# --- quarter, half-year and year shorthands ----------------------------------------------------


@pytest.mark.parametrize(
    ("made", "start_day", "label", "start", "end", "previous"),
    [
        (lambda d: quarter_period(2021, 3, d), 21, "Quý III/2021", "2021-06-21", "2021-09-20",
         ("Quý II/2021", "2021-03-21", "2021-06-20")),
        (lambda d: quarter_period(2021, 1, d), 1, "Quý I/2021", "2021-01-01", "2021-03-31",
         ("Quý IV/2020", "2020-10-01", "2020-12-31")),
        (lambda d: quarter_period(2022, 1, d), 21, "Quý I/2022", "2021-12-21", "2022-03-20",
         ("Quý IV/2021", "2021-09-21", "2021-12-20")),
        (lambda d: half_period(2021, 1, d), 21, "6 tháng đầu năm 2021", "2020-12-21",
         "2021-06-20", ("6 tháng cuối năm 2020", "2020-06-21", "2020-12-20")),
        (lambda d: half_period(2021, 2, d), 1, "6 tháng cuối năm 2021", "2021-07-01",
         "2021-12-31", ("6 tháng đầu năm 2021", "2021-01-01", "2021-06-30")),
        (lambda d: year_period(2021, d), 15, "Năm 2021", "2020-12-15", "2021-12-14",
         ("Năm 2020", "2019-12-15", "2020-12-14")),
    ],
)  # fmt: skip
def test_named_periods_and_the_one_before(made, start_day, label, start, end, previous) -> None:  # type: ignore[no-untyped-def]
    p = made(start_day)
    assert (p.label, *span(p)) == (label, start, end)
    prev = previous_period(p, start_day)
    assert (prev.label, *span(prev)) == previous


@pytest.mark.parametrize(
    ("text", "parsed"), [("2021-Q3", (2021, 3)), ("2021q1", (2021, 1)), (" 2022-Q4 ", (2022, 4))]
)
def test_parse_quarter(text: str, parsed: tuple[int, int]) -> None:
    assert parse_quarter(text) == parsed


@pytest.mark.parametrize("text", ["2021-Q5", "2021-Q0", "Q3-2021", "2021-3", ""])
def test_invalid_quarters(text: str) -> None:
    with pytest.raises(ConfigError, match="YYYY-Qn"):
        parse_quarter(text)


def test_parse_half_and_year() -> None:
    assert parse_half("2021-H2") == (2021, 2) and parse_year("2021") == 2021
    with pytest.raises(ConfigError, match="YYYY-H1"):
        parse_half("2021-H3")
    with pytest.raises(ConfigError, match="4 chữ số"):
        parse_year("21")


# --- invalid input ----------------------------------------------------------------------------


@pytest.mark.parametrize("start_day", [0, -1, 29, 30, 31, 32])
def test_invalid_start_day(start_day: int) -> None:
    with pytest.raises(ConfigError, match="start_day"):
        monthly_period(2021, 10, start_day)
    with pytest.raises(ConfigError, match="start_day"):
        load_settings(overrides={"start_day": start_day}, environ={})


@pytest.mark.parametrize("value", ["abc", "21.5", ""])
def test_unreadable_start_day_from_the_environment(value: str) -> None:
    with pytest.raises(ConfigError, match="start_day"):
        load_settings(environ={"TTHC_START_DAY": value})


def test_range_ending_before_it_starts() -> None:
    with pytest.raises(ConfigError, match="20/9/2021"):
        range_period(date(2021, 10, 1), date(2021, 9, 20), 21)


@pytest.mark.parametrize(
    ("text", "parsed"), [("2021-10", (2021, 10)), (" 2021-3 ", (2021, 3)), ("2022-01", (2022, 1))]
)
def test_parse_month(text: str, parsed: tuple[int, int]) -> None:
    assert parse_month(text) == parsed


@pytest.mark.parametrize(
    "text", ["2021-13", "2021-0", "2021/10", "10-2021", "", "Tháng 10", "21-10"]
)
def test_invalid_month_strings(text: str) -> None:
    with pytest.raises(ConfigError, match="YYYY-MM"):
        parse_month(text)


@pytest.mark.parametrize("text", ["2021-02-30", "21/9/2021", "", "hôm nay"])
def test_invalid_days(text: str) -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_day(text, "bắt đầu")


def test_parse_day() -> None:
    assert parse_day(" 2021-09-21 ", "bắt đầu") == date(2021, 9, 21)


def test_choose_period_needs_both_ends_or_a_month() -> None:
    with pytest.raises(ConfigError, match="--from"):
        choose_period(Settings(), date_from=date(2021, 9, 21))
    with pytest.raises(ConfigError, match="--to"):
        choose_period(Settings(), date_to=date(2021, 10, 20))
    with pytest.raises(ConfigError, match="--month"):
        choose_period(Settings())
