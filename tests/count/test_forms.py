"""Form II.06a (docs/forms.md): the rows, the groups, the identities, both layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cases import CENTRE, THREE_LEVELS, build
from tests.support.independent_forms import form_by_unit
from tests.support.paths import WORKED
from tthc_report.api import build_report, choose_period, load_files
from tthc_report.config import Settings
from tthc_report.count.forms import COLUMNS, compute_form
from tthc_report.errors import InputError
from tthc_report.model import Form
from tthc_report.periods import quarter_period

#: one case per kind of row, October 2021 (21/9 - 20/10); the expected form is worked out
#: by hand below
CASES = [
    {"agency": "Sở Tư pháp", "received": "2021-10-01", "due": "2021-10-10",
     "result_date": "2021-10-05", "status": "resolved", "channel": "online",
     "online_level": "full", "field": "Hộ tịch"},
    {"agency": "Sở Xây dựng", "received": "2021-09-10", "due": "2021-09-30",
     "status": "processing"},
    {"unit": "Huyện Sông Lô", "received": "2021-10-02", "due": "2021-10-12",
     "result_date": "2021-10-12", "status": "resolved", "field": "Đất đai"},
    {"unit": "Xã Đồng Thịnh", "received": "2021-10-03", "due": "2021-10-13",
     "stopped": "2021-10-04", "status": "returned", "field": "Đất đai"},
    {"unit": "Xã Tứ Yên", "received": "2021-10-05", "due": "2021-10-30",
     "status": "processing", "field": "đất đai"},
    {"unit": "Thị trấn Yên Lạc", "received": "2021-10-06", "due": "2021-10-08",
     "result_date": "2021-10-09", "status": "resolved", "channel": "postal",
     "field": "Chứng thực"},
]  # fmt: skip


def rows_of(form: Form) -> list[tuple[str, str, str, list[int]]]:
    return [(r.tt, r.label, r.kind, list(r.values)) for r in form.rows]


def test_by_unit_rows_groups_and_total_of_a_small_province(tmp_path: Path) -> None:
    report = build(tmp_path, CASES, units=THREE_LEVELS)
    form = report.form("ii06a")
    assert form.layout == "unit" and form.period == report.period
    assert form.columns == COLUMNS and len(COLUMNS) == 11
    z = [0] * 11
    assert rows_of(form) == [
        ("I", "Cấp tỉnh", "group", [2, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1]),
        ("1", "Sở Tư pháp", "row", [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
        ("2", "Sở Xây dựng", "row", [1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1]),
        ("II", "Cấp huyện", "group", [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0]),
        ("1", "Huyện Sông Lô", "row", [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0]),
        ("2", "Huyện Yên Lạc", "row", z),
        ("III", "Cấp xã", "group", [3, 0, 3, 0, 2, 0, 1, 1, 1, 1, 0]),
        ("1", "Huyện Sông Lô", "row", [2, 0, 2, 0, 1, 0, 1, 0, 1, 1, 0]),
        ("2", "Huyện Yên Lạc", "row", [1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0]),
        ("", "Tổng cộng", "total", [6, 1, 4, 1, 4, 1, 2, 1, 2, 1, 1]),
    ]
    sections = sum(s.totals.total for s in report.sections)
    assert form.rows[-1].values[0] == sections == 6


def test_by_field_groups_fields_per_level(tmp_path: Path) -> None:
    report = build(tmp_path, CASES, units=THREE_LEVELS, settings=Settings(form_layout="field"))
    form = report.form("ii06a")
    assert form.layout == "field"
    got = [(r.tt, r.label, r.values[0]) for r in form.rows]
    assert got == [
        ("I", "Cấp tỉnh", 2),
        ("1", "Hộ tịch", 1),
        ("2", "Lĩnh vực khác", 1),  # the case without a field, after the fields
        ("II", "Cấp huyện", 1),
        ("1", "Đất đai", 1),
        ("III", "Cấp xã", 3),
        ("1", "Chứng thực", 1),
        ("2", "Đất đai", 2),  # "đất đai" is the same field (compared without case)
        ("", "Tổng cộng", 6),
    ]
    by_unit = build(tmp_path, CASES, units=THREE_LEVELS, name="again.csv").form("ii06a")
    assert form.rows[-1].values == by_unit.rows[-1].values


def test_by_field_without_the_field_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"Lĩnh vực.*worked_example\.csv.*--form-layout unit"):
        build_report([WORKED], Settings(form_layout="field"), month=(2021, 10))
    report = build_report([WORKED], Settings(), month=(2021, 10))  # by unit: no column needed
    assert [r.label for r in report.form("ii06a").rows] == ["Cấp tỉnh", "Sở Tư pháp", "Tổng cộng"]


def test_a_two_level_province_has_no_district_group(tmp_path: Path) -> None:
    units = [(CENTRE, "province", None), ("Xã Tứ Yên", "commune", None),
             ("Xã Đồng Thịnh", "commune", None)]  # fmt: skip
    cases = [CASES[0], {**CASES[3], "unit": "Xã Tứ Yên"}]
    form = build(tmp_path, cases, units=units).form("ii06a")
    assert [(r.tt, r.label) for r in form.rows] == [
        ("I", "Cấp tỉnh"), ("1", "Sở Tư pháp"),
        ("II", "Cấp xã"), ("1", "Xã Tứ Yên"), ("2", "Xã Đồng Thịnh"),
        ("", "Tổng cộng"),
    ]  # fmt: skip
    assert [r.values[0] for r in form.rows] == [1, 1, 1, 1, 0, 2]


def test_the_json_gains_forms_and_nothing_else(tmp_path: Path) -> None:
    data = build(tmp_path, CASES, units=THREE_LEVELS).to_dict()
    assert list(data) == ["schema", "period", "previous_period", "sections", "data_checks",
                          "narrative", "history", "forms"]  # fmt: skip
    form = data["forms"]["ii06a"]
    assert list(form) == ["layout", "period", "columns", "rows"]
    assert form["period"] == data["period"]
    assert form["rows"][0] == {"tt": "I", "label": "Cấp tỉnh", "kind": "group",
                               "values": [2, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1]}  # fmt: skip


# --- the demo province --------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded(demo):  # type: ignore[no-untyped-def]
    return load_files(demo.exports, demo.catalog)


def _periods() -> dict[str, object]:
    october, _ = choose_period(Settings(), month=(2021, 10))
    return {"october": october, "quarter": quarter_period(2021, 3, 21)}


@pytest.mark.parametrize("layout", ["unit", "field"])
@pytest.mark.parametrize("which", ["october", "quarter"])
def test_identities_hold_on_every_row(loaded, which: str, layout: str) -> None:  # type: ignore[no-untyped-def]
    period = _periods()[which]
    form = compute_form(loaded.resolved, period, layout)  # type: ignore[arg-type]
    assert len(form.rows) > 20
    for r in form.rows:
        v = dict(zip(range(3, 14), r.values, strict=True))
        assert v[3] == v[4] + v[5] + v[6], r
        assert v[7] == v[8] + v[9] + v[10], r
        assert v[11] == v[12] + v[13], r
        assert v[3] == v[7] + v[11], r
    groups = [i for i, r in enumerate(form.rows) if r.kind == "group"]
    for g, end in zip(groups, [*groups[1:], len(form.rows) - 1], strict=True):
        members = [r.values for r in form.rows[g + 1 : end]]
        assert list(form.rows[g].values) == [sum(c) for c in zip(*members, strict=True)]
    total = [sum(form.rows[g].values[k] for g in groups) for k in range(11)]
    assert list(form.rows[-1].values) == total


@pytest.mark.parametrize("which", ["october", "quarter"])
def test_by_unit_equals_a_case_by_case_count(demo, loaded, which: str) -> None:  # type: ignore[no-untyped-def]
    period = _periods()[which]
    form = compute_form(loaded.resolved, period, "unit")  # type: ignore[arg-type]
    expected = form_by_unit(demo.truth.to_dict("records"), period.start, period.end)  # type: ignore[attr-defined]
    group = ""
    got = {}
    for r in form.rows:
        if r.kind == "group":
            group = r.label
        elif r.kind == "row":
            got[(group, r.label)] = list(r.values)
    assert set(expected) <= set(got)
    for key, values in got.items():
        assert values == expected.get(key, [0] * 11), key
    assert sum(1 for v in got.values() if any(v)) > 35
