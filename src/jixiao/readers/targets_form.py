"""Reader 'targets_form': 项目支出 and 部门(单位)整体支出绩效目标表, any printing.

The form is the vocabulary's ``targets`` part; the engine (``form_engine``) finds the
tables, their info and their indicator rows. What this form adds:

- the amounts: 项目总额, 年度资金总额 and the fund sources (财政拨款, 中央资金 …), each the
  number after its label (or after its colon);
- the goal: the text after 年度绩效目标 (or its variants);
- a whole-unit table (整体支出绩效目标表) names the unit as its subject.

Only titled tables are read: an indicator table with no title could be either form, and
the self-evaluation reader takes fragments.
"""

from __future__ import annotations

import re

from jixiao.model.findings import Finding, Severity
from jixiao.model.targets import PerformanceTarget, TargetFunds, TargetIndicator
from jixiao.model.values import EMPTY, Cell, money
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.form_engine import (
    Table,
    body_start,
    cell,
    ends,
    is_label,
    is_total,
    read_indicators,
    read_info,
    tables_of,
    title_subject,
    year,
)
from jixiao.readers.registry import register
from jixiao.readers.targets_values import ticked
from jixiao.sources.sheet import Sheet
from jixiao.vocabulary import Form, match_key, vocabulary

NAME = "targets_form"
_AMOUNT = re.compile(r"^[\d,]+(\.\d+)?(万?元)?$")
_YEARS = re.compile(r"(\d+)\s*年")
_NOTE = re.compile(r"^[（(]?\s*\d{4}\s*年度?\s*[)）]?$")        # (2024 年度): the title's year


class TargetForm:
    name = NAME
    title = "绩效目标表（通用表单）"
    general = True
    contests = True     # also reads tables the spaced reader claimed; the better reading stays

    def identify(self, sheet: Sheet) -> float:
        k = match_key(sheet.text[:400000])
        form = vocabulary().targets
        return 0.8 if any(t in k for t in form.titles + form.department_titles) else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        form = vocabulary().targets
        items: list[PerformanceTarget] = []
        spans: list[Span] = []
        findings: list[Finding] = []
        for table in tables_of(sheet, form, fragments=False, headed=lambda k: _head_part(form, k)):
            target = _read_table(table, form, len(items) + 1)
            if target is None:
                continue
            if _rows_unread(table, target):
                findings.append(Finding(
                    code="R007", severity=Severity.INFO, where=table.where, project=target.project.text,
                    document_kind="performance_target",
                    message="本表的指标行格式未能识别：只读取了表头（项目、资金、目标），指标未读取、未审核。"))
            elif not target.complete:
                findings.append(Finding(
                    code="R006", severity=Severity.INFO, where=table.where, project=target.project.text,
                    document_kind="performance_target",
                    message="文件在本表中途结束（网页或文档节选被截断）：只读取了完整的行，"
                            "缺少的指标类别不做判断。"))
            items.append(target)
            if table.lines:
                spans.append(Span(*table.lines, target.project.text or ""))
        return ReadResult(items=tuple(items), spans=tuple(spans), findings=tuple(findings))


def _read_table(table: Table, form: Form, seq: int) -> PerformanceTarget | None:
    ind = next((i for i, k in enumerate(table.keys) if body_start(k)), len(table.keys))
    read_info(table, form, 0, ind)
    amounts = _amounts(table, form, ind)
    if "project" not in table.info:
        _tree_head(table, form, ind, amounts)
    goal = _goal(table, form, ind)
    if ind < len(table.keys):
        read_indicators(table, ind)
    indicators = tuple(TargetIndicator(level1=i.level1, level2=i.level2, name=i.name, target=i.target,
                                       where=i.where) for i in table.indicators)
    if not indicators and not ("project" in table.info and (amounts or goal.text)):
        return None          # a head whose indicators are cut off or unread is kept: a named project, its money or goal
    period = table.info.get("period_years", EMPTY)
    years = _YEARS.fullmatch(period.text or "")
    return PerformanceTarget(
        seq=seq, year=year(table), project=table.info.get("project") or title_subject(table, form) or EMPTY,
        department=table.info.get("department", EMPTY), unit=table.info.get("unit", EMPTY),
        attribute=ticked(table.info.get("attribute", EMPTY)),
        period_years=Cell.read(years.group(1), period.where) if years else EMPTY,
        project_total=amounts.pop("project_total", EMPTY), annual_total=amounts.pop("annual_total", EMPTY),
        funds=TargetFunds(**amounts), goal=goal, indicators=indicators, where=table.where, layout=NAME,
        complete=bool(indicators) and (not table.cut or indicators[-1].level1 == LAST_LEVEL1))


def _rows_unread(table: Table, target: PerformanceTarget) -> bool:
    """An indicator part is printed (its header or a level label) but no row of it was read:
    a printing of the rows no rule knows. The head stands; the finding says what is missing."""
    return not target.indicators and any(body_start(k) for k in table.keys)


def _head_part(form: Form, key: str) -> bool:
    """A cell of a target table's head that shows the table is there though its indicators
    are not (an amount label: 年度资金总额, 项目总预算)."""
    return form.amounts is not None and form.amounts.role_of(key, limit=16) is not None


_UNIT_NOTE = re.compile(r"^\(?(?:万元|元)\)?$")      # (万元) printed between a label and its amount
_LABEL_TAIL = re.compile(r"^及[\u4e00-\u9fff]{1,4}$")   # 年度资金总额 | 及构成总额: the label wrapped

# The form's last block: a table that reaches it before the text ends was not cut off.
LAST_LEVEL1 = "满意度指标"


def _amounts(table: Table, form: Form, last: int) -> dict[str, Cell]:
    """Each amount label's number: after its colon, or the next cell when that is a number.

    Where the block prints the whole period beside the year (中期资金总额 | 年度资金总额, a
    fund line under each), a fund line's number is the one under the year's column. A
    whole-unit table's 年度主要任务 block gives its totals on its 金额合计 row instead.
    """
    assert form.amounts is not None
    found: dict[str, tuple[int, Cell]] = {}
    for i in range(last):
        key = table.keys[i]
        role = form.amounts.role_of(key, limit=16)
        if role is None:
            continue
        value: Cell | None = None
        after = re.split(r"[：:]", table.tokens[i].text)
        if len(after) >= 2 and (lead := _leading_amount(after[-1])) is not None:
            value = _number(lead, table.tokens[i].where)
        else:
            nxt = next((j for j in range(i + 1, min(last, i + 4))
                        if table.tokens[j].text.strip() and not _UNIT_NOTE.match(table.keys[j])
                        and not _LABEL_TAIL.match(table.keys[j])), None)
            if nxt is not None and (lead := _leading_amount(table.tokens[nxt].text)) is not None:
                value = _number(lead, table.tokens[nxt].where)
        if value is None:
            continue
        year_column = _column(table, found["annual_total"][0]) if "annual_total" in found else None
        if role not in found or (year_column is not None and _column(table, i) == year_column
                                 and _column(table, found[role][0]) != year_column):
            found[role] = (i, value)
    amounts = {role: value for role, (_, value) in found.items()}
    if "annual_total" not in amounts:
        amounts.update(_task_totals(table, form, last))
    return amounts


# An amount that leads its cell: 952.22, 854万, 2279.048 万元, then the cell's end, a note in
# brackets (854万(高标准农田建设400万元,…)) or the next line of the fund block run into it
# (952.22其中:基本支出…). Anything else after it (年, %, another number: 854万854万) is no
# one reading of an amount.
_LEADING = re.compile(r"^([\d,]+(?:\.\d+)?)\s*(?:万元|万|元)?(?:$|(?=[(（]|其中))")


def _leading_amount(text: str) -> str | None:
    m = _LEADING.match(text.strip())
    return m.group(1) if m else None


def _tree_head(table: Table, form: Form, last: int, amounts: dict[str, Cell]) -> None:
    """A table printed as a tree without labels (项目 | 指标值 | 金额 over the unit, then
    the project with its amount, then the levels): the last name above the indicators
    that an amount follows is the project, the name above it the unit."""
    texts = [i for i in range(last) if table.tokens[i].text.strip()]
    for n in range(len(texts) - 2, -1, -1):
        i, j = texts[n], texts[n + 1]
        key = table.keys[i]
        if not _AMOUNT.match(table.keys[j]) or _AMOUNT.match(key) or len(key) < 4 or is_label(form, key):
            continue
        table.info["project"] = cell(table.tokens[i])
        amounts.setdefault("annual_total", _number(table.tokens[j].text, table.tokens[j].where))
        above = texts[n - 1] if n > 0 else None
        if above is not None and "unit" not in table.info and not is_label(form, table.keys[above]) \
                and not any(c.isdigit() for c in table.keys[above]) and len(table.keys[above]) >= 4:
            table.info["unit"] = cell(table.tokens[above])
        return


def _column(table: Table, i: int) -> int | None:
    """A printed cell's place in its row, or in its line of text (中期资金总额: 39.96 年度资金总额:
    21.22 printed side by side: the place tells the period's column from the year's)."""
    token = table.tokens[i]
    return sum(1 for t in table.tokens[:i] if t.row == token.row and t.rowed == token.rowed)


def _task_totals(table: Table, form: Form, last: int) -> dict[str, Cell]:
    """The 金额合计 row of a whole-unit table's tasks: its numbers under the amount columns
    the header above it names (总额 | 财政拨款 | 其他资金)."""
    assert form.amounts is not None
    header: list[str] = []
    for i in range(last):
        role = form.amounts.role_of(table.keys[i], limit=8)
        if role is not None and table.tokens[i].rowed and not header:
            row = table.tokens[i].row
            roles = [r for j in range(i, last) if table.tokens[j].row == row
                     for r in [form.amounts.role_of(table.keys[j], limit=8)] if r is not None]
            header = roles if len(roles) >= 2 else []
        elif (is_total(table.keys[i]) or table.keys[i].endswith("合计")) and header and table.tokens[i].rowed:
            row = table.tokens[i].row
            numbers = [table.tokens[j] for j in range(i + 1, last)
                       if table.tokens[j].row == row and _AMOUNT.match(table.keys[j])]
            return {r: _number(t.text, t.where) for r, t in zip(header, numbers, strict=False)}
    return {}


def _number(text: str, where: object) -> Cell:
    bare = re.sub(r"万?元$", "", text.strip().replace(" ", ""))
    return Cell.read(bare, where) if money(bare) is not None else EMPTY  # type: ignore[arg-type]


def _goal(table: Table, form: Form, last: int) -> Cell:
    """The goal of the year: after the goal label the form lists first; where the goal row
    splits into periods (中期目标 | 年度目标), the text under 年度目标."""
    found = []
    for i in range(last):
        key = table.keys[i].lstrip("*")
        word = next((w for w in form.goal.of("goal") if w in key), None)
        if word is not None and (len(key) <= len(word) + 12 or _label_then_text(table.tokens[i].text, form)
                                 or _run_on(table.tokens[i].text, word) is not None):
            found.append((form.goal.rank(word), i))
    for _, i in sorted(found):
        text = _goal_text(table, form, i, last)
        if not text.empty:
            return text
    return EMPTY


_SPACED = re.compile(r"^\s*(\S{2,12}?)\s+(\S.{4,})$", re.S)


def _label_then_text(text: str, form: Form) -> str | None:
    """A goal printed in its label's cell, a space after the label (``年度目标 围绕…``,
    ``总体绩效目标 台胞…``: a row of two cells printed as one line of text): the text."""
    m = _SPACED.match(text)
    return m.group(2).strip() if m and match_key(m.group(1)).lstrip("*") in form.goal.of("goal") else None


_SENTENCE = re.compile(r"[,，。;；]")


def _run_on(text: str, word: str) -> str | None:
    """A goal run into its label with nothing between (整体绩效目标根据《…》，…。: text with no
    separators): the sentences after the label."""
    printed = text.strip()
    for n in range(len(word), min(len(printed), len(word) + 4) + 1):
        if match_key(printed[:n]) == word:
            rest = re.sub(r"^\s*[(（][^()（）]{1,30}[)）]", "", printed[n:]).strip()   # the label's note
            if rest[:1] not in ":：" and len(rest) >= 10 and _SENTENCE.search(rest):
                return rest
            return None
    return None


def _goal_text(table: Table, form: Form, at: int, last: int) -> Cell:
    if (rest := _label_then_text(table.tokens[at].text, form)) is not None:
        return Cell.read(rest, table.tokens[at].where)
    word = next((w for w in form.goal.of("goal") if table.keys[at].lstrip("*").startswith(w)), "")
    if word and (rest := _run_on(table.tokens[at].text, word)) is not None:
        return Cell.read(rest, table.tokens[at].where)
    after = re.split(r"[：:]", table.tokens[at].text, maxsplit=1)
    if len(after) == 2 and len(after[1].strip()) > 4:
        return Cell.read(after[1].strip(), table.tokens[at].where)
    periods: list[str] = []
    texts: list[Cell] = []
    first = None
    for j in range(at + 1, min(last, at + 12)):
        text, key = table.tokens[j].text.strip(), table.keys[j]
        if not text:
            continue
        period = next((p for p in form.goal.of("periods") if key.startswith(p)), None)
        if period is not None and len(key) <= 20:
            periods.append(period)
            continue
        if is_label(form, key) or ends(key, headings=False) or body_start(key):
            break
        if len(text) <= 4 or _NOTE.match(text) or _CATEGORY.match(text):
            continue
        texts.append(cell(table.tokens[j]))
        first = j if first is None else first
        if len(texts) >= max(1, len(periods)):
            break
    if not texts:
        return EMPTY
    year = next((k for k, p in enumerate(periods) if p.startswith("年度")), None)
    if year is not None and year < len(texts):
        return texts[year]
    return _listed_goal(table, texts[0], first, last) if first is not None and not periods else texts[0]


_ITEM_MARK = re.compile(r"^\s*(?:目标\s*)?[(（]?(\d{1,2})\s*[)）.、:：]?")


def _listed_goal(table: Table, goal: Cell, at: int, last: int) -> Cell:
    """A goal printed as numbered items a line each (1.… | 2.…, 目标1:… | 目标2:…): the items
    that follow in order join it, a space apart."""
    m = _ITEM_MARK.match(goal.text or "")
    if m is None or int(m.group(1)) != 1:
        return goal
    texts, number = [goal.text or ""], 1
    for j in range(at + 1, min(last, at + 12)):
        text = table.tokens[j].text.strip()
        if not text:
            continue
        item = _ITEM_MARK.match(text)
        if item is None or int(item.group(1)) != number + 1:
            break
        texts.append(text)
        number += 1
    return Cell.read(" ".join(texts), goal.where) if number > 1 else goal


_CATEGORY = re.compile(r"^[（(][^()（）]{1,12}类[)）]$")       # (基础设施建设类): the project's category


register(TargetForm())
