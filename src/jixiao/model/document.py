"""A read document: everything one source file holds, and what went wrong reading it."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.accounts import FinalAccounts
from jixiao.model.findings import Finding
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.targets import PerformanceTarget


@dataclass(frozen=True, slots=True)
class Document:
    """The typed content of one source file, in document order within each kind."""

    source: str
    project_self_evaluations: tuple[SelfEvaluation, ...] = ()
    department_self_evaluations: tuple[SelfEvaluation, ...] = ()
    performance_targets: tuple[PerformanceTarget, ...] = ()
    final_accounts: tuple[FinalAccounts, ...] = ()
    findings: tuple[Finding, ...] = ()      # reading problems (unreadable, ambiguous, truncated)
    notes: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        out = []
        if self.project_self_evaluations:
            out.append("project_self_evaluations")
        if self.department_self_evaluations:
            out.append("department_self_evaluations")
        if self.performance_targets:
            out.append("performance_targets")
        if self.final_accounts:
            out.append("final_accounts")
        return tuple(out)

    @property
    def table_count(self) -> int:
        return (len(self.project_self_evaluations) + len(self.department_self_evaluations)
                + len(self.performance_targets) + len(self.final_accounts))
