"""The immutable core: frozen, slotted dataclasses with tuple fields."""

from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionRow,
    FunctionTable,
    NarrativeFact,
    SummaryLine,
    SummaryTable,
    TableKey,
    ThreePublic,
    ThreePublicTable,
)
from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import NOWHERE, Derived, Where
from jixiao.model.selfeval import (
    LEVEL1,
    LEVEL2,
    EvaluationKind,
    FundRow,
    Indicator,
    LevelHeading,
    SelfEvaluation,
)
from jixiao.model.targets import PerformanceTarget, TargetFunds, TargetIndicator
from jixiao.model.values import EMPTY, Cell, money, normalize_text

__all__ = [
    "EMPTY", "LEVEL1", "LEVEL2", "NOWHERE", "Cell", "Derived", "Document", "EconomicRow",
    "EvaluationKind", "FinalAccounts", "Finding", "FunctionRow", "FunctionTable", "FundRow",
    "Indicator", "LevelHeading", "NarrativeFact", "PerformanceTarget", "SelfEvaluation",
    "Severity", "SummaryLine", "SummaryTable", "TableKey", "TargetFunds", "TargetIndicator",
    "ThreePublic", "ThreePublicTable", "Where", "money", "normalize_text",
]
