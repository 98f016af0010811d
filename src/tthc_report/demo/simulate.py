"""Synthetic cases for the sample province, month by month, hitting the plan exactly.

Each month, every group (the centre, each district with its communes) takes the files
still open from last month and its new files, and gives each one the state it ends the
month in (early, on time, late, returned, withdrawn, open overdue, open in time) in the
planned numbers; dates are then drawn to fit each state.  The due date of a file open in
time is fixed only when a later month decides its fate.  Deterministic for a seed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

import holidays
import numpy as np
import pandas as pd

from ..periods import monthly_period
from .plan import (
    ANCHOR,
    BASE,
    DISTRICTS,
    OCTOBER,
    PROVINCE,
    QUIET,
    SEPTEMBER,
    THIN_MONTHS,
    MonthPlan,
)

EARLY, EXACT, LATE, RETURNED, WITHDRAWN, OVERDUE, IN_TIME = range(7)
STATUS_OF = {
    EARLY: "resolved",
    EXACT: "resolved",
    LATE: "resolved",
    RETURNED: "returned",
    WITHDRAWN: "withdrawn",
    OVERDUE: "processing",
    IN_TIME: "processing",
}
EPOCH = date(1970, 1, 1)
START_DAY = 21


def day(d: date) -> int:
    return (d - EPOCH).days


def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("tthc_report").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class Province:
    units: list[dict[str, str]]  # Mã đơn vị, Tên đơn vị, Cấp, Đơn vị cấp trên
    agencies: list[dict[str, str]]  # Tên cơ quan, Tỷ trọng, Tỷ lệ trực tuyến
    procedures: list[dict[str, str]]  # Cấp, Cơ quan, Lĩnh vực, Thủ tục

    @classmethod
    def load(cls) -> Province:
        return cls(
            _csv("vinh_phuc_2021_units.csv"),
            _csv("vinh_phuc_2021_agencies.csv"),
            _csv("vinh_phuc_2021_procedures.csv"),
        )

    @property
    def centre(self) -> str:
        return next(u["Tên đơn vị"] for u in self.units if u["Cấp"] == "Tỉnh")


class Simulation:
    def __init__(self, province: Province, seed: int) -> None:
        self.p = province
        self.rng = np.random.default_rng(seed)
        self.n = 0
        self.open: dict[str, np.ndarray] = {}
        self.received = np.zeros(0)
        self.due = np.zeros(0)
        self.finished = np.zeros(0)
        self.outcome = np.zeros(0, dtype=np.int8)
        self.group = np.zeros(0, dtype=object)
        self.unit = np.zeros(0, dtype=object)
        self.agency = np.zeros(0, dtype=object)
        self.channel = np.zeros(0, dtype=object)
        self.level = np.zeros(0, dtype=object)
        self.month = np.zeros(0, dtype=np.int32)
        weights = self.rng.lognormal(0.0, 0.55, len(province.units))
        self.unit_weight = {
            u["Tên đơn vị"]: w for u, w in zip(province.units, weights, strict=True)
        }
        self.vn_holidays = holidays.country_holidays("VN", years=range(2019, 2027))

    # --- drawing ------------------------------------------------------------------------

    def between(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        lo = np.asarray(lo, dtype=float)
        hi = np.asarray(hi, dtype=float)
        assert (hi >= lo).all(), "empty date range in the demo plan"
        return lo + np.floor(self.rng.random(lo.shape) * (hi - lo + 1))

    def working_days(self, s: int, e: int) -> np.ndarray:
        days = []
        for d in range(s, e + 1):
            dd = EPOCH + timedelta(days=d)
            if dd.weekday() < 5 and dd not in self.vn_holidays:
                days.append(d)
        return np.asarray(days or list(range(s, e + 1)), dtype=float)

    def received_days(self, n: int, s: int, e: int) -> np.ndarray:
        work = self.working_days(s, e)
        return work[self.rng.integers(0, len(work), n)] if n else np.zeros(0)

    # --- plan ---------------------------------------------------------------------------

    def plan_for(self, group: str, ym: tuple[int, int], n_overdue: int) -> MonthPlan:
        if ym == ANCHOR:
            return OCTOBER[group]
        if ym == (ANCHOR[0], ANCHOR[1] - 1):
            return SEPTEMBER[group]
        n0, late_share, rw_share, pend_share, online = BASE[group]
        r = self.rng
        n = round(n0 * r.uniform(0.92, 1.06))
        late = max(round(n * late_share * r.uniform(0.8, 1.2)), 1)
        rw = round(n * rw_share * r.uniform(0.8, 1.2))
        late = max(late, n_overdue - rw)
        po = min(round(late * 0.22), late)
        pending_end = max(round(n * pend_share * r.uniform(0.9, 1.1)), po)
        if group == PROVINCE:
            on = round(n * online * r.uniform(0.85, 1.1))
            return MonthPlan(
                n, late, po, rw, pending_end=pending_end, online=on, online_partial=round(on * 0.04)
            )
        return MonthPlan(n, late, po, rw, pending_end=pending_end, online=int(r.integers(0, 4)))

    # --- one month ----------------------------------------------------------------------

    def grow(self, n: int) -> np.ndarray:
        idx = np.arange(self.n, self.n + n)
        self.n += n
        for name in ("received", "due", "finished"):
            setattr(self, name, np.concatenate([getattr(self, name), np.full(n, np.nan)]))
        self.outcome = np.concatenate([self.outcome, np.full(n, -1, dtype=np.int8)])
        self.month = np.concatenate([self.month, np.zeros(n, dtype=np.int32)])
        for name in ("group", "unit", "agency", "channel", "level"):
            setattr(
                self, name, np.concatenate([getattr(self, name), np.full(n, None, dtype=object)])
            )
        return idx

    def month_of_group(self, group: str, ym: tuple[int, int]) -> None:
        period = monthly_period(*ym, START_DAY)
        s, e = day(period.start), day(period.end)
        pend = self.open.get(group, np.zeros(0, dtype=np.int64))
        overdue = pend[self.due[pend] <= s - 1]
        in_time = pend[~(self.due[pend] <= s - 1)]
        plan = self.plan_for(group, ym, len(overdue))
        new = self.grow(plan.received_new)
        self.group[new] = group
        self.month[new] = ym[0] * 100 + ym[1]
        total = len(pend) + plan.received_new
        pit = plan.pit if plan.pit is not None else plan.pending_end - plan.pending_overdue  # type: ignore[operator]
        on_time = total - plan.late - plan.returned_withdrawn - pit
        resolved_late = plan.late - plan.pending_overdue
        assert on_time >= 0 and pit >= 0 and resolved_late >= 0, (group, ym)

        # files already overdue can only end late, still overdue, or returned/withdrawn
        a = min(len(overdue), resolved_late)
        b = min(len(overdue) - a, plan.pending_overdue)
        c = len(overdue) - a - b
        assert c <= plan.returned_withdrawn, f"plan infeasible for {group} {ym}"
        self.outcome[overdue[:a]] = LATE
        self.outcome[overdue[a : a + b]] = OVERDUE
        self.outcome[overdue[a + b :]] = RETURNED
        self.finished[overdue[:a]] = self.between(np.full(a, s), np.full(a, e))
        self.finished[overdue[a + b :]] = self.between(np.full(c, s), np.full(c, e))

        pool = self.rng.permutation(np.concatenate([in_time, new]))
        exact = round(on_time * 0.08)
        rw = plan.returned_withdrawn - c
        withdrawn_n = round(rw * 0.4)
        counts = [
            (EARLY, on_time - exact),
            (EXACT, exact),
            (LATE, resolved_late - a),
            (RETURNED, rw - withdrawn_n),
            (WITHDRAWN, withdrawn_n),
            (OVERDUE, plan.pending_overdue - b),
            (IN_TIME, pit),
        ]
        assert sum(k for _, k in counts) == len(pool), (group, ym)
        start = 0
        for state, k in counts:
            self.outcome[pool[start : start + k]] = state
            start += k
        self.draw_dates(pool, new, s, e)
        still = np.concatenate([overdue[a : a + b], pool])
        self.open[group] = still[np.isin(self.outcome[still], (OVERDUE, IN_TIME))]
        self.assign_units(group, new, ym)
        self.assign_channels(group, new, plan)

    def draw_dates(self, pool: np.ndarray, new: np.ndarray, s: int, e: int) -> None:
        is_new = np.isin(pool, new)
        out = self.outcome[pool]
        rec = np.full(len(pool), np.nan)
        late_new = is_new & (out == LATE)
        rec[late_new] = self.received_days(int(late_new.sum()), s, e - 1)
        other_new = is_new & ~late_new
        rec[other_new] = self.received_days(int(other_new.sum()), s, e)
        self.received[pool[is_new]] = rec[is_new]
        lo = np.where(is_new, rec, s)  # first day a file can finish this month
        fin = np.full(len(pool), np.nan)
        due = self.due[pool].copy()
        done = np.isin(out, (EARLY, EXACT, RETURNED, WITHDRAWN))
        fin[done] = self.between(lo[done], np.full(int(done.sum()), e))
        k = int((out == EARLY).sum())
        due[out == EARLY] = fin[out == EARLY] + self.rng.integers(1, 11, k)
        due[out == EXACT] = fin[out == EXACT]
        rw = np.isin(out, (RETURNED, WITHDRAWN))
        due[rw] = lo[rw] + self.rng.integers(3, 16, int(rw.sum()))
        late = out == LATE
        due[late] = self.between(lo[late], np.full(int(late.sum()), e - 1))
        fin[late] = self.between(due[late] + 1, np.full(int(late.sum()), e))
        over = out == OVERDUE
        due[over] = self.between(lo[over], np.full(int(over.sum()), e))
        self.finished[pool] = fin
        self.due[pool] = due

    def assign_units(self, group: str, new: np.ndarray, ym: tuple[int, int]) -> None:
        n = len(new)
        if group == PROVINCE:
            self.unit[new] = self.p.centre
            names = [a["Tên cơ quan"] for a in self.p.agencies]
            w = np.array([float(a["Tỷ trọng"]) for a in self.p.agencies])
            self.agency[new] = np.array(names, dtype=object)[
                self.rng.choice(len(names), n, p=w / w.sum())
            ]
            return
        quiet = set(QUIET.get(ym, ()))
        communes = [u["Tên đơn vị"] for u in self.p.units if u["Đơn vị cấp trên"] == group]
        w = np.array([0.0 if c in quiet else self.unit_weight[c] for c in communes])
        thin = THIN_MONTHS.get(ym)
        if thin:
            small = w < np.quantile(w[w > 0], 0.35)
            w = np.where(small, w * thin, w)
        w = 0.65 * w / w.sum()
        desks = np.array([group, *communes], dtype=object)
        probs = np.concatenate([[0.35], w])
        self.unit[new] = desks[self.rng.choice(len(desks), n, p=probs / probs.sum())]

    def assign_channels(self, group: str, new: np.ndarray, plan: MonthPlan) -> None:
        self.channel[new] = "direct"
        chosen: list[int] = []
        if group == PROVINCE:
            share = {a["Tên cơ quan"]: float(a["Tỷ lệ trực tuyến"]) for a in self.p.agencies}
            capable = [a for a, v in share.items() if v > 0]
            for a in capable:  # every agency that offers online services gets at least one
                own = new[self.agency[new] == a]
                if len(own) and len(chosen) < plan.online:
                    chosen.append(int(self.rng.choice(own)))
            rest = np.setdiff1d(new, chosen)
            p = np.array([share[a] for a in self.agency[rest]], dtype=float)
            more = self.rng.choice(rest, plan.online - len(chosen), replace=False, p=p / p.sum())
            chosen += [int(x) for x in more]
        else:
            chosen = [int(x) for x in self.rng.choice(new, plan.online, replace=False)]
        online = np.array(chosen, dtype=np.int64)
        self.channel[online] = "online"
        self.level[online] = "full"
        self.level[online[: plan.online_partial]] = "partial"
        rest = np.setdiff1d(new, online)
        postal = self.rng.choice(rest, round(len(rest) * 0.015), replace=False)
        self.channel[postal] = "postal"

    # --- after the last month -----------------------------------------------------------

    def finish(self, last_end: int, as_of: int) -> None:
        """Fix the due dates still open, let some files finish between the last period's
        end and the export day, and receive the files of those days."""
        undecided = np.flatnonzero(np.isnan(self.due))
        self.due[undecided] = last_end + self.rng.integers(1, 26, len(undecided))
        open_now = np.flatnonzero(np.isin(self.outcome, (OVERDUE, IN_TIME)))
        if as_of > last_end:
            k = self.rng.random(len(open_now)) < 0.3
            done = open_now[k]
            self.finished[done] = self.between(
                np.full(len(done), last_end + 1), np.full(len(done), as_of)
            )
            self.outcome[done] = np.where(self.finished[done] <= self.due[done], EARLY, LATE)
            for group in self.open:
                n = round(BASE[group][0] * (as_of - last_end) / 30)
                new = self.grow(n)
                self.group[new] = group
                self.received[new] = self.received_days(n, last_end + 1, as_of)
                self.due[new] = self.received[new] + self.rng.integers(3, 21, n)
                self.outcome[new] = IN_TIME
                quick = new[self.rng.random(n) < 0.25]
                self.finished[quick] = self.between(
                    self.received[quick], np.full(len(quick), as_of)
                )
                self.outcome[quick] = EARLY
                self.due[quick] = np.maximum(self.due[quick], self.finished[quick])
                self.assign_units(group, new, (0, 0))
                self.assign_channels(group, new, MonthPlan(n, 0, 0, 0, online=0))

    def delivered_days(self, as_of: int) -> np.ndarray:
        """Results handed to the applicant: most on the day or a few days after."""
        resolved = np.isin(self.outcome, (EARLY, EXACT, LATE))
        lag = self.rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 6], self.n).astype(float)
        out = np.where(resolved & (self.rng.random(self.n) < 0.94), self.finished + lag, np.nan)
        return np.where(out <= as_of, out, np.nan)

    def fix_delivered(
        self, delivered: np.ndarray, group: str, ym: tuple[int, int], target: int
    ) -> None:
        """Make the anchor month's count of results handed over exactly the planned one."""
        period = monthly_period(*ym, START_DAY)
        s, e = day(period.start), day(period.end)
        mine = (self.group == group) & np.isin(self.outcome, (EARLY, EXACT, LATE))
        inside = mine & (delivered >= s) & (delivered <= e)
        have = int(inside.sum())
        if have > target:
            drop = self.rng.choice(
                np.flatnonzero(inside & (self.finished >= s)), have - target, replace=False
            )
            delivered[drop] = np.nan
        elif have < target:
            cand = np.flatnonzero(mine & ~inside & (self.finished >= s) & (self.finished <= e))
            add = self.rng.choice(cand, target - have, replace=False)
            delivered[add] = self.between(self.finished[add], np.full(len(add), e))

    def frame(self, as_of: int) -> pd.DataFrame:
        delivered = self.delivered_days(as_of)
        target = OCTOBER[PROVINCE].delivered
        if target is not None and (self.month == ANCHOR[0] * 100 + ANCHOR[1]).any():
            self.fix_delivered(delivered, PROVINCE, ANCHOR, target)
        status = np.array([STATUS_OF[int(o)] for o in self.outcome], dtype=object)
        finished = np.where(
            np.isnan(self.finished) | (self.finished > as_of), np.nan, self.finished
        )
        status = np.where(np.isnan(finished), "processing", status)
        hours = self.rng.integers(7 * 60 + 30, 17 * 60, self.n) / (24 * 60)
        return pd.DataFrame(
            {
                "group": self.group,
                "unit": self.unit,
                "agency": self.agency,
                "received": self.received + hours,
                "due": self.due + np.where(np.isnan(self.due), 0, hours),
                "finished": finished + self.rng.integers(8 * 60, 17 * 60, self.n) / (24 * 60),
                "delivered": delivered + self.rng.integers(8 * 60, 17 * 60, self.n) / (24 * 60),
                "status": status,
                "channel": self.channel,
                "online_level": self.level,
            }
        )


def simulate(months: list[tuple[int, int]], as_of: date, seed: int = 2021) -> pd.DataFrame:
    """Cases of the sample province for consecutive report months, as known on ``as_of``.

    Day columns are float day numbers since 1970-01-01 with the time of day as fraction."""
    sim = Simulation(Province.load(), seed)
    for ym in months:
        for group in (PROVINCE, *DISTRICTS):
            sim.month_of_group(group, ym)
    last_end = day(monthly_period(*months[-1], START_DAY).end)
    sim.finish(last_end, day(as_of))
    return sim.frame(day(as_of))
