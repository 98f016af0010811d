"""Where the repository's files are, for every test."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
#: the 13 cases of the worked example of docs/figures.md
WORKED = DATA / "worked_example.csv"
#: a copy of the reference report (Vĩnh Phúc, October 2021)
SEED = DATA / "bao-cao-thang-10-2021.txt"
TEMPLATE = ROOT / "workbook_templates" / "BaoCaoTTHC.xlsx"
