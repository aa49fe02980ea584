"""What a finding comes from, shown to a person: its check's title and the printed source.

The stored original is read again (``sources.registry.load``) rather than kept line by line:
the source is the one authority on what was printed. Text-like documents show the lines
around the finding's line; PDFs, scans and images also have the page drawn with the finding's
cell outlined (``sources.pictures.page_picture``). Reading a scan means OCR, so the last few
sheets read are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jixiao.checks.registry import lookup
from jixiao.sources.pictures import PAGED, page_picture
from jixiao.sources.registry import load
from jixiao.sources.sheet import Sheet, UnreadableInput
from jixiao.store.repository import Invalid, NotFound, get_document, get_finding

AROUND = 3      # lines shown before and after a finding's line
_KEPT = 8
_sheets: OrderedDict[str, Sheet] = OrderedDict()
_lock = threading.Lock()
# Codes given outside the registry: a check that crashed, a file that could not be read.
OTHER_TITLES = {"X001": "检查执行失败", "X002": "无法读取文件"}


def check_title(code: str | None) -> str:
    """The Chinese title of a finding code (``S004`` → ``得分超过分值``); empty if unknown."""
    if not code:
        return ""
    found = lookup(code)
    return found.title if found is not None else OTHER_TITLES.get(code, "")


def check_description(code: str | None) -> str:
    """Why the check matters and what to do (the registry's description)."""
    found = lookup(code) if code else None
    return found.description if found is not None else ""


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One printed line: its number, its cells as printed, and whether the finding is on it."""

    number: int
    cells: tuple[str, ...]
    here: bool


@dataclass(frozen=True, slots=True)
class FindingSource:
    """The lines around a finding and whether its page can be drawn; ``message`` says why not."""

    lines: tuple[SourceLine, ...] = ()
    paged: bool = False
    format: str | None = None
    message: str | None = None


def _sheet(digest: str, name: str, data: bytes) -> Sheet:
    with _lock:
        if digest in _sheets:
            _sheets.move_to_end(digest)
            return _sheets[digest]
    sheet = load(name, data)
    with _lock:
        _sheets[digest] = sheet
        while len(_sheets) > _KEPT:
            _sheets.popitem(last=False)
    return sheet


def finding_source(session: Session, finding_id: int, around: int = AROUND) -> FindingSource:
    """The printed lines around finding ``finding_id``'s line, read again from the original."""
    finding = get_finding(session, finding_id)
    if finding.line is None:
        return FindingSource(message="该审核发现不指向某一行（涉及整份文档或整张表），请查看原始文件")
    row = get_document(session, finding.document_id)
    try:
        sheet = _sheet(row.sha256, row.name, row.original)
    except UnreadableInput as exc:
        return FindingSource(message=f"原始文件无法再次读取：{exc.zh}")
    lines = tuple(SourceLine(x.number, x.cells or (x.text,), x.number == finding.line)
                  for x in sheet.lines if abs(x.number - finding.line) <= around)
    paged = sheet.format in PAGED and any(x.here for x in lines)
    message = None if any(x.here for x in lines) else f"原始文件中没有第 {finding.line} 行"
    return FindingSource(lines=lines, paged=paged, format=sheet.format, message=message)


def finding_picture(session: Session, finding_id: int) -> bytes:
    """The page of a PDF, scan or image a finding stands on, its cell outlined (PNG)."""
    finding = get_finding(session, finding_id)
    if finding.line is None:
        raise NotFound("该审核发现不指向某一行，没有可显示的页面")
    row = get_document(session, finding.document_id)
    try:
        return page_picture(row.name, row.original, finding.line, finding.column_index)
    except UnreadableInput as exc:
        raise Invalid(exc.zh) from None
