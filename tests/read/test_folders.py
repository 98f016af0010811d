"""A folder of the month's exports: which files are read, which are not and why; the
command line reading a folder; paths written in ThamSo."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from tests.support.cases import write_cases
from tthc_report.addin.sources import book_folder, resolve
from tthc_report.cli import main
from tthc_report.errors import InputError
from tthc_report.read.folders import case_files, export_files
from tthc_report.workbook.layout import name_target

CASE = {"received": "2021-10-01", "due": "2021-10-10"}


def test_the_exports_and_the_rest(tmp_path: Path) -> None:
    for name in (
        "b_huyen.csv",
        "A_trung_tam.xlsx",
        "c.XLS",
        "d.ods",
        "e.xlsm",
        "~$b_huyen.csv",
        ".an.csv",
        "BaoCao_TTHC_2021-10.xlsx",
        "BaoCao_TTHC_2021-10 (2).docx",
        "BaoCao_TTHC_2021-09.json",
        "ghi chu.txt",
        "BaoCao.xlsx",
        "danh_muc.csv",
    ):
        (tmp_path / name).write_bytes(b"x")  # fmt: skip
    (tmp_path / "con").mkdir()
    found = export_files(tmp_path, skip=[tmp_path / "BaoCao.xlsx", tmp_path / "danh_muc.csv"])
    assert [p.name for p in found.files] == [
        "A_trung_tam.xlsx", "b_huyen.csv", "c.XLS", "d.ods", "e.xlsm",
    ]  # fmt: skip
    assert dict(found.skipped) == {
        "~$b_huyen.csv": "tệp khóa của Office",
        ".an.csv": "tệp ẩn",
        "BaoCao_TTHC_2021-10.xlsx": "báo cáo do công cụ lưu",
        "BaoCao_TTHC_2021-10 (2).docx": "báo cáo do công cụ lưu",
        "BaoCao_TTHC_2021-09.json": "báo cáo do công cụ lưu",
        "ghi chu.txt": "không phải tệp xuất",
        "BaoCao.xlsx": "bảng tính báo cáo hoặc danh mục đơn vị",
        "danh_muc.csv": "bảng tính báo cáo hoặc danh mục đơn vị",
    }


def test_a_folder_without_exports_says_so(tmp_path: Path) -> None:
    (tmp_path / "~$x.xlsx").write_bytes(b"x")
    with pytest.raises(InputError, match=r"không có tệp xuất nào.*~\$x.xlsx \(tệp khóa"):
        export_files(tmp_path)
    with pytest.raises(InputError, match="Không tìm thấy thư mục"):
        export_files(tmp_path / "khong")
    with pytest.raises(InputError, match="không phải một thư mục"):
        export_files(tmp_path / "~$x.xlsx")


def test_case_files_expand_folders_only(tmp_path: Path) -> None:
    write_cases(tmp_path / "a.csv", [CASE])
    (tmp_path / "sub").mkdir()
    write_cases(tmp_path / "sub" / "b.csv", [CASE])
    assert case_files([tmp_path / "sub", tmp_path / "a.csv"]) == [
        tmp_path / "sub" / "b.csv", tmp_path / "a.csv",
    ]  # fmt: skip


def test_build_reads_a_folder_and_the_workbook_remembers_it(tmp_path: Path) -> None:
    folder = tmp_path / "xuat"
    folder.mkdir()
    write_cases(folder / "a.csv", [CASE])
    write_cases(folder / "b.csv", [{**CASE, "code": "B1"}])
    out = folder / "BaoCao_TTHC_2021-10.xlsx"
    assert main(["build", str(folder), "--month", "2021-10", "--out", str(out), "-q"]) == 0
    # a second build in the same folder does not read its own report
    again = main(["build", str(folder), "--month", "2021-10", "--out", str(out), "-q",
                  "--force"])  # fmt: skip
    assert again == 0
    wb = load_workbook(out)
    sheet, row, column = name_target(wb, "ThuMucDuLieu")
    assert wb[sheet].cell(row, column).value == str(folder.resolve())
    origins = sorted(wb["HoSo"].cell(r, 16).value for r in (2, 3))
    assert origins == ["a.csv, dòng 2", "b.csv, dòng 2"]


def test_paths_in_thamso(tmp_path: Path) -> None:
    saved = SimpleNamespace(fullname=str(tmp_path / "BaoCao.xlsx"), name="BaoCao.xlsx")
    unsaved = SimpleNamespace(fullname="Book1", name="Book1")
    assert book_folder(saved) == tmp_path and book_folder(unsaved) is None
    assert resolve("xuat/10", saved, "Thư mục") == tmp_path / "xuat" / "10"
    assert resolve(f'"{tmp_path}"', unsaved, "Thư mục") == tmp_path
    with pytest.raises(InputError, match="đường dẫn tương đối"):
        resolve("xuat", unsaved, "Thư mục tệp xuất")
