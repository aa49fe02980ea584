"""How complete and plausible a reading of one target table is: the measure that settles
two readers reading the same lines (the spaced target reader and the form engine).

A reading earns half a point for each filled info field, and the mean over its indicator
rows of a row's points: one for each level, one for the value, one for a name and minus
one for a name that is none (a header word, a bare value), so more rows never win.
Self-evaluations are not contested: the form engine leaves out name-only rows of a
stream, which the printed rows of the other readers keep.
"""

from __future__ import annotations

import re

from jixiao.model.targets import PerformanceTarget
from jixiao.model.values import Cell
from jixiao.vocabulary import match_key, vocabulary

_VALUE_LIKE = re.compile(r"^[\d.,%％≥≤=<>＜＞≧≦\s]+|^\d+\s*[\u4e00-\u9fff]{0,3}$|[，,]\s*\S{0,2}$")


CONTESTED = (PerformanceTarget,)


def quality(item: object) -> float:
    """The reading's score (higher is better)."""
    if not isinstance(item, PerformanceTarget):
        return 0.0
    info = [item.project, item.department, item.unit, item.annual_total, item.goal]
    points = [sum(1 for x in (i.level1, i.level2) if x) + (0 if i.target.empty else 1)
              + (1 if _is_name(i.name) else -1) for i in item.indicators]
    return 0.5 * sum(1 for c in info if not c.empty) + (sum(points) / len(points) if points else 0.0)


def _is_name(name: Cell) -> bool:
    text = name.text or ""
    if not text or _VALUE_LIKE.search(text):
        return False
    key = match_key(text)
    return vocabulary().columns.role_of(key, limit=12) is None
