"""The parsed form of an indicator value (指标值 / 实际完成值): what the scorer needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

KINDS = ("quantity", "percent", "deadline", "qualitative", "text")
COMPARATORS = ("≥", "≤", "=", ">", "<")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number with its unit as printed (``60 人`` → 60, ``人``); ``approx`` for 余/约/左右."""

    number: Decimal
    unit: str | None = None
    approx: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """An indicator value as written, read into its parts; ``text`` is never lost.

    ``comparator`` is ``None`` where nothing is printed (the value is simply to be reached);
    ``number``/``unit`` are those of the first quantity; ``level`` is the qualitative
    degree (1 achieved/high, 2 partly, 3 not achieved); ``parsed`` is False for text
    the parser could not read (kept as text, never an exception).
    """

    text: str
    kind: str = "text"
    comparator: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    quantities: tuple[Quantity, ...] = ()
    approx: bool = False
    label: str | None = None          # words before the number: ``帮扶就业率 93.27%``
    level: int | None = None
    vague: bool = False
    deadline: date | None = None
    period: str | None = None         # 每月发放 → 月
    parsed: bool = False

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @property
    def is_number(self) -> bool:
        return self.kind in ("quantity", "percent") and self.number is not None

    @property
    def reverse(self) -> bool:
        """A ceiling (``≤60日``, ``小于5%``): lower is better."""
        return self.comparator in ("≤", "<")
