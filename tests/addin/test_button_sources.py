"""The button reading the month's export files (ThamSo's ThuMucDuLieu and TepDanhMuc), on
xlwings' real remote engine: the workbook it writes equals, cell for cell, the one
`tthc-report build` writes from the same files (HoSo's cases and their origins, ChiTiet,
BaoCao, KiemTraDuLieu and every other sheet), from the template, for a two-level province
and over last month's report workbook; bad folders are one alert and no write."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from tests.conftest import DemoData
from tests.support.button import (
    after_actions,
    assert_plans_agree,
    assert_same_as_openpyxl,
    cells_of,
    macro_plan,
    run_main,
)
from tests.support.cases import THREE_LEVELS, write_cases, write_catalog
from tests.support.paths import TEMPLATE
from tthc_report.addin import macro
from tthc_report.api import build_report
from tthc_report.cli import source_cells
from tthc_report.config import Settings
from tthc_report.read.folders import case_files
from tthc_report.testing.xlwings_payload import payload_from_workbook
from tthc_report.workbook import layout as L
from tthc_report.workbook.openpyxl_writer import write_workbook
from tthc_report.workbook.plan import Plan, make_plan


def with_sources(
    path: Path, folder: Path | None, catalog: Path | None, month: datetime | None = None
) -> tuple[Workbook, Workbook]:
    """(what Excel shows, the formulas) of the workbook at ``path`` with ThamSo's folder,
    catalog file and month cells set, as an officer would."""
    books = load_workbook(path, data_only=True), load_workbook(path)
    for wb in books:
        for name, value in (("ThuMucDuLieu", folder), ("TepDanhMuc", catalog),
                            ("ThangBaoCao", month)):  # fmt: skip
            if value is not None:
                sheet, row, column = L.name_target(wb, name)
                wb[sheet].cell(row, column).value = value if month is value else str(value)
    return books


def cli_plan(
    folder: Path, catalog: Path | None, month: tuple[int, int], history: Path | None = None
) -> Plan:
    """The plan `tthc-report build FOLDER --units CATALOG --month ... --out` writes."""
    report = build_report(
        case_files([folder]), Settings(), month=month, units_file=catalog, history_file=history
    )
    return make_plan(report, Settings(), report.history, source_cells([folder], catalog))


def press(xw: Any, calling: Workbook, base: Workbook, name: str, cli: Plan) -> list[dict]:
    payload = payload_from_workbook(calling, name)
    plan = macro_plan(xw, payload)
    assert_plans_agree(plan, cli, same_files=True)
    _, actions, _ = run_main(xw, payload)
    assert_same_as_openpyxl(payload, actions, base, plan)
    return actions


def test_demo_folder_equals_the_cli(xw: Any, demo: DemoData) -> None:
    """The issue's "done when": the template, ThamSo pointing at the demo's exports and
    catalog, one press: the same workbook as `tthc-report build` on those files."""
    folder = demo.exports[0].parent
    calling, base = with_sources(TEMPLATE, folder, demo.catalog)
    cli = cli_plan(folder, demo.catalog, (2021, 10))
    assert len(cli.blocks["HoSo_Dau"]) > 50_000
    actions = press(xw, calling, base, "BaoCaoTTHC.xlsx", cli)
    message = actions[-1]["args"][0]
    assert f"Đã đọc {len(demo.exports)} tệp xuất trong thư mục {folder}" in message
    assert "xem trang KiemTraDuLieu" in message
    origins = {r[-1].split(",")[0] for r in cli.blocks["HoSo_Dau"]}
    assert origins <= {p.name for p in demo.exports} and len(origins) > 5


TWO_LEVELS = [
    ("Trung tâm Phục vụ hành chính công tỉnh", "province", None),
    ("Phường Vĩnh Yên", "commune", None),
    ("Xã Tam Hồng", "commune", None),
    ("Đặc khu Cô Tô", "commune", None),
]


def test_two_level_folder_equals_the_cli(xw: Any, tmp_path: Path) -> None:
    folder = tmp_path / "xuat"
    folder.mkdir()
    due = {"received": "2025-10-01", "due": "2025-10-10"}
    write_cases(folder / "trung_tam.csv", [
        {**due, "result_date": "2025-10-05", "status": "resolved"},
        {**due, "code": "TT2", "channel": "online", "online_level": "full"},
    ])  # fmt: skip
    write_cases(folder / "cac_xa.csv", [
        {**due, "code": "X1", "unit": "UBND phường Vĩnh Yên", "result_date": "2025-10-12"},
        {**due, "code": "X2", "unit": "Xã Tam Hồng", "received": "2025-09-25"},
        {**due, "code": "X3", "unit": "Xã Mới Lập"},  # not in the catalog: its own row
    ])  # fmt: skip
    catalog = write_catalog(tmp_path / "DanhMuc.csv", TWO_LEVELS)
    calling, base = with_sources(TEMPLATE, folder, catalog, datetime(2025, 10, 1))
    cli = cli_plan(folder, catalog, (2025, 10))
    press(xw, calling, base, "BaoCaoTTHC.xlsx", cli)
    sections = [r[1] for r in cli.blocks["ChiTiet_Dau"] if r[0] == L.KIND_TOTAL]
    assert sections == ["I. Trung tâm Phục vụ hành chính công tỉnh", "II. BPMC cấp xã"]
    units = {r[1] for r in cli.blocks["ChiTiet_Dau"] if r[0] == L.KIND_UNIT}
    assert {"Đặc khu Cô Tô", "Xã Mới Lập", "Phường Vĩnh Yên"} <= units


def test_over_last_months_report_workbook(xw: Any, tmp_path: Path) -> None:
    """September's workbook written by `tthc-report build --out`, the month cell set to
    October and the folder to October's exports (with a desk September did not have): the
    same workbook as `build --history` of September for October."""
    folder = tmp_path / "xuat"
    folder.mkdir()
    sept = {"received": "2021-09-01", "due": "2021-09-10", "result_date": "2021-09-08"}
    octo = {"received": "2021-10-01", "due": "2021-10-10"}
    write_cases(folder / "trung_tam.csv", [sept, {**octo, "code": "T2"}])
    write_cases(folder / "song_lo.csv", [
        {**sept, "code": "S1", "unit": "Xã Đồng Thịnh"},
        {**octo, "code": "S2", "unit": "Bộ phận một cửa xã Tứ Yên - huyện Sông Lô"},
        {**octo, "code": "S3", "unit": "Xã Mới Lập", "parent": "Huyện Sông Lô"},
    ])  # fmt: skip
    catalog = write_catalog(tmp_path / "DanhMuc.csv", THREE_LEVELS)
    september = build_report(case_files([folder]), Settings(), month=(2021, 9),
                             units_file=catalog)  # fmt: skip
    path = tmp_path / "BaoCao_TTHC_2021-09.xlsx"
    write_workbook(september, Settings(), path)
    calling, base = with_sources(path, folder, catalog, datetime(2021, 10, 1))
    cli = cli_plan(folder, catalog, (2021, 10), history=path)
    press(xw, calling, base, path.name, cli)
    months = [r[0] for r in cli.blocks["LichSu_Dau"]]
    assert months == ["Tháng 9/2021"] * 2 + ["Tháng 10/2021"] * 2
    assert "Xã Mới Lập" in {r[1] for r in cli.blocks["ChiTiet_Dau"]}


def test_the_check_button_reads_the_folder(xw: Any, demo: DemoData) -> None:
    folder = demo.exports[0].parent
    calling, base = with_sources(TEMPLATE, folder, demo.catalog)
    payload = payload_from_workbook(calling, "BaoCaoTTHC.xlsx")
    book = xw.Book(json=payload)
    book.set_mock_caller()
    macro.check()
    actions = book.json()["actions"]
    sheets = [s["name"] for s in payload["sheets"]]
    got = after_actions(cells_of(base), sheets, actions)["KiemTraDuLieu"]
    want = cli_plan(folder, demo.catalog, (2021, 10)).blocks["KiemTra_Dau"]
    first = L.name_target(base, "KiemTra_Dau")[1]
    rows = [[got.get((first + i, j + 1)) for j in range(7)] for i in range(len(want))]
    assert rows == [[v if v != "" else None for v in r] for r in want]
    assert actions[-1]["args"][0].startswith(f"Đã đọc {len(demo.exports)} tệp xuất")


def _only_alert(xw: Any, folder: Path, catalog: Path | None = None) -> str:
    calling, _ = with_sources(TEMPLATE, folder, catalog)
    _, actions, _ = run_main(xw, calling)
    assert [a["func"] for a in actions] == ["alert"], [a["func"] for a in actions][:5]
    return str(actions[0]["args"][0])


def test_one_corrupt_file_among_good_ones_is_named(xw: Any, demo: DemoData, tmp_path: Path) -> None:
    folder = tmp_path / "xuat"
    folder.mkdir()
    for p in demo.exports[:3]:
        shutil.copy(p, folder)
    (folder / "Huyen_Hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    message = _only_alert(xw, folder, demo.catalog)
    assert "Huyen_Hong.xlsx" in message and "Bảng tính chưa bị thay đổi" not in message


def test_an_empty_folder_is_one_alert(xw: Any, tmp_path: Path) -> None:
    (tmp_path / "trong").mkdir()
    (tmp_path / "trong" / "~$khoa.xlsx").write_bytes(b"lock")
    message = _only_alert(xw, tmp_path / "trong")
    assert "không có tệp xuất nào" in message and "~$khoa.xlsx (tệp khóa của Office)" in message
    assert "Không tìm thấy thư mục" in _only_alert(xw, tmp_path / "khong-co")


def test_a_relative_folder_needs_a_saved_workbook(xw: Any) -> None:
    """The remote engine's workbook has no folder on disk: a relative path is refused with
    a message saying why."""
    message = _only_alert(xw, Path("xuat-thang-10"))
    assert "đường dẫn tương đối" in message and "xuat-thang-10" in message
