"""The demo month's document, written once for the document tests."""

from __future__ import annotations

import pytest

from tests.support.docx_reading import Written
from tthc_report.api import build_report
from tthc_report.config import Settings, apply_values

#: the names of the heading and the closing block (recipients as staff type them)
NAMES = {
    "managing_body": "UBND tỉnh Vĩnh Phúc",
    "issuing_body": "Trung tâm Phục vụ hành chính công",
    "document_code": "TTPVHCC",
    "place": "Vĩnh Phúc",
    "recipients": ["UBND tỉnh (để báo cáo);", "- Văn phòng UBND tỉnh"],
    "signer_title": "Giám đốc",
    "signer_name": "Nguyễn Văn A",
}


@pytest.fixture(scope="session")
def october(demo, tmp_path_factory: pytest.TempPathFactory) -> Written:
    settings = apply_values(Settings(), NAMES, "test")
    report = build_report(demo.exports, settings, month=(2021, 10), units_file=demo.catalog)
    return Written(report, settings, tmp_path_factory.mktemp("doc") / "BaoCao_TTHC_2021-10.docx")
