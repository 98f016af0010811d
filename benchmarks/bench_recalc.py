"""Time building the report workbook and recalculating it in LibreOffice headless.

    .venv/bin/python benchmarks/bench_recalc.py --copies 1 2     # demo month, ~2x
    .venv/bin/python benchmarks/bench_recalc.py --rows 70000 400000

The demo month's cases are replicated (new case codes) until the HoSo sheet holds the
requested number of rows; the figures then differ from the JSON, only times matter.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.demo import run_demo
from tthc_report.testing.libreoffice import recalculate
from tthc_report.workbook.openpyxl_writer import write_workbook
from tthc_report.workbook.plan import relevant_cases

TEMPLATE = Path(__file__).parents[1] / "workbook_templates" / "BaoCaoTTHC.xlsx"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="*", default=[0], help="0: the demo month as is")
    ap.add_argument("--baseline", action="store_true", help="also write each workbook cell by cell")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    list(run_demo(root / "demo", force=True))
    exports = sorted((root / "demo" / "exports").iterdir())
    report = build_report(exports, Settings(), month=(2021, 10),
                          units_file=root / "demo" / "DanhMucDonVi.csv")  # fmt: skip
    base = relevant_cases(report)
    for rows in args.rows:
        cases = base
        if rows:
            copies = -(-rows // len(base))
            frames = []
            for i in range(copies):
                f = base.copy()
                f["code"] = f["code"].astype(str) + f"-{i}"
                frames.append(f)
            cases = pd.concat(frames, ignore_index=True).iloc[:rows]
        r = replace(report, cases=cases)
        ways = [("streamed HoSo", None)]
        if args.baseline:  # the same workbook written cell by cell by openpyxl
            ways.append(("openpyxl cells", TEMPLATE))
        for label, template in ways:
            out = root / f"bench-{len(cases)}-{template is None}.xlsx"
            t0 = time.perf_counter()
            write_workbook(r, Settings(), out, template=template)
            t1 = time.perf_counter()
            recalculate(out, root / "rc")
            t2 = time.perf_counter()
            size = out.stat().st_size / 1e6
            print(f"{len(cases):>8,} case rows, {label}: write {t1 - t0:6.1f} s, LibreOffice "
                  f"recalc {t2 - t1:6.1f} s, file {size:5.1f} MB", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
