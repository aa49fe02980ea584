"""Documents built from the hand-made labels (LABELS.md), so checks can be measured before readers land.

Uses ``jixiao.render.interchange_in.from_interchange`` where it exists; otherwise this small converter.
"""

from __future__ import annotations

from typing import Any

from jixiao.model import (
    Cell,
    Document,
    EvaluationKind,
    FundRow,
    Indicator,
    PerformanceTarget,
    SelfEvaluation,
    TargetFunds,
    TargetIndicator,
    Where,
)


def _cell(value: Any, source: str) -> Cell:
    if value is None:
        return Cell(text=None)
    text = repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, float) and text.endswith(".0"):
        text = text[:-2]
    return Cell.read(text, Where(source))


def _evaluation(d: dict[str, Any], kind: EvaluationKind, source: str) -> SelfEvaluation:
    c = lambda v: _cell(v, source)  # noqa: E731
    funds = tuple(FundRow(item=c(f["item"]), initial=c(f["initial"]), budget=c(f["budget"]),
                          executed=c(f["executed"]), weight=c(f["weight"]),
                          rate=c(f"{c(f['rate']).text}%" if isinstance(f["rate"], float) else f["rate"]),
                          score=c(f["score"])) for f in d["funds"])
    indicators = tuple(Indicator(level1=i["level1"], level2=i["level2"], name=c(i["name"]),
                                 target=c(i["target"]), actual=c(i["actual"]), weight=c(i["weight"]),
                                 score=c(i["score"]), reason=c(i["reason"])) for i in d["indicators"])
    return SelfEvaluation(kind=kind, seq=d["seq"], year=d["year"], project=c(d["project"]),
                          department=c(d["department"]), unit=c(d["unit"]), funds=funds,
                          goal_planned=c(d["goal_planned"]), goal_actual=c(d["goal_actual"]),
                          indicators=indicators, total_weight=c(d["total_weight"]),
                          total_score=c(d["total_score"]), where=Where(source))


def _target(d: dict[str, Any], source: str) -> PerformanceTarget:
    c = lambda v: _cell(v, source)  # noqa: E731
    return PerformanceTarget(
        seq=d["seq"], year=d["year"], project=c(d["project"]), department=c(d["department"]),
        unit=c(d["unit"]), attribute=c(d["attribute"]), period_years=c(d["period_years"]),
        project_total=c(d["project_total"]), annual_total=c(d["annual_total"]),
        funds=TargetFunds(**{k: c(v) for k, v in d["funds"].items()}), goal=c(d["goal"]),
        indicators=tuple(TargetIndicator(level1=i["level1"], level2=i["level2"], name=c(i["name"]),
                                         target=c(i["target"])) for i in d["indicators"]),
        where=Where(source))


def from_labels(data: dict[str, Any], source: str) -> Document:
    try:
        from jixiao.render.interchange_in import from_interchange
    except ImportError:
        pass
    else:
        return from_interchange(data, source)  # type: ignore[no-any-return]
    return Document(
        source=source,
        project_self_evaluations=tuple(_evaluation(e, EvaluationKind.PROJECT, source)
                                       for e in data["project_self_evaluations"]),
        department_self_evaluations=tuple(_evaluation(e, EvaluationKind.DEPARTMENT, source)
                                          for e in data["department_self_evaluations"]),
        performance_targets=tuple(_target(t, source) for t in data["performance_targets"]),
    )
