"""Run the benchmarks: python -m benchmarks --sizes 30k,400k --out benchmarks/results.json

For every file (size x shape), in the same run and each in its own fresh process: the
floor (the bare read by the fastest reader), the stages of ``tthc-report build`` (read,
clean+match, metrics, JSON, workbook) and the whole ``tthc-report build --json`` as a
command; the report is checked against the file's truth.json.  Then the counting alone
for 1M cleaned cases, and the demo month to a filled workbook.  Prints a table and the
goals of issue 6; writes every number as JSON.  Exit status 1 when a figure disagrees
with the truth or a measurement failed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from . import report
from .child import MARK, _summary
from .generate import DATA_DIR, DEFAULT_SEED, FILES, TRUTH, ensure, parse_size

REPO = Path(__file__).resolve().parents[1]
WORKBOOK_MAX_ROWS = 100_000
SHAPES = tuple(FILES)


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "tthc-report"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tthc_report"]


#: Started with ``python -S`` (a few MB): it runs the measured command and reports its wall
#: time and peak memory from ``os.wait4``.  Started straight from the runner, a child's
#: ``ru_maxrss`` would begin at the runner's own resident size (Linux carries the parent's
#: high-water mark across fork/exec), so small measurements would show the runner's memory.
LAUNCHER = """
import json, os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(p.pid, 0)
seconds = time.perf_counter() - t
with open(sys.argv[1], "w") as fh:
    json.dump({"seconds": seconds, "maxrss_kb": usage.ru_maxrss,
               "exit": os.waitstatus_to_exitcode(status)}, fh)
"""


def run_measured(cmd: list[str], timeout: float | None) -> dict[str, Any]:
    """Run ``cmd`` through the launcher: seconds, peak_mb, exit, stdout, stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "launch.json"
        p = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(result), *cmd],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return {"error": f"timed out after {timeout} s"}
        if not result.exists():
            return {"error": f"launcher failed: {err.decode('utf-8', 'replace')[-2000:]}"}
        launched = json.loads(result.read_text())
    return {
        "seconds": launched["seconds"],
        "peak_mb": launched["maxrss_kb"] * 1024 / 1e6,
        "exit": launched["exit"],
        "stdout": out.decode("utf-8", "replace"),
        "stderr": err.decode("utf-8", "replace"),
    }


def _error(run: dict[str, Any]) -> str:
    tail = (run["stderr"] or run["stdout"]).strip().splitlines()[-12:]
    return f"exit {run['exit']}: " + "\n".join(tail)


def run_child(job: dict[str, Any], timeout: float | None) -> dict[str, Any]:
    """One measurement of ``child.py`` in a fresh process; its result, or {"error": ...}."""
    cmd = [sys.executable, "-m", "benchmarks.child", json.dumps(job, ensure_ascii=False)]
    run = run_measured(cmd, timeout)
    if "error" in run:
        return run
    for line in reversed(run["stdout"].splitlines()):
        if line.startswith(MARK):
            return {**json.loads(line[len(MARK) :]), "process_seconds": run["seconds"]}
    return {"error": _error(run)}


def run_command(cmd: list[str], timeout: float | None) -> dict[str, Any]:
    """A command timed end to end (start-up included), with its own peak memory."""
    run = run_measured(cmd, timeout)
    if "error" in run:
        return run
    out = {k: run[k] for k in ("seconds", "peak_mb", "exit")}
    if run["exit"] != 0:
        out["error"] = _error(run)
    return out


STAGES = ("read", "clean_match", "metrics", "json", "workbook")


def _seconds(r: dict[str, Any]) -> float:
    return float(r["seconds"])


def _stage_seconds(r: dict[str, Any]) -> float:
    return sum(float(r.get(k, 0.0)) for k in STAGES)


def best_of(
    repeat: int, run: Callable[[], dict[str, Any]], seconds: Callable[[dict[str, Any]], float]
) -> dict[str, Any]:
    """The fastest of ``repeat`` runs (the machine may be shared); every run's time kept."""
    runs = [run() for _ in range(repeat)]
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[-1]
    best = min(ok, key=seconds)
    return {**best, "runs": [round(seconds(r), 3) for r in ok]} if repeat > 1 else best


# --- correctness ----------------------------------------------------------------------


def compare(truth: dict[str, Any], file: str, got: dict[str, Any]) -> list[str]:
    """Every way the report ``got`` (see child._summary) differs from the truth."""
    bad = []
    want = truth["files"][file]
    checks = got["data_checks"]
    for key in ("rows_read", "non_case_lines", "excluded", "errors", "warnings",
                "duplicates_merged", "cancelled", "rows_used"):  # fmt: skip
        if key == "non_case_lines" and key not in checks:
            continue  # an engine that does not report it
        if checks.get(key) != want[key]:
            bad.append(f"data_checks.{key}: engine {checks.get(key)}, truth {want[key]}")
    for label, key in (("period", "period"), ("previous", "previous_period")):
        if label == "period" and got["period"]["start"] != truth[key]["start"]:
            bad.append(f"period starts {got['period']['start']}, truth {truth[key]['start']}")
        sections = got["sections"]
        figures = truth["figures"][label]
        for sid, expected in figures.items():
            if sid == "all":
                parts = [
                    s["totals" if label == "period" else "previous"] for s in sections.values()
                ]
                if any(p is None for p in parts):
                    bad.append(f"{label}: a section has no figures")
                    continue
                engine = {k: sum(p[k] for p in parts) for k in expected}
            elif sid not in sections:
                bad.append(f"section {sid} missing (engine has {sorted(sections)})")
                continue
            else:
                engine = sections[sid]["totals" if label == "period" else "previous"] or {}
            for k, v in expected.items():
                if engine.get(k) != v:
                    bad.append(f"{label}.{sid}.{k}: engine {engine.get(k)}, truth {v}")
    return bad


# --- one file -------------------------------------------------------------------------


def bench_file(folder: Path, size: str, shape: str, args: argparse.Namespace) -> dict[str, Any]:
    truth = json.loads((folder / TRUTH).read_text(encoding="utf-8"))
    file = FILES[shape]
    path = folder / file
    info = truth["files"][file]
    rows = truth["generator"]["rows"]
    workbook = args.workbook if args.workbook is not None else rows <= WORKBOOK_MAX_ROWS
    catalog = folder / "DanhMucDonVi.csv"
    res: dict[str, Any] = {"size": size, "rows": rows, "shape": shape, "file": str(path),
                           "mb_on_disk": path.stat().st_size / 1e6}  # fmt: skip
    say = args.say
    say(f"[{size} {shape}] floor …")
    k = args.repeat
    floor_job = {"kind": "floor", "path": str(path), "skip_rows": info["title_lines"]}
    res["floor"] = best_of(k, lambda: run_child(floor_job, args.timeout), _seconds)
    if not args.no_stages:
        say(f"[{size} {shape}] stages{' (+workbook)' if workbook else ''} …")
        job = {"kind": "stages", "path": str(path), "catalog": str(catalog), "workbook": workbook}
        res["stages"] = best_of(k, lambda: run_child(job, args.timeout), _stage_seconds)
    say(f"[{size} {shape}] total (tthc-report build --json) …")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [*cli_command(), "build", str(path), "--units", str(catalog), "--month", "2021-10",
               "--json", str(out), "--force", "-q"]  # fmt: skip
        res["total"] = best_of(k, lambda: run_command(cmd, args.timeout), _seconds)
        got = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    correctness: dict[str, Any] = {}
    if got is not None:
        correctness["total"] = compare(truth, file, _summary(got))
    else:
        correctness["total"] = ["no JSON written: " + res["total"].get("error", "?")]
    stages = res.get("stages", {})
    if "report" in stages:
        correctness["stages"] = compare(truth, file, stages.pop("report"))
    elif "stages" in res:
        correctness["stages"] = ["stages failed: " + stages.get("error", "?")]
    res["correctness"] = correctness
    errors = [m for m in ("floor", "stages", "total") if "error" in res.get(m, {})]
    res["ok"] = not errors and not any(correctness.values())
    mark = "✓" if not any(correctness.values()) else "✗"
    found = [f"{where}: {m}" for where, ms in correctness.items() for m in ms[:8]]
    tell = say if mark == "✓" else print  # a mismatch is printed even with --quiet
    tell(f"  {mark} {size} {shape}: " + ("; ".join(found) or "figures match truth.json"))
    for m in errors:
        print(f"  ✗ {size} {shape}: {m} failed: {res[m]['error']}")
    return res


def bench_demo(data_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The demo month (~30,000 cases of the sample province) to a filled workbook."""
    folder = data_dir / "demo"
    exports = sorted((folder / "exports").glob("*")) if (folder / "exports").exists() else []
    if args.force or not exports or not (folder / "DanhMucDonVi.csv").exists():
        args.say("[demo] writing the demo exports (tthc-report demo) …")
        made = run_command([*cli_command(), "demo", "--out", str(folder), "-q", "--force"], None)
        if "error" in made:
            return {"error": "tthc-report demo: " + made["error"]}
        exports = sorted((folder / "exports").glob("*"))
    args.say("[demo] tthc-report build … --out workbook …")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [*cli_command(), "build", *map(str, exports), "--units",
               str(folder / "DanhMucDonVi.csv"), "--month", "2021-10",
               "--out", str(Path(tmp) / "BaoCao.xlsx"), "--force", "-q"]  # fmt: skip
        out = best_of(args.repeat, lambda: run_command(cmd, args.timeout), _seconds)
    out["files"] = len(exports)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--sizes", default="30k", help="comma list of smoke, 30k, 400k, 1m or N rows")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma list of " + ", ".join(SHAPES))
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR, help="cache of generated files")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--force", action="store_true", help="regenerate the cached files")
    wb = ap.add_mutually_exclusive_group()
    wb.add_argument(
        "--workbook",
        dest="workbook",
        action="store_true",
        default=None,
        help="time the workbook stage at every size (default: up to 100k rows)",
    )
    wb.add_argument("--no-workbook", dest="workbook", action="store_false")
    ap.add_argument("--no-stages", action="store_true", help="only floor and total")
    ap.add_argument("--metrics-rows", type=int, default=1_000_000,
                    help="cleaned cases counted in memory (0: skip)")  # fmt: skip
    ap.add_argument("--no-demo", action="store_true", help="skip the demo-month goal")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest kept")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per measurement")
    ap.add_argument("-q", "--quiet", action="store_true", help="only the table and the goals")
    args = ap.parse_args(argv)
    args.say = (lambda *a: None) if args.quiet else (lambda m: print(m, flush=True))
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in shapes if s not in FILES]
    if unknown:
        ap.error(f"unknown shape {unknown[0]!r}: use {', '.join(SHAPES)}")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    try:
        sizes = [parse_size(s)[0] for s in sizes]
    except ValueError as exc:
        ap.error(str(exc))
    started = time.perf_counter()
    load_at_start = os.getloadavg()
    results = []
    folders = {}
    for size in sizes:
        folders[size] = ensure(size, args.data_dir, args.seed, args.force, say=args.say)
        for shape in shapes:
            results.append(bench_file(folders[size], size, shape, args))
    metrics: dict[str, Any] | None = None
    if args.metrics_rows:
        smallest = min(sizes, key=lambda s: parse_size(s)[1])
        args.say(f"[metrics] counting {args.metrics_rows:,} cleaned cases in memory …")
        job = {"kind": "metrics", "path": str(folders[smallest] / FILES["real_dates"]),
               "catalog": str(folders[smallest] / "DanhMucDonVi.csv"),
               "rows": args.metrics_rows}  # fmt: skip
        metrics = run_child(job, args.timeout)
    demo = None if args.no_demo else bench_demo(args.data_dir, args)
    goals = report.goals(results, metrics, demo)
    failed = [r for r in results if not r["ok"]]
    failed_other = [x for x in (metrics, demo) if x and "error" in x]
    doc = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {**report.machine(), "load_average_at_start": load_at_start},
        "argv": sys.argv[1:] if argv is None else list(argv),
        "results": results,
        "metrics": metrics,
        "demo": demo,
        "goals": goals,
        "load_average_at_end": os.getloadavg(),
        "ok": not failed and not failed_other,
        "seconds": time.perf_counter() - started,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report.table(results))
    print(report.extras(metrics, demo))
    print(report.goal_lines(goals))
    print(f"wrote {args.out} ({doc['seconds']:.0f} s)")
    return 0 if doc["ok"] else 1
