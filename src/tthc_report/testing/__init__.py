"""Helpers for tests and benchmarks only, never imported by production code: a normalised
dump of a workbook (``workbook_dump``), recalculation or conversion through a real
LibreOffice (``libreoffice``), and a workbook as the payload xlwings' remote engine takes
(``xlwings_payload``)."""
