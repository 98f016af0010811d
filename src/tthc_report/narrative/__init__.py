"""Figures -> the narrative in official Vietnamese.

In: a ``Report`` (its sections' figures, this period and the previous), the settings and
the history of earlier months.  Out: the paragraphs of the report, section by section
(``render_narrative``), from Jinja2 templates staff can edit (``templates/``), and the
short headline the command line prints (``summary``).  Rules and wording:
docs/narrative.md.
"""

from .render import render_narrative, terms

__all__ = ["render_narrative", "terms"]
