"""The report's headline in a few lines of Vietnamese: what the command line and the demo
print after a build (the figures of each section and what was done with the data)."""

from __future__ import annotations

from ..formatting import number, percent
from ..model import Report


def headline(report: Report) -> list[str]:
    lines = [f"{report.period.label} ({report.period.range_label})"]
    for s in report.sections:
        t = s.totals
        lines.append(
            f"  {s.title}: tiếp nhận mới {number(t.received_new)}, tồn {number(t.carried_over)}, "
            f"đến hạn {number(t.due)}, đúng và trước hạn {number(t.on_time)} "
            f"({percent(t.on_time_rate)}), chậm {number(t.late)} ({percent(t.late_rate)}), "
            f"trả lại/rút {number(t.returned_withdrawn)}"
        )
    sm = report.summary
    lines.append(
        f"  Dữ liệu: đọc {number(sm.rows_read)} dòng, dùng {number(sm.rows_used)} hồ sơ, "
        f"loại {number(sm.excluded)} dòng lỗi, {number(sm.cancelled)} hồ sơ hủy, "
        f"gộp {number(sm.duplicates_merged)} dòng trùng, {number(sm.warnings)} cảnh báo."
    )
    return lines
