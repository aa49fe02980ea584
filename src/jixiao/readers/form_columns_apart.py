"""Indicator rows whose columns a text layer draws apart.

A PDF printed from a spreadsheet keeps its text in drawing order; a document site that
re-flows that layer into one line prints the indicator table column by column, not row
by row: the value rows (指标值 | 完成值 | 分值 | 得分) come as one run, the total's two
numbers after them, and only then the merged level cells and the names, in the rows'
order (the first name may stand among the header cells). The rows are paired with the
names in order where as many names as value rows are printed, and with the level-2
cells where there are as many of those; otherwise nothing is read here (the engine's
own reading stands), for which name is whose could not be told.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jixiao.model.provenance import Where
from jixiao.model.selfeval import Indicator
from jixiao.model.values import EMPTY, Cell, normalize_text
from jixiao.readers.form_fit import is_number
from jixiao.sources.stream import Token
from jixiao.vocabulary import match_key, vocabulary

_VALUE_ROLES = ("target", "actual", "weight", "score")
_VALUE = re.compile(r"^[=＝≥≤≧≦<>＜＞]*\s*\d[\d.,]*\s*[%％]?$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_SHORT = 12             # a target or actual drawn in a value row is short (及时, =100%)
_MIN_ROWS = 2
_WHOLE = 100.0          # a self-evaluation's total weight

# form_engine.level: (level 1, level 2, as printed) a cell may name, or None
LevelReader = Callable[[str], "tuple[str | None, str | None, str] | None"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A cell of the body, its spaces mended: a value apart from the word beside it."""

    text: str
    key: str
    where: Where


@dataclass(frozen=True, slots=True)
class Drawn:
    """What the drawing-order reading found: the rows and the total's weight and score."""

    indicators: list[Indicator]
    total_weight: Cell
    total_score: Cell


def pieces(toks: Sequence[Token]) -> list[Piece]:
    """The cells as pieces: a value and a word printed in one cell apart (``20 及时``,
    ``98.62 率``); a wrapped cell's pieces joined (``与委托运营方合同完成 率``)."""
    out: list[Piece] = []
    for t in toks:
        text = (t.text or "").strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) > 1 and any(_VALUE.match(p) for p in parts):
            out.extend(Piece(p, match_key(p), t.where) for p in parts)
            continue
        joined = _CJK_GAP.sub("", text)
        out.append(Piece(joined, match_key(joined), t.where))
    return out


def drawn_apart(toks: Sequence[Token], level_of: LevelReader, fund_weight: float = 0.0) -> Drawn | None:
    """The rows of a body drawn column by column (see the module), or None."""
    body = pieces(toks)
    roles, start = _header_roles(body)
    if [r for r in roles if r in _VALUE_ROLES] != list(_VALUE_ROLES):
        return None
    rows, end = _value_rows(body, start)
    if len(rows) < _MIN_ROWS:
        return None
    total_weight, total_score, end = _total_after(body, end, rows, fund_weight)
    stop = next((k for k in range(end, len(body)) if body[k].key in vocabulary().total), len(body))
    names: list[Piece] = []
    level2s: list[str] = []
    for k, p in enumerate(body[:stop]):
        if start <= k < end or _header_piece(body, k) or p.key in vocabulary().groups:
            continue
        found = level_of(p.text)
        if found is not None:
            if found[1] is not None and found[0] is None:
                level2s.append(found[1])
            continue
        if len(p.key) >= 2 and not _VALUE.match(p.text):
            names.append(p)
    if len(names) != len(rows):
        return None
    levels: list[str | None] = list(level2s) if len(level2s) == len(rows) else [None] * len(rows)
    out = [Indicator(level1=vocabulary().parent(l2), level2=l2, name=Cell.read(n.text, n.where),
                     target=_cell(r[0]), actual=_cell(r[1]), weight=_cell(r[2]), score=_cell(r[3]),
                     reason=EMPTY, where=n.where)
           for n, r, l2 in zip(names, rows, levels, strict=True)]
    return Drawn(out, total_weight, total_score)


def _cell(p: Piece) -> Cell:
    return Cell.read(p.text, p.where)


def _header_piece(body: list[Piece], k: int) -> bool:
    """A header cell or a piece of one wrapped over two cells (年度 | 指标值, 偏差原因分析 | 及)."""
    cols = vocabulary().columns
    key = body[k].key
    if cols.role_of(key, limit=len(key) + 1, exact=True) is not None:
        return True
    before = body[k - 1].key + key if k > 0 else ""
    after = key + body[k + 1].key if k + 1 < len(body) else ""
    return any(j and cols.role_of(j, limit=len(j) + 1, exact=True) is not None for j in (before, after))


def _header_roles(body: list[Piece]) -> tuple[list[str], int]:
    """The header's column roles in order, and where the first value row starts (the first
    value after the header cells)."""
    cols = vocabulary().columns
    roles: list[str] = []
    k = 0
    while k < len(body) and not (roles and _VALUE.match(body[k].text)):
        if _header_piece(body, k):
            key = body[k].key
            role = cols.role_of(key, limit=len(key) + 1, exact=True)
            if role is None and k + 1 < len(body):
                role = cols.role_of(key + body[k + 1].key, limit=len(key) + len(body[k + 1].key) + 1, exact=True)
            if role is not None and role not in roles:
                roles.append(role)
        k += 1
    return roles, k


def _value_rows(body: list[Piece], start: int) -> tuple[list[list[Piece]], int]:
    """Rows of target | actual | weight | score from ``start``: two short cells, two numbers."""
    rows: list[list[Piece]] = []
    k = start
    while k + 4 <= len(body):
        row = body[k:k + 4]
        if not (all(_short_value(p) for p in row[:2]) and all(is_number(normalize_text(p.text) or "") for p in row[2:])):
            break
        rows.append(row)
        k += 4
    return rows, k


def _short_value(p: Piece) -> bool:
    return len(p.key) <= _SHORT and (bool(_VALUE.match(p.text)) or not _header_like(p.key))


def _header_like(key: str) -> bool:
    v = vocabulary()
    return v.columns.role_of(key, limit=len(key) + 1) is not None or key in v.groups or key in v.total


def _total_after(body: list[Piece], k: int, rows: list[list[Piece]], fund_weight: float
                 ) -> tuple[Cell, Cell, int]:
    """The total's weight and score printed right after the rows, where the weight is the
    rows' weights (and the fund line's) added up, or, the fund line's weight unread, the
    form's whole 100 above the rows' weights; a score above its weight is no total."""
    if k + 2 > len(body) or not all(is_number(normalize_text(p.text) or "") for p in body[k:k + 2]):
        return EMPTY, EMPTY, k
    weight, score = _cell(body[k]), _cell(body[k + 1])
    weights = sum(float(_cell(r[2]).number or 0) for r in rows)
    if weight.number is None or score.number is None or score.number > weight.number:
        return EMPTY, EMPTY, k
    printed = float(weight.number)
    if abs(printed - weights - fund_weight) > 0.005 and not (fund_weight == 0 and printed == _WHOLE > weights):
        return EMPTY, EMPTY, k
    return weight, score, k + 2
