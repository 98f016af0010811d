"""Cached values written into a saved package's sheet parts: each formula cell openpyxl left
with an empty ``<v/>`` gets the value Excel would have saved (``t="str"`` for text, no type
for a number), so that a viewer that does not calculate shows it."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from .sheet_xml import escape
from .xlsx_package import sheet_part

#: a formula cell as openpyxl writes it: attributes, the formula, an empty value (``<v/>``
#: or ``<v></v>``: openpyxl writes one or the other as lxml is installed or not)
_FORMULA_CELL = re.compile(
    r'<c r="([A-Z]+)(\d+)"([^>]*)>(<f(?:[^>]*/>|[^>]*>[^<]*</f>))<v\s*(?:/>|></v>)</c>'
)
_TYPE = re.compile(r'\s+t="[^"]*"')
#: the deflate level of the package (as fast_rows writes it)
COMPRESS_LEVEL = 1
#: a sheet's patch: its XML -> the XML with cached values
Patch = Callable[[str], str]


def value_xml(value: Any) -> tuple[str, str]:
    """(type attribute, ``<v>`` content) of a cached value."""
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, int):
        return "", str(value)
    if isinstance(value, float):
        return "", repr(value)
    return ' t="str"', escape(str(value))


def fill_values(xml: str, value_of: Callable[[str, int], Any]) -> str:
    """``xml`` with each formula cell's value from ``value_of(column letters, row)``; a
    cell whose value is None keeps its empty ``<v/>``."""

    def cell(m: re.Match[str]) -> str:
        value = value_of(m.group(1), int(m.group(2)))
        if value is None:
            return m.group(0)
        kind, v = value_xml(value)
        attrs = _TYPE.sub("", m.group(3))
        return f'<c r="{m.group(1)}{m.group(2)}"{attrs}{kind}>{m.group(4)}<v>{v}</v></c>'

    return _FORMULA_CELL.sub(cell, xml)


def cells_patch(values: Mapping[str, Any]) -> Patch:
    """The patch that gives the cells named in ``values`` ("E6" -> value) their values."""
    return lambda xml: fill_values(xml, lambda letters, row: values.get(f"{letters}{row}"))


def patched_parts(parts: dict[str, bytes], patches: Mapping[str, Patch]) -> dict[str, bytes]:
    """``parts`` with each sheet named in ``patches`` patched."""
    out = dict(parts)
    for sheet, patch in patches.items():
        part = sheet_part(parts, sheet)
        out[part] = patch(parts[part].decode("utf-8")).encode("utf-8")
    return out


def write_package(saved: bytes, target: Path, patches: Mapping[str, Patch]) -> None:
    """The workbook ``saved`` (by openpyxl, in memory) written to ``target`` with its
    sheets patched."""
    with zipfile.ZipFile(BytesIO(saved)) as zf:
        infos = zf.infolist()
        parts = patched_parts({i.filename: zf.read(i.filename) for i in infos}, patches)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as out:
        for info in infos:
            out.writestr(info, parts[info.filename], zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)
