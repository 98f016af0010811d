"""The document as a reader sees it: LibreOffice (Writer, headless) converts it to PDF; the
pages are A4, the text of each is where the layout puts it, and page 1 renders to PNG."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.docx_reading import Written
from tthc_report.testing.libreoffice import convert


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and " size:" in line:
            width, _, height = line.split("size:")[1].split()[:3]
            sizes.append((float(width), float(height)))
    return sizes


@pytest.fixture(scope="module")
def pdf(october: Written, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(october.path, tmp_path_factory.mktemp("pdf"), "pdf")


def test_libreoffice_converts_the_document_to_a4_pages(pdf: Path) -> None:
    sizes = page_sizes(pdf)
    assert 2 <= len(sizes) <= 4
    for width, height in sizes:  # A4 portrait, in points
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1


def test_what_each_page_shows(pdf: Path) -> None:
    first, *others = pdf_pages(pdf)
    for text in ("UBND TỈNH VĨNH PHÚC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: .../BC-TTPVHCC",
                 "Vĩnh Phúc, ngày ... tháng ... năm ...", "BÁO CÁO",
                 "Kết quả tiếp nhận, giải quyết thủ tục hành chính tháng 10/2021",
                 "Trung tâm tiếp nhận mới 5.409 hồ sơ"):  # fmt: skip
        assert text in first, text
    assert [page.split()[0] for page in others] == [str(n) for n in range(2, len(others) + 2)]
    assert not first.startswith("1 ")  # no number on the first page
    last = others[-1]
    assert "Nơi nhận:" in last and "GIÁM ĐỐC" in last and "Nguyễn Văn A" in last
    assert "Bảng tổng hợp kết quả tiếp nhận, giải quyết thủ tục hành chính" in " ".join(others)


def test_page_one_renders_to_png(pdf: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "trang")], check=True)  # fmt: skip
    (png,) = tmp_path.glob("trang*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
