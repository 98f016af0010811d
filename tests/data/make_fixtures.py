"""Make the three binary fixtures the reader tests cannot generate on the fly.

    .venv/bin/python tests/data/make_fixtures.py

writes, next to this script:

- ``readers_cases.xls``  (Excel 97-2003, converted by LibreOffice)
- ``readers_cases.ods``  (OpenDocument, converted by LibreOffice)
- ``readers_password.xlsx``  (the same workbook encrypted with the password ``matkhau``)

All three hold the same workbook, built here with openpyxl: a first sheet "Ghi chú" with
no case list, then a sheet "Danh sách hồ sơ" with two title lines, a blank line, the
header on Excel row 4, two cases with real Excel dates on rows 5 and 6 and a totals line
on row 7.  tests/test_readers.py asserts exactly these values, so change both together.

Needs LibreOffice (``soffice --headless --convert-to xls|ods``) and msoffcrypto-tool
(``.venv/bin/python -m pip install msoffcrypto-tool``), which is used only here, to
make the encrypted file; the package and the tests never import it.  The generated
files are committed; rerun this script only to change them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
PASSWORD = "matkhau"

HEADER = ["STT", "Mã hồ sơ", "Đơn vị tiếp nhận", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày có kết quả", "Trạng thái", "Mức độ"]  # fmt: skip
ROWS = [
    [1, "HS-01", "Xã Đồng Thịnh", "Đăng ký khai sinh", dt.datetime(2021, 9, 3, 8, 15),
     dt.datetime(2021, 9, 10), dt.datetime(2021, 9, 8, 16, 0), "Đã có kết quả", 3],
    [2, "HS-02", "UBND xã Đồng Thịnh", "Chứng thực bản sao", dt.datetime(2021, 9, 21),
     dt.datetime(2021, 9, 24), None, "Đang xử lý", 4],
]  # fmt: skip


def source_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    note = wb.active
    note.title = "Ghi chú"
    note["A1"] = "Tệp mẫu để kiểm thử bộ đọc"
    ws = wb.create_sheet("Danh sách hồ sơ")
    ws["A1"] = "DANH SÁCH HỒ SƠ"
    ws["A2"] = "Từ ngày 01/09/2021 đến ngày 30/09/2021"
    for j, h in enumerate(HEADER, 1):
        ws.cell(4, j, h)
    for i, row in enumerate(ROWS, 5):
        for j, v in enumerate(row, 1):
            if v is None:
                continue
            cell = ws.cell(i, j, v)
            if isinstance(v, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
    ws["A7"] = "Tổng cộng: 2 hồ sơ"
    wb.save(path)


def convert(src: Path, fmt: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", fmt, "--outdir", out, str(src)],
            check=True,
            capture_output=True,
        )
        produced = Path(out) / f"{src.stem}.{fmt.split(':')[0]}"
        shutil.copyfile(produced, target)


def encrypt(src: Path, target: Path) -> None:
    import msoffcrypto  # only for making the fixture
    from msoffcrypto.format.ooxml import OOXMLFile

    with src.open("rb") as plain, target.open("wb") as out:
        OOXMLFile(plain).encrypt(PASSWORD, out)
    assert msoffcrypto.OfficeFile(target.open("rb")).is_encrypted()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "readers_cases.xlsx"
        source_workbook(src)
        convert(src, "xls:MS Excel 97", HERE / "readers_cases.xls")
        convert(src, "ods", HERE / "readers_cases.ods")
        encrypt(src, HERE / "readers_password.xlsx")
    for name in ("readers_cases.xls", "readers_cases.ods", "readers_password.xlsx"):
        print(HERE / name, (HERE / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
