"""The library's face: ``import tthc_report`` gives the entry points, and the README's Python
example runs as written on the demo's exports."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import tthc_report
from tests.conftest import DemoData
from tests.support.paths import ROOT


def test_the_face_gives_every_entry_point_without_loading_the_engine() -> None:
    for name in tthc_report.__all__:
        assert getattr(tthc_report, name) is not None, name
    assert set(tthc_report.__all__) == {*tthc_report.ENTRY_POINTS, "__version__"}
    done = subprocess.run(
        [sys.executable, "-c", "import sys, tthc_report; print('pandas' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "False"


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python") :]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "no Python example in the README's Python section"
    return found.group(1)


def test_the_readme_example_runs(
    demo: DemoData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tthc-demo").symlink_to(demo.catalog.parent, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(readme_example(), "README.md", "exec"), {})  # noqa: S102
    rate, *_ = printed.getvalue().split()
    assert round(float(rate), 2) == 99.75  # the reference report's 99,75%
    assert "Trung tâm tiếp nhận mới 5.409 hồ sơ" in printed.getvalue()
    wb = load_workbook(tmp_path / "BaoCao_TTHC_2021-10.xlsx", read_only=True)
    assert "LichSu" in wb.sheetnames
    wb.close()
    assert set(os.listdir(tmp_path)) == {
        "tthc-demo", "BaoCao_TTHC_2021-10.xlsx", "BaoCao_TTHC_2021-10.docx",
    }  # fmt: skip
