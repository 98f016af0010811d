"""The report as an official document: ``build_document`` lays it out, ``write_document``
saves it (atomically) where the command line, the demo and the ribbon button ask."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document

from ..config import Settings
from ..errors import OutputError
from ..model import Report
from ..narrative import section_headings
from ..outputs import atomic_write
from . import labels as T
from .appendix import add_appendix
from .body import add_narrative, add_summary
from .closing import add_closing
from .form_data import form_ii06a
from .heading import add_heading
from .page import page_numbers, set_defaults, set_page

NO_FORM = (
    "Báo cáo chưa có số liệu biểu II.06a (forms.ii06a) nên không in được phụ lục biểu II.06a: "
    "hãy lập văn bản không kèm phụ lục (bỏ --docx-appendix)."
)


def check_appendix(report: Report) -> None:
    """An OutputError when the report has no form II.06a to print as the appendix."""
    if form_ii06a(report) is None:
        raise OutputError(NO_FORM)


def build_document(report: Report, settings: Settings, appendix: bool = False) -> Document:
    """The document of ``report``: heading, type and subject, the narrative, the summary
    table, the recipients and the signature block; with ``appendix``, form II.06a on
    landscape pages after them (an OutputError when the report has no form)."""
    if appendix:
        check_appendix(report)
    form = form_ii06a(report) if appendix else None
    doc = docx.Document()
    set_defaults(doc)
    set_page(doc.sections[0])
    page_numbers(doc.sections[0])
    add_heading(doc, settings, report.period)
    add_narrative(doc, report.narrative, section_headings(report, settings))
    add_summary(doc, report)
    add_closing(doc, settings)
    if form is not None:
        add_appendix(doc, settings, form)
    props = doc.core_properties
    props.title = (
        f"{T.DOCUMENT_TYPE.capitalize()} {T.subject(report.period)[:1].lower()}"
        + (T.subject(report.period)[1:])
    )
    props.author = props.last_modified_by = settings.issuing_body.strip() or "tthc-report"
    props.language = "vi-VN"
    props.comments = "Lập bằng tthc-report"
    return doc


def write_document(
    report: Report, settings: Settings, path: Path, *, appendix: bool = False
) -> Path:
    """Write the document to ``path`` (atomically, replacing a file there: callers check
    targets first, as the command line does with ``outputs.check_targets``); returns
    ``path``."""
    document = build_document(report, settings, appendix)
    atomic_write(path, lambda tmp: document.save(str(tmp)))
    return path
