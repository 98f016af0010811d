"""Figures -> the report as an official document (.docx, Nghị định 30/2020/NĐ-CP).

In: a ``Report`` (its narrative and figures) and the settings that name the bodies, the
ký hiệu, the place, the recipients and the signer.  Out: an A4 Word document built with
python-docx: the heading, "BÁO CÁO" and the subject, the narrative, the summary table,
"Nơi nhận" and the signature block, and optionally form II.06a as a landscape appendix.
``write_document(report, settings, path)`` is what the command line, the demo and the
ribbon button call.  Layout and choices: docs/document.md.  May import the kernel,
``count`` and ``narrative``; never ``workbook`` or ``addin``.
"""

from .form_data import form_ii06a
from .writer import build_document, check_appendix, write_document

__all__ = ["build_document", "check_appendix", "form_ii06a", "write_document"]
