"""The Excel add-in (built from xlwings' ribbon template), the UDFs, and the xlwings calls the
macro's writer uses, on xlwings' real remote engine (XLWINGS_LICENSE_KEY=noncommercial)."""

from __future__ import annotations

import inspect
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.support.cases import THREE_LEVELS, build
from tests.support.hoso import hoso_values
from tests.support.paths import TEMPLATE, WORKED
from tthc_report.addin import book, udfs
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.errors import InputError
from tthc_report.model import COUNT_KEYS, RATE_KEYS
from tthc_report.read.columns import COLUMNS
from tthc_report.testing.xlwings_payload import payload_from_xlsx, written_cells

# --- UDFs as plain functions ----------------------------------------------------------------


UNITS_HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "_Phan"]


@pytest.fixture(scope="module")
def worked() -> Any:
    values = hoso_values(WORKED)
    units = [UNITS_HEADER] + [[None, None, None, None, 0]] * 3
    report = udfs.report_from_values(values, units, datetime(2021, 10, 1), Settings(), "T.xlsx")
    return report, build_report([WORKED], Settings(), month=(2021, 10))


def test_udf_figures_are_the_engines(worked: Any) -> None:
    report, reference = worked
    ref = reference.section("province")
    for key in (*COUNT_KEYS, *RATE_KEYS):
        want = ref.totals.get(key)
        assert udfs.figure(report, key, "province") == ("-" if want is None else want), key
    assert udfs.figure(report, "on_time_rate", "province") == pytest.approx(33.33, abs=0.01)
    assert udfs.figure(report, "received_new", ref.title) == 7  # by the section's title
    assert udfs.figure(report, "due", "sở tư pháp") == 6  # an agency, any case
    assert udfs.figure(report, "late", "Sở Tư pháp", "coquan") == 4
    # the formula rows below the data are no cases; the same accounting under another name
    (mine,), (theirs,) = report.summary.files, reference.summary.files
    assert replace(mine, file=theirs.file) == theirs
    assert replace(report.summary, files=()) == replace(reference.summary, files=())


def test_undefined_rate_is_a_dash() -> None:
    quiet = udfs.report_from_values(hoso_values(WORKED), None, "2021-07", Settings())
    assert udfs.figure(quiet, "received_new", "province") == 0
    assert udfs.figure(quiet, "on_time_rate", "province") == "-"


def test_udf_narrative_is_the_engines(worked: Any) -> None:
    report, reference = worked
    column = udfs.narrative_column(report)
    assert column == [[p] for p in reference.narrative] and len(column) > 1


def test_udf_errors_say_what_to_fix(worked: Any) -> None:
    report, _ = worked
    with pytest.raises(InputError, match="Không có chỉ số 'dung_han'"):
        udfs.figure(report, "dung_han", "province")
    with pytest.raises(InputError, match="Huyện Không Có"):
        udfs.figure(report, "due", "Huyện Không Có")
    bad = [["Mã", "Tên"], ["HS1", "X"]]
    with pytest.raises(InputError, match="HoSo"):
        udfs.report_from_values(bad, None, "2021-10", Settings())
    assert udfs.as_message(InputError("thiếu cột")) == "Lỗi: thiếu cột"


@pytest.mark.parametrize(
    ("value", "month"),
    [(datetime(2021, 10, 1), (2021, 10)), ("2021-10", (2021, 10)), ("Tháng 9/2021", (2021, 9)),
     (44470.0, (2021, 10)), ("10/2021", (2021, 10))],
)  # fmt: skip
def test_month_forms(value: object, month: tuple[int, int]) -> None:
    assert book.parse_month(value) == month


def test_month_refused() -> None:
    with pytest.raises(InputError, match="Không hiểu tháng"):
        book.parse_month("tháng mười")


def test_udf_with_catalog_districts(tmp_path: Path) -> None:
    cases = [
        {"unit": "Xã Đồng Thịnh", "received": "2021-10-01", "due": "2021-10-05",
         "result_date": "2021-10-04", "status": "resolved"},
        {"unit": "Huyện Sông Lô", "received": "2021-10-02", "due": "2021-10-06",
         "result_date": "2021-10-09", "status": "resolved"},
        {"unit": "Xã Tứ Yên", "received": "2021-10-03", "due": "2021-10-30"},
    ]  # fmt: skip
    reference = build(tmp_path, cases, units=THREE_LEVELS)
    values = hoso_values(tmp_path / "cases.csv")
    units = [UNITS_HEADER] + [
        [f"DV{i}", n, {"province": "Tỉnh", "district": "Huyện", "commune": "Xã"}[lv], p, 0]
        for i, (n, lv, p) in enumerate(THREE_LEVELS, 1)
    ]
    report = udfs.report_from_values(values, units, "2021-10", Settings())
    district = {r.name: r for r in reference.section("local").breakdowns["district"]}
    desk = {r.name: r for r in reference.section("local").breakdowns["unit"]}
    song_lo = district["Huyện Sông Lô"].metrics
    assert song_lo.received_new == 3  # the district with its communes
    assert udfs.figure(report, "received_new", "Huyện Sông Lô") == 3
    assert udfs.figure(report, "on_time_rate", "Huyện Sông Lô") == song_lo.on_time_rate
    assert udfs.figure(report, "received_new", "Huyện Sông Lô", "donvi") == 1  # the desk
    assert desk["Huyện Sông Lô"].metrics.received_new == 1
    assert udfs.figure(report, "total", "local") == reference.section("local").totals.total


# --- xlwings' remote engine ---------------------------------------------------------------


def _filled_template(tmp_path: Path, values: list[list[Any]]) -> Path:
    """The template with cases pasted into HoSo (as staff would), saved by openpyxl."""
    wb = load_workbook(TEMPLATE)
    ws = wb["HoSo"]
    for i, row in enumerate(values[1:], 2):
        for j, v in enumerate(row[: len(COLUMNS)], 1):
            ws.cell(i, j, v)
    path = tmp_path / "BaoCaoTTHC.xlsx"
    wb.save(path)
    return path


def test_udfs_read_the_case_table_they_are_given(xw: Any, tmp_path: Path) -> None:
    """The case table is an argument (HoSo_Bang, as Excel passes its values), so Excel
    knows the dependence; month, settings and catalog come from the calling workbook."""
    payload = payload_from_xlsx(_filled_template(tmp_path, hoso_values(WORKED, 0)))
    book = xw.Book(json=payload)
    caller = book.sheets["TongHop"]["B3"]
    table = book.names["HoSo_Bang"].refers_to_range.options(ndim=2).value
    got = udfs.TTHC_CHISO("on_time_rate", "province", table, None, caller=caller)
    assert got == pytest.approx(33.33, abs=0.01)
    assert udfs.TTHC_CHISO("received_new", "Sở Tư pháp", table, "2021-10", caller=caller) == 7
    november = build_report([WORKED], Settings(), month=(2021, 11)).section("province")
    got = udfs.TTHC_CHISO("carried_over", "province", table, "2021-11", caller=caller)
    assert got == november.totals.carried_over > 0
    reference = build_report([WORKED], Settings(), month=(2021, 10))
    assert udfs.TTHC_LOIVAN(table, caller=caller) == [[p] for p in reference.narrative]
    assert udfs.TTHC_CHISO("x", "province", table, caller=caller).startswith("Lỗi: Không có chỉ số")
    assert book.json()["actions"] == []  # a UDF never writes
    # a case corrected in the table: the figure follows
    fixed = [list(r) for r in table]
    status = fixed[0].index("Trạng thái")
    fixed[1][status] = "Hủy"  # HS01, an early case, cancelled
    assert udfs.TTHC_CHISO("total", "province", fixed, "2021-10", caller=caller) == (
        reference.section("province").totals.total - 1
    )


def test_one_recalculation_computes_the_report_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many cells ask, the same table and month are computed once; a changed table
    is computed again."""
    calls = []
    real = udfs.load_tables
    monkeypatch.setattr(udfs, "load_tables", lambda *a: calls.append(1) or real(*a))
    monkeypatch.setattr(udfs, "_CACHE", {})
    table = hoso_values(WORKED)
    for metric in ("received_new", "due", "on_time_rate", "late"):
        assert not str(udfs.TTHC_CHISO(metric, "province", table, "2021-10")).startswith("Lỗi")
    assert udfs.TTHC_LOIVAN(table, "2021-10")[0][0].startswith("Kết quả tiếp nhận")
    assert len(calls) == 1
    changed = [list(r) for r in table]
    changed[1][0] = "HS01-sửa"
    assert udfs.TTHC_CHISO("received_new", "province", changed, "2021-10") == 7
    assert len(calls) == 2


def test_the_case_table_is_an_argument_excel_sees() -> None:
    """On Windows xlwings registers every positional parameter but ``caller`` as an Excel
    argument: ho_so is one, so Excel recalculates the cell when the table changes (a sheet
    read inside the function would be invisible to it).  (xlwings' registration itself
    needs pywin32: checked by hand, addin/README.md.)"""
    for fn in (udfs.TTHC_CHISO, udfs.TTHC_LOIVAN):
        params = inspect.signature(fn).parameters
        assert params["ho_so"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert params["ho_so"].default is inspect.Parameter.empty  # required
        assert list(params)[-1] == "caller"


def test_remote_engine_calls_the_writer_uses(xw: Any, tmp_path: Path) -> None:
    payload = payload_from_xlsx(TEMPLATE)
    book = xw.Book(json=payload)
    book.set_mock_caller()
    wb = xw.Book.caller()
    assert wb.sheets["ThamSo"]["ThangBaoCao"].value == datetime(2021, 10, 1)
    hoso = wb.sheets["HoSo"]
    hoso["HoSo_Dau"].value = [["HS01", "Trung tâm", datetime(2021, 10, 5, 16, 30)]]
    wb.sheets["BaoCao"]["BaoCao_Dau"].options(transpose=True).value = ["Đoạn 1", "Đoạn 2"]
    hoso["H2:H3"].number_format = "dd/mm/yyyy hh:mm"
    wb.sheets["ChiTiet"]["A6"].color = (255, 199, 206)
    wb.names.add("HoSo_Bang", "=HoSo!$A$1:$AA$3")
    wb.sheets["KiemTraDuLieu"].autofit()
    wb.app.alert("Trang HoSo thiếu cột 'Ngày tiếp nhận'.", title="Báo cáo TTHC")
    actions = wb.json()["actions"]
    assert [a["func"] for a in actions] == [
        "setValues", "setValues", "setNumberFormat", "setRangeColor", "namesAdd",
        "setSheetAutofit", "setSheetAutofit", "alert",
    ]  # fmt: skip
    sheets = [s["name"] for s in payload["sheets"]]
    assert written_cells(payload, actions) == {
        ("HoSo", 2, 1): "HS01", ("HoSo", 2, 2): "Trung tâm",
        ("HoSo", 2, 3): datetime(2021, 10, 5, 16, 30),
        ("BaoCao", 4, 1): "Đoạn 1", ("BaoCao", 5, 1): "Đoạn 2",
    }  # fmt: skip
    fmt, colour, name, autofit, _, alert = actions[2:]
    assert (sheets[fmt["sheet_position"]], fmt["start_row"], fmt["row_count"]) == ("HoSo", 1, 2)
    assert fmt["args"] == ["dd/mm/yyyy hh:mm"] and colour["args"] == ["#ffc7ce"]
    assert name["args"] == ["HoSo_Bang", "=HoSo!$A$1:$AA$3"]
    assert sheets[autofit["sheet_position"]] == "KiemTraDuLieu"
    assert alert["args"][:2] == ["Trang HoSo thiếu cột 'Ngày tiếp nhận'.", "Báo cáo TTHC"]
    with pytest.raises(NotImplementedError):  # the monthly copy is a desktop-only step
        wb.save(str(tmp_path / "BaoCao_TTHC_2021-10.xlsx"))
