"""The narrative: paragraphs in official Vietnamese, from Jinja2 templates staff can edit.

Templates ship in ``templates/``; a folder given in the settings (``narrative_templates``)
is searched first, so a file of the same name there replaces the shipped one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .. import formatting
from ..config import Settings
from ..errors import TemplateError
from ..model import HistoryRow
from .assess import assessments, lower_first

if TYPE_CHECKING:
    from ..model import Report, Section

TEMPLATES = Path(__file__).parent / "templates"
#: Nghị định 42/2022/NĐ-CP: "mức độ 3/4" became "một phần/toàn trình" from this day
NEW_TERMS_FROM = date(2022, 8, 15)
LEVELS_TEXT = {
    ("district", "commune"): ("cấp huyện, cấp xã", "Các huyện, thành phố"),
    ("commune",): ("cấp xã", "Các xã, phường, thị trấn"),
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


def terms(end: date) -> dict[str, str]:
    if end < NEW_TERMS_FROM:
        return {"partial": "mức độ 3", "full": "mức độ 4"}
    return {
        "partial": "dịch vụ công trực tuyến một phần",
        "full": "dịch vụ công trực tuyến toàn trình",
    }


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
    levels_text, places_text = LEVELS_TEXT.get(section.levels, ("", "Các đơn vị"))
    return {
        "period": report.period,
        "previous_period": report.previous_period,
        "section": section,
        "t": section.totals,
        "p": section.previous,
        "terms": terms(report.period.end),
        "levels_text": levels_text,
        "places_text": places_text,
    }


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
