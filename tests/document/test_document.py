"""The report as an official document (docs/document.md), read back with python-docx: the
demo month's document against the reference report and its own JSON; blank settings and
the small rules of the layout on hand-made cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

from tests.support.docx_reading import (
    Written,
    all_paragraphs,
    body_paragraphs,
    default_fonts,
    rows_text,
    run_bold,
    run_fonts,
    run_size,
    vn_number,
)
from tests.support.paths import WORKED
from tests.support.reference import reference_sentences, sentences
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.document import build_document, write_document
from tthc_report.document.body import change_text
from tthc_report.document.labels import recipient_lines, subject, two_lines
from tthc_report.periods import monthly_period, range_period

#: the summary table's row labels and the JSON key each must show (written here, not
#: taken from the code, so that a label moved to the wrong figure fails)
LABELS = {
    "Tiếp nhận mới": "received_new",
    "Tồn kỳ trước chuyển sang": "carried_over",
    "Lũy kế đã và đang giải quyết": "total",
    "Đến hạn giải quyết": "due",
    "Trả trước và đúng hạn": "on_time",
    "Tỷ lệ trước và đúng hạn": "on_time_rate",
    "Chậm hạn": "late",
    "Tỷ lệ chậm hạn": "late_rate",
    "Trả lại, rút hồ sơ": "returned_withdrawn",
    "Tỷ lệ trả lại, rút hồ sơ": "returned_withdrawn_rate",
    "Đã trả kết quả": "delivered",
    "Hồ sơ trực tuyến": "online",
    "Tỷ lệ hồ sơ trực tuyến": "online_rate",
}


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Written:
    report = build_report([WORKED], Settings(), month=(2021, 10))
    return Written(report, Settings(), tmp_path_factory.mktemp("blank") / "blank.docx")


def test_a4_portrait_with_the_decree_margins_and_page_numbers(october: Written) -> None:
    (section,) = october.doc.sections
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    for margin, low, high in (("top", 20, 25), ("bottom", 20, 25), ("left", 30, 35),
                              ("right", 15, 20)):  # fmt: skip
        value = getattr(section, f"{margin}_margin")
        assert Mm(low) - Mm(0.1) <= value <= Mm(high) + Mm(0.1), margin
    assert section.different_first_page_header_footer  # no number on page 1
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert section.first_page_header.paragraphs[0].text == ""


def test_times_new_roman_everywhere_and_the_body_at_14_pt(october: Written) -> None:
    doc = october.doc
    assert set(default_fonts(doc).values()) == {"Times New Roman"}
    assert set(default_fonts(doc)) == {"ascii", "hAnsi", "eastAsia", "cs"}  # no theme font
    assert doc.styles["Normal"].font.name == "Times New Roman"
    named = {font for p in all_paragraphs(doc) for r in p.runs for font in run_fonts(r)}
    assert named <= {"Times New Roman"}
    narrative = [p for p in body_paragraphs(doc) if p.text in october.report.narrative]
    assert len(narrative) == len(october.report.narrative)
    for p in narrative:
        assert p.paragraph_format.alignment in (None, WD_ALIGN_PARAGRAPH.JUSTIFY)
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY or (
            p.style.base_style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        )
        assert all(13 <= run_size(p, r) <= 14 for r in p.runs)
    indent = doc.styles["TTHC Body"].paragraph_format.first_line_indent
    assert Cm(1) <= indent <= Cm(1.27) + Mm(0.1)


def test_the_heading(october: Written) -> None:
    doc = october.doc
    heading = doc.tables[0]
    assert "w:tblBorders" not in heading._tbl.xml and heading.style.name == "Normal Table"
    (bodies, motto), (number, place) = (row.cells for row in heading.rows)
    texts = [(p.text, run_bold(p, p.runs[0])) for p in bodies.paragraphs if p.text]
    assert texts == [("UBND TỈNH VĨNH PHÚC", False), ("TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG", True)]
    assert [p.text for p in motto.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(run_bold(p, r) for p in motto.paragraphs for r in p.runs)
    sizes = [run_size(p, r) for c in (bodies, motto) for p in c.paragraphs for r in p.runs]
    assert all(12 <= s <= 14 for s in sizes)
    # a short rule under the issuing body and one under the motto: bordered empty paragraphs
    for cell in (bodies, motto):
        rule = cell.paragraphs[-1]
        assert rule.text == "" and "w:pBdr" in rule.style.element.xml
    assert number.text == "Số: .../BC-TTPVHCC"
    assert place.text == "Vĩnh Phúc, ngày ... tháng ... năm ..."
    assert all(r.font.italic for r in place.paragraphs[0].runs)
    kind, title = body_paragraphs(doc)[:2]
    assert kind.text == "BÁO CÁO" and title.text == (
        "Kết quả tiếp nhận, giải quyết thủ tục hành chính tháng 10/2021"
    )
    for p in (kind, title):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.font.bold for r in p.runs)


def test_the_reference_headline_sentences_and_bold_section_headings(october: Written) -> None:
    paragraphs = body_paragraphs(october.doc)
    written = [s for p in paragraphs for s in sentences(p.text)]
    for sentence in reference_sentences():
        assert sentence in written, sentence
    assert [p.text for p in paragraphs if p.text in october.report.narrative] == list(
        october.report.narrative
    )
    headings = [p.text for p in paragraphs if p.style.name == "TTHC Heading"]
    assert headings == [
        "Kết quả tiếp nhận hồ sơ, giải quyết và trả kết quả TTHC tại Trung tâm Phục vụ hành "
        "chính công tỉnh",
        "Kết quả tiếp nhận hồ sơ, giải quyết và trả kết quả TTHC tại BPMC cấp huyện, cấp xã",
    ]
    assert october.doc.styles["TTHC Heading"].font.bold
    assert not any(
        run_bold(p, r) for p in paragraphs if p.text.startswith("Tháng 10") for r in p.runs
    )


def summary_table(doc) -> list[list[str]]:
    (table,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Chỉ tiêu"]
    return rows_text(table)


def test_the_summary_table_equals_the_json(october: Written) -> None:
    rows = summary_table(october.doc)
    assert rows[0] == ["Chỉ tiêu", "Tháng 10/2021", "Tháng 9/2021", "Tăng (+), giảm (-)"]
    data = october.report.to_dict()["sections"]
    by_section: list[dict[str, list[str]]] = []
    for row in rows[1:]:
        if len(set(row)) == 1:  # a section's title across the table
            by_section.append({})
        else:
            by_section[-1][row[0]] = row[1:]
    assert len(by_section) == len(data) == 2
    for section, shown in zip(data, by_section, strict=True):
        assert {LABELS[label] for label in shown} == set(LABELS.values())
        for label, (now, before, change) in shown.items():
            key = LABELS[label]
            want_now, want_before = section["totals"][key], section["previous"][key]
            if key.endswith("_rate"):
                assert vn_number(now) == round(want_now, 2), label
                assert vn_number(before) == round(want_before, 2), label
                assert vn_number(change) == pytest.approx(
                    round(want_now, 2) - round(want_before, 2), abs=1e-9
                )
            else:
                assert (vn_number(now), vn_number(before)) == (want_now, want_before), label
                assert vn_number(change) == want_now - want_before, label
    centre = by_section[0]
    assert (
        centre["Tiếp nhận mới"][0] == "5.409" and centre["Tỷ lệ trước và đúng hạn"][0] == "99,75%"
    )
    assert by_section[1]["Chậm hạn"][0] == "812" and by_section[1]["Hồ sơ trực tuyến"][0] == "9"


def test_the_signature_block(october: Written) -> None:
    closing = october.doc.tables[-1]
    recipients, signature = closing.rows[0].cells
    first, *listed = recipients.paragraphs
    assert first.text == "Nơi nhận:"
    assert all(r.font.bold and r.font.italic and run_size(first, r) == 12 for r in first.runs)
    assert [p.text for p in listed] == [
        "- UBND tỉnh (để báo cáo);",
        "- Văn phòng UBND tỉnh;",
        "- Lưu: VT.",
    ]
    assert all(run_size(p, r) == 11 for p in listed for r in p.runs)
    title, name = signature.paragraphs
    assert (title.text, name.text) == ("GIÁM ĐỐC", "Nguyễn Văn A")
    assert all(run_bold(p, r) for p in (title, name) for r in p.runs)
    assert name.paragraph_format.space_before >= Cm(2)  # room to sign and seal


def test_blank_settings_print_dots(blank: Written) -> None:
    doc = blank.doc
    (bodies, _), (number, place) = (row.cells for row in doc.tables[0].rows)
    assert [p.text for p in bodies.paragraphs if p.text] == ["...", "..."]
    assert (number.text, place.text) == ("Số: .../BC-...", "..., ngày ... tháng ... năm ...")
    recipients, signature = doc.tables[-1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == ["Nơi nhận:", "- ...;", "- Lưu: VT."]
    assert [p.text for p in signature.paragraphs] == ["...", "..."]
    rows = summary_table(doc)
    assert rows[2][:2] == ["Tiếp nhận mới", "7"]  # the worked example's centre: 7 new


def test_the_subject_follows_the_period_label() -> None:
    assert subject(monthly_period(2021, 10, 21)).endswith("hành chính tháng 10/2021")
    quarter = range_period(monthly_period(2021, 7, 21).start, monthly_period(2021, 9, 21).end, 21)
    assert subject(quarter).endswith("hành chính quý III/2021")
    days = range_period(monthly_period(2021, 10, 1).start, monthly_period(2021, 10, 1).end, 1)
    assert subject(days).endswith("hành chính tháng 10/2021")
    span = range_period(date(2021, 10, 1), date(2021, 10, 15), 21)
    assert subject(span).endswith("hành chính từ ngày 1/10/2021 đến ngày 15/10/2021")


def test_small_rules_of_the_layout() -> None:
    assert (
        two_lines("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", 22) == "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG"
    )
    assert two_lines("UBND TỈNH VĨNH PHÚC", 22) == "UBND TỈNH VĨNH PHÚC"
    assert two_lines("SỞ A\nPHÒNG B RẤT DÀI DÒNG", 5) == "SỞ A\nPHÒNG B RẤT DÀI DÒNG"
    lines = recipient_lines(Settings(recipients=("Như trên", "Lưu: VT, TTPVHCC")))
    assert lines == ["- Như trên;", "- Lưu: VT, TTPVHCC."]
    assert (change_text("received_new", 5409, 5200), change_text("late", 13, 42)) == ("+209", "-29")
    assert change_text("due", 5, 5) == "0"
    assert change_text("on_time_rate", 99.7527, 99.1577) == "+0,59 điểm %"
    assert change_text("on_time_rate", 99.7527, None) == "-"


def test_the_document_is_replaced_atomically(blank: Written, tmp_path: Path) -> None:
    target = tmp_path / "vb.docx"
    target.write_bytes(b"old")
    write_document(blank.report, blank.settings, target)
    assert docx.Document(str(target)).paragraphs
    assert [p.name for p in tmp_path.iterdir()] == ["vb.docx"]  # no temporary file left


def test_a_page_break_never_separates_the_signature_from_the_text(october: Written) -> None:
    body = october.doc.element.body
    closing = october.doc.tables[-1]._tbl
    spacer = closing.getprevious()
    assert spacer.tag == qn("w:p") and spacer.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    assert "w:cantSplit" in closing.xml and body.index(closing) > body.index(spacer)


def test_a_signer_for_the_head_and_a_code_given_with_its_bc(blank: Written) -> None:
    settings = Settings(signer_title="KT. Giám đốc\nPhó Giám đốc", document_code="BC-TTPVHCC")
    doc = build_document(blank.report, settings)
    title, name = doc.tables[-1].rows[0].cells[1].paragraphs
    assert (title.text, name.text) == ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "...")
    assert doc.tables[0].cell(1, 0).text == "Số: .../BC-TTPVHCC"
