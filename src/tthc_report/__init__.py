"""tthc-report: the monthly report on administrative procedures (TTHC) from the case lists
exported by a province's one-stop software.

The library's entry points (imported when first used, so that ``import tthc_report`` is
quick and the engine is not loaded for ``--version``)::

    report = tthc_report.build_report(files, tthc_report.Settings(), month=(2021, 10))
    report.to_dict()                                   # the JSON of docs/figures.md
    tthc_report.write_workbook(report, settings, Path("BaoCao_TTHC_2021-10.xlsx"))
    tthc_report.write_document(report, settings, Path("BaoCao_TTHC_2021-10.docx"))

- ``build_report(files, settings, month=... | date_from=..., date_to=..., units_file=...,
  history_file=...)``: read, clean, count and write the narrative of one period;
- ``load_files(files, units_file)`` and ``report_from_loaded(loaded, period, previous,
  settings)``: the same in two steps, to count several periods from one reading;
- ``choose_period(settings, month=...)``: a period and the one before it;
- ``write_workbook(report, settings, path)``: the report workbook (.xlsx), with live
  formulas;
- ``write_document(report, settings, path, appendix=False)``: the report as an official
  document (.docx, Nghị định 30/2020), optionally with form II.06a as an appendix;
- ``Report``, ``Settings``, ``load_settings(config_file)``: the report as data and the
  settings (a TOML file, ``TTHC_*`` environment variables, arguments).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import build_report, choose_period, load_files, report_from_loaded
    from .config import Settings, load_settings
    from .document import write_document
    from .model import Report
    from .workbook.openpyxl_writer import write_workbook

#: public name -> the module that defines it
ENTRY_POINTS = {
    "build_report": "api",
    "load_files": "api",
    "report_from_loaded": "api",
    "choose_period": "api",
    "write_workbook": "workbook.openpyxl_writer",
    "write_document": "document",
    "Report": "model",
    "Settings": "config",
    "load_settings": "config",
}
__all__ = [
    "build_report", "load_files", "report_from_loaded", "choose_period", "write_workbook",
    "write_document", "Report", "Settings", "load_settings", "__version__",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    """The entry points and ``__version__``, each looked up when first asked for."""
    if name in ENTRY_POINTS:
        value = getattr(import_module(f".{ENTRY_POINTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tthc-report")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"
