"""Units of target and actual brought to one scale (``3.9万`` vs ``4.03万人``, ``6万元`` vs ``4.16元``)."""

from __future__ import annotations

from decimal import Decimal

SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}


def split_unit(unit: str | None) -> tuple[str, Decimal]:
    """(base unit, factor): ``万元`` → (元, 10000); ``人`` → (人, 1); ``None`` → ('', 1)."""
    u = (unit or "").strip()
    if u and u[0] in SCALES:
        return u[1:], SCALES[u[0]]
    return u, Decimal(1)


def common_scale(a: Decimal, a_unit: str | None, b: Decimal, b_unit: str | None,
                 ) -> tuple[Decimal, Decimal] | None:
    """Both numbers in one scale, or ``None`` where the units cannot be compared (人 vs 元).

    A missing unit is taken as the other's (``170万元`` vs ``169``): tables often print the
    unit once, in the target or in the indicator's name.
    """
    if not a_unit or not b_unit:
        return a, b
    base_a, fa = split_unit(a_unit)
    base_b, fb = split_unit(b_unit)
    if base_a and base_b and not (base_a.startswith(base_b) or base_b.startswith(base_a)):
        return None
    if fa == fb:
        return a, b
    return a * fa, b * fb
