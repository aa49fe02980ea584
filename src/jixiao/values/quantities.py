"""Numbers with units: ``≥1500``, ``10.65万元``, ``700 余人``, ``三项``, ``60 人，3 天``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.values.comparators import take_prefix, take_suffix
from jixiao.values.numerals import NUMERAL_CHARS, leading_chinese_number
from jixiao.values.value import Quantity

_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^[-+]?\.\d+")
_PERCENT_WORDS = re.compile(r"^百分之")
_UNIT = re.compile(r"^[^\d\s，,；;。！？!?:：≥≤<>=]{1,8}$")
_LABELLED = re.compile(r"^(?P<label>[^\d≥≤<>=]+?)\s*(?P<value>(?:[≥≤<>=]\s*)?\d.*)$")
_SPLIT = re.compile(r"\s*(?:[，；;、]|,(?!\d{3}))\s*")
APPROX_UNIT_PREFIXES = ("余", "多")


@dataclass(frozen=True, slots=True)
class Reading:
    comparator: str | None
    quantities: tuple[Quantity, ...]
    label: str | None = None


def _number(text: str) -> tuple[Decimal, str] | None:
    m = _NUMBER.match(text)
    if m:
        try:
            return Decimal(m.group(0).replace(",", "")), text[m.end():]
        except InvalidOperation:
            return None
    found = leading_chinese_number(text)
    # a Chinese numeral counts only before a short unit: 三项, 十二期, not 一对一服务
    if found is None or len(found[1].strip()) > 3 or any(c in NUMERAL_CHARS for c in found[1]):
        return None
    return found


def quantity(part: str) -> tuple[str | None, Quantity] | None:
    """One quantity with the comparator written around it, or ``None``."""
    comparator, approx, rest = take_prefix(part)
    after, rest = take_suffix(rest)
    comparator = comparator or after
    percent = bool(_PERCENT_WORDS.match(rest))
    if percent:
        rest = rest[3:]
    found = _number(rest.strip())
    if found is None:
        return None
    number, unit = found
    unit = unit.strip()
    after, unit = take_suffix(unit)
    comparator = comparator or after
    if unit.startswith(APPROX_UNIT_PREFIXES):
        approx, unit = True, unit[1:].strip()
    if unit.endswith("左右"):
        approx, unit = True, unit[:-2].strip()
    if percent:
        unit = "%" + unit
    if unit and not _UNIT.match(unit):
        return None
    return comparator, Quantity(number=number, unit=unit or None, approx=approx)


def read_quantities(text: str) -> Reading | None:
    """All the quantities of a value, or ``None`` when any part is not one."""
    parts = [p for p in _SPLIT.split(text) if p]
    if not parts:
        return None
    read = [quantity(p) for p in parts]
    if all(r is not None for r in read):
        found = [r for r in read if r is not None]
        return Reading(found[0][0], tuple(q for _, q in found))
    if len(parts) == 1:
        m = _LABELLED.match(text)
        if m:
            one = quantity(m.group("value"))
            if one is not None:
                return Reading(one[0], (one[1],), label=m.group("label").strip())
    return None
