"""The narrative: golden sentences against the reference report, and each rule's branch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support.reference import ONLINE_SHARE, reference_headlines, sentences
from tthc_report.api import choose_period, load_files, report_from_loaded
from tthc_report.config import Settings
from tthc_report.errors import TemplateError
from tthc_report.formatting import count, number, percent, short_date
from tthc_report.model import HistoryRow, Report
from tthc_report.narrative import render_narrative
from tthc_report.narrative.assess import count_change, rate_change


@pytest.fixture(scope="module")
def loaded(demo):
    return load_files(demo.exports, demo.catalog)


def build(loaded, month: tuple[int, int], history=(), settings: Settings | None = None) -> Report:
    settings = settings or Settings()
    period, previous = choose_period(settings, month)
    return report_from_loaded(loaded, period, previous, settings, history)


@pytest.fixture(scope="module")
def october_with_history(loaded) -> Report:
    history: tuple[HistoryRow, ...] = ()
    for month in ((2021, 7), (2021, 8), (2021, 9)):
        history = build(loaded, month, history).history
    return build(loaded, (2021, 10), history)


def test_headline_sentences_equal_the_reference(october_with_history: Report) -> None:
    refs = reference_headlines()
    assert len(refs) == 2
    ours = [p for p in october_with_history.narrative if p.startswith("Tháng 10/2021 (Tính")]
    assert len(ours) == 2
    for ref, mine in zip(refs, ours, strict=True):
        want = [s for s in sentences(ref) if not s.startswith(ONLINE_SHARE)]
        got = sentences(mine)
        for sentence in want:
            assert sentence in got, sentence
        extra = [s for s in got if s not in want]
        assert extra in ([], ["Tỷ lệ hồ sơ trực tuyến đạt 39,7% trên tổng số hồ sơ tiếp nhận mới."])


def test_assessment_facts_of_the_reference(october_with_history: Report) -> None:
    text = "\n".join(october_with_history.narrative)
    assert (
        "Tỷ lệ hồ sơ giải quyết đúng và trước hạn vẫn duy trì rất tốt, tăng nhẹ so với tháng 9."
        in text
    )
    assert "Tỷ lệ giải quyết TTHC đúng, trước hạn tương đương với tỷ lệ tháng 9." in text
    assert (
        "Huyện Sông Lô lần đầu tiên vượt lên dẫn đầu với tỷ lệ cao nhất đạt 99,66% "
        "(chỉ còn 6 hồ sơ chậm hạn)." in text
    )
    assert "Huyện Yên Lạc là địa phương có số lượng hồ sơ tiếp nhận cao nhất (3.316 hồ sơ)." in text
    assert "tập trung chủ yếu tại huyện Vĩnh Tường" in text
    assert "Số lượng hồ sơ trực tuyến tăng 34% so với tháng 9." in text
    assert "trả lại và người nộp hồ sơ xin rút tháng này tương đương so với tháng 9" in text
    assert "tiếp tục được cải thiện" in text and "đã giảm nhiều" in text


def test_first_time_needs_the_history(loaded) -> None:
    alone = "\n".join(build(loaded, (2021, 10)).narrative)
    assert "Huyện Sông Lô dẫn đầu với tỷ lệ cao nhất đạt 99,66%" in alone
    assert "lần đầu tiên" not in alone
    led_before = HistoryRow("Tháng 8/2021", "2021-07-21", "2021-08-20", "local", {},
                            "Huyện Sông Lô", 99.9, 10, 2)  # fmt: skip
    other = HistoryRow("Tháng 9/2021", "2021-08-21", "2021-09-20", "local", {},
                       "Huyện Tam Đảo", 98.5, 10, 2)  # fmt: skip
    again = "\n".join(build(loaded, (2021, 10), [led_before, other]).narrative)
    assert "lần đầu tiên" not in again and "Huyện Sông Lô dẫn đầu" in again
    first = "\n".join(build(loaded, (2021, 10), [other]).narrative)
    assert "Huyện Sông Lô lần đầu tiên vượt lên dẫn đầu" in first


@pytest.mark.parametrize(
    ("now", "before", "direction", "slight", "size"),
    [
        (99.75, 99.16, "up", True, 0.59),  # tăng nhẹ
        (97.0, 95.5, "up", False, 1.5),  # tăng
        (96.15, 96.10, "equal", False, 0.05),  # tương đương
        (96.0, 96.5, "down", True, 0.5),  # giảm nhẹ
        (90.0, 95.0, "down", False, 5.0),  # giảm
        (95.0, 94.9, "up", True, 0.1),  # 0.1 is no longer "equal"
        (95.0, 94.0, "up", False, 1.0),  # 1 is no longer "slight"
    ],
)
def test_rate_change_branches(now, before, direction, slight, size) -> None:
    c = rate_change(now, before, Settings())
    assert c is not None
    assert (c.direction, c.slight) == (direction, slight)
    assert c.size == pytest.approx(size)


def test_undefined_rates_give_no_change() -> None:
    assert rate_change(None, 95.0, Settings()) is None
    assert rate_change(95.0, None, Settings()) is None
    assert count_change(10, 0, Settings()) is None


def test_count_change_branches() -> None:
    s = Settings()
    assert count_change(2147, 1602, s).direction == "up"
    assert number(count_change(2147, 1602, s).size) == "34"
    assert count_change(1010, 1000, s).direction == "equal"  # 1% < 2%
    assert count_change(900, 1000, s).direction == "down"


def test_undefined_rate_is_never_written_as_zero(tmp_path: Path) -> None:
    cases = tmp_path / "ho_so.csv"
    cases.write_text(
        "Mã hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả\n"
        "A1,Trung tâm Phục vụ hành chính công tỉnh,01/10/2021,30/10/2021\n",
        encoding="utf-8",
    )
    report = build(load_files([cases]), (2021, 10))
    text = "\n".join(report.narrative)
    assert "Đến hạn giải quyết là 00 hồ sơ." in text
    assert "0%" not in text and "(đạt" not in text


def test_formatting_rules() -> None:
    assert (count(5409), count(9), count(13), count(0)) == ("5.409", "09", "13", "00")
    assert (percent(99.7526), percent(21.45, 1), percent(None)) == ("99,75%", "21,5%", "-")
    assert percent(100 * 89 / 4000) == "2,23%"  # 2,225 rounds half up
    assert short_date(date(2021, 9, 21)) == "21/9/2021"


def test_staff_templates_replace_the_shipped_ones(loaded, tmp_path: Path) -> None:
    (tmp_path / "assess_local.j2").write_text(
        "Đánh giá riêng: {{ t.due|count }} hồ sơ đến hạn.\n", encoding="utf-8"
    )
    report = build(loaded, (2021, 10), settings=Settings(narrative_templates=tmp_path))
    assert "Đánh giá riêng: 21.099 hồ sơ đến hạn." in report.narrative


def test_a_broken_template_names_file_and_line(loaded, tmp_path: Path) -> None:
    (tmp_path / "section_local.j2").write_text(
        "Dòng một\n{% if t.due %}\nkhông đóng\n", encoding="utf-8"
    )
    period, previous = choose_period(Settings(), (2021, 10))
    report = build(loaded, (2021, 10))
    with pytest.raises(TemplateError, match=r"section_local\.j2.*dòng 3"):
        render_narrative(report, Settings(narrative_templates=tmp_path))
