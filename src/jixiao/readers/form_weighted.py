"""A scoring block led by the level's weight: 项目权重 | 评价内容 | 分值 | 自评分 | 复核分 | 评价标准.

Some project self-evaluations (the 湖北 财政预算支出项目绩效目标自评表) score 项目决策 and
项目管理 in a block before the indicator table. Its first column is a level with its points
(``项目决策 2 分``), then one row a line: the item (评价内容), its 分值, its 自评分, an empty
复核分 and the criterion's text. Printed as a stream, the cells run into each other:

- glued (a document site's text): ``决策依据22有项目…``, ``运行监管431、运行监管记录3分``;
- in drawing order (a PDF's text layer): the level is drawn between an item and its numbers
  (``组织机构 项目管理 13 分 2 2``), and an item before its level (``财务制度 3 3`` before
  ``项目管理 13 分``).

What reads them, for any such printing: a row is words then numbers not followed by 分
(``计 2 分`` is a criterion's points), and the words start after the criterion's last
words about points (``…没有不得分运行监管``: 运行监管); a number before ``、`` numbers the criterion that
follows; glued digits are split into 分值 | 自评分 where exactly one split has the score not
above the weight and the weight not above the level's points (else both stay empty). Rows
go to the levels by the arithmetic (each level's weights add up to its points); where they
do not add up, each row takes the level printed before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.provenance import Where
from jixiao.model.selfeval import Indicator
from jixiao.model.values import EMPTY, Cell
from jixiao.sources.stream import Token
from jixiao.vocabulary import vocabulary

_MARK = "§"
_NUMBERS = re.compile(r"([\u4e00-\u9fff]+)[ ]*(?:§(\d+)§[ ]*)?((?:\d+(?:\.\d+)?[ ]*)+)([分、]?)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_POINTS_WORDS = re.compile(r"得分|扣分|计分|评分")     # a criterion ends in them; an item's name starts after


@dataclass(frozen=True, slots=True)
class _Row:
    name: str
    numbers: tuple[str, ...]
    at: int                 # position in the block's text: the level printed before it
    where: Where


def weighted_start(tokens: Sequence[Token], end: int) -> int | None:
    """Index of the token where a weight-led scoring block's header is printed, if any."""
    headers = vocabulary().frame.weight_headers
    text = ""
    for i, token in enumerate(tokens[:end]):
        text = (text + token.text)[-40:]
        squeezed = re.sub(r"\s+", "", text)
        if any(h in squeezed for h in headers):
            return i
    return None


def weighted_rows(tokens: Sequence[Token], start: int, end: int) -> list[Indicator]:
    """The block's rows between its header (``start``) and the indicator table (``end``)."""
    text, places = _text(tokens[start:end])
    levels = _levels()
    heads: list[tuple[str, Decimal, int]] = []

    def head(m: re.Match[str]) -> str:
        heads.append((re.sub(r"\s+", "", m.group(1)), Decimal(m.group(2)), m.start()))
        return f" {_MARK}{len(heads) - 1}{_MARK}".ljust(len(m.group(0)))     # positions kept: rows' places

    text = levels.sub(head, text)
    rows = [r for r in (_row(m, heads, places) for m in _NUMBERS.finditer(text)) if r is not None]
    if not heads or not rows:
        return []
    owners = _by_arithmetic(rows, heads) or _by_place(rows, heads, text)
    return [Indicator(level1=owner, level2=None, name=Cell.read(row.name, row.where),
                      weight=_cell(row.numbers[0] if row.numbers else None, row.where),
                      score=_cell(row.numbers[1] if row.numbers else None, row.where), where=row.where)
            for row, owner in zip(rows, owners, strict=True)]


def _text(tokens: Sequence[Token]) -> tuple[str, list[tuple[int, Where]]]:
    """The tokens' texts joined by spaces, with where each begins."""
    parts: list[str] = []
    places: list[tuple[int, Where]] = []
    at = 0
    for token in tokens:
        places.append((at, token.where))
        parts.append(token.text)
        at += len(token.text) + 1
    return " ".join(parts), places


def _levels() -> re.Pattern[str]:
    v = vocabulary()
    words = sorted({*v.frame.headless_level1, *v.other_level1}, key=len, reverse=True)
    spaced = ("[ ]*".join(map(re.escape, w)) for w in words)
    return re.compile(rf"({'|'.join(spaced)})[ ]*(\d+(?:\.\d+)?)[ ]*分")


def _row(m: re.Match[str], heads: list[tuple[str, Decimal, int]], places: list[tuple[int, Where]]) -> _Row | None:
    """One row from words and the numbers after them; None for a criterion's points."""
    name = _POINTS_WORDS.split(m.group(1))[-1]      # …没有不得分运行监管: the criterion's last words
    numbers = _NUMBER.findall(m.group(3))
    glued = len(numbers) == 1
    if m.group(4) == "分" or (m.group(4) == "、" and not glued):
        numbers = numbers[:-1]          # a criterion's points, or the number of the next criterion
    elif m.group(4) == "、":
        numbers = [numbers[0][:-1]] if len(numbers[0]) > 1 and "." not in numbers[0] else []
    if len(name) < 2 or not numbers:
        return None
    where = max((p for p in places if p[0] <= m.start()), key=lambda p: p[0], default=places[0])[1]
    if len(numbers) == 2:
        return _Row(name, (numbers[0], numbers[1]), m.start(), where)
    if len(numbers) != 1 or "." in numbers[0] or len(numbers[0]) < 2:
        return None
    ceiling = max((points for _, points, _ in heads), default=Decimal(100))
    splits = [(a, b) for k in range(1, len(numbers[0]))
              for a, b in [(numbers[0][:k], numbers[0][k:])]
              if not (len(b) > 1 and b.startswith("0")) and Decimal(b) <= Decimal(a) <= ceiling]
    if not splits:
        return None                     # no weight and score: a number of another kind
    return _Row(name, splits[0] if len(splits) == 1 else (), m.start(), where)


def _by_arithmetic(rows: list[_Row], heads: list[tuple[str, Decimal, int]]) -> list[str | None] | None:
    """Each row's level where the rows' weights, in order, add up to each level's points."""
    owners: list[str | None] = []
    k, total = 0, Decimal(0)
    for row in rows:
        if not row.numbers or k >= len(heads):
            return None
        total += Decimal(row.numbers[0])
        owners.append(heads[k][0])
        if total == heads[k][1]:
            k, total = k + 1, Decimal(0)
        elif total > heads[k][1]:
            return None
    return owners if total == 0 else None


def _by_place(rows: list[_Row], heads: list[tuple[str, Decimal, int]], text: str) -> list[str | None]:
    """Each row's level: the one printed before it."""
    marks = [(m.start(), int(m.group(1))) for m in re.finditer(rf"{_MARK}(\d+){_MARK}", text)]
    return [next((heads[i][0] for at, i in reversed(marks) if at < row.at), None) for row in rows]


def _cell(text: str | None, where: Where) -> Cell:
    return EMPTY if text is None else Cell.read(text, where)
