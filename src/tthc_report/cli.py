"""Command line: parse arguments, call the api, write outputs, map errors to exit codes.

Exit codes: 0 outputs written (or, for ``check``, no row errors); 1 ``check`` found row
errors; 2 an input or argument is unusable and nothing was written; 130 / 143 stopped by
Ctrl+C / SIGTERM (nothing half-written is left); 141 the reader of the output went away
(``check ... | head``), quietly.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .api import build_report, load_files, period_checks
from .config import FORM_LAYOUTS, load_settings
from .errors import ConfigError, ReportError
from .formatting import number
from .model import SEVERITY_LABELS, FileAccount
from .narrative.summary import headline
from .outputs import check_targets, write_json
from .periods import (
    half_period,
    parse_day,
    parse_half,
    parse_month,
    parse_quarter,
    parse_year,
    quarter_period,
    year_period,
)
from .read.folders import case_files

EXIT_OK, EXIT_ROW_ERRORS, EXIT_UNUSABLE = 0, 1, 2
EXIT_PIPE = 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else 1


class Stopped(BaseException):
    """SIGTERM: raised where the program is, so that every ``finally`` (and the removal of
    a temporary output in ``outputs.atomic_write``) runs, as for Ctrl+C."""


class Console:
    """Messages for staff on stderr; progress only when stderr is a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.live = sys.stderr.isatty() and not quiet

    def progress(self, message: str) -> None:
        if self.live:
            print(f"\r\033[K{message}…", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.live:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def say(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                         nargs=0, help=str(kwargs.get("help", "")))  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from . import __version__

        print(f"tthc-report {__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tthc-report",
        description="Báo cáo tháng về tiếp nhận và giải quyết thủ tục hành chính (TTHC).",
    )
    p.add_argument("--version", action=_Version, help="in phiên bản và thoát")
    sub = p.add_subparsers(dest="command", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="không hiện tiến độ và tóm tắt")

    b = sub.add_parser("build", parents=[common], help="lập báo cáo (JSON, bảng tính, văn bản)")
    b.add_argument("cases", nargs="+", type=Path,
                   help="các tệp danh sách hồ sơ, hoặc thư mục chứa các tệp xuất")  # fmt: skip
    b.add_argument("--month", help="tháng báo cáo, dạng YYYY-MM")
    b.add_argument("--quarter", help="quý báo cáo, dạng YYYY-Qn (ví dụ 2021-Q3)")
    b.add_argument("--half", help="6 tháng: YYYY-H1 (đầu năm) hoặc YYYY-H2 (cuối năm)")
    b.add_argument("--year", help="năm báo cáo, dạng YYYY")
    b.add_argument("--start-day", type=int, help="ngày bắt đầu kỳ báo cáo (mặc định 21)")
    b.add_argument("--from", dest="date_from", help="từ ngày, dạng YYYY-MM-DD")
    b.add_argument("--to", dest="date_to", help="đến ngày, dạng YYYY-MM-DD")
    b.add_argument("--units", type=Path, help="tệp danh mục đơn vị")
    b.add_argument("--config", type=Path, help="tệp thiết lập (TOML)")
    b.add_argument("--json", type=Path, help="ghi số liệu ra tệp JSON")
    b.add_argument("--out", type=Path, help="ghi báo cáo ra tệp bảng tính .xlsx")
    b.add_argument(
        "--docx",
        type=Path,
        help="ghi báo cáo thành văn bản Word .docx (thể thức Nghị định 30/2020)",
    )
    b.add_argument("--docx-appendix", action="store_true",
                   help="kèm phụ lục biểu II.06a (trang ngang) trong văn bản .docx")  # fmt: skip
    b.add_argument("--history", type=Path,
                   help="báo cáo tháng trước (.xlsx hoặc .json) để mang theo lịch sử")  # fmt: skip
    b.add_argument("--template", type=Path, help="mẫu bảng tính riêng (mặc định: mẫu của công cụ)")
    b.add_argument(
        "--form-layout",
        choices=FORM_LAYOUTS,
        help="biểu II.06a theo đơn vị (unit, mặc định) hoặc theo lĩnh vực (field)",
    )
    b.add_argument("--force", action="store_true", help="cho phép ghi đè tệp kết quả đã có")
    b.add_argument("--print", dest="print_narrative", action="store_true",
                   help="in phần lời văn của báo cáo")  # fmt: skip

    c = sub.add_parser("check", parents=[common], help="chỉ kiểm tra dữ liệu")
    c.add_argument("cases", nargs="+", type=Path, help="các tệp hoặc thư mục tệp xuất")
    c.add_argument("--units", type=Path, help="tệp danh mục đơn vị")

    t = sub.add_parser("template", parents=[common], help="tạo mẫu bảng tính BaoCaoTTHC.xlsx")
    t.add_argument("--out", type=Path, default=Path("BaoCaoTTHC.xlsx"), help="tệp mẫu")
    t.add_argument("--force", action="store_true", help="cho phép ghi đè tệp đã có")

    d = sub.add_parser("demo", parents=[common], help="chạy thử với dữ liệu mô phỏng")
    d.add_argument("--out", type=Path, default=Path("tthc-demo"), help="thư mục kết quả")
    d.add_argument("--force", action="store_true", help="cho phép ghi vào thư mục đã có")

    from .addin.build import add_arguments as addin_arguments

    a = sub.add_parser("addin", help="add-in Excel (ribbon 'Báo cáo TTHC')")
    asub = a.add_subparsers(dest="addin_command", required=True)
    ab = asub.add_parser(
        "build", parents=[common], help="tạo các tệp add-in .xlam từ mẫu add-in của xlwings"
    )
    addin_arguments(ab)
    return p


def check_output_args(args: argparse.Namespace) -> None:
    """``--out`` names a .xlsx file and ``--template`` goes with it; ``--docx`` names a
    .docx file and ``--docx-appendix`` goes with it."""
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise ConfigError(f"Tệp bảng tính {args.out} phải có đuôi .xlsx.")
    if args.out is None and args.template is not None:
        raise ConfigError("--template chỉ dùng cùng --out (bảng tính).")
    if args.docx is not None and args.docx.suffix.lower() != ".docx":
        raise ConfigError(f"Tệp văn bản {args.docx} phải có đuôi .docx.")
    if args.docx_appendix and args.docx is None:
        raise ConfigError("--docx-appendix chỉ dùng cùng --docx (văn bản báo cáo).")


def account_line(a: FileAccount) -> str:
    """Where the lines of one file went, as staff read it (the identity of
    docs/inputs.md: read = used + errors + cancelled + merged + no case)."""
    line = (
        f"  {a.file}: đọc {number(a.rows_read)} dòng = dùng {number(a.rows_used)} hồ sơ + "
        f"{number(a.excluded)} dòng lỗi + {number(a.cancelled)} hồ sơ hủy + "
        f"{number(a.duplicates_merged)} dòng trùng đã gộp + {number(a.non_case_lines)} dòng "
        "không phải hồ sơ"
    )
    return line if a.balanced else line + " (KHÔNG KHỚP: hãy báo lỗi công cụ)"


def _period_bounds(args: argparse.Namespace, start_day: int) -> tuple[date | None, date | None]:
    """--from/--to, or the days of --quarter, --half or --year (at most one way)."""
    chosen = [o for o, v in (("--month", args.month), ("--quarter", args.quarter),
              ("--half", args.half), ("--year", args.year),
              ("--from/--to", args.date_from or args.date_to)) if v]  # fmt: skip
    if len(chosen) > 1:
        raise ConfigError(f"Chỉ chọn một kỳ báo cáo, không phải cả {' và '.join(chosen)}.")
    named = None
    if args.quarter:
        named = quarter_period(*parse_quarter(args.quarter), start_day)
    elif args.half:
        named = half_period(*parse_half(args.half), start_day)
    elif args.year:
        named = year_period(parse_year(args.year), start_day)
    if named is not None:
        return named.start, named.end
    date_from = parse_day(args.date_from, "bắt đầu (--from)") if args.date_from else None
    date_to = parse_day(args.date_to, "kết thúc (--to)") if args.date_to else None
    return date_from, date_to


def cmd_build(args: argparse.Namespace, console: Console) -> int:
    settings = load_settings(
        args.config, {"start_day": args.start_day, "form_layout": args.form_layout}
    )
    month = parse_month(args.month) if args.month else None
    date_from, date_to = _period_bounds(args, settings.start_day)
    check_output_args(args)
    others = [p for p in (args.units, args.config, args.history, args.template) if p]
    targets = [args.json, args.out, args.docx]
    sources = source_cells(args.cases, args.units)
    args.cases = case_files(args.cases, skip=[*others, *filter(None, targets)])
    inputs = [*args.cases, *others]
    check_targets(targets, args.force, inputs)
    if args.template is not None:
        from .workbook.openpyxl_writer import check_template_file

        check_template_file(args.template)
    report = build_report(
        args.cases, settings, month=month, date_from=date_from, date_to=date_to,
        units_file=args.units, history_file=args.history, progress=console.progress,
    )  # fmt: skip
    console.done()
    if args.docx_appendix:
        from .document import check_appendix

        check_appendix(report)  # before anything is written
    if args.json is not None:
        write_json(args.json, report.to_dict())
    if args.out is not None:
        from .workbook.openpyxl_writer import write_workbook

        console.progress("Đang ghi bảng tính")
        write_workbook(report, settings, args.out, template=args.template, sources=sources)
        console.done()
    if args.docx is not None:
        from .document import write_document

        console.progress("Đang ghi văn bản báo cáo")
        write_document(report, settings, args.docx, appendix=args.docx_appendix)
        console.done()
    if not any(targets) and not args.print_narrative:
        import json

        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    if args.print_narrative:
        print("\n\n".join(report.narrative))
    for line in headline(report):
        console.say(line)
    for account in report.summary.files:
        console.say(account_line(account))
    if report.summary.excluded:
        console.say(
            f"Có {number(report.summary.excluded)} dòng bị loại khỏi số liệu vì lỗi dữ liệu: "
            "xem danh sách trong data_checks / trang KiemTraDuLieu, hoặc chạy 'tthc-report check'."
        )
    for path in targets:
        if path is not None:
            console.say(f"Đã ghi {path}")
    return EXIT_OK


def source_cells(cases: Sequence[Path], units: Path | None) -> dict[str, str]:
    """ThamSo's ThuMucDuLieu/TepDanhMuc for a workbook built from one folder of exports, so
    that its button reads the same files (full paths: the workbook may be saved anywhere)."""
    if len(cases) != 1 or not cases[0].is_dir():
        return {}
    from .workbook.layout import CATALOG_CELL, FOLDER_CELL

    cells = {FOLDER_CELL: str(cases[0].resolve())}
    if units is not None:
        cells[CATALOG_CELL] = str(units.resolve())
    return cells


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    cases = case_files(args.cases, skip=[args.units] if args.units else [])
    loaded = load_files(cases, args.units, console.progress)
    console.done()
    checks = period_checks(loaded, date.today())  # no period: dates after next year
    header = ("Mức", "Tệp", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung")
    rows = [
        (SEVERITY_LABELS[c.level], c.file, c.sheet, str(c.row or ""), c.column, c.value, c.message)
        for c in checks
    ]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(header[:-1])]
    for r in [header, *rows]:
        cells = [r[i][:40].ljust(widths[i]) for i in range(len(widths))]
        print(" | ".join(cells + [r[-1]]))
    errors = sum(1 for c in checks if c.level == "error")
    warnings = sum(1 for c in checks if c.level == "warning")
    print(
        f"\n{number(loaded.rows_read)} dòng đã đọc: {number(errors)} lỗi (dòng bị loại), "
        f"{number(warnings)} cảnh báo."
    )
    for account in loaded.files:
        print(account_line(account))
    return EXIT_ROW_ERRORS if errors else EXIT_OK


def cmd_template(args: argparse.Namespace, console: Console) -> int:
    from .outputs import atomic_write
    from .workbook.template import build_template

    check_targets([args.out], args.force)
    wb = build_template()
    atomic_write(args.out, lambda tmp: wb.save(tmp))
    console.say(f"Đã ghi mẫu bảng tính {args.out}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, console: Console) -> int:
    from .demo import run_demo

    for line in run_demo(args.out, force=args.force, progress=console.progress):
        console.done()
        print(line)
    return EXIT_OK


def cmd_addin(args: argparse.Namespace, console: Console) -> int:
    from .addin.build import build_addin

    path = build_addin(args.out, force=args.force, check_button=not args.no_check_button)
    console.say(f"Đã tạo {path} (xem addin/README.md để cài vào Excel).")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    console = Console(getattr(args, "quiet", False))
    handlers = {
        "build": cmd_build, "check": cmd_check, "template": cmd_template, "demo": cmd_demo,
        "addin": cmd_addin,
    }  # fmt: skip
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None  # main only
    try:
        return handlers[args.command](args, console)
    except ReportError as exc:
        console.done()
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except (KeyboardInterrupt, Stopped) as exc:
        console.done()
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(exc, Stopped) else signal.SIGINT)
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_PIPE
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM becomes ``Stopped`` where the program is."""
    raise Stopped


def _drop_stdout() -> None:
    """The reader of stdout is gone: send what is left to nowhere, so that Python's last
    flush at exit does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (tests): nothing to do
        pass


if __name__ == "__main__":
    sys.exit(main())
