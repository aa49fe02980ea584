"""The interchange JSON of ../shared/LABELS.md: what ``jixiao extract`` writes."""

from __future__ import annotations

from typing import Any

from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionTable,
    SummaryTable,
    ThreePublic,
)
from jixiao.model.document import Document
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.targets import FUND_KEYS, PerformanceTarget
from jixiao.model.values import Cell

JSON = dict[str, Any]


def text(cell: Cell) -> str | None:
    return cell.text


def number(cell: Cell) -> float | str | None:
    """A numeric field: the number as printed; words stay words (never guessed)."""
    if cell.text is None:
        return None
    value = cell.number
    return float(value) if value is not None else cell.text


def self_evaluation(e: SelfEvaluation) -> JSON:
    return {
        "seq": e.seq,
        "year": e.year,
        "project": text(e.project),
        "department": text(e.department),
        "unit": text(e.unit),
        "funds": [
            {"item": text(f.item), "initial": number(f.initial), "budget": number(f.budget),
             "executed": number(f.executed), "weight": number(f.weight), "rate": number(f.rate),
             "score": number(f.score)}
            for f in e.funds
        ],
        "goal_planned": text(e.goal_planned),
        "goal_actual": text(e.goal_actual),
        "indicators": [
            {"level1": i.level1, "level2": i.level2, "name": text(i.name), "target": text(i.target),
             "actual": text(i.actual), "weight": number(i.weight), "score": number(i.score),
             "reason": text(i.reason)}
            for i in e.indicators
        ],
        "total_weight": number(e.total_weight),
        "total_score": number(e.total_score),
    }


def target(t: PerformanceTarget) -> JSON:
    return {
        "seq": t.seq,
        "year": t.year,
        "project": text(t.project),
        "department": text(t.department),
        "unit": text(t.unit),
        "attribute": text(t.attribute),
        "period_years": number(t.period_years),
        "project_total": number(t.project_total),
        "annual_total": number(t.annual_total),
        "funds": {k: number(getattr(t.funds, k)) for k in FUND_KEYS},
        "goal": text(t.goal),
        "indicators": [
            {"level1": i.level1, "level2": i.level2, "name": text(i.name), "target": text(i.target)}
            for i in t.indicators
        ],
    }


def _summary(table: SummaryTable) -> JSON:
    return {side: [{"name": text(line.name), "line": line.line,
                    "amounts": [number(a) for a in line.amounts]}
                   for line in getattr(table, side)]
            for side in ("income", "expense")}


def _function(table: FunctionTable) -> list[JSON]:
    return [{"code": text(r.code), "name": text(r.name), "amounts": [number(a) for a in r.amounts]}
            for r in table.rows]


def _economic(rows: tuple[EconomicRow, ...]) -> list[JSON]:
    return [{"code": text(r.code), "name": text(r.name), "amount": number(r.amount)} for r in rows]


def _three(t: ThreePublic) -> JSON:
    return {k: number(getattr(t, k)) for k in
            ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")}


def final_accounts(a: FinalAccounts) -> JSON:
    tables: JSON = {}
    for key in ("income_expense_summary", "fiscal_summary"):
        value = getattr(a, key)
        if value is not None:
            tables[key] = _summary(value)
    for key in ("income", "expense", "general_budget_expense", "government_fund", "state_capital"):
        value = getattr(a, key)
        if value is not None:
            tables[key] = _function(value)
    if a.basic_expense is not None:
        tables["basic_expense"] = _economic(a.basic_expense)
    if a.three_public is not None:
        tables["three_public"] = {"budget": _three(a.three_public.budget),
                                  "actual": _three(a.three_public.actual)}
    return {
        "year": a.year,
        "department": text(a.department),
        "amount_unit": a.amount_unit,
        "tables": tables,
        "narrative_facts": [
            {"section": f.section or None, "subject": f.subject, "value": number(f.value),
             "unit": f.unit, "share": number(f.share)}
            for f in a.narrative_facts
        ],
    }


def to_interchange(document: Document) -> JSON:
    return {
        "source": document.source,
        "notes": list(document.notes),
        "project_self_evaluations": [self_evaluation(e) for e in document.project_self_evaluations],
        "department_self_evaluations": [self_evaluation(e) for e in document.department_self_evaluations],
        "performance_targets": [target(t) for t in document.performance_targets],
        "final_accounts": [final_accounts(a) for a in document.final_accounts],
    }
