"""The workbook's native formulas: each case row classified once on HoSo, the two FREQUENCY
histograms on TinhToan, every figure of ChiTiet a sum of a few bins, TongHop reading
ChiTiet (docs/workbook.md, "How the formulas work").  Only functions of Excel 2007
(IFERROR, COUNTIFS, FREQUENCY, INDEX, MATCH...) are used.
"""

from __future__ import annotations

from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from ..count.forms import OTHER_FIELD
from ..prepare.words import LEVEL_NAMES
from .layout import (
    BIEU_BASE_COL,
    BIEU_BY_FIELD,
    BIEU_COLUMNS,
    BIEU_FIGURE_COL,
    BIEU_FIRST,
    BIEU_GROUP,
    BIEU_GROUP_COL,
    BIEU_KIND_COL,
    BIEU_OWN_COL,
    BIEU_ROW,
    BIEU_TOTAL,
    CARRIED,
    CH_DIRECT,
    CH_FULL,
    CH_ONLINE_OTHER,
    CH_PARTIAL,
    CH_POSTAL,
    CT_BASE_COL,
    CT_FIRST,
    CT_KEY_COL,
    CT_METRIC_COL,
    CT_NOTE_COL,
    CT_PREV_COL,
    CT_SECTION_COL,
    DELIVERED,
    DM_FIRST,
    DM_HEADERS,
    FORM_SHEET,
    HELPER_COL,
    HOSO_COL,
    HOSO_FIRST,
    HOSO_HELPERS,
    HOSO_INPUT,
    KIND_AGENCY,
    KIND_DISTRICT,
    KIND_TOTAL,
    KIND_UNIT,
    METRIC_COL,
    METRIC_KEYS,
    NEW,
    NOT_FINISHED,
    PREV_COL,
    ST_CANCELLED,
    ST_PROCESSING,
    ST_RESOLVED,
    ST_RETURNED,
    ST_WITHDRAWN,
    STATES,
    K,
    Sizes,
    col,
)


def exact(text: str) -> str:
    """``text`` (a formula expression) for MATCH or VLOOKUP to find exactly: '~', '*' and
    '?' escaped with '~', which Excel and LibreOffice (wildcard mode, as for .xlsx) read as
    plain characters."""
    return f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({text},"~","~~"),"*","~*"),"?","~?")'


def equal_to(text: str) -> str:
    """A COUNTIFS criterion equal to ``text`` and nothing else: '=' first, so that a name
    starting with '<', '>' or '=' is no comparison, and ``exact`` for the wildcards."""
    return f'"="&{exact(text)}'


def hoso_formulas(r: int) -> list[str]:
    """The helper formulas of case row ``r`` (columns P..AB, in HOSO_HELPERS order)."""
    c = {k: f"${v}{r}" for k, v in HOSO_COL.items()}
    h = {k: f"${v}{r}" for k, v in HELPER_COL.items()}
    has_result = f'OR({c["result_date"]}<>"",{c["delivered"]}<>"")'
    word = f"MATCH({exact(c['status'])},TT_Tu,0)"
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
    channel = f"IFERROR(INDEX(Kenh_Ma,MATCH({exact(c['channel'])},Kenh_Tu,0)),1)"
    level = f"IFERROR(INDEX(MucDo_Ma,MATCH({exact(c['online_level'])},MucDo_Tu,0)),0)"
    kenh = (
        f"=IF({channel}=2,IF({level}=1,{CH_PARTIAL},IF({level}=2,{CH_FULL},{CH_ONLINE_OTHER})),"
        f"IF({channel}=3,{CH_POSTAL},{CH_DIRECT}))"
    )
    unit = h["_DonVi"]
    agency = f'IF({c["agency"]}<>"",{c["agency"]},{c["unit"]})'
    agency_key = exact(f'INDEX(DM_Phan,{unit})&"|{KIND_AGENCY}|"&{agency}')
    unit_level = f"INDEX(DM_Cap,{unit})"
    field = f'IF({c["field"]}<>"",{c["field"]},"{OTHER_FIELD}")'
    district = f"INDEX(DM_CapTren,{unit})"
    who = (
        f'IF({unit_level}="{LEVEL_NAMES["province"]}",{agency},IF(AND({unit_level}="{LEVEL_NAMES["commune"]}",'
        f'{district}<>""),{district},INDEX(DM_Ten,{unit})))'
    )
    form_key = exact(f'{unit_level}&"|"&IF(Bieu06a_Theo="{BIEU_BY_FIELD}",{field},{who})')
    form_row = f"=IF({unit}=0,0,IFERROR(MATCH({form_key},Bieu06a_Khoa,0),0))"
    return [
        status,
        f'=IF({c["received"]}="",0,INT({c["received"]}))',
        f'=IF({c["due"]}="",{NOT_FINISHED},INT({c["due"]}))',
        finished,
        f'=IF({c["delivered"]}="",0,INT({c["delivered"]}))',
        kenh,
        f'=IF({c["unit"]}="",0,IFERROR(MATCH({exact(c["unit"])},DM_Ten,0),0))',
        f"=IF({unit}=0,0,INDEX(DM_DongTong,{unit}))",
        f"=IF({unit}=0,0,IFERROR(MATCH({agency_key},ChiTiet_Khoa,0),INDEX(DM_DongDV,{unit})))",
        f"=IF({unit}=0,0,INDEX(DM_DongHuyen,{unit}))",
        _outcome(h, "KyNayBatDau", "KyNayKetThuc"),
        _outcome(h, "KyTruocBatDau", "KyTruocKetThuc"),
        form_row,
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


def form_frequency_formula() -> str:
    """Bieu06a's histogram of the current period: bins (row - 1) * K + outcome + 1 of each
    case's form row (``_DongBieu``), its state and, for new cases, its channel."""
    row, out, base = "HoSo_DongBieu", "HoSo_KqNay", f"(HoSo_DongBieu-1)*{K}+1"
    return (
        f"=FREQUENCY(IF(({row}>0)*({out}>=0),{base}+{out},0),TT_BieuBins)"
        f"+FREQUENCY(IF(({row}>0)*({out}>=0)*({out}<{CARRIED}),{base}+HoSo_Kenh,0),TT_BieuBins)"
    )


def bieu06a_formulas(r: int) -> dict[int, str]:
    """column index -> formula for Bieu06a row ``r``: the first bin, the row's own figures
    from its bins (rows of a group only) and the shown figures (3)..(13): its own on a row,
    the sum of the group's rows on a group row, of every row on the total row."""
    kind, base = f"${col(BIEU_KIND_COL)}{r}", f"${col(BIEU_BASE_COL)}{r}"
    own = {n: f"{col(BIEU_OWN_COL + n - 3)}{r}" for n in range(3, 14)}

    def at(*offsets: int) -> str:
        return "+".join(f"INDEX(TT_Bieu,{base}+{o})" for o in offsets)

    def span(a: int, z: int) -> str:
        return f"SUM(INDEX(TT_Bieu,{base}+{a}):INDEX(TT_Bieu,{base}+{z}))"

    def both(state: str) -> str:
        i = STATES.index(state)
        return at(NEW + i, CARRIED + i)

    figures = {
        3: span(NEW, CARRIED + len(STATES) - 1),
        4: span(CH_PARTIAL, CH_ONLINE_OTHER),
        5: f"{span(NEW, NEW + len(STATES) - 1)}-{own[4]}",
        6: span(CARRIED, CARRIED + len(STATES) - 1),
        7: f"{own[8]}+{own[9]}+{own[10]}",
        8: both("resolved_early"),
        9: f"{both('resolved_on_time')}+{both('returned')}+{both('withdrawn')}",
        10: both("resolved_late"),
        11: f"{own[12]}+{own[13]}",
        12: both("pending_in_time"),
        13: both("pending_overdue"),
    }
    out = {BIEU_BASE_COL: f"=(ROW()-ROW($A${BIEU_FIRST}))*{K}+2"}
    for n in range(3, 14):
        out[BIEU_OWN_COL + n - 3] = f'=IF({kind}="{BIEU_ROW}",{figures[n]},0)'
        column = f"INDEX(Bieu06a_SoLieu,0,{n - 2})"
        out[BIEU_FIGURE_COL + n - 3] = (
            f'=IF({kind}="{BIEU_ROW}",{own[n]},IF({kind}="{BIEU_GROUP}",SUMIFS({column},'
            f'Bieu06a_Loai,"{BIEU_ROW}",Bieu06a_Nhom,${col(BIEU_GROUP_COL)}{r}),'
            f'IF({kind}="{BIEU_TOTAL}",SUMIFS({column},Bieu06a_Loai,"{BIEU_ROW}"),"")))'
        )
    return out


def dm_formulas(r: int) -> list[str]:
    """Helper formulas of catalog row ``r`` (columns E..H)."""
    name, level, parent, sec = f"$B{r}", f"$C{r}", f"$D{r}", f"$E{r}"
    district = f'IF({level}="{LEVEL_NAMES["district"]}",{name},{parent})'
    total, unit, in_district = (
        exact(f'{sec}&"|{KIND_TOTAL}|"'),
        exact(f'{sec}&"|{KIND_UNIT}|"&{name}'),
        exact(f'{sec}&"|{KIND_DISTRICT}|"&{district}'),
    )
    return [
        f'=IF({name}="","",IFERROR(VLOOKUP({exact(level)},BangPhan,2,FALSE),""))',
        f'=IF({name}="",0,IFERROR(MATCH({total},ChiTiet_Khoa,0),0))',
        f'=IF({name}="",0,IFERROR(MATCH({unit},ChiTiet_Khoa,0),0))',
        f'=IF({name}="",0,IFERROR(MATCH({in_district},ChiTiet_Khoa,0),0))',
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
    in_sec, in_name = equal_to(sec), equal_to(name)
    units = (
        f'IF({kind}="{KIND_DISTRICT}",COUNTIFS(ChiTiet_Loai,"{KIND_UNIT}",ChiTiet_Phan,{in_sec},'
        f'ChiTiet_Huyen,{in_name},{online_name},">=1"),IF({kind}="{KIND_TOTAL}",'
        f'COUNTIFS(ChiTiet_Loai,"{KIND_AGENCY}",ChiTiet_Phan,{in_sec},{online_name},">=1")+'
        f'COUNTIFS(ChiTiet_Loai,"{KIND_UNIT}",ChiTiet_Phan,{in_sec},'
        f'ChiTiet_Cap,"<>{LEVEL_NAMES["province"]}",{online_name},">=1"),'
        f"IF({m['online']}>=1,1,0)))"
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
    key = exact(f'TongHop_Phan{block}&"|{KIND_TOTAL}|"')
    return (
        f'=IF(TongHop_Phan{block}="","",IFERROR(INDEX({table},MATCH({key},ChiTiet_Khoa,0),{k}),""))'
    )


def write_formula_rows(
    wb: Workbook, sizes: Sizes, old: Sizes | None, hoso_rows: bool = True
) -> None:
    """Write every per-row formula for ``sizes`` rows, clear what an earlier size left
    below, and write the bins and the FREQUENCY array formulas.  ``hoso_rows=False``
    leaves HoSo's rows to fast_rows (the report writer streams them)."""
    ws_hoso, ws_dm, ws_ct = wb["HoSo"], wb["DanhMucDonVi"], wb["ChiTiet"]
    ws_form, ws_tt = wb[FORM_SHEET], wb["TinhToan"]
    for r in range(HOSO_FIRST, HOSO_FIRST + (sizes.cases if hoso_rows else 0)):
        for i, f in enumerate(hoso_formulas(r)):
            ws_hoso.cell(r, HOSO_INPUT + 1 + i, f)
    for r in range(DM_FIRST, DM_FIRST + sizes.units):
        for i, f in enumerate(dm_formulas(r)):
            ws_dm.cell(r, 5 + i, f)
    for r in range(CT_FIRST, CT_FIRST + sizes.rows):
        for c, f in chitiet_formulas(r).items():
            ws_ct.cell(r, c, f)
    for r in range(BIEU_FIRST, BIEU_FIRST + sizes.form):
        for c, f in bieu06a_formulas(r).items():
            ws_form.cell(r, c, f)
    if old is not None:
        _clear(
            ws_hoso,
            HOSO_FIRST + sizes.cases,
            HOSO_FIRST + old.cases,
            HOSO_INPUT + len(HOSO_HELPERS),
        )
        _clear(ws_dm, DM_FIRST + sizes.units, DM_FIRST + old.units, len(DM_HEADERS))
        _clear(ws_ct, CT_FIRST + sizes.rows, CT_FIRST + old.rows, CT_PREV_COL + len(METRIC_KEYS))
        width = BIEU_OWN_COL + BIEU_COLUMNS - 1
        _clear(ws_form, BIEU_FIRST + sizes.form, BIEU_FIRST + old.form, width)
        _clear(ws_tt, 1, max(old.bins, old.form_bins) + 2, 5)
    for i in range(sizes.bins):
        ws_tt.cell(i + 1, 1, i)
    for i in range(sizes.form_bins):
        ws_tt.cell(i + 1, 4, i)
    for column, (ref, formula) in histogram_formulas(sizes).items():
        ws_tt[f"{column}1"] = ArrayFormula(ref, formula)


#: the two histograms as named formulas, so that the array formula of a cell is short
#: ("=TT_TinhNay"): desktop Excel refuses to set an array formula of over 255 characters
#: from code (Range.FormulaArray), and the add-in resizes these arrays to the data
HISTOGRAM_NAMES = {
    "TT_TinhNay": frequency_formula("HoSo_KqNay", "KyNayBatDau", "KyNayKetThuc")[1:],
    "TT_TinhTruoc": frequency_formula("HoSo_KqTruoc", "KyTruocBatDau", "KyTruocKetThuc")[1:],
    "TT_TinhBieu": form_frequency_formula()[1:],
}


def histogram_formulas(sizes: Sizes) -> dict[str, tuple[str, str]]:
    """TinhToan's two array formulas: column -> (range, formula), one bin more than the
    bins (FREQUENCY's last value counts what is above the last bin)."""
    n = sizes.bins + 1
    return {
        "B": (f"B1:B{n}", "=TT_TinhNay"),
        "C": (f"C1:C{n}", "=TT_TinhTruoc"),
        "E": (f"E1:E{sizes.form_bins + 1}", "=TT_TinhBieu"),
    }


def define_histogram_names(wb: Workbook) -> None:
    """The named formulas of ``HISTOGRAM_NAMES`` (replacing any of the same name)."""
    for name, formula in HISTOGRAM_NAMES.items():
        if name in wb.defined_names:
            del wb.defined_names[name]
        wb.defined_names[name] = DefinedName(name, attr_text=formula)


def _clear(ws, first: int, stop: int, ncols: int) -> None:  # type: ignore[no-untyped-def]
    for r in range(first, stop):
        for c in range(1, ncols + 1):
            if (r, c) in ws._cells:
                del ws._cells[(r, c)]
