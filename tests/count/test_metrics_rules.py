"""Each rule of the counts table of docs/figures.md on small hand-made cases, through the
real pipeline (CSV -> reader -> clean -> units -> sections).

The period is always October 2021 with start_day 21: 2021-09-21 .. 2021-10-20.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.cases import THREE_LEVELS, ZERO, build, expect, rows, totals
from tests.support.paths import DATA
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.model import COUNT_KEYS


def count(tmp_path: Path, *cases: dict[str, Any]) -> dict[str, Any]:
    return totals(build(tmp_path, cases))


# --- one test per key -------------------------------------------------------------------


def test_received_new_both_ends_inclusive_times_ignored(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-09-21 00:00", due="2021-11-30"),  # start day
        dict(received="2021-10-20 23:59", due="2021-11-30"),  # end day, late in the day
        dict(received="2021-09-20 23:59", due="2021-11-30"),  # start - 1: carried over
        dict(received="2021-10-21 00:00", due="2021-11-30"),  # after the period
    )
    expect(got, received_new=2, carried_over=1, total=3, pending_in_time=3,
           online_rate=0.0)  # fmt: skip


def test_carried_over_not_finished_by_start_minus_one(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        # finished on start - 1 (late in the day): not carried over
        dict(received="2021-09-01", due="2021-09-30", result_date="2021-09-20 23:59"),
        # finished on the start day: carried over and resolved early in the period
        dict(received="2021-09-01", due="2021-09-30", result_date="2021-09-21 00:05"),
        dict(received="2021-08-01", due="2021-08-15", status="processing"),
        dict(received="2021-09-20", due="2021-11-01", status="processing"),
        dict(received="2021-09-10", status="returned", stopped="2021-09-15"),
    )
    expect(got, carried_over=3, total=3, resolved_early=1, on_time=1, pending_overdue=1,
           late=1, due=2, pending_in_time=1, on_time_rate=50.0, online_rate=None)  # fmt: skip


def test_total_is_received_new_plus_carried_over(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-11-30"),
        dict(received="2021-10-02", due="2021-11-30"),
        dict(received="2021-08-02", due="2021-11-30"),
        dict(received="2021-08-02", due="2021-08-30", result_date="2021-08-29"),  # done before
    )
    expect(got, received_new=2, carried_over=1, total=3, pending_in_time=3)


def test_resolved_early(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-09-25", due="2021-10-10", result_date="2021-10-09 23:00"),
        dict(received="2021-09-01", due="2021-09-30", result_date="2021-09-21"),  # start day
        dict(received="2021-10-01", due="2021-10-25", result_date="2021-10-20"),  # end day
        dict(received="2021-10-01", due="2021-10-25", result_date="2021-10-21"),  # after end
        dict(received="2021-09-01", due="2021-09-30", result_date="2021-09-20"),  # before
    )
    expect(got, received_new=3, carried_over=1, total=4, resolved_early=3, on_time=3, due=3,
           pending_in_time=1, on_time_rate=100.0, late_rate=0.0)  # fmt: skip


def test_resolved_on_time_same_day_whatever_the_time(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-09-22 08:00", due="2021-10-05 08:00", result_date="2021-10-05 16:30"),
        dict(received="2021-10-01", due="2021-10-20", result_date="2021-10-20"),
        dict(received="2021-10-01", due="2021-10-05", result_date="2021-10-04 23:59"),
    )
    expect(got, received_new=3, total=3, resolved_on_time=2, resolved_early=1, on_time=3, due=3)


def test_resolved_late(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-12"),
        dict(received="2021-10-01", due="2021-10-11 17:00", result_date="2021-10-12 07:00"),
        dict(received="2021-08-01", due="2021-08-15", result_date="2021-09-25"),  # carried
        dict(received="2021-08-01", due="2021-08-15", result_date="2021-09-20"),  # done before
    )
    expect(got, received_new=2, carried_over=1, total=3, resolved_late=3, late=3, due=3,
           on_time_rate=0.0, late_rate=100.0, returned_withdrawn_rate=0.0)  # fmt: skip


def test_returned_with_finished_fallbacks(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-02", status="returned", stopped="2021-10-04"),  # no due
        dict(received="2021-10-02", due="2021-10-30", status="returned", result_date="2021-10-05"),
        dict(received="2021-10-02", status="returned", delivered="2021-10-06"),  # not delivered
        dict(received="2021-09-01", status="returned", stopped="2021-09-20"),  # before
        dict(received="2021-10-01", due="2021-10-30", status="returned", stopped="2021-10-25"),
    )
    expect(got, received_new=4, total=4, returned=3, returned_withdrawn=3, pending_in_time=1,
           on_time_rate=None, late_rate=None, returned_withdrawn_rate=None)  # fmt: skip


def test_withdrawn(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-09-15", status="withdrawn", stopped="2021-09-21"),  # start day
        dict(received="2021-10-01", status="withdrawn", stopped="2021-10-20 23:59"),  # end day
        dict(received="2021-10-01", status="withdrawn", stopped="2021-10-21"),  # after end
    )
    expect(got, received_new=2, carried_over=1, total=3, withdrawn=2, returned_withdrawn=2,
           pending_in_time=1)  # fmt: skip


def test_returned_withdrawn_and_its_rate_over_due(tmp_path: Path) -> None:
    early = dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-05")
    got = count(
        tmp_path,
        early, early, early,
        dict(received="2021-10-01", due="2021-10-10"),  # pending overdue
        dict(received="2021-10-01", status="returned", stopped="2021-10-03"),
        dict(received="2021-10-01", status="withdrawn", stopped="2021-10-03"),
    )  # fmt: skip
    expect(got, received_new=6, total=6, resolved_early=3, on_time=3, pending_overdue=1, late=1,
           due=4, returned=1, withdrawn=1, returned_withdrawn=2, on_time_rate=75.0,
           late_rate=25.0, returned_withdrawn_rate=50.0, online_rate=0.0)  # fmt: skip


def test_pending_overdue_due_on_the_last_day(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-10-20"),  # due == end, still open
        dict(received="2021-10-01", due="2021-10-20 23:59"),
        dict(received="2021-10-05", due="2021-10-15", result_date="2021-10-25"),  # done later
        dict(received="2021-10-01", due="2021-10-21"),  # in time
        dict(received="2021-08-01", due="2021-09-01", status="processing"),  # carried
    )
    expect(got, received_new=4, carried_over=1, total=5, pending_overdue=4, late=4, due=4,
           pending_in_time=1, on_time_rate=0.0, late_rate=100.0)  # fmt: skip


def test_pending_in_time(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-10-21"),
        dict(received="2021-10-01", due="2021-10-30", result_date="2021-10-22"),
        dict(received="2021-09-10", due="2021-11-30", status="processing"),
        dict(received="2021-10-01", status="returned", stopped="2021-10-25"),  # no due date
    )
    expect(got, received_new=3, carried_over=1, total=4, pending_in_time=4, on_time_rate=None,
           late_rate=None, returned_withdrawn_rate=None, online_rate=0.0)  # fmt: skip


def test_on_time_late_due(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-02"),
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-03"),
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-10"),
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-11"),
        dict(received="2021-10-01", due="2021-10-10"),
        dict(received="2021-09-01", due="2021-09-10"),
        dict(received="2021-10-01", due="2021-11-10"),
        dict(received="2021-10-01", status="returned", stopped="2021-10-04"),
    )
    expect(got, received_new=7, carried_over=1, total=8, resolved_early=2, resolved_on_time=1,
           resolved_late=1, pending_overdue=2, pending_in_time=1, returned=1,
           returned_withdrawn=1, on_time=3, late=3, due=6, on_time_rate=50.0, late_rate=50.0,
           returned_withdrawn_rate=100 / 6)  # fmt: skip


def test_delivered_counts_resolved_cases_whenever_received(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        # resolved before the period, delivered in it (worked example #9)
        dict(received="2021-08-30", due="2021-09-10", result_date="2021-09-18",
             delivered="2021-09-22"),
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-05",
             delivered="2021-10-20 17:00"),
        dict(received="2021-10-01", due="2021-10-20", result_date="2021-10-15",
             delivered="2021-10-21"),  # delivered after the period
        dict(received="2021-10-01", status="returned", stopped="2021-10-03",
             delivered="2021-10-04"),  # not resolved
        dict(received="2021-07-01", due="2021-07-10", result_date="2021-07-05",
             delivered="2021-09-21 07:00"),
    )  # fmt: skip
    expect(got, received_new=3, total=3, resolved_early=2, on_time=2, due=2, returned=1,
           returned_withdrawn=1, delivered=3)  # fmt: skip


def test_online_and_its_levels_count_received_new_only(tmp_path: Path) -> None:
    new = dict(received="2021-10-01", due="2021-11-30")
    got = count(
        tmp_path,
        {**new, "channel": "online", "online_level": "full"},
        {**new, "channel": "online", "online_level": "partial"},
        {**new, "channel": "Nộp trực tuyến"},  # online without a level
        dict(received="2021-09-10", due="2021-11-30", channel="online", online_level="full"),
        {**new, "channel": "direct"},
        {**new, "channel": "postal"},
    )
    expect(got, received_new=5, carried_over=1, total=6, pending_in_time=6, online=3,
           online_full=1, online_partial=1, postal=1, online_units=1, online_rate=60.0)  # fmt: skip


@pytest.mark.parametrize(
    ("word", "key"),
    [("Mức độ 3", "online_partial"), ("một phần", "online_partial"), ("3", "online_partial"),
     ("DVCTT toàn trình", "online_full"), ("4", "online_full"), ("Toàn trình", "online_full")],
)  # fmt: skip
def test_online_partial_and_full_words(tmp_path: Path, word: str, key: str) -> None:
    got = count(
        tmp_path, dict(received="2021-10-01", due="2021-11-30", channel="online", online_level=word)
    )
    expect(got, received_new=1, total=1, pending_in_time=1, online=1, online_units=1,
           online_rate=100.0, **{key: 1})  # fmt: skip


def test_postal(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-11-30", channel="BCCI"),
        dict(received="2021-10-20", due="2021-11-30", channel="qua bưu điện"),
        dict(received="2021-09-01", due="2021-11-30", channel="postal"),  # carried
        dict(received="2021-10-21", due="2021-11-30", channel="postal"),  # after
    )
    expect(got, received_new=2, carried_over=1, total=3, pending_in_time=3, postal=2,
           online_rate=0.0)  # fmt: skip


def test_online_units_are_agencies_in_the_province_section(tmp_path: Path) -> None:
    on = dict(received="2021-10-01", due="2021-11-30", channel="online")
    off = {**on, "channel": "direct"}
    report = build(
        tmp_path,
        [{**on, "agency": "Sở A"}, {**on, "agency": "Sở A"}, {**on, "agency": "Sở B"},
         {**off, "agency": "Sở B"}, {**off, "agency": "Sở C"},
         {**on, "agency": "Sở D", "received": "2021-09-01"}],  # carried over
    )  # fmt: skip
    assert totals(report)["online"] == 3
    assert totals(report)["online_units"] == 2
    by_agency = rows(report, "province", "agency")
    assert {n: r.metrics.online_units for n, r in by_agency.items()} == {
        "Sở A": 1, "Sở B": 1, "Sở C": 0, "Sở D": 0,
    }  # fmt: skip


def test_online_units_are_desks_in_the_local_section(tmp_path: Path) -> None:
    on = dict(received="2021-10-01", due="2021-11-30", channel="online")
    report = build(
        tmp_path,
        [
            {**on, "unit": "Huyện Sông Lô"},
            {**on, "unit": "Xã Đồng Thịnh"},
            {**on, "unit": "Xã Đồng Thịnh"},
            {**on, "unit": "Thị trấn Yên Lạc"},
            {**on, "unit": "Xã Tứ Yên", "channel": "direct"},
            {**on, "agency": "Sở Y tế"},  # the centre: province section
        ],
        units=THREE_LEVELS,
    )
    assert totals(report, "local")["online_units"] == 3
    assert totals(report, "province")["online_units"] == 1
    by_district = rows(report, "local", "district")
    assert by_district["Huyện Sông Lô"].metrics.online_units == 2
    assert by_district["Huyện Yên Lạc"].metrics.online_units == 1
    by_unit = rows(report, "local", "unit")
    assert {n: r.metrics.online_units for n, r in by_unit.items()} == {
        "Huyện Sông Lô": 1, "Xã Đồng Thịnh": 1, "Xã Tứ Yên": 0,
        "Huyện Yên Lạc": 0, "Thị trấn Yên Lạc": 1, "Xã Liên Châu": 0,
    }  # fmt: skip


# --- rates, cancelled, statuses ----------------------------------------------------------


def test_rates_are_none_exactly_on_zero_denominators(tmp_path: Path) -> None:
    nothing = count(tmp_path, dict(received="2021-10-21", due="2021-11-30"))  # after the end
    expect(nothing, on_time_rate=None, late_rate=None, returned_withdrawn_rate=None,
           online_rate=None)  # fmt: skip
    carried = count(tmp_path, dict(received="2021-09-01", due="2021-09-10"))  # overdue
    expect(carried, carried_over=1, total=1, pending_overdue=1, late=1, due=1, on_time_rate=0.0,
           late_rate=100.0, returned_withdrawn_rate=0.0, online_rate=None)  # fmt: skip


def test_cancelled_cases_take_no_part_in_any_count(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [
            dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-05",
                 delivered="2021-10-06", status="cancelled", channel="online",
                 online_level="full"),
            dict(received="2021-09-01", due="2021-09-10", status="Đã hủy", channel="postal"),
            dict(received="2021-10-03", due="2021-10-08", status="nhập sai"),
            dict(received="2021-10-01", due="2021-11-30"),
        ],
    )  # fmt: skip
    expect(totals(report), received_new=1, total=1, pending_in_time=1, online_rate=0.0)
    assert report.summary.cancelled == 3
    assert report.summary.rows_used == 1
    assert [c.code for c in report.checks].count("cancelled") == 3


def test_processing_case_with_a_finished_date_is_resolved(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [
            dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-05",
                 delivered="2021-10-06", status="processing"),
            # only a delivered date: finished falls back to it, and it is late
            dict(received="2021-10-01", due="2021-10-10", delivered="2021-10-12",
                 status="Đang giải quyết"),
        ],
    )  # fmt: skip
    expect(totals(report), received_new=2, total=2, resolved_early=1, resolved_late=1,
           on_time=1, late=1, due=2, delivered=2)  # fmt: skip
    warned = [c for c in report.checks if c.code == "processing_with_result"]
    assert [c.level for c in warned] == ["warning", "warning"]
    assert report.summary.warnings == 2


def test_blank_status_follows_the_finished_date(tmp_path: Path) -> None:
    got = count(
        tmp_path,
        dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-09", status=""),
        dict(received="2021-10-01", due="2021-10-10", status=""),
    )
    expect(got, received_new=2, total=2, resolved_early=1, on_time=1, pending_overdue=1, late=1,
           due=2)  # fmt: skip


def test_without_a_status_column_the_finished_date_decides(tmp_path: Path) -> None:
    path = tmp_path / "no-status.csv"
    path.write_text(
        "Mã hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả\n"
        "A1,Trung tâm Phục vụ hành chính công tỉnh,01/10/2021,10/10/2021,05/10/2021,\n"
        "A2,Trung tâm Phục vụ hành chính công tỉnh,01/10/2021,10/10/2021,,\n"
        "A3,Trung tâm Phục vụ hành chính công tỉnh,01/10/2021,10/10/2021,,12/10/2021\n",
        encoding="utf-8",
    )
    report = build_report([path], Settings(), month=(2021, 10))
    expect(totals(report), received_new=3, total=3, resolved_early=1, resolved_late=1,
           pending_overdue=1, on_time=1, late=2, due=3, delivered=1)  # fmt: skip
    assert report.summary.errors == report.summary.warnings == 0


def test_returned_case_needs_no_due_date_but_resolved_one_does(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [
            dict(received="2021-10-02", status="returned", stopped="2021-10-04"),
            dict(received="2021-10-02", status="withdrawn", result_date="2021-10-05"),
            dict(received="2021-10-02", status="resolved", result_date="2021-10-05"),  # excluded
        ],
    )
    expect(totals(report), received_new=2, total=2, returned=1, withdrawn=1,
           returned_withdrawn=2, returned_withdrawn_rate=None)  # fmt: skip
    assert report.summary.errors == 1
    assert report.summary.rows_used == 2
    assert [c.code for c in report.checks if c.level == "error"] == ["missing_required"]


# --- the worked example of docs/figures.md --------------------------------------------------


def test_worked_example_totals() -> None:
    report = build_report([DATA / "worked_example.csv"], Settings(), month=(2021, 10))
    assert report.period.start.isoformat() == "2021-09-21"
    assert report.period.end.isoformat() == "2021-10-20"
    got = totals(report)
    expect(got, received_new=7, carried_over=2, total=9, resolved_early=1, resolved_on_time=1,
           resolved_late=1, returned=1, withdrawn=1, pending_overdue=3, pending_in_time=1,
           on_time=2, late=4, due=6, returned_withdrawn=2, delivered=4, online=2,
           online_partial=1, online_full=1, postal=1, online_units=1)  # fmt: skip
    assert got["total"] == got["due"] + got["returned_withdrawn"] + got["pending_in_time"]
    assert round(got["on_time_rate"], 2) == 33.33
    assert round(got["late_rate"], 2) == 66.67
    assert round(got["returned_withdrawn_rate"], 2) == 33.33
    assert round(got["online_rate"], 2) == 28.57
    assert report.summary.cancelled == 1


#: the "counts in" column of the worked example, case by case
COUNTS_IN = {
    1: {"carried_over", "resolved_early", "delivered"}, 2: set(),
    3: {"received_new", "resolved_on_time", "delivered", "online", "online_full"},
    4: {"received_new", "resolved_late", "delivered"}, 5: {"received_new", "pending_overdue"},
    6: {"received_new", "pending_in_time", "postal"}, 7: {"carried_over", "pending_overdue"},
    8: {"received_new", "returned"}, 9: {"delivered"}, 10: set(), 11: set(),
    12: {"received_new", "pending_overdue"},
    13: {"received_new", "withdrawn", "online", "online_partial"},
}  # fmt: skip
#: the composite keys each listed key implies (docs/figures.md counts table)
IMPLIES = {
    "received_new": {"total"}, "carried_over": {"total"},
    "resolved_early": {"on_time", "due"}, "resolved_on_time": {"on_time", "due"},
    "resolved_late": {"late", "due"}, "pending_overdue": {"late", "due"},
    "returned": {"returned_withdrawn"}, "withdrawn": {"returned_withdrawn"},
    "online": {"online_units"},
}  # fmt: skip


@pytest.mark.parametrize("number", sorted(COUNTS_IN))
def test_worked_example_case_by_case(tmp_path: Path, number: int) -> None:
    lines = (DATA / "worked_example.csv").read_text(encoding="utf-8").splitlines()
    assert lines[number].startswith(f"HS{number:02d},")
    single = tmp_path / f"case{number}.csv"
    single.write_text(lines[0] + "\n" + lines[number] + "\n", encoding="utf-8")
    report = build_report([single], Settings(), month=(2021, 10))
    listed = COUNTS_IN[number]
    keys = listed.union(*(IMPLIES.get(k, set()) for k in listed))
    got = totals(report)
    assert {k: got[k] for k in COUNT_KEYS} == {**ZERO, **dict.fromkeys(keys, 1)}
