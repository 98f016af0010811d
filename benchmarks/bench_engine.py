"""Time the engine on the sample province: N months of exports -> the JSON of one month.

    python benchmarks/bench_engine.py --months 12

Writes the exports once into a temporary folder, then times, in the same process:
- baseline: reading the same files with python-calamine / the csv module only (the least
  any reader must do);
- build: tthc_report.api.build_report (read, clean, match, dedupe, count) for October 2021;
- compute: the counting alone, on cases already loaded.
Numbers vary with the machine's load; compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import python_calamine as calamine

from tthc_report.api import load_files, report_from_loaded
from tthc_report.config import Settings
from tthc_report.demo import EXPORTED_ON, sample_cases, write_catalog
from tthc_report.demo.exports import write_exports
from tthc_report.periods import monthly_period, previous_period


def months_back(n: int) -> list[tuple[int, int]]:
    out, y, m = [], 2021, 10
    for _ in range(n):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def baseline_read(paths: list[Path]) -> int:
    rows = 0
    for p in paths:
        if p.suffix == ".csv":
            raw = p.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1258")
            rows += sum(1 for _ in csv.reader(text.splitlines()))
        else:
            wb = calamine.CalamineWorkbook.from_path(str(p))
            for name in wb.sheet_names:
                rows += len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return rows


def best_of(repeat: int, fn):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        cases = sample_cases(months_back(args.months))
        exports = write_exports(cases, folder / "exports", EXPORTED_ON)
        catalog = write_catalog(folder)
        print(f"sample: {len(cases):,} cases, {len(exports)} files, written in "
              f"{time.perf_counter() - t:.1f} s")  # fmt: skip
        base, rows = best_of(args.repeat, lambda: baseline_read(exports))
        print(f"baseline read (calamine + csv, no interpretation): {base:.2f} s for {rows:,} lines")
        settings = Settings()
        period = monthly_period(2021, 10, settings.start_day)
        previous = previous_period(period, settings.start_day)
        load, loaded = best_of(args.repeat, lambda: load_files(exports, catalog))
        comp, report = best_of(
            args.repeat, lambda: report_from_loaded(loaded, period, previous, settings)
        )
        print(f"load (read + clean + match + dedupe): {load:.2f} s  ({load / base:.1f}x baseline)")
        print(f"compute (both periods, all sections and rows, narrative): {comp:.2f} s")
        print(f"build total: {load + comp:.2f} s for {report.summary.rows_read:,} rows read")


if __name__ == "__main__":
    main()
