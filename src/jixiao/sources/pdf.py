"""PDF: pdfplumber's text, line by line, each line keeping its page number.

Table cells are separated by tabs where pdfplumber finds a table on the page, so the
same readers serve text extracted elsewhere and PDFs read here.
"""

from __future__ import annotations

import io
from typing import Any

from jixiao.sources.sheet import Line, Sheet, UnreadableInput

NAME = "pdf"
SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def identify(name: str, head: bytes) -> float:
    return 1.0 if head.startswith(b"%PDF") else 0.0


def _page_lines(page: Any) -> list[list[str]]:
    tables = page.find_tables(SETTINGS)
    if not tables:
        text = page.extract_text() or ""
        return [[t] for t in text.split("\n")]
    rows: list[list[str]] = []
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    for t in (outside.extract_text() or "").split("\n"):
        rows.append([t])
    for table in tables:
        for row in table.extract():
            rows.append([(c or "").replace("\n", " ") for c in row])
    return rows


def load(name: str, data: bytes) -> Sheet:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise UnreadableInput("无法打开 PDF 文件（已损坏或加密）", f"cannot open PDF: {type(exc).__name__}") from exc
    lines: list[Line] = []
    with pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            for cells in _page_lines(page):
                lines.append(Line(number=len(lines) + 1, text="\t".join(cells), cells=tuple(cells),
                                  page=page_number))
    if not any(line.text.strip() for line in lines):
        raise UnreadableInput("PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别）",
                              "no extractable text in PDF (scanned? run OCR first)")
    return Sheet(file=name, lines=tuple(lines), format="pdf")
