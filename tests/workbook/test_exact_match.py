"""Workbook formulas match text exactly (docs/workbook.md): '*', '?' and '~' in unit, district
and agency names are never wildcards.  The workbook is recalculated by LibreOffice and
compared with the JSON of the same build."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.cases import CENTRE, build
from tests.support.workbook_figures import Figures, mismatches
from tthc_report.config import Settings
from tthc_report.testing.libreoffice import recalculate
from tthc_report.workbook import formulas, layout
from tthc_report.workbook.openpyxl_writer import write_workbook

#: each name with a wildcard comes after a name its wildcard would match
UNITS: list[tuple[str, str, str | None]] = [
    (CENTRE, "province", None),
    ("Huyện DE", "district", None),
    ("Xã AB", "commune", "Huyện DE"),
    ("Xã BC", "commune", "Huyện DE"),
    ("Xã C~D", "commune", "Huyện DE"),
    ("Huyện D*", "district", None),
    ("Xã A*", "commune", "Huyện D*"),
    ("Xã B?", "commune", "Huyện D*"),
]
DONE = {"received": "2021-10-01", "due": "2021-10-10", "result_date": "2021-10-05",
        "status": "resolved"}  # fmt: skip


def _cases() -> list[dict[str, str]]:
    cases = []
    for unit, n, online in [("Xã AB", 1, 1), ("Xã BC", 1, 0), ("Xã C~D", 1, 0), ("Xã A*", 2, 1),
                            ("Xã B?", 2, 0), ("Huyện DE", 1, 0), ("Huyện D*", 1, 1)]:  # fmt: skip
        for i in range(n):
            cases.append({**DONE, "unit": unit, "channel": "online" if i < online else "direct"})
    for agency, n in [("Sở AB", 1), ("Sở A*", 3), ("Sở A?", 2), ("Sở A~B", 1)]:
        cases += [{**DONE, "unit": CENTRE, "agency": agency, "channel": "online"}] * n
    return cases


def test_names_with_wildcard_characters_are_matched_exactly(tmp_path: Path) -> None:
    report = build(tmp_path, _cases(), units=UNITS)
    units = {r.name: r.metrics.received_new for r in report.section("local").breakdowns["unit"]}
    assert units["Xã A*"] == 2 and units["Xã AB"] == 1 and units["Xã C~D"] == 1
    agencies = {r.name: r.metrics.total for r in report.section("province").breakdowns["agency"]}
    assert agencies == {"Sở A*": 3, "Sở A?": 2, "Sở AB": 1, "Sở A~B": 1}
    path = tmp_path / "ky_tu_dai_dien.xlsx"
    write_workbook(report, Settings(), path)
    figures = Figures(recalculate(path, tmp_path / "recalc"))
    assert mismatches(figures, report.to_dict()) == []
    district = figures.rows[("local", layout.KIND_DISTRICT, "Huyện D*")]
    assert (district["received_new"], district["online_units"]) == (5, 2)  # 2 + 2 + 1 desk


def test_every_text_lookup_escapes_its_value() -> None:
    """MATCH, VLOOKUP and COUNTIFS take their text through ``formulas.exact``."""
    texts = [*formulas.hoso_formulas(5), *formulas.dm_formulas(5),
             *formulas.chitiet_formulas(5).values(),
             formulas.tonghop_formula(1, "total", False)]  # fmt: skip
    lookups = 0
    for text in texts:
        for call in re.finditer(r"(MATCH|VLOOKUP)\(", text):
            lookups += 1
            assert text[call.end() :].startswith("SUBSTITUTE(SUBSTITUTE(SUBSTITUTE("), text
        for criteria in re.finditer(r"ChiTiet_(?:Phan|Huyen),", text):
            assert text[criteria.end() :].startswith('"="&SUBSTITUTE('), text
    assert lookups >= 12
