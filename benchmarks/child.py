"""One measurement, run in a fresh process so that its peak memory is its own.

    python -m benchmarks.child '{"kind": "floor", "path": "...", ...}'

Prints one line ``BENCH_RESULT {json}`` at the end: wall seconds of each step
(``time.perf_counter``, imports excluded) and ``peak_mb``, the process's peak resident
memory (``ru_maxrss``, KiB on Linux) in MB of 10^6 bytes.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

MARK = "BENCH_RESULT "


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


class Clock:
    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = self.steps.get(name, 0.0) + now - self.last
        self.last = now


def floor(job: dict[str, Any]) -> dict[str, Any]:
    """The bare read of the fastest reader: values into Arrow, nothing interpreted."""
    path = Path(job["path"])
    t = time.perf_counter()
    if path.suffix.lower() == ".csv":
        import pyarrow.csv as pacsv

        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(skip_rows=job.get("skip_rows", 0),
                                           autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(delimiter=job.get("delimiter", ";")),
        )  # fmt: skip
        reader = "pyarrow.csv.read_csv"
    else:
        import fastexcel

        table = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None).to_arrow()
        reader = "fastexcel load_sheet(0).to_arrow()"
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "rows": table.num_rows, "reader": reader}


def _summary(report_dict: dict[str, Any]) -> dict[str, Any]:
    """What correctness is judged on: data checks and section totals (both periods)."""
    checks = {k: v for k, v in report_dict["data_checks"].items() if k != "items"}
    return {
        "period": report_dict["period"],
        "data_checks": checks,
        "sections": {
            s["id"]: {"totals": s["totals"], "previous": s["previous"]}
            for s in report_dict["sections"]
        },
    }


def stages(job: dict[str, Any]) -> dict[str, Any]:
    """The stages of ``tthc-report build`` one after the other, as the api calls them."""
    from tthc_report.api import load_tables, report_from_loaded
    from tthc_report.config import Settings
    from tthc_report.outputs import write_json
    from tthc_report.periods import monthly_period, previous_period
    from tthc_report.prepare.catalog import read_catalog
    from tthc_report.read.files import read_case_files

    settings = Settings()
    period = monthly_period(2021, 10, settings.start_day)
    previous = previous_period(period, settings.start_day)
    clock = Clock()
    catalog = read_catalog(Path(job["catalog"]))
    tables = read_case_files([Path(job["path"])])
    clock.lap("read")
    loaded = load_tables(tables, catalog)
    clock.lap("clean_match")
    del tables
    report = report_from_loaded(loaded, period, previous, settings)
    clock.lap("metrics")
    with tempfile.TemporaryDirectory() as tmp:
        data = report.to_dict()
        write_json(Path(tmp) / "report.json", data)
        clock.lap("json")
        if job.get("workbook"):
            from tthc_report.workbook.openpyxl_writer import write_workbook

            write_workbook(report, settings, Path(tmp) / "report.xlsx", list(report.history))
            clock.lap("workbook")
    return {**clock.steps, "report": _summary(data)}


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first run, best run) in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times[0], min(times)


def metrics(job: dict[str, Any]) -> dict[str, Any]:
    """Counting alone for ``rows`` cleaned cases in memory: one file loaded, its clean cases
    repeated up to ``rows`` (the counts are then meaningless; only the time matters)."""
    import pandas as pd

    from tthc_report.api import load_files, report_from_loaded
    from tthc_report.config import Settings
    from tthc_report.periods import monthly_period, previous_period

    settings = Settings()
    period = monthly_period(2021, 10, settings.start_day)
    previous = previous_period(period, settings.start_day)
    loaded = load_files([Path(job["path"])], Path(job["catalog"]))
    base = loaded.resolved.cases
    rows = int(job["rows"])
    copies = -(-rows // len(base))
    cases = pd.concat([base] * copies, ignore_index=True).iloc[:rows].reset_index(drop=True)
    big = replace(loaded, resolved=replace(loaded.resolved, cases=cases))
    out: dict[str, Any] = {"rows": len(cases), "from_file": job["path"]}
    repeat = int(job.get("repeat", 3))
    first, best = _best(lambda: report_from_loaded(big, period, previous, settings), repeat)
    out["report_from_loaded"] = {"first": first, "best": best}
    try:  # the counting alone: every section, breakdown, and the previous period
        from tthc_report.count.sections import compute_sections, default_sections

        specs = settings.sections or default_sections(big.resolved.units)
        first, best = _best(
            lambda: compute_sections(big.resolved, period, previous, specs, settings), repeat
        )
        out["compute_sections"] = {"first": first, "best": best}
    except (ImportError, AttributeError, TypeError) as exc:  # the engine moved it
        out["compute_sections"] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


KINDS = {"floor": floor, "stages": stages, "metrics": metrics}


def main() -> None:
    job = json.loads(sys.argv[1])
    result = KINDS[job["kind"]](job)
    result["peak_mb"] = peak_mb()
    print(MARK + json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
