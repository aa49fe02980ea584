"""The formula families of the published scoring rules, one named function each.

A = 年度指标值 (target), B = 实际完成值 (actual), w = 分值 (weight). Every function returns an
``Outcome`` whose formula shows the numbers as printed and whose explanation says, in
Chinese, which family applied and why, so that a finding can quote both.

- ``positive``: 正向指标, B ≥ A full marks, else w × B / A (财预〔2020〕10号 and most forms);
- ``reverse_ratio``: 反向指标, B ≤ A full marks, else w × A / B;
- ``reverse_deviation``: 反向指标 in provincial systems, w × (1 − (B − A) / A) for A < B < 2A, 0 from 2A;
- ``equal``: 等于型指标, B = A full marks, else w × (1 − |B − A| / A), never below 0;
- ``interval``: 区间型指标, inside [low, high] full marks, else w × B / low or w × high / B;
- ``qualitative``: 定性指标, a tier's share of the weight between its printed bounds;
- ``deviation_deduction``: 偏差扣分, a deviation of the threshold or more loses a share of w;
- ``execution_cap``: 执行率封顶, a low execution rate caps the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one formula gives: the method, the unrounded score, the formula and why."""

    method: str
    exact: Decimal | None
    formula: str
    explanation: str
    low: Decimal | None = None
    high: Decimal | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cap:
    """An execution cap: a rate below ``below`` (a share, 0.8) caps the total at ``total``."""

    below: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Capped:
    """A total after ``execution_cap``: the cap applied (``None`` if none) and why."""

    total: Decimal
    cap: Cap | None
    explanation: str


def fmt(value: Decimal) -> str:
    """A Decimal as people write it: ``6.60`` stays ``6.60``, no exponent."""
    return format(value, "f")


def pct(share: Decimal) -> str:
    """A share as a percentage without trailing zeros: 0.8 → ``80%``, 0.755 → ``75.5%``."""
    text = fmt((share * HUNDRED).normalize())
    return f"{text}%"


def full(weight: Decimal, why: str) -> Outcome:
    return Outcome("reached", weight, f"得满分 {fmt(weight)}", why)


def _capped(method: str, weight: Decimal, value: Decimal, formula: str, why: str) -> Outcome:
    """A score never above the weight nor below 0."""
    return Outcome(method, max(ZERO, min(weight, value)), formula, why)


def positive(weight: Decimal, a: Decimal, b: Decimal, ta: str | None = None, tb: str | None = None) -> Outcome:
    """正向指标: reached → full marks; short of the target → w × B / A."""
    ta, tb = ta or fmt(a), tb or fmt(b)
    if b >= a:
        return full(weight, f"实际完成值 {tb} 达到指标值 {ta}（正向指标）")
    if a == 0:
        return Outcome("not_computable", None, "", "指标值为 0，无法按 B/A 计算")
    return _capped("positive", weight, weight * b / a, f"{fmt(weight)} × {tb} / {ta}",
                   f"正向指标未达到指标值：得分 = 分值 × 实际 {tb} / 指标值 {ta}")


def reverse_ratio(weight: Decimal, a: Decimal, b: Decimal, ta: str | None = None, tb: str | None = None) -> Outcome:
    """反向指标 (A / B form): within the ceiling → full marks; over it → w × A / B."""
    ta, tb = ta or fmt(a), tb or fmt(b)
    if b <= a:
        return full(weight, f"实际 {tb} 未超过上限 {ta}（反向指标）")
    return _capped("reverse", weight, weight * a / b, f"{fmt(weight)} × {ta} / {tb}",
                   f"反向指标超出上限：得分 = 分值 × 指标值 {ta} / 实际 {tb}")


def reverse_deviation(weight: Decimal, a: Decimal, b: Decimal, ta: str | None = None,
                      tb: str | None = None) -> Outcome:
    """反向指标 (deviation form): w × (1 − (B − A) / A) for A < B < 2A, 0 from 2A."""
    ta, tb = ta or fmt(a), tb or fmt(b)
    if b <= a:
        return full(weight, f"实际 {tb} 未超过上限 {ta}（反向指标）")
    if a <= 0:
        return Outcome("not_computable", None, "", "指标值为 0，无法按偏离度计算")
    if b >= 2 * a:
        return Outcome("reverse", ZERO, f"{tb} ≥ 2 × {ta}，得 0 分",
                       f"反向指标实际 {tb} 达到指标值 {ta} 的两倍及以上，不得分")
    return _capped("reverse", weight, weight * (1 - (b - a) / a), f"{fmt(weight)} × (1 − ({tb} − {ta}) / {ta})",
                   f"反向指标超出上限：得分 = 分值 × (1 − (实际 {tb} − 指标值 {ta}) / 指标值 {ta})")


def equal(weight: Decimal, a: Decimal, b: Decimal, ta: str | None = None, tb: str | None = None) -> Outcome:
    """等于型指标 (``=100%``): equal → full marks; else w × (1 − |B − A| / A), never below 0."""
    ta, tb = ta or fmt(a), tb or fmt(b)
    if a == b:
        return full(weight, f"实际完成值 {tb} 等于指标值 {ta}")
    if a == 0:
        return Outcome("not_computable", None, "", "指标值为 0，无法按偏离度计算")
    return _capped("equal", weight, weight * (1 - abs(b - a) / a), f"{fmt(weight)} × (1 − |{tb} − {ta}| / {ta})",
                   f"等于型指标偏离指标值：得分 = 分值 × (1 − |实际 {tb} − 指标值 {ta}| / 指标值 {ta})")


def interval(weight: Decimal, low: Decimal, high: Decimal, b: Decimal, tb: str | None = None) -> Outcome:
    """区间型指标 (``80%-90%``): inside → full marks; below → w × B / low; above → w × high / B."""
    tb = tb or fmt(b)
    if low <= b <= high:
        return full(weight, f"实际完成值 {tb} 在区间 {fmt(low)}–{fmt(high)} 之内")
    if b < low:
        if low == 0:
            return Outcome("not_computable", None, "", "区间下限为 0，无法计算")
        return _capped("interval", weight, weight * b / low, f"{fmt(weight)} × {tb} / {fmt(low)}",
                       f"区间型指标低于下限：得分 = 分值 × 实际 {tb} / 下限 {fmt(low)}")
    return _capped("interval", weight, weight * high / b, f"{fmt(weight)} × {fmt(high)} / {tb}",
                   f"区间型指标高于上限：得分 = 分值 × 上限 {fmt(high)} / 实际 {tb}")


def qualitative(weight: Decimal, label: str, low: Decimal, high: Decimal, wording: str) -> Outcome:
    """定性指标: the tier named ``label`` allows ``low``–``high`` of the weight (shares)."""
    lo, hi = weight * low, weight * high
    return Outcome("qualitative", hi, f"{fmt(weight)} × {pct(high)}",
                   f"定性指标按“三档”原则：实际完成“{wording}”属“{label}”档，得分应在 {fmt(lo)}–{fmt(hi)} 分之间"
                   f"（分值的 {pct(low)}–{pct(high)}）", low=lo, high=hi)


def deviation_deduction(weight: Decimal, a: Decimal, b: Decimal, threshold: Decimal, deduction: Decimal,
                        ta: str | None = None, tb: str | None = None) -> Outcome | None:
    """偏差扣分: |B − A| / A at or above ``threshold`` loses ``deduction`` of the weight; ``None`` below it."""
    ta, tb = ta or fmt(a), tb or fmt(b)
    if a == 0:
        return None
    deviation = abs(b - a) / a
    if deviation < threshold:
        return None
    score = max(ZERO, weight * (1 - deduction))
    return Outcome("deviation", score, f"|{tb} − {ta}| / {ta} = {pct(deviation.quantize(Decimal('0.0001')))}"
                   f" ≥ {pct(threshold)}，{fmt(weight)} × (1 − {pct(deduction)})",
                   f"实际 {tb} 偏离指标值 {ta} 达 {pct(threshold)} 及以上，按规则扣去分值的 {pct(deduction)}")


def execution_cap(total: Decimal, rate: Decimal, caps: tuple[Cap, ...]) -> Capped:
    """执行率封顶: the lowest cap whose bound the rate falls below limits the total."""
    applies = [c for c in caps if rate < c.below]
    if not applies:
        return Capped(total, None, "")
    cap = min(applies, key=lambda c: c.total)
    if total <= cap.total:
        return Capped(total, cap, f"执行率 {pct(rate.quantize(Decimal('0.0001')))} 低于 {pct(cap.below)}，"
                      f"总分不超过 {fmt(cap.total)}（未超）")
    return Capped(cap.total, cap, f"执行率 {pct(rate.quantize(Decimal('0.0001')))} 低于 {pct(cap.below)}，"
                  f"总分 {fmt(total)} 封顶为 {fmt(cap.total)}")
