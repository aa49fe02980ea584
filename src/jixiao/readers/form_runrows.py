"""Indicator rows run together on one line, each closed by its weight and score.

A document site flattens a form's indicator table into one run of text with no separator
at all: ``管理指标30预算编审管理完整、准确率100%100%44预算执行管理…`` is level 1 管理指标 with
its block's weight 30, then rows of [level 2] name target actual, each closed by its
weight and score run together (``44`` = 4 | 4, ``1313`` = 13 | 13), the reason for a
deviation after them. The stream's cells cut such a run at every label they know, names
included; this reading cuts it at what closes a row instead:

- level labels ending in 指标 (national, or the form's own: 管理指标), and the fixed second
  levels of a department form's 管理指标 block; a level 1 may be printed with its
  characters out of order (a vertical cell read across: 出标产指 for 产出指标); a number
  right after a level 1 is its block's weight;
- a run of digits between words that is no quantity (no unit of the vocabulary's
  ``[measures]``, no ``%`` after it): a weight and a score, split where exactly one split
  reads (score ≤ weight ≤ the block's weight),
  or where exactly one split of the block's runs adds up to the block's weight; else both
  stay empty.

A number that reads as a quantity (``43个别人…``) is the row's weight and score where nothing
else can close its row (no other run between the row's start and the next row's).

A row's text is cut into name | target | actual only where its shapes say so: the name ends
where a target opener of the vocabulary (按规定, 超上年) or a listed subject named again starts
the target, the target and actual then cut where they echo each other (a verdict, a deed
marked done 已…, a twin, the same opening words); else the values' shapes (two values at its
end, or one value with words after it), a twin, an echo holding a value, a verdict at the
end; otherwise the name holds it all and target and actual stay empty. The text after a row's weight and score is its reason where
a label or a numbered item (任务2:) follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import product

from jixiao.model.provenance import Where
from jixiao.model.selfeval import LEVEL1, LEVEL2, Indicator
from jixiao.model.values import EMPTY, Cell
from jixiao.values.comparators import PREFIXES, SUFFIXES
from jixiao.vocabulary import vocabulary

_PAIR = re.compile(r"(?<=[\u4e00-\u9fff%％)）])\d[\d.]{1,5}(?![\d.%％:：])")
_NUMBER = re.compile(r"^(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?$")
_ITEM = re.compile(r"[\u4e00-\u9fff]{2}\d{1,2}[:：]")          # 任务2: a numbered item starts a row
_WORDS = "|".join(re.escape(w) for w, _ in PREFIXES) + "|[≧≦＜＞＝]"
_ENDS = "|".join(re.escape(w) for w, _ in SUFFIXES)
_VALUE = re.compile(rf"(?:{_WORDS})?\d+(?:\.\d+)?[%％](?:{_ENDS})?")
_MAX_COMBINATIONS = 4096
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_TOTAL = re.compile(r"([\u4e00-\u9fff]{2})(?=\d)")
_OUTPUT_LEVEL2 = ("数量指标", "质量指标", "时效指标")
_ROW_LENGTH = 160         # characters a row's name, target and actual hold at most


@dataclass(frozen=True, slots=True)
class _Event:
    start: int
    end: int
    kind: str             # "level1" | "level2" | "block" | "pair"
    text: str             # the level's name, or the digits


@dataclass
class _Row:
    level1: str | None
    level2: str | None
    text: str
    pair: str
    block: int            # which level-1 block it stands in
    reason: str = ""


@cache
def _labels() -> tuple[tuple[str, str], ...]:
    """(label, kind) of every level a run may print, longest first."""
    v = vocabulary()
    ones = set(LEVEL1) | {w for w in v.other_level1 if w.endswith("指标")}
    twos = (set(LEVEL2) - set(LEVEL1)) | {w for w in v.other_level2 if w.endswith("指标")} \
        | set(v.management_level2)
    found = [(w, "level1") for w in ones] + [(w, "level2") for w in twos]
    return tuple(sorted(found, key=lambda x: -len(x[0])))


def _events(text: str) -> list[_Event]:
    """Levels and weight-score runs in the text, left to right, none overlapping."""
    taken = [False] * len(text)
    events: list[_Event] = []
    for word, kind in _labels():
        for m in re.finditer(re.escape(word), text):
            if not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = [True] * len(word)
                events.append(_Event(m.start(), m.end(), kind, word))
    for level1 in LEVEL1:                    # a vertical cell read across: 出标产指
        for at in range(len(text) - len(level1) + 1):
            window = text[at:at + len(level1)]
            if window != level1 and sorted(window) == sorted(level1) and not any(taken[at:at + len(level1)]):
                taken[at:at + len(level1)] = [True] * len(level1)
                events.append(_Event(at, at + len(level1), "level1", level1))
    labelled = {e.start for e in events}
    quantities: list[_Event] = []
    for m in _PAIR.finditer(text):
        quantity = m.end() not in labelled and any(text.startswith(u, m.end()) for u in vocabulary().measure_units)
        if not any(taken[m.start():m.end()]):     # 372人次 is a quantity
            (quantities if quantity else events).append(_Event(m.start(), m.end(), "pair", m.group(0)))
    events.sort(key=lambda e: e.start)
    events += [q for q in quantities if _closes_alone(text, events, q)]
    events.sort(key=lambda e: e.start)
    out: list[_Event] = []
    for e in events:
        if e.kind == "pair" and out and out[-1].kind == "level1" and out[-1].end == e.start:
            e = _Event(e.start, e.end, "block", e.text)        # 管理指标30: the block's weight
        out.append(e)
    return out


def _closes_alone(text: str, events: list[_Event], q: _Event) -> bool:
    """A number read as a quantity (43个别人…: 43 and a unit) is the row's weight and score
    where no other run can close its row: no pair since the row began (a level, or a
    numbered item 任务2:) and none before the next row begins."""
    before = [e for e in events if e.end <= q.start]
    after = [e for e in events if e.start >= q.end]
    if not after:                                  # the text cut off: the row may close later
        return False
    opened = not before or before[-1].kind != "pair" or _ITEM.search(text, before[-1].end, q.start) is not None
    nxt = after[0]
    return opened and (nxt.kind != "pair" or _ITEM.search(text, q.end, nxt.start) is not None)


def _rows(text: str, events: list[_Event]) -> tuple[list[_Row], dict[int, str]]:
    """The rows the events close, and each block's printed weight."""
    rows: list[_Row] = []
    blocks: dict[int, str] = {}
    level1: str | None = None
    level2: str | None = None
    block = 0
    pending = ""
    for k, e in enumerate(events):
        gap = text[events[k - 1].end if k else 0:e.start]
        closed = k > 0 and events[k - 1].kind == "pair"
        if closed and gap and rows:          # a pair that closed no row (no name before it) has no reason
            item = _ITEM.search(gap)
            if item is not None and item.start() > 0:
                rows[-1].reason, gap = gap[:item.start()], gap[item.start():]
            elif e.kind in ("level1", "level2"):
                rows[-1].reason, gap = gap, ""
        pending += gap
        if e.kind == "level1" and e.text in LEVEL2 and level2 in _OUTPUT_LEVEL2:
            level2, pending = e.text, ""    # 成本指标 after 时效指标: the older form's level 2
        elif e.kind == "level1":
            level1, level2, pending, block = e.text, None, "", block + 1
        elif e.kind == "level2":
            level2, pending = e.text, ""
            level1 = level1 or vocabulary().parent(e.text)
        elif e.kind == "block":
            blocks[block] = e.text
        elif level1 or level2:              # a row stands under a level (the head's numbers do not)
            item = _ITEM.search(pending, 1)
            if item is not None:            # 任务1:… 任务2:…: a row whose own numbers did not read
                rows.append(_Row(level1, level2, pending[:item.start()], "", block))
                pending = pending[item.start():]
            rows.append(_Row(level1, level2, pending, e.text, block))
            pending = ""
    return rows, blocks


def _splits(run: str, cap: Decimal) -> list[tuple[str, str]]:
    """Every weight | score the run may print: well-formed, score ≤ weight ≤ cap."""
    out = []
    for cut in range(1, len(run)):
        weight, score = run[:cut], run[cut:]
        if _NUMBER.match(weight) and _NUMBER.match(score) and Decimal(score) <= Decimal(weight) <= cap:
            out.append((weight, score))
    return out


def _pairs(rows: list[_Row], blocks: dict[int, str]) -> list[tuple[str, str] | None]:
    """Each row's weight and score: the one split that reads, or that the block's sum proves."""
    chosen: list[tuple[str, str] | None] = [None] * len(rows)
    for block in sorted({r.block for r in rows}):
        members = [i for i, r in enumerate(rows) if r.block == block]
        total = Decimal(blocks[block]) if block in blocks and _NUMBER.match(blocks[block]) else None
        options = [_splits(rows[i].pair, total or Decimal(100)) for i in members]
        for i, opts in zip(members, options, strict=True):
            if len(opts) == 1:
                chosen[i] = opts[0]
        count = 1
        for opts in options:
            count *= max(1, len(opts))
        if total is None or any(not o for o in options) or count > _MAX_COMBINATIONS:
            continue
        fits = [combo for combo in product(*options) if sum(Decimal(w) for w, _ in combo) == total]
        if len(fits) == 1:
            for i, pair in zip(members, fits[0], strict=True):
                chosen[i] = pair
    return chosen


def _opened(text: str) -> int:
    """Where a target opener (按规定, 超上年: a target stated by rule or against last year)
    starts the row's target after a name of two characters or more; 0 where none does, or
    where a value stands before it (100%按规定执行: the opener starts the actual)."""
    at = min((a for a in (text.find(w, 2) for w in vocabulary().target_openers) if a >= 2), default=0)
    at = at or _listed(text)
    return 0 if _VALUE.search(text, 0, at) else at


def _listed(text: str) -> int:
    """Where a name listing its subjects (绿化、节能; 安全性、利用率) ends, its target naming
    one of them again: the first subject opening the target (绿化、节能|绿化良好…), or the
    second after a 、 in it (安全性、利用率|无资产损失、利用率高于80%), the longest echo;
    0 where neither, or both at different places."""
    mark = text.find("、")
    if not 2 <= mark <= 6:
        return 0
    ends = set()
    again = text.find(text[:mark], mark + 3)
    if again > 0:
        ends.add(again)
    second = [n for n in range(2, 7) if "、" + text[mark + 1:mark + 1 + n] in text[mark + 1 + n:]]
    if second:
        ends.add(mark + 1 + max(second))
    return ends.pop() if len(ends) == 1 else 0


def _twins(rest: str) -> tuple[str, str] | None:
    """target | actual of a run whose two cells echo each other: the actual a verdict
    (全部达成), the target printed twice (按时完成按时完成), the target's deed marked done
    (按规定公开已公开), or the actual opening with the target's own words
    (签约率提高1%体检率提高2%签约率提高1%体检率下降1%)."""
    verdict = next((v for v in vocabulary().verdicts if rest.endswith(v) and len(rest) > len(v)), None)
    if verdict is not None:
        return rest[:-len(verdict)], verdict
    half = len(rest) // 2
    if len(rest) % 2 == 0 and half >= 2 and rest[:half] == rest[half:]:
        return rest[:half], rest[half:]
    done = [n for n in range(2, len(rest) // 2) if rest[-n - 1] == "已" and rest[:-n - 1].endswith(rest[-n:])]
    if len(done) == 1 and len(rest) > 2 * done[0] + 1:
        return rest[:-done[0] - 1], rest[-done[0] - 1:]
    echoes = [q for q in range(2, len(rest) - 1) if rest[q:q + 2] == rest[:2]]
    if len(echoes) == 1:
        return rest[:echoes[0]], rest[echoes[0]:]
    return None


def _echoed(text: str) -> tuple[str, str, str] | None:
    """name | target | actual where target and actual open with the same words holding a
    value (签约率提高1%…签约率提高1%…): the longest such echo, where exactly one is longest.
    A text longer than a row's cells is no row to cut (and would cost a search too long)."""
    if len(text) > _ROW_LENGTH:
        return None
    best: list[tuple[int, int]] = []
    size = 0
    for i in range(2, len(text)):
        for j in range(i + 1, len(text)):
            n = 0
            while j + n < len(text) and i + n < j and text[i + n] == text[j + n]:
                n += 1
            if n >= 3 and re.search(r"\d", text[i:i + n]) and text[i - 1] != text[j - 1]:
                if n > size:
                    best, size = [(i, j)], n
                elif n == size:
                    best.append((i, j))
    if len(best) != 1:
        return None
    i, j = best[0]
    return text[:i], text[i:j], text[j:]


def _cells(text: str) -> tuple[str, str, str]:
    """name | target | actual where the values' shapes cut the text, else all the name."""
    opener = _opened(text)
    if opener:
        rest = text[opener:]
        twins = _twins(rest) or _shaped(rest)
        if twins is not None:
            return text[:opener], *twins
        return text[:opener], ("" if re.search(r"\d", rest) else rest), ""
    return _by_values(text) or _doubled(text) or _echoed(text) or _verdict(text) or (text, "", "")


def _doubled(text: str) -> tuple[str, str, str] | None:
    """A row whose target is printed again as its actual (按时开展按时开展), after a name of
    two characters or more: cut there where exactly one such twin ends the text."""
    twins = [n for n in range(2, (len(text) - 2) // 2 + 1) if text[-2 * n:-n] == text[-n:]]
    if len(twins) != 1:
        return None
    n = twins[0]
    return text[:-2 * n], text[-2 * n:-n], text[-n:]


def _shaped(rest: str) -> tuple[str, str] | None:
    """target | actual of a run the values' shapes cut (95%以上97%, 小于5%达成目标值)."""
    cut = _by_values("名" + rest)
    return (cut[1], cut[2]) if cut is not None and cut[0] == "名" else None


def _verdict(text: str) -> tuple[str, str, str] | None:
    """A row whose actual is a verdict (全部达成) and whose name and target stay together."""
    verdict = next((v for v in vocabulary().verdicts if text.endswith(v) and len(text) > len(v) + 1), None)
    return (text[:-len(verdict)], "", verdict) if verdict is not None else None


def _by_values(text: str) -> tuple[str, str, str] | None:
    """name | target | actual where the values' shapes cut the text."""
    values = list(_VALUE.finditer(text))
    if len(values) >= 2 and values[-1].end() == len(text) and values[-2].end() == values[-1].start() \
            and values[-2].start() > 0:
        a, b = values[-2], values[-1]
        return text[:a.start()], a.group(0), b.group(0)
    if len(values) == 1 and 0 < values[0].start() and values[0].end() < len(text):
        v = values[0]
        return text[:v.start()], v.group(0), text[v.end():]
    return None


def run_rows(texts: Sequence[str], where: Where) -> list[Indicator]:
    """The indicator rows of a table's body printed as one run (see the module's note);
    what stands before its first level label (the header) is no row."""
    text = _CJK_GAP.sub("", "".join(texts))        # 经济效益 指标: a cell's wrapped line
    total = next((m for m in _TOTAL.finditer(text) if m.group(1) in vocabulary().total), None)
    text = text[:total.start()] if total is not None else text      # 总分10098: the total row
    events = _events(text)
    rows, blocks = _rows(text, events)
    out: list[Indicator] = []
    for row, pair in zip(rows, _pairs(rows, blocks), strict=True):
        name, target, actual = _cells(row.text.strip(":："))
        if not name:
            continue
        weight, score = pair if pair is not None else ("", "")
        out.append(Indicator(
            level1=row.level1, level2=row.level2, name=Cell.read(name, where),
            target=Cell.read(target, where) if target else EMPTY,
            actual=Cell.read(actual, where) if actual else EMPTY,
            weight=Cell.read(weight, where) if weight else EMPTY,
            score=Cell.read(score, where) if score else EMPTY,
            reason=Cell.read(row.reason, where) if row.reason else EMPTY, where=where))
    return out


# --- rows with no levels: name, its unit, then its numbers run together ------------------

_NATURE = "≥≤≧≦<>=＜＞＝"


@cache
def _unit_row() -> re.Pattern[str]:
    """A row of a form that prints 计量单位 (and 指标性质) before the values, run together:
    ``国家级公益林管护面积万亩2810810`` is name, unit, then the numbers; the longest unit wins
    (万亩, not 亩)."""
    units = "|".join(re.escape(u) for u in sorted(vocabulary().measure_units, key=len, reverse=True))
    return re.compile(rf"(?P<name>[^\d{_NATURE}%％]{{2,}}?)(?P<unit>{units})(?P<nature>[{_NATURE}]?)"
                      r"(?P<run>\d[\d.]*%?)")


@cache
def _header_words() -> re.Pattern[str]:
    v = vocabulary()
    words = {w for _, labels in v.columns.labels for w in labels if len(w) > 1} | set(v.frame.remarks)
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _after_header(text: str) -> str:
    """The text after the header's last cell (指标得分(分)说明): the rows."""
    end = 0
    for m in _header_words().finditer(text):
        if m.start() - end > 6:                  # the header is labels side by side
            break
        end = m.end()
    rest = text[end:]
    return re.sub(r"^[(（][^)）]{0,4}[)）]", "", rest)


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A row of name | unit | numbers: the indicator (its name), its numbers as printed, the
    指标性质 sign and the unit printed before them."""

    indicator: Indicator
    run: str
    nature: str
    unit: str


def unit_rows(texts: Sequence[str], where: Where) -> list[UnitRow]:
    """Rows of name | unit | numbers run together with no level labels: each row's name and
    the run of its numbers, which stay unread (a run of 指标值, 权重, 完成值 and 得分 splits
    too many ways to choose one, unless the reader's totals decide); each row comes with its
    run and its unit. The rows must follow one another from the header on, or none is read."""
    text = _after_header(_CJK_GAP.sub("", "".join(texts)))
    rows: list[UnitRow] = []
    at = 0
    for m in _unit_row().finditer(text):
        if m.start() != at:
            break
        name = Cell.read(m.group("name"), where)
        rows.append(UnitRow(Indicator(level1=None, level2=None, name=name, where=where), m.group("run"),
                            m.group("nature"), m.group("unit")))
        at = m.end()
    return rows
