"""Reader 'selfeval_form': 项目支出 and 部门整体支出绩效自评表, any printing, one declared form.

The form is the vocabulary's ``selfeval`` part (titles, info labels, fund columns and
lines, goal labels, indicator columns, total and end words); this module is the engine
that fills it from the sheet's cell stream (``sources.stream``):

1. a table starts at a title (…自评表) or, with none printed, at its 项目名称 anchor;
2. info labels take the cell after them (or the text after their colon);
3. a header names the fund block's columns; each fund line's cells go to them by shape;
4. the goal labels take the texts after them;
5. a header names the indicator columns; the rows under it are read as printed where the
   printing kept rows, and otherwise cut from the stream where the cells fit the columns
   best (a level label always starts a row; with empty cells kept, every row has the
   header's width less its merged level cells);
6. the total row gives the total weight and score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from jixiao.model.findings import Finding, Severity
from jixiao.model.selfeval import LEVEL1, EvaluationKind, FundRow, Indicator, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, normalize_text
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.form_fit import SKIP_EMPTY, align, is_number, is_percent
from jixiao.readers.form_split import is_run, split_line
from jixiao.readers.registry import register
from jixiao.readers.selfeval_tab_rows import is_placeholder_name
from jixiao.resolve.levels import level1_of, level2_of
from jixiao.sources.sheet import Sheet
from jixiao.sources.stream import Token, tokens
from jixiao.vocabulary import match_key, vocabulary

NAME = "selfeval_form"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_POINTS = re.compile(r"[（(]?\d+(\.\d+)?分?[)）]?分?$")
_TITLE_SPAN = 60          # a title is a short line, not a sentence that names the form
_ROW_COST = 1.5           # what a new row costs when the stream's rows are cut by fit
_MAX_ROW = 14
# Columns assumed where a fragment starts below its header: the national form's order.
_HEADERLESS = ("name", "target", "weight", "score", "reason")
_UNIT_NOTE = re.compile(r"\((万?元)\)")


@cache
def _level_words() -> tuple[str, ...]:
    return vocabulary().other_level1


_Level = tuple[str | None, str | None, str]


def _level(text: str) -> _Level | None:
    """(level1, level2, printed) a level label cell may name, or None for any other cell.

    A cell may read both ways (满意度指标); the row decides (``_apply``). A lone 指标 is
    the wrapped end of the label before it: consumed, it tells nothing.
    """
    k = match_key(text)
    if k == "指标":
        return None, None, ""
    if not k or len(k) > 16:
        return None
    bare = _POINTS.sub("", k) if not k.endswith("指标") else k
    printed = normalize_text(_POINTS.sub("", text.strip())) or bare
    l1, l2 = level1_of(k), level2_of(k)
    if l1 or l2:
        return l1, l2, printed
    if bare in _level_words():
        return printed, None, printed
    return None


def _apply(labels: list[_Level], level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    """The levels after a row's labels: the first names level 1 where it can, the next level 2."""
    for n, (l1, l2, printed) in enumerate(labels):
        if not printed:
            continue
        if n == 0 and l1 is not None and not (l2 is not None and level1 is not None and len(labels) == 1):
            level1, level2 = l1, None
        else:
            level2 = l2 or printed
    return level1, level2


@dataclass
class _Table:
    """One table's tokens and what they told (mutable while reading)."""

    tokens: Sequence[Token]
    keys: list[str]
    info: dict[str, Cell] = field(default_factory=dict)
    funds: list[FundRow] = field(default_factory=list)
    goal_planned: Cell = EMPTY
    goal_actual: Cell = EMPTY
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: Cell = EMPTY
    total_score: Cell = EMPTY
    findings: list[Finding] = field(default_factory=list)


def _cell(token: Token) -> Cell:
    return Cell.read(token.text, token.where)


class SelfEvaluationForm:
    name = NAME
    title = "绩效自评表（通用表单）"
    general = True

    def identify(self, sheet: Sheet) -> float:
        k = match_key(sheet.text[:400000])
        has_title = any(t in k for t in vocabulary().selfeval_titles)
        has_columns = "三级指标" in k or "指标名称" in k
        if has_columns:
            return 0.9 if has_title else 0.6
        levels = sum(w in k for w in ("产出指标", "效益指标", "满意度指标"))
        return 0.4 if levels >= 2 else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        toks = tokens(sheet)
        keys = [match_key(t.text) for t in toks]
        items: list[SelfEvaluation] = []
        spans: list[Span] = []
        findings: list[Finding] = []
        for first, last in _segments(keys, _is_selfeval_title):
            table = _Table(toks[first:last], keys[first:last])
            evaluation = _read_table(table, sheet, len(items) + 1)
            if evaluation is None:
                continue
            findings.extend(replace(f, project=evaluation.project.text) for f in table.findings)
            items.append(evaluation)
            lines = [t.where.line for t in table.tokens if t.where.line is not None]
            if lines:
                spans.append(Span(min(lines), max(lines), evaluation.project.text or ""))
        return ReadResult(items=tuple(items), spans=tuple(spans), findings=tuple(findings))


def _is_title(key: str) -> bool:
    return _is_selfeval_title(key) or _is_target_title(key)


def _is_target_title(key: str) -> bool:
    return len(key) <= _TITLE_SPAN and any(t in key for t in vocabulary().target_titles)


def _is_selfeval_title(key: str) -> bool:
    v = vocabulary()
    return len(key) <= _TITLE_SPAN and any(t in key for t in v.selfeval_titles)


def _is_anchor(key: str) -> bool:
    return any(key.startswith(a) and len(key) <= len(a) + 40 for a in vocabulary().selfeval_anchors)


def _segments(keys: list[str], is_title: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Token ranges of the tables: from a title (or an anchor with no title just above).

    Another form's title (a 目标表 for the self-evaluation engine, and the reverse) ends a
    table and starts none: its rows belong to the other form.
    """
    starts: list[int] = []
    other = [i for i, k in enumerate(keys) if _is_title(k) and not is_title(k)]
    for i, k in enumerate(keys):
        if is_title(k):
            if starts and i - starts[-1] <= 3 and not _has_body(keys, starts[-1], i):
                starts[-1] = i          # consecutive titles: the later one heads the table
            else:
                starts.append(i)
        elif _is_anchor(k) and not any(_is_title(keys[j]) or _is_anchor(keys[j])
                                       for j in range(max(0, i - 12), i)):
            if not starts or _has_body(keys, starts[-1], i):
                starts.append(i)
    first_body = next((i for i, k in enumerate(keys) if _body_start(k)), None)
    if first_body is not None and (not starts or first_body < starts[0]) \
            and not any(j < first_body for j in other):
        starts.insert(0, first_body)          # a fragment: the table's head is not in the text
    bounds = sorted(set(starts) | set(other)) + [len(keys)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False)
            if a in starts and _has_body(keys, a, b)]


def _is_header(key: str) -> bool:
    """An indicator header cell: 一级指标, 二级指标, 三级指标, 指标名称."""
    return vocabulary().indicator_columns.role_of(key, limit=12) in ("level1", "level2", "name")


def _national_level1(key: str) -> str | None:
    lv = _level(key)
    return lv[0] if lv is not None and lv[0] in LEVEL1 and lv[1] is None else None


def _body_start(key: str) -> bool:
    """Where the indicator part starts: its header, or a level-1 label (产出指标)."""
    return _is_header(key) or _national_level1(key) is not None


def _has_body(keys: list[str], first: int, last: int) -> bool:
    """A table has an indicator header; a fragment without one, two level-1 labels."""
    part = keys[first:last]
    return any(_is_header(k) for k in part) or len({_national_level1(k) for k in part} - {None}) >= 2


def _year(table: _Table, sheet: Sheet) -> int | None:
    for t in list(table.tokens[:6]):
        m = _YEAR.search(t.text)
        if m:
            return int(m.group(1))
    return None


def _read_table(table: _Table, sheet: Sheet, seq: int) -> SelfEvaluation | None:
    v = vocabulary()
    keys = table.keys
    ind = next((i for i, k in enumerate(keys) if _body_start(k)), None)
    if ind is None:
        return None
    fund = next((i for i, k in enumerate(keys[:ind])
                 if v.fund_columns.role_of(k) in ("initial", "budget", "executed") and len(k) <= 14), None)
    goal = next((i for i, k in enumerate(keys[:ind])
                 if any(k.startswith(g) for g in v.goal_section) and len(k) <= 14), None)
    head_end = min(x for x in (fund, goal, ind) if x is not None)
    _read_info(table, 0, head_end)
    if fund is not None:
        _read_funds(table, fund, goal if goal is not None and goal > fund else ind)
    if goal is not None:
        _read_goals(table, goal, ind)
    _read_indicators(table, ind)
    if not table.indicators and not (table.funds and "project" in table.info):
        return None           # neither indicators nor a named table's fund lines: no table
    title_key = keys[0] if _is_selfeval_title(keys[0]) else ""
    department = any(t in title_key for t in v.department_titles) or keys[0].startswith("预算单位名称")
    return SelfEvaluation(
        kind=EvaluationKind.DEPARTMENT if department else EvaluationKind.PROJECT,
        seq=seq, year=_year(table, sheet),
        project=table.info.get("project", EMPTY), department=table.info.get("department", EMPTY),
        unit=table.info.get("unit", EMPTY), funds=tuple(table.funds),
        goal_planned=table.goal_planned, goal_actual=table.goal_actual,
        indicators=tuple(table.indicators), total_weight=table.total_weight,
        total_score=table.total_score, where=table.tokens[0].where, layout=NAME)


def _label_roles(key: str) -> bool:
    """A cell that is a label of the form (never a value)."""
    v = vocabulary()
    return bool(v.info.role_of(key, limit=12) or v.fund_columns.role_of(key, limit=12)
                or v.indicator_columns.role_of(key, limit=12) or _is_title(key))


def _read_info(table: _Table, first: int, last: int) -> None:
    info = vocabulary().info
    for i in range(first, last):
        key = table.keys[i]
        role = next((r for r, words in info.labels for w in words
                     if key.startswith(w) and len(key) <= len(w) + 60), None)
        if role is None or role in table.info:
            continue
        text = table.tokens[i].text
        after = re.split(r"[：:]", text, maxsplit=1)
        word = next(w for w in info.of(role) if key.startswith(w))
        if len(after) == 2 and after[1].strip():
            table.info[role] = Cell.read(after[1].strip(), table.tokens[i].where)
            continue
        if len(key) > len(word) + 2 and not key.startswith(word + "("):
            table.info[role] = Cell.read(text.strip()[len(word):].strip(), table.tokens[i].where)
            continue
        nxt = next((j for j in range(i + 1, min(last, i + 4)) if table.tokens[j].text.strip()), None)
        if nxt is not None and not _label_roles(table.keys[nxt]):
            table.info[role] = _cell(table.tokens[nxt])


def _fund_item(key: str) -> str | None:
    for label in vocabulary().fund_items:
        if key.startswith(label) and len(key) <= len(label) + 3:
            return label
    return None


def _read_funds(table: _Table, first: int, last: int) -> None:
    v = vocabulary()
    roles: list[str] = []
    i = first
    while i < last:
        key = table.keys[i]
        role = v.fund_columns.role_of(key, limit=16)
        if role is None and key and _fund_item(key) is None and len(key) > 12:
            break
        if _fund_item(key) is not None or is_number(table.tokens[i].text):
            break
        if role is not None and role not in roles and not _UNIT_NOTE.search(key):
            roles.append(role)      # a header naming the unit (…(万元)) spans the columns
        i += 1
    if not roles:
        return
    while i < last:
        if _fund_item(table.keys[i]) is None:
            i += 1
            continue
        item = table.tokens[i]
        j = i + 1
        values: list[Token] = []
        while j < last and _fund_item(table.keys[j]) is None:
            text = normalize_text(table.tokens[j].text) or ""
            if text and not (is_number(text) or is_percent(text) or is_run(text)):
                break                      # a fund line holds amounts, rates and empty cells
            values.append(table.tokens[j])
            j += 1
        table.funds.append(_fund_line(table, item, values, tuple(roles)))
        i = j


def _fund_line(table: _Table, item: Token, values: list[Token], roles: tuple[str, ...]) -> FundRow:
    """A fund line's cells to its columns; cells run together are cut by the arithmetic."""
    texts = tuple(normalize_text(t.text) or "" for t in values)
    if any(is_run(t) and not (is_number(t) or is_percent(t)) for t in texts):   # no single number
        split = split_line(tuple(t for t in texts if t), roles)
        where = values[0].where if values else item.where
        if split is None:             # no single reading: the numbers stay empty, and we say so
            table.findings.append(Finding(
                code="R004", severity=Severity.WARNING, where=where, document_kind="project_self_evaluation",
                message=f"资金行“{normalize_text(item.text)}”的数字连写为“{' '.join(t for t in texts if t)}”，"
                        f"按执行率、得分公式无法唯一拆分为{'、'.join(roles)}各栏，已留空，请对照原件填写。"))
            return FundRow(item=_cell(item), where=item.where)
        return FundRow(item=_cell(item), where=item.where,
                       **{r: Cell.read(v, where) for r, v in zip(roles, split, strict=False)})
    _, placed = align(tuple(t.text for t in values), roles)
    return FundRow(item=_cell(item), where=item.where, **{r: _cell(values[k]) for r, k in placed.items()})


def _read_goals(table: _Table, first: int, last: int) -> None:
    goal = vocabulary().goal
    order: list[str] = []
    texts: list[Token] = []
    for i in range(first + 1, last):
        key = table.keys[i]
        role = goal.role_of(key, limit=14)
        if role is not None and len(key) <= 14:
            order.append(role)
            continue
        if table.tokens[i].text.strip() and not _label_roles(key):
            texts.append(table.tokens[i])
    order = order or ["planned", "actual"]
    for role, token in zip(order, texts, strict=False):
        if role == "planned" and table.goal_planned.empty:
            table.goal_planned = _cell(token)
        elif role == "actual" and table.goal_actual.empty:
            table.goal_actual = _cell(token)


def _read_indicators(table: _Table, first: int) -> None:
    v = vocabulary()
    cols = v.indicator_columns
    header: list[str] = []
    i = first
    while i < len(table.keys):
        key = table.keys[i]
        role = cols.role_of(key, limit=16) if key else None
        if not key and table.tokens[i].rowed:
            i += 1
            continue
        if role is None:
            break
        if role not in header:
            header.append(role)
        i += 1
    body = tuple(r for r in header if r not in ("level1", "level2"))
    if not body:
        body = _HEADERLESS                  # a fragment without its header row
    elif "name" not in body:
        body = ("name",) + body
    end = i
    while end < len(table.keys) and not _ends(table.keys[end]):
        end += 1
    rows = _rows(table.tokens[i:end], table.keys[i:end], body)
    level1: str | None = None
    level2: str | None = None
    for labels, cells in rows:
        level1, level2 = _apply(labels, level1, level2)
        _, placed = align(tuple(t.text for t in cells), body)
        got = {r: _cell(cells[k]) for r, k in placed.items()}
        name = got.get("name", EMPTY)
        weight = got.get("weight", EMPTY)
        if is_placeholder_name(name.text) and not (weight.number is not None and weight.number > 0):
            continue
        if all(got.get(r, EMPTY).empty for r in ("target", "actual", "weight", "score", "nature")):
            continue          # a name alone: a row cut off, or a sentence about indicators
        table.indicators.append(Indicator(
            level1=level1, level2=level2, name=name, target=_target(got),
            actual=got.get("actual", EMPTY), weight=weight, score=got.get("score", EMPTY),
            reason=got.get("reason", EMPTY), where=cells[0].where if cells else name.where))
    if end < len(table.keys) and _is_total(table.keys[end]):
        _read_total(table, end)


def _target(got: dict[str, Cell]) -> Cell:
    """指标性质 + 指标值 + 度量单位 as one target, as LABELS.md joins them."""
    value = got.get("target", EMPTY)
    nature, unit = got.get("nature", EMPTY), got.get("unit", EMPTY)
    if nature.empty and unit.empty:
        return value
    text = value.text or ""
    if unit.text and text and (is_number(text) or text.replace(".", "").isdigit()):
        text = text + unit.text
    if nature.text and text and nature.text not in ("定性", "定量", "正向", "反向"):
        text = nature.text + text
    return Cell.read(text, value.where) if text else value


def _is_total(key: str) -> bool:
    return any(key.startswith(w) and len(key) <= len(w) + 8 for w in vocabulary().total)


_HEADING = re.compile(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、](?=\D).*[,，。;；])")


def _ends(key: str) -> bool:
    """The indicator rows are over: a total row, the next title, the text after the table."""
    v = vocabulary()
    return _is_total(key) or _is_title(key) or any(key.startswith(w) for w in v.after) \
        or bool(_HEADING.match(key))


def _rows(toks: Sequence[Token], keys: Sequence[str], body: tuple[str, ...]
          ) -> list[tuple[list[_Level], list[Token]]]:
    """The indicator rows: (level labels, cells) each. Printed rows where known, else cut."""
    if toks and all(t.rowed for t in toks):
        out = []
        by_row: dict[int, list[int]] = {}
        for k, t in enumerate(toks):
            by_row.setdefault(t.row, []).append(k)
        for idx in by_row.values():
            labels, rest = _peel(toks, idx)
            if any(toks[k].text.strip() for k in rest):
                out.append((labels, [toks[k] for k in rest]))
            elif labels and out:
                out.append((labels, []))
        return [r for r in out if r[1]] if out else []
    return _cut(toks, body)


def _peel(toks: Sequence[Token], idx: list[int]) -> tuple[list[_Level], list[int]]:
    """Level labels at the front of a row (empty cells before them skipped)."""
    labels: list[_Level] = []
    k = 0
    while k < len(idx):
        text = toks[idx[k]].text
        if not text.strip() and k + 1 < len(idx) and _level(toks[idx[k + 1]].text):
            k += 1
            continue
        lv = _level(text)
        if lv is None:
            break
        labels.append(lv)
        k += 1
    return labels, idx[k:]


def _cut(toks: Sequence[Token], body: tuple[str, ...]
         ) -> list[tuple[list[_Level], list[Token]]]:
    """Rows cut from a stream whose printing lost them: the cheapest cut where every row's
    cells fit the columns; a level label can only start a row."""
    n = len(toks)
    levels = [_level(t.text) for t in toks]
    inf = float("inf")
    best: list[tuple[float, int]] = [(inf, -1)] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 1, -1, -1):
        j0 = i
        while j0 < n and levels[j0] is not None:
            j0 += 1
        if j0 == n:
            best[i] = (0.0, n)
            continue
        for j in range(j0 + 1, min(n, j0 + _MAX_ROW) + 1):
            if levels[j - 1] is not None:
                break
            cost, _ = align(tuple(t.text for t in toks[j0:j]), body)
            total = cost + _ROW_COST + best[j][0]
            if total < best[i][0]:
                best[i] = (total, j)
        if best[i][0] == inf and not toks[i].text.strip():
            best[i] = (best[i + 1][0] + SKIP_EMPTY, i + 1)
    out: list[tuple[list[_Level], list[Token]]] = []
    i = 0
    while i < n:
        j = best[i][1]
        if j <= i:
            break
        labels = [lv for lv in levels[i:j] if lv is not None]
        cells = [t for t, lv in zip(toks[i:j], levels[i:j], strict=True) if lv is None]
        if cells and any(c.text.strip() for c in cells):
            out.append((labels, cells))
        elif labels:
            out.append((labels, []))
        i = j
    merged: list[tuple[list[_Level], list[Token]]] = []
    pending: list[_Level] = []
    for labels, cells in out:
        pending.extend(labels)
        if cells:
            merged.append((pending, cells))
            pending = []
    return merged


def _read_total(table: _Table, at: int) -> None:
    numbers: list[Cell] = []
    for t in table.tokens[at + 1: at + 8]:
        text = normalize_text(t.text) or ""
        if is_number(text):
            numbers.append(_cell(t))
        elif text and not (t.rowed and t.row == table.tokens[at].row):
            break
    first = table.tokens[at].text
    m = re.search(r"(\d+(?:\.\d+)?)\s*$", first)
    if m and not numbers:
        numbers.append(Cell.read(m.group(1), table.tokens[at].where))
    if len(numbers) >= 2:
        table.total_weight, table.total_score = numbers[0], numbers[1]
    elif numbers:
        n = numbers[0].number
        weights = sum((x.weight.number or 0) for x in table.indicators) + sum(
            (f.weight.number or 0) for f in table.funds[:1])
        scores = sum((x.score.number or 0) for x in table.indicators) + sum(
            (f.score.number or 0) for f in table.funds[:1])
        if n is not None and abs(n - weights) <= abs(n - scores):
            table.total_weight = numbers[0]
        else:
            table.total_score = numbers[0]


register(SelfEvaluationForm())
