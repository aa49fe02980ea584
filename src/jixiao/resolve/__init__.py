"""Resolve: merge what the readers found into one Document, in document order."""

from __future__ import annotations

from dataclasses import replace

from jixiao.model.accounts import FinalAccounts
from jixiao.model.document import Document
from jixiao.model.findings import Finding
from jixiao.model.selfeval import EvaluationKind, SelfEvaluation
from jixiao.model.targets import PerformanceTarget
from jixiao.readers.base import ReadResult


def _line(item: object) -> int:
    where = getattr(item, "where", None)
    return (where.line or 0) if where is not None else 0


def merge(source: str, results: list[tuple[str, ReadResult]], extra: tuple[Finding, ...] = ()) -> Document:
    """One Document from every reader's result; ``seq`` renumbered per kind from 1."""
    items = sorted((item for _, r in results for item in r.items), key=_line)
    project = [i for i in items if isinstance(i, SelfEvaluation) and i.kind is EvaluationKind.PROJECT]
    department = [i for i in items if isinstance(i, SelfEvaluation) and i.kind is EvaluationKind.DEPARTMENT]
    targets = [i for i in items if isinstance(i, PerformanceTarget)]
    accounts = [i for i in items if isinstance(i, FinalAccounts)]
    findings = tuple(f for _, r in results for f in r.findings) + extra
    return Document(
        source=source,
        project_self_evaluations=tuple(replace(e, seq=n) for n, e in enumerate(project, 1)),
        department_self_evaluations=tuple(replace(e, seq=n) for n, e in enumerate(department, 1)),
        performance_targets=tuple(replace(t, seq=n) for n, t in enumerate(targets, 1)),
        final_accounts=tuple(accounts),
        findings=findings,
    )
