"""The command-line contract: exit codes, what is written, what is never touched."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import DATA
from tthc_report.cli import main

WORKED = DATA / "worked_example.csv"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    target = tmp_path / "ho_so.csv"
    target.write_bytes(WORKED.read_bytes())
    return target


def test_build_writes_the_json_contract(cases: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "bao_cao.json"
    assert main(["build", str(cases), "--month", "2021-10", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "tthc-report/metrics@1"
    assert data["period"] == {"label": "Tháng 10/2021", "start": "2021-09-21", "end": "2021-10-20"}
    assert data["previous_period"]["start"] == "2021-08-21"
    province = data["sections"][0]
    assert province["id"] == "province" and province["levels"] == ["province"]
    assert province["totals"]["total"] == 9 and province["totals"]["due"] == 6
    assert province["breakdowns"]["agency"][0]["name"] == "Sở Tư pháp"
    assert data["data_checks"]["rows_read"] == 13 and data["data_checks"]["cancelled"] == 1
    assert data["narrative"][0].startswith("Kết quả tiếp nhận hồ sơ")
    err = capsys.readouterr().err
    assert "Tháng 10/2021" in err and f"Đã ghi {out}" in err


def test_inputs_are_byte_identical_after_a_run(cases: Path, tmp_path: Path) -> None:
    before = digest(cases)
    mtime = cases.stat().st_mtime_ns
    assert (
        main(["build", str(cases), "--month", "2021-10", "--json", str(tmp_path / "o.json")]) == 0
    )
    assert digest(cases) == before and cases.stat().st_mtime_ns == mtime


def test_never_overwrites_without_force(cases: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "bao_cao.json"
    out.write_text("của người dùng", encoding="utf-8")
    assert main(["build", str(cases), "--month", "2021-10", "--json", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "của người dùng"
    assert "--force" in capsys.readouterr().err
    assert main(["build", str(cases), "--month", "2021-10", "--json", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "tthc-report/metrics@1"


def test_never_writes_over_an_input(cases: Path) -> None:
    before = digest(cases)
    assert main(["build", str(cases), "--month", "2021-10", "--json", str(cases), "--force"]) == 2
    assert digest(cases) == before


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 not really a zip", "hong.xlsx", "Không mở được tệp hong.xlsx"),
        (b"%PDF-1.4 a pdf", "bao_cao.pdf", "không được hỗ trợ"),
        ("Họ tên,Địa chỉ\nA,B\n".encode(), "khong_tieu_de.csv", "Không tìm thấy dòng tiêu đề"),
    ],
)
def test_unusable_input_exits_2_and_writes_nothing(
    tmp_path, capsys, content, name, message
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "o.json"
    assert main(["build", str(bad), "--month", "2021-10", "--json", str(out)]) == 2
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".o.json")]  # no temp file left
    assert message in capsys.readouterr().err


def test_missing_file_and_bad_arguments_exit_2(cases: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "o.json"
    assert (
        main(["build", str(tmp_path / "khong_co.csv"), "--month", "2021-10", "--json", str(out)])
        == 2
    )
    assert main(["build", str(cases), "--month", "2021-13", "--json", str(out)]) == 2
    assert main(["build", str(cases), "--json", str(out)]) == 2  # no period at all
    assert main(["build", str(cases), "--from", "2021-10-01", "--json", str(out)]) == 2
    assert (
        main(["build", str(cases), "--month", "2021-10", "--start-day", "31", "--json", str(out)])
        == 2
    )
    assert (
        main(["build", str(cases), "--month", "2021-10", "--json", str(tmp_path / "x" / "o.json")])
        == 2
    )
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp" in err and "YYYY-MM" in err and "--from và --to" in err


def test_the_document_is_an_output_like_the_others(cases: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "BaoCao_TTHC_2021-10.docx"
    argv = ["build", str(cases), "--month", "2021-10", "--docx", str(out)]
    assert main(argv) == 0
    assert out.read_bytes()[:2] == b"PK" and f"Đã ghi {out}" in capsys.readouterr().err
    written = digest(out)
    assert main(argv) == 2  # never over an existing file without --force
    assert "--force" in capsys.readouterr().err and digest(out) == written
    assert main([*argv, "--force"]) == 0
    before = digest(cases)
    assert main(["build", str(cases), "--month", "2021-10", "--docx", str(cases), "--force"]) == 2
    assert digest(cases) == before  # never over an input
    same = ["--json", str(tmp_path / "a.docx"), "--docx", str(tmp_path / "a.docx")]
    assert main(["build", str(cases), "--month", "2021-10", *same]) == 2
    assert "Hai tệp kết quả cùng một tệp" in capsys.readouterr().err
    assert main(["build", str(cases), "--month", "2021-10", "--docx", str(tmp_path / "x.doc")]) == 2
    assert "phải có đuôi .docx" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["BaoCao_TTHC_2021-10.docx", "ho_so.csv"]


def test_from_to_range_and_start_day(cases: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    argv = ["build", str(cases), "--from", "2021-10-01", "--to", "2021-10-31", "--json", str(out)]
    assert main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["period"]["label"] == "Từ ngày 1/10/2021 đến ngày 31/10/2021"
    assert data["sections"][0]["totals"]["received_new"] == 5  # HS04..HS08 (HS11 cancelled)
    argv = [
        "build",
        str(cases),
        "--month",
        "2021-10",
        "--start-day",
        "1",
        "--json",
        str(out),
        "--force",
    ]
    assert main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["period"]["start"] == "2021-10-01" and data["period"]["end"] == "2021-10-31"


def test_quarter_year_shorthands_and_one_period_only(cases: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "o.json"
    argv = ["build", str(cases), "--quarter", "2021-Q4", "--json", str(out), "-q"]
    assert main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["period"] == {"label": "Quý IV/2021", "start": "2021-09-21", "end": "2021-12-20"}
    assert data["previous_period"]["label"] == "Quý III/2021"
    assert data["forms"]["ii06a"]["period"] == data["period"]
    argv = ["build", str(cases), "--year", "2021", "--start-day", "1", "--json", str(out),
            "--force"]  # fmt: skip
    assert main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["period"]["label"], data["previous_period"]["label"]) == ("Năm 2021", "Năm 2020")
    capsys.readouterr()
    argv = ["build", str(cases), "--month", "2021-10", "--half", "2021-H2", "--json", str(out),
            "--force"]  # fmt: skip
    assert main(argv) == 2
    assert "--month và --half" in capsys.readouterr().err


def test_form_by_field_needs_the_field_column(cases: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "o.json"
    argv = ["build", str(cases), "--month", "2021-10", "--form-layout", "field", "--json", str(out)]
    assert main(argv) == 2 and not out.exists()
    assert "Lĩnh vực" in capsys.readouterr().err


def test_print_shows_the_narrative_and_quiet_silences_stderr(cases: Path, capsys) -> None:
    assert main(["build", str(cases), "--month", "2021-10", "--print", "-q"]) == 0
    captured = capsys.readouterr()
    assert "Trung tâm tiếp nhận mới 07 hồ sơ" in captured.out
    assert captured.err == ""


def test_check_exit_codes(cases: Path, tmp_path: Path, capsys) -> None:
    assert main(["check", str(cases)]) == 0
    assert "Hồ sơ đã hủy" in capsys.readouterr().out
    bad = tmp_path / "loi.csv"
    bad.write_text(
        WORKED.read_text(encoding="utf-8").replace(
            "15/09/2021,20/09/2021", "15/09/2021,31/09/2021"
        ),
        encoding="utf-8",
    )
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "31/09/2021" in out and "loi.csv" in out and "| 3 " in out
    assert main(["check", str(tmp_path / "khong_co.xlsx")]) == 2


def test_demo_refuses_a_folder_that_is_not_its_own(tmp_path: Path, capsys) -> None:
    mine = tmp_path / "cua_toi"
    mine.mkdir()
    (mine / "ghi_chu.txt").write_text("x", encoding="utf-8")
    assert main(["demo", "--out", str(mine)]) == 2
    assert [p.name for p in mine.iterdir()] == ["ghi_chu.txt"]
    assert "--force" in capsys.readouterr().err


def test_console_script_runs(cases: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tthc_report", "build", str(cases), "--month", "2021-10", "-q"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sections"][0]["totals"]["on_time"] == 2


def test_demo_builds_the_reference_month(tmp_path: Path, capsys) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "tiếp nhận mới 5.409" in printed and "tiếp nhận mới 20.874" in printed
    data = json.loads((out / "BaoCao_TTHC_2021-10.json").read_text(encoding="utf-8"))
    assert data["sections"][1]["totals"]["on_time"] == 20287
    assert "BaoCao_TTHC_2021-10.docx" in printed
    import docx

    heading = docx.Document(str(out / "BaoCao_TTHC_2021-10.docx")).tables[0]
    assert heading.cell(0, 0).paragraphs[0].text == "UBND TỈNH VĨNH PHÚC"
    exports = sorted(p.name for p in (out / "exports").iterdir())
    assert any(n.endswith(".xlsx") for n in exports) and any(n.endswith(".csv") for n in exports)
    assert main(["demo", "--out", str(out)]) == 0  # its own folder: may be rebuilt


def test_addin_build(tmp_path: Path, capsys) -> None:
    out = tmp_path / "addin"
    assert main(["addin", "build", "--out", str(out)]) == 0
    assert "tthc_report_addin.xlam" in capsys.readouterr().err
    built = sorted(p.name for p in out.iterdir())
    assert built == ["myaddin.conf", "tthc_kiemtra_addin.py", "tthc_kiemtra_addin.xlam",
                     "tthc_report_addin.py", "tthc_report_addin.xlam"]  # fmt: skip
    stamp = (out / "tthc_report_addin.xlam").stat().st_mtime_ns
    assert main(["addin", "build", "--out", str(out)]) == 2  # never over existing files
    assert "--force" in capsys.readouterr().err
    assert (out / "tthc_report_addin.xlam").stat().st_mtime_ns == stamp
    assert main(["addin", "build", "--out", str(out), "--force", "-q"]) == 0
    assert capsys.readouterr().err == ""
    with pytest.raises(SystemExit) as exc:  # "addin" needs its sub-command
        main(["addin"])
    assert exc.value.code == 2
