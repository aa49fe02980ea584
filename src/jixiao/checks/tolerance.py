"""Tolerances from printed precision, never a global epsilon (beancount).

A value printed to 0.01 stands for anything within half a unit of its last digit
(0.005); a printed sum of rounded parts may differ from the sum of the printed parts
by the parts' accumulated rounding.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.model.values import Cell

ZERO = Decimal(0)


def half_unit(decimals: int | None) -> Decimal:
    """Half a unit of the last printed digit: 2 decimals → 0.005."""
    return Decimal(5).scaleb(-(decimals or 0) - 1)


def precision(cells: Iterable[Cell]) -> int:
    """The column's precision: the most decimals printed in it.

    An integer printed among 0.01 values (full marks ``10`` among ``4.88``) is exact,
    not rounded to the unit, so the column's finest precision stands for all of it.
    """
    return max((c.decimals or 0 for c in cells if c.number is not None), default=0)


def agrees(printed: Cell, computed: Decimal, slack: Decimal = ZERO, decimals: int | None = None) -> bool:
    """Does ``printed`` stand for ``computed`` at its printed precision (plus ``slack``)?"""
    value = printed.number
    if value is None:
        return True
    places = printed.decimals if decimals is None else max(decimals, printed.decimals or 0)
    return abs(value - computed) <= half_unit(places) + slack


def sum_slack(parts: Iterable[Cell]) -> Decimal:
    """The accumulated rounding of printed parts: half a unit of the column's precision each.

    A column of whole numbers is exact (a score of 9 is a judgement, not 9.3 rounded).
    """
    cells = [c for c in parts if c.number is not None]
    places = precision(cells)
    return half_unit(places) * len(cells) if places else ZERO


def rounding(numbers: list[Decimal]) -> Decimal:
    """``sum_slack`` for numbers parsed out of text (``430万元``): their own printed places."""
    places = max((max(0, -int(n.as_tuple().exponent)) for n in numbers), default=0)
    return half_unit(places) * len(numbers)


def total(cells: Iterable[Cell]) -> Decimal:
    """Sum of the printed numbers; empty cells count as nothing."""
    return sum((c.number for c in cells if c.number is not None), ZERO)


def fmt(value: Decimal | None, places: int = 2) -> str:
    """A computed number for a message: rounded to ``places``, trailing zeros dropped."""
    if value is None:
        return "—"
    text = f"{value.quantize(Decimal(1).scaleb(-places)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
