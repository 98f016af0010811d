"""Files -> raw tables.

In: the case-list files staff export (.xlsx, .xlsm, .xls, .ods, .csv) and unit catalogs in
the same shapes.  Out: one ``RawTable`` per case list found (every cell as text, each data
row with its Excel row number, the header as written), or an ``InputError`` naming the
file that cannot be read.  Nothing is interpreted and no file is changed.  Also here: the
canonical columns and their header names (``columns``) and text normalisation (``text``),
which every later stage uses.  Shapes accepted: docs/inputs.md.
"""
