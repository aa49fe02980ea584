"""Reader 'selfeval_form': 项目支出 and 部门整体支出绩效自评表, any printing, one declared form.

The form is the vocabulary's ``selfeval`` part; the engine (``form_engine``) finds the
tables, their info and their indicator rows. What this form adds:

- the fund block (项目资金): a header names its columns (年初预算数, 全年预算数, 全年执行数,
  分值, 执行率, 得分); each fund line's cells go to them by shape, and cells run together
  are split by the line's arithmetic (``form_split``), or left empty with an R004 finding;
- the goals (年度总体目标): the texts after 预期目标 and 实际完成情况;
- the kind: a 部门整体 title (or a 预算单位名称 anchor) makes it a department table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, money, normalize_text
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.form_columns_apart import drawn_apart
from jixiao.readers.form_engine import (
    Table,
    body_start,
    cell,
    is_department,
    is_label,
    is_title,
    level,
    read_indicators,
    read_info,
    tables_of,
    title_subject,
    year,
)
from jixiao.readers.form_fit import align, is_number, is_percent
from jixiao.readers.form_runrows import UnitRow, run_rows, unit_rows
from jixiao.readers.form_split import full_marks_split, is_run, scored_tail, split_line, verified_split
from jixiao.readers.form_weighted import weighted_rows, weighted_start
from jixiao.readers.registry import register
from jixiao.readers.unit_names import named_unit_in
from jixiao.sources.sheet import Sheet
from jixiao.sources.stream import Token
from jixiao.vocabulary import Form, match_key, vocabulary

NAME = "selfeval_form"
_UNIT_NOTE = re.compile(r"\((万?元)\)")


class SelfEvaluationForm:
    name = NAME
    title = "绩效自评表（通用表单）"
    general = True
    contests = True     # also reads tables other readers claimed; the better reading stays

    def identify(self, sheet: Sheet) -> float:
        """A title of the form, an indicator header, or (a fragment) level-1 labels."""
        k = match_key(sheet.text[:400000])
        has_title = any(t in k for t in vocabulary().selfeval.titles)
        has_columns = "三级指标" in k or "指标名称" in k
        if has_title:
            return 0.9
        if has_columns:
            return 0.6
        levels = sum(w in k for w in ("产出指标", "效益指标", "满意度指标"))
        return 0.4 if levels >= 2 else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        form = vocabulary().selfeval
        items: list[SelfEvaluation] = []
        spans: list[Span] = []
        findings: list[Finding] = []
        for table in tables_of(sheet, form, headed=lambda k: _fund_header(form, k)):
            evaluation = _read_table(table, form, len(items) + 1)
            if evaluation is None:
                continue
            evaluation = _year_carried(evaluation, table, form, items)
            findings.extend(replace(f, project=evaluation.project.text) for f in table.findings)
            if not evaluation.complete:
                findings.append(Finding(
                    code="R006", severity=Severity.INFO, where=table.where, project=evaluation.project.text,
                    document_kind=f"{evaluation.kind.value}_self_evaluation",
                    message="文件在本表中途结束（网页或文档节选被截断）：只读取了完整的行，"
                            "合计类检查（分值合计、总分）不做。"))
            items.append(evaluation)
            if table.lines:
                spans.append(Span(*table.lines, evaluation.project.text or ""))
        return ReadResult(items=tuple(items), spans=tuple(spans), findings=tuple(findings))


def _year_carried(evaluation: SelfEvaluation, table: Table, form: Form,
                  items: list[SelfEvaluation]) -> SelfEvaluation:
    """A table printed on after another with no title of its own (one .docx's tables under
    one title: 项目支出绩效自评表(2020 年度) 项目名称 A … 项目名称 B …) is of the same year."""
    if evaluation.year is not None or not items or items[-1].year is None or items[-1].kind != evaluation.kind:
        return evaluation
    if any(is_title(form, k) for k in table.keys[:3]):
        return evaluation
    return replace(evaluation, year=items[-1].year)


# The total score stated in a table's head, not in a 总分 row (项目总得分99分, 自评总分:98).
_HEAD_LABEL = re.compile(r"(?:项目总得分|项目自评总分|自评总分|自评总得分)[:：]?")
_HEAD_TOTAL = re.compile(r"(?:项目总得分|项目自评总分|自评总分|自评总得分)(?:\(分\))?[:：]?(\d{1,3}(?:\.\d{1,2})?)(?![\d.%])")


def _head_total(table: Table, end: int) -> Cell:
    """The total score the head states, its cells run together or not; EMPTY where none."""
    head = table.tokens[:end]
    m = _HEAD_TOTAL.search("".join(match_key(t.text) for t in head))
    if m is None or Decimal(m.group(1)) > 100:
        return EMPTY
    return Cell.read(m.group(1), head[0].where)


def _quotes_header(indicator: Indicator) -> bool:
    """A row whose value cell is a column's label (三级指标, 分值) is a criterion's text
    quoting the header (三级指标分值按三级指标个数平均确定), cut at those words by a stream
    with no separators: no indicator (no form prints a header label as a value)."""
    columns = vocabulary().columns
    return any(c.text is not None and columns.role_of(c.text, exact=True) is not None
               for c in (indicator.target, indicator.actual))


def _drop_total_labels(table: Table) -> None:
    """A head's total-score label is never a name: a text layer in drawing order prints it
    where a value was wanted (项目主管单位 自评总分: 95 …); the role stays empty."""
    for role, value in list(table.info.items()):
        if value.text is not None and _HEAD_LABEL.fullmatch(match_key(value.text)):
            del table.info[role]


def _fund_header(form: Form, key: str) -> bool:
    """A header cell of the fund block naming an amount column (年初预算数, 全年执行数 …)."""
    return form.fund_columns is not None and len(key) <= 14 and \
        form.fund_columns.role_of(key) in ("initial", "budget", "executed")


def _read_table(table: Table, form: Form, seq: int) -> SelfEvaluation | None:
    keys = table.keys
    ind = next((i for i, k in enumerate(keys) if body_start(k)), len(keys))   # cut off before: none
    fund = next((i for i, k in enumerate(keys[:ind]) if _fund_header(form, k)), None)
    goal = next((i for i, k in enumerate(keys[:ind])
                 if any(k.startswith(g) for g in form.goal_section) and len(k) <= 14), None)
    spelt = _goal_spelt(keys, form, ind) if goal is None else None
    head_end = min(x for x in (fund, goal, ind) if x is not None)
    read_info(table, form, 0, head_end)
    funds: list[FundRow] = []
    if fund is not None:
        funds = _read_funds(table, form, fund, goal if goal is not None and goal > fund else ind)
        _info_among_funds(table, form, fund, goal if goal is not None and goal > fund else ind)
    goals_end = min([x for x in (fund, ind) if goal is not None and x is not None and x > goal] or [ind])
    planned, actual = _read_goals(table, form, goal, goals_end) if goal is not None else (EMPTY, EMPTY)
    if goal is not None and form.goal.role_of(keys[goal], limit=14, exact=True) == "planned":
        planned, actual = _one_row_goal(table, goal), EMPTY
    if spelt is not None and fund is not None and spelt[0] > fund:
        end = _goals_end(table, spelt, ind)
        planned, actual = _read_goals(table, form, spelt[0], end, spelt[1])
        if end > ind and not planned.empty:
            _drop_goal_texts(table, ind, end)
    if table.last_of_stream and ind == len(keys):        # the text ends in the goals
        planned, actual = _uncut(table, planned), _uncut(table, actual)
    if funds:
        table.fund_weight = funds[0].weight.number or table.fund_weight
        table.fund_score = funds[0].score.number or table.fund_score
    unit_runs: tuple[list[UnitRow], tuple[str, ...]] = ([], ())
    if ind < len(keys):
        _unit_among_rows(table, form, ind)
        read_indicators(table, ind)
        table.indicators[:] = [i for i in table.indicators if not _quotes_header(i)]
        _columns_drawn_apart(table, ind)
        unit_runs = _run_together(table, ind)
    weighted = weighted_start(table.tokens, ind)
    if weighted is not None:
        goals = (i for i in range(weighted + 1, ind) if any(keys[i].startswith(g) for g in form.goal_section))
        rows = weighted_rows(table.tokens, weighted, next(goals, ind))
        table.indicators[:0] = rows
        table.findings.extend(_weighted_unsplit(r) for r in rows if r.weight.empty)
    head = keys[:3]
    department = any(is_title(form, k) and is_department(form, k) for k in head) or keys[0].startswith("预算单位名称")
    named = "project" in table.info or (department and _title_unit(table) is not None)
    if not table.indicators and not (funds and named):
        return None           # neither indicators nor a named table's fund lines: no table
    if table.total_score.empty:
        table.total_score = _head_total(table, ind)
    _drop_total_labels(table)
    if unit_runs[0]:
        _unit_numbers(table, *unit_runs, funds, "department" if department else "project")
    return SelfEvaluation(
        kind=EvaluationKind.DEPARTMENT if department else EvaluationKind.PROJECT,
        seq=seq, year=year(table),
        project=table.info.get("project") or (_title_unit(table) if department else title_subject(table, form))
        or EMPTY,
        department=table.info.get("department", EMPTY),
        unit=table.info.get("unit", EMPTY), funds=tuple(funds), goal_planned=planned, goal_actual=actual,
        indicators=tuple(table.indicators), headings=tuple(table.headings), method=table.method,
        total_weight=table.total_weight,
        total_score=table.total_score, where=table.where, layout=NAME,
        complete=not (table.cut or ind == len(keys) or ind == 0 or _ends_short(table)))   # cut off, or only its rows


def _info_among_funds(table: Table, form: Form, first: int, last: int) -> None:
    """Info cells printed among the fund block: a text layer in drawing order prints the
    head's right-hand cells late (地方主管部门 and its value after the amounts). They fill
    only the roles the head left empty, and an amount beside a label there is no name."""
    kept = dict(table.info)
    table.info.clear()
    read_info(table, form, first, last)
    found = dict(table.info)
    table.info.clear()
    table.info.update(kept)
    for role, value in found.items():
        if not (is_number(value.text or "") or is_percent(value.text or "")):   # an amount: no name
            table.info.setdefault(role, value)


def _columns_drawn_apart(table: Table, ind: int) -> None:
    """A body a text layer drew column by column (``form_columns_apart``): its value rows paired
    with the names printed apart from them, where the drawing reads that way."""
    body = table.tokens[ind:]
    if not body or any(t.rowed for t in body):
        return
    drawn = drawn_apart(body, level, float(table.fund_weight))
    if drawn is None or _complete(drawn.indicators) < _complete(table.indicators):
        return                    # the cells' own reading fills more rows: it stands
    table.indicators = drawn.indicators
    if table.total_weight.empty and table.total_score.empty:
        table.total_weight, table.total_score = drawn.total_weight, drawn.total_score


def _complete(rows: Sequence[Indicator]) -> int:
    """Rows with a name, a target, a weight and a score."""
    return sum(1 for x in rows if x.name.text and x.target.text and not x.weight.empty and not x.score.empty)


_RUN_ROWS = 3      # rows with their weight and score read, for a one-line body to be read as runs


def _run_together(table: Table, first: int) -> tuple[list[UnitRow], tuple[str, ...]]:
    """A body printed as one run of text (a document site's page): its rows cut where each
    closes with its weight and score (``form_runrows``), kept where the cells read no row's
    weight and score (a printing that kept spaces between cells reads them; its tokens joined
    would run numbers together that were printed apart). Rows of name | unit | numbers are
    returned, with the header's number columns, for their numbers to be read once the
    table's totals are known."""
    body = table.tokens[first:]
    if not body or any(t.rowed for t in body) or len({t.where.line for t in body}) > 1:
        return [], ()
    roles = [r for r in (vocabulary().columns.role_of(k, limit=16) for k in table.keys[first:first + 16]) if r]
    if not table.indicators and _unit_first(roles):
        numbers = tuple(r for r in roles if r in ("target", "weight", "actual", "score"))
        return _unit_rows(table, body), numbers
    if "score" not in roles or roles.index("score") == 0 or roles[roles.index("score") - 1] != "weight":
        return [], ()                      # the rows close with 分值 | 得分 only where the header says so
    rows = run_rows([t.text for t in body], body[0].where)
    read = sum(1 for x in rows if not x.weight.empty and not x.score.empty)
    before = sum(1 for x in table.indicators if not x.weight.empty and not x.score.empty)
    if read >= _RUN_ROWS and before < min(_RUN_ROWS, len(table.indicators)):   # the cells read few rows' numbers
        table.indicators = rows
    return [], ()


_SENTENCE_END = ("。", "；", ";", ".", "！", "!", "）", ")")


def _uncut(table: Table, goal: Cell) -> Cell:
    """A goal the text ends inside (the excerpt's last words, no sentence end) is a cell cut
    off: left out, as a row cut mid-way is (LABELS.md)."""
    last = next((t for t in reversed(table.tokens) if t.text.strip()), None)
    if last is None or not goal.text or normalize_text(last.text) != goal.text:
        return goal
    return goal if goal.text.rstrip().endswith(_SENTENCE_END) else EMPTY


def _unit_first(roles: list[str]) -> bool:
    """A header with no levels that prints 计量单位 before 指标值 (the Chongqing form)."""
    return "unit" in roles and "target" in roles and roles.index("unit") < roles.index("target") \
        and not {"level1", "level2"} & set(roles)


def _unit_rows(table: Table, body: Sequence[Token]) -> list[UnitRow]:
    """Rows of name, unit and numbers run together: the names read now, the numbers later."""
    rows = unit_rows([t.text for t in body], body[0].where)
    if len(rows) < _RUN_ROWS:
        return []
    table.indicators = [r.indicator for r in rows]
    return rows


def _unit_numbers(table: Table, rows: list[UnitRow], roles: tuple[str, ...], funds: list[FundRow],
                  kind: str) -> None:
    """The numbers of rows of name | unit | numbers. A run of 指标值 | 分值 | 完成值 | 得分
    splits many ways; but where the total (自评总分) less the fund line's score equals the
    whole 100 less the fund line's weight, no indicator lost a point (each scores at most
    its weight, and the scores add up to the weights), so a row's score equals its weight:
    the one split where it does is read. Runs that still read several ways stay empty (R004)."""
    total = table.total_score.number
    scored = next((f for f in funds if f.weight.number and f.score.number is not None), None)
    cap = Decimal(100) - (scored.weight.number or 0 if scored else 0)
    lost = cap - (total or 0) + (scored.score.number or 0 if scored else 0)
    full = total is not None and scored is not None and abs(lost) < Decimal("0.005")
    unread: list[str] = []
    out: list[Indicator] = []
    for row in rows:
        split = full_marks_split(row.run, roles, cap) if full else None
        if split is None:
            unread.append(row.run)
            out.append(row.indicator)
            continue
        got = dict(zip(roles, split, strict=True))
        where = row.indicator.where
        target = row.nature + got["target"] + row.unit if "target" in got else ""
        out.append(replace(row.indicator, target=Cell.read(target, where) if target else EMPTY,
                           actual=Cell.read(got.get("actual"), where), weight=Cell.read(got["weight"], where),
                           score=Cell.read(got["score"], where)))
    table.indicators = out
    if unread:
        table.findings.append(Finding(
            code="R004", severity=Severity.WARNING, where=rows[0].indicator.where,
            document_kind=f"{kind}_self_evaluation",
            message=f"指标行的数字连写（{'、'.join(unread)}），指标值、权重、完成值、得分可有多种拆分，"
                    "已留空，只读取了指标名称，请对照原件填写。"))


def _unit_among_rows(table: Table, form: Form, ind: int) -> None:
    """The 实施单位 value drawn among the first indicator row's cells (a spreadsheet dumped on
    one line in drawing order prints the head's right-hand cell there: 指标1:全县参合人数
    绩 效 指 标 某县某中心 … 8755): where the label printed no value, a cell that is wholly
    an organisation's name before the first row's values is that value, no row's cell."""
    labelled = any(form.info.role_of(k, limit=12) == "unit" for k in table.keys[:ind])
    if "unit" in table.info or not labelled or any(t.rowed for t in table.tokens[ind:ind + 2]):
        return
    for k in range(ind, min(len(table.keys), ind + _UNIT_REACH)):
        text = normalize_text(table.tokens[k].text) or ""
        if is_number(text) or is_percent(text) or re.match(r"^\d", text):
            return                         # the first row's values: the head's cells are before
        if _ORGANISATION.fullmatch(text) and text.endswith(vocabulary().unit_suffixes) and level(text) is None:
            table.info["unit"] = cell(table.tokens[k])
            table.tokens = list(table.tokens[:k]) + list(table.tokens[k + 1:])
            del table.keys[k]
            return


_UNIT_REACH = 12          # cells after the indicator header an info cell drawn late may stand
_ORGANISATION = re.compile(r"[\u4e00-\u9fff()（）]{4,30}")


def _ends_short(table: Table) -> bool:
    """The text ends in the table before its weights reach the whole (an excerpt cut inside a
    scoring block printed in the head): no total row, the weights read fall short of 100."""
    if not table.last_of_stream or not table.total_weight.empty or not table.indicators:
        return False
    weights = [i.weight.number for i in table.indicators if i.weight.number is not None]
    return bool(weights) and sum(weights, table.fund_weight or Decimal(0)) < Decimal(100)


def _title_unit(table: Table) -> Cell | None:
    """The unit a department table's title names where no 预算单位名称 cell does
    (某某乡人民政府2023年度部门整体支出绩效自评表)."""
    texts = [t.text for t in table.tokens[:3] if t.text.strip()]
    if not texts:
        return None
    found = named_unit_in("".join(texts), table.tokens[0].where)
    return found if not found.empty else None


def _fund_item(form: Form, key: str) -> str | None:
    bare = key.removeprefix("其中:")                 # 其中：基本支出 is the line 基本支出
    return next((label for label in form.fund_items
                 if (key.startswith(label) and len(key) <= len(label) + 3)
                 or (bare != key and bare.startswith(label) and len(bare) <= len(label) + 3)), None)


def _read_funds(table: Table, form: Form, first: int, last: int) -> list[FundRow]:
    assert form.fund_columns is not None
    roles: list[str] = []
    i = first
    while i < last:
        key = table.keys[i]
        role = form.fund_columns.role_of(key, limit=16)
        if _fund_item(form, key) is not None or is_number(table.tokens[i].text) or (
                role is None and len(key) > 12):
            break
        if role is not None and role not in roles and not _UNIT_NOTE.search(key):
            roles.append(role)      # a header naming the unit (…(万元)) spans the columns
        i += 1
    roles = _late_columns(table, form, roles, i, last)
    unit = _declared_unit(table, first)
    leading, _ = _line_values(table, form, i, last, unit)
    printed: list[tuple[Token, list[Token]]] = []
    apart: list[tuple[int, list[Token]]] = []      # values printed away from any line, after the lines before
    if roles and (unnamed := _cell_labelled_line(table, form, i, last)) is not None:
        printed.append(unnamed[0])
        leading, i = [], unnamed[1]
    while roles and i < last:
        if any(table.keys[i].startswith(w) for w in vocabulary().sections):
            break                          # 按收入性质分: a breakdown of another shape follows
        if _fund_item(form, table.keys[i]) is None:
            values, j = _line_values(table, form, i, last, unit) if printed else ([], i)
            if any(normalize_text(t.text) for t in values):
                apart.append((len(printed), values))
            i = max(j, i + 1)
            continue
        item, j = _item_note(table, i, last)
        values, j = _line_values(table, form, j, last, unit)
        while values and not values[-1].text.strip():
            values.pop()                   # empty cells closing the row (and opening the next): no column's
        printed.append((item, values))
        i = j
    printed = _values_printed_late(printed, apart)
    funds: list[FundRow] = []
    lines: list[tuple[Token, list[Token], int]] = []     # each with the findings said before it
    for item, values in _values_printed_first(_items_repeated(printed), leading):
        lines.append((item, values, len(table.findings)))
        funds.append(_fund_line(table, item, values, tuple(roles), funds[0] if funds else None))
    _total_from_parts(table, funds, lines, tuple(roles))
    return _header_weight(table, first, funds, roles)


def _cell_labelled_line(table: Table, form: Form, i: int, last: int) -> tuple[tuple[Token, list[Token]], int] | None:
    """A fund line printed with no item, each value after a word naming it in its column
    group (Hebei's block: 预算数 6.84 | 到位数 6.84 | 执行数 6.84 | 100.00 under 预算安排情况 |
    资金到位情况 | 资金执行情况 | 预算执行进度): its values in order, the words read past,
    its item empty. Known from a line of the text: the words and numbers alternate, two
    words at least, no word a line item."""
    if i == 0 or i >= last or table.tokens[i - 1].row != table.tokens[i].row \
            or (i > 1 and table.tokens[i - 2].row == table.tokens[i].row):
        return None
    row = table.tokens[i].row
    values: list[Token] = []
    words = 0
    j = i - 1
    while j < last and table.tokens[j].row == row:
        text = normalize_text(table.tokens[j].text) or ""
        if is_number(text) or is_percent(text):
            values.append(table.tokens[j])
        elif values and not is_number(normalize_text(table.tokens[j - 1].text) or ""):
            return None                   # two words together: no word-value pairs
        elif _fund_item(form, table.keys[j]) is not None or not _CELL_WORD.match(text):
            return None
        else:
            words += 1
        j += 1
    if words < 2 or len(values) < words:
        return None
    return (replace(table.tokens[i - 1], text=""), values), j


_CELL_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def _items_repeated(printed: list[tuple[Token, list[Token]]]) -> list[tuple[Token, list[Token]]]:
    """A line whose item is printed again before each column group's value (其中:财政资金
    6.84 | 其中:财政资金 6.84 | 其中:财政资金 6.84): one line, the values in order. Known
    from a line of the text: the same item on the same line, each with its values."""
    out: list[tuple[Token, list[Token]]] = []
    for item, values in printed:
        if out and out[-1][0].text.strip() == item.text.strip() and out[-1][0].row == item.row \
                and out[-1][1] and values:
            out[-1] = (out[-1][0], out[-1][1] + values)
            continue
        out.append((item, values))
    return out


def _line_values(table: Table, form: Form, j: int, last: int, unit: str | None) -> tuple[list[Token], int]:
    """The value cells from ``j`` on, up to the next line's item or the first words."""
    values: list[Token] = []
    while j < last and _fund_item(form, table.keys[j]) is None:
        token = _bare_amount(table.tokens[j], unit)
        text = normalize_text(token.text) or ""
        if text and not (is_number(text) or is_percent(text) or is_run(text)):
            if not values and (run := _run_before_words(text)) is not None:
                values.append(replace(token, text=run))
                j += 1
            break                      # a fund line holds amounts, rates and empty cells
        values.append(token)
        j += 1
    return values, j


_LEADING_RUN = re.compile(r"^(\d[\d.]*%?[\d.]*)(?=[^\d.%\s])")


def _run_before_words(text: str) -> str | None:
    """A text layer without separators runs a fund line's numbers into the next cell's
    words or a scan's noise (``1.561.56120度效标…``): the digits before the first letter
    are the line's values where they read as no single number (two decimal points, a
    ``%`` inside), so never a date or a quantity (12月底, 300公里)."""
    m = _LEADING_RUN.match(text)
    if m is None:
        return None
    run = m.group(1)
    return run if is_run(run) and not (is_number(run) or is_percent(run)) else None


_OPEN, _CLOSE = "(（", ")）"


def _item_note(table: Table, i: int, last: int) -> tuple[Token, int]:
    """An item and the bracketed note printed after it, wrapped over cells (其他资金 |
    (包括以前年度结转资 | 金)): one item cell as printed, the note kept (and its numbered
    lead-in, ``_led``)."""
    item = _led(table, i)
    text = table.tokens[i + 1].text.strip() if i + 1 < last else ""
    if not text.startswith(tuple(_OPEN)):
        return item, i + 1
    for j in range(i + 1, min(last, i + 4)):
        if table.tokens[j].text.strip().endswith(tuple(_CLOSE)):
            joined = " ".join(t.text.strip() for t in table.tokens[i:j + 1])
            return replace(item, text=joined), j + 1
    return item, i + 1


def _values_printed_first(lines: list[tuple[Token, list[Token]]], leading: list[Token]
                          ) -> list[tuple[Token, list[Token]]]:
    """Values printed before any line's item, in a text layer in drawing order (a
    spreadsheet printed cell by cell puts a merged item cell after the lines' values):
    they are the one line printed with no value of its own, where they have the shape
    (count and kind of each cell) of every other line: cells of one column share a shape.
    Where several lines lack their values, or the shapes differ (a line printed in parts),
    which values are whose cannot be told: they stay empty."""
    if not any(normalize_text(t.text) for t in leading):
        return lines
    bare = [k for k, (_, values) in enumerate(lines) if not any(normalize_text(t.text) for t in values)]
    others = [_shapes(values) for k, (_, values) in enumerate(lines) if k not in bare]
    if len(bare) != 1 or not others or any(shape != _shapes(leading) for shape in others):
        return lines
    k = bare[0]
    return lines[:k] + [(lines[k][0], leading)] + lines[k + 1:]


def _values_printed_late(lines: list[tuple[Token, list[Token]]], apart: list[tuple[int, list[Token]]]
                         ) -> list[tuple[Token, list[Token]]]:
    """Values printed after their lines' items, past other cells, in a text layer in drawing
    order (a spreadsheet dumped cell by cell puts the item column, then the header's cells,
    then the amounts: 年度资金总额 其中:当年财政拨款 … 全年预算数 … 得分 65.66 65.07 10 99% 9
    65.66 65.07 — 99% —). Each line prints one rate, then its score: the run is cut after
    the cell that follows each percent, and the pieces go in order to the lines printed
    without values, the first of them printed before the run. Where the run does not cut
    so (no rate, cells left over, more pieces than bare lines), whose values are whose
    cannot be told: they stay empty."""
    if len(apart) != 1:
        return lines
    at, run = apart[0]
    bare = [k for k, (_, values) in enumerate(lines) if not values]     # — — : the line's own empty cells
    pieces = _cut_at_rates(run)
    if not pieces or not bare or bare[0] >= at or len(pieces) > len(bare) \
            or bare[:len(pieces)] != list(range(bare[0], bare[0] + len(pieces))):
        return lines
    out = list(lines)
    for k, piece in zip(bare, pieces, strict=False):
        out[k] = (lines[k][0], piece)
    return out


def _cut_at_rates(run: list[Token]) -> list[list[Token]]:
    """A run of fund lines' values cut after the cell that follows each rate (a percent);
    [] where a piece holds no rate or cells are left over."""
    pieces: list[list[Token]] = []
    piece: list[Token] = []
    rated = False
    for token in run:
        piece.append(token)
        if rated:
            pieces.append(piece)
            piece, rated = [], False
        elif is_percent(normalize_text(token.text) or ""):
            rated = True
    return pieces if not piece else []


def _shapes(values: list[Token]) -> tuple[str, ...]:
    """Each cell's kind: an amount, a rate, empty (—), or other."""
    texts = [normalize_text(t.text) or "" for t in values]
    return tuple("number" if is_number(t) else "percent" if is_percent(t) else "empty" if not t else "other"
                 for t in texts)


def _late_columns(table: Table, form: Form, roles: list[str], first: int, last: int) -> list[str]:
    """Header cells printed after the fund lines they head: a text layer in drawing order
    (a spreadsheet or PDF printed cell by cell) may put a column's header (得分) below the
    rows. Such a cell standing alone among the lines adds its column, in the form's
    column order (the vocabulary lists the columns as the national form prints them)."""
    assert form.fund_columns is not None
    order = form.fund_columns.names
    out = list(roles)
    for key in table.keys[first:last]:
        role = form.fund_columns.role_of(key, limit=8, exact=True)
        if role is None or role in out or not out or _fund_item(form, key) is not None:
            continue
        rank = order.index(role)
        at = next((k for k, r in enumerate(out) if order.index(r) > rank), len(out))
        out.insert(at, role)
    return out


_AMOUNT_WITH_UNIT = re.compile(r"^\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)\s*$")


def _declared_unit(table: Table, first: int) -> str | None:
    """The money unit the fund block's head declares (项目资金(万元)), if any."""
    for key in table.keys[max(0, first - 8):first + 8]:
        if m := _UNIT_NOTE.search(key):
            return m.group(1)
    return None


def _bare_amount(token: Token, unit: str | None) -> Token:
    """An amount cell that carries its unit (``620.82万元``, a spreadsheet cell formatted
    with the unit; ``150万`` under a 项目资金(万元) header) is the amount, where the unit is
    the block's own or none is declared (``万`` alone only under a 万元 header); a unit
    that contradicts the block's stays text (no guessed conversion)."""
    m = _AMOUNT_WITH_UNIT.match(token.text)
    printed = "万元" if m is not None and m.group(2) == "万" else m.group(2) if m is not None else None
    if m is None or (unit is not None and printed != unit) or (m.group(2) == "万" and unit != "万元"):
        return token
    return replace(token, text=m.group(1))


def _total_from_parts(table: Table, funds: list[FundRow], lines: list[tuple[Token, list[Token], int]],
                      roles: tuple[str, ...]) -> None:
    """A total line (年度资金总额) printed as a run, split again knowing the lines below it:
    年度资金总额 = Σ 其中 lines, so an amount equal to their sum is likelier in its column
    (``12812810100%`` over a 其中 line of 128 | 128 | 128 | 100% is 128 | 128 | 10 | 100%,
    not 12 | 812 | 810 | 100%), the lines below read apart from it first. Where that reading
    is unique it stands, and the lines below are read again under it."""
    texts = [normalize_text(t.text) or "" for t in lines[0][1]] if lines else []
    if len(funds) < 2 or not any(is_run(t) and not (is_number(t) or is_percent(t)) or _implausible(t)
                                 for t in texts):
        return
    if _adds_up(funds, roles):
        return                              # the first reading keeps the identity: it stands
    start = lines[0][2]
    said = table.findings[start:]           # the fund lines' findings, said again below
    del table.findings[start:]
    alone = [_fund_line(table, it, vals, roles) for it, vals, _ in lines[1:]]     # read apart from the total
    del table.findings[start:]
    parts: dict[str, str] = {}
    for role in ("initial", "budget", "executed"):
        numbers = [getattr(f, role).number for f in alone if not getattr(f, role).empty]
        if numbers and all(n is not None for n in numbers):
            parts[role] = format(sum(n for n in numbers if n is not None).normalize(), "f")
    total = _fund_line(table, lines[0][0], lines[0][1], roles, parts=parts) if parts else None
    if total is None or all(getattr(total, r).empty for r in roles if r in FundRow.__slots__):
        del table.findings[start:]
        table.findings.extend(said)
        return
    funds[:] = [total] + [_fund_line(table, it, vals, roles, total) for it, vals, _ in lines[1:]]


def _adds_up(funds: list[FundRow], roles: tuple[str, ...]) -> bool:
    """Every amount the total line prints is the sum of the lines below it."""
    checked = False
    for role in ("initial", "budget", "executed"):
        total = getattr(funds[0], role).number if role in roles else None
        parts = [getattr(f, role).number for f in funds[1:] if getattr(f, role).number is not None]
        if total is not None and parts:
            if sum(n for n in parts if n is not None) != total:
                return False
            checked = True
    return checked


# The number of a fund block's line printed before its item, with the heading of its
# group (资金来源：(1) 财政拨款, (2) 其他资金; 资金结构：(1) 基本支出, (2) 项目支出).
_LEAD_IN = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}[:：])?[(（]\d[)）]$")


def _led(table: Table, i: int) -> Token:
    """The item at ``i`` with the numbered lead-in printed just before it, where one is: the
    line's label as printed (a cell of real cells holds both)."""
    item = table.tokens[i]
    if i > 0 and _LEAD_IN.match(table.tokens[i - 1].text.strip()) and not table.tokens[i].rowed:
        return replace(item, text=table.tokens[i - 1].text.strip() + item.text.strip())
    return item


_POINTS_IN_HEADER = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分")


def _header_weight(table: Table, first: int, funds: list[FundRow], roles: list[str]) -> list[FundRow]:
    """The execution line's weight printed in the block's header, not in a column
    (预算执行情况(万元)(20分), 得分(20分*执行率)): the total line's weight."""
    if not funds or "weight" in roles or not funds[0].weight.empty:
        return funds
    for k in range(max(0, first - 2), min(len(table.keys), first + 12)):
        m = _POINTS_IN_HEADER.search(table.keys[k])
        if m and _fund_item(vocabulary().selfeval, table.keys[k]) is None:
            return [replace(funds[0], weight=Cell.read(m.group(1), table.tokens[k].where))] + funds[1:]
    return funds


def _fund_line(table: Table, label: Token, values: list[Token], roles: tuple[str, ...],
               total: FundRow | None = None, parts: dict[str, str] | None = None) -> FundRow:
    """A fund line's cells to its columns; cells run together are cut by the arithmetic
    (knowing the total line above, or the sum of the lines below: ``parts``)."""
    item = replace(label, text=label.text.strip().rstrip(":："))      # 年度资金总额: → 年度资金总额
    columns = roles                    # every column, those with no field (到位数) too, for alignment
    roles = tuple(r for r in roles if r in FundRow.__slots__)
    texts = tuple(normalize_text(t.text) or "" for t in values)
    above = {r: getattr(total, r).text or "" for r in roles if total is not None and getattr(total, r).text}
    above.update(parts or {})
    if any(is_run(t) and not (is_number(t) or is_percent(t)) for t in texts):   # no single number
        split = split_line(tuple(t for t in texts if t), roles, above)
        where = values[0].where if values else item.where
        if split is None:             # no single reading: the numbers stay empty, and we say so
            tail = scored_tail("".join(texts), roles) if len([t for t in texts if t]) == 1 else None
            table.findings.append(_unsplit(item, texts, roles, where) if tail is None else
                                  _tail_only(item, texts, tail, where))
            return FundRow(item=cell(item), where=item.where,
                           **({r: Cell.read(v, where) for r, v in zip(("rate", "weight", "score"), tail,
                                                                      strict=True)} if tail else {}))
        return _percent_rate(FundRow(item=cell(item), where=item.where,
                                     **{r: Cell.read(v, where) for r, v in zip(roles, split, strict=False)}))
    implausible = any(_implausible(t) for t in texts)
    proved = verified_split(tuple(t for t in texts if t), roles, above) if implausible else None
    if proved is not None:
        where = values[0].where
        return FundRow(item=cell(item), where=item.where,
                       **{r: Cell.read(v, where) for r, v in zip(roles, proved, strict=False)})
    if implausible:            # numbers run together that no split proves: empty, and said so
        table.findings.append(_unsplit(item, texts, roles, values[0].where))
        return FundRow(item=cell(item), where=item.where)
    _, placed = align(tuple(t.text for t in values), columns)
    return _percent_rate(FundRow(item=cell(item), where=item.where,
                                 **{r: cell(values[k]) for r, k in placed.items() if r in roles}))


def _implausible(text: str) -> bool:
    """A percent no rate prints (6363100%): numbers run together."""
    return is_percent(text) and (money(text) or 0) > 1000


def _weighted_unsplit(row: Indicator) -> Finding:
    return Finding(
        code="R004", severity=Severity.WARNING, where=row.where, document_kind="project_self_evaluation",
        message=f"评分行“{row.name.text}”的分值与自评分连写，可有多种拆分，已留空，请对照原件填写。")


def _unsplit(item: Token, texts: tuple[str, ...], roles: tuple[str, ...], where: Where) -> Finding:
    return Finding(
        code="R004", severity=Severity.WARNING, where=where, document_kind="project_self_evaluation",
        message=f"资金行“{normalize_text(item.text)}”的数字连写为“{' '.join(t for t in texts if t)}”，"
                f"按执行率、得分公式无法唯一拆分为{'、'.join(roles)}各栏，已留空，请对照原件填写。")


def _tail_only(item: Token, texts: tuple[str, ...], tail: tuple[str, str, str], where: Where) -> Finding:
    return Finding(
        code="R004", severity=Severity.WARNING, where=where, document_kind="self_evaluation",
        message=f"资金行“{normalize_text(item.text)}”的数字连写为“{' '.join(t for t in texts if t)}”，"
                f"金额读不出（缺位），已留空；执行率 {tail[0]}、权重 {tail[1]}、得分 {tail[2]} 经得分 = 权重 × 执行率核实，"
                "已读取。请对照原件填写金额。")


def _percent_rate(row: FundRow) -> FundRow:
    """A rate printed as a fraction (0.958 where executed ÷ budget is 0.958) is 95.8%. The
    fraction is checked to its printed precision (0.1 for 94 ÷ 650 = 0.145: to 0.05), at
    most 0.05, and only where the rate does not read as a percent."""
    rate, budget, executed = row.rate.number, row.budget.number, row.executed.number
    if rate is None or row.rate.is_percent or not budget or executed is None or rate > Decimal("1.5"):
        return row
    ratio = executed / budget
    exponent = rate.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = min(Decimal("0.05"), max(Decimal("0.005"), Decimal(5) / Decimal(10) ** (places + 1)))
    if abs(ratio - rate) > tolerance or abs(ratio * 100 - rate) <= tolerance * 100:
        return row
    percent = format((rate * 100).normalize(), "f") + "%"
    return replace(row, rate=Cell(text=percent, raw=row.rate.raw, where=row.rate.where))


_SENTENCES_APART = re.compile(r"(?<=[。；;])\s+(?=\S)")
# A table flattened a row a line with one space between cells: the one space between two
# runs of words on a goal line with two columns (预期目标 | 实际完成情况) parts them.
_CELLS_APART = re.compile(r"(?<=[\u4e00-\u9fff])\s(?=[\u4e00-\u9fff])")
_HEADER_PIECE = 4          # a header cell's piece the printing broke off (综述, 年度 | 绩效指标)


def _sentence(token: Token) -> bool:
    """A goal's text, not a header's broken-off piece: longer than a piece, or a verdict
    (已完成, 达成预期目标) that states the actual in a word or two."""
    text = token.text.strip()
    if text in vocabulary().verdicts:
        return True
    return len(text) > _HEADER_PIECE and not _POINTS_IN_HEADER.match(text)


def _goal_rows(table: Table, form: Form, first: int, last: int) -> tuple[Cell, Cell] | None:
    """Goals printed a row a line under 预期目标 | 完成情况 (| 完成率), two rows or more
    (Hebei: each of the year's goals beside what was done): the first cells of the lines
    joined are the planned goal, the second cells the actual. Each line must read as two
    texts (cells, or sentences one space apart) and at most a number after them, and some
    line must print two cells (a printing of one cell a line has no rows); else None."""
    at = next((i for i in range(first + 1, last) if form.goal.role_of(table.keys[i], limit=14)), None)
    if at is None:
        return None
    head_row = table.tokens[at].row
    lines: dict[int, list[Token]] = {}
    for k in range(at + 1, last):
        t = table.tokens[k]
        if t.row == head_row or not t.text.strip():
            continue
        if form.goal.role_of(table.keys[k], limit=14) or is_label(form, table.keys[k]):
            break                          # the next block's head
        lines.setdefault(t.row, []).append(t)
    if len(lines) < 2 or all(len(line) < 2 for line in lines.values()):
        return None                        # no line prints two cells: no rows (one cell a line)
    planned: list[str] = []
    actual: list[str] = []
    for line in lines.values():
        cells = [p for t in line for p in _SENTENCES_APART.split(t.text.strip())]
        cells = [c for c in cells if not is_number(normalize_text(c) or "")]
        if len(cells) != 2:
            return None
        planned.append(cells[0])
        actual.append(cells[1])
    first_line = next(iter(lines.values()))
    return (Cell.read("".join(planned), first_line[0].where), Cell.read("".join(actual), first_line[0].where))


_SPELT = 3            # cells a goal section label is cut into, at most
_PIECE = 4            # characters a piece of a cut label holds, at most


_STATED = re.compile(r"[。；;]$")


def _one_row_goal(table: Table, at: int) -> Cell:
    """A goal section that is one row (项目年度目标 | its text; no 实际完成 column): the cell
    after the label, where it states something (ends a sentence). In drawing order another
    cell may stand there (单位领导审签); then the goal stays empty, not guessed."""
    nxt = table.tokens[at + 1] if at + 1 < len(table.tokens) else None
    return cell(nxt) if nxt is not None and _STATED.search(nxt.text.strip()) else EMPTY


def _goal_spelt(keys: list[str], form: Form, ind: int) -> tuple[int, int] | None:
    """Where the goals start in a text layer in drawing order that printed no whole section
    label (a spreadsheet dumped on one line wraps 年度总体目标 as 年度 | 总体 | 目标, and may
    print it after the goals): the section label spelt by a few short cells, or the 预期目标
    label printed before that (the goals printed before their section's label, no fund
    line between); (its first cell, its cell count, 0 for 预期目标)."""
    for i in range(ind):
        for n in range(2, _SPELT + 1):
            part = keys[i:i + n]
            if len(part) == n and all(0 < len(k) <= _PIECE for k in part) and "".join(part) in form.goal_section:
                planned = next((j for j in range(i - 1, -1, -1) if form.goal.role_of(keys[j], limit=14) == "planned"
                                and len(keys[j]) <= 14), None)
                return (planned, 0) if planned is not None and not _fund_between(keys, form, planned, i) else (i, n)
    return None


_GOAL_LENGTH = 4      # characters a goal's text holds at least; shorter cells are label pieces


def _goals_end(table: Table, spelt: tuple[int, int], ind: int) -> int:
    """Where the goals spelt out end: at the indicator part, or, where no text lies before
    it (drawing order puts the indicator header's tall first cell, 一级 | 指标, above the
    goals' texts), at the first cell of the header's value columns after it."""
    start = spelt[0] + spelt[1]
    if any(len(k) > _GOAL_LENGTH for k in table.keys[start:ind]):
        return ind
    columns = vocabulary().columns
    return next((k for k in range(ind, len(table.keys))
                 if columns.role_of(table.keys[k], exact=True) not in (None, "level1", "level2")), ind)


_WORDS = re.compile(r"[\u4e00-\u9fff]{1,4}")


def _wrapped_rest(table: Table, form: Form, i: int) -> bool:
    """A goal's last line drawn as a short cell right after it (…推进了…的基本性 | 解决):
    a few characters, no piece of a label cut apart (年度 … 指标值, 年度总 | 体目标)."""
    key = table.keys[i]
    if not _WORDS.fullmatch(key) or is_label(form, key) or table.tokens[i - 1].text.rstrip()[-1:] in "。.;；":
        return False
    columns = vocabulary().columns
    return not any(columns.role_of(key + k, exact=True) or key + k in form.goal_section
                   for k in table.keys[i + 1:i + 5])


def _goal_text(text: str) -> bool:
    """A goal's text among cells printed in drawing order: words, longer than a piece of a
    label cut apart (一级 | 指标, 年度 | 实际); no empty cell (—), no amount or rate."""
    t = normalize_text(text) or ""
    return len(match_key(t)) > _GOAL_LENGTH and not (is_number(t) or is_percent(t))


def _drop_goal_texts(table: Table, first: int, last: int) -> None:
    """Goal texts read past the indicator header's first cell are no indicator's cells."""
    kept = [k for k in range(len(table.tokens)) if not (first <= k < last and _goal_text(table.tokens[k].text))]
    table.tokens = [table.tokens[k] for k in kept]
    table.keys[:] = [table.keys[k] for k in kept]


def _fund_between(keys: list[str], form: Form, first: int, last: int) -> bool:
    return any(_fund_item(form, k) is not None or _fund_header(form, k) for k in keys[first:last])


def _read_goals(table: Table, form: Form, first: int, last: int, spelt: int | None = None) -> tuple[Cell, Cell]:
    """预期目标 and 实际完成情况: the texts after their labels, in the labels' order.

    Where the section label is spelt by ``spelt`` cells (0: not printed, the goals start
    at 预期目标), only goal texts count (``_goal_text``), and they are read only where there
    are as many as the labels (two where none is printed)."""
    order: list[str] = []
    texts: list[Token] = []
    start = first + 1 if spelt is None else first + spelt
    for i in range(start, last):
        key = table.keys[i]
        role = form.goal.role_of(key, limit=14)
        if role is not None and len(key) <= 14:
            if not (role in order and any(_sentence(t) for t in texts)):
                order.append(role)         # again after the goals' texts: the next header's pieces
        elif spelt is not None and not _goal_text(table.tokens[i].text):
            if texts and texts[-1] is table.tokens[i - 1] and _wrapped_rest(table, form, i):
                texts[-1] = replace(texts[-1], text=texts[-1].text.strip() + table.tokens[i].text.strip())
            continue
        elif table.tokens[i].text.strip() and not is_label(form, key):
            texts.append(table.tokens[i])
    if spelt is not None and len(texts) != max(2, len(order)):
        return EMPTY, EMPTY                # drawing order: which text is whose cannot be told
    if order == ["planned", "actual"] and (joined := _goal_rows(table, form, first, last)) is not None:
        return joined
    if order and any(_sentence(t) for t in texts):     # under the goals' labels, their sentences,
        texts = [t for t in texts if _sentence(t)]      # not a header's pieces (综述, (10分))
    if len(order) == 2 and len(texts) == 1 and not texts[0].rowed:
        # one line of text: 预期目标的句子。 实际完成的句子。 (a whole printed cell is one goal)
        parts = _SENTENCES_APART.split(texts[0].text.strip(), maxsplit=1)
        if len(parts) != 2 and len(_CELLS_APART.findall(texts[0].text.strip())) == 1:
            parts = _CELLS_APART.split(texts[0].text.strip())     # cells a line, one space apart
        if len(parts) == 2:
            texts = [replace(texts[0], text=parts[0]), replace(texts[0], text=parts[1])]
    got: dict[str, Cell] = {}
    for role, token in zip(order or ["planned", "actual"], texts, strict=False):
        got.setdefault(role, cell(token))
    return got.get("planned", EMPTY), got.get("actual", EMPTY)


register(SelfEvaluationForm())
