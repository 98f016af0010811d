"""Property: whatever happens to a real-shaped export (quotes, separators, line ends,
encodings, truncation, cell types, error cells), the command line answers with exit 0 or 2
and no traceback, every file's lines add up, and no input changes (docs/inputs.md, "What
bad input gets").  The exports are the demo's district CSV and centre workbook, cut short;
the command runs in-process (``cli.main``) to keep the test to about a minute."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.damaged import CSV_TOP, centre_xlsx, district_lines
from tthc_report.cli import main
from tthc_report.demo.exports import to_cp1258
from tthc_report.prepare.lines import DATE_SHAPE

#: CI runs the same 120 examples each time; TTHC_PROPERTY_EXAMPLES=2000 runs that many new
#: random ones (by hand, to look further)
EXAMPLES = int(os.environ.get("TTHC_PROPERTY_EXAMPLES", "0")) or 120
RANDOM = "TTHC_PROPERTY_EXAMPLES" in os.environ
ACCOUNT = ("rows_used", "excluded", "cancelled", "duplicates_merged", "non_case_lines")
#: what a cell may become: texts staff and software write, and other cell types
ODD_TEXTS = ['"', '""', "a;b", "a,b", "x\ny", "31/09/2021", "01/01/1900", "2099-12-31", "-",
             "0", "#N/A", "Xã A*", "Xã ?", "~", "=1+1", "  ", "Đã hủy", "x" * 40_000]  # fmt: skip
ODD_CELLS = [*ODD_TEXTS, None, True, 0, 44474.5, -1, 1e300, datetime(2021, 10, 5, 8, 0),
             "#VALUE!", "#REF!"]  # fmt: skip


@pytest.fixture(scope="module")
def exports(demo, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("damaged")
    xlsx = centre_xlsx(demo.truth, 25, root / "TTHCC_HoSo.xlsx").read_bytes()
    return {"lines": district_lines(demo.truth, 40), "xlsx": xlsx,
            "catalog": demo.catalog.read_bytes()}  # fmt: skip


csv_damage = st.lists(
    st.one_of(
        st.tuples(st.just("quote"), st.integers(0, 60), st.integers(0, 400)),
        st.tuples(st.just("separator"), st.integers(0, 60), st.sampled_from([",", "\t", ";;"])),
        st.tuples(st.just("field"), st.integers(0, 60), st.integers(0, 16),
                  st.sampled_from(ODD_TEXTS)),
        st.tuples(st.just("drop"), st.integers(0, 60), st.integers(0, 16)),
        st.tuples(st.just("line"), st.integers(0, 60),
                  st.sampled_from(["", "Tổng cộng: 40 hồ sơ", ";;;", '"'])),
        st.tuples(st.just("copy"), st.integers(0, 60)),
    ),
    max_size=6,
)  # fmt: skip
xlsx_damage = st.lists(
    st.tuples(st.integers(1, 40), st.integers(1, 15), st.sampled_from(ODD_CELLS)), max_size=6
)


def damage_lines(lines: list[str], steps: list[tuple]) -> list[str]:  # type: ignore[type-arg]
    out = list(lines)
    for kind, at, *more in steps:
        i = at % len(out)
        if kind == "quote":
            pos = more[0] % (len(out[i]) + 1)
            out[i] = out[i][:pos] + '"' + out[i][pos:]
        elif kind == "separator":
            out[i] = out[i].replace(";", more[0])
        elif kind in ("field", "drop"):
            fields = out[i].split(";")
            j = more[0] % len(fields)
            if kind == "field":
                fields[j] = more[1]
            else:
                del fields[j]
            out[i] = ";".join(fields)
        elif kind == "line":
            out.insert(i, more[0])
        else:
            out.insert(i, out[i])
    return out


def encode(text: str, encoding: str) -> bytes:
    if encoding == "cp1258":
        return to_cp1258(text.replace("\ufffd", "?"))
    if encoding == "utf-16-le":  # without a BOM: refused by name
        return text.encode("utf-16-le")
    return text.encode(encoding, errors="replace")


def damage_xlsx(blob: bytes, steps: list[tuple[int, int, object]]) -> bytes:
    if not steps:
        return blob
    wb = openpyxl.load_workbook(BytesIO(blob))
    ws = wb.worksheets[0]
    for row, column, value in steps:
        cell = ws.cell(8 + row, column)
        if isinstance(value, str) and value.startswith("#"):
            cell.value, cell.data_type = value, "e"  # an error cell
        else:
            cell.value = value
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(
    steps=csv_damage,
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp1258", "utf-16", "utf-16-le"]),
    newline=st.sampled_from(["\r\n", "\n", "\r"]),
    cut=st.one_of(st.none(), st.floats(0.0, 1.0)),
    cells=xlsx_damage,
    cut_xlsx=st.booleans(),
)
def test_any_damage_gives_exit_0_or_2_and_lines_that_add_up(
    exports: dict[str, object],
    steps: list[tuple],  # type: ignore[type-arg]
    encoding: str,
    newline: str,
    cut: float | None,
    cells: list[tuple[int, int, object]],
    cut_xlsx: bool,
) -> None:
    lines = damage_lines(exports["lines"], steps)  # type: ignore[arg-type]
    data = encode(newline.join(lines) + newline, encoding)
    if cut is not None:
        data = data[: int(len(data) * cut)]
    xlsx = damage_xlsx(exports["xlsx"], cells)  # type: ignore[arg-type]
    if cut_xlsx:
        xlsx = xlsx[: len(xlsx) // 2]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = [root / "MotCua.csv", root / "TTHCC.xlsx", root / "DanhMucDonVi.csv"]
        for path, blob in zip(inputs, (data, xlsx, exports["catalog"]), strict=True):
            path.write_bytes(blob)  # type: ignore[arg-type]
        before = [digest(p) for p in inputs]
        out = root / "ket_qua"
        out.mkdir()
        argv = ["build", str(inputs[0]), str(inputs[1]), "--units", str(inputs[2]),
                "--month", "2021-10", "--json", str(out / "bc.json"), "-q"]  # fmt: skip
        code = main(argv)
        assert code in (0, 2)
        assert [digest(p) for p in inputs] == before
        written = sorted(p.name for p in out.iterdir())
        assert written == (["bc.json"] if code == 0 else [])
        if code == 2:
            return
        checks = json.loads((out / "bc.json").read_text(encoding="utf-8"))["data_checks"]
        assert [f["file"] for f in checks["files"]] == ["MotCua.csv", "TTHCC.xlsx"]
        for account in checks["files"]:
            assert account["rows_read"] == sum(account[k] for k in ACCOUNT), account
        for key in ("rows_read", *ACCOUNT):
            assert checks[key] == sum(f[key] for f in checks["files"]), key
        if not steps and cut is None and encoding != "utf-16-le":
            assert checks["files"][0]["rows_read"] == len(lines) - CSV_TOP
        no_date = lines_without_a_date(data, encoding, exports["lines"][CSV_TOP - 1])  # type: ignore[index]
        if no_date is not None:  # a line with a date is never "not a case"
            assert checks["files"][0]["non_case_lines"] <= no_date


def lines_without_a_date(data: bytes, encoding: str, header: str) -> int | None:
    """How many lines below the (intact) header of the CSV hold nothing like a date; None
    when the header cannot be found as written."""
    text = data.decode("cp1258" if encoding == "cp1258" else encoding, errors="replace")
    lines = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    if header not in lines:
        return None
    below = lines[lines.index(header) + 1 :]
    return sum(1 for line in below if line.strip() and not re.search(DATE_SHAPE, line))
