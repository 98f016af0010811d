"""Build the Excel add-ins from xlwings' own ribbon add-in template (BSD).

``xlwings quickstart NAME --addin --ribbon`` copies ``quickstart_addin_ribbon.xlam`` from
the installed xlwings package.  That file holds the xlwings VBA module (RunPython, the
.conf settings, UDF import) and one ribbon callback, ``RibbonMyAddin.RunMain``, which runs
``import <add-in file name>; <add-in file name>.main()``.  We copy it part by part and
replace only ``customUI/customUI.xml`` with our ribbon; ``xl/vbaProject.bin`` and every
other part stay byte for byte as shipped, so no VBA is written or compiled here.

The template has a single callback, so one add-in gives one Python entry point.  The
"Kiểm tra dữ liệu" button therefore lives in a second add-in built from the same template
under another file name (so RunMain imports another module); both ribbons declare the tab
with the same qualified id (``idQ``), which Office merges into one tab.

Beside each ``.xlam`` the build writes the module it imports (``<name>.py``): RunPython
puts the add-in's own folder on ``sys.path``.  The ribbon XML ships as package data
(``tthc_report/addin/*.xml``) so that a plain ``pip install`` can build; ``addin/`` at the
top of the repository holds the same text for review.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import OutputError, ReportError

TEMPLATE = "quickstart_addin_ribbon.xlam"
CUSTOM_UI = "customUI/customUI.xml"
VBA_PART = "xl/vbaProject.bin"
#: PROJECT_NAME in the template's VBA: settings come from %USERPROFILE%\.myaddin\myaddin.conf
CONF_NAME = "myaddin.conf"
DEFAULT_PYTHONW = r"C:\TTHC\venv\Scripts\pythonw.exe"


@dataclass(frozen=True)
class AddinSpec:
    name: str  # file name without .xlam = the module RunMain imports
    ribbon: str  # package-data file with the ribbon XML
    entry: str  # function of tthc_report.addin.macro the button runs
    doc: str
    udfs: bool = False  # re-export the UDFs (default UDF module = add-in name)


MAIN = AddinSpec("tthc_report_addin", "ribbon.xml", "main", "Lập báo cáo tháng", udfs=True)
CHECK = AddinSpec("tthc_kiemtra_addin", "ribbon_kiemtra.xml", "check", "Kiểm tra dữ liệu")
ADDINS = (MAIN, CHECK)

MODULE = '''"""{doc}: mô-đun Python mà add-in {name}.xlam gọi (nút trên thanh ribbon).

Tạo bởi 'tthc-report addin build'; đừng sửa tay.  RibbonMyAddin.RunMain của add-in chạy
`import {name}; {name}.main()`.
"""
{udf_import}

def main() -> None:
    from tthc_report.addin import macro

    macro.{entry}()
'''
UDF_IMPORT = """
# Hàm Excel (UDF): ImportPythonUDFsToAddin trong add-in này nhập các hàm dưới đây.
from tthc_report.addin.udfs import TTHC_CHISO, TTHC_LOIVAN  # noqa: F401
"""


def xlwings_dir() -> Path:
    """The installed xlwings package folder (found without importing xlwings)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise ReportError("Chưa cài gói xlwings: hãy cài lại tthc-report bằng pip.")
    return Path(next(iter(spec.submodule_search_locations)))


def template_path() -> Path:
    path = xlwings_dir() / TEMPLATE
    if not path.is_file():
        raise ReportError(
            f"Gói xlwings đã cài không có mẫu add-in {TEMPLATE} ({path}): hãy cài đúng "
            "phiên bản xlwings mà tthc-report yêu cầu."
        )
    return path


def ribbon_xml(spec: AddinSpec) -> bytes:
    return (resources.files("tthc_report.addin") / spec.ribbon).read_bytes()


def module_text(spec: AddinSpec) -> str:
    return MODULE.format(
        doc=spec.doc,
        name=spec.name,
        entry=spec.entry,
        udf_import=UDF_IMPORT if spec.udfs else "",
    )


def conf_text(python: Path | None = None) -> str:
    """A starting myaddin.conf.  On Windows: the pythonw.exe beside the interpreter that
    ran the build; elsewhere the path the README suggests.  VBA reads the file as ANSI
    text, so the path must be ASCII."""
    if python is None and sys.platform == "win32":
        python = Path(sys.executable)
    if python is None:
        chosen = DEFAULT_PYTHONW
    else:
        pythonw = python.with_name("pythonw.exe")
        chosen = str(pythonw if pythonw.exists() else python)
    return f'"Interpreter_Win","{chosen}"\r\n'


def write_xlam(template: Path, ribbon: bytes, target: Path) -> None:
    """Copy ``template`` to ``target`` replacing only the customUI part."""
    with zipfile.ZipFile(template) as src:
        names = src.namelist()
        if CUSTOM_UI not in names or VBA_PART not in names:
            raise ReportError(f"Mẫu add-in {template} không có phần {CUSTOM_UI}/{VBA_PART}.")
        tmp = target.with_name(target.name + ".tmp")
        with zipfile.ZipFile(tmp, "w") as out:
            for info in src.infolist():
                data = ribbon if info.filename == CUSTOM_UI else src.read(info)
                out.writestr(info, data, compress_type=info.compress_type)
    tmp.replace(target)


def build_addin(out_dir: Path, *, force: bool = False, check_button: bool = True) -> Path:
    """Write ``tthc_report_addin.xlam`` (+ its module), the check add-in unless
    ``check_button`` is false, and ``myaddin.conf`` into ``out_dir``; return the main
    add-in's path.  Existing files are refused unless ``force``."""
    out_dir = Path(out_dir)
    specs = ADDINS if check_button else (MAIN,)
    targets = [out_dir / f"{s.name}{ext}" for s in specs for ext in (".xlam", ".py")]
    targets.append(out_dir / CONF_NAME)
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise OutputError(
            f"Tệp {existing[0]} đã có; dùng --force để ghi đè hoặc chọn thư mục khác."
        )
    if not str(out_dir.resolve()).isascii():
        print(
            f"Cảnh báo: đường dẫn {out_dir.resolve()} có ký tự ngoài ASCII; VBA của add-in "
            "có thể không đọc được. Nên dùng thư mục như C:\\TTHC\\addin.",
            file=sys.stderr,
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    template = template_path()
    for spec in specs:
        write_xlam(template, ribbon_xml(spec), out_dir / f"{spec.name}.xlam")
        (out_dir / f"{spec.name}.py").write_text(module_text(spec), encoding="utf-8")
    (out_dir / CONF_NAME).write_text(conf_text(), encoding="ascii", errors="replace")
    return out_dir / f"{MAIN.name}.xlam"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("."), help="thư mục ghi add-in")
    parser.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    parser.add_argument(
        "--no-check-button", action="store_true", help="không tạo add-in 'Kiểm tra dữ liệu'"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``tthc-report addin build [--out DIR] [--force]``: 0 when written, 2 on a problem."""
    parser = argparse.ArgumentParser(
        prog="tthc-report addin build",
        description="Tạo add-in Excel (ribbon 'Báo cáo TTHC') từ mẫu add-in của xlwings.",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        path = build_addin(args.out, force=args.force, check_button=not args.no_check_button)
    except ReportError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"Đã tạo {path} (xem addin/README.md để cài vào Excel).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
