"""build_report: the one orchestration the command line, the macro and the UDFs call."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .config import Settings
from .count.forms import compute_form
from .count.history import merge, rows_of_report, with_section_ids
from .count.sections import compute_sections, default_sections
from .errors import ConfigError, InputError
from .model import (
    ERROR,
    INFO,
    WARNING,
    CheckSummary,
    DataCheck,
    FileAccount,
    HistoryRow,
    Report,
    count_levels,
    sort_key,
)
from .narrative import render_narrative
from .periods import Period, monthly_period, previous_period, range_period
from .prepare.accounting import account_files, clean_tables
from .prepare.catalog import Catalog, read_catalog
from .prepare.duplicates import dedupe
from .prepare.plausible import implausible_dates
from .prepare.units import Resolved, resolve_units
from .read.files import read_case_files
from .read.tables import RawTable

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Loaded:
    """Cases read, cleaned and matched to units: everything before any period."""

    resolved: Resolved
    checks: tuple[DataCheck, ...]
    rows_read: int
    excluded: int
    duplicates_merged: int
    non_case_lines: int
    catalog: Catalog | None
    #: the same accounting for each file (docs/inputs.md, "What bad input gets")
    files: tuple[FileAccount, ...] = ()


def load_tables(tables: Sequence[RawTable], catalog: Catalog | None) -> Loaded:
    clean = clean_tables(tables)
    resolved = resolve_units(clean.cases, catalog)
    cases, dup_checks, merged = dedupe(resolved.cases)
    files = account_files(clean.per_file, resolved.cases, cases)
    resolved = replace(resolved, cases=cases)
    checks = sorted(clean.checks + resolved.checks + dup_checks, key=sort_key)
    return Loaded(
        resolved, tuple(checks), clean.rows_read, clean.excluded, merged, clean.non_case_lines,
        catalog, files,
    )  # fmt: skip


def load_files(
    case_files: Sequence[Path],
    units_file: Path | None = None,
    progress: Progress | None = None,
    catalog: Catalog | None = None,
) -> Loaded:
    """Read, clean and match the cases of ``case_files``; the unit catalog is read from
    ``units_file``, else ``catalog`` is used (or none)."""
    if units_file:
        catalog = read_catalog(units_file)
    tables = read_case_files(case_files, progress)
    if progress:
        progress("Đang kiểm tra và chuẩn hóa dữ liệu")
    return load_tables(tables, catalog)


def choose_period(
    settings: Settings,
    month: tuple[int, int] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> tuple[Period, Period]:
    if (date_from is None) != (date_to is None):
        raise ConfigError("Cần cả --from và --to để chọn một khoảng ngày.")
    if month is not None and date_from is not None:
        raise ConfigError(
            "Chỉ chọn một cách: tháng báo cáo (--month) hoặc khoảng ngày (--from/--to), không "
            "dùng cả hai."
        )
    if date_from is not None and date_to is not None:
        period = range_period(date_from, date_to, settings.start_day)
    elif month is not None:
        period = monthly_period(*month, settings.start_day)
    else:
        raise ConfigError(
            "Hãy chọn kỳ báo cáo: tháng (--month YYYY-MM), quý (--quarter YYYY-Qn), 6 tháng "
            "(--half YYYY-H1 hoặc YYYY-H2), năm (--year YYYY) hoặc khoảng ngày (--from/--to)."
        )
    return period, previous_period(period, settings.start_day)


def period_checks(loaded: Loaded, end: date) -> tuple[DataCheck, ...]:
    """The data checks of the cases read, with those that depend on the period (dates
    more than a year after its ``end``)."""
    extra = implausible_dates(loaded.resolved.cases, end)
    return tuple(sorted((*loaded.checks, *extra), key=sort_key)) if extra else loaded.checks


def summarise(loaded: Loaded, checks: Sequence[DataCheck] | None = None) -> CheckSummary:
    levels = count_levels(loaded.checks if checks is None else checks)
    cases = loaded.resolved.cases
    cancelled = int((cases["status"] == "cancelled").sum())
    return CheckSummary(
        rows_read=loaded.rows_read,
        rows_used=len(cases) - cancelled,
        errors=levels[ERROR],
        warnings=levels[WARNING],
        infos=levels[INFO],
        excluded=loaded.excluded,
        cancelled=cancelled,
        duplicates_merged=loaded.duplicates_merged,
        non_case_lines=loaded.non_case_lines,
        files=loaded.files,
    )


def load_history(path: Path) -> list[HistoryRow]:
    """The history (LichSu) of last month's report: its JSON (``history``) or workbook."""
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp báo cáo tháng trước {path}.")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [HistoryRow.from_dict(d) for d in data.get("history", [])]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(
                f"Tệp {path.name} không phải tệp JSON số liệu của tthc-report. Chi tiết: {exc}."
            ) from exc
    from .workbook.history_io import read_history

    return read_history(path)


def report_from_loaded(
    loaded: Loaded,
    period: Period,
    previous: Period | None,
    settings: Settings,
    history: Sequence[HistoryRow] = (),
) -> Report:
    """Count, flag and write the narrative for one period.  ``history``: LichSu rows of
    earlier months; this month's rows are added (or replace an earlier build's)."""
    specs = settings.sections or default_sections(loaded.resolved.units)
    sections = compute_sections(loaded.resolved, period, previous, specs, settings)
    units = tuple((u.name, u.level, u.parent, u.code) for u in loaded.resolved.units)
    checks = period_checks(loaded, period.end)
    form = compute_form(loaded.resolved, period, settings.form_layout)
    history = with_section_ids(history, sections)
    report = Report(
        period=period,
        previous_period=previous,
        sections=sections,
        summary=summarise(loaded, checks),
        checks=checks,
        cases=loaded.resolved.cases,
        units=units,
        forms=(form,),
    )
    narrative = render_narrative(report, settings, history)
    merged = merge(history, rows_of_report(report, settings.best_unit_min_due))
    return replace(report, narrative=tuple(narrative), history=tuple(merged))


def build_report(
    case_files: Sequence[Path],
    settings: Settings,
    *,
    month: tuple[int, int] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    units_file: Path | None = None,
    history_file: Path | None = None,
    progress: Progress | None = None,
) -> Report:
    period, previous = choose_period(settings, month, date_from, date_to)
    history = load_history(history_file) if history_file else []
    loaded = load_files(case_files, units_file, progress)
    return report_from_loaded(loaded, period, previous, settings, history)
