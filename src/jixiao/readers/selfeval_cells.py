"""Reader 'selfeval_cells': self-evaluation tables printed one cell per line.

A table (项目支出绩效自评表, or 部门整体支出绩效自评表 with 预算单位名称) is a run
of cells opened by its name label. Its blocks are found by their header words,
never by line counts: project info (项目名称 / 主管部门 / 实施单位), the fund
block (年初预算数 … 得分), the goals (预期目标 / 实际完成情况), the indicator
block (一级指标 … 偏差原因分析及改进措施) and the 总分 row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, LevelHeading, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, money
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.registry import register
from jixiao.readers.selfeval_cells_grid import PrintedCell, Run, groups_of, is_cell_line, rows_of, runs_of
from jixiao.resolve.levels import level1_of, level2_of, points_of
from jixiao.sources.sheet import Line, Sheet

_NAME_LABEL = re.compile(r"^(项目(支出)?名称|(预算)?单位名称|部门(（单位）)?名称)[:：]?$")
_DEPARTMENT_LABEL = re.compile(r"单位名称|部门")
_YEAR = re.compile(r"(20\d\d)\s*年度")
_TITLE_YEAR = re.compile(r"(20\d\d)\s*年")
_TITLE = re.compile(r"附件|自评|表\s*$")
_GOAL_LABEL = re.compile(r"年度(总体)?(绩效)?目标|总体(绩效)?目标|绩效目标")
_GOAL_HEADER = re.compile(r"(年度)?(总体)?(绩效)?目标|预期目标|(实际)?完成情况|实际完成(值|目标)?")
_PLACEHOLDER_NAME = re.compile(r"^(指标\s*\d+\s*[:：]?|无|0|…+|\.+)$")
_IDENTIFY_WORDS = ("一级指标", "二级指标", "三级指标", "分值", "得分")
_INFO_LABELS = frozenset({"主管部门", "实施单位", "项目名称", "项目支出名称", "预算单位名称"})

# Header words → field, first match wins (in the order printed in the header).
_FUND_COLUMNS = (("年初", "initial"), ("全年预算", "budget"), ("调整后预算", "budget"),
                 ("执行数", "executed"), ("实际支出", "executed"), ("分值", "weight"),
                 ("执行率", "rate"), ("得分", "score"))
_INDICATOR_COLUMNS = (("三级指标", "name"), ("指标值", "target"), ("目标值", "target"),
                      ("实际完成", "actual"), ("完成值", "actual"), ("实际值", "actual"),
                      ("分值", "weight"), ("权重", "weight"), ("得分", "score"),
                      ("偏差", "reason"), ("原因", "reason"))
_INDICATOR_HEADER_WORDS = ("一级指标", "二级指标", "三级指标", "绩效指标", "指标值", "目标值", "完成值",
                           "实际值", "分值", "权重", "得分", "偏差", "原因", "改进措施")


@dataclass(frozen=True, slots=True)
class _Table:
    """The cells of one table, from its name label to its end, and its title lines."""

    cells: tuple[PrintedCell, ...]
    title: tuple[Line, ...]


# ---------------------------------------------------------------- finding tables


def _tables(runs: list[Run]) -> list[_Table]:
    """Cut every run at its name labels; cells before the first label continue an unfinished table."""
    tables: list[_Table] = []
    for run in runs:
        starts = [i for i, c in enumerate(run.cells) if _NAME_LABEL.match(c.text)]
        lead = starts[0] if starts else len(run.cells)
        if lead and tables and _continues(tables[-1], run):
            # the break is no row boundary: rows are rebuilt across it by their width
            joined = (replace(run.cells[0], opens_group=False),) + run.cells[1:lead]
            tables[-1] = _Table(tables[-1].cells + joined, tables[-1].title)
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(run.cells)
            title = run.before[-3:] if start == 0 else ()
            tables.append(_Table(run.cells[start:end], tuple(t for t in title if not t.blank)))
    return tables


def _continues(table: _Table, run: Run) -> bool:
    """An unfinished table (no 总分 yet) goes on after a page break: a few lines, no new title."""
    head = _find(table.cells, lambda t: t == "一级指标")
    if head is not None and _find(table.cells, _is_total, head) is not None:
        return False
    furniture = [line for line in run.before if not line.blank]
    return len(furniture) <= 3 and not any(_TITLE.search(line.text) for line in furniture)


def _find(cells: Sequence[PrintedCell], test: Callable[[str], bool], start: int = 0) -> int | None:
    return next((i for i in range(start, len(cells)) if test(cells[i].text)), None)


def _extent(cells: Sequence[PrintedCell], start: int, test: Callable[[str], bool]) -> int:
    """Index after the run of cells from ``start`` that pass ``test`` (a header row's extent)."""
    end = start + 1
    while end < len(cells) and test(cells[end].text):
        end += 1
    return end


def _has(words: Sequence[str]) -> Callable[[str], bool]:
    return lambda text: len(text) <= 16 and any(w in text for w in words)


def _is_total(text: str) -> bool:
    return text in ("总分", "合计", "总计")


def _roles(header: Sequence[PrintedCell], columns: tuple[tuple[str, str], ...]) -> list[str]:
    """The field each header cell names, in printed order, each field once (a stray repeat is ignored)."""
    out: list[str] = []
    for cell in header:
        field = next((f for word, f in columns if word in cell.text), None)
        if field and field not in out:
            out.append(field)
    return out


def _row_width(header: int, cells: Sequence[PrintedCell]) -> int:
    """Row width: the header's, or the usual width of the near-full rows if they are wider."""
    sizes = Counter(len(g) for g in groups_of(cells) if header - 1 <= len(g) <= header + 2)
    usual = sizes.most_common(1)[0][0] if sizes else header
    return max(header, usual)


# ---------------------------------------------------------------- blocks


class _Block:
    """Reads the info, fund and goal blocks of one table; ``cell()`` keeps every value's provenance."""

    def __init__(self, sheet: Sheet, cells: Sequence[PrintedCell]) -> None:
        self.sheet = sheet
        self.cells = cells

    def cell(self, printed: PrintedCell | None) -> Cell:
        if printed is None:
            return EMPTY
        return Cell.read(printed.raw, self.sheet.where(printed.line, 1))

    def after_label(self, label: str, stop: int) -> Cell:
        """The cell printed right after a label (主管部门 → its value), unless it is another label."""
        i = _find(self.cells[:stop], lambda t: t == label)
        if i is None or i + 1 >= stop or self.cells[i + 1].text in _INFO_LABELS:
            return EMPTY
        return self.cell(self.cells[i + 1])

    def funds(self, first: int, stop: int) -> tuple[FundRow, ...]:
        """Fund rows after the 年初预算数 … 得分 header, up to the first row that is not one.

        The header starts at most two cells before its first column word (the
        block label and the item column). A fund row has an item and about one
        amount per column, every printed amount a number: the department table's
        text breakdown below 年度资金总额 (``其中：基本支出：804.32``) fails that
        and ends the block.
        """
        end = _extent(self.cells, first, _has([w for w, _ in _FUND_COLUMNS]))
        columns = _roles(self.cells[first:end], _FUND_COLUMNS)
        width = _row_width(end - max(first - 2, 0), self.cells[end:stop])
        rows = []
        for row in rows_of(self.cells[end:stop], width):
            if not any(c.text for c in row):
                continue
            fund = self.fund_row(row, columns)
            if fund is None:
                break
            rows.append(fund)
        return tuple(rows)

    def fund_row(self, row: list[PrintedCell], columns: list[str]) -> FundRow | None:
        at = next((i for i, c in enumerate(row) if c.text), None)
        if at is None or money(row[at].text) is not None:
            return None
        values = row[at + 1:]
        if not len(columns) - 1 <= len(values) <= len(columns) + 1:
            return None
        if any(v.text and money(v.text) is None for v in values):
            return None
        cells = {field: self.cell(v) for field, v in zip(columns, values, strict=False)}
        return FundRow(item=self.cell(row[at]), where=self.sheet.where(row[at].line, 1), **cells)

    def goals(self, start: int, stop: int) -> tuple[Cell, Cell]:
        """预期目标 / 实际完成情况: the cells under those headers, right-aligned if fewer are printed."""
        end = min(_extent(self.cells, start, lambda t: bool(_GOAL_HEADER.fullmatch(t))), stop)
        header, data = self.cells[start:end], self.cells[end:stop]
        offset = max(len(header) - len(data), 0)

        def under(word: str) -> Cell:
            i = next((i for i, c in enumerate(header) if word in c.text), None)
            j = None if i is None else i - offset
            return self.cell(data[j]) if j is not None and 0 <= j < len(data) else EMPTY

        return under("预期"), under("实际")


class _Indicators:
    """The indicator block: rows as wide as the header, level labels carried down."""

    def __init__(self, block: _Block, header: Sequence[PrintedCell]) -> None:
        self.block = block
        self.roles = _roles(header, _INDICATOR_COLUMNS)
        self.header = len(header)
        self.level1: str | None = None
        self.level2: str | None = None
        self.headings: list[LevelHeading] = []

    def read(self, cells: Sequence[PrintedCell]) -> tuple[Indicator, ...]:
        out = []
        for row in rows_of(cells, _row_width(self.header, cells), len(self.roles)):
            indicator = self.row(row)
            if indicator is not None:
                out.append(indicator)
        return tuple(out)

    def row(self, row: list[PrintedCell]) -> Indicator | None:
        """Value cells are the last ones (one per role); the cells before them are level columns."""
        n = len(self.roles)
        lead, values = (row[:-n], row[-n:]) if len(row) > n else ([], row)
        self.levels(lead)
        fields = {f: self.block.cell(c) for f, c in zip(self.roles[n - len(values):], values, strict=False)}
        name = fields.pop("name", EMPTY)
        if _placeholder(name) and not (fields.get("weight", EMPTY).number or 0) > 0:
            return None
        where = self.block.sheet.where(row[0].line, 1)
        return Indicator(level1=self.level1, level2=self.level2, name=name, where=where, **fields)

    def levels(self, lead: list[PrintedCell]) -> None:
        """Level labels among the leading cells; 成本指标 in the last one is level 2, else level 1."""
        for n, cell in enumerate(lead, start=1):
            level1, level2 = level1_of(cell.text), level2_of(cell.text)
            if level1 and not (level2 and n == len(lead)):
                self.level1, self.level2 = level1, None
                self.heading(level1, cell)
            elif level2:
                self.level2 = level2

    def heading(self, level1: str, cell: PrintedCell) -> None:
        """``产出指标（50分）`` also prints the level's points: kept for the weight checks."""
        points = points_of(cell.text)
        if points is not None:
            where = self.block.sheet.where(cell.line, 1)
            self.headings.append(LevelHeading(level1, Cell(format(points), cell.raw, where), where))


def _placeholder(name: Cell) -> bool:
    return name.text is None or bool(_PLACEHOLDER_NAME.match(name.text))


def _total(block: _Block, row: Sequence[PrintedCell]) -> tuple[Cell, Cell]:
    """总分 row: weight then score; where more than weight, score and reason follow the label,
    the leading empty cells are spacers under the merged label and are dropped."""
    values = list(row[1:])
    while len(values) > 3 and not values[0].text:
        values.pop(0)
    weight = block.cell(values[0]) if values else EMPTY
    score = block.cell(values[1]) if len(values) > 1 else EMPTY
    return weight, score


def _row_end(cells: Sequence[PrintedCell], index: int) -> int:
    """Index after the blank-line group that starts at ``cells[index]``."""
    end = index + 1
    while end < len(cells) and not cells[end].opens_group:
        end += 1
    return end


# ---------------------------------------------------------------- one table


def _evaluation(sheet: Sheet, table: _Table, year: int | None) -> SelfEvaluation | None:
    """One self-evaluation, or None where the table has no indicator header (not a self-evaluation)."""
    cells = table.cells
    level1 = _find(cells, lambda t: t == "一级指标")
    if level1 is None:
        return None
    head = level1 - 1 if level1 > 0 and cells[level1 - 1].text == "绩效指标" else level1
    head_end = _extent(cells, level1, _has(_INDICATOR_HEADER_WORDS))
    goal = _find(cells[:head], lambda t: bool(_GOAL_LABEL.fullmatch(t)))
    fund = _find(cells[:head], _has(("年初预算", "全年预算", "执行数")))
    info_end = min(i for i in (fund, goal, head) if i is not None)
    total = _find(cells, _is_total, head_end)
    end = total if total is not None else len(cells)
    block = _Block(sheet, cells)
    indicators = _Indicators(block, cells[head:head_end])
    planned, actual = block.goals(goal, head) if goal is not None else (EMPTY, EMPTY)
    weight, score = _total(block, cells[end:_row_end(cells, end)]) if total is not None else (EMPTY, EMPTY)
    title = _title_line(table)
    department = bool(_DEPARTMENT_LABEL.search(cells[0].text)) or "整体" in title.text
    return SelfEvaluation(
        kind=EvaluationKind.DEPARTMENT if department else EvaluationKind.PROJECT,
        seq=0, year=_table_year(table) or year,
        project=block.cell(cells[1]) if len(cells) > 1 and cells[1].text not in _INFO_LABELS else EMPTY,
        department=block.after_label("主管部门", info_end), unit=block.after_label("实施单位", info_end),
        funds=block.funds(fund, goal if goal is not None else head) if fund is not None else (),
        goal_planned=planned, goal_actual=actual,
        indicators=indicators.read(cells[head_end:end]),
        headings=tuple(indicators.headings), total_weight=weight, total_score=score,
        where=sheet.where(title), layout=READER.name)


def _title_line(table: _Table) -> Line:
    """The title line (…自评表) printed above the table, else the name label's line."""
    return next((t for t in reversed(table.title) if "自评" in t.text), table.cells[0].line)


def _table_year(table: _Table) -> int | None:
    """A year printed with the title (``(2024 年度)``, ``2024年项目支出绩效自评表``)."""
    for line in table.title:
        m = _YEAR.search(line.text) or ("自评" in line.text and _TITLE_YEAR.search(line.text))
        if m:
            return int(m.group(1))
    return None


def _document_year(sheet: Sheet) -> int | None:
    """The year most often called 20XX年度 in the document: project tables rarely print their own."""
    years = Counter(_YEAR.findall(sheet.text))
    return int(years.most_common(1)[0][0]) if years else None


def _span(table: _Table, evaluation: SelfEvaluation) -> Span:
    first = evaluation.where.line or table.cells[0].line.number
    return Span(first, max(c.last for c in table.cells), label=evaluation.project.text or "")


# ---------------------------------------------------------------- the reader


class _Reader:
    name = "selfeval_cells"
    title = "绩效自评表（每格一行）"

    def identify(self, sheet: Sheet) -> float:
        """Sure when the indicator header words each stand alone on a tab-led line."""
        alone = {line.text[1:].strip() for line in sheet.lines if is_cell_line(line)}
        found = sum(word in alone for word in _IDENTIFY_WORDS)
        return 0.9 if found >= 4 else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        year = _document_year(sheet)
        items, spans = [], []
        for table in _tables(runs_of(sheet.lines)):
            evaluation = _evaluation(sheet, table, year)
            if evaluation is not None:
                items.append(evaluation)
                spans.append(_span(table, evaluation))
        return ReadResult(items=tuple(items), spans=tuple(spans))


READER = register(_Reader())
