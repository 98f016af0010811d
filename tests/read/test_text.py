"""The vectorised text and date functions give what the per-cell Python rules give."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_report.prepare.dates import parse_dates
from tthc_report.read.text import display_text, fold, fold_text, map_distinct, nfc, objects

SPACES = " \t\n\u00a0\u2003\u3000\u200b"
texts = st.lists(st.sampled_from([*"aAđĐăẮ0-9./ ", *SPACES, "a\u0300"])).map("".join)
codes = st.text(alphabet=st.sampled_from(list("AZaz09.-_/ \t")), max_size=12)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), texts), max_size=12))
def test_display_text_is_nfc_of_every_cell(values: list[str | None]) -> None:
    expected = [None if v is None else (nfc(v) or None) for v in values]
    assert display_text(pa.array(values, pa.large_string())).to_pylist() == expected


@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), codes), max_size=12))
def test_fold_text_is_fold_of_ascii_codes(values: list[str | None]) -> None:
    expected = [None if v is None or not fold(v) else fold(v) for v in values]
    assert fold_text(pa.array(values, pa.large_string())).to_pylist() == expected


def test_distinct_values_are_mapped_once() -> None:
    calls: list[str | None] = []
    values = pa.array(["Xã A", None, "Xã A", "Xã B", None], pa.large_string())
    assert map_distinct(values, lambda v: calls.append(v) or (v or "-")).tolist() == [
        "Xã A", "-", "Xã A", "Xã B", "-"
    ]  # fmt: skip
    assert sorted(calls, key=str) == sorted(["Xã A", "Xã B", None], key=str)
    assert objects(values).tolist() == ["Xã A", None, "Xã A", "Xã B", None]


def test_fast_date_forms_refuse_impossible_days_and_short_years() -> None:
    cells = ["31/09/2021", "29/02/2021 10:00", "2021-04-31 00:00:00", "01/01/21", "30/09/2021",
             "2021-09-30 07:30:00", "1/10/2021 7:30", "03/10/2021"]  # fmt: skip
    got, bad = parse_dates(pa.array(cells))
    assert bad.tolist() == [True, True, True, True, False, False, False, False]
    assert [None if d != d else d.to_pydatetime() for d in got][4:] == [
        dt.datetime(2021, 9, 30), dt.datetime(2021, 9, 30, 7, 30), dt.datetime(2021, 10, 1, 7, 30),
        dt.datetime(2021, 10, 3),
    ]  # fmt: skip
