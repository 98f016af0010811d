"""Shared fixtures.  The sample province's exports are generated once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tthc_report.demo import EXPORTED_ON, sample_cases, write_catalog
from tthc_report.demo.exports import write_exports


class DemoData:
    def __init__(self, root: Path) -> None:
        self.truth = sample_cases()
        self.exports = write_exports(self.truth, root / "exports", EXPORTED_ON)
        self.catalog = write_catalog(root)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    """Synthetic exports of the sample province (June-October 2021), their unit catalog and
    the simulated cases they were written from."""
    return DemoData(tmp_path_factory.mktemp("demo"))


class DemoWorkbook:
    """The demo month's report workbook, built once per session (October 2021)."""

    def __init__(self, demo: DemoData, root: Path) -> None:
        import time

        from tthc_report.api import build_report
        from tthc_report.config import Settings
        from tthc_report.count.history import rows_of_report
        from tthc_report.workbook.openpyxl_writer import write_workbook

        self.settings = Settings()
        self.report = build_report(
            demo.exports, self.settings, month=(2021, 10), units_file=demo.catalog
        )
        self.json = self.report.to_dict()
        self.path = root / "BaoCao_TTHC_2021-10.xlsx"
        start = time.perf_counter()
        self.plan = write_workbook(
            self.report, self.settings, self.path, rows_of_report(self.report)
        )
        self.write_seconds = time.perf_counter() - start


@pytest.fixture(scope="session")
def demo_workbook(demo: DemoData, tmp_path_factory: pytest.TempPathFactory) -> DemoWorkbook:
    return DemoWorkbook(demo, tmp_path_factory.mktemp("workbook"))


@pytest.fixture(scope="session")
def demo_recalculated(
    demo_workbook: DemoWorkbook, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The demo workbook recalculated by LibreOffice headless."""
    from tthc_report.testing.libreoffice import recalculate

    return recalculate(demo_workbook.path, tmp_path_factory.mktemp("recalc"))


@pytest.fixture(scope="session")
def demo_recalculated_september(
    demo_workbook: DemoWorkbook, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The demo workbook with ThangBaoCao set to September 2021 (with openpyxl), then
    recalculated by LibreOffice."""
    from datetime import datetime

    from openpyxl import load_workbook

    from tthc_report.testing.libreoffice import recalculate
    from tthc_report.workbook.layout import name_target

    root = tmp_path_factory.mktemp("september")
    wb = load_workbook(demo_workbook.path)
    sheet, row, column = name_target(wb, "ThangBaoCao")
    wb[sheet].cell(row, column).value = datetime(2021, 9, 1)
    switched = root / "BaoCao_TTHC_2021-09.xlsx"
    wb.save(switched)
    return recalculate(switched, root / "out")


@pytest.fixture
def xw() -> Iterator[Any]:
    """xlwings with its remote engine (PRO code, PolyForm Noncommercial key, tests only)."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings

    if "remote" not in [e.name for e in xlwings.engines]:  # imported before the key was set
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xlwings.engines.add(Engine(impl=_xlremote.engine))
    yield xlwings
    if hasattr(xlwings.Book, "_mock_caller"):
        del xlwings.Book._mock_caller
