"""The benchmark runner at its smoke size (2,000 rows), as CI runs it.

Times are recorded, never asserted; what is asserted is that every measurement ran and
that the engine's figures for every generated shape agree with the generator's truth.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

REPO = ROOT
SHAPES = {"real_dates", "text_dates", "csv"}


def test_benchmark_runner_smoke(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "smoke", "--out", str(out), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["ok"] is True
    assert {"cpu", "cores", "ram_gb", "python", "packages"} <= set(doc["machine"])
    results = doc["results"]
    assert {r["shape"] for r in results} == SHAPES
    for r in results:
        assert r["size"] == "smoke" and r["rows"] == 2_000
        assert r["floor"]["seconds"] > 0 and r["floor"]["peak_mb"] > 0
        assert r["floor"]["rows"] >= 2_000
        for stage in ("read", "clean_match", "metrics", "json", "workbook", "peak_mb"):
            assert r["stages"][stage] > 0, (r["shape"], stage)
        assert r["total"]["exit"] == 0 and r["total"]["seconds"] > 0
        assert r["total"]["peak_mb"] > 0
        assert r["correctness"] == {"total": [], "stages": []}, r["correctness"]
        assert r["ok"] is True
    metrics = doc["metrics"]
    assert metrics["rows"] == 1_000_000
    assert metrics["compute_sections"]["best"] > 0
    assert metrics["report_from_loaded"]["best"] > 0
    assert doc["demo"]["exit"] == 0 and doc["demo"]["seconds"] > 0
    goals = {g["goal"] for g in doc["goals"]}
    assert "metrics for 1M cleaned cases in memory" in goals
    assert "demo month to filled workbook, end to end" in goals
