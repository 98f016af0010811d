"""Helpers for tests and benchmarks only, never imported by production code: a normalised
dump of a workbook (``workbook_dump``) and recalculation or conversion through a real
LibreOffice (``libreoffice``)."""
