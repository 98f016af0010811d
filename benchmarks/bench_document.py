"""Time the document stage of ``tthc-report build --docx`` on the demo month.

    .venv/bin/python benchmarks/bench_document.py                 # the demo month
    .venv/bin/python benchmarks/bench_document.py --rows 2000     # + an II.06a of N rows

The report is built once (not timed); then, in this one process, ``--repeat`` times each
(fastest kept): the baseline, python-docx saving an empty document (its own floor: the
package's parts and styles); ``build`` (``build_document``: the layout in memory);
``save`` (python-docx's save); ``write`` (``write_document`` whole, as the CLI calls it);
with ``--rows``, the same with form II.06a of that many unit rows as the appendix.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import docx

from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.demo import run_demo
from tthc_report.document import build_document, write_document
from tthc_report.model import Report


@dataclass(frozen=True, eq=False)
class WithForms(Report):
    forms: Any = field(default=None)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def synthetic_form(rows: int) -> dict[str, Any]:
    unit = [100, 20, 70, 10, 80, 50, 25, 5, 20, 18, 2]
    body = [{"tt": str(i), "label": f"Đơn vị {i}", "kind": "row", "values": unit}
            for i in range(1, rows + 1)]  # fmt: skip
    total = [v * rows for v in unit]
    group = {"tt": "I", "label": "Cấp tỉnh", "kind": "group", "values": total}
    return {"rows": [group, *body, {"tt": "", "label": "Tổng cộng", "kind": "total",
                                    "values": total}]}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rows", type=int, default=0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tthc-bench-doc-"))
    list(run_demo(tmp / "demo"))
    demo = tmp / "demo"
    settings = Settings()
    report = build_report(sorted((demo / "exports").iterdir()), settings, month=(2021, 10),
                          units_file=demo / "DanhMucDonVi.csv")  # fmt: skip
    target = tmp / "BaoCao_TTHC_2021-10.docx"
    built = build_document(report, settings)
    results = {
        "baseline: empty document saved": best(
            lambda: docx.Document().save(io.BytesIO()), args.repeat
        ),
        "build": best(lambda: build_document(report, settings), args.repeat),
        "save": best(lambda: built.save(io.BytesIO()), args.repeat),
        "write_document": best(lambda: write_document(report, settings, target), args.repeat),
    }
    if args.rows:
        forms = {"ii06a": synthetic_form(args.rows)}
        wide = WithForms(**{f.name: getattr(report, f.name) for f in fields(Report)}, forms=forms)
        results[f"write_document + II.06a of {args.rows} rows"] = best(
            lambda: write_document(wide, settings, target, appendix=True), args.repeat
        )
    for name, seconds in results.items():
        print(f"{name:45s} {seconds:7.3f} s")


if __name__ == "__main__":
    main()
