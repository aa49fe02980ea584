"""The one list of sources: file format → neutral sheet. A source is a module with
``NAME``, ``LABEL`` and ``SUFFIXES`` (what the upload page offers), ``identify(name, head)
-> confidence`` and ``load(name, data) -> Sheet``."""

from __future__ import annotations

from types import ModuleType

from jixiao.limits import TooComplex, current
from jixiao.sources import docx, html, image, pdf, text, xls, xlsx
from jixiao.sources.sheet import Sheet, UnreadableInput

SOURCES: tuple[ModuleType, ...] = (pdf, docx, xlsx, xls, html, image, text)

MAX_BYTES = 32 * 1024 * 1024   # a file read from disk (the CLI); uploads are bounded by ``Limits``


def load(name: str, data: bytes) -> Sheet:
    """Decode ``data`` with the source that claims it most; ``UnreadableInput`` if none can."""
    if not data.strip():
        raise UnreadableInput("文件为空", "empty file")
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"文件过大（超过 {MAX_BYTES // 1048576} MB）",
                              f"file too large (over {MAX_BYTES // 1048576} MB)")
    head = data[:65536]
    ranked = sorted(SOURCES, key=lambda s: s.identify(name, head), reverse=True)
    best = ranked[0]
    if best.identify(name, head) <= 0:
        raise UnreadableInput("无法识别的文件格式", "unrecognised file format")
    if best is pdf:
        check_pages(data)
    return best.load(name, data)  # type: ignore[no-any-return]


def check_pages(data: bytes) -> None:
    """Refuse a PDF of more pages than ``Limits.pages`` before any page is laid out."""
    most = current().pages
    try:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            count = len(document)
        finally:
            document.close()
    except Exception:   # a PDF pdfium cannot open: the PDF source gives its own message
        return
    if count > most:
        raise TooComplex(f"PDF 页数过多（{count} 页，超过 {most:,} 页），拒绝读取",
                         f"PDF of {count} pages, over {most}, refused")
