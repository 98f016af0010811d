"""Cached values: the saved workbook shows its figures without any calculation (openpyxl
``data_only``, pandas, python-calamine, a file preview), and those values are the formulas'
own results (LibreOffice recalculates them to the same)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DemoWorkbook
from tests.support.cached_cells import cached_mismatches, sheet_values
from tests.support.paths import WORKED
from tests.support.workbook_figures import Figures, form_mismatches, mismatches
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.count.history import rows_of_report
from tthc_report.testing.libreoffice import recalculate
from tthc_report.workbook import layout as L
from tthc_report.workbook.cached_sheets import CachedValues
from tthc_report.workbook.openpyxl_writer import fill_template, write_workbook
from tthc_report.workbook.plan import make_plan

TEMPLATE = Path(__file__).parents[2] / "workbook_templates" / "BaoCaoTTHC.xlsx"
EMPTY_VALUE = re.compile(rb"<f[^>]*(?:/>|>[^<]*</f>)<v\s*/>")


def test_openpyxl_without_calculation_reads_the_json_figures(demo_workbook: DemoWorkbook) -> None:
    """The issue's "done when": TongHop, ChiTiet and Bieu06a as saved, no LibreOffice."""
    figures = Figures(demo_workbook.path)
    assert set(figures.tonghop) == {"province", "local"}
    assert len(figures.rows) > 150
    assert mismatches(figures, demo_workbook.json) == []
    assert form_mismatches(demo_workbook.path, demo_workbook.json["forms"]["ii06a"]) == []


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
def test_pandas_reads_the_figures(demo_workbook: DemoWorkbook, engine: str) -> None:
    th = pd.read_excel(demo_workbook.path, sheet_name="TongHop", header=None, engine=engine)
    first = L.TONGHOP_FIRST[1] - 1
    assert th.iloc[first, 0] == "Số hồ sơ tiếp nhận mới trong kỳ"
    assert th.iloc[first, 1] == 5409 and th.iloc[first + 1, 1] == 2110


def test_cached_values_are_the_formulas_own_results(
    demo_workbook: DemoWorkbook, demo_recalculated: Path
) -> None:
    compared, missing, bad = cached_mismatches(demo_workbook.path, demo_recalculated)
    assert compared > 700_000  # 13 helpers x 59,000 cases, the histograms, every figure
    assert missing == 0 and bad == []


def test_no_formula_is_left_without_a_value(demo_workbook: DemoWorkbook) -> None:
    with zipfile.ZipFile(demo_workbook.path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(L.ALL_SHEETS)
        for name in sheets:
            assert not EMPTY_VALUE.search(zf.read(name)), name
    plan = demo_workbook.plan
    cached = CachedValues.of(plan)
    cached.values_for(fill_template(plan, None))
    assert cached.unknown == []


def test_a_range_period_and_a_template_file_carry_the_same_values(tmp_path: Path) -> None:
    """A quarter (ThamSo's period cells written as values) through both writers: the
    streamed one and a template file filled cell by cell."""
    report = build_report([WORKED], Settings(), date_from=pd.Timestamp("2021-06-21").date(),
                          date_to=pd.Timestamp("2021-09-20").date())  # fmt: skip
    assert report.period.label == "Quý III/2021"
    streamed, filled = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(report, Settings(), streamed, rows_of_report(report))
    write_workbook(report, Settings(), filled, rows_of_report(report), template=TEMPLATE)
    a, b = sheet_values(streamed), sheet_values(filled)
    for sheet in L.ALL_SHEETS:
        assert a[sheet] == b[sheet], sheet
    recalculated = recalculate(streamed, tmp_path / "lo")
    compared, missing, bad = cached_mismatches(streamed, recalculated)
    assert compared > 500 and missing == 0 and bad == []
    compared, missing, bad = cached_mismatches(filled, recalculate(filled, tmp_path / "lo2"))
    assert compared > 500 and missing == 0 and bad == []


def test_the_demo_plan_is_what_was_written(demo_workbook: DemoWorkbook) -> None:
    report = demo_workbook.report
    plan = make_plan(report, demo_workbook.settings, rows_of_report(report))
    assert plan.sizes == demo_workbook.plan.sizes
