"""Sections, breakdown rows, flags and settings (docs/figures.md, "Units and sections").

Period: October 2021 with start_day 21 (2021-09-21 .. 2021-10-20) unless said otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.cases import CENTRE, THREE_LEVELS, build, rows, totals
from tthc_report.config import Settings, load_settings
from tthc_report.errors import ConfigError
from tthc_report.model import COUNT_KEYS, RATE_KEYS

TWO_LEVELS = [
    (CENTRE, "province", None),
    ("Phường Liên Bảo", "commune", None),
    ("Xã Tam Hồng", "commune", None),
]
PENDING = dict(received="2021-10-01", due="2021-11-30")  # new, pending in time at the end
EARLY = dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-05")
LATE = dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-12")
OVERDUE = dict(received="2021-10-01", due="2021-10-15")
CARRIED_OVERDUE = dict(received="2021-09-01", due="2021-09-10")
AFTER = dict(received="2021-11-02", due="2021-11-30")  # received after the period


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tthc.toml"
    path.write_text(text, encoding="utf-8")
    return path


def is_empty(metrics: Any) -> bool:
    d = metrics.to_dict()
    return all(d[k] == 0 for k in COUNT_KEYS) and all(d[k] is None for k in RATE_KEYS)


# --- default sections -----------------------------------------------------------------------


def test_default_sections_with_districts(tmp_path: Path) -> None:
    report = build(tmp_path, [PENDING, {**PENDING, "unit": "Xã Đồng Thịnh"}], units=THREE_LEVELS)
    got = [(s.id, s.levels, tuple(s.breakdowns)) for s in report.sections]
    assert got == [
        ("province", ("province",), ("agency",)),
        ("local", ("district", "commune"), ("district", "unit")),
    ]
    doc = report.to_dict()["sections"]
    assert [(s["id"], s["levels"]) for s in doc] == [
        ("province", ["province"]),
        ("local", ["district", "commune"]),
    ]


def test_default_sections_without_districts(tmp_path: Path) -> None:
    report = build(
        tmp_path, [PENDING, {**PENDING, "unit": "Xã Tam Hồng"}], units=TWO_LEVELS, month=(2025, 10)
    )
    got = [(s.id, s.levels, tuple(s.breakdowns)) for s in report.sections]
    assert got == [("province", ("province",), ("agency",)), ("commune", ("commune",), ("unit",))]
    units = rows(report, "commune", "unit")
    assert set(units) == {"Phường Liên Bảo", "Xã Tam Hồng"}


def test_sections_count_their_own_levels(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [PENDING, EARLY, {**PENDING, "unit": "Huyện Sông Lô"}, {**LATE, "unit": "Xã Đồng Thịnh"},
         {**OVERDUE, "unit": "UBND xã Liên Châu"}],
        units=THREE_LEVELS,
    )  # fmt: skip
    province, local = totals(report, "province"), totals(report, "local")
    assert (province["received_new"], province["resolved_early"], province["due"]) == (2, 1, 1)
    assert (local["received_new"], local["resolved_late"], local["pending_overdue"]) == (3, 1, 1)
    assert (local["pending_in_time"], local["due"], local["on_time_rate"]) == (1, 2, 0.0)


# --- breakdown rows ---------------------------------------------------------------------------


def test_district_row_counts_its_desk_and_its_communes(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [{**PENDING, "unit": "Huyện Sông Lô"}, {**PENDING, "unit": "BPMC huyện Sông Lô"},
         {**EARLY, "unit": "Xã Đồng Thịnh"}, {**EARLY, "unit": "UBND xã Đồng Thịnh"},
         {**EARLY, "unit": "Bộ phận một cửa xã Đồng Thịnh - huyện Sông Lô"},
         {**OVERDUE, "unit": "Thị trấn Yên Lạc"}],
        units=THREE_LEVELS,
    )  # fmt: skip
    districts = rows(report, "local", "district")
    assert list(districts) == ["Huyện Sông Lô", "Huyện Yên Lạc"]
    song_lo, yen_lac = districts["Huyện Sông Lô"], districts["Huyện Yên Lạc"]
    assert (song_lo.level, song_lo.parent) == ("district", None)
    m = song_lo.metrics
    assert (m.received_new, m.resolved_early, m.pending_in_time, m.due) == (5, 3, 2, 3)
    assert m.on_time_rate == 100.0
    m = yen_lac.metrics
    assert (m.received_new, m.pending_overdue, m.late, m.on_time_rate) == (1, 1, 1, 0.0)

    units = rows(report, "local", "unit")
    assert set(units) == {name for name, level, _ in THREE_LEVELS if level != "province"}
    assert (units["Huyện Sông Lô"].level, units["Huyện Sông Lô"].parent) == ("district", None)
    assert units["Huyện Sông Lô"].metrics.received_new == 2
    assert (units["Xã Đồng Thịnh"].level, units["Xã Đồng Thịnh"].parent) == (
        "commune", "Huyện Sông Lô",
    )  # fmt: skip
    assert units["Xã Đồng Thịnh"].metrics.resolved_early == 3
    assert units["Thị trấn Yên Lạc"].metrics.pending_overdue == 1


def test_units_without_cases_are_listed_with_zeros(tmp_path: Path) -> None:
    report = build(tmp_path, [{**PENDING, "unit": "Xã Đồng Thịnh"}], units=THREE_LEVELS)
    units = rows(report, "local", "unit")
    for name in ("Huyện Sông Lô", "Xã Tứ Yên", "Huyện Yên Lạc", "Thị trấn Yên Lạc", "Xã Liên Châu"):
        assert is_empty(units[name].metrics), name
        assert set(units[name].flags) == {"low_volume", "no_cases"}, name
    assert is_empty(rows(report, "local", "district")["Huyện Yên Lạc"].metrics)
    doc = report.to_dict()["sections"][1]["breakdowns"]["unit"]
    tu_yen = next(r for r in doc if r["name"] == "Xã Tứ Yên")
    assert (tu_yen["received_new"], tu_yen["on_time_rate"], tu_yen["parent"]) == (
        0, None, "Huyện Sông Lô",
    )  # fmt: skip


def test_unit_missing_from_the_catalog_is_kept_under_its_district(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [{**PENDING, "unit": "Xã Mới Lập", "parent": "Huyện Sông Lô"}, PENDING],
        units=THREE_LEVELS,
    )
    units = rows(report, "local", "unit")
    assert (units["Xã Mới Lập"].level, units["Xã Mới Lập"].parent) == ("commune", "Huyện Sông Lô")
    assert units["Xã Mới Lập"].metrics.received_new == 1
    assert rows(report, "local", "district")["Huyện Sông Lô"].metrics.received_new == 1
    assert [c.code for c in report.checks] == ["unknown_unit"]


def test_communes_of_the_same_name_in_two_districts_have_their_own_rows(tmp_path: Path) -> None:
    units = [
        (CENTRE, "province", None),
        ("Huyện Sông Lô", "district", None),
        ("Xã Tân Lập", "commune", "Huyện Sông Lô"),
        ("Huyện Yên Lạc", "district", None),
        ("Xã Tân Lập", "commune", "Huyện Yên Lạc"),
    ]
    report = build(
        tmp_path,
        [{**PENDING, "unit": "Xã Tân Lập", "parent": "Huyện Sông Lô"},
         {**PENDING, "unit": "Xã Tân Lập", "parent": "Huyện Yên Lạc"},
         {**PENDING, "unit": "Xã Tân Lập", "parent": "Huyện Yên Lạc"}],
        units=units,
    )  # fmt: skip
    districts = rows(report, "local", "district")
    assert districts["Huyện Sông Lô"].metrics.received_new == 1
    assert districts["Huyện Yên Lạc"].metrics.received_new == 2
    tan_lap = {
        r.parent: r.metrics.received_new
        for r in report.section("local").breakdowns["unit"]
        if r.name == "Xã Tân Lập"
    }
    assert tan_lap == {"Huyện Sông Lô": 1, "Huyện Yên Lạc": 2}


def test_agencies_appearing_anywhere_are_listed(tmp_path: Path) -> None:
    report = build(
        tmp_path,
        [
            {**EARLY, "agency": "Sở Tư pháp"},
            {**AFTER, "agency": "Sở Y tế"},  # received after the period
            dict(received="2021-05-03", due="2021-05-20", result_date="2021-05-10",
                 agency="Sở Xây dựng"),  # finished long before
            {**PENDING, "agency": "Sở Nội vụ", "status": "cancelled"},
            {**PENDING, "unit": "Xã Đồng Thịnh", "agency": "Sở Công Thương"},  # not province
        ],
        units=THREE_LEVELS,
    )  # fmt: skip
    agencies = rows(report, "province", "agency")
    assert set(agencies) == {"Sở Tư pháp", "Sở Y tế", "Sở Xây dựng", "Sở Nội vụ"}
    assert all((r.level, r.parent) == ("province", None) for r in agencies.values())
    assert agencies["Sở Tư pháp"].metrics.resolved_early == 1
    for name in ("Sở Y tế", "Sở Xây dựng", "Sở Nội vụ"):
        assert is_empty(agencies[name].metrics), name
    assert totals(report)["received_new"] == 1


# --- sections from a settings file -------------------------------------------------------------


def test_sections_overridden_by_a_settings_file(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        """
start_day = 15

[[sections]]
id = "all"
title = "Toàn tỉnh"
levels = ["province", "district", "commune"]
breakdowns = ["unit"]

[[sections]]
id = "communes"
levels = ["commune"]
breakdowns = ["district", "unit"]
""",
    )
    settings = load_settings(config, environ={})
    report = build(
        tmp_path,
        [dict(received="2021-09-15", due="2021-11-30"),  # start day of the 15th-period
         {**PENDING, "unit": "Huyện Sông Lô", "received": "2021-10-14"},
         {**PENDING, "unit": "Xã Đồng Thịnh"},
         {**PENDING, "unit": "Thị trấn Yên Lạc", "received": "2021-10-15"}],  # next period
        units=THREE_LEVELS,
        settings=settings,
    )  # fmt: skip
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == (
        "2021-09-15", "2021-10-14",
    )  # fmt: skip
    assert [(s.id, s.levels, tuple(s.breakdowns)) for s in report.sections] == [
        ("all", ("province", "district", "commune"), ("unit",)),
        ("communes", ("commune",), ("district", "unit")),
    ]
    assert report.section("all").title == "Toàn tỉnh"
    assert totals(report, "all")["received_new"] == 3
    assert totals(report, "all")["carried_over"] == 0
    everything = rows(report, "all", "unit")
    assert set(everything) == {name for name, _, _ in THREE_LEVELS}
    assert everything[CENTRE].metrics.received_new == 1
    assert totals(report, "communes")["received_new"] == 1
    districts = rows(report, "communes", "district")
    assert districts["Huyện Sông Lô"].metrics.received_new == 1  # its desk is not a commune
    assert districts["Huyện Yên Lạc"].metrics.received_new == 0
    assert set(rows(report, "communes", "unit")) == {
        "Xã Đồng Thịnh", "Xã Tứ Yên", "Thị trấn Yên Lạc", "Xã Liên Châu",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[[sections]]\nid = "x"\nlevels = ["huyện"]\n', "huyện"),
        ('[[sections]]\nid = "x"\nlevels = ["commune"]\nbreakdowns = ["ward"]\n', "ward"),
        ('[[sections]]\nid = "x"\n', "levels"),
        ('sections = "province"\n', "sections"),
        ("start_day = 30\n", "start_day"),
        ("start_day = 'hai mươi'\n", "start_day"),
        ("target_rate = 90\n", "target_rate"),
        ("start_day = \n", "TOML"),
    ],
)
def test_bad_settings_files(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        load_settings(write(tmp_path, text), environ={})


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Không tìm thấy"):
        load_settings(tmp_path / "none.toml", environ={})


# --- flags ----------------------------------------------------------------------------------

FLAG_CASES = [
    *[{**EARLY, "agency": "Sở A"}] * 3, {**LATE, "agency": "Sở A"},  # 75 %, 4 received
    *[{**PENDING, "agency": "Sở B"}] * 2,  # nothing due: rate undefined
    {**CARRIED_OVERDUE, "agency": "Sở C"},  # 0 received, 1 late, 0 %
    {**AFTER, "agency": "Sở D"},  # no case in the period
    *[{**EARLY, "agency": "Sở E"}] * 2,  # 100 %
]  # fmt: skip


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            Settings(),  # target 95, low volume below 50
            {"Sở A": {"late_unit", "has_late", "low_volume"}, "Sở B": {"low_volume"},
             "Sở C": {"late_unit", "has_late", "low_volume", "no_cases"},
             "Sở D": {"low_volume", "no_cases"}, "Sở E": {"low_volume"}},
        ),
        (
            Settings(target_on_time_rate=75.0, low_volume_threshold=2),
            {"Sở A": {"has_late"}, "Sở B": set(),
             "Sở C": {"late_unit", "has_late", "low_volume", "no_cases"},
             "Sở D": {"low_volume", "no_cases"}, "Sở E": set()},
        ),
        (
            Settings(target_on_time_rate=100.0, low_volume_threshold=0),
            {"Sở A": {"late_unit", "has_late"}, "Sở B": set(),
             "Sở C": {"late_unit", "has_late", "no_cases"}, "Sở D": {"no_cases"}, "Sở E": set()},
        ),
    ],
)  # fmt: skip
def test_flags_with_thresholds(
    tmp_path: Path, settings: Settings, expected: dict[str, set[str]]
) -> None:
    report = build(tmp_path, FLAG_CASES, settings=settings)
    agencies = rows(report, "province", "agency")
    assert agencies["Sở A"].metrics.on_time_rate == 75.0
    assert agencies["Sở B"].metrics.on_time_rate is None
    assert {name: set(r.flags) for name, r in agencies.items()} == expected
    doc = report.to_dict()["sections"][0]["breakdowns"]["agency"]
    assert {r["name"]: set(r["flags"]) for r in doc} == expected


def test_flag_thresholds_from_a_settings_file(tmp_path: Path) -> None:
    config = write(tmp_path, "target_on_time_rate = 75\nlow_volume_threshold = 2\n")
    report = build(tmp_path, FLAG_CASES, settings=load_settings(config, environ={}))
    agencies = rows(report, "province", "agency")
    assert set(agencies["Sở A"].flags) == {"has_late"}
    assert set(agencies["Sở B"].flags) == set()


# --- settings precedence ------------------------------------------------------------------


TOML = """start_day = 15
target_on_time_rate = 90
low_volume_threshold = 10
province_name = "Vĩnh Phúc"
"""
ENV = {"TTHC_START_DAY": "1", "TTHC_TARGET_ON_TIME_RATE": "80", "TTHC_PROVINCE_NAME": "Phú Thọ"}


def pick(s: Settings) -> tuple[Any, ...]:
    return (s.start_day, s.target_on_time_rate, s.low_volume_threshold, s.province_name,
            s.best_unit_min_due)  # fmt: skip


def test_defaults() -> None:
    assert pick(load_settings(environ={})) == (21, 95.0, 50, "", 30)


def test_toml_over_defaults(tmp_path: Path) -> None:
    assert pick(load_settings(write(tmp_path, TOML), environ={})) == (15, 90.0, 10, "Vĩnh Phúc", 30)


def test_environment_over_toml(tmp_path: Path) -> None:
    got = load_settings(write(tmp_path, TOML), environ={**ENV, "TTHC_UNKNOWN": "x"})
    assert pick(got) == (1, 80.0, 10, "Phú Thọ", 30)


def test_command_line_over_environment(tmp_path: Path) -> None:
    got = load_settings(
        write(tmp_path, TOML),
        overrides={"start_day": 5, "province_name": None, "low_volume_threshold": 3},
        environ=ENV,
    )
    assert pick(got) == (5, 80.0, 3, "Phú Thọ", 30)


def test_process_environment_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_LOW_VOLUME_THRESHOLD", "7")
    monkeypatch.setenv("TTHC_START_DAY", "1")
    got = load_settings(write(tmp_path, TOML))
    assert (got.low_volume_threshold, got.start_day, got.target_on_time_rate) == (7, 1, 90.0)


def test_precedence_reaches_the_report(tmp_path: Path) -> None:
    settings = load_settings(
        write(tmp_path, TOML), overrides={"start_day": 1}, environ={"TTHC_START_DAY": "21"}
    )
    report = build(
        tmp_path,
        [{**PENDING, "received": "2021-10-31"}, {**PENDING, "received": "2021-09-30"}],
        settings=settings,
    )
    assert report.period.label == "Tháng 10/2021"
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == (
        "2021-10-01", "2021-10-31",
    )  # fmt: skip
    assert (totals(report)["received_new"], totals(report)["carried_over"]) == (1, 1)
    # 1 received < threshold 10 from the file; rate undefined, so no late_unit
    assert set(rows(report, "province", "agency")["Sở Tư pháp"].flags) == {"low_volume"}


def test_the_centre_section_is_known_by_its_levels_not_its_id(tmp_path: Path) -> None:
    """A configured province-only section with another id is still the centre's: its
    wording, and no unit of comparison ranked for it in LichSu."""
    config = write(
        tmp_path,
        """
[[sections]]
id = "trung_tam"
levels = ["province"]
breakdowns = ["agency"]

[[sections]]
id = "dia_phuong"
levels = ["district", "commune"]
breakdowns = ["district", "unit"]
""",
    )
    on_time = dict(received="2021-10-01", due="2021-10-10", result_date="2021-10-05",
                   status="resolved")  # fmt: skip
    report = build(
        tmp_path,
        [on_time] * 30 + [{**on_time, "unit": "Xã Đồng Thịnh"}] * 30,
        units=THREE_LEVELS,
        settings=load_settings(config, environ={}),
    )
    centre, local = report.sections
    assert centre.is_centre and not local.is_centre
    leaders = {h.section: h.leader for h in report.history}
    assert leaders == {"trung_tam": None, "dia_phuong": "Huyện Sông Lô"}
    assert centre.title == "Trung tâm Phục vụ hành chính công tỉnh"
    assert report.narrative[0].endswith("TTHC tại Trung tâm Phục vụ hành chính công tỉnh")
    assert "Trung tâm tiếp nhận mới 30 hồ sơ" in report.narrative[1]


def test_the_document_settings_from_a_file_and_the_environment(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        'managing_body = "UBND TỈNH VĨNH PHÚC"\nrecipients = ["Văn phòng UBND tỉnh", " Lưu: VT "]\n'
        'reporting_unit = "Trung tâm PVHCC"\n',
    )
    got = load_settings(config, environ={"TTHC_SIGNER_NAME": "Nguyễn Văn A"})
    assert got.managing_body == "UBND TỈNH VĨNH PHÚC"
    assert got.recipients == ("Văn phòng UBND tỉnh", "Lưu: VT")
    assert (got.reporting_unit, got.signer_name, got.place) == (
        "Trung tâm PVHCC", "Nguyễn Văn A", "",
    )  # fmt: skip
    from_env = load_settings(environ={"TTHC_RECIPIENTS": "Như trên;Lưu: VT"})
    assert from_env.recipients == ("Như trên", "Lưu: VT")
    with pytest.raises(ConfigError, match="recipients"):
        load_settings(write(tmp_path, "recipients = 3\n"), environ={})
