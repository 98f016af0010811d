"""Apply a Plan to an open workbook through xlwings (the ribbon macro's writer).

The same ``Plan`` the openpyxl writer applies, written with calls that work on desktop
Excel and on xlwings' remote engine alike: ``Range.value``, ``Range.formula``,
``Range.formula_array``, ``Range.clear_contents``, ``Range.number_format``,
``Range.wrap_text``, ``Name.refers_to`` / ``names.add``, ``PageSetup.print_area``,
``Sheet.activate``.  No ``.api``; conditional formats and charts live in the template
(ChiTiet's colours cover ``layout.CT_FORMAT_ROWS`` rows whatever the data).

Every table is sized to the data, as ``openpyxl_writer.open_template`` sizes a template
file, so that any month and any units fit any workbook made from the template or by
``tthc-report build --out``: the per-row formulas of ``HoSo``, ``DanhMucDonVi`` and
``ChiTiet`` are written for the data's rows (``Range.formula``) and cleared below; the
bins of ``TinhToan`` are rewritten and its two array formulas set again over the new
height.  Those are short (``=TT_TinhNay``: the FREQUENCY histograms are named formulas,
``formulas.HISTOGRAM_NAMES``, which the writer defines too) because desktop Excel refuses
to set an array formula of over 255 characters from code.  Every range name that follows
the data is pointed at its new rows.

A workbook is written into more than once (each month, each press of the button), so every
block is written over its whole width (``None`` clears a cell) and what an earlier, longer
block left below it is cleared.  Text that Excel would read as a formula, number, date or
boolean is written with a leading apostrophe, which Excel keeps as text and does not show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np

from ..errors import TemplateError
from ..workbook import formulas
from ..workbook import layout as L
from ..workbook.history_io import WIDTH as HISTORY_WIDTH
from ..workbook.plan import Plan, Value
from ..workbook.template import DATE_FMT, DATETIME_FMT, detail_print_area, district_rate_formula
from ..workbook.template_form import form_print_area

#: cells per write call (keeps each COM call / remote action a manageable size)
CHUNK_CELLS = 100_000
#: block -> (width in columns, whether rows an earlier write left below it are cleared)
BLOCKS: dict[str, tuple[int, bool]] = {
    "BangPhan_Dau": (2, False),  # the plan pads it to the table's fixed height
    "HoSo_Dau": (L.HOSO_INPUT, True),
    "DanhMuc_Dau": (4, True),
    "ChiTiet_Dau": (len(L.CT_LABELS), True),
    "ChiTiet_PhanDau": (1, True),
    "BaoCao_Dau": (1, True),
    "KiemTra_TomTat": (1, False),
    "KiemTra_Dau": (7, True),
    "LichSu_Dau": (HISTORY_WIDTH, True),
    "Bieu06a_Theo": (1, False),
    "Bieu06a_Dau": (2, True),
    "Bieu06a_KhoaDau": (3, True),
    "LichSu_BieuDoDau": (1 + L.TONGHOP_BLOCKS, True),
    "LichSu_HuyenDau": (1, True),
    "LichSu_HuyenPhanDau": (1, True),
}
HOSO_WIDTH = L.HOSO_INPUT + len(L.HOSO_HELPERS)
DM_WIDTH = len(L.DM_HEADERS)
DM_FORMULA_COL = 5  # E: the catalog's first helper formula column
CT_WIDTH = L.CT_PREV_COL + len(L.METRIC_KEYS) - 1  # A .. the last previous-period figure
#: ChiTiet's formula columns, as (first, last) spans: the figures and the note, then the
#: key, the base bin and the previous period's figures (the section id between is a value)
CT_FORMULA_SPANS = ((L.CT_METRIC_COL, L.CT_NOTE_COL), (L.CT_KEY_COL, CT_WIDTH))
BIEU_WIDTH = L.BIEU_OWN_COL + L.BIEU_COLUMNS - 1  # A .. the row's own last figure
#: Bieu06a's formula columns: the figures (3)..(13), then the first bin and the own figures
#: (TT, label, kind, group and key between them are values)
BIEU_FORMULA_SPANS = (
    (L.BIEU_FIGURE_COL, L.BIEU_FIGURE_COL + L.BIEU_COLUMNS - 1),
    (L.BIEU_BASE_COL, BIEU_WIDTH),
)
EXCEL_ROWS = 1_048_576
LICHSU_RATE_COL = 32  # AF: the district on-time rate formulas of the bar chart
_LOOKS_TYPED = re.compile(r"^[\s\d.,:/%+\-eE]*\d[\s\d.,:/%+\-eE]*$")


def excel_text(value: str) -> str:
    """``value`` as written so that Excel keeps it as this very text."""
    s = value.strip()
    if (
        value[:1] in ("=", "+", "-", "@", "'", "#")
        or _LOOKS_TYPED.match(s)
        or s.upper() in ("TRUE", "FALSE")
    ):
        return "'" + value
    return value


def _cell(value: Value) -> Value:
    if isinstance(value, str):
        return excel_text(value) if value else None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _date_format(value: Value) -> str | None:
    if not isinstance(value, date):
        return None
    if isinstance(value, datetime) and value.time() != datetime.min.time():
        return DATETIME_FMT
    return DATE_FMT


def date_runs(rows: Sequence[Sequence[Value]], width: int) -> Iterator[tuple[int, int, int, str]]:
    """(first row, last row, column, format) offsets: each column's runs of one date format,
    so that every date gets the format the openpyxl writer gives it in few calls."""
    for j in range(width):
        current: str | None = None
        first = last = 0
        for i, r in enumerate(rows):
            fmt = _date_format(r[j]) if j < len(r) else None
            if fmt is None:
                continue
            if fmt != current:
                if current is not None:
                    yield first, last, j, current
                current, first = fmt, i
            last = i
        if current is not None:
            yield first, last, j, current


def _last_row(sheet: Any) -> int:
    return int(sheet.used_range.last_cell.row)


def _anchor(book: Any, name: str) -> tuple[Any, int, int]:
    rng = book.names[name].refers_to_range
    return rng.sheet, int(rng.row), int(rng.column)


def _name_rows(book: Any, name: str, first: int) -> int:
    return int(book.names[name].refers_to_range.last_cell.row) - first + 1


def book_sizes(book: Any) -> L.Sizes:
    """The sizes the workbook's range names have now (like ``template_sizes``)."""
    return L.sizes_of_names(lambda name, first: _name_rows(book, name, first))


def check_names(book: Any) -> None:
    """Every sheet and defined name the writer uses is there (before any write)."""
    sheets = {s.name for s in book.sheets}
    for sheet in L.ALL_SHEETS:
        if sheet not in sheets:
            raise TemplateError(
                f"Bảng tính {book.name} không có trang {sheet}: hãy dùng bảng tính tạo bằng "
                "'tthc-report template'."
            )
    names = {n.name for n in book.names}
    missing = [n for n in L.REQUIRED_NAMES if n not in names]
    if missing:
        raise TemplateError(
            f"Bảng tính {book.name} thiếu tên (defined name) {missing[0]}"
            + (f" và {len(missing) - 1} tên khác" if len(missing) > 1 else "")
            + ": hãy dùng bảng tính tạo bằng 'tthc-report template'."
        )


def check_capacity(plan: Plan) -> None:
    """The report's tables fit a worksheet (1,048,576 rows)."""
    if L.HOSO_FIRST + plan.sizes.cases - 1 > EXCEL_ROWS:
        raise TemplateError(
            f"Có {plan.sizes.cases:,} hồ sơ, nhiều hơn số dòng của một trang tính Excel: hãy "
            "lập báo cáo bằng lệnh 'tthc-report build' (tệp JSON) hoặc chia nhỏ kỳ báo cáo."
        )


def _write(sheet: Any, row: int, col: int, rows: list[list[Value]], formula: bool = False) -> None:
    if not rows:
        return
    width = max(len(r) for r in rows)
    step = max(1, CHUNK_CELLS // width)
    for i in range(0, len(rows), step):
        part = rows[i : i + step]
        rng = sheet.range((row + i, col), (row + i + len(part) - 1, col + width - 1))
        if formula:
            rng.formula = part
        else:
            rng.value = part


def _clear(sheet: Any, first: int, last: int, col: int, width: int) -> None:
    if first <= last and width > 0:
        sheet.range((first, col), (last, col + width - 1)).clear_contents()


def write_block(book: Any, name: str, rows: Sequence[Sequence[Value]]) -> None:
    """One plan block at its anchor, over its whole width, clearing what an earlier and
    longer block left below it; dates get their number formats."""
    width, clear_below = BLOCKS[name]
    sheet, row, col = _anchor(book, name)
    width = max([width, *(len(r) for r in rows)])
    cells = [[_cell(r[j]) if j < len(r) else None for j in range(width)] for r in rows]
    if clear_below:
        _clear(sheet, row + len(cells), _last_row(sheet), col, width)
    _write(sheet, row, col, cells)
    for first, last, j, fmt in date_runs(cells, width):
        sheet.range((row + first, col + j), (row + last, col + j)).number_format = fmt


def _size_tables(book: Any, plan: Plan, old: L.Sizes) -> None:
    """Formula rows, bins, array formulas and range names for the data's size."""
    sizes = plan.sizes
    hoso, dm, ct = book.sheets["HoSo"], book.sheets["DanhMucDonVi"], book.sheets["ChiTiet"]
    stale = max(_last_row(hoso), L.HOSO_FIRST + old.cases - 1)
    _clear(hoso, L.HOSO_FIRST + sizes.cases, stale, L.HOSO_INPUT + 1, len(L.HOSO_HELPERS))
    stale = max(_last_row(dm), L.DM_FIRST + old.units - 1)
    _clear(dm, L.DM_FIRST + sizes.units, stale, DM_FORMULA_COL, DM_WIDTH - 4)
    stale = max(_last_row(ct), L.CT_FIRST + old.rows - 1)
    _clear(ct, L.CT_FIRST + sizes.rows, stale, 1, CT_WIDTH)
    _set_names(book, {**{n: "=" + L.absolute_ref(s, r)
                         for n, (s, r) in L.sized_names(sizes).items()},
                      **{n: "=" + f for n, f in formulas.HISTOGRAM_NAMES.items()}})  # fmt: skip
    cases = range(L.HOSO_FIRST, L.HOSO_FIRST + sizes.cases)
    _write(hoso, L.HOSO_FIRST, L.HOSO_INPUT + 1, [formulas.hoso_formulas(r) for r in cases], True)
    units = range(L.DM_FIRST, L.DM_FIRST + sizes.units)
    _write(dm, L.DM_FIRST, DM_FORMULA_COL, [formulas.dm_formulas(r) for r in units], True)
    rows = [formulas.chitiet_formulas(r) for r in range(L.CT_FIRST, L.CT_FIRST + sizes.rows)]
    for first, last in CT_FORMULA_SPANS:
        _write(ct, L.CT_FIRST, first, [[f[c] for c in range(first, last + 1)] for f in rows], True)
    form = book.sheets[L.FORM_SHEET]
    stale = max(_last_row(form), L.BIEU_FIRST + old.form - 1)
    _clear(form, L.BIEU_FIRST + sizes.form, stale, 1, BIEU_WIDTH)
    rows = [formulas.bieu06a_formulas(r) for r in range(L.BIEU_FIRST, L.BIEU_FIRST + sizes.form)]
    for first, last in BIEU_FORMULA_SPANS:
        _write(form, L.BIEU_FIRST, first, [[f[c] for c in range(first, last + 1)] for f in rows],
               True)  # fmt: skip
    old_bins = max(old.bins, old.form_bins, _name_rows(book, "TT_Bins", 1),
                   _name_rows(book, "TT_BieuBins", 1))  # fmt: skip
    _size_histograms(book.sheets["TinhToan"], sizes, old_bins)


def _set_names(book: Any, refers: dict[str, str]) -> None:
    names = {n.name for n in book.names}
    for name, refers_to in refers.items():
        if name in names:
            book.names[name].refers_to = refers_to
        else:
            book.names.add(name, refers_to)


def _size_histograms(sheet: Any, sizes: L.Sizes, old_bins: int) -> None:
    """TinhToan: the bins 0 .. rows * K of ChiTiet (A) and of Bieu06a (D), and the three
    array formulas one cell longer.  The old arrays are cleared whole first (Excel cannot
    change part of an array)."""
    _clear(sheet, 1, max(old_bins, sizes.bins, sizes.form_bins) + 1, 1, 5)
    _write(sheet, 1, 1, [[i] for i in range(sizes.bins)])
    _write(sheet, 1, 4, [[i] for i in range(sizes.form_bins)])
    for ref, formula in formulas.histogram_formulas(sizes).values():
        sheet.range(ref).formula_array = formula


def _finish(book: Any, plan: Plan) -> None:
    """What ``openpyxl_writer._finish_sheets`` does that a remote-safe call can do:
    wrapped narrative and check messages, ChiTiet's print area, the district rate
    formulas the bar chart reads.  Conditional formats and charts are the template's."""
    for name, column, count in (
        ("BaoCao_Dau", 1, len(plan.blocks.get("BaoCao_Dau", []))),
        ("KiemTra_Dau", 7, len(plan.blocks.get("KiemTra_Dau", []))),
    ):
        sheet, row, _ = _anchor(book, name)
        if count:
            sheet.range((row, column), (row + count - 1, column)).wrap_text = True
    book.sheets["ChiTiet"].page_setup.print_area = detail_print_area(plan.sizes.rows)
    book.sheets[L.FORM_SHEET].page_setup.print_area = form_print_area(plan.sizes.form)
    lichsu, first, _ = _anchor(book, "LichSu_HuyenDau")
    rates = [[district_rate_formula(r)] for r in range(first, first + plan.districts)]
    _write(lichsu, first, LICHSU_RATE_COL, rates, formula=True)


class _Quiet:
    """Manual calculation and no screen updates while writing, where the engine can say
    which calculation mode to restore (the remote engine's clients may not)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.mode: str | None = None

    def __enter__(self) -> _Quiet:
        try:
            self.mode = self.app.calculation
        except Exception:  # not readable on this engine: left alone
            self.mode = None
        if self.mode is not None:
            self.app.calculation = "manual"
        self.app.screen_updating = False
        return self

    def __exit__(self, *exc: object) -> None:
        self.app.screen_updating = True
        if self.mode is not None:
            self.app.calculation = self.mode


def apply_plan(book: Any, plan: Plan) -> None:
    """Write ``plan`` into ``book`` (an ``xlwings.Book``).  Call ``check_names`` and
    ``check_capacity`` first: this function only writes."""
    old = book_sizes(book)
    with _Quiet(book.app):
        _size_tables(book, plan, old)
        for name, rows in {**plan.blocks, **plan.form_blocks}.items():
            write_block(book, name, rows)
        for name, value in {**plan.scalars, **plan.overrides}.items():
            write_scalar(book, name, value)
        _finish(book, plan)
        book.sheets["TongHop"].activate()


def write_scalar(book: Any, name: str, value: Value) -> None:
    sheet, row, col = _anchor(book, name)
    cell = _cell(value)
    sheet.range((row, col)).value = cell
    fmt = _date_format(cell)
    if fmt is not None:
        sheet.range((row, col)).number_format = fmt


def write_checks(book: Any, summary: str, rows: list[list[Value]]) -> None:
    """Only the data checks (KiemTraDuLieu): the 'Kiểm tra dữ liệu' button."""
    with _Quiet(book.app):
        write_block(book, "KiemTra_TomTat", [[summary]])
        write_block(book, "KiemTra_Dau", rows)
        if rows:
            sheet, row, _ = _anchor(book, "KiemTra_Dau")
            sheet.range((row, 7), (row + len(rows) - 1, 7)).wrap_text = True
        book.sheets["KiemTraDuLieu"].activate()
