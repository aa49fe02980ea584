"""Findings: what a check reports, with a stable code, a severity and a location."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.model.provenance import NOWHERE, Where


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found, actionable: where, what was expected, what is printed, how computed."""

    code: str
    severity: Severity
    message: str                       # Chinese, filled from the check's template
    where: Where = NOWHERE
    document_kind: str = ""            # project_self_evaluation, performance_target, final_accounts …
    project: str | None = None
    indicator: str | None = None
    table: str | None = None
    expected: str | None = None
    actual: str | None = None
    formula: str | None = None
    excerpt: str | None = None
