"""What a reader is: ``identify`` (does this layout appear, how sure) and ``read``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from jixiao.model.accounts import FinalAccounts
from jixiao.model.findings import Finding
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.targets import PerformanceTarget
from jixiao.sources.sheet import Sheet

Item = SelfEvaluation | PerformanceTarget | FinalAccounts


@dataclass(frozen=True, slots=True)
class Span:
    """Lines ``first``..``last`` (inclusive, 1-based) a reader claims for one table."""

    first: int
    last: int
    label: str = ""

    def overlaps(self, other: Span) -> bool:
        return self.first <= other.last and other.first <= self.last


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a reader found: items in document order, the spans it claims, reading findings."""

    items: tuple[Item, ...] = ()
    spans: tuple[Span, ...] = ()
    findings: tuple[Finding, ...] = ()


class Reader(Protocol):
    name: str          # stable, e.g. "selfeval_form"
    title: str         # Chinese, shown to users

    def identify(self, sheet: Sheet) -> float:
        """Confidence in [0, 1] that this layout appears somewhere in the sheet."""
        ...

    def read(self, sheet: Sheet) -> ReadResult:
        """Everything of this layout the sheet holds; never raises on bad input."""
        ...
