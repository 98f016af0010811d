"""The built workbook recalculated by LibreOffice headless shows the JSON's figures."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DemoWorkbook
from tests.support.workbook_figures import Figures, mismatches
from tthc_report.workbook import layout as L


def test_every_figure_of_tonghop_and_chitiet_equals_the_json(
    demo_workbook: DemoWorkbook, demo_recalculated: Path
) -> None:
    figures = Figures(demo_recalculated)
    assert set(figures.tonghop) == {"province", "local"}
    n = sum(len(rows) for s in demo_workbook.json["sections"] for rows in s["breakdowns"].values())
    assert n > 150 and len(figures.rows) == n + len(demo_workbook.json["sections"])
    assert mismatches(figures, demo_workbook.json) == []


def test_the_reference_figures_are_formula_results(demo_recalculated: Path) -> None:
    figures = Figures(demo_recalculated)
    province, local = figures.tonghop["province"]["current"], figures.tonghop["local"]["current"]
    assert (province["received_new"], province["carried_over"], province["due"]) == (
        5409,
        2110,
        5256,
    )
    assert (local["received_new"], local["carried_over"], local["due"]) == (20874, 643, 21099)
    assert round(province["on_time_rate"] * 100, 2) == 99.75
    assert round(local["on_time_rate"] * 100, 2) == 96.15


def test_switching_the_month_cell_shows_the_previous_figures(
    demo_workbook: DemoWorkbook, demo_recalculated_september: Path
) -> None:
    figures = Figures(demo_recalculated_september)
    assert mismatches(figures, demo_workbook.json, previous=True) == []
    labels = [r[1] for r in figures.thamso if r and r[0] == "Tên kỳ này"]
    assert labels == ["Tháng 9/2021"]


def test_identities_hold_in_every_chitiet_row(demo_recalculated: Path) -> None:
    figures = Figures(demo_recalculated)
    for key, m in figures.rows.items():
        assert m["total"] == m["due"] + m["returned_withdrawn"] + m["pending_in_time"], key
        assert m["on_time"] + m["late"] == m["due"], key


def test_notes_mark_low_volume_and_no_cases(
    demo_workbook: DemoWorkbook, demo_recalculated: Path
) -> None:
    figures = Figures(demo_recalculated)
    kinds = {"agency": L.KIND_AGENCY, "district": L.KIND_DISTRICT, "unit": L.KIND_UNIT}
    seen = set()
    for s in demo_workbook.json["sections"]:
        for kind, rows in s["breakdowns"].items():
            for row in rows:
                note = figures.notes[(s["id"], kinds[kind], row["name"])] or ""
                if "no_cases" in row["flags"]:
                    assert note == "Không có hồ sơ mới", row["name"]
                elif "low_volume" in row["flags"]:
                    assert note == "Ít hồ sơ", row["name"]
                else:
                    assert note == "", row["name"]
                seen.update(row["flags"])
    assert {"low_volume", "no_cases", "has_late", "late_unit"} <= seen
