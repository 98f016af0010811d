"""The parts of a saved .xlsx package (a zip of XML files) that the fast writer edits."""

from __future__ import annotations

import re

from ..read.xlsx_parts import WORKBOOK, WORKBOOK_RELS, sheet_target

SST_PART = "xl/sharedStrings.xml"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
CONTENT_TYPES = "[Content_Types].xml"


def sheet_part(parts: dict[str, bytes], sheet: str) -> str:
    """The zip member of a worksheet, found by its name through the workbook's rels."""
    return sheet_target(parts[WORKBOOK], parts[WORKBOOK_RELS], sheet)


def _insert_before(xml: bytes, closing: bytes, element: str) -> bytes:
    at = xml.rindex(closing)
    return xml[:at] + element.encode("utf-8") + xml[at:]


def register_shared_strings(parts: dict[str, bytes]) -> dict[str, bytes]:
    """``parts`` with the content type and the workbook relationship of a shared strings
    table (the part itself is written by the caller).  openpyxl writes every text as an
    inline string, so a saved workbook has no table yet."""
    if SST_PART in parts:
        raise ValueError(f"{SST_PART} already in the package")
    rels = parts[WORKBOOK_RELS]
    taken = [int(n) for n in re.findall(rb'Id="rId(\d+)"', rels)]
    rel_id = f"rId{max(taken, default=0) + 1}"
    return {
        **parts,
        CONTENT_TYPES: _insert_before(
            parts[CONTENT_TYPES],
            b"</Types>",
            f'<Override PartName="/{SST_PART}" ContentType="{SST_TYPE}"/>',
        ),
        WORKBOOK_RELS: _insert_before(
            rels,
            b"</Relationships>",
            f'<Relationship Id="{rel_id}" Type="{SST_REL}" Target="/{SST_PART}"/>',
        ),
    }
