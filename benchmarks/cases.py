"""Synthetic cases of the sample province as plain numpy arrays.

The units, agencies and procedures are the real ones bundled with tthc_report (Vĩnh Phúc,
2021: ``tthc_report.demo.simulate.Province``); the unit names are written the ways the
demo exports write them (``tthc_report.demo.exports.written_unit_names``).  Every benchmark
file is rendered from these arrays, and ``truth.py`` counts them, so the expected figures
never go through the engine.  Deterministic for a seed.

Day columns are int/float day numbers since 1970-01-01 (NaN: no date); the time of day is
kept apart in minutes, so a comparison of days never depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from tthc_report.demo import EXPORTED_ON
from tthc_report.demo.exports import written_unit_names
from tthc_report.demo.plan import PROVINCE as PROVINCE_GROUP
from tthc_report.demo.simulate import Province

AS_OF = EXPORTED_ON  # the export day: 2021-10-25
EPOCH = date(1970, 1, 1)

# levels, statuses, channels, online levels (codes of the arrays below)
PROVINCE, DISTRICT, COMMUNE = 0, 1, 2
RESOLVED, RETURNED, WITHDRAWN, PROCESSING, CANCELLED = 0, 1, 2, 3, 4
DIRECT, ONLINE, POSTAL = 0, 1, 2
PARTIAL, FULL = 0, 1  # -1: none

_LEVEL_OF = {"Tỉnh": PROVINCE, "Huyện": DISTRICT, "Xã": COMMUNE}


def day(d: date) -> int:
    return (d - EPOCH).days


@dataclass(frozen=True)
class Catalog:
    """The units, agencies and procedures the cases are drawn from."""

    names: list[str]
    level: np.ndarray  # int8 per unit
    parent: list[str]  # the district of a commune, "" otherwise
    codes: list[str]  # Mã đơn vị
    written: list[str]  # every written form of every unit, unit by unit
    written_start: np.ndarray  # first written form of each unit
    written_count: np.ndarray
    agencies: list[str]
    agency_weight: np.ndarray
    procedures: list[str]
    fields: list[str]
    proc_start: np.ndarray  # per procedure key: agencies first, then "Huyện", then "Xã"
    proc_count: np.ndarray

    @classmethod
    def load(cls, seed: int) -> Catalog:
        p = Province.load()
        names = [u["Tên đơn vị"] for u in p.units]
        level = np.array([_LEVEL_OF[u["Cấp"]] for u in p.units], dtype=np.int8)
        parent = [u["Đơn vị cấp trên"] for u in p.units]
        group = [
            PROVINCE_GROUP if lv == PROVINCE else (n if lv == DISTRICT else par)
            for n, lv, par in zip(names, level, parent, strict=True)
        ]
        # every form the demo's software writes, found by asking for many rows of each unit
        reps = 48
        frame = pd.DataFrame({"unit": np.repeat(names, reps), "group": np.repeat(group, reps)})
        forms = written_unit_names(frame, np.random.default_rng(seed)).to_numpy(dtype=object)
        written: list[str] = []
        start, count = [], []
        for i in range(len(names)):
            seen = list(dict.fromkeys(forms[i * reps : (i + 1) * reps]))
            start.append(len(written))
            count.append(len(seen))
            written += seen
        agencies = [a["Tên cơ quan"] for a in p.agencies]
        weight = np.array([float(a["Tỷ trọng"]) for a in p.agencies])
        keys = [*agencies, "Huyện", "Xã"]
        procs: list[str] = []
        fields: list[str] = []
        pstart, pcount = [], []
        for k in keys:
            own = [q for q in p.procedures if (q["Cơ quan"] or q["Cấp"]) == k]
            assert own, f"no procedure for {k}"
            pstart.append(len(procs))
            pcount.append(len(own))
            procs += [q["Thủ tục"] for q in own]
            fields += [q["Lĩnh vực"] for q in own]
        return cls(
            names, level, parent, [u["Mã đơn vị"] for u in p.units], written,
            np.array(start), np.array(count), agencies, weight / weight.sum(),
            procs, fields, np.array(pstart), np.array(pcount),
        )  # fmt: skip


@dataclass
class Cases:
    """One row per case, every fact as an array."""

    unit: np.ndarray  # index into Catalog.names
    level: np.ndarray  # int8
    agency: np.ndarray  # index into Catalog.agencies, -1 below province level
    procedure: np.ndarray  # index into Catalog.procedures
    written: np.ndarray  # index into Catalog.written (how this row writes its unit)
    received: np.ndarray  # int days
    due: np.ndarray  # int days
    finished: np.ndarray  # float days, NaN: not finished (the day it was resolved/returned)
    delivered: np.ndarray  # float days, NaN: result not handed over
    status: np.ndarray  # int8
    channel: np.ndarray  # int8
    online_level: np.ndarray  # int8, -1 for none
    numeric_code: np.ndarray  # bool: written as a number in the text-date shapes
    minutes: np.ndarray  # (n, 4) int16: time of day of received, due, finished, delivered

    def __len__(self) -> int:
        return len(self.received)


def span_days(n: int) -> int:
    """About a province-year (400,000 cases) a year; never less than a year."""
    return max(365, round(365 * n / 400_000))


def simulate(n: int, seed: int) -> tuple[Catalog, Cases]:
    cat = Catalog.load(seed)
    rng = np.random.default_rng(seed)
    # units: the centre a fifth of the cases, the district desks a quarter, communes the rest
    lv = cat.level
    w = rng.lognormal(0.0, 0.55, len(cat.names))
    for lvl, share in ((PROVINCE, 0.2), (DISTRICT, 0.25), (COMMUNE, 0.55)):
        w[lv == lvl] *= share / w[lv == lvl].sum()
    unit = rng.choice(len(cat.names), n, p=w / w.sum())
    level = lv[unit]
    prov = level == PROVINCE
    agency = np.full(n, -1, dtype=np.int64)
    agency[prov] = rng.choice(len(cat.agencies), int(prov.sum()), p=cat.agency_weight)
    key = np.where(
        prov, agency, np.where(level == DISTRICT, len(cat.agencies), 1 + len(cat.agencies))
    )
    procedure = cat.proc_start[key] + (rng.random(n) * cat.proc_count[key]).astype(np.int64)
    written = cat.written_start[unit] + (rng.random(n) * cat.written_count[unit]).astype(np.int64)

    last = day(AS_OF)
    received = rng.integers(last - span_days(n) + 1, last + 1, n)
    weekday = (received + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    received = np.minimum(received - (weekday == 5) + (weekday == 6), last)
    due = received + rng.integers(1, 31, n)

    u = rng.random(n)
    status = np.full(n, RESOLVED, dtype=np.int8)
    status[u < 0.003] = CANCELLED
    status[(u >= 0.003) & (u < 0.021)] = RETURNED
    status[(u >= 0.021) & (u < 0.033)] = WITHDRAWN
    stuck = (u >= 0.033) & (u < 0.036)  # never finished: overdue by now
    status[stuck] = PROCESSING
    late = rng.random(n) < 0.04
    in_time = received + np.floor(rng.random(n) * (due - received + 1))
    finished = np.where(late, due + rng.integers(1, 46, n), in_time).astype(float)
    ended = (status == RETURNED) | (status == WITHDRAWN)
    finished[ended] = received[ended] + rng.integers(0, 11, int(ended.sum()))
    finished[(status == CANCELLED) | stuck] = np.nan
    future = finished > last  # not known on the export day: still being processed
    finished[future] = np.nan
    status[future] = PROCESSING
    lag = rng.choice(np.array([0, 0, 0, 1, 1, 2, 3, 5]), n)
    handed = (status == RESOLVED) & (rng.random(n) < 0.9)
    delivered = np.where(handed, finished + lag, np.nan)
    delivered[delivered > last] = np.nan

    c = rng.random(n)
    channel = np.where(c < 0.35, ONLINE, np.where(c < 0.365, POSTAL, DIRECT)).astype(np.int8)
    online_level = np.where(
        channel == ONLINE, np.where(rng.random(n) < 0.1, PARTIAL, FULL), -1
    ).astype(np.int8)
    minutes = np.empty((n, 4), dtype=np.int16)
    minutes[:, 0] = rng.integers(7 * 60 + 30, 17 * 60, n)  # received in office hours
    minutes[:, 1] = minutes[:, 0]  # due at the same time of day
    minutes[:, 2] = rng.integers(8 * 60, 17 * 60 + 30, n)
    minutes[:, 3] = rng.integers(8 * 60, 17 * 60, n)
    cases = Cases(
        unit, level, agency, procedure, written, received, due, finished, delivered,
        status, channel, online_level, rng.random(n) < 0.05, minutes,
    )  # fmt: skip
    return cat, cases


BAD_KINDS = ("bad_received", "missing_unit", "missing_code", "bad_due", "missing_received")
BAD_VALUES = {"bad_received": "31/09/2021", "bad_due": "30/02/2021 08:00"}


@dataclass(frozen=True)
class Layout:
    """Which case each data row of a file shows, and the rows planted on purpose."""

    source: np.ndarray  # case index of each data row (a duplicate repeats its source)
    bad: dict[int, str]  # data row index -> kind of planted error
    duplicates: dict[int, int]  # data row index -> the data row it copies

    @property
    def counted(self) -> np.ndarray:
        """Data rows whose case takes part in the counts (once each): not a planted error,
        not a second copy."""
        keep = np.ones(len(self.source), dtype=bool)
        keep[list(self.bad)] = False
        keep[list(self.duplicates)] = False
        return keep


def layout(n: int, seed: int) -> Layout:
    """Five planted errors spread over the file, and identical copies of some rows (about one
    in 20,000, at least five) placed after their originals."""
    rng = np.random.default_rng(seed + 7)
    bad_at = [int(n * (k + 0.5) / len(BAD_KINDS)) for k in range(len(BAD_KINDS))]
    bad = dict(zip(bad_at, BAD_KINDS, strict=True))
    n_dup = max(5, n // 20_000)
    free = np.setdiff1d(np.arange(1, n), bad_at)
    dup_at = np.sort(rng.choice(free, n_dup, replace=False))
    sources = np.setdiff1d(np.arange(n), np.concatenate([bad_at, dup_at]))
    duplicates: dict[int, int] = {}
    taken: set[int] = set()
    for j in dup_at:
        below = sources[sources < j]
        i = int(below[rng.integers(len(below))])
        while i in taken:
            i = int(below[rng.integers(len(below))])
        taken.add(i)
        duplicates[int(j)] = i
    source = np.arange(n)
    for j, i in duplicates.items():
        source[j] = i
    return Layout(source, bad, duplicates)
