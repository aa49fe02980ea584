"""The scoring rules for one indicator: which formula applies and what it gives.

A = 年度指标值 (target), B = 实际完成值 (actual). Reached → full weight; not reached →
weight × B / A; a ceiling (≤) or a cost over budget → weight × A / B; a qualitative value
→ the share its tier allows; anything else is the evaluator's judgement (no number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.score.ruleset import Ruleset
from jixiao.score.units import common_scale
from jixiao.values.value import IndicatorValue

_GAP = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Outcome:
    method: str
    exact: Decimal | None
    formula: str
    explanation: str
    low: Decimal | None = None
    high: Decimal | None = None
    notes: tuple[str, ...] = ()


def fmt(value: Decimal) -> str:
    """A Decimal as people write it: ``6.60`` stays ``6.60``, no exponent."""
    return format(value, "f")


def _compact(text: str) -> str:
    return _GAP.sub("", text).replace("＞", ">").replace("≧", "≥").replace("％", "%")


def reached(weight: Decimal, why: str) -> Outcome:
    return Outcome("reached", weight, f"得满分 {fmt(weight)}", why)


def judgement(why: str) -> Outcome:
    return Outcome("judgement", None, "", why)


def not_computable(why: str) -> Outcome:
    return Outcome("not_computable", None, "", why)


def _ratio(method: str, weight: Decimal, top: Decimal, bottom: Decimal, why: str, top_text: str,
           bottom_text: str) -> Outcome:
    """weight × top / bottom, never above the weight; the formula shows the numbers as printed."""
    exact = min(weight, weight * top / bottom)
    return Outcome(method, exact, f"{fmt(weight)} × {top_text} / {bottom_text}", why)


def _tiered(weight: Decimal, level: int, rs: Ruleset, wording: str) -> Outcome:
    tier = rs.tier(level)
    if tier is None:
        return judgement(f"定性指标“{wording}”无法归档，得分由评价人判断")
    high, low = weight * tier.high, weight * tier.low
    return Outcome("qualitative", high,
                   f"{fmt(weight)} × {tier.high * 100:.0f}%",
                   f"定性指标按“三档”原则：实际完成“{wording}”属{tier.name}，得分应在 "
                   f"{fmt(low)}–{fmt(high)} 分之间（分值的 {tier.low * 100:.0f}%–{tier.high * 100:.0f}%）",
                   low=low, high=high)


def _deadline(weight: Decimal, target: IndicatorValue, actual: IndicatorValue) -> Outcome:
    if target.deadline is not None and actual.deadline is not None:
        if actual.deadline <= target.deadline:
            return reached(weight, f"完成时间 {actual.deadline} 不晚于期限 {target.deadline}，按时完成")
        return judgement(f"完成时间 {actual.deadline} 晚于期限 {target.deadline}，逾期完成，扣分由评价人判断")
    if actual.kind == "qualitative" and actual.level == 1:
        return reached(weight, f"实际完成“{actual.text}”，视为按时完成")
    return judgement(f"时效指标“{target.text}”与实际“{actual.text}”无法按日期比较")


def _several(weight: Decimal, target: IndicatorValue, actual: IndicatorValue) -> Outcome:
    if len(target.quantities) != len(actual.quantities):
        return judgement("指标值与实际完成值所列数量个数不同，得分由评价人判断")
    for a, b in zip(target.quantities, actual.quantities, strict=True):
        pair = common_scale(a.number, a.unit, b.number, b.unit)
        if pair is None or pair[1] < pair[0]:
            return judgement("多项数量未全部达到，得分由评价人判断")
    return reached(weight, "所列各项数量均已达到")


def _quantitative(weight: Decimal, target: IndicatorValue, actual: IndicatorValue, cost: bool,
                  rs: Ruleset) -> Outcome:
    assert target.number is not None and actual.number is not None
    pair = common_scale(target.number, target.unit, actual.number, actual.unit)
    if pair is None:
        return not_computable(f"单位不一致（{target.unit} 与 {actual.unit}），无法按公式计算")
    a, b = pair
    ta, tb = fmt(target.number), fmt(actual.number)
    if (a, b) != (target.number, actual.number):     # 4.27万 against 45000: show the common scale
        ta, tb = fmt(a.normalize()), fmt(b.normalize())
    if a == b:
        return reached(weight, f"实际完成值 {tb} 等于指标值 {ta}")
    if cost and not target.reverse:
        if b < a:
            if rs.cost_direction == "both":
                return _ratio("cost", weight, b, a,
                              f"成本指标节约也扣分（本规则集）：得分 = 分值 × 实际 {tb} / 指标值 {ta}", tb, ta)
            return reached(weight, f"成本 {tb} 未超过指标值 {ta}")
        return _ratio("cost", weight, a, b, f"成本超支：得分 = 分值 × 指标值 {ta} / 实际 {tb}", ta, tb)
    if target.reverse:
        if b <= a:
            return reached(weight, f"实际 {tb} 未超过上限 {ta}")
        if b == 0:
            return not_computable("实际完成值为 0，无法按 A/B 计算")
        return _ratio("reverse", weight, a, b, f"反向指标超出上限：得分 = 分值 × 指标值 {ta} / 实际 {tb}",
                      ta, tb)
    if b >= a:
        notes: tuple[str, ...] = ()
        if a > 0 and b / a > 1 + rs.over_achievement:
            notes = (f"超额完成 {(b / a - 1) * 100:.0f}%（{tb} / {ta}），指标值可能设定偏低，应说明原因",)
        out = reached(weight, f"实际完成值 {tb} 达到指标值 {ta}")
        return Outcome(out.method, out.exact, out.formula, out.explanation, notes=notes)
    if a == 0:
        return not_computable("指标值为 0，无法按 B/A 计算")
    return _ratio("positive", weight, b, a, f"未达到指标值：得分 = 分值 × 实际 {tb} / 指标值 {ta}", tb, ta)


def score_values(weight: Decimal, target: IndicatorValue, actual: IndicatorValue, cost: bool,
                 rs: Ruleset) -> Outcome:
    """The outcome of one indicator once its weight is known."""
    if actual.empty:
        return not_computable("未填实际完成值，无法计算得分")
    if target.empty:
        return judgement("未填年度指标值，得分由评价人判断")
    if _compact(target.text) == _compact(actual.text):
        return reached(weight, f"实际完成值与指标值相同（{actual.text}）")
    if target.kind == "deadline":
        return _deadline(weight, target, actual)
    if target.is_number and actual.is_number:
        if len(target.quantities) > 1:
            return _several(weight, target, actual)
        return _quantitative(weight, target, actual, cost, rs)
    if actual.kind == "qualitative" and actual.level is not None:
        return _tiered(weight, actual.level, rs, actual.text)
    return judgement(f"指标值“{target.text}”与实际“{actual.text}”无法按公式比较，得分由评价人判断")
