"""Sections and their breakdowns (docs/figures.md, "Units and sections").

Sections are configuration: the default is derived from the catalog's levels (a catalog
with districts gives ``province`` + ``local``; without districts, ``province`` +
``commune``) and a settings file may replace it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..config import SectionSpec, Settings
from ..model import Metrics, Row, Section
from ..periods import Period
from ..prepare.catalog import Unit, district_key
from ..prepare.units import Resolved
from ..read.text import map_unique
from .flags import flags_for
from .metrics import CASE_FACTS, CaseDays, Patterns, classify, complete, count_by_group, words

#: a section's title when the settings give none, by the levels it counts
SECTION_TITLES = {
    ("province",): "Trung tâm Phục vụ hành chính công tỉnh",
    ("district", "commune"): "BPMC cấp huyện, cấp xã",
    ("commune",): "BPMC cấp xã",
    ("district",): "BPMC cấp huyện",
}


def default_sections(units: Sequence[Unit]) -> tuple[SectionSpec, ...]:
    province = SectionSpec("province", ("province",), ("agency",), SECTION_TITLES[("province",)])
    if any(u.level == "district" for u in units) or any(u.parent for u in units):
        local = SectionSpec(
            "local",
            ("district", "commune"),
            ("district", "unit"),
            SECTION_TITLES[("district", "commune")],
        )
        return (province, local)
    return (province, SectionSpec("commune", ("commune",), ("unit",), SECTION_TITLES[("commune",)]))


class _Groups:
    """Integer codes of every case for each kind of grouping."""

    def __init__(self, resolved: Resolved, cases: pd.DataFrame) -> None:
        self.units = resolved.units
        self.districts = resolved.districts
        self.agencies = resolved.agencies
        self.unit = cases["unit_id"].to_numpy(dtype=np.int64)
        dkey = {district_key(d): i for i, d in enumerate(self.districts)}
        self.district = map_unique(
            cases["district"], lambda d: dkey.get(district_key(d), -1) if d else -1
        ).to_numpy(dtype=np.int64)
        aindex = {a: i for i, a in enumerate(self.agencies)}
        self.agency = map_unique(cases["agency_name"], lambda a: aindex.get(a, -1)).to_numpy(
            dtype=np.int64
        )
        self.level = words(cases["level"])
        # the "unit" of online_units: an agency at province level, a desk elsewhere
        self.online_unit = np.where(
            self.level == "province", len(self.units) + self.agency, self.unit
        )
        self.online_unit = np.where(
            (self.level == "province") & (self.agency < 0), -1, self.online_unit
        )

    def rows(self, kind: str, levels: tuple[str, ...]) -> list[tuple[str, str | None, str | None]]:
        if kind == "agency":
            return [(a, "province", None) for a in self.agencies]
        if kind == "district":
            return [(d, "district", None) for d in self.districts]
        return [(u.name, u.level, u.parent) for u in self.units if u.level in levels]

    def codes(self, kind: str, levels: tuple[str, ...]) -> np.ndarray:
        if kind == "agency":
            return self.agency
        if kind == "district":
            return self.district
        positions = [i for i, u in enumerate(self.units) if u.level in levels]
        remap = np.full(len(self.units) + 1, -1, dtype=np.int64)  # last slot: code -1
        remap[positions] = np.arange(len(positions))
        return remap[self.unit]


def _metrics(counts: dict[str, np.ndarray], i: int) -> Metrics:
    return Metrics(**complete({k: int(v[i]) for k, v in counts.items()}))  # type: ignore[arg-type]


def _breakdown(
    masks: Patterns,
    groups: _Groups,
    in_section: np.ndarray,
    kind: str,
    spec: SectionSpec,
    settings: Settings,
) -> tuple[Row, ...]:
    rows = groups.rows(kind, spec.levels)
    codes = np.where(in_section, groups.codes(kind, spec.levels), -1)
    counts = count_by_group(masks, codes, len(rows), groups.online_unit)
    out = []
    for i, (name, level, parent) in enumerate(rows):
        m = _metrics(counts, i)
        out.append(Row(name, level, parent, flags_for(m, settings), m))
    return tuple(out)


def compute_sections(
    resolved: Resolved,
    period: Period,
    previous: Period | None,
    specs: Sequence[SectionSpec],
    settings: Settings,
) -> tuple[Section, ...]:
    cases = resolved.cases
    needed = [*CASE_FACTS, "unit_id", "district", "agency_name", "level"]
    counted = cases.loc[(cases["status"] != "cancelled").to_numpy(), needed]
    days = CaseDays.from_frame(counted)
    groups = _Groups(resolved, counted)
    now = Patterns.of(classify(days, period))
    before = Patterns.of(classify(days, previous)) if previous else None
    sections = []
    for spec in specs:
        in_section = np.isin(groups.level, list(spec.levels))
        totals_codes = np.where(in_section, 0, -1)
        totals = _metrics(count_by_group(now, totals_codes, 1, groups.online_unit), 0)
        prev = (
            _metrics(count_by_group(before, totals_codes, 1, groups.online_unit), 0)
            if before is not None
            else None
        )
        breakdowns = {
            kind: _breakdown(now, groups, in_section, kind, spec, settings)
            for kind in spec.breakdowns
        }
        prev_breakdowns = (
            {
                kind: _breakdown(before, groups, in_section, kind, spec, settings)
                for kind in spec.breakdowns
            }
            if before is not None
            else {}
        )
        title = spec.title or SECTION_TITLES.get(spec.levels, spec.id)
        sections.append(
            Section(spec.id, title, spec.levels, totals, prev, breakdowns, prev_breakdowns)
        )
    return tuple(sections)
