"""Shared fixtures.  The sample province's exports are generated once per test session."""

from __future__ import annotations

from pathlib import Path

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
