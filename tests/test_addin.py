"""The Excel add-in (built from xlwings' ribbon template), the UDFs, and the xlwings calls the
macro's writer uses, on xlwings' real remote engine (XLWINGS_LICENSE_KEY=noncommercial)."""

from __future__ import annotations

import ast
import csv
import importlib
import importlib.util
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import THREE_LEVELS, build
from tests.xlwings_payload import payload_from_xlsx, written_cells
from tthc_report.addin import book, udfs
from tthc_report.addin import build as addin
from tthc_report.api import build_report
from tthc_report.config import Settings
from tthc_report.errors import InputError
from tthc_report.model import COUNT_KEYS, RATE_KEYS
from tthc_report.read.columns import COLUMNS, header_key

ROOT = Path(__file__).resolve().parents[1]
WORKED = ROOT / "tests" / "data" / "worked_example.csv"
TEMPLATE = ROOT / "workbook_templates" / "BaoCaoTTHC.xlsx"
UI = "{http://schemas.microsoft.com/office/2006/01/customui}"
HELPERS = ["_TrangThai", "_NgayTN"]  # the template's formula columns after A-O
DATE_KEYS = {"received", "due", "result_date", "delivered", "stopped"}


# --- the add-in ---------------------------------------------------------------------------


def _ribbon(xlam: Path) -> ET.Element:
    with zipfile.ZipFile(xlam) as z:
        return ET.fromstring(z.read(addin.CUSTOM_UI))


def test_build_replaces_only_the_ribbon(tmp_path: Path) -> None:
    main = addin.build_addin(tmp_path)
    assert main == tmp_path / "tthc_report_addin.xlam"
    with zipfile.ZipFile(addin.template_path()) as t:
        template = {i.filename: t.read(i) for i in t.infolist()}
    for spec in addin.ADDINS:
        with zipfile.ZipFile(tmp_path / f"{spec.name}.xlam") as z:
            assert z.testzip() is None
            built = {i.filename: z.read(i) for i in z.infolist()}
        assert list(built) == list(template)
        assert built[addin.VBA_PART] == template[addin.VBA_PART]  # the VBA, byte for byte
        changed = [n for n in built if built[n] != template[n]]
        assert changed == [addin.CUSTOM_UI]
        assert built[addin.CUSTOM_UI] == addin.ribbon_xml(spec)


def test_ribbon_labels_and_callback(tmp_path: Path) -> None:
    addin.build_addin(tmp_path)
    (template_button,) = _ribbon(addin.template_path()).iter(f"{UI}button")
    callback = template_button.get("onAction")
    assert callback == "RibbonMyAddin.RunMain"  # the template's only ribbon callback
    with zipfile.ZipFile(addin.template_path()) as t:
        assert b"RibbonMyAddin" in t.read(addin.VBA_PART)
    labels = {}
    tabs = set()
    for spec in addin.ADDINS:
        root = _ribbon(tmp_path / f"{spec.name}.xlam")
        (tab,) = root.iter(f"{UI}tab")
        tabs.add((tab.get("idQ"), tab.get("label")))
        for b in root.iter(f"{UI}button"):
            assert b.get("onAction") == callback
            labels[spec.name] = b.get("label")
    assert tabs == {("tthc:TabBaoCaoTTHC", "Báo cáo TTHC")}  # one tab shared by both
    assert labels == {"tthc_report_addin": "Lập báo cáo tháng",
                      "tthc_kiemtra_addin": "Kiểm tra dữ liệu"}  # fmt: skip


def test_repository_ribbon_is_the_shipped_one() -> None:
    for spec in addin.ADDINS:
        assert (ROOT / "addin" / spec.ribbon).read_bytes() == addin.ribbon_xml(spec)


def test_modules_the_addins_import(tmp_path: Path) -> None:
    addin.build_addin(tmp_path)
    for spec in addin.ADDINS:
        tree = ast.parse((tmp_path / f"{spec.name}.py").read_text(encoding="utf-8"))
        (fn,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert fn.name == "main" and not fn.args.args
        assert f"macro.{spec.entry}()" in ast.unparse(fn)
    text = (tmp_path / "tthc_report_addin.py").read_text(encoding="utf-8")
    assert "from tthc_report.addin.udfs import TTHC_CHISO, TTHC_LOIVAN" in text
    # every name the generated modules import exists (a moved module would break the button)
    for spec in addin.ADDINS:
        tree = ast.parse((tmp_path / f"{spec.name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name) or importlib.util.find_spec(
                        f"{node.module}.{alias.name}"
                    ), f"{node.module}.{alias.name}"
        assert hasattr(importlib.import_module("tthc_report.addin.macro"), spec.entry)
    conf = (tmp_path / addin.CONF_NAME).read_bytes()
    assert conf.isascii() and conf.startswith(b'"Interpreter_Win","')


def test_build_command_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert addin.main(["--out", str(tmp_path)]) == 0
    assert addin.main(["--out", str(tmp_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert addin.main(["--out", str(tmp_path), "--force", "--no-check-button"]) == 0


# --- UDFs as plain functions ----------------------------------------------------------------


def _date(text: str) -> datetime | None:
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    return None


def hoso_values(path: Path, padding: int = 5) -> list[list[Any]]:
    """A case CSV as the HoSo sheet's values: canonical headers A-O, dates as dates, then
    helper columns and formula rows below the data (as Excel reads the template)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header, *lines = list(csv.reader(fh))
    keys = [header_key(h) for h in header]
    out: list[list[Any]] = [[c.header for c in COLUMNS] + HELPERS]
    for line in lines:
        got = dict(zip(keys, line, strict=True))
        row: list[Any] = []
        for c in COLUMNS:
            v = got.get(c.key) or None
            row.append(_date(v) or v if v and c.key in DATE_KEYS else v)
        out.append(row + [1, 44470])
    out += [[None] * len(COLUMNS) + [0, 0] for _ in range(padding)]
    return out


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
    assert report.summary == reference.summary  # the formula rows below the data are no cases


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


def test_udfs_read_the_calling_workbook(xw: Any, tmp_path: Path) -> None:
    payload = payload_from_xlsx(_filled_template(tmp_path, hoso_values(WORKED, 0)))
    book = xw.Book(json=payload)
    caller = book.sheets["TongHop"]["B3"]
    assert udfs.TTHC_CHISO("on_time_rate", "province", None, caller=caller) == pytest.approx(
        33.33, abs=0.01
    )
    assert udfs.TTHC_CHISO("received_new", "Sở Tư pháp", "2021-10", caller=caller) == 7
    november = build_report([WORKED], Settings(), month=(2021, 11)).section("province")
    got = udfs.TTHC_CHISO("carried_over", "province", "2021-11", caller=caller)
    assert got == november.totals.carried_over > 0
    reference = build_report([WORKED], Settings(), month=(2021, 10))
    assert udfs.TTHC_LOIVAN(caller=caller) == [[p] for p in reference.narrative]
    assert udfs.TTHC_CHISO("x", "province", caller=caller).startswith("Lỗi: Không có chỉ số")
    assert book.json()["actions"] == []  # a UDF never writes


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
