"""Reading the figure cells of a recalculated report workbook and comparing them with the
JSON of the same build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tthc_report.workbook import layout as L

KIND = {"agency": L.KIND_AGENCY, "district": L.KIND_DISTRICT, "unit": L.KIND_UNIT}


def same(key: str, got: Any, expected: Any) -> bool:
    """A cell equals a JSON figure: counts exactly, rates (fractions in the sheet,
    percentages in the JSON) to 1e-9, an undefined rate shows '-'."""
    if key.endswith("_rate"):
        if expected is None:
            return got == "-"
        return isinstance(got, int | float) and abs(got * 100 - expected) < 1e-9
    return isinstance(got, int | float) and not isinstance(got, bool) and got == expected


class Figures:
    """TongHop and ChiTiet figures of a recalculated workbook (values only)."""

    def __init__(self, path: Path) -> None:
        wb = load_workbook(path, data_only=True, read_only=True)
        th = [list(r) for r in wb["TongHop"].iter_rows(values_only=True)]
        ct = [list(r) for r in wb["ChiTiet"].iter_rows(values_only=True)]
        tt = [list(r) for r in wb["ThamSo"].iter_rows(values_only=True)]
        wb.close()
        self.thamso = tt
        self.tonghop: dict[str, dict[str, dict[str, Any]]] = {}
        for block, first in L.TONGHOP_FIRST.items():
            section = th[first - 3][5] if len(th[first - 3]) > 5 else None  # TongHop_PhanN (F)
            if not section:
                continue
            cur = {k: th[first - 1 + i][1] for i, k in enumerate(L.METRIC_KEYS)}
            prev = {k: th[first - 1 + i][2] for i, k in enumerate(L.METRIC_KEYS)}
            self.tonghop[section] = {"current": cur, "previous": prev, "block": block}
        self.rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.notes: dict[tuple[str, str, str], Any] = {}
        for r in ct[L.CT_FIRST - 1 :]:
            r = r + [None] * (L.CT_PREV_COL + len(L.METRIC_KEYS) - len(r))
            if not r[0]:
                continue
            key = (r[L.CT_SECTION_COL - 1], r[0], r[1] if r[0] != L.KIND_TOTAL else "")
            self.rows[key] = {k: r[L.CT_METRIC_COL - 1 + i] for i, k in enumerate(L.METRIC_KEYS)}
            self.notes[key] = r[L.CT_NOTE_COL - 1]


def mismatches(figures: Figures, data: dict[str, Any], previous: bool = False) -> list[str]:
    """Every TongHop and ChiTiet figure that differs from the JSON; with ``previous`` the
    TongHop current column is compared with the JSON's previous figures."""
    out: list[str] = []
    for s in data["sections"]:
        got = figures.tonghop.get(s["id"])
        if got is None:
            out.append(f"TongHop: no block for section {s['id']}")
            continue
        pairs = [("current", "previous")] if previous else [("current", "totals"),
                                                            ("previous", "previous")]  # fmt: skip
        for column, key in pairs:
            for k in L.METRIC_KEYS:
                if not same(k, got[column][k], s[key][k]):
                    out.append(
                        f"TongHop {s['id']} {column} {k}: {got[column][k]!r} != {s[key][k]!r}"
                    )
        if previous:
            continue
        for kind, rows in s["breakdowns"].items():
            for row in rows:
                cells = figures.rows.get((s["id"], KIND[kind], row["name"]))
                if cells is None:
                    out.append(f"ChiTiet: no row {kind} {row['name']}")
                    continue
                for k in L.METRIC_KEYS:
                    if not same(k, cells[k], row[k]):
                        out.append(f"ChiTiet {kind} {row['name']} {k}: {cells[k]!r} != {row[k]!r}")
    return out


def form_rows(path: Path) -> list[dict[str, Any]]:
    """Bieu06a's rows as the JSON writes them (tt, label, values), from a workbook's values
    (recalculated, or as saved with its cached values)."""
    wb = load_workbook(path, data_only=True, read_only=True)
    last = L.BIEU_FIGURE_COL + L.BIEU_COLUMNS - 1
    out = []
    for r in wb[L.FORM_SHEET].iter_rows(min_row=L.BIEU_FIRST, max_col=last, values_only=True):
        if r[1] in (None, ""):
            break
        values = list(r[L.BIEU_FIGURE_COL - 1 : last])
        out.append({"tt": r[0] or "", "label": r[1], "values": values})
    wb.close()
    return out


def form_mismatches(path: Path, form: dict[str, Any]) -> list[str]:
    """Every Bieu06a row that differs from the JSON's form (and rows missing or extra)."""
    got = form_rows(path)
    want = [{"tt": r["tt"], "label": r["label"], "values": r["values"]} for r in form["rows"]]
    pairs = enumerate(zip(got, want, strict=False))  # a difference in length is named below
    out = [f"row {i}: {g} != {w}" for i, (g, w) in pairs if g != w]
    if len(got) != len(want):
        out.append(f"{len(got)} rows in Bieu06a, {len(want)} in the JSON")
    return out
