"""What runs inside Excel, and the add-in that puts it there.

In: the workbook the ribbon button or a UDF is called from (its sheets, named cells and,
for the button, the month's export files), through xlwings.  Out: the same plan of cells
the command line writes (``xlwings_writer``), message boxes in Vietnamese, the saved copy
of the month; UDF values in cells.  ``build`` makes the .xlam files from xlwings' ribbon
add-in template (``tthc-report addin build``).  Setup and use: addin/README.md.
"""

from .build import ADDINS, build_addin, main

__all__ = ["ADDINS", "build_addin", "main"]
