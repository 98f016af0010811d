"""The narrative: paragraphs in official Vietnamese, from Jinja2 templates staff can edit.

Templates ship in ``templates/``; a folder given in the settings (``narrative_templates``)
is searched first, so a file of the same name there replaces the shipped one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .. import formatting
from ..config import Settings
from ..errors import TemplateError
from ..model import HistoryRow
from .assess import assessments, lower_first
from .period_words import terms

if TYPE_CHECKING:
    from ..model import Report, Section

TEMPLATES = Path(__file__).parent / "templates"
#: a section's levels -> (levels_text, places_text); ``{communes}`` is the period's word
#: for the commune-level units (period_words.PERIOD_WORDS)
LEVELS_TEXT = {
    ("district", "commune"): ("cấp huyện, cấp xã", "Các huyện, thành phố"),
    ("commune",): ("cấp xã", "Các {communes}"),
    ("district",): ("cấp huyện", "Các huyện, thành phố"),
}


def environment(settings: Settings) -> jinja2.Environment:
    folders = [str(TEMPLATES)]
    if settings.narrative_templates:
        folders.insert(0, str(settings.narrative_templates))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["count"] = formatting.count
    env.filters["number"] = formatting.number
    env.filters["percent"] = formatting.percent
    env.filters["date"] = formatting.short_date
    env.filters["lower_first"] = lower_first
    return env


def paragraphs(text: str) -> list[str]:
    """Template output -> paragraphs: lines joined with a space, blank lines separate."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(re.sub(r" {2,}", " ", joined))
    return out


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> list[str]:
    try:
        template = env.get_template(name)
        return paragraphs(template.render(**context))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Mẫu lời văn {exc.filename or exc.name or name} có lỗi cú pháp ở dòng {exc.lineno}: "
            f"{exc.message}."
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"Không tìm thấy mẫu lời văn {exc.name}.") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"Mẫu lời văn {name} dùng một giá trị không có: {exc.message}."
        ) from exc


def section_context(report: Report, section: Section) -> dict[str, Any]:
    words = terms(report.period.end)
    levels_text, places_text = LEVELS_TEXT.get(section.levels, ("", "Các đơn vị"))
    return {
        "period": report.period,
        "previous_period": report.previous_period,
        "section": section,
        "t": section.totals,
        "p": section.previous,
        "terms": words,
        "levels_text": levels_text,
        "places_text": places_text.format(**words),
    }


def section_headings(report: Report, settings: Settings) -> tuple[str, ...]:
    """The heading of each section as its template writes it: the first paragraph of
    ``section_*.j2`` (what the document sets in bold)."""
    env = environment(settings)
    out = []
    for section in report.sections:
        kind = "province" if section.is_centre else "local"
        first = render(env, f"section_{kind}.j2", section_context(report, section))[:1]
        out += first
    return tuple(out)


def render_narrative(
    report: Report, settings: Settings, history: Sequence[HistoryRow] = ()
) -> list[str]:
    """Each section's headline paragraph, then its assessment sentences.  ``history``: the
    months before this one (LichSu of last month's report), for "lần đầu tiên"."""
    env = environment(settings)
    earlier = [h for h in history if h.period_start < report.period.start.isoformat()]
    out: list[str] = []
    for section in report.sections:
        kind = "province" if section.is_centre else "local"
        context = section_context(report, section)
        out += render(env, f"section_{kind}.j2", context)
        context.update(assessments(report, section, earlier, settings))
        out += render(env, f"assess_{kind}.j2", context)
    return out
