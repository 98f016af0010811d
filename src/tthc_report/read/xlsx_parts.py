"""Finding a worksheet's part in an .xlsx package (the reader's probe, the fast writer)."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sheet_target(workbook_xml: bytes, rels_xml: bytes, sheet: str) -> str:
    """The zip member of a worksheet, found by its name through the workbook's rels."""
    book = ElementTree.fromstring(workbook_xml)
    ids = [e.get(_REL_ID) for e in book.iter(f"{_MAIN}sheet") if e.get("name") == sheet]
    rels = ElementTree.fromstring(rels_xml)
    targets = [e.get("Target", "") for e in rels if ids and e.get("Id") == ids[0]]
    if not targets:
        raise KeyError(sheet)
    target = targets[0].lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    return sheet_target(zf.read(WORKBOOK), zf.read(WORKBOOK_RELS), sheet)
