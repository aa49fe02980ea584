"""Interchange JSON (../shared/LABELS.md) back into the model: the importer of ``extract`` output.

Numbers come back as printed text (``4.88``, ``80.8%`` for rates) so that ``Cell.number`` and
``Cell.decimals`` work as on a read document; every cell points at ``source``.
"""

from __future__ import annotations

from typing import Any

from jixiao.model.document import Document
from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, SelfEvaluation
from jixiao.model.targets import FUND_KEYS, PerformanceTarget, TargetFunds, TargetIndicator
from jixiao.model.values import EMPTY, Cell
from jixiao.render.accounts_in import final_accounts_from_json, number_text

JSON = dict[str, Any]


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
        final_accounts=tuple(final_accounts_from_json(a, name) for a in data.get("final_accounts") or ()),
        notes=tuple(str(n) for n in data.get("notes") or ()),
    )
