"""A normalised dump of a workbook: what the template test compares (sheets, defined names,
cell values and formulas, number formats, conditional formats, data validations, charts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula


def _value(v: object) -> object:
    if isinstance(v, ArrayFormula):
        return {"array": v.ref, "formula": v.text}
    if hasattr(v, "isoformat"):
        return v.isoformat()  # type: ignore[attr-defined]
    return v


def dump_workbook(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    out: dict[str, Any] = {
        "sheets": wb.sheetnames,
        "defined_names": {n: d.attr_text for n, d in sorted(wb.defined_names.items())},
    }
    for ws in wb.worksheets:
        cells = {
            c.coordinate: [_value(c.value), c.number_format]
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        }
        cf = [
            [str(rng.sqref), [(r.type, list(r.formula or []), r.stopIfTrue) for r in rules]]
            for rng, rules in ws.conditional_formatting._cf_rules.items()
        ]
        dv = [
            [str(d.sqref), d.type, d.formula1, d.formula2]
            for d in ws.data_validations.dataValidation
        ]
        out[ws.title] = {
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "print_area": ws.print_area,
            "orientation": ws.page_setup.orientation,
            "cells": cells,
            "conditional_formats": sorted(cf),
            "validations": sorted(dv),
            "charts": len(ws._charts),
            "column_formats": {
                k: d.number_format
                for k, d in sorted(ws.column_dimensions.items())
                if d.number_format != "General"
            },
        }
    return out


def diff(a: dict[str, Any], b: dict[str, Any], limit: int = 20) -> list[str]:
    """Human-readable differences between two dumps (empty when equal)."""
    found: list[str] = []

    def walk(x: object, y: object, where: str) -> None:
        if len(found) >= limit:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for k in sorted(set(x) | set(y), key=str):
                walk(x.get(k), y.get(k), f"{where}/{k}")
        elif x != y:
            found.append(f"{where}: {x!r} != {y!r}")

    walk(a, b, "")
    return found
