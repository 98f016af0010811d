"""The sample province: Vĩnh Phúc's real 2021 units with synthetic cases ("dữ liệu mô phỏng").

``run_demo`` writes the exports and the unit catalog into a folder, then builds the
October 2021 report from them through the real reader, exactly as staff would: its JSON,
its workbook and its document (.docx).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ..model import HistoryRow
from .exports import write_exports, written_unit_names
from .plan import PROVINCE
from .simulate import Province, simulate

DEMO_MONTHS = [(2021, 6), (2021, 7), (2021, 8), (2021, 9), (2021, 10)]
EXPORTED_ON = date(2021, 10, 25)
MARKER = ".tthc-demo"
#: the sample province's names in the document's heading and closing block (the signer's
#: name is left blank: the document prints "..." for the officer to fill in)
DEMO_NAMES = {
    "managing_body": "UBND tỉnh Vĩnh Phúc",
    "issuing_body": "Trung tâm Phục vụ hành chính công",
    "document_code": "TTPVHCC",
    "place": "Vĩnh Phúc",
    "recipients": ["UBND tỉnh (để báo cáo)", "Văn phòng UBND tỉnh", "Các sở, ban, ngành",
                   "UBND các huyện, thành phố"],
    "signer_title": "Giám đốc",
}  # fmt: skip


def sample_cases(
    months: list[tuple[int, int]] | None = None, as_of: date = EXPORTED_ON, seed: int = 2021
) -> pd.DataFrame:
    """The simulated cases with everything an export shows: codes, procedures, fields and
    the unit names as each software writes them."""
    province = Province.load()
    cases = simulate(months or DEMO_MONTHS, as_of, seed)
    rng = np.random.default_rng(seed + 1)
    cases = cases.sort_values(["group", "received"], kind="stable").reset_index(drop=True)
    by_agency: dict[str, list[tuple[str, str]]] = {}
    for p in province.procedures:
        key = p["Cơ quan"] or p["Cấp"]
        by_agency.setdefault(key, []).append((p["Thủ tục"], p["Lĩnh vực"]))
    keys = np.where(
        cases["group"] == PROVINCE,
        cases["agency"].fillna(""),
        np.where(cases["unit"] == cases["group"], "Huyện", "Xã"),
    )
    picks = rng.random(len(cases))
    proc, field = [], []
    for k, u in zip(keys, picks, strict=True):
        options = by_agency[k]
        name, f = options[int(u * len(options))]
        proc.append(name)
        field.append(f)
    cases["procedure"] = proc
    cases["field"] = field
    day = pd.to_datetime(cases["received"], unit="D").dt.strftime("%y%m%d")
    seq = cases.groupby([cases["group"], day]).cumcount() + 1
    prefix = np.where(cases["group"] == PROVINCE, "000.00.30.H62", "000.00.H62.D")
    gid = cases["group"].astype("category").cat.codes.astype(str).str.zfill(2)
    cases["code"] = prefix + gid + "-" + day + "-" + seq.astype(str).str.zfill(4)
    cases["unit_written"] = written_unit_names(cases, rng)
    return cases


def write_catalog(folder: Path) -> Path:
    province = Province.load()
    path = folder / "DanhMucDonVi.csv"
    rows = ["Mã đơn vị,Tên đơn vị,Cấp,Đơn vị cấp trên"]
    rows += [
        ",".join(u[k] for k in ("Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên"))
        for u in province.units
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def prepare_folder(out: Path, force: bool) -> None:
    from ..errors import OutputError

    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise OutputError(
            f"Thư mục {out} đã có và không phải thư mục chạy thử trước đây: hãy chọn thư mục "
            "khác hoặc thêm --force."
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("tthc-report demo\n", encoding="utf-8")


def write_sample(out: Path, months: list[tuple[int, int]] | None = None) -> tuple[list[Path], Path]:
    cases = sample_cases(months)
    exports = write_exports(cases, out / "exports", EXPORTED_ON)
    return exports, write_catalog(out)


REPORT_MONTHS = DEMO_MONTHS[1:]  # June has no earlier month to carry files over from


def run_demo(
    out: Path, force: bool = False, progress: Callable[[str], None] | None = None
) -> Iterator[str]:
    """Write the sample exports, then build the monthly reports from July to October 2021
    in turn, each carrying the history of the one before (as staff do each month), and
    the October workbook and document."""
    from ..api import choose_period, load_files, report_from_loaded
    from ..config import Settings, apply_values
    from ..narrative.summary import headline
    from ..outputs import write_json

    prepare_folder(out, force)
    if progress:
        progress("Đang tạo dữ liệu mô phỏng của tỉnh mẫu")
    exports, catalog = write_sample(out)
    settings = apply_values(Settings(), DEMO_NAMES, "demo")
    loaded = load_files(exports, catalog, progress)
    history: tuple[HistoryRow, ...] = ()
    written = []
    for year, month in REPORT_MONTHS:
        period, previous = choose_period(settings, (year, month))
        report = report_from_loaded(loaded, period, previous, settings, history)
        history = report.history
        json_path = out / f"BaoCao_TTHC_{year}-{month:02d}.json"
        write_json(json_path, report.to_dict())
        written.append(json_path)
    from ..workbook.openpyxl_writer import write_workbook

    if progress:
        progress("Đang ghi bảng tính báo cáo tháng 10/2021")
    workbook = out / "BaoCao_TTHC_2021-10.xlsx"
    write_workbook(report, settings, workbook)
    from ..document import write_document

    if progress:
        progress("Đang ghi văn bản báo cáo tháng 10/2021")
    document = write_document(report, settings, out / "BaoCao_TTHC_2021-10.docx")
    yield f"Dữ liệu mô phỏng (tỉnh mẫu Vĩnh Phúc, {len(exports)} tệp xuất): {out / 'exports'}"
    yield f"Danh mục đơn vị: {catalog}"
    yield "Số liệu (JSON): " + ", ".join(str(p) for p in written)
    yield f"Bảng tính báo cáo (mở bằng Excel, số liệu là công thức): {workbook}"
    yield f"Văn bản báo cáo (Word, thể thức Nghị định 30/2020): {document}"
    yield from headline(report)
    yield ""
    yield from report.narrative
