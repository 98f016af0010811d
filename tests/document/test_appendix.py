"""The optional appendix: form II.06a on landscape pages, fed by the adapter of
``forms.ii06a`` (the JSON shape of docs/figures.md).  The rows are built here by hand:
three units in two groups, each row's 11 figures consistent with the form's identities."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.support.docx_reading import body_paragraphs, rows_text, run_bold, vn_number
from tests.support.paths import WORKED
from tthc_report.api import build_report
from tthc_report.cli import main
from tthc_report.config import Settings
from tthc_report.document import build_document, form_ii06a, write_document
from tthc_report.errors import OutputError
from tthc_report.model import Form, FormRow, Report


def figures(online: int, direct: int, carried: int, early: int, on_time: int, late: int,
            overdue: int) -> list[int]:  # fmt: skip
    """Columns (3)..(13) from the counts, so that (3) = (4)+(5)+(6), (7) = (8)+(9)+(10),
    (11) = (12)+(13) and (3) = (7) + (11): the pending in time are what is left."""
    total = online + direct + carried
    resolved = early + on_time + late
    in_time = total - resolved - overdue
    assert in_time >= 0
    return [total, online, direct, carried, resolved, early, on_time, late,
            in_time + overdue, in_time, overdue]  # fmt: skip


JUSTICE = figures(120, 1100, 300, 900, 380, 2, 1)
HEALTH = figures(27, 80, 15, 60, 40, 0, 0)
SONG_LO = figures(0, 2000, 60, 1500, 500, 6, 3)


def added(*rows: list[int]) -> list[int]:
    return [sum(col) for col in zip(*rows, strict=True)]


FORM = {
    "layout": "unit",
    "period": {"label": "Tháng 10/2021", "start": "2021-09-21", "end": "2021-10-20"},
    "columns": [f"({i})" for i in range(3, 14)],
    "rows": [
        {"tt": "I", "label": "Cấp tỉnh", "kind": "group", "values": added(JUSTICE, HEALTH)},
        {"tt": "1", "label": "Sở Tư pháp", "kind": "row", "values": JUSTICE},
        {"tt": "2", "label": "Sở Y tế", "kind": "row", "values": HEALTH},
        {"tt": "II", "label": "Cấp huyện", "kind": "group", "values": SONG_LO},
        {"tt": "1", "label": "Huyện Sông Lô", "kind": "row", "values": SONG_LO},
        {"tt": "", "label": "Tổng cộng", "kind": "total",
         "values": added(JUSTICE, HEALTH, SONG_LO)},
    ],
}  # fmt: skip


def with_forms(report: Report, form: dict[str, Any]) -> Report:
    """The report with the hand-made form as its form II.06a."""
    rows = tuple(FormRow(r["tt"], r["label"], r["kind"], tuple(r["values"])) for r in form["rows"])
    made = Form("ii06a", form["layout"], report.period, tuple(form["columns"]), rows)
    return replace(report, forms=(made,))


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report([WORKED], Settings(), month=(2021, 10))


def test_the_hand_made_rows_keep_the_form_identities() -> None:
    for row in FORM["rows"]:
        v = row["values"]
        assert v[0] == v[1] + v[2] + v[3] == v[4] + v[8]
        assert v[4] == v[5] + v[6] + v[7] and v[8] == v[9] + v[10]


def test_the_adapter_reads_every_way_the_report_may_hold_the_form(report: Report) -> None:
    real = form_ii06a(report)  # the report's own form II.06a (Report.forms)
    assert real is not None
    assert [list(r.values) for r in real.rows] == [
        r["values"] for r in report.to_dict()["forms"]["ii06a"]["rows"]
    ]
    assert form_ii06a(replace(report, forms=())) is None
    as_mapping = form_ii06a(SimpleNamespace(forms={"ii06a": FORM}, period=report.period))
    as_object = form_ii06a(
        SimpleNamespace(forms=SimpleNamespace(to_dict=lambda: {"ii06a": FORM}), period=None)
    )
    assert as_mapping == as_object and as_mapping is not None
    assert [r.tt for r in as_mapping.rows] == ["I", "1", "2", "II", "1", ""]
    assert as_mapping.rows[1].values == tuple(JUSTICE)
    assert as_mapping.period.start.isoformat() == "2021-09-21"
    assert form_ii06a(SimpleNamespace(forms={}, period=report.period)) is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"tt": "1", "label": "Sở", "kind": "row", "values": [1, 2]}, "dòng 1 cần 11 số nguyên"),
        ({"tt": "1", "label": "Sở", "kind": "row", "values": ["1"] * 11}, "dòng 1 cần 11"),
        ({"tt": "1", "label": "Sở", "kind": "cột", "values": [0] * 11}, "loại 'cột'"),
    ],
)
def test_a_form_of_the_wrong_shape_is_refused_by_row(report: Report, row, message) -> None:
    holder = SimpleNamespace(forms={"ii06a": {**FORM, "rows": [row]}}, period=report.period)
    with pytest.raises(OutputError, match=message):
        form_ii06a(holder)


def test_the_appendix_on_landscape_pages(report: Report, tmp_path: Path) -> None:
    settings = Settings(reporting_unit="Trung tâm PVHCC tỉnh Vĩnh Phúc", document_code="TTPVHCC")
    path = write_document(with_forms(report, FORM), settings, tmp_path / "pl.docx",
                          appendix=True)  # fmt: skip
    doc = docx.Document(str(path))
    portrait, landscape = doc.sections
    assert portrait.orientation == WD_ORIENT.PORTRAIT
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert abs(landscape.page_width - Mm(297)) < Mm(0.5)
    assert abs(landscape.page_height - Mm(210)) < Mm(0.5)
    assert landscape._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    texts = [p.text for p in body_paragraphs(doc)]
    after = texts[texts.index("Phụ lục") :]
    assert after[:6] == [
        "Phụ lục",
        "(Kèm theo Báo cáo số .../BC-TTPVHCC)",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN,\nĐƠN VỊ TRỰC TIẾP GIẢI "
        "QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: Tháng 10/2021",
        "(Từ ngày 21/9/2021 đến ngày 20/10/2021)",
        "Đơn vị tính: Số hồ sơ TTHC.",
    ]
    code, units = doc.tables[-2].rows[0].cells
    assert code.text == "Biểu số II.06a/VPCP/KSTT"
    assert units.text == "Đơn vị báo cáo: Trung tâm PVHCC tỉnh Vĩnh Phúc\nĐơn vị nhận báo cáo: ..."
    table = doc.tables[-1]
    rows = rows_text(table)
    assert (
        rows[0][:6]
        == ["TT", "Lĩnh vực, công việc giải quyết theo cấp"] + ["Số hồ sơ tiếp nhận"] * 4
    )
    assert (
        rows[0][6:] == ["Số lượng hồ sơ đã giải quyết"] * 4 + ["Số lượng hồ sơ đang giải quyết"] * 3
    )
    assert rows[1][2:7] == ["Tổng số", "Trong đó", "Trong đó", "Trong đó", "Tổng số"]
    assert rows[2][3:6] == ["Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước"]
    assert rows[3] == [f"({i})" for i in range(1, 14)]
    body = rows[4:]
    assert [(r[0], r[1]) for r in body] == [(r["tt"], r["label"]) for r in FORM["rows"]]
    for shown, row in zip(body, FORM["rows"], strict=True):
        assert [vn_number(t) for t in shown[2:]] == row["values"]
    assert body[-1][2] == "3.702"  # 1.520 + 122 + 2.060, thousands with "."
    bold = [run_bold(r.cells[1].paragraphs[0], r.cells[1].paragraphs[0].runs[0])
            for r in table.rows[4:]]  # fmt: skip
    assert bold == [True, False, False, True, False, True]


def test_build_document_refuses_an_appendix_without_a_form(report: Report) -> None:
    with pytest.raises(OutputError, match="II.06a"):
        build_document(replace(report, forms=()), Settings(), appendix=True)
    assert len(build_document(report, Settings()).sections) == 1
    assert len(build_document(report, Settings(), appendix=True).sections) == 2


def test_the_command_line_writes_the_appendix_of_the_reports_form(tmp_path: Path, capsys) -> None:
    out, js = tmp_path / "vb.docx", tmp_path / "so_lieu.json"
    argv = ["build", str(WORKED), "--month", "2021-10", "--json", str(js), "--docx", str(out)]
    assert main(["build", str(WORKED), "--month", "2021-10", "--docx-appendix"]) == 2
    assert "--docx-appendix chỉ dùng cùng --docx" in capsys.readouterr().err
    assert main([*argv, "--docx-appendix"]) == 0
    rows = json.loads(js.read_text(encoding="utf-8"))["forms"]["ii06a"]["rows"]
    table = docx.Document(str(out)).tables[-1]
    body = rows_text(table)[4:]
    assert [(r[0], r[1]) for r in body] == [(r["tt"], r["label"]) for r in rows]
    assert [[vn_number(t) for t in r[2:]] for r in body] == [r["values"] for r in rows]
