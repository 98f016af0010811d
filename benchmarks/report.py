"""The runner's table, the goals of issue 6, and the machine they were measured on."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ONE_MILLION = 1_000_000
GOAL_RATIO = 1.3  # build --json within 1.3x of the floor
GOAL_PEAK_MB = 1500.0  # 1.5 GB
GOAL_METRICS_S = 1.0
GOAL_DEMO_S = 3.0


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) * 1024 / 1e9, 1)
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for pkg in ("tthc-report", "pandas", "numpy", "pyarrow", "fastexcel", "python-calamine",
                "openpyxl"):  # fmt: skip
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    git: dict[str, Any] = {}
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        git = {"commit": head, "src_modified": bool(dirty)}
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": ram_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "git": git,
    }  # fmt: skip


def _s(x: Any) -> str:
    return "-" if x is None else f"{x:.2f}"


def _mb(x: Any) -> str:
    return "-" if x is None else f"{x:,.0f}"


COLUMNS = (
    "size", "shape", "rows", "floor s", "read", "clean+match", "metrics", "JSON", "workbook",
    "total s", "total/floor", "floor MB", "stages MB", "total MB", "ok",
)  # fmt: skip


def row_cells(r: dict[str, Any]) -> list[str]:
    floor, stages, total = r.get("floor", {}), r.get("stages", {}), r.get("total", {})
    fs, ts = floor.get("seconds"), total.get("seconds") if "error" not in total else None
    ratio = f"{ts / fs:.1f}x" if fs and ts else "-"
    return [
        r["size"], r["shape"], f"{r['rows']:,}", _s(fs),
        _s(stages.get("read")), _s(stages.get("clean_match")), _s(stages.get("metrics")),
        _s(stages.get("json")), _s(stages.get("workbook")), _s(ts), ratio,
        _mb(floor.get("peak_mb")), _mb(stages.get("peak_mb")), _mb(total.get("peak_mb")),
        "✓" if r["ok"] else "✗",
    ]  # fmt: skip


def table(results: list[dict[str, Any]]) -> str:
    rows = [list(COLUMNS)] + [row_cells(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for k, row in enumerate(rows):
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def extras(metrics: dict[str, Any] | None, demo: dict[str, Any] | None) -> str:
    out = []
    if metrics:
        if "error" in metrics:
            out.append(f"metrics in memory: failed: {metrics['error']}")
        else:
            cs, rl = metrics.get("compute_sections", {}), metrics["report_from_loaded"]
            out.append(
                f"metrics in memory, {metrics['rows']:,} cleaned cases: counting "
                f"(compute_sections) {_s(cs.get('best'))} s best of 3 (first {_s(cs.get('first'))}"
                f" s); report_from_loaded {_s(rl['best'])} s (first {_s(rl['first'])} s); "
                f"peak {_mb(metrics['peak_mb'])} MB"
            )
    if demo:
        if "error" in demo:
            out.append(f"demo month to workbook: failed: {demo['error']}")
        else:
            out.append(
                f"demo month to workbook ({demo['files']} exports, tthc-report build --out): "
                f"{demo['seconds']:.2f} s end to end, peak {_mb(demo['peak_mb'])} MB"
            )
    return "\n".join(out)


def _goal(name: str, target: str, value: str | None, met: bool | None, note: str = "") -> dict:
    return {"goal": name, "target": target, "value": value, "met": met, "note": note}


def _time_profile(r: dict[str, Any], total: float | None) -> str:
    """Where the time of a goal not met goes: the stages beside the floor."""
    st = r.get("stages", {})
    keys = ("read", "clean_match", "metrics", "json")
    if total is None or not all(isinstance(st.get(k), int | float) for k in keys):
        return ""
    rest = total - sum(st[k] for k in keys)
    return (f"where it goes: read {st['read']:.2f} s (floor {r['floor']['seconds']:.2f} s), "
            f"clean+match {st['clean_match']:.2f} s, metrics {st['metrics']:.2f} s, JSON "
            f"{st['json']:.2f} s, start-up and run-to-run difference {rest:.2f} s")  # fmt: skip


def goals(results: list[dict[str, Any]], metrics: dict[str, Any] | None,
          demo: dict[str, Any] | None) -> list[dict[str, Any]]:  # fmt: skip
    out = []
    big = [r for r in results if r["rows"] == ONE_MILLION]
    if not big:
        note = "not measured in this run: add --sizes 1m"
        out.append(_goal("build --json of 1M rows vs floor", f"<= {GOAL_RATIO}x", None, None, note))
        out.append(_goal("build --json of 1M rows, peak memory", "< 1.5 GB", None, None, note))
    for r in big:
        fs, total = r.get("floor", {}).get("seconds"), r.get("total", {})
        ts = total.get("seconds") if "error" not in total else None
        ratio = ts / fs if fs and ts else None
        met = None if ratio is None else ratio <= GOAL_RATIO
        out.append(_goal(f"build --json of 1M rows vs floor ({r['shape']})", f"<= {GOAL_RATIO}x",
                         None if ratio is None else f"{ratio:.2f}x ({_s(ts)} s / {_s(fs)} s)",
                         met, _time_profile(r, ts) if met is False else ""))  # fmt: skip
        peak = total.get("peak_mb")
        floor_peak = r.get("floor", {}).get("peak_mb")
        met = None if peak is None else peak < GOAL_PEAK_MB
        why = ""
        if met is False and floor_peak is not None:
            why = f"the floor alone peaks at {floor_peak:,.0f} MB"
        out.append(_goal(f"build --json of 1M rows, peak memory ({r['shape']})", "< 1.5 GB",
                         None if peak is None else f"{peak:,.0f} MB", met, why))  # fmt: skip
    if metrics and "error" not in metrics:
        cs = metrics.get("compute_sections", {})
        best = cs.get("best", metrics["report_from_loaded"]["best"])
        rows = metrics["rows"]
        note = "" if rows >= ONE_MILLION else f"measured at {rows:,} rows only"
        out.append(_goal("metrics for 1M cleaned cases in memory", f"< {GOAL_METRICS_S:.0f} s",
                         f"{best:.2f} s", best < GOAL_METRICS_S if rows >= ONE_MILLION else None,
                         note))  # fmt: skip
    else:
        out.append(_goal("metrics for 1M cleaned cases in memory", "< 1 s", None, None,
                         (metrics or {}).get("error", "not measured")))  # fmt: skip
    if demo and "error" not in demo:
        out.append(_goal("demo month to filled workbook, end to end", f"< {GOAL_DEMO_S:.0f} s",
                         f"{demo['seconds']:.2f} s", demo["seconds"] < GOAL_DEMO_S))  # fmt: skip
    else:
        out.append(_goal("demo month to filled workbook, end to end", "< 3 s", None, None,
                         (demo or {}).get("error", "not measured (--no-demo)")))  # fmt: skip
    return out


def goal_lines(goals_: list[dict[str, Any]]) -> str:
    lines = ["goals (issue 6):"]
    for g in goals_:
        state = {True: "met", False: "NOT MET", None: "not judged"}[g["met"]]
        value = g["value"] or "-"
        note = f"  ({g['note']})" if g["note"] else ""
        lines.append(f"  [{state}] {g['goal']}: {value}, target {g['target']}{note}")
    return "\n".join(lines)
