"""The indicator-value parser: ``parse(text) -> IndicatorValue``, one module per value kind."""

from jixiao.values.parser import parse
from jixiao.values.value import COMPARATORS, KINDS, IndicatorValue, Quantity

__all__ = ["COMPARATORS", "KINDS", "IndicatorValue", "Quantity", "parse"]
