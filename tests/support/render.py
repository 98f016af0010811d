"""Sheets of a workbook printed by a real LibreOffice to PDF, as text per page (for tests
of what prints where; benchmarks/render_pages.py makes PNGs of the same for a human look)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tthc_report.testing.libreoffice import convert, soffice


def printed_pages(workbook: Path, sheets: list[str], folder: Path) -> list[str]:
    """The text of each page LibreOffice prints of ``sheets`` (the others hidden, without
    their print areas, in a copy)."""
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler-utils are needed to print")
    wb = load_workbook(workbook)
    for ws in wb.worksheets:
        ws.sheet_state = "visible" if ws.title in sheets else "hidden"
        ws.sheet_view.tabSelected = ws.title == sheets[0]
        if ws.title not in sheets:
            ws.print_area = None
    wb.active = wb.sheetnames.index(sheets[0])
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / workbook.name
    wb.save(copy)
    pdf = convert(copy, folder / "pdf", "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
