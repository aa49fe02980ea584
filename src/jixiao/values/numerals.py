"""Characters and Chinese numerals turned into the plain forms the parser reads."""

from __future__ import annotations

import re
from decimal import Decimal

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({
    "．": ".", "％": "%", "＜": "<", "＞": ">", "＝": "=", "≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤",
    "，": "，", "／": "/", "：": ":", "\u3000": " ", "～": "~", "－": "-", "＋": "+",
})
_TABLE = str.maketrans(_FULLWIDTH)

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL) + "".join(LARGE)
CHINESE_NUMBER = re.compile(rf"^[{NUMERAL_CHARS}]+")


def plain(text: str) -> str:
    """Full-width digits and signs to ASCII, ``>=`` to ``≥``; CJK text otherwise unchanged."""
    t = text.translate(_TABLE)
    return t.replace(">=", "≥").replace("<=", "≤").replace("=>", "≥").replace("=<", "≤")


def chinese_to_int(text: str) -> int | None:
    """``十二`` → 12, ``两万`` → 20000, ``三`` → 3; ``None`` unless it is a whole numeral.

    A run of bare unit characters (``万``, ``百``) is not a number: it must hold a digit or 十.
    """
    if not text or not any(c in DIGITS or c == "十" for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in DIGITS:
            if digit is not None and digit != 0 and DIGITS[c] != 0:
                return None               # 三四 is not a number we read
            digit = DIGITS[c]
        elif c in SMALL:
            section += (1 if digit is None else digit) * SMALL[c]
            digit = None
        elif c in LARGE:
            section += digit or 0
            if section == 0:
                return None
            total += section * LARGE[c]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def leading_chinese_number(text: str) -> tuple[Decimal, str] | None:
    """A Chinese numeral at the start and what follows it (``十二期`` → 12, ``期``)."""
    m = CHINESE_NUMBER.match(text)
    if not m:
        return None
    run = m.group(0)
    # give back trailing unit characters that cannot end a numeral here (两万元 keeps 万)
    for end in range(len(run), 0, -1):
        value = chinese_to_int(run[:end])
        if value is not None:
            return Decimal(value), text[end:]
    return None
