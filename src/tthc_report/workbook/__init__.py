"""Figures -> the report workbook (.xlsx).

In: a ``Report``, the settings and the history.  Out: the template workbook
(``template.build_template``) or the month's report workbook (``openpyxl_writer.
write_workbook``): cases, catalog, every figure as a live native formula, the narrative,
the data checks and LichSu.  ``layout`` says where things are, ``formulas`` what is
computed there, ``plan`` what is written where (shared with the add-in's xlwings writer).
Contract: docs/workbook.md.
"""
