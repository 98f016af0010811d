"""What goes where in the workbook, engine-neutral.

A ``Plan`` names each target by the defined name it starts at and gives its values as
rows (text, numbers, datetimes, None).  The openpyxl writer (CLI) and the xlwings writer
(ribbon macro) apply the same plan; neither decides any content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..config import Settings
from ..count.forms import FORM_ID
from ..formatting import number
from ..model import (
    FORM_GROUP,
    FORM_ROW,
    FORM_TOTAL,
    HISTORY_KEYS,
    SEVERITY_LABELS,
    HistoryRow,
    Report,
)
from ..prepare.words import LEVEL_NAMES
from .case_rows import CaseRows, relevant_cases
from .layout import (
    BANGPHAN_ROWS,
    BIEU_BY_FIELD,
    BIEU_BY_UNIT,
    BIEU_GROUP,
    BIEU_ROW,
    BIEU_TOTAL,
    KIND_AGENCY,
    KIND_DISTRICT,
    KIND_TOTAL,
    KIND_UNIT,
    TONGHOP_BLOCKS,
    Sizes,
)

Value = Any  # str | int | float | datetime | None
#: rows of values; HoSo's block is a ``CaseRows`` (columns, made into rows when iterated)
Block = Sequence[Sequence[Value]]
ROMAN = ("I", "II", "III", "IV", "V")
KIND_OF = {"agency": KIND_AGENCY, "district": KIND_DISTRICT, "unit": KIND_UNIT}


@dataclass(frozen=True)
class Plan:
    #: single named cells -> value
    scalars: dict[str, Value]
    #: write anchors (defined names) -> rows of values, written from the anchor down/right
    blocks: dict[str, Block]
    sizes: Sizes
    sections: int
    months: int
    districts: int
    #: names written as values over the template's formulas (an explicit --from/--to range)
    overrides: dict[str, Value] = field(default_factory=dict)
    #: form II.06a (the Bieu06a sheet): its layout word, rows (TT, label) and keys (kind,
    #: group, what the cases are matched on); kept apart from ``blocks`` until the add-in's
    #: writer fills Bieu06a too
    form_blocks: dict[str, Block] = field(default_factory=dict)


def detail_rows(report: Report) -> tuple[list[list[Value]], list[list[Value]]]:
    """ChiTiet rows (kind, name, level, district) and their section ids."""
    rows: list[list[Value]] = []
    secs: list[list[Value]] = []
    for i, s in enumerate(report.sections):
        rows.append([KIND_TOTAL, f"{ROMAN[i]}. {s.title}", None, None])
        secs.append([s.id])
        for kind, found in s.breakdowns.items():
            for r in found:
                district = r.name if r.level == "district" else r.parent
                rows.append([
                    KIND_OF[kind], r.name, LEVEL_NAMES.get(r.level or ""),
                    district if kind == "unit" else None,
                ])  # fmt: skip
                secs.append([s.id])
    return rows, secs


def history_rows(report: Report, rows: Sequence[HistoryRow]) -> list[list[Value]]:
    """LichSu's rows: the section's title where staff read it ("Phần"), its id in the
    hidden last column (what the next build reads back)."""
    titles = {s.id: s.title for s in report.sections}
    return [
        [h.period_label, date.fromisoformat(h.period_start), date.fromisoformat(h.period_end),
         titles.get(h.section, h.section), *(h.values.get(k) for k in HISTORY_KEYS), h.leader,
         h.leader_rate, h.low_volume_units, h.no_case_units, h.section]
        for h in rows
    ]  # fmt: skip


FORM_KINDS = {FORM_GROUP: BIEU_GROUP, FORM_ROW: BIEU_ROW, FORM_TOTAL: BIEU_TOTAL}


def form_blocks(report: Report, layout: str) -> dict[str, Block]:
    """Bieu06a's rows: (TT, label) shown, (kind, group, key) hidden.  A row's key is its
    level's word and what its cases are matched on, as the HoSo helper ``_DongBieu``
    builds it for each case."""
    form = next((f for f in report.forms if f.id == FORM_ID), None)
    rows = form.rows if form is not None else ()
    shown = [[r.tt or None, r.label] for r in rows]
    keys = [
        [FORM_KINDS[r.kind], r.group or None,
         f"{LEVEL_NAMES[r.level]}|{r.match}" if r.kind == FORM_ROW and r.level else None]
        for r in rows
    ]  # fmt: skip
    word = BIEU_BY_FIELD if layout == "field" else BIEU_BY_UNIT
    return {"Bieu06a_Theo": [[word]], "Bieu06a_Dau": shown, "Bieu06a_KhoaDau": keys}


def chart_rows(report: Report, rows: Sequence[HistoryRow]) -> list[list[Value]]:
    ids = [s.id for s in report.sections]
    months: dict[str, dict[str, Value]] = {}
    labels: dict[str, str] = {}
    for h in rows:
        months.setdefault(h.period_start, {})[h.section] = h.values.get("on_time_rate")
        labels[h.period_start] = h.period_label
    out: list[list[Value]] = [["Tháng", *(s.title for s in report.sections)]]
    for start in sorted(months):
        out.append([labels[start], *(months[start].get(i) for i in ids)])
    return out


def check_rows(report: Report) -> list[list[Value]]:
    return [
        [
            SEVERITY_LABELS.get(c.level, c.level),
            c.file or None,
            c.sheet or None,
            c.row,
            c.column or None,
            c.value or None,
            c.message,
        ]
        for c in report.checks
    ]


def check_summary(report: Report) -> str:
    s = report.summary
    return (
        f"Đọc {number(s.rows_read)} dòng, dùng {number(s.rows_used)} hồ sơ; loại "
        f"{number(s.excluded)} dòng lỗi, {number(s.cancelled)} hồ sơ hủy, gộp "
        f"{number(s.duplicates_merged)} dòng trùng; {number(s.errors)} lỗi, "
        f"{number(s.warnings)} cảnh báo, {number(s.infos)} thông tin."
    )


def make_plan(
    report: Report,
    settings: Settings,
    history: Sequence[HistoryRow] = (),
    sources: Mapping[str, str] | None = None,
) -> Plan:
    """What the workbook of ``report`` holds where.  ``sources``: ThamSo's
    ``ThuMucDuLieu``/``TepDanhMuc`` as the cases were read (left as they are if not given)."""
    from ..errors import TemplateError

    if len(report.sections) > TONGHOP_BLOCKS:
        raise TemplateError(
            f"Trang TongHop của mẫu có {TONGHOP_BLOCKS} phần, báo cáo có "
            f"{len(report.sections)} phần: hãy giảm số phần trong thiết lập."
        )
    cases = relevant_cases(report)
    detail, secs = detail_rows(report)
    units = [[code or None, name, LEVEL_NAMES.get(level or ""), parent]
             for name, level, parent, code in report.units]  # fmt: skip
    p, prev = report.period, report.previous_period
    month = p.month or (p.end.year, p.end.month)
    scalars: dict[str, Value] = {
        "ThangBaoCao": datetime(month[0], month[1], 1),
        "NgayBatDau": settings.start_day,
        "MucTieuDungHan": settings.target_on_time_rate / 100,
        "NguongItHoSo": settings.low_volume_threshold,
        "TenTinh": settings.province_name or None,
        "TenTrungTam": settings.centre_name or None,
        "DonViBaoCao": settings.reporting_unit or None,
        "DonViNhanBaoCao": settings.receiving_unit or None,
        "Bieu06aTheo": BIEU_BY_FIELD if settings.form_layout == "field" else BIEU_BY_UNIT,
        "CoQuanChuQuan": settings.managing_body or None,
        "CoQuanBanHanh": settings.issuing_body or None,
        "KyHieuVanBan": settings.document_code or None,
        "DiaDanh": settings.place or None,
        "NoiNhan": "\n".join(settings.recipients) or None,
        "ChucVuNguoiKy": settings.signer_title or None,
        "NguoiKy": settings.signer_name or None,
    }
    scalars.update({name: text for name, text in (sources or {}).items() if text})
    overrides: dict[str, Value] = {}
    if p.month is None:
        overrides = {
            "KyNayBatDau": datetime.combine(p.start, datetime.min.time()),
            "KyNayKetThuc": datetime.combine(p.end, datetime.min.time()),
            "KyNayNhan": p.label,
        }
        if prev is not None:
            overrides.update({
                "KyTruocBatDau": datetime.combine(prev.start, datetime.min.time()),
                "KyTruocKetThuc": datetime.combine(prev.end, datetime.min.time()),
                "KyTruocNhan": prev.label,
            })  # fmt: skip
    for i in range(TONGHOP_BLOCKS):
        s = report.sections[i] if i < len(report.sections) else None
        scalars[f"TongHop_Phan{i + 1}"] = s.id if s else None
        scalars[f"TongHop_TenPhan{i + 1}"] = f"{ROMAN[i]}. {s.title}" if s else None
    levels: list[list[Value]] = [
        [LEVEL_NAMES[lv], s.id] for s in report.sections for lv in s.levels
    ]
    levels += [[None, None]] * (BANGPHAN_ROWS - len(levels))
    districts = [(r.name, s.id) for s in report.sections for r in s.breakdowns.get("district", ())]
    blocks: dict[str, Block] = {
        "BangPhan_Dau": levels,
        "HoSo_Dau": CaseRows.of_cases(cases),
        "DanhMuc_Dau": units,
        "ChiTiet_Dau": detail,
        "ChiTiet_PhanDau": secs,
        "BaoCao_Dau": [[t] for t in report.narrative],
        "KiemTra_TomTat": [[check_summary(report)]],
        "KiemTra_Dau": check_rows(report),
        "LichSu_Dau": history_rows(report, history),
        "LichSu_BieuDoDau": chart_rows(report, history),
        "LichSu_HuyenDau": [[d] for d, _ in districts],
        "LichSu_HuyenPhanDau": [[s] for _, s in districts],
    }
    form = form_blocks(report, settings.form_layout)
    sizes = Sizes(
        cases=max(len(cases), 1),
        units=max(len(units), 1),
        rows=max(len(detail), 1),
        form=max(len(form["Bieu06a_Dau"]), 1),
    )
    months = len(blocks["LichSu_BieuDoDau"]) - 1
    return Plan(
        scalars, blocks, sizes, len(report.sections), months, len(districts), overrides, form
    )
