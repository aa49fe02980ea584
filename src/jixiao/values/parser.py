"""``parse(text)``: an indicator value as written → ``IndicatorValue``; never raises."""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.values.dates import read_deadline
from jixiao.values.numerals import plain
from jixiao.values.qualitative import is_vague, level_of
from jixiao.values.quantities import read_quantities
from jixiao.values.value import IndicatorValue

_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")
MAX_QUALITATIVE = 24      # longer wording is a sentence, not a level


def parse(text: str | None, year: int | None = None) -> IndicatorValue:
    """Read an indicator value; ``year`` completes deadlines printed without one (``年底前``)."""
    raw = text or ""
    try:
        return _parse(raw, year)
    except (ValueError, ArithmeticError, OverflowError):   # odd input is text, not a crash
        return IndicatorValue(text=raw)


@lru_cache(maxsize=8192)      # the same values recur across tables; results are immutable
def _parse(raw: str, year: int | None) -> IndicatorValue:
    t = plain(raw).strip()
    if not t:
        return IndicatorValue(text=raw)
    deadline = read_deadline(t, year)
    if deadline is not None:
        return IndicatorValue(text=raw, kind="deadline", comparator=deadline.comparator,
                              deadline=deadline.deadline, period=deadline.period, parsed=True)
    reading = read_quantities(t)
    if reading is not None:
        first = reading.quantities[0]
        percent = all(q.unit is not None and q.unit.startswith(("%", "‰")) for q in reading.quantities)
        return IndicatorValue(
            text=raw, kind="percent" if percent else "quantity", comparator=reading.comparator,
            number=first.number, unit=first.unit, quantities=reading.quantities,
            approx=any(q.approx for q in reading.quantities), label=reading.label, parsed=True)
    if _CJK.search(t) and not _DIGIT.search(t):
        short = len(t) <= MAX_QUALITATIVE
        return IndicatorValue(text=raw, kind="qualitative" if short else "text", level=level_of(t),
                              vague=is_vague(t), parsed=short)
    return IndicatorValue(text=raw)
