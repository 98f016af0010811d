"""Time the workbook stage of ``tthc-report build --out`` on the demo month, step by step.

    .venv/bin/python benchmarks/bench_workbook.py                  # streamed writer, by step
    .venv/bin/python benchmarks/bench_workbook.py --baseline       # + every cell by openpyxl
    .venv/bin/python benchmarks/bench_workbook.py --rows 400000    # HoSo replicated to N rows
    .venv/bin/python benchmarks/bench_workbook.py --json out.json

The report is built once (not timed); then, in this one process, ``--repeat`` times each
(fastest kept, which helps on a shared machine):

- the steps of ``openpyxl_writer.write_workbook``: ``plan`` (make_plan), ``fill`` (the
  template generated with openpyxl and the plan applied), ``cached`` (every formula's
  value: HoSo's helpers, the histograms, the other sheets' cells), ``save`` (openpyxl's
  save, in memory), ``rows`` (``inject_rows``: HoSo's cases and helper values as XML, the
  other sheets' cached values, shared strings, the zip written); ``rows xml`` is HoSo's XML
  alone (no zip), for the split between Python and deflate;
- ``write_workbook`` whole, as the CLI calls it;
- with ``--baseline``: the same workbook written cell by cell by openpyxl (the committed
  template loaded and filled, ``build --template``), the path every cell used to take.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.demo import run_demo
from tthc_report.model import Report
from tthc_report.workbook import layout as L
from tthc_report.workbook.case_rows import relevant_cases
from tthc_report.workbook.fast_rows import inject_rows
from tthc_report.workbook.openpyxl_writer import (
    HOSO_FORMULAS,
    cache_values,
    fill_template,
    save_openpyxl,
    write_workbook,
)
from tthc_report.workbook.plan import make_plan
from tthc_report.workbook.sheet_xml import SharedStrings, rows_xml

TEMPLATE = Path(__file__).parents[1] / "workbook_templates" / "BaoCaoTTHC.xlsx"


def fastest(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def demo_report(root: Path) -> Report:
    list(run_demo(root / "demo", force=True))
    exports = sorted((root / "demo" / "exports").iterdir())
    return build_report(exports, Settings(), month=(2021, 10),
                        units_file=root / "demo" / "DanhMucDonVi.csv")  # fmt: skip


def with_rows(report: Report, rows: int) -> Report:
    """The report with its relevant cases replicated (new codes) to ``rows`` HoSo rows."""
    base = relevant_cases(report)
    frames = []
    for i in range(-(-rows // len(base))):
        f = base.copy()
        f["code"] = f["code"].astype(str) + f"-{i}"
        frames.append(f)
    return replace(report, cases=pd.concat(frames, ignore_index=True).iloc[:rows])


def steps(report: Report, out: Path, repeat: int) -> dict[str, float]:
    settings, history = Settings(), list(report.history)
    t: dict[str, float] = {}
    t["plan"], plan = fastest(repeat, lambda: make_plan(report, settings, history))
    t["fill"], wb = fastest(repeat, lambda: fill_template(plan, None))
    t["cached"], (patches, helpers) = fastest(repeat, lambda: cache_values(wb, plan))
    t["save"], saved = fastest(repeat, lambda: save_openpyxl(wb))
    cases = plan.blocks["HoSo_Dau"]
    t["rows"], _ = fastest(repeat, lambda: inject_rows(
        saved, out, "HoSo", L.HOSO_FIRST, cases, HOSO_FORMULAS, L.HOSO_INPUT + 1, helpers,
        patches))  # fmt: skip
    columns = list(cases.columns.values())  # type: ignore[attr-defined]
    t["rows xml"], _ = fastest(repeat, lambda: sum(len(c) for c in rows_xml(
        columns, L.HOSO_FIRST, {}, HOSO_FORMULAS, L.HOSO_INPUT + 1, SharedStrings(),
        values=helpers)))  # fmt: skip
    t["write_workbook"], _ = fastest(repeat, lambda: write_workbook(report, settings, out, history))
    t["file MB"] = out.stat().st_size / 1e6
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, nargs="*", default=[0], help="0: the demo month as is")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", action="store_true", help="also write every cell by openpyxl")
    ap.add_argument("--json", type=Path, help="write the timings here too")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tthc-bench-wb-"))
    report = demo_report(root)
    results = []
    for rows in args.rows:
        r = with_rows(report, rows) if rows else report
        out = root / f"streamed-{rows}.xlsx"
        t = steps(r, out, args.repeat)
        n = len(make_plan(r, Settings(), list(r.history)).blocks["HoSo_Dau"])
        if args.baseline:
            cells = root / f"cells-{rows}.xlsx"
            t["baseline"], _ = fastest(1, lambda r=r, cells=cells: write_workbook(
                r, Settings(), cells, list(r.history), template=TEMPLATE))  # fmt: skip
            t["baseline MB"] = cells.stat().st_size / 1e6
        results.append({"hoso_rows": n, **t})
        line = ", ".join(f"{k} {v:.3f}" for k, v in t.items())
        print(f"{n:>9,} HoSo rows: {line}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
