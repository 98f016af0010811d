"""Where everything is in the report workbook: sheets, columns, the first rows of each
table, the defined names (the workbook's contract, docs/workbook.md) and how many rows each
table holds (``Sizes``).  The formulas written there are in ``formulas``.

The helper columns of ``HoSo`` classify each case row once; the hidden sheet ``TinhToan``
holds one FREQUENCY histogram per period over ``ChiTiet`` rows x ``K`` outcome bins, which
``STATES`` and the ``CH_*``/``DELIVERED`` offsets below number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook

from ..model import COUNT_KEYS, RATE_KEYS
from ..read.columns import COLUMNS

METRIC_KEYS = (*COUNT_KEYS, *RATE_KEYS)

#: outcome kinds counted per ChiTiet row (bin offsets 0..K-1)
STATES = (
    "resolved_early", "resolved_on_time", "resolved_late", "returned", "withdrawn",
    "pending_overdue", "pending_in_time",
)  # fmt: skip
NEW, CARRIED = 0, len(STATES)  # state offsets of a new and of a carried-over case
CH_DIRECT, CH_PARTIAL, CH_FULL, CH_ONLINE_OTHER, CH_POSTAL = 14, 15, 16, 17, 18
DELIVERED = 19
K = 20

#: status keys of the helper column _TrangThai
ST_RESOLVED, ST_RETURNED, ST_WITHDRAWN, ST_PROCESSING, ST_CANCELLED = 1, 2, 3, 4, 5
NOT_FINISHED = 1_000_000  # day number of "not finished" / "no due date"

KIND_TOTAL, KIND_AGENCY, KIND_DISTRICT, KIND_UNIT = "Tổng", "Cơ quan", "Huyện", "Đơn vị"

# --- sheets -----------------------------------------------------------------------------

#: the sheets both writers fill (the add-in's xlwings writer checks them before writing)
SHEETS = (
    "HuongDan", "ThamSo", "HoSo", "DanhMucDonVi", "TongHop", "ChiTiet", "BaoCao",
    "KiemTraDuLieu", "LichSu", "TinhToan",
)  # fmt: skip
#: form II.06a (docs/forms.md), filled by the command line's writer
FORM_SHEET = "Bieu06a"
#: every sheet, in the workbook's order
ALL_SHEETS = (*SHEETS[:6], FORM_SHEET, *SHEETS[6:])

HOSO_FIRST = 2  # first case row
HOSO_INPUT = len(COLUMNS)  # A..O: the canonical columns of docs/inputs.md
HOSO_HELPERS = (
    "_TrangThai", "_NgayTN", "_NgayHen", "_NgayKT", "_NgayTra", "_Kenh", "_DonVi",
    "_DongTong", "_DongDV", "_DongHuyen", "_KqNay", "_KqTruoc", "_DongBieu",
)  # fmt: skip
DM_FIRST = 2
DM_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "_Phan", "_DongTong",
              "_DongDV", "_DongHuyen")  # fmt: skip
CT_FIRST = 6  # first ChiTiet row
CT_LABELS = ("Loại", "Tên cơ quan, đơn vị", "Cấp", "Huyện")
CT_METRIC_COL = 5  # E: the first metric column
CT_NOTE_COL = CT_METRIC_COL + len(METRIC_KEYS)  # AC
CT_SECTION_COL = CT_NOTE_COL + 1  # AD (hidden)
CT_KEY_COL = CT_SECTION_COL + 1  # AE (hidden)
CT_BASE_COL = CT_KEY_COL + 1  # AF (hidden)
CT_PREV_COL = CT_BASE_COL + 1  # AG..: previous period's figures (hidden)

#: Bieu06a: the first row of figures; A (TT), B (label), C..M the figures (3)..(13); hidden:
#: O kind, P group, Q key (what the cases are matched on), R first bin, S..AC a row's own
#: figures (its bins; 0 on group and total rows), which the group and total rows add up
BIEU_FIRST = 11
BIEU_COLUMNS = 11  # (3)..(13)
BIEU_FIGURE_COL = 3  # C
BIEU_KIND_COL = 15  # O
BIEU_GROUP_COL = BIEU_KIND_COL + 1  # P
BIEU_KEY_COL = BIEU_KIND_COL + 2  # Q
BIEU_BASE_COL = BIEU_KIND_COL + 3  # R
BIEU_OWN_COL = BIEU_KIND_COL + 4  # S..AC
BIEU_GROUP, BIEU_ROW, BIEU_TOTAL = "Nhóm", "Dòng", "Tổng"
#: the layout words of Bieu06a_Theo: rows keyed by unit or by field
BIEU_BY_UNIT, BIEU_BY_FIELD = "Đơn vị", "Lĩnh vực"

#: template capacities: rows that carry formulas in the committed template (the add-in
#: resizes every table to the data)
TEMPLATE_CASES = 500
TEMPLATE_UNITS = 200
TEMPLATE_ROWS = 250
TEMPLATE_FORM_ROWS = 200
#: ChiTiet rows the conditional formats cover, whatever the data: the add-in can add rows
#: but cannot edit conditional formats portably (more rows than this keep their figures,
#: without the colours)
CT_FORMAT_ROWS = 1000


#: BaoCao: the narrative column's width (characters) and the height of one line (points)
NARRATIVE_WIDTH = 80
LINE_HEIGHT = 15.0


def paragraph_height(text: str, width: int = NARRATIVE_WIDTH) -> float:
    """Row height (points) that shows a wrapped paragraph whole: neither Excel nor
    LibreOffice grows a row for wrapped text written by a program."""
    per_line = max(int(width * 1.15), 20)
    lines = sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))
    return round(lines * LINE_HEIGHT + 4, 1)


def col(i: int) -> str:
    return get_column_letter(i)


HOSO_COL = {c.key: col(i + 1) for i, c in enumerate(COLUMNS)}
HELPER_COL = {h: col(HOSO_INPUT + 1 + i) for i, h in enumerate(HOSO_HELPERS)}
METRIC_COL = {k: col(CT_METRIC_COL + i) for i, k in enumerate(METRIC_KEYS)}
PREV_COL = {k: col(CT_PREV_COL + i) for i, k in enumerate(METRIC_KEYS)}


@dataclass(frozen=True)
class Sizes:
    """How many rows each table holds (at least one, so every range stays valid)."""

    cases: int
    units: int
    rows: int
    #: Bieu06a's rows (groups, rows and the total)
    form: int = TEMPLATE_FORM_ROWS

    @property
    def bins(self) -> int:
        return max(self.rows, 1) * K + 1

    @property
    def form_bins(self) -> int:
        return max(self.form, 1) * K + 1


#: the range names whose rows tell a workbook's sizes: size -> (name, its first row)
SIZE_NAMES = {
    "cases": ("HoSo_TrangThai", HOSO_FIRST),
    "units": ("DM_Ten", DM_FIRST),
    "rows": ("ChiTiet_Khoa", CT_FIRST),
    "form": ("Bieu06a_Khoa", BIEU_FIRST),
}


def sizes_of_names(rows_of: Callable[[str, int], int]) -> Sizes:
    """A workbook's sizes, from ``rows_of(name, first row)``: the rows a range name spans
    (read through openpyxl or xlwings)."""
    return Sizes(**{size: rows_of(name, first) for size, (name, first) in SIZE_NAMES.items()})


# --- defined names ----------------------------------------------------------------------

#: single cells and write anchors: name -> (sheet, cell)
FIXED_NAMES = {
    "ThangBaoCao": ("ThamSo", "B4"),
    "NgayBatDau": ("ThamSo", "B5"),
    "KyNayBatDau": ("ThamSo", "B6"),
    "KyNayKetThuc": ("ThamSo", "B7"),
    "KyTruocBatDau": ("ThamSo", "B8"),
    "KyTruocKetThuc": ("ThamSo", "B9"),
    "KyNayNhan": ("ThamSo", "B10"),
    "KyTruocNhan": ("ThamSo", "B11"),
    "MucTieuDungHan": ("ThamSo", "B12"),
    "NguongItHoSo": ("ThamSo", "B13"),
    "TenTinh": ("ThamSo", "B14"),
    "TenTrungTam": ("ThamSo", "B15"),
    "ThuMucDuLieu": ("ThamSo", "B16"),
    "TepDanhMuc": ("ThamSo", "B17"),
    "DonViBaoCao": ("ThamSo", "B18"),
    "DonViNhanBaoCao": ("ThamSo", "B19"),
    "CoQuanChuQuan": ("ThamSo", "B20"),
    "CoQuanBanHanh": ("ThamSo", "B21"),
    "KyHieuVanBan": ("ThamSo", "B22"),
    "DiaDanh": ("ThamSo", "B23"),
    "NoiNhan": ("ThamSo", "B24"),
    "ChucVuNguoiKy": ("ThamSo", "B25"),
    "NguoiKy": ("ThamSo", "B26"),
    "Bieu06aTheo": ("ThamSo", "B27"),
    "BangPhan_Dau": ("ThamSo", "N4"),
    "HoSo_Dau": ("HoSo", f"A{HOSO_FIRST}"),
    "DanhMuc_Dau": ("DanhMucDonVi", f"A{DM_FIRST}"),
    "ChiTiet_Dau": ("ChiTiet", f"A{CT_FIRST}"),
    "ChiTiet_PhanDau": ("ChiTiet", f"{col(CT_SECTION_COL)}{CT_FIRST}"),
    "BaoCao_Dau": ("BaoCao", "A4"),
    "KiemTra_TomTat": ("KiemTraDuLieu", "A2"),
    "KiemTra_Dau": ("KiemTraDuLieu", "A5"),
    "LichSu_Dau": ("LichSu", "A3"),
    "LichSu_BieuDoDau": ("LichSu", "Z2"),
    "LichSu_HuyenDau": ("LichSu", "AE3"),
    "LichSu_HuyenPhanDau": ("LichSu", "AG3"),
    "TongHop_Phan1": ("TongHop", "F6"),
    "TongHop_TenPhan1": ("TongHop", "A6"),
    "TongHop_Phan2": ("TongHop", "F33"),
    "TongHop_TenPhan2": ("TongHop", "A33"),
    "Bieu06a_Theo": ("Bieu06a", f"{col(BIEU_KIND_COL)}{BIEU_FIRST - 5}"),
    "Bieu06a_Dau": ("Bieu06a", f"A{BIEU_FIRST}"),
    "Bieu06a_KhoaDau": ("Bieu06a", f"{col(BIEU_KIND_COL)}{BIEU_FIRST}"),
}
#: ThamSo's cells naming where the button reads the month's cases: the folder of exports
#: and the unit catalog file (relative paths: from the workbook's folder)
FOLDER_CELL, CATALOG_CELL = "ThuMucDuLieu", "TepDanhMuc"
#: the fixed look-up tables on ThamSo: name -> (sheet, range)
TABLE_NAMES = {
    "TT_Tu": ("ThamSo", "E4:E30"),
    "TT_Ma": ("ThamSo", "F4:F30"),
    "Kenh_Tu": ("ThamSo", "H4:H20"),
    "Kenh_Ma": ("ThamSo", "I4:I20"),
    "MucDo_Tu": ("ThamSo", "K4:K20"),
    "MucDo_Ma": ("ThamSo", "L4:L20"),
    "BangPhan": ("ThamSo", "N4:O10"),
}
BANGPHAN_ROWS = 7  # rows of the BangPhan table (N4:O10)
TONGHOP_BLOCKS = 2  # sections the TongHop sheet shows
TONGHOP_FIRST = {1: 8, 2: 35}  # first figure row of each block


def absolute_ref(sheet: str, ref: str) -> str:
    """A defined name's reference: 'HoSo', 'P2:P9' -> 'HoSo!$P$2:$P$9'."""
    cells = ref.split(":")
    fixed = ":".join("$" + "".join(c for c in x if c.isalpha()) + "$" +
                     "".join(c for c in x if c.isdigit()) for x in cells)  # fmt: skip
    return f"{quote_sheetname(sheet)}!{fixed}"


def sized_names(s: Sizes) -> dict[str, tuple[str, str]]:
    """The range names whose size follows the data."""
    last_case = HOSO_FIRST + max(s.cases, 1) - 1
    last_unit = DM_FIRST + max(s.units, 1) - 1
    last_row = CT_FIRST + max(s.rows, 1) - 1
    names = {
        f"HoSo{h}": ("HoSo", f"{HELPER_COL[h]}{HOSO_FIRST}:{HELPER_COL[h]}{last_case}")
        for h in HOSO_HELPERS
    }
    names["HoSo_Bang"] = ("HoSo", f"A1:{HELPER_COL[HOSO_HELPERS[-1]]}{last_case}")
    names["DanhMuc_Bang"] = ("DanhMucDonVi", f"A1:D{last_unit}")  # the UDFs' catalog
    for i, h in enumerate(("DM_Ma", "DM_Ten", "DM_Cap", "DM_CapTren", "DM_Phan", "DM_DongTong",
                           "DM_DongDV", "DM_DongHuyen")):  # fmt: skip
        names[h] = ("DanhMucDonVi", f"{col(i + 1)}{DM_FIRST}:{col(i + 1)}{last_unit}")

    def ct(c: int) -> str:
        return f"{col(c)}{CT_FIRST}:{col(c)}{last_row}"

    names["ChiTiet_Loai"] = ("ChiTiet", ct(1))
    names["ChiTiet_Ten"] = ("ChiTiet", ct(2))
    names["ChiTiet_Cap"] = ("ChiTiet", ct(3))
    names["ChiTiet_Huyen"] = ("ChiTiet", ct(4))
    names["ChiTiet_Phan"] = ("ChiTiet", ct(CT_SECTION_COL))
    names["ChiTiet_Khoa"] = ("ChiTiet", ct(CT_KEY_COL))
    names["ChiTiet_TrucTuyen"] = ("ChiTiet", ct(CT_METRIC_COL + METRIC_KEYS.index("online")))
    names["ChiTiet_TrucTuyenTruoc"] = ("ChiTiet", ct(CT_PREV_COL + METRIC_KEYS.index("online")))
    last_metric = CT_METRIC_COL + len(METRIC_KEYS) - 1
    names["ChiTiet_KyNay"] = (
        "ChiTiet",
        f"{col(CT_METRIC_COL)}{CT_FIRST}:{col(last_metric)}{last_row}",
    )
    last_prev = CT_PREV_COL + len(METRIC_KEYS) - 1
    names["ChiTiet_KyTruoc"] = (
        "ChiTiet",
        f"{col(CT_PREV_COL)}{CT_FIRST}:{col(last_prev)}{last_row}",
    )
    names["ChiTiet_Bang"] = ("ChiTiet", f"A{CT_FIRST}:{col(CT_NOTE_COL)}{last_row}")
    names["TT_Bins"] = ("TinhToan", f"A1:A{s.bins}")
    names["TT_Nay"] = ("TinhToan", f"B1:B{s.bins + 1}")
    names["TT_Truoc"] = ("TinhToan", f"C1:C{s.bins + 1}")
    names.update(form_names(s))
    return names


def form_names(s: Sizes) -> dict[str, tuple[str, str]]:
    """Bieu06a's range names and its histogram's on TinhToan (D: bins, E: counts)."""
    last = BIEU_FIRST + max(s.form, 1) - 1

    def bieu(c: int) -> str:
        return f"{col(c)}{BIEU_FIRST}:{col(c)}{last}"

    own = f"{col(BIEU_OWN_COL)}{BIEU_FIRST}:{col(BIEU_OWN_COL + BIEU_COLUMNS - 1)}{last}"
    return {
        "Bieu06a_Loai": (FORM_SHEET, bieu(BIEU_KIND_COL)),
        "Bieu06a_Nhom": (FORM_SHEET, bieu(BIEU_GROUP_COL)),
        "Bieu06a_Khoa": (FORM_SHEET, bieu(BIEU_KEY_COL)),
        "Bieu06a_SoLieu": (FORM_SHEET, own),
        "TT_BieuBins": ("TinhToan", f"D1:D{s.form_bins}"),
        "TT_Bieu": ("TinhToan", f"E1:E{s.form_bins + 1}"),
    }


REQUIRED_NAMES = (*FIXED_NAMES, *TABLE_NAMES, *sized_names(Sizes(1, 1, 1)))


def define_names(wb: Workbook, names: dict[str, tuple[str, str]]) -> None:
    for name, (sheet, ref) in names.items():
        if name in wb.defined_names:
            del wb.defined_names[name]
        wb.defined_names[name] = DefinedName(name, attr_text=absolute_ref(sheet, ref))


def name_target(wb: Workbook, name: str) -> tuple[str, int, int]:
    """(sheet, first row, first column) of a defined name."""
    from openpyxl.utils.cell import range_boundaries

    dn = wb.defined_names[name]
    ((sheet, ref),) = list(dn.destinations)
    min_col, min_row, _, _ = range_boundaries(ref.replace("$", ""))
    return sheet, int(min_row), int(min_col)  # type: ignore[arg-type]
