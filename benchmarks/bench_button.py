"""The ribbon button's time on the demo month beside the command line's, on the same files.

    .venv/bin/python -m benchmarks.bench_button [--repeat 3] [--json out.json]

The demo's exports (12 files, October 2021) and catalog are written once to a temporary
folder.  Then, in this one process, ``--repeat`` times each (fastest kept):

- ``cli``: what ``tthc-report build FOLDER --units CATALOG --month 2021-10 --out X.xlsx``
  does after parsing its arguments: read + compute (``build_report``), then the workbook
  (``write_workbook``), each timed;
- ``button``: the template with ThamSo's ``ThuMucDuLieu``/``TepDanhMuc`` pointing at the
  same files, opened on xlwings' remote engine (the engine the tests use;
  ``XLWINGS_LICENSE_KEY=noncommercial``, benchmarks and tests only), and the button's two
  steps timed apart: ``read + compute`` (``macro.prepare_report``: the same reader and
  engine, plus the workbook's settings and LichSu) and ``write`` (``xlwings_writer.
  apply_plan``: on the remote engine this makes the write actions a client would apply,
  so it measures the Python side only, not desktop Excel's own writing, which the manual
  checklist of addin/README.md times).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.bench_workbook import fastest
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.demo import EXPORTED_ON, sample_cases, write_catalog
from tthc_report.demo.exports import write_exports
from tthc_report.read.folders import case_files
from tthc_report.workbook import layout as L
from tthc_report.workbook.openpyxl_writer import write_workbook

TEMPLATE = Path(__file__).parents[1] / "workbook_templates" / "BaoCaoTTHC.xlsx"


def remote_book(folder: Path, catalog: Path) -> Any:
    """The template with the folder and catalog cells set, on xlwings' remote engine."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw
    from openpyxl import load_workbook

    from tthc_report.testing.xlwings_payload import payload_from_workbook

    if "remote" not in [e.name for e in xw.engines]:
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xw.engines.add(Engine(impl=_xlremote.engine))
    wb = load_workbook(TEMPLATE, data_only=True)
    for name, value in ((L.FOLDER_CELL, folder), (L.CATALOG_CELL, catalog)):
        sheet, row, column = L.name_target(wb, name)
        wb[sheet].cell(row, column).value = str(value)
    return xw.Book(json=payload_from_workbook(wb, TEMPLATE.name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from tthc_report.addin import macro
    from tthc_report.addin import xlwings_writer as writer

    with tempfile.TemporaryDirectory(prefix="tthc-bench-button-") as tmp:
        root = Path(tmp)
        exports = write_exports(sample_cases(), root / "exports", EXPORTED_ON)
        catalog = write_catalog(root)
        folder = exports[0].parent
        settings = Settings()
        cli_read, report = fastest(args.repeat, lambda: build_report(
            case_files([folder]), settings, month=(2021, 10), units_file=catalog))  # fmt: skip
        cli_write, _ = fastest(
            args.repeat, lambda: write_workbook(report, settings, root / "BaoCao.xlsx")
        )
        button_read, prepared = fastest(
            args.repeat, lambda: macro.prepare_report(remote_book(folder, catalog))
        )
        book = remote_book(folder, catalog)
        button_write, _ = fastest(args.repeat, lambda: writer.apply_plan(book, prepared.plan))
        cases = len(prepared.plan.blocks["HoSo_Dau"])
    figures = {
        "files": len(exports), "hoso_rows": cases,
        "cli": {"read_compute": cli_read, "write": cli_write, "total": cli_read + cli_write},
        "button": {"read_compute": button_read, "write_actions": button_write,
                   "total": button_read + button_write},
    }  # fmt: skip
    print(f"demo month, {len(exports)} export files, {cases:,} HoSo rows (fastest of "
          f"{args.repeat})")  # fmt: skip
    print(f"{'':8} {'read + compute':>15} {'write':>10} {'total':>8}")
    for who, f in (("cli", figures["cli"]), ("button", figures["button"])):
        write = f.get("write", f.get("write_actions"))
        print(f"{who:8} {f['read_compute']:>14.2f}s {write:>9.2f}s {f['total']:>7.2f}s")
    print("(button write: the remote engine's actions, not desktop Excel writing)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
