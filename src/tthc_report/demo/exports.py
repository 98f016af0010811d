"""Write the simulated cases as the messy exports staff actually get.

Two shapes, from two kinds of one-stop software:
- the centre's software: .xlsx with title lines, a two-row header with merged cells
  ("Ngày" over "tiếp nhận", "hẹn trả", ...), an STT column, real Excel dates, a totals and
  a signature line below the data, a second sheet with no case list; two files whose
  received ranges overlap (identical rows, merged silently);
- the district software: one .csv a district, ';' separated, UTF-8 with BOM (one district
  in Windows-1258 with ',' and ISO dates), other header names, text dates, unit names
  written "UBND xã …", "Bộ phận một cửa xã … - huyện …"; a second, older export of
  Sông Lô overlapping the first (rows that differ: the later facts win), and a few bad
  rows that the data checks must list.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font

from .plan import DISTRICTS, PROVINCE

EPOCH = datetime(1970, 1, 1)
SAMPLE = "dữ liệu mô phỏng"


def _dt(v: float) -> datetime | None:
    if v is None or np.isnan(v):
        return None
    return (EPOCH + timedelta(days=float(v))).replace(microsecond=0, second=0)


def _text_date(v: float, iso: bool = False) -> str:
    d = _dt(v)
    if d is None:
        return ""
    return d.strftime("%Y-%m-%d %H:%M:%S") if iso else d.strftime("%d/%m/%Y %H:%M")


def as_known_on(cases: pd.DataFrame, day: date) -> pd.DataFrame:
    """The same cases as an export taken on ``day`` shows them (later facts unknown)."""
    limit = (datetime(day.year, day.month, day.day) - EPOCH).days + 1
    out = cases[cases["received"] < limit].copy()
    for col in ("finished", "delivered"):
        out[col] = out[col].where(out[col] < limit)
    out["status"] = out["status"].where(out["finished"].notna(), "processing")
    return out


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 writes Vietnamese tones as combining marks after the letter."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in parts[1:] if m in _TONES)
        rest = "".join(m for m in parts[1:] if m not in _TONES)
        out.append(unicodedata.normalize("NFC", parts[0] + rest) + tones)
    return "".join(out).encode("cp1258")


# --- the centre's xlsx ---------------------------------------------------------------------

_CENTRE_STATUS = {"returned": "Trả lại hồ sơ", "withdrawn": "Công dân rút"}
_CENTRE_CHANNEL = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Qua bưu điện"}
_LEVEL = {"partial": "Mức độ 3", "full": "Mức độ 4"}


def write_centre_xlsx(
    cases: pd.DataFrame, path: Path, first: date, last: date, exported: date
) -> int:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách hồ sơ"
    bold = Font(bold=True)
    titles = [
        "UBND TỈNH VĨNH PHÚC",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        f"DANH SÁCH HỒ SƠ TIẾP NHẬN ({SAMPLE})",
        f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}",
        f"Thời điểm xuất: {exported:%d/%m/%Y} 17:05",
    ]
    for i, t in enumerate(titles, 1):
        ws.cell(i, 1, t).font = bold
    top = [
        "STT",
        "Số hồ sơ",
        "Tên thủ tục",
        "Lĩnh vực",
        "Cơ quan giải quyết",
        "Nơi tiếp nhận",
        "Ngày",
        None,
        None,
        None,
        None,
        "Hình thức tiếp nhận",
        "Mức độ DVC",
        "Tình trạng",
    ]
    low = [None] * 6 + ["tiếp nhận", "hẹn trả", "có kết quả", "trả kết quả", "trả lại/rút"]
    for j, v in enumerate(top, 1):
        if v:
            ws.cell(7, j, v).font = bold
    for j, v in enumerate(low, 1):
        if v:
            ws.cell(8, j, v).font = bold
    for j in (1, 2, 3, 4, 5, 6, 12, 13, 14):
        ws.merge_cells(start_row=7, start_column=j, end_row=8, end_column=j)
    ws.merge_cells(start_row=7, start_column=7, end_row=7, end_column=11)
    ws.cell(7, 7).alignment = Alignment(horizontal="center")
    rows = cases.sort_values("received")
    ended = rows["status"].isin(["returned", "withdrawn"]).to_numpy()
    status = np.where(
        rows["delivered"].notna(),
        "Đã trả kết quả",
        np.where(rows["finished"].notna(), "Đã có kết quả", "Đang giải quyết"),
    ).astype(object)
    for key, word in _CENTRE_STATUS.items():
        status[(rows["status"] == key).to_numpy()] = word
    r = 9
    for n, (row, st, end) in enumerate(
        zip(rows.itertuples(index=False), status, ended, strict=True), 1
    ):
        values = [
            n,
            row.code,
            row.procedure,
            row.field,
            row.agency,
            row.unit_written,
            _dt(row.received),
            _dt(row.due),
            None if end else _dt(row.finished),
            _dt(row.delivered),
            _dt(row.finished) if end else None,
            _CENTRE_CHANNEL[row.channel],
            _LEVEL.get(row.online_level or "", ""),
            st,
        ]
        ws.append(values)
        r += 1
    for col in "GHIJK":
        for cell in ws[f"{col}9:{col}{r}"]:
            cell[0].number_format = "dd/mm/yyyy hh:mm"
    ws.cell(r + 1, 1, f"Tổng cộng: {len(rows)} hồ sơ").font = bold
    ws.cell(r + 3, 10, "Người lập biểu")
    ws.cell(r + 4, 10, "(Ký, ghi rõ họ tên)")
    other = wb.create_sheet("Thống kê")
    other.append(["Thống kê nhanh", SAMPLE])
    other.append(["Tổng số hồ sơ", len(rows)])
    wb.save(path)
    return len(rows)


# --- the district software's csv -----------------------------------------------------------

_CSV_HEADER = [
    "STT",
    "Mã HS",
    "Tên TTHC",
    "Tên lĩnh vực",
    "Bộ phận một cửa",
    "Huyện",
    "Cấp tiếp nhận",
    "Ngày nhận hồ sơ",
    "Hạn xử lý",
    "Ngày hoàn thành",
    "Ngày trả KQ",
    "Kênh tiếp nhận",
    "Loại DVC",
    "Trạng thái hồ sơ",
]
_CSV_STATUS = {"returned": "Trả lại", "withdrawn": "Rút hồ sơ", "resolved": "Hoàn thành"}
_CSV_CHANNEL = {"direct": "Trực tiếp", "online": "Nộp trực tuyến", "postal": "BCCI"}
_CSV_LEVEL = {"partial": "Một phần", "full": "Toàn trình"}


def hash_code(code: str) -> int:
    """A stable small number per case, so each software writes a case the same way."""
    return sum(code.encode())


def csv_text(
    cases: pd.DataFrame,
    district: str,
    exported: date,
    sep: str,
    iso: bool,
    extra_rows: Sequence[list[str]] = (),
) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow([f"DANH SÁCH HỒ SƠ - {district.upper()} ({SAMPLE})"])
    w.writerow([f"Xuất ngày {exported:%d/%m/%Y}"])
    w.writerow(_CSV_HEADER)
    rows = cases.sort_values("received")
    short = district.split(" ", 1)[1] if district.startswith("Huyện ") else district
    for n, row in enumerate(rows.itertuples(index=False), 1):
        status = _CSV_STATUS.get(row.status, "Đang xử lý")
        if row.status == "resolved" and not pd.isna(row.delivered):
            status = "Đã trả"
        w.writerow(
            [
                n,
                row.code,
                row.procedure,
                row.field,
                row.unit_written,
                short if hash_code(row.code) % 2 else district,
                "Cấp huyện" if row.unit == district else "Cấp xã",
                _text_date(row.received, iso),
                _text_date(row.due, iso),
                _text_date(row.finished, iso),
                _text_date(row.delivered, iso),
                _CSV_CHANNEL[row.channel],
                _CSV_LEVEL.get(row.online_level or "", ""),
                status,
            ]
        )
    for extra in extra_rows:
        w.writerow(extra)
    return buf.getvalue()


def written_unit_names(cases: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """How each software writes the desk: the centre plainly, district software in
    several ways ("UBND xã X", "Bộ phận một cửa xã X - huyện Y", ...)."""
    form = rng.integers(0, 4, len(cases))
    unit = cases["unit"].to_numpy(dtype=object)
    group = cases["group"].to_numpy(dtype=object)
    out = unit.copy()
    for i in np.flatnonzero(group != PROVINCE):
        u, g = unit[i], group[i]
        lower = u[0].lower() + u[1:]
        if u == g:
            out[i] = ("Bộ phận một cửa " + lower, "UBND " + lower, u, "BPMC " + lower)[form[i]]
        else:
            out[i] = (
                u,
                "UBND " + lower,
                f"Bộ phận một cửa {lower} - {g[0].lower() + g[1:]}",
                "BPMC " + lower,
            )[form[i]]
    return pd.Series(out, index=cases.index)


def ascii_slug(name: str) -> str:
    """'Huyện Sông Lô' -> 'SongLo' (file names staff can type and zip anywhere)."""
    short = name.removeprefix("Thành phố ").removeprefix("Huyện ")
    plain = unicodedata.normalize("NFD", short.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in plain if ch.isascii() and ch.isalnum())


def bad_rows() -> list[list[str]]:
    """Rows the data checks must list: no case code, an impossible date, a cancelled case."""

    def row(code: str, procedure: str, received: str, due: str, status: str) -> list[str]:
        return ["", code, procedure, "Hộ tịch", "UBND xã Kim Xá", "Vĩnh Tường", "Cấp xã",
                received, due, "", "", "Trực tiếp", "", status]  # fmt: skip

    return [
        row("", "Đăng ký khai sinh", "05/10/2021 08:00", "08/10/2021 08:00", "Đang xử lý"),
        row("H62.VT-ERR-0002", "Đăng ký khai tử", "31/09/2021 08:00", "03/10/2021", "Đang xử lý"),
        row("H62.VT-HUY-0003", "Đăng ký kết hôn", "06/10/2021 09:00", "07/10/2021", "Đã hủy"),
    ]


def write_exports(cases: pd.DataFrame, folder: Path, exported: date) -> list[Path]:
    """Every export file of the sample province; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    centre = cases[cases["group"] == PROVINCE]
    first = (EPOCH + timedelta(days=float(centre["received"].min()))).date()
    split = date(2021, 8, 20)
    split_day = (datetime(split.year, split.month, split.day) - EPOCH).days + 1
    overlap_from = split_day - 20
    a = folder / "TTHCC_HoSo_dot1.xlsx"
    write_centre_xlsx(centre[centre["received"] < split_day], a, first, split, exported)
    b = folder / "TTHCC_HoSo_dot2.xlsx"
    write_centre_xlsx(
        centre[centre["received"] >= overlap_from],
        b,
        split - timedelta(days=19),
        exported,
        exported,
    )
    paths += [a, b]
    for k, district in enumerate(DISTRICTS):
        mine = cases[cases["group"] == district]
        slug = f"{k + 1:02d}"
        if district == "Huyện Vĩnh Tường":  # the one district whose software is older
            data = to_cp1258(csv_text(mine, district, exported, ",", True, bad_rows()))
        else:
            data = csv_text(mine, district, exported, ";", False).encode("utf-8-sig")
        path = folder / f"MotCua_{slug}_{ascii_slug(district)}.csv"
        path.write_bytes(data)
        paths.append(path)
        if district == "Huyện Sông Lô":
            older_day = exported - timedelta(days=3)
            older = as_known_on(mine, older_day)
            since = (datetime(2021, 10, 1) - EPOCH).days
            older = older[older["received"] >= since]
            p2 = folder / "MotCua_09_SongLo_xuat_lan_truoc.csv"
            p2.write_bytes(csv_text(older, district, older_day, ";", False).encode("utf-8-sig"))
            paths.append(p2)
    return paths
