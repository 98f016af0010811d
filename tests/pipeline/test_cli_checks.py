"""Arguments, settings and interruptions (docs/inputs.md, "What bad input gets"): every wrong
value is a Vietnamese message and exit 2, never a traceback; a broken pipe is quiet; an
interrupted write leaves no temporary file; implausible dates are warnings."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.cases import write_csv
from tests.support.damaged import DISTRICT, october_cases
from tests.support.paths import WORKED
from tthc_report.cli import main
from tthc_report.demo import EXPORTED_ON
from tthc_report.demo.exports import csv_text


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    target = tmp_path / "ho_so.csv"
    target.write_bytes(WORKED.read_bytes())
    return target


def build(cases: Path, tmp_path: Path, *more: str) -> list[str]:
    return ["build", str(cases), "--json", str(tmp_path / "o.json"), *more]


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("start_day = true", "start_day"),
        ("target_on_time_rate = nan", "target_on_time_rate"),
        ("target_on_time_rate = inf", "target_on_time_rate"),
        ("target_on_time_rate = 120", "từ 0 đến 100"),
        ("low_volume_threshold = -5", "từ 0 trở lên"),
        ("returned_rate_threshold = -1.5", "từ 0 đến 100"),
        ("best_unit_min_due = 2.5", "số nguyên"),
        ('province_name = ["Vĩnh Phúc"]', "province_name"),
        ("big_rate_change = false", "big_rate_change"),
    ],
)
def test_wrong_settings_are_refused_by_name(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, words: str
) -> None:
    config = tmp_path / "thiet_lap.toml"
    config.write_text(line + "\n", encoding="utf-8")
    err = refused(build(cases, tmp_path, "--month", "2021-10", "--config", str(config)), capsys)
    assert words in err and str(config) in err
    assert not (tmp_path / "o.json").exists()


def test_a_wrong_setting_from_the_environment_is_refused(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("TTHC_TARGET_ON_TIME_RATE", "nan")
    err = refused(build(cases, tmp_path, "--month", "2021-10"), capsys)
    assert "target_on_time_rate" in err and "TTHC_" in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--month", "0001-01"], "từ 2000 đến 2100"),
        (["--month", "9999-12"], "từ 2000 đến 2100"),
        (["--from", "9999-12-01", "--to", "9999-12-31"], "từ 2000 đến 2100"),
        (["--from", "1899-12-01", "--to", "1899-12-31"], "từ 2000 đến 2100"),
        (["--month", "2021-10", "--from", "2021-10-01", "--to", "2021-10-31"], "--month"),
    ],
)
def test_periods_outside_the_years_or_given_twice_are_refused(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert words in refused(build(cases, tmp_path, *args), capsys)


def test_the_same_output_twice_is_refused(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bao_cao.xlsx"
    argv = ["build", str(cases), "--month", "2021-10", "--json", str(out), "--out", str(out)]
    assert "cùng một tệp" in refused(argv, capsys)
    assert not out.exists()


def test_a_settings_folder_or_a_file_not_in_utf8_is_a_message(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "thu_muc"
    folder.mkdir()
    err = refused(build(cases, tmp_path, "--month", "2021-10", "--config", str(folder)), capsys)
    assert "thư mục" in err
    latin = tmp_path / "latin.toml"
    latin.write_bytes('province_name = "Phúc Yên"\n'.encode("cp1258"))
    assert "UTF-8" in refused(build(cases, tmp_path, "--month", "2021-10", "--config",
                                    str(latin)), capsys)  # fmt: skip


def test_a_toml_error_comes_after_the_vietnamese_message(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "sai.toml"
    bad.write_text("start_day = = 21\n", encoding="utf-8")
    err = refused(build(cases, tmp_path, "--month", "2021-10", "--config", str(bad)), capsys)
    vietnamese, _, detail = err.partition("Chi tiết:")
    assert "sai cú pháp TOML" in vietnamese and "line 1" not in vietnamese
    assert "line 1" in detail


def test_implausible_dates_are_warnings_and_counted_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["Mã hồ sơ", "Đơn vị tiếp nhận", "Cơ quan thụ lý", "Ngày tiếp nhận", "Ngày hẹn trả"],
            ["HS-1", "Trung tâm", "Sở Tư pháp", "01/10/2021", "05/10/2021"],
            ["HS-2", "Trung tâm", "Sở Tư pháp", "01/01/1900", "05/10/2021"],
            ["HS-3", "Trung tâm", "Sở Tư pháp", "02/10/2021", "01/01/2099"]]  # fmt: skip
    cases = write_csv(tmp_path / "nam_la.csv", rows)
    out = tmp_path / "o.json"
    assert main(["build", str(cases), "--month", "2021-10", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    got = [(c["row"], c["column"], c["value"]) for c in data["data_checks"]["items"]
           if c["code"] == "implausible_date"]  # fmt: skip
    assert got == [(3, "Ngày tiếp nhận", "01/01/1900"), (4, "Ngày hẹn trả", "01/01/2099")]
    assert data["sections"][0]["totals"]["carried_over"] == 1  # HS-2, as written
    assert data["data_checks"]["warnings"] == 2


def test_check_cut_short_by_a_pipe_is_quiet(tmp_path: Path) -> None:
    rows = [["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả"]]
    rows += [[f"HS-{i}", "Xã A", "31/09/2021", "05/10/2021"] for i in range(3000)]
    cases = write_csv(tmp_path / "nhieu_loi.csv", rows)
    done = subprocess.run(
        f"'{sys.executable}' -m tthc_report check '{cases}' | head -1",
        shell=True, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert done.stdout.startswith("Mức")
    assert done.stderr == ""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_workbook_write_leaves_no_temporary_file(
    demo, tmp_path: Path, stop: signal.Signals
) -> None:
    cases = tmp_path / "exports.csv"
    text = csv_text(october_cases(demo.truth, DISTRICT, 20_000), DISTRICT, EXPORTED_ON, ";", False)
    cases.write_bytes(text.encode("utf-8-sig"))
    out = tmp_path / "ket_qua"
    out.mkdir()
    argv = [sys.executable, "-m", "tthc_report", "build", str(cases), "--month", "2021-10",
            "--out", str(out / "bc.xlsx"), "-q"]  # fmt: skip
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    deadline = time.monotonic() + 120
    while not any(p.suffix == ".tmp" for p in out.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "no temporary file seen"
        time.sleep(0.005)
    os.kill(proc.pid, stop)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + stop
    assert list(out.iterdir()) == []
    assert "Traceback" not in err and "Đã dừng" in err


@pytest.mark.parametrize("option", ["--history", "--template"])
def test_a_library_error_comes_after_the_vietnamese_message(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "o.xlsx"
    argv = ["build", str(cases), "--month", "2021-10", "--out", str(out), option, str(broken)]
    vietnamese, _, detail = refused(argv, capsys).partition("Chi tiết:")
    assert "Không mở được" in vietnamese and "zip" not in vietnamese.lower()
    assert detail.strip()


def test_a_calamine_error_comes_after_the_vietnamese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "hong.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    vietnamese, _, detail = refused(["check", str(broken)], capsys).partition("Chi tiết:")
    assert vietnamese.startswith("Lỗi: Không mở được tệp hong.xls: tệp bị hỏng")
    assert "Error" not in vietnamese and detail.strip()
