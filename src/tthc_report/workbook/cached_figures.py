"""The figures the workbook's formulas compute from the HoSo helpers: TinhToan's FREQUENCY
histograms, then each ChiTiet and Bieu06a row's cells (``formulas.chitiet_formulas``,
``formulas.bieu06a_formulas``), as Excel computes them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..model import COUNT_KEYS
from ..prepare.words import LEVEL_NAMES
from . import layout as L
from .cached_cases import chitiet_key, fold, text

Value = Any


def histograms(
    h: Mapping[str, np.ndarray], sizes: L.Sizes, days: Mapping[str, int]
) -> dict[str, np.ndarray]:
    """TT_Nay, TT_Truoc and TT_Bieu: the count of each bin value (index 0: the first cell);
    bin 0 counts every case each FREQUENCY call leaves out (its IF(..., value, 0))."""
    st, kenh, tra = h["_TrangThai"], h["_Kenh"], h["_NgayTra"]
    out = {}
    periods = (("TT_Nay", "_KqNay", "KyNayBatDau", "KyNayKetThuc"),
               ("TT_Truoc", "_KqTruoc", "KyTruocBatDau", "KyTruocKetThuc"))  # fmt: skip
    for name, kq, s, e in periods:
        state = h[kq]
        parts = []
        for group in ("_DongTong", "_DongDV", "_DongHuyen"):
            row = h[group]
            base = (row - 1) * L.K + 1
            parts.append(np.where((row > 0) & (state >= 0), base + state, 0))
            new = (row > 0) & (state >= 0) & (state < L.CARRIED)
            parts.append(np.where(new, base + kenh, 0))
            delivered = (row > 0) & (st == L.ST_RESOLVED) & (tra >= days[s]) & (tra <= days[e])
            parts.append(np.where(delivered, base + L.DELIVERED, 0))
        out[name] = _counts(parts, sizes.bins)
    row, state = h["_DongBieu"], h["_KqNay"]
    base = (row - 1) * L.K + 1
    parts = [
        np.where((row > 0) & (state >= 0), base + state, 0),
        np.where((row > 0) & (state >= 0) & (state < L.CARRIED), base + kenh, 0),
    ]
    out["TT_Bieu"] = _counts(parts, sizes.form_bins)
    return out


def _counts(parts: Sequence[np.ndarray], bins: int) -> np.ndarray:
    """FREQUENCY(values, 0..bins-1) summed over ``parts``: bins + 1 counts."""
    values = np.concatenate(parts).astype(np.int64)
    return np.bincount(values, minlength=bins + 1)[: bins + 1]


def _metrics(at: Any) -> dict[str, Value]:
    """A ChiTiet row's figures from its bins (``at(offset)``), but online_units."""

    def span(a: int, z: int) -> int:
        return sum(at(o) for o in range(a, z + 1))

    m: dict[str, Value] = {
        "received_new": span(L.NEW, L.NEW + 6),
        "carried_over": span(L.CARRIED, L.CARRIED + 6),
    }
    m["total"] = m["received_new"] + m["carried_over"]
    for i, state in enumerate(L.STATES):
        m[state] = at(L.NEW + i) + at(L.CARRIED + i)
    m["returned_withdrawn"] = m["returned"] + m["withdrawn"]
    m["on_time"] = m["resolved_early"] + m["resolved_on_time"]
    m["late"] = m["resolved_late"] + m["pending_overdue"]
    m["due"] = m["on_time"] + m["late"]
    m["delivered"] = at(L.DELIVERED)
    m["online"] = span(L.CH_PARTIAL, L.CH_ONLINE_OTHER)
    m["online_partial"] = at(L.CH_PARTIAL)
    m["online_full"] = at(L.CH_FULL)
    m["postal"] = at(L.CH_POSTAL)
    due, new = m["due"], m["received_new"]
    m["on_time_rate"] = "-" if due == 0 else m["on_time"] / due
    m["late_rate"] = "-" if due == 0 else m["late"] / due
    m["returned_withdrawn_rate"] = "-" if due == 0 else m["returned_withdrawn"] / due
    m["online_rate"] = "-" if new == 0 else m["online"] / new
    return m


def _online_units(labels: Sequence[Sequence[Any]], secs: Sequence[Any],
                  figures: Sequence[dict[str, Value] | None]) -> list[Value]:  # fmt: skip
    """online_units of each row: COUNTIFS over the section's rows with online >= 1 (the
    district's desks, or the section's agencies and desks not at province level)."""
    folded = [[fold(v) for v in label] + [fold(secs[i])] for i, label in enumerate(labels)]
    online = [f is not None and f["online"] >= 1 for f in figures]
    unit, agency, province = fold(L.KIND_UNIT), fold(L.KIND_AGENCY), fold(LEVEL_NAMES["province"])
    desks: dict[tuple[str, str], int] = {}  # (section, district) -> desks with online cases
    section: dict[str, int] = {}  # section -> agencies and non-province desks with online
    for (kind, _, level, district, sec), on in zip(folded, online, strict=True):
        if not on:
            continue
        if kind == unit:
            desks[(sec, district)] = desks.get((sec, district), 0) + 1
        if kind == agency or (kind == unit and level != province):
            section[sec] = section.get(sec, 0) + 1
    out: list[Value] = []
    for (kind, name, _, _, sec), on in zip(folded, online, strict=True):
        if not kind:
            out.append("")
        elif kind == fold(L.KIND_DISTRICT):
            out.append(desks.get((sec, name), 0))
        elif kind == fold(L.KIND_TOTAL):
            out.append(section.get(sec, 0))
        else:
            out.append(1 if on else 0)
    return out


def chitiet_values(
    labels: Sequence[Sequence[Any]],
    secs: Sequence[Any],
    counts: Mapping[str, np.ndarray],
    low_volume: Any,
) -> list[dict[int, Value]]:
    """column -> value of each ChiTiet row (``formulas.chitiet_formulas``)."""
    rows: list[dict[int, Value]] = [{} for _ in labels]
    for freq, first in ((counts["TT_Nay"], L.CT_METRIC_COL), (counts["TT_Truoc"], L.CT_PREV_COL)):
        figures: list[dict[str, Value] | None] = []
        for i, label in enumerate(labels):
            if not text(label[0]):
                figures.append(None)
                continue
            offset = i * L.K + 1
            figures.append(_metrics(lambda o, at=offset, f=freq: int(f[at + o])))
        units = _online_units(labels, secs, figures)
        for i, f in enumerate(figures):
            for j, key in enumerate(L.METRIC_KEYS):
                if f is None:
                    rows[i][first + j] = ""
                else:
                    rows[i][first + j] = units[i] if key == "online_units" else f[key]
    for i, (kind, name, _, _) in enumerate(labels):
        new = rows[i][L.CT_METRIC_COL]
        if not text(kind) or fold(kind) == fold(L.KIND_TOTAL):
            note = ""
        else:
            note = "Không có hồ sơ mới" if new == 0 else "Ít hồ sơ" if new < low_volume else ""
        rows[i][L.CT_NOTE_COL] = note
        rows[i][L.CT_KEY_COL] = chitiet_key(kind, name, secs[i])
        rows[i][L.CT_BASE_COL] = i * L.K + 2
    assert len(L.METRIC_KEYS) == len(COUNT_KEYS) + 4
    return rows


def form_values(keys: Sequence[Sequence[Any]], freq: np.ndarray) -> list[dict[int, Value]]:
    """column -> value of each Bieu06a row (``formulas.bieu06a_formulas``)."""
    own: list[list[int]] = []
    for i, (kind, _, _) in enumerate(keys):
        if fold(kind) != fold(L.BIEU_ROW):
            own.append([0] * L.BIEU_COLUMNS)
            continue
        at = i * L.K + 1

        def b(*offsets: int, at: int = at) -> int:
            return sum(int(freq[at + o]) for o in offsets)

        states = len(L.STATES)
        new, carried = range(L.NEW, L.NEW + states), range(L.CARRIED, L.CARRIED + states)
        online = b(*range(L.CH_PARTIAL, L.CH_ONLINE_OTHER + 1))

        def both(state: str, b: Any = b) -> int:
            return int(b(L.NEW + L.STATES.index(state), L.CARRIED + L.STATES.index(state)))

        early, late = both("resolved_early"), both("resolved_late")
        on_time = both("resolved_on_time") + both("returned") + both("withdrawn")
        in_time, overdue = both("pending_in_time"), both("pending_overdue")
        own.append([b(*new, *carried), online, b(*new) - online, b(*carried),
                    early + on_time + late, early, on_time, late, in_time + overdue, in_time,
                    overdue])  # fmt: skip
    rows: list[dict[int, Value]] = []
    for i, (kind, group, _) in enumerate(keys):
        k = fold(kind)
        members = [
            j for j, (kj, gj, _) in enumerate(keys)
            if fold(kj) == fold(L.BIEU_ROW) and (k == fold(L.BIEU_TOTAL) or fold(gj) == fold(group))
        ]  # fmt: skip
        row: dict[int, Value] = {L.BIEU_BASE_COL: i * L.K + 2}
        for n in range(L.BIEU_COLUMNS):
            row[L.BIEU_OWN_COL + n] = own[i][n]
            if k == fold(L.BIEU_ROW):
                shown: Value = own[i][n]
            elif k in (fold(L.BIEU_GROUP), fold(L.BIEU_TOTAL)):
                shown = sum(own[j][n] for j in members)
            else:
                shown = ""
            row[L.BIEU_FIGURE_COL + n] = shown
        rows.append(row)
    return rows
