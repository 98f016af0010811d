"""Finding the parts of an .xlsx package (used by the reader's probe and the writer)."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """The zip member of a worksheet, found by its name through the workbook's rels."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    ids = [e.get(_REL) for e in book.iter(f"{_MAIN}sheet") if e.get("name") == sheet]
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = [e.get("Target", "") for e in rels if ids and e.get("Id") == ids[0]]
    if not targets:
        raise KeyError(sheet)
    target = targets[0].lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target
