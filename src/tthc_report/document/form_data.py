"""Form II.06a as the appendix prints it, read from the report's ``forms.ii06a``.

The adapter reads the JSON shape of docs/figures.md (``forms.ii06a``: ``layout``,
``period``, ``rows`` of ``tt``, ``label``, ``kind`` group / row / total and ``values``, the
11 integers of columns (3)..(13)), whether the report holds it as that mapping or as an
object with ``to_dict()``, or as the model's ``Report.forms`` (``Form`` objects by id); a
report without it gives None.  Nothing here imports
python-docx.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import OutputError
from ..periods import Period

KINDS = ("group", "row", "total")
#: columns (3)..(13)
VALUES = 11


@dataclass(frozen=True)
class FormRow:
    tt: str
    label: str
    kind: str  # "group", "row" or "total"
    values: tuple[int, ...]


@dataclass(frozen=True)
class FormII06a:
    layout: str
    period: Period
    rows: tuple[FormRow, ...]


def _mapping(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value


def form_ii06a(report: Any) -> FormII06a | None:
    """The report's form II.06a, or None when it has none (no ``forms``, or no
    ``ii06a`` in them)."""
    forms = getattr(report, "forms", None)
    if isinstance(forms, tuple | list):  # the model: Report.forms, Form objects by id
        found = next((f for f in forms if getattr(f, "id", None) == "ii06a"), None)
        data = found.to_dict() if found is not None else None
    else:
        forms = _mapping(forms)
        if not forms:
            return None
        data = forms.get("ii06a") if isinstance(forms, Mapping) else getattr(forms, "ii06a", None)
    if not data:
        return None
    return parse_form(_mapping(data), report.period)


def _fail(what: str) -> OutputError:
    return OutputError(f"Không in được phụ lục biểu II.06a: {what}.")


def _period(data: Any, fallback: Period) -> Period:
    if not isinstance(data, Mapping):
        return fallback
    try:
        start, end = date.fromisoformat(data["start"]), date.fromisoformat(data["end"])
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(f"kỳ báo cáo {data!r} không hợp lệ") from exc
    return Period(start, end, str(data.get("label") or fallback.label))


def parse_form(data: Mapping[str, Any], fallback: Period) -> FormII06a:
    """Check and convert ``forms.ii06a``; ``fallback`` is the period when it names none."""
    raw_rows = data.get("rows")
    if not isinstance(raw_rows, list | tuple) or not raw_rows:
        raise _fail("biểu không có dòng nào")
    rows = []
    for i, raw in enumerate(raw_rows, 1):
        values = raw.get("values") if isinstance(raw, Mapping) else None
        if (
            not isinstance(values, list | tuple)
            or len(values) != VALUES
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        ):
            raise _fail(f"dòng {i} cần {VALUES} số nguyên của cột (3) đến (13), có {values!r}")
        kind = str(raw.get("kind", "row"))
        if kind not in KINDS:
            raise _fail(f"dòng {i} có loại '{kind}' (cần một trong {', '.join(KINDS)})")
        rows.append(FormRow(str(raw.get("tt") or ""), str(raw.get("label") or ""), kind,
                            tuple(values)))  # fmt: skip
    return FormII06a(str(data.get("layout") or "unit"), _period(data.get("period"), fallback),
                     tuple(rows))  # fmt: skip
