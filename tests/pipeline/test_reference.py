"""The whole pipeline against the reference report (tests/data/bao-cao-thang-10-2021.txt).

The sample province's exports (two shapes, overlapping files, bad rows) go through the
real reader; October 2021 must give every figure of the worked-example table of
docs/figures.md, and every breakdown row of October and September must equal an
independent case-by-case calculation on the simulated cases the exports were written from.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.independent import totals
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.model import COUNT_KEYS, Report

ADDITIVE = [k for k in COUNT_KEYS if k != "online_units"]


@pytest.fixture(scope="module")
def october(demo) -> Report:
    return build_report(demo.exports, Settings(), month=(2021, 10), units_file=demo.catalog)


@pytest.fixture(scope="module")
def september(demo) -> Report:
    return build_report(demo.exports, Settings(), month=(2021, 9), units_file=demo.catalog)


def test_centre_figures_of_the_reference_report(october: Report) -> None:
    t = october.section("province").totals
    assert (t.received_new, t.carried_over, t.total) == (5409, 2110, 7519)
    assert (t.due, t.on_time, t.late, t.returned_withdrawn) == (5256, 5243, 13, 117)
    assert round(t.on_time_rate, 2) == 99.75
    assert round(t.late_rate, 2) == 0.25
    assert round(t.returned_withdrawn_rate, 2) == 2.23
    assert t.delivered == 5007
    assert (t.online, t.online_partial, t.online_full, t.online_units) == (2147, 85, 2062, 15)


def test_local_figures_of_the_reference_report(october: Report) -> None:
    local = october.section("local")
    t = local.totals
    assert (t.received_new, t.carried_over, t.total) == (20874, 643, 21517)
    assert (t.due, t.on_time, t.late, t.returned_withdrawn) == (21099, 20287, 812, 23)
    assert round(t.on_time_rate, 2) == 96.15
    assert round(t.late_rate, 2) == 3.85
    assert round(t.returned_withdrawn_rate, 2) == 0.11
    assert t.online == 9
    districts = {r.name: r for r in local.breakdowns["district"]}
    song_lo = districts["Huyện Sông Lô"].metrics
    assert round(song_lo.on_time_rate, 2) == 99.66 and song_lo.late == 6
    best = max(
        (r for r in districts.values() if r.metrics.due >= 30), key=lambda r: r.metrics.on_time_rate
    )
    assert best.name == "Huyện Sông Lô"
    busiest = max(districts.values(), key=lambda r: r.metrics.received_new)
    assert (busiest.name, busiest.metrics.received_new) == ("Huyện Yên Lạc", 3316)


def test_the_report_lists_what_it_could_not_use(october: Report) -> None:
    s = october.summary
    assert s.excluded == 2  # the sample's row without a code and its row dated 31/09/2021
    assert s.cancelled == 1
    codes = {c.code for c in october.checks if c.level == "error"}
    assert codes == {"missing_required", "unreadable_date"}
    assert s.non_case_lines == 6  # "Tổng cộng", "Người lập biểu", "(Ký, ...)" in two files
    assert s.rows_used + s.cancelled + s.excluded + s.duplicates_merged + 6 == s.rows_read


def _truth_rows(truth, section: str):
    rows = truth.to_dict("records")
    if section == "province":
        return [r for r in rows if r["group"] == "province"]
    return [r for r in rows if r["group"] != "province"]


def _period(report: Report) -> tuple[date, date]:
    return report.period.start, report.period.end


@pytest.mark.parametrize("which", ["october", "september"])
def test_every_breakdown_row_equals_an_independent_calculation(demo, which, request) -> None:
    report: Report = request.getfixturevalue(which)
    start, end = _period(report)
    truth = demo.truth
    for section in report.sections:
        cases = _truth_rows(truth, section.id)
        expected = totals(cases, start, end)
        got = section.totals.to_dict()
        assert {k: got[k] for k in ADDITIVE} == {k: expected[k] for k in ADDITIVE}, section.id
        for kind, rows in section.breakdowns.items():
            assert rows, (section.id, kind)
            for row in rows:
                if kind == "agency":
                    mine = [c for c in cases if c["agency"] == row.name]
                elif kind == "district":
                    mine = [c for c in cases if c["group"] == row.name]
                else:
                    mine = [c for c in cases if c["unit"] == row.name]
                want = totals(mine, start, end)
                have = row.metrics.to_dict()
                assert {k: have[k] for k in ADDITIVE} == {k: want[k] for k in ADDITIVE}, (
                    section.id, kind, row.name,
                )  # fmt: skip


def test_september_is_the_previous_period_of_october(october: Report, september: Report) -> None:
    for now, before in zip(october.sections, september.sections, strict=True):
        assert now.previous == before.totals


def test_a_later_export_gives_the_same_october(demo) -> None:
    """'As of' semantics: the exports were taken on 25/10; the same cases as known on
    21/10 (the day after the period) give the same figures."""
    from tthc_report.demo.exports import as_known_on

    early = as_known_on(demo.truth, date(2021, 10, 21))
    start, end = date(2021, 9, 21), date(2021, 10, 20)
    for section in ("province", "local"):
        a = totals(_truth_rows(demo.truth, section), start, end)
        b = totals(_truth_rows(early, section), start, end)
        assert a == b
