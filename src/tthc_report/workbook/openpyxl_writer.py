"""Apply a Plan to the template with openpyxl and save the report workbook atomically.

The template is generated in memory by default (``template.build_template``) with formula
rows sized to the data: it is exactly what the committed template is (a test checks it),
it needs no file beside the installed package, and sizing while building avoids writing
formulas twice.  Only HoSo's case rows bypass openpyxl: they are streamed into the saved
package as XML (``fast_rows``).  ``template=PATH`` loads a template file instead (a
customised copy) and fills every cell with openpyxl; every defined name the code writes to
must be there, else a TemplateError names the missing one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_STORED, BadZipFile, ZipFile

import numpy as np
from openpyxl import load_workbook
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..config import Settings
from ..errors import TemplateError
from ..model import HistoryRow, Report
from ..outputs import atomic_write
from ..read.columns import COLUMNS, DATE_KEYS
from . import formulas
from . import layout as L
from .cached_sheets import CachedValues
from .cached_xml import Patch, cells_patch, fill_values, write_package
from .fast_rows import inject_rows, write_sample_rows
from .plan import Plan, make_plan
from .styles import DATE_FMT, DATETIME_FMT
from .template import build_template, detail_formats
from .template_form import LABEL_WIDTH, form_formats
from .template_history import add_charts, history_heights

FORMULA_START = "="
#: HoSo's helper formulas, written for its first case row
HOSO_FORMULAS = formulas.hoso_formulas(L.HOSO_FIRST)


def check_names(wb: Workbook, source: str) -> None:
    missing = [n for n in L.REQUIRED_NAMES if n not in wb.defined_names]
    if missing:
        raise TemplateError(
            f"Mẫu bảng tính {source} thiếu tên (defined name) {missing[0]}"
            + (f" và {len(missing) - 1} tên khác" if len(missing) > 1 else "")
            + ": hãy tạo lại mẫu bằng 'tthc-report template'."
        )
    for sheet in L.ALL_SHEETS:
        if sheet not in wb.sheetnames:
            raise TemplateError(f"Mẫu bảng tính {source} thiếu trang tính {sheet}.")


def check_template_file(template: Path) -> None:
    """Fail early, before any work, when a template file is unusable."""
    _load(template)


def _load(template: Path) -> Workbook:
    try:
        wb = load_workbook(template)
    except (OSError, ValueError, KeyError, InvalidFileException, BadZipFile) as exc:
        raise TemplateError(
            f"Không mở được mẫu bảng tính {template}: tệp bị hỏng hoặc không phải bảng tính "
            f".xlsx. Hãy dùng mẫu do 'tthc-report template' tạo. Chi tiết: {exc}"
        ) from exc
    check_names(wb, str(template))
    return wb


def _rows_of(wb: Workbook, name: str, first: int) -> int:
    ((_, ref),) = list(wb.defined_names[name].destinations)
    _, _, _, max_row = range_boundaries(ref.replace("$", ""))
    return int(max_row or first) - first + 1


def template_sizes(wb: Workbook) -> L.Sizes:
    return L.sizes_of_names(lambda name, first: _rows_of(wb, name, first))


def open_template(plan: Plan, template: Path | None, hoso_rows: bool = True) -> Workbook:
    if template is None:
        return build_template(plan.sizes, hoso_rows)
    wb = _load(template)
    old = template_sizes(wb)
    L.define_names(wb, L.sized_names(plan.sizes))
    formulas.define_histogram_names(wb)
    formulas.write_formula_rows(wb, plan.sizes, old)
    return wb


def _put(ws: Worksheet, row: int, column: int, value: object) -> None:
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    cell = ws.cell(row, column)
    cell.value = value  # ws.cell(row, column, None) would leave an old value in place
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # text that looks like a formula stays text
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FMT if value.time() != datetime.min.time() else DATE_FMT


def apply_plan(wb: Workbook, plan: Plan, skip: Sequence[str] = ()) -> None:
    """Write the plan's values at their defined names (blocks named in ``skip`` are left
    to the caller)."""
    for name, value in {**plan.scalars, **plan.overrides}.items():
        sheet, row, column = L.name_target(wb, name)
        _put(wb[sheet], row, column, value)
    for name, rows in {**plan.blocks, **plan.form_blocks}.items():
        if name in skip:
            continue
        sheet, row, column = L.name_target(wb, name)
        ws = wb[sheet]
        for i, values in enumerate(rows):
            for j, value in enumerate(values):
                if value is not None or name == "BangPhan_Dau":
                    _put(ws, row + i, column + j, value)
    _finish_sheets(wb, plan)


def _finish_sheets(wb: Workbook, plan: Plan) -> None:
    ct = wb["ChiTiet"]
    ct.conditional_formatting = ConditionalFormattingList()
    detail_formats(ct, plan.sizes.rows)
    hoso = wb["HoSo"]
    last_col = L.HELPER_COL[L.HOSO_HELPERS[-1]]
    hoso.auto_filter.ref = f"A1:{last_col}{L.HOSO_FIRST + plan.sizes.cases - 1}"
    sheet, first, _ = L.name_target(wb, "BaoCao_Dau")
    from openpyxl.styles import Alignment

    paragraphs = plan.blocks.get("BaoCao_Dau", [])
    for i, (text, *_) in enumerate(paragraphs):
        wb[sheet].cell(first + i, 1).alignment = Alignment(wrap_text=True, vertical="top")
        wb[sheet].row_dimensions[first + i].height = L.paragraph_height(str(text or ""))
    wb[sheet].print_area = f"A1:A{first + max(len(paragraphs), 1) - 1}"
    sheet, first, _ = L.name_target(wb, "KiemTra_Dau")
    ws = wb[sheet]
    for i in range(len(plan.blocks.get("KiemTra_Dau", []))):
        ws.cell(first + i, 7).alignment = Alignment(wrap_text=True, vertical="top")
    history = list(plan.blocks.get("LichSu_Dau", []))
    add_charts(wb, plan.months, plan.sections, plan.districts, len(history))
    history_heights(wb["LichSu"], history)
    form = wb[L.FORM_SHEET]
    form.conditional_formatting = ConditionalFormattingList()
    form_formats(form, plan.sizes.form)
    for i, (_, label) in enumerate(plan.form_blocks.get("Bieu06a_Dau", [])):
        height = L.paragraph_height(str(label or ""), LABEL_WIDTH)
        form.row_dimensions[L.BIEU_FIRST + i].height = max(height, L.LINE_HEIGHT + 3)


def fill_template(plan: Plan, template: Path | None) -> Workbook:
    """The template with the plan applied; with the generated template (``template`` None)
    HoSo gets only the two sample rows that ``save_filled`` replaces by the cases."""
    stream = template is None
    wb = open_template(plan, template, hoso_rows=not stream)
    apply_plan(wb, plan, skip=("HoSo_Dau",) if stream else ())
    if stream:
        date_columns = [i + 1 for i, c in enumerate(COLUMNS)
                        if c.key in DATE_KEYS]  # fmt: skip
        write_sample_rows(wb["HoSo"], L.HOSO_FIRST, date_columns, HOSO_FORMULAS,
                          L.HOSO_INPUT + 1, DATETIME_FMT, DATE_FMT)  # fmt: skip
    wb.active = wb.sheetnames.index("TongHop")
    return wb


def save_openpyxl(wb: Workbook) -> bytes:
    """The workbook saved by openpyxl, in memory and not compressed (``inject_rows``
    compresses it once, when it writes the file): ``Workbook.save`` without its deflate."""
    saved = BytesIO()
    wb.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    with ZipFile(saved, "w", ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return saved.getvalue()


def cache_values(wb: Workbook, plan: Plan) -> tuple[dict[str, Patch], list[np.ndarray]]:
    """Every formula's value (``cached_sheets``): TinhToan's array cells set in ``wb``; the
    patches that give the other sheets' formula cells theirs in the saved package; HoSo's
    helper columns."""
    cached = CachedValues.of(plan)
    tt = wb["TinhToan"]
    for (r, c), v in cached.array_values().items():
        tt.cell(r, c).value = v
    patches = {sheet: cells_patch(v) for sheet, v in cached.values_for(wb).items() if v}
    return patches, [cached.helpers[h] for h in L.HOSO_HELPERS]


def _helpers_patch(helpers: Sequence[np.ndarray]) -> Patch:
    """HoSo's helper cells written one by one (a template file): values by column and row."""
    index = {L.HELPER_COL[h]: i for i, h in enumerate(L.HOSO_HELPERS)}

    def value_of(letters: str, row: int) -> object:
        i = index.get(letters)
        n = row - L.HOSO_FIRST
        return int(helpers[i][n]) if i is not None and 0 <= n < len(helpers[i]) else None

    return lambda xml: fill_values(xml, value_of)


def save_filled(wb: Workbook, plan: Plan, path: Path, streamed: bool) -> None:
    """Save a ``fill_template`` workbook to ``path`` with every formula's cached value,
    streaming HoSo's cases if ``streamed``."""
    patches, helpers = cache_values(wb, plan)
    saved = save_openpyxl(wb)
    if not streamed:
        write_package(saved, path, {**patches, "HoSo": _helpers_patch(helpers)})
        return
    rows = plan.blocks.get("HoSo_Dau", [])
    inject_rows(saved, path, "HoSo", L.HOSO_FIRST, rows, HOSO_FORMULAS, L.HOSO_INPUT + 1,
                helpers, patches)  # fmt: skip


def write_workbook(
    report: Report,
    settings: Settings,
    path: Path,
    history_rows: Sequence[HistoryRow] | None = None,
    template: Path | None = None,
    sources: Mapping[str, str] | None = None,
) -> Plan:
    """Write the report workbook to ``path`` (atomically, replacing a file there); returns
    the plan applied.  LichSu gets ``history_rows`` (default: the report's own history).
    HoSo's rows are streamed into the generated template; a template file is filled cell
    by cell.  ``sources``: where the cases were read, for ThamSo (``plan.make_plan``)."""
    history = report.history if history_rows is None else history_rows
    plan = make_plan(report, settings, history, sources)
    wb = fill_template(plan, template)
    atomic_write(path, lambda tmp: save_filled(wb, plan, tmp, streamed=template is None))
    return plan
