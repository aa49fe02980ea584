"""The fund line (年度资金总额): execution rate = 全年执行数 / 全年预算数, score = weight × rate."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.provenance import Derived
from jixiao.model.selfeval import FundRow
from jixiao.score.card import ScoreLine, rounded
from jixiao.score.rules import fmt
from jixiao.score.ruleset import Ruleset


def _line(fund: FundRow, weight: Decimal | None, method: str, exact: Decimal | None, formula: str,
          explanation: str, rs: Ruleset, notes: tuple[str, ...] = ()) -> ScoreLine:
    computed = rounded(exact, rs.precision) if exact is not None else None
    derived = None
    if computed is not None:
        derived = Derived(rule=f"score.{method}", formula=f"{formula} = {fmt(computed)}",
                          inputs=(fund.executed.where, fund.budget.where, fund.weight.where))
    return ScoreLine(
        kind="fund", index=-1, name=fund.item.text or "年度资金总额", level1=None, level2=None,
        weight=weight, printed=fund.score.number, computed=computed, method=method,
        formula=f"{formula} = {fmt(computed)}" if computed is not None else formula,
        explanation=explanation, where=fund.where, derived=derived, exact=exact, notes=notes)


def score_fund(fund: FundRow | None, rs: Ruleset) -> ScoreLine | None:
    """The execution score, or ``None`` where neither the table nor the rule set gives it points."""
    if fund is None:
        return None
    weight = fund.weight.number
    if weight is None and rs.weights.execution:
        weight = rs.weights.execution
    if not weight:
        if fund.score.empty:
            return None
        return _line(fund, weight, "not_computable", None, "", "资金执行率未设分值，却印有得分", rs)
    budget, executed = fund.budget.number, fund.executed.number
    notes: tuple[str, ...] = ()
    label = "全年预算数"
    if not budget and fund.initial.number:
        budget, label = fund.initial.number, "年初预算数"
        notes = ("未填全年预算数，按年初预算数计算执行率",)
    if not budget or executed is None:
        return _line(fund, weight, "not_computable", None, "",
                     "缺少全年预算数或全年执行数，无法计算执行率", rs, notes)
    rate = executed / budget
    exact = min(weight, weight * rate)
    percent = rounded(rate * 100, 2)
    printed_rate = fund.rate.number
    if printed_rate is not None and rounded(rate * 100, fund.rate.decimals or 0) != printed_rate:
        notes += (f"印制执行率 {fmt(printed_rate)}% 与计算值 {fmt(percent)}% 不符",)
    cap = "（执行率超过 100%，按满分计）" if rate > 1 else ""
    explanation = (f"执行率 = 全年执行数 {fmt(executed)} / {label} {fmt(budget)} = {fmt(percent)}%；"
                   f"得分 = 分值 {fmt(weight)} × 执行率{cap}")
    return _line(fund, weight, "execution", exact, f"{fmt(weight)} × {fmt(percent)}%", explanation, rs,
                 notes)
