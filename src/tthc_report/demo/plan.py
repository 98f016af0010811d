"""What the sample province's months should add up to.

The demo province is Vĩnh Phúc with its real 2021 units; its cases are synthetic
("dữ liệu mô phỏng").  September and October 2021 are planned so that the October report
reproduces every figure of the reference report (tests/data/bao-cao-thang-10-2021.txt)
and its assessments: a slight rise at the centre, the same rate at district level,
Sông Lô leading for the first time at 99,66% with 6 late files, Yên Lạc busiest with
3.316 files, quiet communes mostly in Vĩnh Tường, online files up 34% on September.
Other months are drawn around the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass

DISTRICTS = (
    "Thành phố Vĩnh Yên",
    "Thành phố Phúc Yên",
    "Huyện Lập Thạch",
    "Huyện Tam Dương",
    "Huyện Tam Đảo",
    "Huyện Bình Xuyên",
    "Huyện Yên Lạc",
    "Huyện Vĩnh Tường",
    "Huyện Sông Lô",
)
PROVINCE = "province"


@dataclass(frozen=True)
class MonthPlan:
    """Targets of one group (the centre, or one district with its communes) in one month.

    ``pit`` (pending in time at the end) is given for the anchor month; other months give
    ``pending_end`` (overdue + in time at the end).  ``on_time`` follows from the rest:
    total = on_time + late + rw + pit."""

    received_new: int
    late: int
    pending_overdue: int  # part of late still open at the end
    returned_withdrawn: int
    pending_end: int | None = None
    pit: int | None = None
    online: int = 0
    online_partial: int = 0  # of online; the rest are full
    delivered: int | None = None  # exact count of results handed over (centre, anchor only)


# --- the reference months ------------------------------------------------------------------

#: October 2021 (21/9 - 20/10): the reference report.
OCTOBER = {
    PROVINCE: MonthPlan(5409, 13, 3, 117, pit=2146, online=2147, online_partial=85, delivered=5007),
    "Thành phố Vĩnh Yên": MonthPlan(2600, 60, 15, 3, pit=35, online=3),
    "Thành phố Phúc Yên": MonthPlan(2300, 50, 12, 3, pit=30, online=2),
    "Huyện Lập Thạch": MonthPlan(2500, 120, 30, 3, pit=40),
    "Huyện Tam Dương": MonthPlan(2000, 90, 20, 2, pit=25, online=1),
    "Huyện Tam Đảo": MonthPlan(1500, 40, 10, 2, pit=20),
    "Huyện Bình Xuyên": MonthPlan(2700, 110, 25, 3, pit=40, online=2),
    "Huyện Yên Lạc": MonthPlan(3316, 200, 45, 4, pit=45, online=1),
    "Huyện Vĩnh Tường": MonthPlan(2100, 136, 30, 2, pit=30),
    "Huyện Sông Lô": MonthPlan(1858, 6, 2, 1, pit=130),
}

#: September 2021 (21/8 - 20/9): its pending files are October's carried-over ones
#: (2.110 at the centre, 643 at district and commune level).
SEPTEMBER = {
    PROVINCE: MonthPlan(5200, 42, 4, 112, pending_end=2110, online=1602, online_partial=70),
    "Thành phố Vĩnh Yên": MonthPlan(2500, 62, 15, 3, pending_end=80, online=2),
    "Thành phố Phúc Yên": MonthPlan(2250, 49, 12, 2, pending_end=70, online=1),
    "Huyện Lập Thạch": MonthPlan(2450, 118, 30, 3, pending_end=85),
    "Huyện Tam Dương": MonthPlan(1950, 88, 20, 2, pending_end=60, online=1),
    "Huyện Tam Đảo": MonthPlan(1450, 22, 8, 2, pending_end=45),
    "Huyện Bình Xuyên": MonthPlan(2650, 106, 25, 3, pending_end=90, online=1),
    "Huyện Yên Lạc": MonthPlan(3250, 175, 45, 4, pending_end=110),
    "Huyện Vĩnh Tường": MonthPlan(2050, 110, 28, 2, pending_end=65),
    "Huyện Sông Lô": MonthPlan(1800, 60, 5, 1, pending_end=38),
}

#: the shape of other months: received per month, late share, returned share,
#: pending share, online share of received (centre) or online files a month
BASE = {
    PROVINCE: (5100, 0.007, 0.022, 0.40, 0.28),
    "Thành phố Vĩnh Yên": (2500, 0.025, 0.0012, 0.030, 2),
    "Thành phố Phúc Yên": (2250, 0.022, 0.0012, 0.030, 1),
    "Huyện Lập Thạch": (2400, 0.048, 0.0012, 0.035, 0),
    "Huyện Tam Dương": (1950, 0.045, 0.0010, 0.030, 1),
    "Huyện Tam Đảo": (1450, 0.012, 0.0012, 0.030, 0),
    "Huyện Bình Xuyên": (2600, 0.040, 0.0012, 0.034, 1),
    "Huyện Yên Lạc": (3200, 0.058, 0.0012, 0.034, 0),
    "Huyện Vĩnh Tường": (2050, 0.060, 0.0010, 0.032, 0),
    "Huyện Sông Lô": (1800, 0.032, 0.0006, 0.022, 0),
}

#: communes that receive no file in a month: mostly in Vĩnh Tường in October
QUIET = {
    (2021, 10): (
        "Xã Cao Đại",
        "Xã Vũ Di",
        "Xã Lý Nhân",
        "Xã Tuân Chính",
        "Xã Xuân Lôi",
        "Xã Hướng Đạo",
    ),
    (2021, 9): (
        "Xã Cao Đại",
        "Xã Vũ Di",
        "Xã Lý Nhân",
        "Xã Tuân Chính",
        "Xã Vân Xuân",
        "Xã Xuân Lôi",
        "Xã Hướng Đạo",
        "Xã Đồng Tĩnh",
        "Xã Sơn Đông",
    ),
}
#: months whose small communes receive even less (more desks under 50 files)
THIN_MONTHS = {(2021, 8): 0.3, (2021, 9): 0.45}
ANCHOR = (2021, 10)
