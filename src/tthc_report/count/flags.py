"""Flags per breakdown row (docs/figures.md, "Units and sections").

A flag that needs a rate is not set when the rate is undefined."""

from __future__ import annotations

from ..config import Settings
from ..model import Metrics

FLAG_KEYS = ("late_unit", "has_late", "low_volume", "no_cases")


def late_unit(m: Metrics, s: Settings) -> bool:
    """`on_time_rate < target_on_time_rate` (default 95.0) — shown red."""
    return m.on_time_rate is not None and m.on_time_rate < s.target_on_time_rate


def has_late(m: Metrics, s: Settings) -> bool:
    """`late > 0` — shown amber."""
    return m.late > 0


def low_volume(m: Metrics, s: Settings) -> bool:
    """`received_new < low_volume_threshold` (default 50)."""
    return m.received_new < s.low_volume_threshold


def no_cases(m: Metrics, s: Settings) -> bool:
    """`received_new == 0`."""
    return m.received_new == 0


RULES = {
    "late_unit": late_unit,
    "has_late": has_late,
    "low_volume": low_volume,
    "no_cases": no_cases,
}


def flags_for(m: Metrics, s: Settings) -> tuple[str, ...]:
    return tuple(key for key, rule in RULES.items() if rule(m, s))
