"""Reader 'selfeval_tabbed': 项目支出绩效自评表 printed as tab-separated cells.

A table starts at its 项目名称 row (预算单位名称 in a 部门整体支出绩效自评表, whose title
says 整体), title and year just above it, and runs to its 总分 row or the next table.
Its rows fall into sections met in order: project info, fund block
(项目资金), goals (年度总体目标), indicators (绩效指标 …). Header rows name each section's
columns; data rows are matched to those roles by content (see ``selfeval_tab_rows``), so a
different column order is just a different header and shifted rows still read right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, LevelHeading, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, normalize_text
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.registry import register
from jixiao.readers.selfeval_tab_rows import (
    FUND_ROLES,
    GOAL_WORDS,
    INDICATOR_ROLES,
    align,
    header_roles,
    is_placeholder_name,
    is_stray,
    key,
    label_of,
    role_of_header,
)
from jixiao.resolve.levels import points_of
from jixiao.sources.sheet import Line, Sheet

_INFO = ("项目名称", "预算单位名称", "主管部门", "实施单位")
_NAME_LABELS = ("项目名称", "预算单位名称")        # what names the table: its anchor
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_LOOKBACK = 8


def _texts(line: Line) -> list[str]:
    """Normalised cell texts, '' for empty or placeholder cells."""
    return [normalize_text(c) or "" for c in line.cells]


def _anchors(sheet: Sheet) -> list[int]:
    """Indices of 项目名称 (预算单位名称) rows: the label then the name in cells of one row.

    The label alone still anchors when the row of cells under it is the 主管部门 row
    (the name was left empty, the table is there); a lone 项目名称 followed by single
    cells is the one-cell-per-line layout's.
    """
    out = []
    for i, line in enumerate(sheet.lines):
        texts = [t for t in _texts(line) if t]
        if texts and key(texts[0]) in _NAME_LABELS and (len(texts) >= 2 or _info_row_below(sheet, i)):
            out.append(i)
    return out


def _info_row_below(sheet: Sheet, index: int) -> bool:
    """The next printed line is a row of cells that starts with 主管部门."""
    below = next((line for line in sheet.lines[index + 1:] if not line.blank), None)
    if below is None or len(below.cells) < 2:
        return False
    texts = [t for t in _texts(below) if t]
    return bool(texts) and key(texts[0]).startswith("主管部门")


def _title_index(sheet: Sheet, anchor: int) -> int | None:
    """The title line (…自评表) just above a 项目名称 row, or None.

    The title is required: 绩效目标表 and other forms print a 项目名称 row too. The
    look-back counts printed lines only, however many blank lines the extractor left.
    """
    printed = 0
    for i in range(anchor - 1, -1, -1):
        if sheet.lines[i].blank:          # blank lines are the extractor's, not the document's
            continue
        printed += 1
        if printed > _TITLE_LOOKBACK:
            break
        if "自评表" in key(sheet.lines[i].text):
            return i
    return None


def _is_department_table(sheet: Sheet, title: int | None) -> bool:
    return title is not None and "整体" in key(sheet.lines[title].text)


@dataclass
class _Table:
    """What one table's rows have told so far (mutable while reading, frozen at the end)."""

    sheet: Sheet
    info: dict[str, Cell] = field(default_factory=dict)
    fund_roles: list[tuple[int, str]] = field(default_factory=list)
    funds: list[FundRow] = field(default_factory=list)
    goal_cols: list[tuple[int, str]] = field(default_factory=list)
    goal_width: int = 0                  # cells on the goal header row
    header_width: int = 0                # cells on the indicator header row
    goals: dict[str, Cell] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    score_col: int | None = None
    weight_col: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    labelled: list[bool] = field(default_factory=list)   # did the indicator's row print level 2
    rows: list[int] = field(default_factory=list)        # line index of each indicator
    headings: list[LevelHeading] = field(default_factory=list)
    method: Cell = EMPTY
    level1: str | None = None
    level2: str | None = None
    last_row: int | None = None          # index of the line holding the last indicator
    total_weight: Cell = EMPTY
    total_score: Cell = EMPTY
    section: str = "info"

    def cell(self, line: Line, col: int) -> Cell:
        return Cell.read(line.cells[col], self.sheet.where(line, col))


def _join(a: Cell, b: Cell) -> Cell:
    """Text broken across lines: normalisation removes the break between CJK characters."""
    if b.empty:
        return a
    if a.empty:
        return b
    return Cell.read(a.raw + "\n" + b.raw, a.where)


# --- project info ---------------------------------------------------------------------

def _read_info(t: _Table, line: Line) -> None:
    """项目名称 (预算单位名称) / 主管部门 / 实施单位, value in the next cell or after the
    label in the same cell."""
    texts = _texts(line)
    for col, text in enumerate(texts):
        label = next((w for w in _INFO if key(text).startswith(w)), None)
        if label is None or label in t.info:
            continue
        rest = re.sub(r"^\s*" + r"\s*".join(label) + r"\s*[:：]?\s*", "", text)
        if rest:
            t.info[label] = Cell(text=rest, raw=line.cells[col], where=t.sheet.where(line, col))
            continue
        for nxt in range(col + 1, len(texts)):
            if texts[nxt]:
                # The next label (主管部门 | | 实施单位 | X) means this one printed no value.
                if not any(key(texts[nxt]).startswith(w) for w in _INFO):
                    t.info[label] = t.cell(line, nxt)
                break


# --- fund block -----------------------------------------------------------------------

def _fund_values(t: _Table, line: Line, item_col: int) -> dict[str, int]:
    """Role → column for one fund row.

    Cells after the item fill the header's roles in order when their count matches,
    or when the printed values' count does (a merged header is shorter than its rows,
    so values printed every other column say nothing by their column); else by the
    header's columns when the item stands left of them and every printed value sits
    under one; else from the left when cells are missing (trailing empties
    were not printed) or from the right when there are too many (the item cell drifted
    right, pushing an empty cell in front).
    """
    cols = list(range(item_col + 1, len(line.cells)))
    while cols and not line.cells[cols[-1]].strip():
        cols.pop()
    roles = [r for _, r in t.fund_roles]
    if len(cols) == len(roles) or not roles:
        return dict(zip(roles, cols, strict=False))
    printed = [c for c in cols if line.cells[c].strip()]
    if len(printed) == len(roles):
        return dict(zip(roles, printed, strict=True))
    by_col = {c: r for c, r in t.fund_roles}
    if item_col < min(by_col) and all(c in by_col for c in printed):
        return {r: c for c, r in t.fund_roles if c < len(line.cells)}
    if len(cols) < len(roles):
        return dict(zip(roles, cols, strict=False))
    return dict(zip(roles, cols[-len(roles):], strict=True))


def _read_fund(t: _Table, line: Line) -> None:
    texts = _texts(line)
    item_col = next((c for c, x in enumerate(texts)
                     if x and not is_stray(x) and not key(x).startswith("项目资金")), None)
    if item_col is None:
        return
    item = t.cell(line, item_col)
    item = Cell(text=re.sub(r"[:：]\s*$", "", item.text or "") or None, raw=item.raw, where=item.where)
    cols = _fund_values(t, line, item_col)
    values = {r: t.cell(line, c) for r, c in cols.items()}
    t.funds.append(FundRow(item=item, where=t.sheet.where(line), **values))


# --- goals ----------------------------------------------------------------------------

def _read_goals(t: _Table, line: Line) -> None:
    """Goal text goes to the header column nearest to it; two texts on a row are planned, actual.

    A header shorter than the row merged its cells, so its columns say nothing: one
    text then fills the header's first role.
    """
    texts = _texts(line)
    filled = [c for c, x in enumerate(texts) if x and not key(x).startswith("年度总体目标")]
    if not filled:
        return
    if len(filled) >= 2:
        pairs = [(filled[0], "planned"), (filled[-1], "actual")]
    elif t.goal_cols and len(line.cells) > t.goal_width:
        pairs = [(filled[0], t.goal_cols[0][1])]
    elif t.goal_cols:
        col = filled[0]
        pairs = [(col, min(t.goal_cols, key=lambda g: (abs(g[0] - col), g[1] != "planned"))[1])]
    else:
        pairs = [(filled[0], "planned")]
    for col, role in pairs:
        t.goals[role] = _join(t.goals.get(role, EMPTY), t.cell(line, col))


def _goal_header(texts: list[str]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for col, text in enumerate(texts):
        k = key(text)
        role = next((r for w, r in GOAL_WORDS if w in k), None)
        if role and col > 0 and not any(r == role for _, r in out):
            out.append((col, role))
    return out


# --- indicators -----------------------------------------------------------------------

_IMPLIED_LEVEL1 = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
}
_ORDER = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
          "生态效益指标", "可持续影响指标", "服务对象满意度指标")


def _read_labels(t: _Table, line: Line, texts: list[str]) -> tuple[int, str | None]:
    """Consume the level labels before the indicator name: (name column, level 2 printed).

    Two labels on a row are level 1 then level 2; one label is level 2 when it reads as
    one (``成本指标`` printed in the first column is a level-2 block), else level 1.
    Level 1 follows from level 2 where it can (a stray ``满意度`` beside ``可持续``);
    成本指标 is a level 1 only when printed with its points, or before a level-2 label
    once another level-1 block than 产出指标 has begun (its level-2 blocks come first,
    so a 成本指标 under 产出指标 is its level-2 block, whichever column it sits in).
    """
    labels: list[tuple[int, tuple[str | None, str | None, bool]]] = []
    name_col = len(texts)
    for col, text in enumerate(texts):
        if not text or is_stray(text):
            continue
        lab = label_of(text)
        # A row prints at most level 1 then level 2: what follows a level-2 label is the
        # name, even when it reads like a label (an indicator named 服务对象满意度).
        done = len(labels) == 2 or (len(labels) == 1 and labels[0][1][1] and not labels[0][1][0])
        if lab is None or done:
            name_col = col
            break
        labels.append((col, lab))
    level1 = level2 = None
    if len(labels) >= 2:
        level1, level2 = labels[0][1][0], labels[-1][1][1]
    elif labels:
        l1, l2, has_points = labels[0][1]
        level1, level2 = (None, l2) if l2 and not (has_points and l1) else (l1, None)
    after_output = t.level1 not in (None, "产出指标")
    if level1 == "成本指标" and not (len(labels) >= 2 and after_output) \
            and not (labels and labels[0][1][2]):
        level1 = None
    if labels and labels[0][1][2]:
        _heading(t, line, labels[0][0], level1 or _IMPLIED_LEVEL1.get(level2 or ""))
    if level1 and level1 != t.level1:
        t.level1, t.level2 = level1, None
    if level2:
        t.level2 = level2
        if level2 == "成本指标":
            t.level1 = t.level1 if t.level1 == "成本指标" else "产出指标"
        else:
            t.level1 = _IMPLIED_LEVEL1.get(level2, t.level1)
    return name_col, level2


def _heading(t: _Table, line: Line, col: int, level1: str | None) -> None:
    """产出指标 (50分): the level-1 heading with its printed points."""
    raw = line.cells[col]
    points = points_of(key(raw))
    if level1 and points is not None:
        where = t.sheet.where(line, col)
        t.headings.append(LevelHeading(level1, Cell(text=str(points), raw=raw, where=where), where))


def _read_indicator(t: _Table, index: int, line: Line) -> None:
    texts = _texts(line)
    before = t.level2
    name_col, printed_level2 = _read_labels(t, line, texts)
    if printed_level2 and printed_level2 != before:
        _claim_rows_above(t, texts[name_col] if name_col < len(texts) else "")
    elif printed_level2:
        _drop_repeated_label(t, index)
    if name_col >= len(texts):
        return
    rest = tuple(texts[name_col + 1:])
    while rest and not rest[-1]:
        rest = rest[:-1]
    got = align(rest, t.roles)
    cells = {r: t.cell(line, name_col + 1 + i) for r, i in got.items()}
    name = t.cell(line, name_col)
    if "method" in cells:
        t.method = _join(t.method, cells.pop("method"))
    weight = cells.get("weight", EMPTY)
    if is_placeholder_name(name.text) and not (weight.number or 0) > 0:
        return
    printed = [cells.get(r, EMPTY) for r in ("target", "actual", "weight", "score")]
    if all(c.empty for c in printed) and t.indicators and t.last_row is not None \
            and _only_blank_between(t.sheet, t.last_row, index) \
            and not _starts_own_row(t.indicators[-1].name.text, name.text):
        _continue_previous(t, name, cells.get("reason", EMPTY))
        t.last_row = index
        return
    t.indicators.append(Indicator(level1=t.level1, level2=t.level2, name=name,
                                  where=t.sheet.where(line), **cells))
    t.labelled.append(printed_level2 is not None)
    t.rows.append(index)
    t.last_row = index


_NUMBERED = re.compile(r"^指标\s*(\d+)")
_MONEY = re.compile(r"[万亿]?元$")


def _number_of(name: str | None) -> int:
    """``指标2: 无`` → 2; 0 for a name that is not numbered."""
    m = _NUMBERED.match(key(name))
    return int(m.group(1)) if m else 0


def _claim_rows_above(t: _Table, name: str) -> None:
    """A merged level-2 cell prints its label mid-block: give it the unlabelled rows above.

    Two cases only, each with its own evidence: the label sits beside 指标2 (or later),
    so the block began at the 指标1 row above; or the label is 成本指标 and the rows
    above it count money (``10万元``), which no other level-2 block does.
    """
    run: list[int] = []
    for i in range(len(t.indicators) - 1, -1, -1):
        if t.labelled[i]:
            break
        run.append(i)
    claimed: list[int] = []
    if _number_of(name) > 1:
        first = next((n for n, i in enumerate(run) if _number_of(t.indicators[i].name.text) == 1), None)
        claimed = run[:first + 1] if first is not None else []
    elif t.level2 == "成本指标":
        for i in run:
            if not _MONEY.search(key(t.indicators[i].target.text)):
                break
            claimed.append(i)
    for i in claimed:
        ind = t.indicators[i]
        t.indicators[i] = replace(ind, level1=t.level1, level2=t.level2)


def _drop_repeated_label(t: _Table, index: int) -> None:
    """The same level-2 label printed again after unlabelled rows, on the same page: a
    merged cell prints its label once, so the first print (a stray at a page top) did
    not start a block; the rows from it on continue the block before it. (A label
    printed on every row, with no unlabelled rows between, is left alone.)"""
    j = len(t.indicators) - 1
    while j >= 0 and not t.labelled[j]:
        j -= 1
    if j < 1 or j == len(t.indicators) - 1 or t.indicators[j].level2 != t.level2 \
            or t.indicators[j - 1].level2 == t.level2:
        return
    if any(t.sheet.lines[i].blank for i in range(t.rows[j], index)):
        return
    back = t.indicators[j - 1]
    for i in range(j, len(t.indicators)):
        t.indicators[i] = replace(t.indicators[i], level1=back.level1, level2=back.level2)


def _fill_leading(t: _Table) -> None:
    """Rows printed before any level label belong to the block before the first label
    seen, in the form's fixed order (a table whose 数量指标 label was never printed)."""
    first = next((i for i in t.indicators if i.level2), None)
    if first is None or first.level2 not in _ORDER or _ORDER.index(first.level2) == 0:
        return
    before = _ORDER[_ORDER.index(first.level2) - 1]
    if _IMPLIED_LEVEL1.get(before) != _IMPLIED_LEVEL1.get(first.level2):
        return
    for n, ind in enumerate(t.indicators):
        if ind.level2:
            break
        t.indicators[n] = replace(ind, level1=_IMPLIED_LEVEL1[before], level2=before)


_CLOSERS = ")）]】"
_OPENERS = "(（[【"
_FRAGMENT = re.compile(r"^[)）\]】、，,。；;:：%％]")


def _starts_own_row(above: str | None, name: str | None) -> bool:
    """A name printed with nothing beside it is an indicator of its own, not the wrapped
    tail of the name above, when the name above is finished: it closes its unit
    (``培训人数（人）``) with every bracket matched, and this one does not open with a
    closing bracket or punctuation; or when this one is numbered (``指标2:``).

    A cell wrapped by the extractor breaks mid-phrase (``社保补贴（万`` + ``元)``).
    """
    if _number_of(name) > 0:
        return True
    a, n = key(above), key(name)
    if not a or not n or _FRAGMENT.match(n) or not a.endswith(tuple(_CLOSERS)):
        return False
    return sum(a.count(c) for c in _OPENERS) == sum(a.count(c) for c in _CLOSERS)


def _only_blank_between(sheet: Sheet, a: int, b: int) -> bool:
    return all(sheet.lines[i].blank for i in range(a + 1, b))


def _continue_previous(t: _Table, name: Cell, reason: Cell) -> None:
    """A row broken across lines: its tail joins the indicator above."""
    prev = t.indicators[-1]
    t.indicators[-1] = Indicator(
        level1=prev.level1, level2=prev.level2, name=_join(prev.name, name), target=prev.target,
        actual=prev.actual, weight=prev.weight, score=prev.score,
        reason=_join(prev.reason, reason), where=prev.where)


def _read_total(t: _Table, line: Line) -> None:
    """总分: two numbers are weight then score; one number goes to the nearer header column.

    A number left of both header columns was pulled there by a 总分 label merged over
    the columns before it, so only its place counted from the row's end says which
    (the cells after the number are not merged with it).
    """
    texts = _texts(line)
    cols = [c for c, x in enumerate(texts) if x and key(x) != "总分"]
    if len(cols) >= 2:
        t.total_weight, t.total_score = t.cell(line, cols[0]), t.cell(line, cols[1])
    elif cols:
        c = cols[0]
        if t.weight_col is None or t.score_col is None:
            t.total_score = t.cell(line, c)
        elif _total_is_weight(t, line, c):
            t.total_weight = t.cell(line, c)
        else:
            t.total_score = t.cell(line, c)


def _total_is_weight(t: _Table, line: Line, c: int) -> bool:
    """Is the lone number on a 总分 row nearer the 分值 column than the 得分 one?"""
    w, s = t.weight_col or 0, t.score_col or 0
    if c < min(w, s):       # shifted by a merged label: count from the ends instead
        c, w, s = len(line.cells) - 1 - c, t.header_width - 1 - w, t.header_width - 1 - s
    return abs(c - w) < abs(c - s)


# --- one table ------------------------------------------------------------------------

def _section_of(texts: list[str]) -> str | None:
    """Which header a row is, if any: fund, goal, indicator or total.

    A header is a row of short cells that name roles, so a long data cell that happens
    to mention 指标值 or 得分 (a scoring method) never makes a header.
    """
    keys = [key(x) for x in texts if x]
    if not keys:
        return None
    if keys[0].startswith("总分"):
        return "total"
    if keys[0].startswith("年度总体目标"):
        return "goal"
    roles = [role_of_header(x) for x in texts if x]
    if "name" in roles or sum(r in ("target", "actual", "weight", "score", "reason") for r in roles) >= 3:
        return "indicator"
    if sum(r in ("initial", "budget", "executed") for r in roles) >= 2:
        return "fund"
    return None


def _is_prose(line: Line, texts: list[str]) -> bool:
    """A line without any tab that is no stray label: a heading or prose after the table
    (a table without 总分 must not swallow what follows it)."""
    return len(line.cells) == 1 and bool(texts[0]) and not is_stray(texts[0]) and label_of(texts[0]) is None


def _read_table(sheet: Sheet, first: int, last: int) -> tuple[_Table, int]:
    """Read lines first..last (indices); returns the table and the index of its last row."""
    t = _Table(sheet)
    end = first
    for index in range(first, last + 1):
        line = sheet.lines[index]
        if line.blank:
            continue
        texts = _texts(line)
        if t.section == "indicators" and _is_prose(line, texts):
            break
        header = _section_of(texts)
        end = index
        if header == "total":
            _read_total(t, line)
            break
        if header == "fund":
            t.section, t.fund_roles = "funds", header_roles(line.cells, FUND_ROLES)
        elif header == "goal":
            t.section, t.goal_cols, t.goal_width = "goals", _goal_header(texts), len(line.cells)
        elif header == "indicator":
            roles = header_roles(line.cells, INDICATOR_ROLES)
            t.section = "indicators"
            t.roles = tuple(r for _, r in roles if r != "name")
            t.weight_col = next((c for c, r in roles if r == "weight"), None)
            t.score_col = next((c for c, r in roles if r == "score"), None)
            t.header_width = len(line.cells)
        elif t.section == "info":
            _read_info(t, line)
        elif t.section == "funds":
            _read_fund(t, line)
        elif t.section == "goals":
            _read_goals(t, line)
        elif t.section == "indicators" and t.roles:
            _read_indicator(t, index, line)
    _fill_leading(t)
    return t, end


def _year(sheet: Sheet, first: int, anchor: int) -> int | None:
    for i in range(first, anchor + 1):
        m = _YEAR.search(sheet.lines[i].text)
        if m:
            return int(m.group(1))
    return None


def _name_of(t: _Table) -> Cell:
    return next((t.info[w] for w in _NAME_LABELS if w in t.info), EMPTY)


def _evaluation(t: _Table, seq: int, year: int | None, where_line: Line,
                kind: EvaluationKind) -> SelfEvaluation:
    return SelfEvaluation(
        kind=kind, seq=seq, year=year,
        project=_name_of(t), department=t.info.get("主管部门", EMPTY),
        unit=t.info.get("实施单位", EMPTY), funds=tuple(t.funds),
        goal_planned=t.goals.get("planned", EMPTY), goal_actual=t.goals.get("actual", EMPTY),
        indicators=tuple(t.indicators), headings=tuple(t.headings),
        total_weight=t.total_weight, total_score=t.total_score, method=t.method,
        where=t.sheet.where(where_line), layout="selfeval_tabbed")


class _Reader:
    name = "selfeval_tabbed"
    title = "项目支出绩效自评表（制表符分隔）"

    def identify(self, sheet: Sheet) -> float:
        """Sure when a 项目名称 (预算单位名称) row sits under a 自评表 title; nothing for
        other layouts."""
        return 0.9 if any(_title_index(sheet, a) is not None for a in _anchors(sheet)) else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        tables = [(a, t) for a in _anchors(sheet) if (t := _title_index(sheet, a)) is not None]
        items: list[SelfEvaluation] = []
        spans: list[Span] = []
        for n, (anchor, title) in enumerate(tables):
            last = tables[n + 1][1] - 1 if n + 1 < len(tables) else len(sheet.lines) - 1
            table, end = _read_table(sheet, anchor, last)
            department = _is_department_table(sheet, title)
            kind = EvaluationKind.DEPARTMENT if department else EvaluationKind.PROJECT
            items.append(_evaluation(table, len(items) + 1, _year(sheet, title, anchor),
                                     sheet.lines[title], kind))
            fallback = "部门整体支出绩效自评表" if department else "项目支出绩效自评表"
            spans.append(Span(sheet.lines[title].number, sheet.lines[end].number,
                              label=_name_of(table).text or fallback))
        return ReadResult(items=tuple(items), spans=tuple(spans))


READER = register(_Reader())
