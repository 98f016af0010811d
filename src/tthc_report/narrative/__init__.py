"""Figures -> the narrative in official Vietnamese.

In: a ``Report`` (its sections' figures, this period and the previous), the settings and
the history of earlier months.  Out: the paragraphs of the report, section by section
(``render_narrative``), from Jinja2 templates staff can edit (``templates/``), and the
short headline the command line prints (``summary``).  Words that change with the period
(a decree renames something) are one table, ``period_words.PERIOD_WORDS``.  Rules and wording:
docs/narrative.md.
"""

from .period_words import PERIOD_WORDS, terms
from .render import render_narrative, section_headings

__all__ = ["PERIOD_WORDS", "render_narrative", "section_headings", "terms"]
