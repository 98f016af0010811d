"""The workbook's layout and its native formulas, shared by the template and the writer.

How the formulas scale (see workbook_templates/README.md):

- every case row of ``HoSo`` is classified once, by helper columns P..AA: its status key,
  its calendar days (received, due, finished, delivered), its channel outcome, the
  ``ChiTiet`` rows it counts in (section total, agency or desk, district) and its outcome
  for the current and the previous period (``OUTCOMES``);
- one CSE array formula per period on the hidden sheet ``TinhToan`` turns those columns
  into a histogram: ``FREQUENCY`` of ``(row - 1) * K + outcome + 1`` over the bins
  ``0 .. rows * K``, summed over the three groupings and the three kinds of outcome; every
  case row is read nine times per period in total, whatever the number of units;
- every figure of ``ChiTiet`` is a sum of a few bins (``INDEX``), and ``TongHop`` reads the
  section rows of ``ChiTiet``.

Only functions of Excel 2007 (IFERROR, COUNTIFS, FREQUENCY, INDEX, MATCH) are used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from ..model import COUNT_KEYS, RATE_KEYS
from ..prepare.words import LEVEL_NAMES
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

SHEETS = (
    "HuongDan", "ThamSo", "HoSo", "DanhMucDonVi", "TongHop", "ChiTiet", "BaoCao",
    "KiemTraDuLieu", "LichSu", "TinhToan",
)  # fmt: skip

HOSO_FIRST = 2  # first case row
HOSO_INPUT = len(COLUMNS)  # A..O: the canonical columns of docs/inputs.md
HOSO_HELPERS = (
    "_TrangThai", "_NgayTN", "_NgayHen", "_NgayKT", "_NgayTra", "_Kenh", "_DonVi",
    "_DongTong", "_DongDV", "_DongHuyen", "_KqNay", "_KqTruoc",
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

#: template capacities: rows that carry formulas in the committed template
TEMPLATE_CASES = 500
TEMPLATE_UNITS = 200
TEMPLATE_ROWS = 250


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

    @property
    def bins(self) -> int:
        return max(self.rows, 1) * K + 1


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
}
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
    return names


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


# --- formulas ---------------------------------------------------------------------------


def hoso_formulas(r: int) -> list[str]:
    """The helper formulas of case row ``r`` (columns P..AA, in HOSO_HELPERS order)."""
    c = {k: f"${v}{r}" for k, v in HOSO_COL.items()}
    h = {k: f"${v}{r}" for k, v in HELPER_COL.items()}
    has_result = f'OR({c["result_date"]}<>"",{c["delivered"]}<>"")'
    word = f"MATCH({c['status']},TT_Tu,0)"
    status = (
        f'=IF({c["received"]}="",0,IF(ISNA({word}),IF({has_result},{ST_RESOLVED},{ST_PROCESSING}),'
        f"IF(AND(INDEX(TT_Ma,{word})={ST_PROCESSING},{has_result}),{ST_RESOLVED},"
        f"INDEX(TT_Ma,{word}))))"
    )
    chain = (
        f'IF({c["result_date"]}<>"",INT({c["result_date"]}),'
        f'IF({c["delivered"]}<>"",INT({c["delivered"]}),{NOT_FINISHED}))'
    )
    st = h["_TrangThai"]
    finished = (
        f"=IF({st}=0,{NOT_FINISHED},MAX({h['_NgayTN']},IF(OR({st}={ST_RETURNED},"
        f'{st}={ST_WITHDRAWN}),IF({c["stopped"]}<>"",INT({c["stopped"]}),{chain}),{chain})))'
    )
    channel = f"IFERROR(INDEX(Kenh_Ma,MATCH({c['channel']},Kenh_Tu,0)),1)"
    level = f"IFERROR(INDEX(MucDo_Ma,MATCH({c['online_level']},MucDo_Tu,0)),0)"
    kenh = (
        f"=IF({channel}=2,IF({level}=1,{CH_PARTIAL},IF({level}=2,{CH_FULL},{CH_ONLINE_OTHER})),"
        f"IF({channel}=3,{CH_POSTAL},{CH_DIRECT}))"
    )
    unit = h["_DonVi"]
    agency = f'IF({c["agency"]}<>"",{c["agency"]},{c["unit"]})'
    return [
        status,
        f'=IF({c["received"]}="",0,INT({c["received"]}))',
        f'=IF({c["due"]}="",{NOT_FINISHED},INT({c["due"]}))',
        finished,
        f'=IF({c["delivered"]}="",0,INT({c["delivered"]}))',
        kenh,
        f'=IF({c["unit"]}="",0,IFERROR(MATCH({c["unit"]},DM_Ten,0),0))',
        f"=IF({unit}=0,0,INDEX(DM_DongTong,{unit}))",
        f'=IF({unit}=0,0,IFERROR(MATCH(INDEX(DM_Phan,{unit})&"|{KIND_AGENCY}|"&{agency},'
        f"ChiTiet_Khoa,0),INDEX(DM_DongDV,{unit})))",
        f"=IF({unit}=0,0,INDEX(DM_DongHuyen,{unit}))",
        _outcome(h, "KyNayBatDau", "KyNayKetThuc"),
        _outcome(h, "KyTruocBatDau", "KyTruocKetThuc"),
    ]


def _outcome(h: dict[str, str], s: str, e: str) -> str:
    """The case's state at the end of period [s, e]: -1 out of scope, else the new/carried
    offset plus the index of its state in STATES (docs/figures.md, counts table)."""
    st, rec, due, fin = h["_TrangThai"], h["_NgayTN"], h["_NgayHen"], h["_NgayKT"]
    finished_state = (
        f"IF({st}={ST_RESOLVED},IF({fin}<{due},0,IF({fin}={due},1,2)),"
        f"IF({st}={ST_RETURNED},3,IF({st}={ST_WITHDRAWN},4,6)))"
    )
    return (
        f"=IF(OR({st}=0,{st}={ST_CANCELLED},{rec}>{e},AND({rec}<{s},{fin}<{s})),-1,"
        f"IF({rec}>={s},{NEW},{CARRIED})+IF({fin}<={e},{finished_state},"
        f"IF({due}<={e},5,6)))"
    )


def frequency_formula(out: str, start: str, end: str) -> str:
    """Histogram of one period over every grouping: bins (row - 1) * K + outcome + 1."""
    parts = []
    for row in ("HoSo_DongTong", "HoSo_DongDV", "HoSo_DongHuyen"):
        base = f"({row}-1)*{K}+1"
        parts.append(f"FREQUENCY(IF(({row}>0)*({out}>=0),{base}+{out},0),TT_Bins)")
        parts.append(
            f"FREQUENCY(IF(({row}>0)*({out}>=0)*({out}<{CARRIED}),{base}+HoSo_Kenh,0),TT_Bins)"
        )
        parts.append(
            f"FREQUENCY(IF(({row}>0)*(HoSo_TrangThai={ST_RESOLVED})*(HoSo_NgayTra>={start})"
            f"*(HoSo_NgayTra<={end}),{base}+{DELIVERED},0),TT_Bins)"
        )
    return "=" + "+".join(parts)


def dm_formulas(r: int) -> list[str]:
    """Helper formulas of catalog row ``r`` (columns E..H)."""
    name, level, parent, sec = f"$B{r}", f"$C{r}", f"$D{r}", f"$E{r}"
    district = f'IF({level}="{LEVEL_NAMES["district"]}",{name},{parent})'
    return [
        f'=IF({name}="","",IFERROR(VLOOKUP({level},BangPhan,2,FALSE),""))',
        f'=IF({name}="",0,IFERROR(MATCH({sec}&"|{KIND_TOTAL}|",ChiTiet_Khoa,0),0))',
        f'=IF({name}="",0,IFERROR(MATCH({sec}&"|{KIND_UNIT}|"&{name},ChiTiet_Khoa,0),0))',
        f'=IF({name}="",0,IFERROR(MATCH({sec}&"|{KIND_DISTRICT}|"&{district},ChiTiet_Khoa,0),0))',
    ]


def _metric_formulas(r: int, freq: str, cols: dict[str, str], online_name: str) -> list[str]:
    b = f"${col(CT_BASE_COL)}{r}"

    def at(offset: int) -> str:
        return f"INDEX({freq},{b}+{offset})"

    def span(a: int, z: int) -> str:
        return f"SUM(INDEX({freq},{b}+{a}):INDEX({freq},{b}+{z}))"

    def both(state: str) -> str:
        i = STATES.index(state)
        return f"{at(NEW + i)}+{at(CARRIED + i)}"

    m = {k: f"{cols[k]}{r}" for k in METRIC_KEYS}
    kind, sec, name = f"$A{r}", f"${col(CT_SECTION_COL)}{r}", f"$B{r}"
    units = (
        f'IF({kind}="{KIND_DISTRICT}",COUNTIFS(ChiTiet_Loai,"{KIND_UNIT}",ChiTiet_Phan,{sec},'
        f'ChiTiet_Huyen,{name},{online_name},">=1"),IF({kind}="{KIND_TOTAL}",'
        f'COUNTIFS(ChiTiet_Loai,"{KIND_AGENCY}",ChiTiet_Phan,{sec},{online_name},">=1")+'
        f'COUNTIFS(ChiTiet_Loai,"{KIND_UNIT}",ChiTiet_Phan,{sec},ChiTiet_Cap,"<>{LEVEL_NAMES["province"]}",'
        f'{online_name},">=1"),IF({m["online"]}>=1,1,0)))'
    )
    body = {
        "received_new": span(NEW, NEW + 6),
        "carried_over": span(CARRIED, CARRIED + 6),
        "total": f"{m['received_new']}+{m['carried_over']}",
        **{k: both(k) for k in STATES},
        "returned_withdrawn": f"{m['returned']}+{m['withdrawn']}",
        "on_time": f"{m['resolved_early']}+{m['resolved_on_time']}",
        "late": f"{m['resolved_late']}+{m['pending_overdue']}",
        "due": f"{m['on_time']}+{m['late']}",
        "delivered": at(DELIVERED),
        "online": span(CH_PARTIAL, CH_ONLINE_OTHER),
        "online_partial": at(CH_PARTIAL),
        "online_full": at(CH_FULL),
        "postal": at(CH_POSTAL),
        "online_units": units,
        "on_time_rate": f'IF({m["due"]}=0,"-",{m["on_time"]}/{m["due"]})',
        "late_rate": f'IF({m["due"]}=0,"-",{m["late"]}/{m["due"]})',
        "returned_withdrawn_rate": f'IF({m["due"]}=0,"-",{m["returned_withdrawn"]}/{m["due"]})',
        "online_rate": f'IF({m["received_new"]}=0,"-",{m["online"]}/{m["received_new"]})',
    }
    return [f'=IF({kind}="","",{body[k]})' for k in METRIC_KEYS]


def chitiet_formulas(r: int) -> dict[int, str]:
    """column index -> formula for ChiTiet row ``r`` (metrics, note, key, base, previous)."""
    out: dict[int, str] = {}
    for i, f in enumerate(_metric_formulas(r, "TT_Nay", METRIC_COL, "ChiTiet_TrucTuyen")):
        out[CT_METRIC_COL + i] = f
    kind, e, rate = f"$A{r}", f"${METRIC_COL['received_new']}{r}", METRIC_COL["on_time_rate"]
    out[CT_NOTE_COL] = (
        f'=IF(OR({kind}="",{kind}="{KIND_TOTAL}"),"",IF({e}=0,"Không có hồ sơ mới",'
        f'IF({e}<NguongItHoSo,"Ít hồ sơ","")))'
    )
    _ = rate
    sec = f"${col(CT_SECTION_COL)}{r}"
    out[CT_KEY_COL] = f'=IF({kind}="","",{sec}&"|"&{kind}&"|"&IF({kind}="{KIND_TOTAL}","",$B{r}))'
    out[CT_BASE_COL] = f"=(ROW()-ROW($A${CT_FIRST}))*{K}+2"
    for i, f in enumerate(_metric_formulas(r, "TT_Truoc", PREV_COL, "ChiTiet_TrucTuyenTruoc")):
        out[CT_PREV_COL + i] = f
    return out


def tonghop_formula(block: int, key: str, previous: bool) -> str:
    table = "ChiTiet_KyTruoc" if previous else "ChiTiet_KyNay"
    k = METRIC_KEYS.index(key) + 1
    return (
        f'=IF(TongHop_Phan{block}="","",IFERROR(INDEX({table},MATCH(TongHop_Phan{block}&'
        f'"|{KIND_TOTAL}|",ChiTiet_Khoa,0),{k}),""))'
    )


def write_formula_rows(  # type: ignore[no-untyped-def]
    ws_hoso, ws_dm, ws_ct, ws_tt, sizes: Sizes, old: Sizes | None, hoso_rows: bool = True
) -> None:
    """Write every per-row formula for ``sizes`` rows, clear what an earlier size left
    below, and write the bins and the two FREQUENCY array formulas.  ``hoso_rows=False``
    leaves HoSo's rows to fast_rows (the report writer streams them)."""
    for r in range(HOSO_FIRST, HOSO_FIRST + (sizes.cases if hoso_rows else 0)):
        for i, f in enumerate(hoso_formulas(r)):
            ws_hoso.cell(r, HOSO_INPUT + 1 + i, f)
    for r in range(DM_FIRST, DM_FIRST + sizes.units):
        for i, f in enumerate(dm_formulas(r)):
            ws_dm.cell(r, 5 + i, f)
    for r in range(CT_FIRST, CT_FIRST + sizes.rows):
        for c, f in chitiet_formulas(r).items():
            ws_ct.cell(r, c, f)
    if old is not None:
        _clear(
            ws_hoso,
            HOSO_FIRST + sizes.cases,
            HOSO_FIRST + old.cases,
            HOSO_INPUT + len(HOSO_HELPERS),
        )
        _clear(ws_dm, DM_FIRST + sizes.units, DM_FIRST + old.units, len(DM_HEADERS))
        _clear(ws_ct, CT_FIRST + sizes.rows, CT_FIRST + old.rows, CT_PREV_COL + len(METRIC_KEYS))
        _clear(ws_tt, 1, old.bins + 2, 3)
    for i in range(sizes.bins):
        ws_tt.cell(i + 1, 1, i)
    n = sizes.bins + 1
    ws_tt["B1"] = ArrayFormula(
        f"B1:B{n}", frequency_formula("HoSo_KqNay", "KyNayBatDau", "KyNayKetThuc")
    )
    ws_tt["C1"] = ArrayFormula(
        f"C1:C{n}", frequency_formula("HoSo_KqTruoc", "KyTruocBatDau", "KyTruocKetThuc")
    )


def _clear(ws, first: int, stop: int, ncols: int) -> None:  # type: ignore[no-untyped-def]
    for r in range(first, stop):
        for c in range(1, ncols + 1):
            if (r, c) in ws._cells:
                del ws._cells[(r, c)]


def sizes_of(rows: Sequence[object], units: Sequence[object], cases: int) -> Sizes:
    return Sizes(cases=max(cases, 1), units=max(len(units), 1), rows=max(len(rows), 1))
