"""PDF: each page's ruled tables as rows of real cells, the text around them as lines,
all in the order they stand on the page, every line keeping its page number.

A title printed above a table stays above it, a note below stays below. Rows are on the
table's grid, as every source gives them: a merged cell's text stands in its first grid
cell and the cells it covers are empty. A cell's text wrapped over lines is joined back.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass
from typing import Any

from jixiao.sources import ocr
from jixiao.sources.sheet import Box, Line, Sheet, UnreadableInput

NAME = "pdf"
LABEL = "PDF"        # what the upload page calls it
SUFFIXES = (".pdf",)
_SCALE = 2.0                 # 144 dpi: small print still reads


@dataclass(frozen=True)
class TableSettings:
    """pdfplumber's table finder, as the official forms are printed: cells drawn with
    ruling lines (Word and Excel print every border); text a little off a line still
    belongs to its cell."""

    vertical_strategy: str = "lines"
    horizontal_strategy: str = "lines"
    snap_tolerance: float = 3
    join_tolerance: float = 3
    intersection_tolerance: float = 3


SETTINGS = TableSettings()
_WRAP = re.compile(r"(?<![A-Za-z])\n|\n(?![A-Za-z])")   # a break between letters is a space


def identify(name: str, head: bytes) -> float:
    return 1.0 if head.startswith(b"%PDF") else 0.0


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    return _WRAP.sub("", text).replace("\n", " ")


def _row_cells(row: Any, texts: list[str | None]) -> list[str]:
    """One table row on the grid: a merged cell's text in its first grid cell, the cells
    it covers (across and below) empty."""
    return ["" if bbox is None else _cell_text(text) for bbox, text in zip(row.cells, texts, strict=False)]


def _page_rows(page: Any) -> list[tuple[list[str], list[Box | None]]]:
    """The page's lines and table rows, top to bottom, with where each cell stands."""
    tables = page.find_tables(asdict(SETTINGS))
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    width, height = float(page.width) or 1.0, float(page.height) or 1.0

    def box(b: Any) -> Box | None:
        return None if b is None else (b[0] / width, b[1] / height, b[2] / width, b[3] / height)

    placed: list[tuple[float, int, list[str], list[Box | None]]] = [
        (line["top"], 0, [line["text"]], [box((line["x0"], line["top"], line["x1"], line["bottom"]))])
        for line in outside.extract_text_lines()]
    for table in tables:
        for row, texts in zip(table.rows, table.extract(), strict=False):
            placed.append((row.bbox[1], 1, _row_cells(row, texts), [box(b) for b in row.cells]))
        placed.append((table.bbox[3], 2, [""], [None]))    # a blank line after a table, as HTML gives
    placed.sort(key=lambda item: (item[0], item[1]))
    return [(cells, boxes) for _, _, cells, boxes in placed]


def load(name: str, data: bytes) -> Sheet:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise UnreadableInput("无法打开 PDF 文件（已损坏或加密）", f"cannot open PDF: {type(exc).__name__}") from exc
    lines: list[Line] = []
    with pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            for cells, boxes in _page_rows(page):
                lines.append(Line(number=len(lines) + 1, text="\t".join(cells), cells=tuple(cells),
                                  page=page_number, boxes=tuple(boxes)))
            page.close()                 # its parsed objects: memory stays flat over long files
    if not any(line.text.strip() for line in lines):
        return _scanned(name, data)
    return Sheet(file=name, lines=tuple(lines), format="pdf")


def _scanned(name: str, data: bytes) -> Sheet:
    """A PDF of page images: its pages rendered and read by OCR (where it is installed)."""
    if not ocr.available():
        raise UnreadableInput("PDF 中没有可提取的文字（可能是扫描件）：请安装 jixiao[ocr] 以进行文字识别",
                              "no extractable text in PDF (scanned?): install the OCR extra, pip install 'jixiao[ocr]'")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own kinds on damaged files
        raise UnreadableInput("无法打开 PDF 扫描件（已损坏或加密）", f"cannot render PDF: {type(exc).__name__}") from exc
    try:
        pages = (document[i].render(scale=_SCALE).to_pil() for i in range(min(len(document), ocr.MAX_PAGES)))
        lines = ocr.page_lines(pages)
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput("PDF 扫描件无法识别（页面无法渲染）", f"cannot render PDF page: {type(exc).__name__}") from exc
    finally:
        document.close()
    if not any(line.text.strip() for line in lines):
        raise UnreadableInput("PDF 扫描件中没有识别出文字", "no text recognised in the scanned PDF")
    return Sheet(file=name, lines=tuple(lines), format="scan")
