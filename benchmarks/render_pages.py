"""Render TongHop, ChiTiet, Bieu06a, BaoCao and LichSu of a report workbook to PNG (through
PDF) for a human look.  Needs LibreOffice (soffice) and poppler-utils (pdftoppm, pdftotext).
The PNGs are for looking at, not for committing.

    .venv/bin/python benchmarks/render_pages.py BaoCao_TTHC_2021-10.xlsx --out renders/

The other sheets are hidden in a copy, without their print areas (LibreOffice prints a
hidden sheet that has one, and HoSo alone would be thousands of pages); LibreOffice
recalculates every formula while converting the copy to PDF; each sheet's pages are then
found by its title.

    .venv/bin/python benchmarks/render_pages.py BaoCao.xlsx --sheets Bieu06a LichSu
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from tthc_report.testing.libreoffice import convert

TITLES = {
    "TongHop": "TỔNG HỢP TÌNH HÌNH",
    "ChiTiet": "SỐ LIỆU CHI TIẾT",
    "Bieu06a": "Biểu số II.06a",
    "BaoCao": "BÁO CÁO TÌNH HÌNH",
    "LichSu": "LỊCH SỬ SỐ LIỆU",
}


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workbook", type=Path)
    ap.add_argument("--out", type=Path, default=Path("renders"))
    ap.add_argument("--dpi", type=int, default=80)
    ap.add_argument("--sheets", nargs="*", default=list(TITLES), help="the sheets to render")
    args = ap.parse_args()
    titles = {s: TITLES[s] for s in args.sheets}
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="tthc-render-"))
    wb = load_workbook(args.workbook)
    for ws in wb.worksheets:
        ws.sheet_state = "visible" if ws.title in titles else "hidden"
        ws.sheet_view.tabSelected = ws.title == args.sheets[0]  # LibreOffice prints the selected
        if ws.title not in titles:
            ws.print_area = None  # a hidden sheet with a print area is printed all the same
    wb.active = wb.sheetnames.index(args.sheets[0])
    copy = tmp / args.workbook.name
    wb.save(copy)
    pdf = convert(copy, tmp / "pdf", "pdf")
    pages = page_texts(pdf)
    starts = {
        sheet: next((i for i, p in enumerate(pages) if title in p), None)
        for sheet, title in titles.items()
    }
    for sheet, first in starts.items():
        if first is None:
            print(f"{sheet}: not found in {pdf}")
            continue
        later = [s for s in starts.values() if s is not None and s > first]
        last = min(later) - 1 if later else len(pages) - 1
        pages_arg = ["-f", str(first + 1), "-l", str(last + 1)]
        cmd = ["pdftoppm", "-png", "-r", str(args.dpi), *pages_arg, str(pdf), str(args.out / sheet)]
        subprocess.run(cmd, check=True)
        pngs = sorted(p.name for p in args.out.glob(sheet + "*.png"))
        print(f"{sheet}: pages {first + 1}-{last + 1} -> {pngs}")


if __name__ == "__main__":
    main()
