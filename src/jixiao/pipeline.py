"""The visible pipeline: decode → detect → read → resolve → score → check, each step timed.

No step raises on bad input: an unreadable file becomes a ``Result`` with ``unreadable`` set.
The CLI (``audit``, ``import``), the store (import, upload, rescoring after an edit) and the
web call these same functions: ``run_bytes`` for one file, ``score_and_check`` for a document
rebuilt after an edit, ``check_together`` / ``link_results`` for the linkage checks (L0xx) that
need several documents at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jixiao.model.document import Document
from jixiao.model.findings import Finding
from jixiao.readers.detect import overlap_findings, read_sheet, unread_findings
from jixiao.resolve import merge
from jixiao.sources.registry import load
from jixiao.sources.sheet import Sheet, UnreadableInput

if TYPE_CHECKING:
    from jixiao.score.card import Scorecard

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the pipeline learnt about one file."""

    source: str
    document: Document
    scorecards: tuple[Scorecard, ...] = ()
    findings: tuple[Finding, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()
    unreadable: UnreadableInput | None = None
    size: int = 0
    ruleset: str | None = None        # the rule set asked for (None: chosen by region and year)

    @property
    def has_errors(self) -> bool:
        return any(f.severity.value == "error" for f in self.findings)


@dataclass
class _Clock:
    laps: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.laps.append((name, time.perf_counter() - start))


def read_document(name: str, data: bytes, clock: _Clock | None = None) -> tuple[Document, Sheet]:
    """decode → detect/read → resolve; raises ``UnreadableInput`` only for undecodable input."""
    clock = clock or _Clock()
    with clock.step("decode"):
        sheet = load(name, data)
    with clock.step("read"):
        results = read_sheet(sheet)
    with clock.step("resolve"):
        document = merge(name, results, overlap_findings(sheet, results) + unread_findings(sheet, results))
    return document, sheet


def run_bytes(name: str, data: bytes, ruleset: str | None = None, tier: str = "default") -> Result:
    """Run the whole pipeline on one file's bytes."""
    from jixiao.checks.registry import run_checks
    from jixiao.score.engine import score_document

    clock = _Clock()
    try:
        document, _ = read_document(name, data, clock)
    except UnreadableInput as exc:
        return Result(source=name, document=Document(source=name), unreadable=exc,
                      timings=tuple(clock.laps), size=len(data))
    except (MemoryError, RecursionError):
        raise      # the worker pool names these (jixiao.workers)
    except Exception as exc:   # a reader's failure on odd input is this file's message, never a crash
        logging.getLogger(__name__).info("读取 %s 时出错", name, exc_info=True)
        kind = type(exc).__name__
        return Result(source=name, document=Document(source=name), timings=tuple(clock.laps), size=len(data),
                      unreadable=UnreadableInput(f"读取失败：文件内容异常，无法读取（{kind}）",
                                                 f"reading failed: {kind}"))
    with clock.step("score"):
        scorecards = score_document(document, ruleset)
    with clock.step("check"):
        findings = run_checks(document, scorecards, tier=tier)
    return Result(source=name, document=document, scorecards=tuple(scorecards),
                  findings=tuple(findings), timings=tuple(clock.laps), size=len(data), ruleset=ruleset)


def run(path: str | Path, ruleset: str | None = None, tier: str = "default") -> Result:
    """Run the pipeline on a file; a file that cannot be opened is an unreadable result."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Result(source=path.name, document=Document(source=path.name),
                      unreadable=UnreadableInput(f"无法打开文件：{exc.strerror}", f"cannot open file: {exc.strerror}"))
    return run_bytes(path.name, data, ruleset, tier)


def score_and_check(document: Document, ruleset: str | None = None,
                    tier: str = "default") -> tuple[tuple[Scorecard, ...], tuple[Finding, ...]]:
    """score → check on a document already read (e.g. rebuilt with a person's edits)."""
    from jixiao.checks.registry import run_checks
    from jixiao.score.engine import score_document

    scorecards = tuple(score_document(document, ruleset))
    return scorecards, tuple(run_checks(document, scorecards, tier=tier))


@cache
def linkage_codes() -> frozenset[str]:
    """The codes of the checks that compare documents with each other (area ``linkage``)."""
    from jixiao.checks.registry import all_checks

    return frozenset(c.code for c in all_checks().values() if c.area == "linkage")


def check_together(documents: Sequence[Document], findings: Sequence[Sequence[Finding]],
                   tier: str = "default") -> tuple[tuple[Finding, ...], ...]:
    """Each document's findings with its linkage findings computed against all ``documents``.

    ``findings[i]`` are document ``i``'s own findings (``run_bytes``, ``score_and_check``): their
    linkage findings saw that document alone and are replaced by those across the set.
    """
    from jixiao.checks.linkage import link_documents

    codes = linkage_codes()
    linked = link_documents(list(documents), tier)
    return tuple(tuple(f for f in own if f.code not in codes) + across
                 for own, across in zip(findings, linked, strict=True))


def link_results(results: Sequence[Result], tier: str = "default") -> tuple[Result, ...]:
    """The results of one run with linkage across all its readable documents (``jixiao audit``)."""
    readable = [r for r in results if r.unreadable is None]
    linked = iter(check_together([r.document for r in readable], [r.findings for r in readable], tier))
    return tuple(r if r.unreadable is not None else replace(r, findings=next(linked)) for r in results)


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start
