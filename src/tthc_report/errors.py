"""Errors that stop a build.  Their messages are for staff, in Vietnamese."""

from __future__ import annotations


class ReportError(Exception):
    """Base of every error the tool reports to the user instead of a traceback."""


class InputError(ReportError):
    """An input file cannot be used at all (unreadable, no header row, ...)."""


class CatalogError(InputError):
    """The unit catalog cannot be used."""


class ConfigError(ReportError):
    """A setting or a command-line argument is wrong."""


class TemplateError(ReportError):
    """A narrative or workbook template is broken or incomplete."""


class OutputError(ReportError):
    """An output cannot be written (exists already, folder missing, ...)."""
