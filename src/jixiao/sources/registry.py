"""The one list of sources: file format → neutral sheet. A source is a module with
``NAME``, ``identify(name, head) -> confidence`` and ``load(name, data) -> Sheet``."""

from __future__ import annotations

from types import ModuleType

from jixiao.sources import docx, html, image, pdf, text, xls, xlsx
from jixiao.sources.sheet import Sheet, UnreadableInput

SOURCES: tuple[ModuleType, ...] = (pdf, docx, xlsx, xls, html, image, text)

MAX_BYTES = 32 * 1024 * 1024


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
    return best.load(name, data)  # type: ignore[no-any-return]
