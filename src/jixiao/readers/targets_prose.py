"""Reader 'targets_prose': a notice that states a project's targets in sentences.

The printing: a 公示 or a notice (绩效目标设定的公示, 项目情况公告) with no table. Under
headings that name the level-1 blocks, a line each (``一、产出指标``, ``(一)產出指標``),
each level 2 is a prefix (``数量指标:``, ``1、质量指标:``, ``可持续影响指标,``) followed by
its indicators, a clause each, every clause a name followed by its value
(``受益脱贫户满意度(≥**%)≥95%``, ``资助建档立卡贫困子女1966人``). Clauses end at ``；``
or ``。``; a ``，`` ends one only where a value precedes it (else it is inside a name).
The notice around the blocks names the year, the project and the overall goal in
sentences; only what a rule below reads with certainty is filled, the rest stays empty.

Labels are matched on the simplified view of the text (one character for one), and
every value is cut from the text as printed (traditional characters stay).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.model.selfeval import LEVEL1
from jixiao.model.targets import PerformanceTarget, TargetFunds, TargetIndicator
from jixiao.model.values import EMPTY, RUBY, Cell
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.form_engine import apply_levels, is_header, level
from jixiao.readers.registry import register
from jixiao.sources.sheet import Line, Sheet
from jixiao.vocabulary import match_key, simplified, vocabulary

NAME = "targets_prose"
_ORDINAL = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]|[一二三四五六七八九十]{1,2}\s*[、.．])\s*")
_INTRO_LINES = 4          # the sentence that introduces the targets stands just above them
_CLAUSE_END = "；;。"
_COMMA = ",，"
_LABEL = re.compile(r"([^\s:：,，;；。()（）]{2,10})[:：,，]")
_COMPARATOR = "≥≤><=＞＜≧≦"
_VALUE = re.compile(rf"^(?:[{_COMPARATOR}]=?|不低于|不高于|不少于|不超过|大于|小于|达到)?\s*\d+(?:\.\d+)?"
                    r"\s*[^\d,，;；。:：]{0,6}$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PROJECT = re.compile(r"(?:^|[,，。;；])(?:实施)?((?:(?:19|20)\d{2}年)?[^,，。;；:：《》“”\s|]{4,40}?项目)(?=[,，。由的]|$)")
_GOAL = re.compile(r"(?:总体绩效目标|总体目标|年度绩效目标|年度目标)(?:是|为)?[:：]")


def _view(text: str) -> str:
    """The simplified view, one character for each printed one (for label matching)."""
    whole = simplified(text)
    return whole if len(whole) == len(text) else "".join(simplified(c) or c for c in text)


def _heading(text: str) -> str | None:
    """The level 1 a heading line names (``一、 产出指标``, ``(一)產出指標``), else None."""
    rest = _ORDINAL.sub("", text, count=1)
    lv = level(rest.strip().rstrip(":："))
    return lv[0] if lv is not None and lv[0] in LEVEL1 and lv[1] is None and rest.strip() else None


@dataclass
class _Block:
    """The lines of the level-1 blocks, from the first heading to the last clause line."""

    first: int
    lines: list[Line] = field(default_factory=list)


def _blocks(sheet: Sheet) -> _Block | None:
    """The targets stated in prose: two level-1 headings or more, a mention of 绩效目标 just
    above the first, no indicator table header among them (a table is the form readers')."""
    lines = [x for x in sheet.lines if not x.blank]
    heads = [k for k, x in enumerate(lines) if _heading(RUBY.sub("", x.text))]
    if len(heads) < 2:
        return None
    first = heads[0]
    intro = [match_key(x.text) for x in lines[max(0, first - _INTRO_LINES):first]]
    if not any("绩效目标" in k for k in intro):
        return None
    block = _Block(first)
    for x in lines[first:]:
        text = RUBY.sub("", x.text)
        if _heading(text) or _labels(_body(text)):
            if any(is_header(c) for c in (match_key(c) for c in x.cells)) and len(x.cells) > 2:
                return None
            block.lines.append(x)
        else:
            break
    return block if len(block.lines) > len([h for h in heads if h >= first]) else None


def _body(text: str) -> str:
    return _ORDINAL.sub("", text, count=1).strip()


def _labels(text: str) -> list[tuple[int, int, tuple[str | None, str | None, str]]]:
    """Level labels standing as prefixes: at a clause's start, followed by ``:`` or ``,``;
    (start, end of the label with its mark, level)."""
    view = _view(text)
    found: list[tuple[int, int, tuple[str | None, str | None, str]]] = []
    starts = [0] + [m.end() for m in re.finditer(rf"[{_CLAUSE_END}{_COMMA}:：]", view)]
    for at in starts:
        m = _LABEL.match(view, at)
        if m is None:
            continue
        lv = level(m.group(1))
        if lv is not None and (lv[0] or lv[1]):
            found.append((m.start(), m.end(), (lv[0], lv[1], text[m.start(1):m.end(1)])))
    return found


def _clauses(text: str) -> list[str]:
    """One level's text cut into indicator clauses (see the module's docstring)."""
    out: list[str] = []
    for piece in re.split(rf"[{_CLAUSE_END}]", text):
        current = ""
        for part in re.split(rf"([{_COMMA}])", piece):
            if part in _COMMA and part:
                if _split(current)[1]:
                    out.append(current)
                    current = ""
                else:
                    current += part
                continue
            current += part
        out.append(current)
    return [c.strip() for c in out if c.strip()]


def _split(clause: str) -> tuple[str, str]:
    """(name, value): the value starts at the first comparator or number outside brackets
    from which the rest reads as one value (``>=17600株``, ``100%達標``, ``≤28.40/株``)."""
    depth = 0
    for k, ch in enumerate(clause):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and k > 0 and (ch in _COMPARATOR or ch.isdigit()) \
                and not clause[k - 1].isdigit() and _VALUE.match(clause[k:]):
            return clause[:k].strip(), clause[k:].strip()
    return clause, ""


def _indicators(sheet: Sheet, block: _Block) -> list[TargetIndicator]:
    level1: str | None = None
    level2: str | None = None
    out: list[TargetIndicator] = []
    for line in block.lines:
        text = RUBY.sub("", line.text)
        head = _heading(text)
        if head:
            level1, level2 = head, None
            continue
        body = _body(text)
        labels = _labels(body)
        for n, (_, end, lv) in enumerate(labels):
            level1, level2 = apply_levels([lv], level1, level2)
            stop = labels[n + 1][0] if n + 1 < len(labels) else len(body)
            for clause in _clauses(body[end:stop]):
                name, value = _split(clause)
                where = sheet.where(line)
                out.append(TargetIndicator(level1=level1 or vocabulary().parent(level2), level2=level2,
                                           name=Cell.read(name, where), target=Cell.read(value, where) if value
                                           else EMPTY, where=where))
    return out


def _above(sheet: Sheet, block: _Block) -> list[Line]:
    first = block.lines[0].number
    return [x for x in sheet.lines if x.number < first and not x.blank]


def _year(lines: list[Line]) -> int | None:
    for x in lines:
        m = _YEAR.search(x.text)
        if m:
            return int(m.group(1))
    return None


def _project(sheet: Sheet, lines: list[Line]) -> Cell:
    """The project the notice names in a sentence: the first phrase ending in 项目 that starts
    a clause or follows 实施 (a title's 关于…项目 is the notice's subject, not its words)."""
    for x in lines:
        text = RUBY.sub("", x.text)
        m = _PROJECT.search(_view(text))
        if m:
            return Cell.read(text[m.start(1):m.end(1)], sheet.where(x))
    return EMPTY


def _goal(sheet: Sheet, lines: list[Line]) -> Cell:
    """The overall goal: the sentence after ``总体目标:`` (``…绩效目标是:``), up to its ``。``."""
    for x in lines:
        text = RUBY.sub("", x.text)
        m = _GOAL.search(_view(text))
        if m:
            rest = text[m.end():]
            end = rest.find("。")
            goal = rest[:end + 1] if end >= 0 else rest
            return Cell.read(goal.strip(), sheet.where(x))
    return EMPTY


def _unit(sheet: Sheet, lines: list[Line]) -> Cell:
    """A section of the notice headed by the unit's label (六、实施单位及责任人): the unit is
    the next line up to its first space (the person in charge follows it)."""
    words = vocabulary().targets.info.of("unit")
    for k, x in enumerate(lines[:-1]):
        head = match_key(_ORDINAL.sub("", RUBY.sub("", x.text), count=1))
        if any(head.startswith(w) and len(head) <= len(w) + 6 for w in words) and ":" not in head:
            value = RUBY.sub("", lines[k + 1].text).strip().split()
            return Cell.read(value[0], sheet.where(lines[k + 1])) if value else EMPTY
    return EMPTY


_SUM = re.compile(r"资金\s*(\d+(?:\.\d+)?)\s*万元")


def _funds(sheet: Sheet, lines: list[Line]) -> dict[str, Cell]:
    """The money the notice states: ``财政资金895.8万元`` under its fund (the amounts'
    vocabulary names it), a bare ``资金50万元`` (涉及资金, 安排…资金) as the year's total;
    the first of each."""
    amounts = vocabulary().targets.amounts
    assert amounts is not None
    words = sorted(((w, r) for r, ws in amounts.labels for w in ws if w.endswith("资金")), key=lambda x: -len(x[0]))
    found: dict[str, Cell] = {}
    for x in lines:
        text = RUBY.sub("", x.text)
        view = _view(text)
        for m in _SUM.finditer(view):
            before = view[:m.start() + 2]
            role = next((r for w, r in words if before.endswith(w)), "annual_total")
            found.setdefault(role, Cell.read(text[m.start(1):m.end(1)], sheet.where(x)))
    return found


class TargetProse:
    name = NAME
    title = "绩效目标（公示文字）"

    def identify(self, sheet: Sheet) -> float:
        return 0.6 if "绩效目标" in match_key(sheet.text[:200000]) and _blocks(sheet) else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        block = _blocks(sheet)
        if block is None:
            return ReadResult()
        indicators = _indicators(sheet, block)
        if not indicators:
            return ReadResult()
        above = _above(sheet, block)
        funds = _funds(sheet, above)
        total = funds.pop("annual_total", EMPTY)
        target = PerformanceTarget(
            seq=1, year=_year(above), project=_project(sheet, above), goal=_goal(sheet, above),
            unit=_unit(sheet, above),
            annual_total=total, project_total=funds.pop("project_total", EMPTY), funds=TargetFunds(**funds),
            indicators=tuple(indicators), where=sheet.where(block.lines[0]), layout=NAME)
        first = above[0].number if above else block.lines[0].number
        return ReadResult(items=(target,), spans=(Span(first, block.lines[-1].number, target.project.text or ""),))


register(TargetProse())
