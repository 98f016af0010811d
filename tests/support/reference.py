"""The reference report's headline sentences (tests/data/bao-cao-thang-10-2021.txt), for
every test that checks generated text against it."""

from __future__ import annotations

import re

from tests.support.paths import SEED

#: the one headline sentence the generated text writes differently (docs/narrative.md)
ONLINE_SHARE = "Tỷ lệ hồ sơ trực tuyến trung bình đạt 21,5%"


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=\.)\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])", paragraph) if s.strip()]


def reference_headlines() -> list[str]:
    """The two headline paragraphs of the seed; the web page it was copied from wrote some
    spaces as no-break spaces, read here as plain spaces."""
    text = re.sub(r"[ \u00a0]+", " ", SEED.read_text(encoding="utf-8"))
    return [line.strip() for line in text.splitlines() if line.startswith("Tháng 10/2021 (Tính")]


def reference_sentences() -> list[str]:
    """Every sentence of the two headline paragraphs the generated text must repeat."""
    return [
        s for ref in reference_headlines() for s in sentences(ref) if not s.startswith(ONLINE_SHARE)
    ]
