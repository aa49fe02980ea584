"""The scoring rules for one indicator: which formula family applies and what it gives.

A = 年度指标值 (target), B = 实际完成值 (actual). The families are the named functions of
``score.formulas``; this module only decides which one a pair of printed values calls for
under a rule set: reached → full weight; not reached → positive; a ceiling (≤) → reverse in
the rule set's form; ``=`` → equal; a range → interval; a cost → reverse, or both ways where
the rule set says so; a qualitative value → the share its tier allows; a deviation the rule
set punishes → the deduction; anything else is the evaluator's judgement (no number).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from jixiao.score import formulas
from jixiao.score.formulas import Outcome, fmt
from jixiao.score.ruleset import Ruleset
from jixiao.score.units import common_scale
from jixiao.values.value import IndicatorValue

__all__ = ["Outcome", "fmt", "judgement", "not_computable", "reached", "score_values"]

_GAP = re.compile(r"\s+")
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)(%?)[-—–~～至](\d+(?:\.\d+)?)(%?)$")


def _compact(text: str) -> str:
    return _GAP.sub("", text).replace("＞", ">").replace("≧", "≥").replace("％", "%")


def reached(weight: Decimal, why: str) -> Outcome:
    return formulas.full(weight, why)


def judgement(why: str) -> Outcome:
    return Outcome("judgement", None, "", why)


def not_computable(why: str) -> Outcome:
    return Outcome("not_computable", None, "", why)


def interval_of(text: str) -> tuple[Decimal, Decimal] | None:
    """A target printed as a range (``80%-90%``, ``3～5``): its bounds, low first."""
    m = _RANGE.match(_compact(text))
    if not m:
        return None
    try:
        low, high = Decimal(m.group(1)), Decimal(m.group(3))
    except InvalidOperation:
        return None
    return (low, high) if low < high else None


def _tiered(weight: Decimal, level: int, rs: Ruleset, wording: str) -> Outcome:
    tier = rs.tier(level)
    if tier is None:
        return judgement(f"定性指标“{wording}”无法归档，得分由评价人判断")
    return formulas.qualitative(weight, tier.shown, tier.low, tier.high, wording)


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


def _deviation(weight: Decimal, a: Decimal, b: Decimal, level2: str | None, rs: Ruleset, ta: str,
               tb: str) -> Outcome | None:
    """The rule set's deviation deduction, where it covers this level-2 indicator."""
    dev = rs.deviation
    if dev is None or (dev.level2 and level2 not in dev.level2):
        return None
    return formulas.deviation_deduction(weight, a, b, dev.threshold, dev.deduction, ta, tb)


def _quantitative(weight: Decimal, target: IndicatorValue, actual: IndicatorValue, cost: bool,
                  rs: Ruleset, level2: str | None = None) -> Outcome:
    assert target.number is not None and actual.number is not None
    pair = common_scale(target.number, target.unit, actual.number, actual.unit)
    if pair is None:
        return not_computable(f"单位不一致（{target.unit} 与 {actual.unit}），无法按公式计算")
    a, b = pair
    ta, tb = fmt(target.number), fmt(actual.number)
    if (a, b) != (target.number, actual.number):     # 4.27万 against 45000: show the common scale
        if a and b and not 1 / rs.scale_slip <= b / a <= rs.scale_slip:
            return not_computable(f"指标值 {target.text} 与实际值 {actual.text} 相差上千倍，金额单位疑似笔误，无法按公式计算")
        ta, tb = fmt(a.normalize()), fmt(b.normalize())
    if a == b:
        return reached(weight, f"实际完成值 {tb} 等于指标值 {ta}")
    if (deducted := _deviation(weight, a, b, level2, rs, ta, tb)) is not None:
        return deducted
    if cost and not target.reverse:
        if b < a:
            if rs.cost_direction == "both":
                out = formulas.positive(weight, a, b, ta, tb)
                return replace(out, method="cost",
                               explanation=f"成本指标节约也扣分（本规则集）：得分 = 分值 × 实际 {tb} / 指标值 {ta}")
            return reached(weight, f"成本 {tb} 未超过指标值 {ta}")
        out = formulas.reverse_ratio(weight, a, b, ta, tb)
        return replace(out, method="cost", explanation=f"成本超支：得分 = 分值 × 指标值 {ta} / 实际 {tb}")
    if target.reverse:
        if b > a and b == 0:
            return not_computable("实际完成值为 0，无法按 A/B 计算")
        if rs.reverse_form == "deviation":
            return formulas.reverse_deviation(weight, a, b, ta, tb)
        return formulas.reverse_ratio(weight, a, b, ta, tb)
    if target.comparator == "=":
        return formulas.equal(weight, a, b, ta, tb)
    out = formulas.positive(weight, a, b, ta, tb)
    if b > a and a > 0 and b / a > 1 + rs.over_achievement:
        note = f"超额完成 {(b / a - 1) * 100:.0f}%（{tb} / {ta}），指标值可能设定偏低，应说明原因"
        out = replace(out, notes=(note,))
    return out


def score_values(weight: Decimal, target: IndicatorValue, actual: IndicatorValue, cost: bool,
                 rs: Ruleset, level2: str | None = None) -> Outcome:
    """The outcome of one indicator once its weight is known."""
    if actual.empty:
        return not_computable("未填实际完成值，无法计算得分")
    if target.empty:
        return judgement("未填年度指标值，得分由评价人判断")
    if _compact(target.text) == _compact(actual.text):
        if target.kind == "qualitative" and actual.level == 1:
            # a met qualitative target is the top tier, whose share the evaluator chooses
            return _tiered(weight, 1, rs, actual.text)
        return reached(weight, f"实际完成值与指标值相同（{actual.text}）")
    if target.kind == "deadline":
        return _deadline(weight, target, actual)
    if (bounds := interval_of(target.text)) is not None and actual.is_number and actual.number is not None:
        return formulas.interval(weight, bounds[0], bounds[1], actual.number, fmt(actual.number))
    if target.is_number and actual.is_number:
        if len(target.quantities) > 1:
            return _several(weight, target, actual)
        return _quantitative(weight, target, actual, cost, rs, level2)
    if actual.kind == "qualitative" and actual.level is not None:
        return _tiered(weight, actual.level, rs, actual.text)
    return judgement(f"指标值“{target.text}”与实际“{actual.text}”无法按公式比较，得分由评价人判断")
