"""Cells to roles by content: the one alignment the form engine uses for every block.

A row's cells (or a stream's, where the printing lost the rows) are matched to the
roles its header named, keeping both orders: an empty cell may be skipped, a role may
stay unfilled, and each cell goes where its shape fits. Shapes, not positions, decide
because printings shift, merge and drop cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from jixiao.model.values import money, normalize_text
from jixiao.vocabulary import match_key, vocabulary

_COMPARATORS = frozenset("=＝≥≤≧≦<>＜＞")
_NATURE = re.compile(r"^([=＝≥≤≧≦<>＜＞]{1,2}|定性|定量|正向|反向|等于|大于|小于|不低于|不高于|≥=|<=|>=)$")
SKIP_EMPTY = 0.3
# An empty cell the printing kept whole is a column left blank, not a gap between cells:
# skipping it costs more than leaving a role unfilled (700人次 | (blank) | 0.6 | 0.6).
SKIP_EMPTY_WHOLE = 1.0
SKIP_TEXT = 20.0
BAD = 10.0
SHORT_METHOD = 2.0     # above skipping a blank cell: a short word in the method column is a shifted value
_SHORT_WORD = 9


def is_number(text: str) -> bool:
    """``4.88`` or ``100``: a weight, a score or an amount; ``80%`` or ``≥98`` is not."""
    return bool(text) and money(text) is not None and not text.rstrip().endswith(("%", "％"))


QUANTITY_NAME = 3.0
_NUMBERED_NAME = re.compile(r"^指标\s*\d{1,2}(?!\d)")


def is_quantity(text: str) -> bool:
    """A number and one of the vocabulary's measure words, nothing else (``550万粒``, ``50件``)."""
    m = re.fullmatch(r"\d+(?:\.\d+)?(\D{1,3})", text)
    return m is not None and match_key(m.group(1)) in vocabulary().units


def is_percent(text: str) -> bool:
    return bool(text) and money(text) is not None and text.rstrip().endswith(("%", "％"))


def fit(text: str, role: str) -> float:
    """How badly a (normalised, '' if empty) cell fits a role: 0 fits, 10 does not."""
    if not text:
        return 0.0
    if role in ("weight", "score", "coefficient", "initial", "budget", "executed"):
        return 0.0 if is_number(text) else BAD
    if role == "rate":
        return 0.0 if is_percent(text) or is_number(text) else BAD
    if role == "name":
        if is_number(text) or is_percent(text) or text[0] in _COMPARATORS:
            return BAD                    # a name is no value
        if is_quantity(text) or match_key(text) in vocabulary().verdicts:
            return QUANTITY_NAME          # 550万粒, 达成预期指标: a target's or an actual's shape
        return 3.0 if text.endswith(("%", "％", "。")) else 0.0   # 已完成100%, a sentence: unlikely
    if role == "target" and text in _COMPARATORS:
        return 3.0                        # a comparator alone: rather its own column
    if role in ("target", "actual", "reason") and _NUMBERED_NAME.match(text):
        return QUANTITY_NAME              # 指标3一级种薯繁育基地, 指标2: a name, numbered as the form does
    if role in ("nature", "direction"):
        return 0.0 if _NATURE.match(text) else BAD
    if role == "unit":
        return 0.0 if len(text) <= 6 and not any(c.isdigit() for c in text) else BAD
    if role in ("reason", "method"):
        return BAD if is_number(text) or is_percent(text) else 0.0
    return 0.0 if len(text) <= 60 and not text.endswith("。") else 2.0   # target, actual: short


def fit_whole(text: str, role: str) -> float:
    """``fit`` for a cell the printing kept whole (a row of real or tab-separated cells).

    A whole scoring-method cell is a rule written out (按B/A或A/B×该指标分值记分 …), so a
    short word there (有效保证, 60000 件次) is a value that slid left where the printing
    dropped the method's empty cell. (Cut from a stream, a method comes in short pieces.)
    """
    if role == "method" and text and len(text) <= _SHORT_WORD and fit(text, role) == 0.0:
        return SHORT_METHOD
    return fit(text, role)


def align(cells: tuple[str, ...], roles: tuple[str, ...], whole: bool = False) -> tuple[float, dict[str, int]]:
    """The cheapest matching of cells to roles (both orders kept): cost and role → index.
    ``whole``: the cells are whole printed cells, not pieces cut from a stream."""
    cost, pairs = align_by(tuple(normalize_text(c) or "" for c in cells), tuple(roles),
                           fit_whole if whole else fit, SKIP_EMPTY_WHOLE if whole else SKIP_EMPTY)
    return cost, dict(pairs)


@lru_cache(maxsize=8192)
def align_by(cells: tuple[str, ...], roles: tuple[str, ...], fits: Callable[[str, str], float],
             skip_empty: float) -> tuple[float, tuple[tuple[str, int], ...]]:
    """The alignment itself, for any fit function: an empty cell may be skipped at
    ``skip_empty``, a text cell at SKIP_TEXT, a role left unfilled at 0.01."""
    n, m = len(cells), len(roles)

    @cache
    def best(i: int, j: int) -> tuple[float, tuple[tuple[str, int], ...]]:
        if i == n:
            return 0.0, ()
        options = []
        cost, rest = best(i + 1, j)
        options.append((cost + (skip_empty if not cells[i] else SKIP_TEXT), rest))
        if j < m:
            cost, rest = best(i, j + 1)
            options.append((cost + 0.01, rest))
            cost, rest = best(i + 1, j + 1)
            options.append((cost + fits(cells[i], roles[j]), ((roles[j], i),) + rest))
        return min(options, key=lambda o: o[0])

    return best(0, 0)
