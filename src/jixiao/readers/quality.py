"""How complete and plausible a reading of one target table is: the measure that settles
two readers reading the same lines (the spaced target reader and the form engine).

A reading earns half a point for each filled info field, and the mean over its indicator
rows of a row's points: one for each level, one for the value, one for a name and minus
one for a name that is none (a header word, a bare value), so more rows never win.
A self-evaluation's reading is replaced only where the rival is clearly more complete:
the readers of its printings read their own tables well, the form engine reads any.
"""

from __future__ import annotations

import re

from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.targets import PerformanceTarget
from jixiao.model.values import Cell
from jixiao.vocabulary import match_key, vocabulary

_VALUE_LIKE = re.compile(r"^[\d.,%％≥≤=<>＜＞≧≦\s]+|^\d+\s*[\u4e00-\u9fff]{0,3}$|[，,]\s*\S{0,2}$")


CONTESTED = (PerformanceTarget, SelfEvaluation)


def quality(item: object) -> float:
    """The reading's score (higher is better)."""
    if isinstance(item, PerformanceTarget):
        info = [item.project, item.department, item.unit, item.annual_total, item.goal]
        points = [sum(1 for x in (i.level1, i.level2) if x) + (0 if i.target.empty else 1)
                  + (1 if _is_name(i.name) else -1) for i in item.indicators]
    elif isinstance(item, SelfEvaluation):
        info = [item.project, item.department, item.unit, item.goal_planned, item.goal_actual,
                item.total_score] + [f.budget for f in item.funds[:1]]
        points = [sum(1 for x in (i.level1, i.level2) if x) + sum(1 for c in (i.target, i.actual, i.weight, i.score)
                                                                 if not c.empty)
                  + (1 if _is_name(i.name) else -1) for i in item.indicators]
    else:
        return 0.0
    return 0.5 * sum(1 for c in info if not c.empty) + (sum(points) / len(points) if points else 0.0)


def better(rival: object, mine: object) -> bool:
    """The rival reading replaces a claimed one: more complete; for a self-evaluation only
    where the claimed reading holds rows that are no indicators (a bare number or a header
    word as a name), and clearly more complete (the readers of its printings read their
    own tables well)."""
    if isinstance(mine, SelfEvaluation):
        junk = any(not _is_name(i.name, exact=True) for i in mine.indicators)
        same_kind = isinstance(rival, SelfEvaluation) and rival.kind is mine.kind
        return junk and same_kind and quality(rival) > quality(mine) + 0.5
    return quality(rival) > quality(mine)


def _is_name(name: Cell, exact: bool = False) -> bool:
    """A row's name an indicator may have: not empty, no bare value, no header word (with
    ``exact``, only a cell that is a header word as a whole)."""
    text = name.text or ""
    if not text or _VALUE_LIKE.search(text):
        return False
    return vocabulary().columns.role_of(match_key(text), limit=12, exact=exact) is None
