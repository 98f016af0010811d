"""Small helpers shared by tests: hand-made case lists and unit catalogs written as CSV files
with the canonical (template) headers, run through the real pipeline.

Cases are dicts keyed by the canonical keys of ``tthc_report.schema.COLUMNS``.  For
convenience ``status``, ``channel`` and ``online_level`` may be given as the English keys
of docs/figures.md; they are written as the Vietnamese words an export carries.  Dates may
be ISO strings (``2021-10-05`` or ``2021-10-05 16:30``), ``date``/``datetime`` objects, or
any text the reader accepts.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.model import COUNT_KEYS, Report, Row
from tthc_report.read.columns import COLUMNS

CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"
AGENCY = "Sở Tư pháp"
HEADERS = [c.header for c in COLUMNS]
KEYS = [c.key for c in COLUMNS]

STATUS_WORD = {
    "resolved": "Đã có kết quả",
    "returned": "Trả lại",
    "withdrawn": "Rút hồ sơ",
    "processing": "Đang xử lý",
    "cancelled": "Hủy",
}
CHANNEL_WORD = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
ONLINE_LEVEL_WORD = {"partial": "Mức độ 3", "full": "Mức độ 4"}
LEVEL_WORD = {"province": "tỉnh", "district": "huyện", "commune": "xã"}
ZERO = dict.fromkeys(COUNT_KEYS, 0)
#: a three-level catalog: the centre, two districts and their communes
THREE_LEVELS: list[tuple[str, str, str | None]] = [
    (CENTRE, "province", None),
    ("Huyện Sông Lô", "district", None),
    ("Xã Đồng Thịnh", "commune", "Huyện Sông Lô"),
    ("Xã Tứ Yên", "commune", "Huyện Sông Lô"),
    ("Huyện Yên Lạc", "district", None),
    ("Thị trấn Yên Lạc", "commune", "Huyện Yên Lạc"),
    ("Xã Liên Châu", "commune", "Huyện Yên Lạc"),
]


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    table = {"status": STATUS_WORD, "channel": CHANNEL_WORD, "online_level": ONLINE_LEVEL_WORD}
    if key in table:
        return table[key].get(str(value), str(value))
    if key == "level":
        return LEVEL_WORD.get(str(value), str(value))
    return str(value)


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """Rows as a UTF-8 CSV file, as the simplest export would be."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def write_cases(path: Path, cases: Sequence[Mapping[str, Any]]) -> Path:
    """A case list CSV with every canonical header.  Missing ``code`` gets HS0001..,
    missing ``unit`` the provincial centre, missing ``agency`` Sở Tư pháp (only for cases
    of the centre)."""
    unknown = {k for c in cases for k in c} - set(KEYS)
    assert not unknown, f"unknown case keys {unknown}"
    rows = []
    for i, case in enumerate(cases, 1):
        full = {"code": f"HS{i:04d}", "unit": CENTRE, **case}
        if full["unit"] == CENTRE and "agency" not in case:
            full["agency"] = AGENCY
        rows.append([_cell(k, full.get(k)) for k in KEYS])
    return write_csv(path, [HEADERS, *rows])


def write_catalog(path: Path, units: Sequence[tuple[str, str, str | None]]) -> Path:
    """A unit catalog CSV from (name, level key, parent district or None)."""
    rows = [
        [f"DV{i:03d}", name, LEVEL_WORD[level], parent or ""]
        for i, (name, level, parent) in enumerate(units, 1)
    ]
    return write_csv(path, [["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên"], *rows])


def build(
    tmp_path: Path,
    cases: Sequence[Mapping[str, Any]],
    *,
    month: tuple[int, int] = (2021, 10),
    settings: Settings | None = None,
    units: Sequence[tuple[str, str, str | None]] | None = None,
    name: str = "cases.csv",
) -> Report:
    """Write the cases (and catalog) to tmp_path and build the report through the real
    reader, cleaner, unit resolution and sections (api.build_report)."""
    path = write_cases(tmp_path / name, cases)
    units_file = write_catalog(tmp_path / f"units-{name}", units) if units else None
    return build_report([path], settings or Settings(), month=month, units_file=units_file)


def totals(report: Report, section: str = "province") -> dict[str, Any]:
    return report.section(section).totals.to_dict()


def rows(report: Report, section: str, kind: str) -> dict[str, Row]:
    """Breakdown rows by name (names must be unique within the breakdown)."""
    found = report.section(section).breakdowns[kind]
    out = {r.name: r for r in found}
    assert len(out) == len(found), f"duplicate row names in {section}/{kind}"
    return out


def expect(got: Mapping[str, Any], **want: Any) -> None:
    """Every count not named in ``want`` must be 0; rates are checked only when named."""
    for key in COUNT_KEYS:
        assert got[key] == want.get(key, 0), key
    for key, value in want.items():
        if key.endswith("_rate"):
            assert got[key] == (pytest.approx(value) if value is not None else None), key
