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
from dataclasses import replace
from decimal import Decimal

from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, FundRow, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, money, normalize_text
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.form_engine import (
    Table,
    body_start,
    cell,
    is_department,
    is_label,
    is_title,
    read_indicators,
    read_info,
    tables_of,
    title_subject,
    year,
)
from jixiao.readers.form_fit import align, is_number, is_percent
from jixiao.readers.form_split import is_run, split_line, verified_split
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
    head_end = min(x for x in (fund, goal, ind) if x is not None)
    read_info(table, form, 0, head_end)
    funds: list[FundRow] = []
    if fund is not None:
        funds = _read_funds(table, form, fund, goal if goal is not None and goal > fund else ind)
    planned, actual = _read_goals(table, form, goal, ind) if goal is not None else (EMPTY, EMPTY)
    if funds:
        table.fund_weight = funds[0].weight.number or table.fund_weight
        table.fund_score = funds[0].score.number or table.fund_score
    if ind < len(keys):
        read_indicators(table, ind)
    if not table.indicators and not (funds and "project" in table.info):
        return None           # neither indicators nor a named table's fund lines: no table
    head = keys[:3]
    department = any(is_title(form, k) and is_department(form, k) for k in head) or keys[0].startswith("预算单位名称")
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
        complete=not (table.cut or ind == len(keys) or ind == 0))      # cut off, or only its rows


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
    funds: list[FundRow] = []
    while roles and i < last:
        if any(table.keys[i].startswith(w) for w in vocabulary().sections):
            break                          # 按收入性质分: a breakdown of another shape follows
        if _fund_item(form, table.keys[i]) is None:
            i += 1
            continue
        item = table.tokens[i]
        j = i + 1
        values: list[Token] = []
        while j < last and _fund_item(form, table.keys[j]) is None:
            text = normalize_text(table.tokens[j].text) or ""
            if text and not (is_number(text) or is_percent(text) or is_run(text)):
                break                      # a fund line holds amounts, rates and empty cells
            values.append(table.tokens[j])
            j += 1
        while values and not values[-1].text.strip():
            values.pop()                   # empty cells closing the row (and opening the next): no column's
        funds.append(_fund_line(table, item, values, tuple(roles), funds[0] if funds else None))
        i = j
    return _header_weight(table, first, funds, roles)


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
               total: FundRow | None = None) -> FundRow:
    """A fund line's cells to its columns; cells run together are cut by the arithmetic."""
    item = replace(label, text=label.text.strip().rstrip(":："))      # 年度资金总额: → 年度资金总额
    texts = tuple(normalize_text(t.text) or "" for t in values)
    if any(is_run(t) and not (is_number(t) or is_percent(t)) for t in texts):   # no single number
        above = {r: getattr(total, r).text for r in roles if total is not None and getattr(total, r).text}
        split = split_line(tuple(t for t in texts if t), roles, above)
        where = values[0].where if values else item.where
        if split is None:             # no single reading: the numbers stay empty, and we say so
            table.findings.append(_unsplit(item, texts, roles, where))
            return FundRow(item=cell(item), where=item.where)
        return FundRow(item=cell(item), where=item.where,
                       **{r: Cell.read(v, where) for r, v in zip(roles, split, strict=False)})
    implausible = any(is_percent(t) and (money(t) or 0) > 1000 for t in texts)    # 6363100%: no rate
    proved = verified_split(tuple(t for t in texts if t), roles) if implausible else None
    if proved is not None:
        where = values[0].where
        return FundRow(item=cell(item), where=item.where,
                       **{r: Cell.read(v, where) for r, v in zip(roles, proved, strict=False)})
    if implausible:            # numbers run together that no split proves: empty, and said so
        table.findings.append(_unsplit(item, texts, roles, values[0].where))
        return FundRow(item=cell(item), where=item.where)
    _, placed = align(tuple(t.text for t in values), roles)
    return _percent_rate(FundRow(item=cell(item), where=item.where,
                                 **{r: cell(values[k]) for r, k in placed.items()}))


def _unsplit(item: Token, texts: tuple[str, ...], roles: tuple[str, ...], where: Where) -> Finding:
    return Finding(
        code="R004", severity=Severity.WARNING, where=where, document_kind="project_self_evaluation",
        message=f"资金行“{normalize_text(item.text)}”的数字连写为“{' '.join(t for t in texts if t)}”，"
                f"按执行率、得分公式无法唯一拆分为{'、'.join(roles)}各栏，已留空，请对照原件填写。")


def _percent_rate(row: FundRow) -> FundRow:
    """A rate printed as a fraction (0.958 where executed ÷ budget is 0.958) is 95.8%."""
    rate, budget, executed = row.rate.number, row.budget.number, row.executed.number
    if rate is None or row.rate.is_percent or not budget or executed is None or rate > Decimal("1.5"):
        return row
    if abs(executed / budget - rate) > Decimal("0.005"):
        return row
    percent = format((rate * 100).normalize(), "f") + "%"
    return replace(row, rate=Cell(text=percent, raw=row.rate.raw, where=row.rate.where))


_SENTENCES_APART = re.compile(r"(?<=[。；;])\s+(?=\S)")


def _read_goals(table: Table, form: Form, first: int, last: int) -> tuple[Cell, Cell]:
    """预期目标 and 实际完成情况: the texts after their labels, in the labels' order."""
    order: list[str] = []
    texts: list[Token] = []
    for i in range(first + 1, last):
        key = table.keys[i]
        role = form.goal.role_of(key, limit=14)
        if role is not None and len(key) <= 14:
            order.append(role)
        elif table.tokens[i].text.strip() and not is_label(form, key):
            texts.append(table.tokens[i])
    if len(order) == 2 and len(texts) == 1 and not texts[0].rowed:
        # one line of text: 预期目标的句子。 实际完成的句子。 (a whole printed cell is one goal)
        parts = _SENTENCES_APART.split(texts[0].text.strip(), maxsplit=1)
        if len(parts) == 2:
            texts = [replace(texts[0], text=parts[0]), replace(texts[0], text=parts[1])]
    got: dict[str, Cell] = {}
    for role, token in zip(order or ["planned", "actual"], texts, strict=False):
        got.setdefault(role, cell(token))
    return got.get("planned", EMPTY), got.get("actual", EMPTY)


register(SelfEvaluationForm())
