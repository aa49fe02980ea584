"""Run every reader that recognises its layout; report tables two readers both claim."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where
from jixiao.readers.base import Reader, ReadResult, Span
from jixiao.readers.quality import CONTESTED, better, quality
from jixiao.readers.registry import all_readers
from jixiao.sources.sheet import Sheet

THRESHOLD = 0.2


def read_sheet(sheet: Sheet) -> list[tuple[str, ReadResult]]:
    """Each claiming reader's result, in registry order; overlaps become findings.

    Readers of one printing run first; the general form readers (``general = True``)
    then each read the lines no reader before them claimed, so a table is read once.
    Where a general reader also reads a target table another reader claimed, the more
    complete reading (``quality``) is kept and an R005 finding says which (never silently).
    """
    results = _run([r for r in all_readers() if not getattr(r, "general", False)], sheet)
    for reader in (r for r in all_readers() if getattr(r, "general", False)):
        claimed = [s for _, r in results for s in r.spans]
        rest = _unclaimed(sheet, claimed)
        if claimed and getattr(reader, "contests", False):
            results = _contest(sheet, results, _run([reader], sheet))
        if rest.lines:
            results += _run([reader], _unclaimed(sheet, [s for _, r in results for s in r.spans]))
    return results


def _contest(sheet: Sheet, results: list[tuple[str, ReadResult]], rivals: list[tuple[str, ReadResult]]
             ) -> list[tuple[str, ReadResult]]:
    """A general reader's readings of tables other readers claimed, kept where better."""
    out = list(results)
    claimed = sorted((span.first, span.last, k, j) for k, (_, result) in enumerate(out)
                     if len(result.items) == len(result.spans) for j, span in enumerate(result.spans))
    firsts = [c[0] for c in claimed]
    longest = max((c[1] - c[0] for c in claimed), default=0)
    for rival_name, rival in rivals:
        for item, span in zip(rival.items, rival.spans, strict=False):
            # the claimed tables that may overlap: those starting within a table's length before it
            low, high = bisect.bisect_left(firsts, span.first - longest), bisect.bisect_right(firsts, span.last)
            decided: set[int] = set()            # one reading of each reader meets this rival
            for k, j in sorted((c[2], c[3]) for c in claimed[low:high]):
                name, result = out[k]
                mine, mine_span = result.items[j], result.spans[j]
                if k in decided or name == rival_name or type(mine) is not type(item) \
                        or not isinstance(item, CONTESTED) or not mine_span.overlaps(span):
                    continue
                decided.add(k)
                if better(item, mine):
                    note = Finding(
                        code="R005", severity=Severity.INFO, document_kind="document",
                        message=f"两个读取器读同一表格（{mine_span.label or span.label}）：采用{rival_name}的读法"
                                f"（完整度 {quality(item):.2f}，{name} 为 {quality(mine):.2f}）",
                        where=Where(file=sheet.file, line=span.first))
                    out[k] = (name, replace(result,
                                            items=result.items[:j] + (item,) + result.items[j + 1:],
                                            spans=result.spans[:j] + (_union(span, mine_span),)
                                            + result.spans[j + 1:],
                                            findings=result.findings + (note,)))
    return out


def _union(a: Span, b: Span) -> Span:
    """Both readings' lines: what either read stays claimed."""
    return Span(min(a.first, b.first), max(a.last, b.last), a.label or b.label)


def _unclaimed(sheet: Sheet, claimed: list[Span]) -> Sheet:
    """The sheet without the lines a reader has claimed."""
    inside = _claimed_test(claimed)
    return Sheet(file=sheet.file, format=sheet.format, encoding=sheet.encoding,
                 lines=tuple(x for x in sheet.lines if not inside(x.number)))


def _claimed_test(claimed: list[Span]) -> Callable[[int], bool]:
    """Whether a line is in any claimed span: the spans merged once, each line found by
    bisection (a long document holds thousands of tables: no test of every span per line)."""
    merged: list[list[int]] = []
    for span in sorted(claimed, key=lambda s: s.first):
        if merged and span.first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], span.last)
        else:
            merged.append([span.first, span.last])
    firsts = [m[0] for m in merged]

    def inside(number: int) -> bool:
        k = bisect.bisect_right(firsts, number) - 1
        return k >= 0 and merged[k][1] >= number

    return inside


def _run(readers: list[Reader], sheet: Sheet) -> list[tuple[str, ReadResult]]:
    results: list[tuple[str, ReadResult]] = []
    for reader in readers:
        try:
            if reader.identify(sheet) < THRESHOLD:
                continue
            result = reader.read(sheet)
        except Exception as exc:  # a reader bug must not lose the document
            result = ReadResult(findings=(Finding(
                code="R001", severity=Severity.ERROR,
                message=f"读取器 {reader.title} 读取失败：{type(exc).__name__}: {exc}",
                where=Where(file=sheet.file), document_kind="document"),))
        results.append((reader.name, result))
    return results


def overlap_findings(sheet: Sheet, results: list[tuple[str, ReadResult]]) -> tuple[Finding, ...]:
    """Two readers claiming the same lines is reported, never resolved silently."""
    claimed: list[tuple[str, Span]] = [(name, s) for name, r in results for s in r.spans]
    out = []
    for i, (name_a, a) in enumerate(claimed):
        for name_b, b in claimed[i + 1:]:
            if name_a != name_b and a.overlaps(b):
                out.append(Finding(
                    code="R002", severity=Severity.WARNING,
                    message=f"两个读取器同时认领同一表格：{name_a}（{a.label}）与 {name_b}（{b.label}）",
                    where=Where(file=sheet.file, line=max(a.first, b.first)),
                    document_kind="document"))
    return tuple(out)


_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?%?")
_MIN_RUN = 3            # tabular lines in a row before a region counts as a table left unread
_MAX_REPORTED = 5


def unread_findings(sheet: Sheet, results: list[tuple[str, ReadResult]]) -> tuple[Finding, ...]:
    """Regions that look like a table (lines of several cells, or of several numbers) that
    no reader claimed: each document says what it did not read (R007), never silently."""
    inside = _claimed_test([s for _, r in results for s in r.spans])
    runs: list[list[int]] = []
    current: list[int] = []
    for line in sheet.lines:
        if line.blank:
            continue
        free = not inside(line.number)
        if free and _tabular(line.cells, line.text):
            current.append(line.number)
            continue
        if len(current) >= _MIN_RUN:
            runs.append(current)
        current = []
    if len(current) >= _MIN_RUN:
        runs.append(current)
    regions = tuple(Finding(
        code="R007", severity=Severity.INFO, document_kind="document",
        message=f"第 {run[0]}–{run[-1]} 行像是表格，但没有读取器认得它的格式：其中的数字未读取、未审核。",
        where=Where(file=sheet.file, line=run[0])) for run in runs[:_MAX_REPORTED])
    return regions + doubtful_findings(sheet)


def doubtful_findings(sheet: Sheet) -> tuple[Finding, ...]:
    """Numbers a scan's text recognition read with low confidence: left empty, never
    guessed, and each said (R008) so that a person fills it from the page."""
    return tuple(Finding(
        code="R008", severity=Severity.WARNING, document_kind="document", excerpt=text,
        message=f"{f'第 {line.page} 页' if line.page else ''}第 {line.number} 行：数字识别可信度低（{confidence:.2f}，"
                f"识别为“{text}”），已留空，未参与计算和核对。请对照原件填写。",
        where=sheet.where(line, column)) for line in sheet.lines for column, text, confidence in line.doubtful)


def _tabular(cells: tuple[str, ...], text: str) -> bool:
    """Cells or numbers side by side, and no sentence (prose states figures too)."""
    if "。" in text or text.count("，") + text.count(",") - len(re.findall(r"\d,\d", text)) >= 2:
        return False
    if len(cells) < 2 and " | " in text:       # a ragged row of bars
        cells = tuple(text.split("|"))
    return sum(1 for c in cells if c.strip()) >= 3 or len(_NUMBER.findall(text)) >= 3
