"""Reading the workbook the add-in runs in: its case sheet, catalog sheet and settings cells
(``ThamSo``), as plain values turned into the engine's tables and ``Settings``.  Shared by
the ribbon macro and the UDFs; the xlwings calls are the two functions at the end.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..config import Settings, apply_values
from ..errors import InputError
from ..prepare.catalog import CATALOG_HEADERS, Catalog, catalog_from_table, catalog_header_key
from ..read.cells import EXCEL_EPOCH
from ..read.columns import HEADERS
from ..read.files import no_header_message
from ..read.tables import RawTable, SheetWithoutHeader, table_from_rows

Rows = Sequence[Sequence[object]]
CASES_SHEET = "HoSo"
UNITS_SHEET = "DanhMucDonVi"
#: ThamSo names read into Settings: name -> (field, scale)
PARAMS: dict[str, tuple[str, float]] = {
    "NgayBatDau": ("start_day", 1),
    "MucTieuDungHan": ("target_on_time_rate", 100),  # the cell holds 95% = 0.95
    "NguongItHoSo": ("low_volume_threshold", 1),
    "TenTinh": ("province_name", 1),
    "TenTrungTam": ("centre_name", 1),
    "DonViBaoCao": ("reporting_unit", 1),
    "DonViNhanBaoCao": ("receiving_unit", 1),
    "CoQuanChuQuan": ("managing_body", 1),
    "CoQuanBanHanh": ("issuing_body", 1),
    "KyHieuVanBan": ("document_code", 1),
    "DiaDanh": ("place", 1),
    "NoiNhan": ("recipients", 1),
    "ChucVuNguoiKy": ("signer_title", 1),
    "NguoiKy": ("signer_name", 1),
    "Bieu06aTheo": ("form_layout", 1),
}
MONTH_NAME = "ThangBaoCao"


# --- values -> tables --------------------------------------------------------------------


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _values(values: Rows) -> list[list[object]]:
    return [["" if v is None else v for v in r] for r in values]


def case_table(values: Rows, book: str) -> RawTable:
    """The case list of a HoSo sheet's values.  Rows whose canonical columns are all blank
    (the template's formula rows below the data) are not cases."""
    found = table_from_rows(_values(values), book, CASES_SHEET, default_headers=HEADERS)
    if isinstance(found, SheetWithoutHeader):
        msg = no_header_message(Path(book or CASES_SHEET), [found])
        raise InputError(msg.replace(f"tệp {book}", f"trang {CASES_SHEET} của {book}"))
    keep = [
        i for i, r in enumerate(found.rows)
        if any(not blank(r[c]) for c in found.columns.values() if c < len(r))
    ]  # fmt: skip
    found = found.take(keep)
    found.extra_headers = {
        i: h for i, h in found.extra_headers.items() if not h.startswith("_")
    }  # the template's helper columns (_TrangThai, ...) are not data
    return found


def unit_catalog(values: Rows | None, book: str) -> Catalog | None:
    """The catalog of a DanhMucDonVi sheet's values; None when it lists no unit."""
    if not values:
        return None
    found = table_from_rows(
        _values(values), book, UNITS_SHEET, catalog_header_key, ("name", "level"),
        CATALOG_HEADERS,
    )  # fmt: skip
    if isinstance(found, SheetWithoutHeader):
        return None
    name = found.columns["name"]
    keep = [i for i, r in enumerate(found.rows) if name < len(r) and not blank(r[name])]
    if not keep:
        return None
    return catalog_from_table(found.take(keep))


def parse_month(value: object) -> tuple[int, int]:
    """A month from a date cell, an Excel serial number or text (2021-10, 10/2021,
    Tháng 10/2021)."""
    if isinstance(value, datetime | date):
        return value.year, value.month
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        day = EXCEL_EPOCH + timedelta(days=float(value))
        return day.year, day.month
    if isinstance(value, str):
        text = value.strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text)
        if m:
            year, month = int(m[1]), int(m[2])
        else:
            m = re.search(r"(\d{1,2})\s*[/.-]\s*(\d{4})$", text)
            year, month = (int(m[2]), int(m[1])) if m else (0, 0)
        if 1 <= month <= 12 and year > 1900:
            return year, month
    raise InputError(
        f"Không hiểu tháng '{value}': hãy dùng ô ThangBaoCao, một ngày, hoặc chữ như 2021-10."
    )


def settings_from(params: Mapping[str, object], base: Settings | None = None) -> Settings:
    """Settings with the ThamSo values given (blank cells keep the defaults)."""
    changes: dict[str, Any] = {}
    for name, (field_name, scale) in PARAMS.items():
        v = params.get(name)
        if blank(v):
            continue
        if isinstance(v, int | float) and not isinstance(v, bool):
            v = v * scale
            v = int(v) if field_name != "target_on_time_rate" else float(v)
        changes[field_name] = v
    return apply_values(base or Settings(), changes, "trang ThamSo")


# --- xlwings: the calling workbook -------------------------------------------------------


def sheet_values(book: Any, name: str) -> list[list[object]] | None:
    names = [s.name for s in book.sheets]
    if name not in names:
        return None
    values = book.sheets[name].used_range.options(ndim=2).value
    return values or None


def named_value(book: Any, name: str) -> object:
    try:
        return book.names[name].refers_to_range.value
    except Exception:  # a missing or broken name: the default applies
        return None
