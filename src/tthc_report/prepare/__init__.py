"""Raw tables -> clean cases.

In: ``RawTable``s from ``read`` and an optional unit catalog.  Out: one case table with the
canonical columns (dates as datetimes, words as the English keys of ``model``), every case
matched to its unit, level, district and agency (``units.Resolved``), the same case from
two exports merged (``duplicates``), and a ``DataCheck`` for every row that was excluded,
doubtful or worth knowing about.  Rules: docs/inputs.md, "Values" and "What bad input
gets".
"""
