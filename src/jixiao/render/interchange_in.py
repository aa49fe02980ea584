"""Interchange JSON (../shared/LABELS.md) back into the model: the importer of ``extract`` output.

Numbers come back as printed text (``4.88``, ``80.8%`` for rates) so that ``Cell.number`` and
``Cell.decimals`` work as on a read document; every cell points at ``source``.
"""

from __future__ import annotations

from typing import Any

from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionRow,
    FunctionTable,
    NarrativeFact,
    SummaryLine,
    SummaryTable,
    ThreePublic,
    ThreePublicTable,
)
from jixiao.model.document import Document
from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, SelfEvaluation
from jixiao.model.targets import FUND_KEYS, PerformanceTarget, TargetFunds, TargetIndicator
from jixiao.model.values import EMPTY, Cell

JSON = dict[str, Any]


def number_text(value: object) -> str | None:
    """A JSON number as it would be printed: ``5.0`` → ``5``, ``4.88`` → ``4.88``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text:
            text = format(value, "f")
        return text[:-2] if text.endswith(".0") else text
    return str(value)


class _Cells:
    """Makes cells that all point at one source file."""

    def __init__(self, source: str) -> None:
        self.where = Where(file=source)

    def text(self, value: object) -> Cell:
        return EMPTY if value is None else Cell.read(str(value), self.where)

    def num(self, value: object, percent: bool = False) -> Cell:
        text = number_text(value)
        if text is None:
            return EMPTY
        if percent and isinstance(value, (int, float)):
            text += "%"
        return Cell.read(text, self.where)


def _evaluation(d: JSON, kind: EvaluationKind, c: _Cells) -> SelfEvaluation:
    funds = tuple(FundRow(item=c.text(f.get("item")), initial=c.num(f.get("initial")),
                          budget=c.num(f.get("budget")), executed=c.num(f.get("executed")),
                          weight=c.num(f.get("weight")), rate=c.num(f.get("rate"), percent=True),
                          score=c.num(f.get("score")), where=c.where)
                  for f in d.get("funds") or ())
    indicators = tuple(Indicator(level1=i.get("level1"), level2=i.get("level2"), name=c.text(i.get("name")),
                                 target=c.text(i.get("target")), actual=c.text(i.get("actual")),
                                 weight=c.num(i.get("weight")), score=c.num(i.get("score")),
                                 reason=c.text(i.get("reason")), where=c.where)
                       for i in d.get("indicators") or ())
    return SelfEvaluation(
        kind=kind, seq=int(d.get("seq") or 0), year=d.get("year"), project=c.text(d.get("project")),
        department=c.text(d.get("department")), unit=c.text(d.get("unit")), funds=funds,
        goal_planned=c.text(d.get("goal_planned")), goal_actual=c.text(d.get("goal_actual")),
        indicators=indicators, total_weight=c.num(d.get("total_weight")),
        total_score=c.num(d.get("total_score")), method=c.text(d.get("method")), where=c.where,
        layout="interchange")


def _target(d: JSON, c: _Cells) -> PerformanceTarget:
    funds = d.get("funds") or {}
    return PerformanceTarget(
        seq=int(d.get("seq") or 0), year=d.get("year"), project=c.text(d.get("project")),
        department=c.text(d.get("department")), unit=c.text(d.get("unit")),
        attribute=c.text(d.get("attribute")), period_years=c.num(d.get("period_years")),
        project_total=c.num(d.get("project_total")), annual_total=c.num(d.get("annual_total")),
        funds=TargetFunds(**{k: c.num(funds.get(k)) for k in FUND_KEYS}), goal=c.text(d.get("goal")),
        indicators=tuple(TargetIndicator(level1=i.get("level1"), level2=i.get("level2"),
                                         name=c.text(i.get("name")), target=c.text(i.get("target")),
                                         where=c.where)
                         for i in d.get("indicators") or ()),
        where=c.where, layout="interchange")


def _summary(d: JSON, c: _Cells) -> SummaryTable:
    def lines(side: str) -> tuple[SummaryLine, ...]:
        return tuple(SummaryLine(name=c.text(x.get("name")), line=x.get("line"),
                                 amounts=tuple(c.num(a) for a in x.get("amounts") or ()), where=c.where)
                     for x in d.get(side) or ())
    return SummaryTable(income=lines("income"), expense=lines("expense"))


def _function(rows: list[JSON], c: _Cells) -> FunctionTable:
    return FunctionTable(rows=tuple(FunctionRow(code=c.text(r.get("code")), name=c.text(r.get("name")),
                                                amounts=tuple(c.num(a) for a in r.get("amounts") or ()),
                                                where=c.where) for r in rows))


def _three(d: JSON, c: _Cells) -> ThreePublic:
    return ThreePublic(**{k: c.num(d.get(k)) for k in ("total", "abroad", "vehicle_total",
                                                        "vehicle_purchase", "vehicle_operation", "reception")})


def _accounts(d: JSON, c: _Cells) -> FinalAccounts:
    t = d.get("tables") or {}
    three = t.get("three_public")
    return FinalAccounts(
        year=d.get("year"), department=c.text(d.get("department")), amount_unit=d.get("amount_unit") or "元",
        income_expense_summary=_summary(t["income_expense_summary"], c) if "income_expense_summary" in t else None,
        fiscal_summary=_summary(t["fiscal_summary"], c) if "fiscal_summary" in t else None,
        income=_function(t["income"], c) if "income" in t else None,
        expense=_function(t["expense"], c) if "expense" in t else None,
        general_budget_expense=_function(t["general_budget_expense"], c) if "general_budget_expense" in t else None,
        government_fund=_function(t["government_fund"], c) if "government_fund" in t else None,
        state_capital=_function(t["state_capital"], c) if "state_capital" in t else None,
        basic_expense=tuple(EconomicRow(code=c.text(r.get("code")), name=c.text(r.get("name")),
                                        amount=c.num(r.get("amount")), where=c.where)
                            for r in t["basic_expense"]) if "basic_expense" in t else None,
        three_public=ThreePublicTable(budget=_three(three.get("budget") or {}, c),
                                      actual=_three(three.get("actual") or {}, c), where=c.where)
        if three is not None else None,
        narrative_facts=tuple(NarrativeFact(section=f.get("section") or "", subject=f.get("subject") or "",
                                            value=c.num(f.get("value")), unit=f.get("unit") or "",
                                            share=c.num(f.get("share")), where=c.where)
                              for f in d.get("narrative_facts") or ()),
        where=c.where)


def from_interchange(data: JSON, source: str | None = None) -> Document:
    """A ``Document`` from interchange JSON (labels or ``extract --json`` output)."""
    name = source or str(data.get("source") or "")
    c = _Cells(name)
    return Document(
        source=name,
        project_self_evaluations=tuple(_evaluation(e, EvaluationKind.PROJECT, c)
                                       for e in data.get("project_self_evaluations") or ()),
        department_self_evaluations=tuple(_evaluation(e, EvaluationKind.DEPARTMENT, c)
                                          for e in data.get("department_self_evaluations") or ()),
        performance_targets=tuple(_target(t, c) for t in data.get("performance_targets") or ()),
        final_accounts=tuple(_accounts(a, c) for a in data.get("final_accounts") or ()),
        notes=tuple(str(n) for n in data.get("notes") or ()),
    )
