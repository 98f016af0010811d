"""Clean cases -> figures.

In: the resolved cases, a period and the previous one, the section specs and settings.
Out: each section's ``Metrics`` (totals, and per agency, district or desk row, with its
flags) for both periods, and the history rows of LichSu.  One small vectorised function
per counting rule (``metrics``); no Excel, no wording.  Rules: docs/figures.md.
"""
