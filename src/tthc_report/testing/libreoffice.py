"""Recalculate a workbook in LibreOffice headless and return the recalculated copy.

Each call uses its own LibreOffice profile (``-env:UserInstallation``) so parallel runs do
not clash, and that profile is told to recalculate every formula on load (LibreOffice
otherwise trusts the values cached in an .xlsx file).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReportError

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, out_dir: Path, fmt: str = "xlsx", timeout: float = 900) -> Path:
    """``soffice --headless --convert-to fmt``: the converted file in ``out_dir``."""
    exe = soffice()
    if exe is None:
        raise ReportError("Không tìm thấy LibreOffice (soffice) để tính lại bảng tính.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tthc-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
        cmd = [
            exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", fmt, "--outdir", str(out_dir), str(src),
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    target = out_dir / (src.stem + "." + fmt.split(":")[0])
    if done.returncode != 0 or not target.exists():
        raise ReportError(
            f"LibreOffice không chuyển được {src.name}: {done.stdout.strip()} {done.stderr.strip()}"
        )
    return target


def recalculate(src: Path, out_dir: Path | None = None) -> Path:
    """A recalculated copy of ``src`` (xlsx), in ``out_dir`` or a new temporary folder."""
    folder = out_dir or Path(tempfile.mkdtemp(prefix="tthc-recalc-"))
    return convert(src, folder, "xlsx")
