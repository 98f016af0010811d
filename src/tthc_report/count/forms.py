"""Form II.06a (docs/forms.md): the period's counts regrouped as the official form prints
them.

No rule for a case is added here: every column is a sum of counts of docs/figures.md, and
the rows are new groupings of the same cases.  Groups follow the level of each case:
"Cấp tỉnh" (province level, one row per agency or field), "Cấp huyện" (district level, one
row per district desk or field) and "Cấp xã" (commune level, one row per district holding
the communes, a commune desk without a district, or a field).  Each group has a total row,
and "Tổng cộng" adds the groups, so every counted case is in exactly one row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from ..model import FORM_GROUP, FORM_ROW, FORM_TOTAL, Form, FormRow
from ..periods import Period
from ..prepare.catalog import district_key
from ..prepare.units import Resolved, vi_sort_key
from ..read.columns import HEADERS
from ..read.text import fold, map_unique
from .metrics import CASE_FACTS, CaseDays, Patterns, classify, count_by_group

FORM_ID = "ii06a"
#: the figures (3)..(13), as the JSON names them
COLUMNS = (
    "(3) Tiếp nhận - Tổng số",
    "(4) Tiếp nhận - Trực tuyến",
    "(5) Tiếp nhận - Trực tiếp, dịch vụ bưu chính",
    "(6) Tiếp nhận - Từ kỳ trước",
    "(7) Đã giải quyết - Tổng số",
    "(8) Đã giải quyết - Trước hạn",
    "(9) Đã giải quyết - Đúng hạn",
    "(10) Đã giải quyết - Quá hạn",
    "(11) Đang giải quyết - Tổng số",
    "(12) Đang giải quyết - Trong hạn",
    "(13) Đang giải quyết - Quá hạn",
)
GROUP_LABELS = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}
TOTAL_LABEL = "Tổng cộng"
#: the row of cases without a field (layout "field")
OTHER_FIELD = "Lĩnh vực khác"
ROMAN = ("I", "II", "III", "IV", "V")


def form_values(m: Mapping[str, int]) -> tuple[int, ...]:
    """(3)..(13) of a row from its counts (docs/forms.md, the columns' table)."""
    resolved = (
        m["resolved_early"] + m["resolved_on_time"] + m["resolved_late"]
        + m["returned"] + m["withdrawn"]
    )  # fmt: skip
    received = m["received_new"] + m["carried_over"]
    return (
        received,
        m["online"],
        m["received_new"] - m["online"],
        m["carried_over"],
        resolved,
        m["resolved_early"],
        m["resolved_on_time"] + m["returned"] + m["withdrawn"],
        m["resolved_late"],
        m["pending_in_time"] + m["pending_overdue"],
        m["pending_in_time"],
        m["pending_overdue"],
    )


@dataclass(frozen=True)
class _Group:
    """The rows of one group and each case's row in it (-1: not in this group)."""

    level: str
    names: list[str]
    codes: np.ndarray


def _positions(
    values: pd.Series, names: Sequence[str], key: Callable[[str], str] = fold
) -> np.ndarray:
    """Each value's position in ``names`` compared through ``key`` (-1: none)."""
    index: dict[str, int] = {}
    for i, n in enumerate(names):
        index.setdefault(key(n), i)
    found = map_unique(values, lambda v: index.get(key(v), -1) if v else -1)
    return found.to_numpy(dtype=np.int64)


def _unit_groups(resolved: Resolved, cases: pd.DataFrame) -> list[_Group]:
    level = cases["level"].to_numpy(dtype=object)
    groups = []
    if resolved.agencies or any(u.level == "province" for u in resolved.units):
        codes = _positions(cases["agency_name"], resolved.agencies, str)
        groups.append(_Group("province", list(resolved.agencies), _only(level, "province", codes)))
    if resolved.districts:
        codes = _positions(cases["district"], resolved.districts, district_key)
        groups.append(_Group("district", list(resolved.districts), _only(level, "district", codes)))
    communes = [u for u in resolved.units if u.level == "commune"]
    if communes:
        parents = {district_key(u.parent) for u in communes if u.parent}
        held = [d for d in resolved.districts if district_key(d) in parents]
        alone = [u.name for u in communes if not u.parent]
        by_district = _positions(cases["district"], held, district_key)
        by_unit = _positions(cases["unit"], alone, str)
        by_unit = np.where(by_unit >= 0, by_unit + len(held), -1)
        codes = np.where(by_district >= 0, by_district, by_unit)
        groups.append(_Group("commune", held + alone, _only(level, "commune", codes)))
    return groups


def _field_groups(resolved: Resolved, cases: pd.DataFrame) -> list[_Group]:
    field = cases["field"].where(cases["field"].notna(), None)
    if not field.map(lambda v: bool(v and str(v).strip()), na_action="ignore").any():
        files = sorted({str(f) for f in cases["source_file"].dropna().unique()})
        named = ", ".join(files[:5]) + (f" và {len(files) - 5} tệp khác" if len(files) > 5 else "")
        raise InputError(
            f"Biểu II.06a theo lĩnh vực cần cột '{HEADERS['field']}' (lĩnh vực của từng hồ sơ), "
            f"nhưng {named or 'danh sách hồ sơ'} không có cột này hoặc để trống cả cột. Hãy xuất "
            "lại danh sách hồ sơ có cột Lĩnh vực, hoặc lập biểu theo đơn vị (form_layout = "
            '"unit", tham số --form-layout unit).'
        )
    level = cases["level"].to_numpy(dtype=object)
    folded = map_unique(field, lambda v: fold(v) if v else "")
    groups = []
    for lv in ("province", "district", "commune"):
        mine = level == lv
        if not any(u.level == lv for u in resolved.units) and not mine.any():
            continue
        shown = _display(field[mine], folded[mine])
        other = fold(OTHER_FIELD)
        names = sorted((v for k, v in shown.items() if k != other), key=vi_sort_key)
        unnamed = folded.isin(["", other]).to_numpy()
        if unnamed[mine].any():
            names.append(OTHER_FIELD)  # last, whatever its place in the alphabet
        codes = np.where(unnamed, len(names) - 1, _positions(folded, names))
        groups.append(_Group(lv, names, _only(level, lv, codes)))
    return groups


def _display(written: pd.Series, folded: pd.Series) -> dict[str, str]:
    """folded field -> its most frequent written form (ties: the first seen)."""
    frame = pd.DataFrame({"w": written, "f": folded})
    frame = frame[frame["f"] != ""]
    counts = frame.groupby(["f", "w"], sort=False).size().reset_index(name="n")
    best = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates("f")
    return dict(zip(best["f"], best["w"], strict=True))


def _only(level: np.ndarray, wanted: str, codes: np.ndarray) -> np.ndarray:
    return np.where(level == wanted, codes, -1)


def compute_form(resolved: Resolved, period: Period, layout: str = "unit") -> Form:
    """Form II.06a of ``period``: rows by unit (``layout="unit"``) or by field."""
    cases = resolved.cases
    counted = cases.loc[(cases["status"] != "cancelled").to_numpy()]
    groups = (_field_groups if layout == "field" else _unit_groups)(resolved, counted)
    patterns = Patterns.of(classify(CaseDays.from_frame(counted[list(CASE_FACTS)]), period))
    codes = np.full(len(counted), -1, dtype=np.int64)
    offset = 0
    for g in groups:
        codes = np.where(g.codes >= 0, g.codes + offset, codes)
        offset += len(g.names)
    none = np.full(len(counted), -1, dtype=np.int64)
    counts = count_by_group(patterns, codes, offset, none)
    values = np.array(
        [form_values({k: int(v[i]) for k, v in counts.items()}) for i in range(offset)],
        dtype=np.int64,
    ).reshape(offset, len(COLUMNS))
    rows: list[FormRow] = []
    totals = np.zeros(len(COLUMNS), dtype=np.int64)
    offset = 0
    for number, g in zip(ROMAN, groups, strict=False):
        mine = values[offset : offset + len(g.names)]
        group_sum = mine.sum(axis=0)
        totals += group_sum
        rows.append(FormRow(number, GROUP_LABELS[g.level], FORM_GROUP, _ints(group_sum), number,
                            g.level))  # fmt: skip
        for i, name in enumerate(g.names):
            rows.append(FormRow(str(i + 1), name, FORM_ROW, _ints(mine[i]), number, g.level,
                                name))  # fmt: skip
        offset += len(g.names)
    rows.append(FormRow("", TOTAL_LABEL, FORM_TOTAL, _ints(totals)))
    return Form(FORM_ID, layout, period, COLUMNS, tuple(rows))


def _ints(values: np.ndarray) -> tuple[int, ...]:
    return tuple(int(v) for v in values)
