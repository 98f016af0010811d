"""Generate the benchmark exports of N case rows, and what a correct build must show.

    python -m benchmarks.generate --sizes 30k,400k,1m [--force] [--check]

For each size, into ``benchmarks/.data/<size>/`` (kept until ``--force``):
``real_dates.xlsx``, ``text_dates.xlsx``, ``cases.csv`` (see ``shapes.py``), the unit
catalog ``DanhMucDonVi.csv`` (``tthc_report.demo.write_catalog``) and ``truth.json``: the
data-check summary of each file and the October 2021 figures (start day 21), counted from
the generated arrays by ``truth.py``.  All three files show the same cases with the same
planted errors (5 rows) and identical duplicate rows at the same places.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tthc_report.demo import write_catalog

from . import shapes
from .cases import AS_OF, BAD_VALUES, layout, simulate
from .truth import figures, file_truth, period_dict
from .xlsx import CHUNK, Sheet, array_bytes, write_xlsx

GENERATOR_VERSION = 2
DEFAULT_SEED = 2021
DATA_DIR = Path(__file__).resolve().parent / ".data"
NAMED_SIZES = {"smoke": 2_000, "30k": 30_000, "400k": 400_000, "1m": 1_000_000}
FILES = {"real_dates": "real_dates.xlsx", "text_dates": "text_dates.xlsx", "csv": "cases.csv"}
CATALOG = "DanhMucDonVi.csv"
TRUTH = "truth.json"


def parse_size(text: str) -> tuple[str, int]:
    """'30k' -> ('30k', 30000); 'smoke' -> ('smoke', 2000); '2500' -> ('2500', 2500)."""
    t = text.strip().lower()
    if t in NAMED_SIZES:
        return t, NAMED_SIZES[t]
    m = re.fullmatch(r"(\d+)([km]?)", t)
    if not m:
        raise ValueError(f"unknown size {text!r}: use smoke, 30k, 400k, 1m or a number of rows")
    n = int(m.group(1)) * {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2)]
    if n < 1_000:
        raise ValueError("a size needs at least 1000 rows")
    return t, n


def _csv_cells(values: pa.Array) -> pa.Array:
    needs = pc.match_substring_regex(values, '[;"\r\n]')
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, values)


def write_csv(path: Path, top: list[list[object]], n: int, body: shapes.Renderer) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as fh:
        fh.write("\ufeff".encode())
        for line in top:
            cells = [] if not line else pa.array([str(v or "") for v in line])
            fh.write((";".join(_csv_cells(cells).to_pylist() if line else []) + "\r\n").encode())
        for a in range(0, n, CHUNK):
            b = min(a + CHUNK, n)
            pieces = []
            for column in body.body(a, b, real=False):
                cell = None
                for kind, values in column:
                    values = _csv_cells(values) if kind == "s" else values
                    cell = values if cell is None else pc.coalesce(cell, values)
                pieces.append(pc.fill_null(cell, ""))
            lines = pc.binary_join_element_wise(
                pc.binary_join_element_wise(*pieces, ";"), "\r\n", ""
            )
            fh.write(array_bytes(lines))
    os.replace(tmp, path)


def _is_current(folder: Path, n: int, seed: int) -> bool:
    try:
        meta = json.loads((folder / TRUTH).read_text(encoding="utf-8"))["generator"]
    except (OSError, ValueError, KeyError):
        return False
    wanted = {"version": GENERATOR_VERSION, "rows": n, "seed": seed}
    files_there = all((folder / f).exists() for f in (*FILES.values(), CATALOG))
    return files_there and all(meta.get(k) == v for k, v in wanted.items())


def ensure(size: str, data_dir: Path = DATA_DIR, seed: int = DEFAULT_SEED,
           force: bool = False, say=print) -> Path:  # type: ignore[no-untyped-def]  # fmt: skip
    """The folder of one size's files, generated when missing (or with ``force``)."""
    name, n = parse_size(size)
    folder = data_dir / name
    if not force and _is_current(folder, n, seed):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / TRUTH).unlink(missing_ok=True)  # written last: its presence marks a full set
    t0 = time.perf_counter()
    cat, cases = simulate(n, seed)
    lay = layout(n, seed)
    render = shapes.Renderer(cat, cases, lay, seed)
    t1 = time.perf_counter()
    top, bottom, merges = shapes.real_layout(n)
    stats = Sheet("Thống kê", top=[["Thống kê nhanh", shapes.SAMPLE], ["Tổng số hồ sơ", n]],
                  width=2)  # fmt: skip
    real = Sheet("Danh sách hồ sơ", top, n, lambda a, b: render.body(a, b, True), 14, bottom,
                 merges)  # fmt: skip
    write_xlsx(folder / FILES["real_dates"], [real, stats])
    t2 = time.perf_counter()
    text = Sheet("DanhSach", shapes.text_top(), n, lambda a, b: render.body(a, b, False), 15)
    write_xlsx(folder / FILES["text_dates"], [text])
    t3 = time.perf_counter()
    write_csv(folder / FILES["csv"], shapes.text_top(), n, render)
    t4 = time.perf_counter()
    write_catalog(folder)

    counted = lay.counted
    truth_files = {}
    for shape, file in FILES.items():
        above = len(top) if shape == "real_dates" else len(shapes.text_top())
        first = above + 1  # Excel row (or CSV line) of the first data row
        info = file_truth(cases, lay.source, counted, len(lay.bad), len(lay.duplicates),
                          shapes.NON_CASE_LINES[shape])  # fmt: skip
        truth_files[file] = {
            "shape": shape,
            "first_data_row": first,
            "title_lines": 5 if shape == "real_dates" else 2,
            "header_rows": 2 if shape == "real_dates" else 1,
            **info,
            "planted": [
                {"row": first + j, "kind": k, "value": BAD_VALUES.get(k, "")}
                for j, k in sorted(lay.bad.items())
            ],
            "duplicates": [
                {"row": first + j, "copy_of": first + i} for j, i in sorted(lay.duplicates.items())
            ],
        }
    truth = {
        "generator": {
            "version": GENERATOR_VERSION,
            "rows": n,
            "seed": seed,
            "size": name,
            "exported_on": AS_OF.isoformat(),
            "received_from": str(np.datetime64(int(cases.received.min()), "D")),
            "seconds": {
                "cases": round(t1 - t0, 2),
                "real_dates": round(t2 - t1, 2),
                "text_dates": round(t3 - t2, 2),
                "csv": round(t4 - t3, 2),
            },
        },  # fmt: skip
        "month": "2021-10",
        "start_day": 21,
        **period_dict(),
        "files": truth_files,
        "figures": figures(cases, lay.source[counted]),
    }
    tmp = folder / f".{TRUTH}.tmp"
    tmp.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, folder / TRUTH)
    say(f"generated {name} ({n:,} rows) in {folder}: cases {t1 - t0:.1f} s, real_dates "
        f"{t2 - t1:.1f} s, text_dates {t3 - t2:.1f} s, csv {t4 - t3:.1f} s")  # fmt: skip
    return folder


def check(folder: Path) -> list[str]:
    """Open every file with fastexcel, python-calamine and pyarrow; the problems found."""
    import fastexcel
    import pyarrow.csv as pacsv
    import python_calamine

    truth = json.loads((folder / TRUTH).read_text(encoding="utf-8"))
    problems = []
    for file, info in truth["files"].items():
        path = folder / file
        lines = (
            info["first_data_row"]
            - 1
            + info["case_rows"]
            + (5 if info["shape"] == "real_dates" else 0)
        )
        if path.suffix == ".csv":
            t = pacsv.read_csv(
                path,
                read_options=pacsv.ReadOptions(skip_rows=info["title_lines"],
                                               autogenerate_column_names=True),
                parse_options=pacsv.ParseOptions(delimiter=";"),
            )  # fmt: skip
            got = {"pyarrow": t.num_rows + info["title_lines"]}
        else:
            t = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None).to_arrow()
            wb = python_calamine.CalamineWorkbook.from_path(str(path))
            rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
            got = {"fastexcel": t.num_rows, "python_calamine": len(rows)}
            cell = rows[info["first_data_row"] - 1][7]
            if info["shape"] == "real_dates" and type(cell).__name__ != "datetime":
                problems.append(f"{file}: received read as {type(cell).__name__}, not a datetime")
        problems += [f"{file}: {k} read {v:,} rows, expected {lines:,}"
                     for k, v in got.items() if v != lines]  # fmt: skip
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    ap.add_argument("--sizes", default="smoke,30k", help="comma list: smoke,30k,400k,1m or N")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--force", action="store_true", help="rewrite files that exist")
    ap.add_argument("--check", action="store_true", help="open every file with the readers")
    args = ap.parse_args(argv)
    bad = 0
    for size in args.sizes.split(","):
        folder = ensure(size, args.data_dir, args.seed, args.force)
        print(f"{size}: {folder}")
        if args.check:
            problems = check(folder)
            for p in problems:
                print("  ✗", p)
            print("  ✓ every file opens" if not problems else "")
            bad += len(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
