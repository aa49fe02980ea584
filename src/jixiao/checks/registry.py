"""The one registry of checks (pycodestyle / sqlfluff style).

A check is a small function registered with ``@check(...)``: it receives a ``Context``
and yields ``Hit``s; the registry turns each hit into a ``Finding`` with the check's
stable code, severity and Chinese message template (``str.format`` over the hit's
``params``). Codes never change; a renamed check keeps its old code in ``aliases``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import NOWHERE, Where


class Tier(StrEnum):
    """When a check runs (as hledger): always, by default, in strict mode, or on request."""

    ALWAYS = "always"
    DEFAULT = "default"
    STRICT = "strict"
    ON_REQUEST = "on_request"


TIERS_RUN = {
    "default": {Tier.ALWAYS, Tier.DEFAULT},
    "strict": {Tier.ALWAYS, Tier.DEFAULT, Tier.STRICT},
    "all": {Tier.ALWAYS, Tier.DEFAULT, Tier.STRICT, Tier.ON_REQUEST},
}


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: the document and its scorecards (``score.engine.Scorecard``)."""

    document: Document
    scorecards: tuple[Any, ...] = ()
    corpus: tuple[Document, ...] = ()   # the other documents of one audit run (linkage checks)

    def scorecard_for(self, evaluation: object) -> Any:
        for card in self.scorecards:
            if card.evaluation is evaluation:
                return card
        return None


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence found by a check; ``params`` fill the message template."""

    where: Where = NOWHERE
    document_kind: str = ""
    project: str | None = None
    indicator: str | None = None
    table: str | None = None
    expected: str | None = None
    actual: str | None = None
    formula: str | None = None
    excerpt: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None   # overrides the check's default where the rule says so


@dataclass(frozen=True, slots=True)
class Example:
    """A check's example: a small input that must (or must not) raise the check's code.

    ``make`` builds the Document (often by reading inline text with a reader).
    The examples are also the check's tests (tests/check_examples).
    """

    description: str
    make: Callable[[], Document]
    fails: bool


@dataclass(frozen=True, slots=True)
class Check:
    code: str                 # stable: S… self-evaluation, T… targets, A… accounts, N… narrative, L… linkage
    name: str                 # English identifier, e.g. "total-not-sum"
    title: str                # Chinese title
    severity: Severity
    tier: Tier
    area: str                 # selfeval, targets, accounts, narrative, linkage
    template: str             # Chinese message template
    description: str          # Chinese: why it matters and what to do
    fn: Callable[[Context], Iterable[Hit]]
    examples: tuple[Example, ...] = ()
    aliases: tuple[str, ...] = ()


CHECKS: dict[str, Check] = {}


def check(code: str, name: str, title: str, severity: Severity, area: str, template: str,
          description: str = "", tier: Tier = Tier.DEFAULT, examples: tuple[Example, ...] = (),
          aliases: tuple[str, ...] = ()) -> Callable[[Callable[[Context], Iterable[Hit]]],
                                                       Callable[[Context], Iterable[Hit]]]:
    """Register a check function under a stable code."""

    def wrap(fn: Callable[[Context], Iterable[Hit]]) -> Callable[[Context], Iterable[Hit]]:
        if code in CHECKS:
            raise ValueError(f"check code {code} registered twice")
        CHECKS[code] = Check(code=code, name=name, title=title, severity=severity, tier=tier,
                             area=area, template=template, description=description or title,
                             fn=fn, examples=examples, aliases=aliases)
        return fn

    return wrap


def all_checks() -> dict[str, Check]:
    # Importing the modules registers their checks.
    from jixiao.checks import (  # noqa: F401
        accounts,
        linkage,
        narrative,
        reading,
        selfeval,
        targets,
    )

    return CHECKS


def lookup(code: str) -> Check | None:
    checks = all_checks()
    if code in checks:
        return checks[code]
    return next((c for c in checks.values() if code in c.aliases), None)


def to_finding(c: Check, hit: Hit) -> Finding:
    try:
        message = c.template.format(**hit.params)
    except (KeyError, IndexError, ValueError):
        message = c.title
    return Finding(code=c.code, severity=hit.severity or c.severity, message=message,
                   where=hit.where, document_kind=hit.document_kind, project=hit.project,
                   indicator=hit.indicator, table=hit.table, expected=hit.expected,
                   actual=hit.actual, formula=hit.formula, excerpt=hit.excerpt)


def iter_findings(ctx: Context, tier: str = "default", only: Iterable[str] = ()) -> Iterator[Finding]:
    wanted = TIERS_RUN.get(tier, TIERS_RUN["default"])
    only = set(only)
    for c in all_checks().values():
        if only and c.code not in only:
            continue
        if not only and c.tier not in wanted:
            continue
        try:
            for hit in c.fn(ctx):
                yield to_finding(c, hit)
        except Exception as exc:  # a check bug must not hide the other findings
            yield Finding(code="X001", severity=Severity.WARNING,
                          message=f"检查 {c.code}（{c.title}）执行失败：{type(exc).__name__}: {exc}",
                          where=Where(file=ctx.document.source), document_kind="document")


def run_checks(document: Document, scorecards: tuple[Any, ...] = (), tier: str = "default",
               only: Iterable[str] = ()) -> tuple[Finding, ...]:
    """Every registered check of the tier, over one document."""
    return tuple(iter_findings(Context(document=document, scorecards=tuple(scorecards)), tier, only))
