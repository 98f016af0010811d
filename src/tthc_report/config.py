"""Settings.  Precedence: command-line flags > TTHC_* environment > TOML file > defaults."""

from __future__ import annotations

import math
import os
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import LEVELS
from .periods import check_start_day

BREAKDOWNS = ("agency", "district", "unit")
#: the row layouts of form II.06a (docs/forms.md) and the words that name each, as staff
#: may write them in a settings file or the ThamSo sheet
FORM_LAYOUTS = ("unit", "field")
FORM_LAYOUT_WORDS = {
    "unit": "unit", "đơn vị": "unit", "theo đơn vị": "unit", "cấp": "unit", "theo cấp": "unit",
    "field": "field", "lĩnh vực": "field", "theo lĩnh vực": "field",
}  # fmt: skip


@dataclass(frozen=True)
class SectionSpec:
    """A section of the report: which levels it counts and how it is broken down."""

    id: str
    levels: tuple[str, ...]
    breakdowns: tuple[str, ...]
    title: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "levels": list(self.levels), "breakdowns": list(self.breakdowns)}


@dataclass(frozen=True)
class Settings:
    start_day: int = 21
    target_on_time_rate: float = 95.0
    low_volume_threshold: int = 50
    returned_rate_threshold: float = 5.0
    best_unit_min_due: int = 30
    #: rate changes below this many points read "tương đương"; below big_rate_change "nhẹ"
    equal_rate_change: float = 0.1
    big_rate_change: float = 1.0
    #: count changes below this percentage read "tương đương"
    equal_count_change: float = 2.0
    province_name: str = ""
    centre_name: str = ""
    # --- the official outputs (form II.06a, the report as a document); blanks print "..."
    #: form II.06a: "Đơn vị báo cáo" and "Đơn vị nhận báo cáo"
    reporting_unit: str = ""
    receiving_unit: str = ""
    #: its rows: by unit ("unit", the default) or by field ("field", needs Lĩnh vực)
    form_layout: str = "unit"
    #: the document's heading: the managing body ("UBND TỈNH VĨNH PHÚC") over the issuing
    #: body ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), its ký hiệu ("Số: .../BC-TTPVHCC")
    managing_body: str = ""
    issuing_body: str = ""
    document_code: str = ""
    #: địa danh of "<place>, ngày ... tháng ... năm ..."
    place: str = ""
    #: "Nơi nhận:", one recipient a line
    recipients: tuple[str, ...] = ()
    signer_title: str = ""
    signer_name: str = ""
    #: None: derived from the catalog's levels (see sections.default_sections)
    sections: tuple[SectionSpec, ...] | None = None
    narrative_templates: Path | None = None
    source: tuple[str, ...] = field(default=(), compare=False)


_SCALARS = {
    f.name: f.type
    for f in fields(Settings)
    if f.name not in ("sections", "narrative_templates", "source", "recipients")
}


#: the allowed range of each number setting (None: no bound); start_day's is checked by
#: ``periods.check_start_day``
RANGES: dict[str, tuple[float, float | None]] = {
    "target_on_time_rate": (0, 100), "low_volume_threshold": (0, None),
    "returned_rate_threshold": (0, 100), "best_unit_min_due": (0, None),
    "equal_rate_change": (0, 100), "big_rate_change": (0, 100), "equal_count_change": (0, None),
}  # fmt: skip


def _coerce(name: str, value: Any, origin: str) -> Any:
    """A setting's value as its type, within its range; a wrong one is a ConfigError."""
    kind = _SCALARS[name]
    whole = kind in ("int", int)
    number = whole or kind in ("float", float)
    what = "một số nguyên" if whole else "một số" if number else "một đoạn văn bản"

    def wrong(why: str = "") -> ConfigError:
        return ConfigError(
            f"Giá trị '{value}' của thiết lập {name} ({origin}) không hợp lệ: cần {what}{why}."
        )

    if isinstance(value, bool | list | tuple | dict):  # TOML true/false, arrays, tables
        raise wrong()
    if not number:
        return str(value)
    try:
        if whole and isinstance(value, float) and not value.is_integer():
            raise ValueError
        converted = int(value) if whole else float(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise wrong() from exc
    if not math.isfinite(converted):
        raise wrong(" hữu hạn")
    low, high = RANGES.get(name, (-math.inf, None))
    if converted < low or (high is not None and converted > high):
        raise wrong(f" từ {low:g} đến {high:g}" if high is not None else f" từ {low:g} trở lên")
    return converted


def _sections(raw: Any, origin: str) -> tuple[SectionSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"'sections' trong {origin} phải là một danh sách [[sections]].")
    out = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, Mapping) or "id" not in item or "levels" not in item:
            raise ConfigError(f"Mục sections thứ {i} trong {origin} cần có 'id' và 'levels'.")
        if not all(isinstance(item.get(k, []), list) for k in ("levels", "breakdowns")):
            raise ConfigError(
                f"Mục sections thứ {i} trong {origin}: 'levels' và 'breakdowns' phải là danh "
                'sách, ví dụ levels = ["district", "commune"].'
            )
        levels = tuple(str(x) for x in item["levels"])
        bad = [x for x in levels if x not in LEVELS]
        breakdowns = tuple(str(x) for x in item.get("breakdowns", ["unit"]))
        bad += [x for x in breakdowns if x not in BREAKDOWNS]
        if bad:
            raise ConfigError(
                f"Mục sections '{item['id']}' trong {origin} có giá trị không hợp lệ: "
                f"{', '.join(bad)} (cấp: {', '.join(LEVELS)}; phân tích: {', '.join(BREAKDOWNS)})."
            )
        out.append(SectionSpec(str(item["id"]), levels, breakdowns, str(item.get("title", ""))))
    return tuple(out)


def _recipients(value: Any, origin: str) -> tuple[str, ...]:
    """A list of recipients, or one text with a recipient a line (or separated by ';')."""
    if isinstance(value, str):
        items: list[Any] = value.replace(";", "\n").splitlines()
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ConfigError(
            f"Thiết lập recipients ({origin}) phải là danh sách nơi nhận, không phải '{value}'."
        )
    return tuple(s for s in (str(v).strip() for v in items) if s)


def _form_layout(value: Any, origin: str) -> str:
    """ "unit" or "field", from those words or their Vietnamese names ("Lĩnh vực")."""
    text = unicodedata.normalize("NFC", " ".join(str(value).split())).casefold()
    if text not in FORM_LAYOUT_WORDS:
        raise ConfigError(
            f"Giá trị '{value}' của thiết lập form_layout ({origin}) không hợp lệ: biểu II.06a "
            "lập theo đơn vị (unit, 'Đơn vị') hoặc theo lĩnh vực (field, 'Lĩnh vực')."
        )
    return FORM_LAYOUT_WORDS[text]


def apply_values(settings: Settings, values: Mapping[str, Any], origin: str) -> Settings:
    """``settings`` with ``values`` (setting name -> value) checked and converted; a wrong
    name or value is a ConfigError naming ``origin`` (a file, the environment...)."""
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key == "sections":
            changes["sections"] = _sections(value, origin)
        elif key == "recipients":
            changes["recipients"] = _recipients(value, origin)
        elif key == "narrative_templates":
            changes["narrative_templates"] = Path(str(value)) if value else None
        elif key == "form_layout":
            changes[key] = _form_layout(value, origin)
        elif key in _SCALARS:
            changes[key] = _coerce(key, value, origin)
        else:
            raise ConfigError(f"Thiết lập '{key}' trong {origin} không tồn tại.")
    return replace(settings, **changes, source=(*settings.source, origin)) if changes else settings


def read_toml(path: Path) -> dict[str, Any]:
    """A settings file's content; what keeps it from being read is a ConfigError in
    Vietnamese, the library's own words after "Chi tiết:"."""
    where = f"Tệp thiết lập {path}"
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"Không tìm thấy tệp thiết lập {path}.") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path} là một thư mục, không phải tệp thiết lập (.toml).") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{where} không phải văn bản UTF-8: hãy lưu lại tệp với bảng mã UTF-8 (Notepad: "
            f"Save As > Encoding: UTF-8). Chi tiết: {exc}."
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{where} sai cú pháp TOML: mỗi dòng có dạng ten_thiet_lap = giá trị, văn bản đặt "
            f"trong ngoặc kép. Chi tiết: {exc}."
        ) from exc
    except OSError as exc:
        raise ConfigError(f"Không đọc được {where.lower()}. Chi tiết: {exc}.") from exc


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    settings = Settings()
    if config_file is not None:
        data = read_toml(config_file)
        if "narrative_templates" in data and data["narrative_templates"]:
            folder = Path(str(data["narrative_templates"]))
            if not folder.is_absolute():
                data["narrative_templates"] = str(config_file.parent / folder)
        settings = apply_values(settings, data, str(config_file))
    env = os.environ if environ is None else environ
    from_env = {
        name: env[f"TTHC_{name.upper()}"]
        for name in (*_SCALARS, "narrative_templates", "recipients")
        if f"TTHC_{name.upper()}" in env
    }
    settings = apply_values(settings, from_env, "biến môi trường TTHC_*")
    clean = {k: v for k, v in (overrides or {}).items() if v is not None}
    settings = apply_values(settings, clean, "tham số dòng lệnh")
    check_start_day(settings.start_day)
    return settings
