"""An .xlsx as the JSON payload that xlwings' clients send, and the cells a remote
book's actions write.  For tests on xlwings' remote engine (``xw.Book(json=payload)``).

The payload has the shape of xlwings' Office Scripts / Office.js clients (xlwings/js/
xlwings.ts): ``client``, ``version``, ``book`` (name, active sheet, selection), ``names``
(range names with sheet index and address) and per sheet ``values`` (the used rectangle
from A1; empty cells ""; dates as ISO strings with "Z", as the client sends
``Date.toISOString()``), ``pictures`` and ``tables``.  Values are read with openpyxl
``data_only=True``, i.e. what Excel shows: a formula cell the file holds no cached result
for is "" (a workbook saved by openpyxl was never calculated).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

CLIENT = "Microsoft Office Scripts"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}:\d{2})?$")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, time):
        return value.isoformat()
    return value


def _names(wb: Workbook) -> list[dict[str, Any]]:
    out = []
    for name, dn in wb.defined_names.items():
        dests = list(dn.destinations)
        if len(dests) != 1:
            continue  # constants and multi-area names are not sent as ranges
        sheet, ref = dests[0]
        if sheet not in wb.sheetnames:
            continue
        out.append({
            "name": name,
            "sheet_index": wb.sheetnames.index(sheet),
            "address": ref,
            "refers_to": f"={dn.attr_text}",
            "scope_sheet_name": None,
            "scope_sheet_index": None,
            "book_scope": True,
        })  # fmt: skip
    return out


def _tables(ws: Any) -> list[dict[str, Any]]:
    out = []
    for table in ws.tables.values():
        c1, r1, c2, r2 = range_boundaries(table.ref)
        header = table.headerRowCount != 0
        body_top = r1 + 1 if header else r1
        from openpyxl.utils import get_column_letter as col

        out.append({
            "name": table.name,
            "range_address": f"${col(c1)}${r1}:${col(c2)}${r2}",
            "header_row_range_address": f"${col(c1)}${r1}:${col(c2)}${r1}" if header else None,
            "data_body_range_address": f"${col(c1)}${body_top}:${col(c2)}${r2}",
            "total_row_range_address": None,
            "show_headers": header,
            "show_totals": False,
            "table_style": table.tableStyleInfo.name if table.tableStyleInfo else None,
            "show_autofilter": True,
        })  # fmt: skip
    return out


def payload_from_workbook(wb: Workbook, name: str, version: str | None = None) -> dict[str, Any]:
    if version is None:
        import xlwings

        version = xlwings.__version__
    sheets = []
    for ws in wb.worksheets:
        width = ws.max_column if ws.max_row > 1 or ws["A1"].value is not None else 1
        values = [
            [_cell(v) for v in row]
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=width, values_only=True)
        ]
        sheets.append(
            {"name": ws.title, "values": values or [[""]], "pictures": [], "tables": _tables(ws)}
        )
    return {
        "client": CLIENT,
        "version": version,
        "book": {
            "name": name,
            "active_sheet_index": wb.sheetnames.index(wb.active.title) if wb.active else 0,
            "selection": "A1",
        },
        "names": _names(wb),
        "sheets": sheets,
    }


def payload_from_xlsx(path: Path, version: str | None = None) -> dict[str, Any]:
    """The payload a client would send for the workbook at ``path``."""
    wb = load_workbook(path, data_only=True)
    return payload_from_workbook(wb, Path(path).name, version)


def from_action(value: object) -> object:
    """A value of a setValues action as Python: "" -> None, ISO text -> datetime."""
    if value == "":
        return None
    if isinstance(value, str) and _ISO.match(value):
        return datetime.fromisoformat(value)
    return value


def written_cells(payload: dict[str, Any], actions: list[dict[str, Any]]) -> dict:
    """{(sheet, row, column): value} written by the setValues/setFormula actions (1-based
    rows and columns; the last write to a cell wins)."""
    sheets = [s["name"] for s in payload["sheets"]]
    out: dict[tuple[str, int, int], object] = {}
    for a in actions:
        if a["func"] not in ("setValues", "setFormula"):
            continue
        sheet = sheets[a["sheet_position"]]
        for i, row in enumerate(a["values"]):
            for j, v in enumerate(row):
                out[(sheet, a["start_row"] + i + 1, a["start_column"] + j + 1)] = from_action(v)
    return out
