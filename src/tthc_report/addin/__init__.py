"""The Excel add-ins (ribbon tab "Báo cáo TTHC"), built from xlwings' ribbon add-in template.

No binary is kept in the repository: ``tthc-report addin build`` (``build.main``) makes the
.xlam files from the template inside the installed xlwings package and the ribbon XML
shipped here as package data.
"""

from .build import ADDINS, build_addin, main

__all__ = ["ADDINS", "build_addin", "main"]
