"""Deadlines and periods: ``2024年12月31日前``, ``2024 年 12 月以前完成``, ``年底前``, ``每月发放``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_DATE = re.compile(
    r"(?:(?P<year>\d{2,4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?:底|末|份)?\s*(?:(?P<day>\d{1,2})\s*[日号])?"
)
_BEFORE = ("前", "以前", "之前", "底前", "末前", "前完成", "以前完成", "之前完成")
_YEAR_END = re.compile(
    r"^(?:(?P<year>\d{4})\s*年\s*)?(?:年底|年末|年度内|年内|本年度内|当年|年终)"
    r"|^(?P<year2>\d{4})\s*年\s*(?:底|末|内)"
)
_NUMERIC = re.compile(r"^(?P<year>\d{4})\s*[/.\-]\s*(?P<month>\d{1,2})\s*[/.\-]\s*(?P<day>\d{1,2})(?P<rest>.*)$")
_PERIOD = re.compile(r"^(?:按|每)(?P<unit>日|天|周|月|季|季度|半年|年)")


@dataclass(frozen=True, slots=True)
class Deadline:
    """What the parser learnt from a date-like value."""

    deadline: date | None
    comparator: str | None
    period: str | None = None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _year(text: str | None, default: int | None) -> int | None:
    """A printed four-digit year, else the evaluation year (``024年`` is a typo, ``24年`` short)."""
    y = int(text) if text is not None and len(text) == 4 else default
    return y if y is not None and 1 <= y <= 9999 else None


def _numeric(text: str) -> Deadline | None:
    """``2024/12/31``, ``2024.12.31前``, ``2024-12-31``."""
    m = _NUMERIC.match(text)
    if not m:
        return None
    try:
        when = date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None
    rest = m.group("rest").strip()
    if rest and not rest.startswith(_BEFORE + ("完成", "内", "止")):
        return None
    return Deadline(when, "≤" if rest.startswith(_BEFORE) else None)


def read_deadline(text: str, year: int | None = None) -> Deadline | None:
    """A deadline or period, or ``None`` when the text is not date-like."""
    t = text.strip()
    m = _PERIOD.match(t)
    if m:
        return Deadline(None, None, period=m.group("unit"))
    m = _YEAR_END.match(t)
    if m:
        y = _year(m.group("year") or m.group("year2"), year)
        return Deadline(date(y, 12, 31) if y else None, "≤")
    if _NUMERIC.match(t):
        return _numeric(t)
    m = _DATE.search(t)
    if not m or m.start() > 2:
        return None
    month = int(m.group("month"))
    y = _year(m.group("year"), year)
    if not 1 <= month <= 12:
        return None
    rest = t[m.end():].strip()
    when: date | None = None
    if y is not None:
        day = int(m.group("day")) if m.group("day") else _last_day(y, month)
        if not 1 <= day <= _last_day(y, month):
            return None
        when = date(y, month, day)
    comparator = "≤" if rest.startswith(_BEFORE) or "底前" in t[: m.end() + 2] else None
    if rest and comparator is None and not rest.startswith(("完成", "前", "内", "止", "截止")):
        return None
    return Deadline(when, comparator)
