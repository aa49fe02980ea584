"""Checks of self-evaluation tables (项目支出绩效自评表, 部门整体支出绩效自评表): codes S0xx.

Arithmetic identities (total = Σ scores, rate = executed / budget) are errors; departures
from a scoring rule, which the seeds show to be often a judgement, are warnings.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.checks.registry import Context, Example, Hit, Tier, check
from jixiao.checks.tolerance import ZERO, agrees, fmt, half_unit, precision, rounding, sum_slack, total
from jixiao.model.document import Document
from jixiao.model.findings import Severity
from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, LevelHeading, SelfEvaluation
from jixiao.model.values import EMPTY, Cell
from jixiao.score.card import agree, places_of
from jixiao.score.ruleset import RulesetError, load_ruleset
from jixiao.values import COMPARATORS
from jixiao.values import parse as parse_value

HUNDRED = Decimal(100)

# ---------------------------------------------------------------- indicator values

REVERSE = frozenset({"≤", "<"})
_MONEY_UNIT = re.compile(r"(亿元|万元|元)")
_NOT_DONE = re.compile(r"未完成|未开展|未实施|未达到|未达标|取消|暂缓|未举办|未执行")


@dataclass(frozen=True, slots=True)
class Value:
    """A printed indicator value as the checks need it: number, unit, direction."""

    text: str
    kind: str                 # jixiao.values.KINDS: quantity, percent, deadline, qualitative, text
    number: Decimal | None
    unit: str
    reverse: bool
    vague: bool

    @property
    def is_date(self) -> bool:
        return self.kind == "deadline"


def value_of(cell: Cell, name: Cell = EMPTY) -> Value | None:
    """Parse a value cell; a money unit printed only in the indicator name (``（万元）``) counts."""
    if cell.text is None:
        return None
    v = parse_value(cell.text)
    number = v.number if v.kind in ("quantity", "percent") else None
    unit = v.unit or ""
    if not unit and name.text and (m := _MONEY_UNIT.search(name.text)):
        unit = m.group(1)
    return Value(cell.text, v.kind, number, unit, v.comparator in REVERSE, v.vague)


def comparable(a: Value, b: Value) -> bool:
    """Same kind of quantity: equal units, or one side prints none (``≥98%`` vs ``100``)."""
    return a.number is not None and b.number is not None and (not a.unit or not b.unit or a.unit == b.unit)


# ---------------------------------------------------------------- hits

KIND_NAMES = {EvaluationKind.PROJECT: "项目支出绩效自评表", EvaluationKind.DEPARTMENT: "部门整体支出绩效自评表"}


def evaluations(doc: Document) -> Iterator[SelfEvaluation]:
    yield from doc.project_self_evaluations
    yield from doc.department_self_evaluations


def where(ctx: Context, *places: Where) -> Where:
    """The most precise known place; at least the document's file."""
    for w in places:
        if w.file:
            return w
    return Where(file=ctx.document.source)


def shown(text: str | None) -> str:
    return "（空）" if text is None else text


def hit(ctx: Context, e: SelfEvaluation, at: Iterable[Where] = (), indicator: Cell | None = None,
        severity: Severity | None = None, expected: str | None = None, actual: str | None = None,
        formula: str | None = None, **params: Any) -> Hit:
    """A hit on table ``e``: project, table and place filled in once for every check."""
    project = e.project.text or "（未命名项目）"
    table = f"{KIND_NAMES[e.kind]} {e.seq}"
    name = indicator.text if indicator is not None else None
    return Hit(where=where(ctx, *at, e.where), document_kind=f"{e.kind.value}_self_evaluation",
               project=project, indicator=name, table=table, expected=expected, actual=actual,
               formula=formula, severity=severity,
               params={"project": project, "table": table, "indicator": name or "", "expected": shown(expected),
                       "actual": shown(actual), "formula": formula or "", "more": "", **params})


def grouped(hits: Iterable[Hit], least: int | None = None) -> Iterator[Hit]:
    """Repeats of one kind in one table as one finding: the first hit, naming the others.

    A table that prints “completed” against sixteen targets of 1项 is one thing to fix, not
    sixteen; hits of different severity or kind (``params['kind']``) are kept apart. The threshold is data
    (``selfeval.toml`` [grouping]).
    """
    least = least or int(rule("grouping", "least"))
    groups: dict[tuple[str | None, Severity | None, str], list[Hit]] = {}
    for h in hits:
        groups.setdefault((h.table, h.severity, str(h.params.get("kind", ""))), []).append(h)
    for same in groups.values():
        if len(same) < least:
            yield from same
            continue
        first, rest = same[0], same[1:]
        names = [h.indicator or "" for h in rest if h.indicator]
        shown_names = "、".join(f"“{n}”" for n in names[:int(rule("grouping", "names_shown"))])
        etc = " 等" if len(names) > int(rule("grouping", "names_shown")) else ""
        more = f"；同表另有 {len(rest)} 项同类：{shown_names}{etc}，请一并核对"
        yield replace(first, params={**first.params, "more": more})


# ---------------------------------------------------------------- examples

SAMPLE = "示例.txt"


def cell(text: str | None, line: int = 1) -> Cell:
    return Cell.read(text, Where(SAMPLE, line=line))


def fund(item: str, initial: str | None, budget: str | None, executed: str | None,
         weight: str | None = None, rate: str | None = None, score: str | None = None) -> FundRow:
    return FundRow(item=cell(item, 3), initial=cell(initial, 3), budget=cell(budget, 3),
                   executed=cell(executed, 3), weight=cell(weight, 3), rate=cell(rate, 3),
                   score=cell(score, 3), where=Where(SAMPLE, line=3))


def indicator(level1: str, level2: str, name: str, target: str | None, actual: str | None,
              weight: str | None, score: str | None, reason: str | None = None, line: int = 5) -> Indicator:
    at = Where(SAMPLE, line=line)
    return Indicator(level1=level1, level2=level2, name=cell(name, line), target=cell(target, line),
                     actual=cell(actual, line), weight=cell(weight, line), score=cell(score, line),
                     reason=cell(reason, line), where=at)


FUNDS = (fund("年度资金总额", "100", "100", "80", "10", "80.00%", "8"),
         fund("其中：当年财政拨款", "100", "100", "80"))
INDICATORS = (
    indicator("产出指标", "数量指标", "培训人数（人）", "≥500", "520", "30", "30", line=5),
    indicator("产出指标", "成本指标", "培训费（万元）", "100", "80", "20", "20", line=6),
    indicator("效益指标", "社会效益指标", "就业率", "≥90%", "92%", "30", "30", line=7),
    indicator("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10", line=8),
)


def evaluation(funds: tuple[FundRow, ...] = FUNDS, indicators: tuple[Indicator, ...] = INDICATORS,
               total_weight: str | None = "100", total_score: str | None = "98",
               headings: tuple[tuple[str, str], ...] = (), goal: tuple[str | None, str | None] =
               ("培训 500 人", "培训 520 人，就业率 92%"), project: str = "职业技能培训",
               kind: EvaluationKind = EvaluationKind.PROJECT) -> SelfEvaluation:
    """A small, consistent self-evaluation that an example changes in one place."""
    return SelfEvaluation(
        kind=kind, seq=1, year=2024, project=cell(project, 2), funds=funds,
        goal_planned=cell(goal[0], 4), goal_actual=cell(goal[1], 4), indicators=indicators,
        headings=tuple(LevelHeading(level1=h, points=cell(p, 5), where=Where(SAMPLE, line=5))
                       for h, p in headings),
        total_weight=cell(total_weight, 9), total_score=cell(total_score, 9),
        where=Where(SAMPLE, line=1))


def document(*evals: SelfEvaluation) -> Document:
    return Document(source=SAMPLE, project_self_evaluations=evals)


def replace_indicator(n: int, **cells: str | None) -> tuple[Indicator, ...]:
    """INDICATORS with indicator ``n`` changed: ``replace_indicator(0, score="25")``."""
    changes: dict[str, Any] = {k: cell(v, INDICATORS[n].where.line or 1) for k, v in cells.items()}
    changed = replace(INDICATORS[n], **changes)
    return INDICATORS[:n] + (changed,) + INDICATORS[n + 1:]


def passes(description: str, make: Any) -> Example:
    return Example(description, make, fails=False)


def fails(description: str, make: Any) -> Example:
    return Example(description, make, fails=True)


OK = passes("一致的自评表", lambda: document(evaluation()))

# ---------------------------------------------------------------- totals and weights


def score_cells(e: SelfEvaluation) -> list[Cell]:
    """The cells the 总分 adds up: 年度资金总额's score and every indicator's score."""
    fund_score = [e.total_fund.score] if e.total_fund else []
    return [c for c in fund_score + [i.score for i in e.indicators] if c.number is not None]


def weight_cells(e: SelfEvaluation) -> list[Cell]:
    fund_weight = [e.total_fund.weight] if e.total_fund else []
    return [c for c in fund_weight + [i.weight for i in e.indicators] if c.number is not None]


def plus(cells: list[Cell]) -> str:
    return " + ".join(c.text or "" for c in cells)


@check("S001", "total-not-sum", "总分不等于各项得分之和", Severity.ERROR, "selfeval",
       "{table}（{project}）：总分印为 {actual}，各项得分之和为 {expected}{note}。请核对各项得分或总分",
       "总分应等于年度资金总额得分与各三级指标得分之和。差额超出各项四舍五入的累积误差为错误；"
       "在累积误差之内为提示（多为先合计后取整）。请核对各项得分或总分。表格被文件截断时（R006）不判断。",
       examples=(
           OK,
           fails("总分 97 ≠ 8 + 30 + 20 + 30 + 10 = 98", lambda: document(evaluation(total_score="97"))),
           fails("四舍五入差 0.01 为提示", lambda: document(evaluation(
               funds=(fund("年度资金总额", "100", "100", "80.5", "10", "80.50%", "8.05"),),
               total_score="98.04"))),
           passes("表格被截断（R006）：截断处以下的得分未印出，不核对总分",
                  lambda: document(replace(evaluation(total_score="97"), complete=False))),
       ))
def total_not_sum(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        parts = score_cells(e)
        if e.total_score.number is None or not parts or not e.complete:
            continue                     # cut off (R006): the scores below the cut are not printed
        s = total(parts)
        places = precision(parts + [e.total_score])
        if agrees(e.total_score, s, decimals=places):
            continue
        rounding = agrees(e.total_score, s, sum_slack(parts), decimals=places)
        note = "，差额在各项四舍五入的累积误差之内（先合计后取整？）" if rounding else ""
        yield hit(ctx, e, [e.total_score.where], expected=fmt(s, places), actual=e.total_score.text,
                  formula=plus(parts), severity=Severity.INFO if rounding else None, note=note)


@check("S002", "weights-not-100", "分值合计不等于总分分值或 100", Severity.ERROR, "selfeval",
       "{table}（{project}）：各项分值之和为 {actual}，应为 {expected}（{formula}）。请核对各项分值",
       "年度资金总额的分值与各三级指标分值之和应等于总分行的分值，且满分为 100。指标不印分值或表格被截断时不判断；部分指标分值未读出时，只在已读分值之和超出时判断。",
       examples=(
           OK,
           fails("满意度指标分值 15 使合计 105", lambda: document(evaluation(
               indicators=replace_indicator(3, weight="15", score="10"), total_score="98"))),
           passes("指标不印分值（只印资金分值 20）：无从加总", lambda: document(evaluation(
               indicators=tuple(replace(i, weight=cell(None)) for i in INDICATORS)))),
           passes("一项分值未读出、其余之和不足：无从判断", lambda: document(evaluation(
               indicators=replace_indicator(3, weight=None)))),
           fails("一项分值未读出、其余之和已超出", lambda: document(evaluation(
               indicators=replace_indicator(3, weight=None) + replace_indicator(3, weight="40")[3:4]))),
       ))
def weights_not_100(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        parts = weight_cells(e)
        if not parts or not e.complete or not e.indicators:    # cut off, or no indicator read
            continue
        if all(i.weight.empty for i in e.indicators):
            continue              # weights not printed (湖北's 年度绩效目标 80 分 left to the rules): no sum to check
        s = total(parts)
        printed = e.total_weight.number
        expected = printed if printed is not None and printed != s else HUNDRED
        if s == expected and expected == HUNDRED:
            continue
        if s < expected and any(i.weight.empty for i in e.indicators):
            continue              # some weights unread (R004) or unprinted: short proves nothing, over does
        if s == expected:  # the printed 总分 agrees with the weights but is not 100
            expected = HUNDRED
        yield hit(ctx, e, [e.total_weight.where], expected=fmt(expected), actual=fmt(s), formula=plus(parts))


@check("S003", "heading-points", "一级指标分值与其三级指标分值之和不符", Severity.ERROR, "selfeval",
       "{table}（{project}）：{level1} 标注 {expected} 分，其三级指标分值之和为 {actual}。请核对一级指标分值或其下各指标的分值",
       "一级指标标题所印分值（如“产出指标（50分）”）应等于其下各三级指标分值之和。",
       examples=(
           passes("产出指标（50分）= 30 + 20",
                  lambda: document(evaluation(headings=(("产出指标", "50"), ("效益指标", "30"))))),
           fails("满意度指标（5分）而指标分值 10",
                 lambda: document(evaluation(headings=(("满意度指标", "5"),)))),
       ))
def heading_points(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        if not e.complete:                   # a table cut off: a block may be cut too
            continue
        for h in e.headings:
            weights = [i.weight for i in e.indicators if i.level1 == h.level1 and i.weight.number is not None]
            if h.points.number is None or not weights:
                continue
            s = total(weights)
            if s != h.points.number:
                yield hit(ctx, e, [h.points.where, h.where], expected=h.points.text, actual=fmt(s),
                          formula=plus(weights), level1=h.level1)


@check("S004", "score-over-weight", "得分高于分值", Severity.ERROR, "selfeval",
       "{table}（{project}）：{indicator} 得分 {actual} 高于分值 {expected}。请将得分改为不超过分值",
       "任一指标（含年度资金总额）的得分不能超过其分值。",
       examples=(OK, fails("数量指标得分 35 > 分值 30",
                           lambda: document(evaluation(indicators=replace_indicator(0, score="35"),
                                                       total_score="103")))))
def score_over_weight(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        rows: list[tuple[Cell, Cell, Cell]] = [(i.name, i.weight, i.score) for i in e.indicators]
        if e.total_fund:
            rows.insert(0, (e.total_fund.item, e.total_fund.weight, e.total_fund.score))
        for name, weight, score in rows:
            if weight.number is not None and score.number is not None and score.number > weight.number:
                yield hit(ctx, e, [score.where, name.where], indicator=name, expected=weight.text,
                          actual=score.text)


def rule_name(card: Any) -> str:
    """The rule set a scorecard used, as a message names it: 《全国通用（财预〔2020〕10号）》规则."""
    return f"《{card.ruleset_title or card.ruleset}》规则"


def _differs(card: Any, line: Any) -> bool:
    """Does the printed score depart from the rule beyond the table's own precision?

    Agreement at printed precision, a qualitative score inside its tier, or a difference
    smaller than the table's scoring step (0.5 printed for 0.554 in a table that scores in
    tenths) is no departure.
    """
    if line.kind != "indicator" or line.agrees is not False or line.in_range:
        return False
    value = line.exact if line.exact is not None else line.computed
    return not (card.step > Decimal("0.01") and abs(line.printed - value) < card.step)


def departures(ctx: Context, e: SelfEvaluation) -> Iterator[tuple[Any, Any, Indicator]]:
    """(scorecard, line, indicator) of every indicator whose printed score departs from the rule."""
    card = ctx.scorecard_for(e)
    if card is None:
        return
    for line in card.lines:
        if 0 <= line.index < len(e.indicators) and _differs(card, line):
            yield card, line, e.indicators[line.index]


def _rival_agrees(card: Any, line: Any) -> bool:
    position = list(card.lines).index(line)
    if not card.rival or position >= len(card.rival_lines):
        return False
    exact, low, high = card.rival_lines[position]
    if low is not None and high is not None:
        return bool(low <= line.printed <= high)
    return exact is not None and agree(line.printed, exact)


@check("S005", "score-vs-rule", "得分与评分规则计算结果不符", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 得分印为 {actual}，按{ruleset}应为 {expected}（{formula}）{note}。{todo}{more}",
       "按所选评分规则（见报告中“按 … 规则重算：依据 …”）重新计算得分：定量指标按正向、反向、等于、区间等公式，"
       "定性指标按三档区间。与表内计分步长（0.1、0.5 或 1 分）之内的差、定性指标落在档内的得分不报；"
       "单位自评低于公式且说明了原因、或另一条同样适用的规则与印制得分一致时，仅作提示。请核对得分或说明评分依据；"
       "如该单位执行其他评分办法，可用 --ruleset 指定。",
       examples=(
           OK,
           fails("得分 20 而 30 × 450 / 500 = 27", lambda: document(evaluation(
               indicators=replace_indicator(0, actual="450", score="20"), total_score="88"))),
           passes("表内按 0.1 分计分：0.5 对 0.6 × 14 / 15.17 = 0.554", lambda: document(evaluation(
               indicators=INDICATORS + (
                   indicator("产出指标", "数量指标", "咨询人次", "15.17", "14", "0.6", "0.5", line=9),
                   indicator("产出指标", "数量指标", "调研次数", "90", "45", "0.6", "0.3", "半数未开展", line=10)),
               total_weight="101.2", total_score="98.8"))),
           passes("定性指标达到，得 9 分在一档 80–100% 之内", lambda: document(evaluation(
               indicators=replace_indicator(2, target="有效提升", actual="有效提升", score="27"),
               total_score="95"))),
       ))
def score_vs_rule(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        yield from grouped(_score_vs_rule(ctx, e))


def _score_vs_rule(ctx: Context, e: SelfEvaluation) -> Iterator[Hit]:
    for card, line, ind in departures(ctx, e):
        if full_marks_why(ind) is not None:
            continue  # full marks though not met: S012 says it, with this rule's score
        below = line.printed < (line.exact if line.exact is not None else line.computed)
        severity, note, kind = None, "", "above"
        todo = "请按该规则核对得分，或在偏差原因中写明评分依据"
        if _rival_agrees(card, line):
            severity, kind = Severity.INFO, "rival"
            note = f"；按同样适用的《{card.rival_title}》规则则一致，两种规则在此不同"
            todo = "请确认该单位执行的评分办法（可用 --ruleset 指定）"
        elif below and explained(e, ind):
            severity, kind = Severity.INFO, "explained"
            note = "；单位按低于公式的分数自评，并写明了偏差原因"
            todo = "请确认扣分理由是否充分"
        elif below:
            kind = "below"
            note = "，且未填写偏差原因"
            todo = "请核对得分，并在偏差原因中说明扣分理由"
        yield hit(ctx, e, [line.where], indicator=ind.name, severity=severity, expected=fmt(line.computed),
                  actual=fmt(line.printed, 6), formula=line.formula or line.method, ruleset=rule_name(card),
                  note=note, todo=todo, kind=kind)


@check("S024", "total-over-maximum", "总分超过满分", Severity.ERROR, "selfeval",
       "{table}（{project}）：{which}总分 {actual} 超过满分 {expected}（按{ruleset}重算为 {recomputed}）。"
       "请核对各项分值与得分：分值合计应为满分，得分不能超过分值",
       "自评总分不能超过满分（总分行的分值，未印时为规则集的满分 100）。超过满分多为分值设置有误、得分多计或合并行重复计分，"
       "按这样的总分评定的等级（如“优”）不可信。",
       examples=(OK, fails("各项得分之和 109.9 超过 100", lambda: document(evaluation(
           indicators=replace_indicator(3, weight="21.9", score="21.9"), total_weight=None,
           total_score="109.9")))))
def total_over_maximum(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        card = ctx.scorecard_for(e)
        if card is None or not card.over_maximum or card.maximum is None:
            continue
        printed = card.total_printed is not None and card.total_printed > card.maximum
        total = card.total_printed if printed else card.total_recomputed
        yield hit(ctx, e, [e.total_score.where], expected=fmt(card.maximum), actual=fmt(total),
                  ruleset=rule_name(card), which="印制" if printed else "重算",
                  recomputed=fmt(card.total_recomputed))


# ---------------------------------------------------------------- fund block


def ratio(executed: Decimal, budget: Decimal) -> Decimal:
    return executed / budget * HUNDRED


@check("S006", "execution-rate", "执行率不等于全年执行数 ÷ 全年预算数", Severity.ERROR, "selfeval",
       "{table}（{project}）：{indicator} 执行率印为 {actual}，全年执行数 ÷ 全年预算数 = {expected}{note}。请按全年执行数 ÷ 全年预算数重算执行率",
       "执行率 = 全年执行数 ÷ 全年预算数（调整后的预算）。按年初预算数计算会掩盖年中预算调整。",
       examples=(
           OK,
           fails("执行率按年初预算数计算", lambda: document(evaluation(funds=(
               fund("年度资金总额", "100", "80", "80", "10", "80.00%", "8"),)))),
       ))
def execution_rate(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        for row in e.funds:
            budget, executed = row.budget.number, row.executed.number
            if row.rate.number is None or not budget or executed is None:
                continue
            expected = ratio(executed, budget)
            if agrees(row.rate, expected):
                continue
            initial = row.initial.number
            note = ""
            if initial and initial != budget and agrees(row.rate, ratio(executed, initial)):
                note = f"；印出的执行率等于全年执行数 ÷ 年初预算数（{row.executed.text} ÷ {row.initial.text}），应以全年预算数计算"
            yield hit(ctx, e, [row.rate.where, row.where], indicator=row.item, expected=f"{fmt(expected)}%",
                      actual=row.rate.text, formula=f"{row.executed.text} ÷ {row.budget.text} × 100%", note=note)


@check("S007", "fund-score", "资金执行得分不等于分值 × 执行率", Severity.WARNING, "selfeval",
       "{table}（{project}）：年度资金总额得分印为 {actual}，分值 × 执行率 = {expected}（{formula}）。请按{ruleset}重算得分，或说明依据",
       "预算执行率得分 = 分值 × 执行率（执行率超过 100% 按 100% 计）。",
       examples=(OK, fails("得分 9 而 10 × 80% = 8", lambda: document(evaluation(
           funds=(fund("年度资金总额", "100", "100", "80", "10", "80.00%", "9"),), total_score="99")))))
def fund_score(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        row = e.total_fund
        if row is None or row.weight.number is None or row.score.number is None:
            continue
        weight = row.weight.number
        candidates = []
        computed = ratio(row.executed.number, row.budget.number) \
            if row.budget.number and row.executed.number is not None else None
        if computed is not None:
            candidates.append((computed, ZERO, f"{row.weight.text} × {row.executed.text} ÷ {row.budget.text}"))
        if row.rate.number is not None and (computed is None or agrees(row.rate, computed)):
            # a rate printed rounded (94% for 93.70%) may be what the score was computed from
            candidates.append((row.rate.number, weight * half_unit(row.rate.decimals) / HUNDRED,
                               f"{row.weight.text} × {row.rate.text}"))
        if not candidates:
            continue
        scored = [(weight * min(rate, HUNDRED) / HUNDRED, slack, formula) for rate, slack, formula in candidates]
        if any(agrees(row.score, value, slack) for value, slack, _ in scored):
            continue
        value, _, formula = scored[0]
        card = ctx.scorecard_for(e)
        yield hit(ctx, e, [row.score.where, row.where], indicator=row.item, expected=fmt(value),
                  actual=row.score.text, formula=formula,
                  ruleset=rule_name(card) if card is not None else "“分值 × 执行率”的规则")


@check("S008", "fund-rows-sum", "资金来源各行之和不等于年度资金总额", Severity.ERROR, "selfeval",
       "{table}（{project}）：{column} 各资金来源之和为 {expected}，年度资金总额印为 {actual}（{formula}）。请核对各资金来源的金额",
       "当年财政拨款、上年结转资金、其他资金等各行之和应等于年度资金总额（逐列：年初预算数、全年预算数、"
       "全年执行数）。某列空缺按 0 计。",
       examples=(
           OK,
           fails("执行数 80 ≠ 财政拨款 70", lambda: document(evaluation(funds=(
               FUNDS[0], fund("其中：当年财政拨款", "100", "100", "70"))))),
       ))
def fund_rows_sum(ctx: Context) -> Iterator[Hit]:
    columns = (("initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))
    for e in evaluations(ctx.document):
        head, parts = e.total_fund, e.funds[1:]
        amounts = [getattr(r, key) for r in parts for key, _ in columns]
        if head is None or not any(c.number is not None for c in amounts):
            continue  # no breakdown printed
        for key, label in columns:
            printed: Cell = getattr(head, key)
            cells = [getattr(r, key) for r in parts]
            if printed.number is None:
                continue
            s = total(cells)
            if not agrees(printed, s, decimals=precision(cells + [printed])):
                shown = " + ".join(c.text or "（空）" for c in cells)
                yield hit(ctx, e, [printed.where, head.where], indicator=head.item, expected=fmt(s, 6),
                          actual=printed.text, formula=shown, column=label)


# ---------------------------------------------------------------- indicators


def blocks_with_reason(e: SelfEvaluation) -> set[tuple[str | None, str | None]]:
    """Level-2 blocks with a reason printed somewhere: a merged 偏差原因 cell covers its block."""
    return {(i.level1, i.level2) for i in e.indicators if i.reason.text}


def explained(e: SelfEvaluation, i: Indicator) -> bool:
    return bool(i.reason.text) or (i.level1, i.level2) in blocks_with_reason(e)


@check("S009", "missing-actual", "缺少实际完成值", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 有年度指标值 {expected}，实际完成值为空{note}。请补填实际完成值{more}",
       "每个三级指标都应填写实际完成值，否则得分无从核对。",
       examples=(OK, fails("实际完成值为空", lambda: document(evaluation(
           indicators=replace_indicator(2, actual=None))))))
def missing_actual(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        yield from grouped(_missing_actual(ctx, e))


def _missing_actual(ctx: Context, e: SelfEvaluation) -> Iterator[Hit]:
    for i in e.indicators:
        if i.target.text and not i.actual.text:
            w, score = i.weight.number, i.score.number
            note = ""
            if w is not None and score == w and w > 0:
                note = f"，却得满分 {i.score.text}"
            elif w is not None and score is not None and score < w and not explained(e, i):
                note = f"，得分 {i.score.text}（分值 {i.weight.text}）也未说明原因"   # S010 leaves it to this finding
            yield hit(ctx, e, [i.actual.where, i.where], indicator=i.name, expected=i.target.text,
                      actual=None, note=note)


@check("S010", "shortfall-without-reason", "扣分未说明偏差原因", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 得分 {actual}（分值 {expected}），未填写偏差原因。请在“偏差原因分析及改进措施”中说明扣分理由{more}",
       "指标未得满分时，应在“偏差原因分析及改进措施”中说明原因。得分与评分规则不符的，由 S005 一并指出，此处不重复。"
       "评分框架（绩效评价指标表：只有分值、评分标准和得分，没有指标值、完成值和偏差原因栏）不要求。",
       examples=(OK, fails("扣分无原因", lambda: document(evaluation(
           indicators=replace_indicator(0, actual="450", score="27"), total_score="95")))))
def shortfall_without_reason(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        yield from grouped(_shortfall_without_reason(ctx, e))


def _shortfall_without_reason(ctx: Context, e: SelfEvaluation) -> Iterator[Hit]:
    told = {id(i) for _, _, i in departures(ctx, e)}     # S005 says it, missing reason included
    if not any(x.target.text or x.actual.text for x in e.indicators):
        return                 # a scoring frame: its criteria explain the points, it has no reason column
    for i in e.indicators:
        w, s = i.weight.number, i.score.number
        if w is not None and s is not None and s < w and not explained(e, i) and id(i) not in told \
                and not (i.target.text and not i.actual.text):      # missing-actual (S009) says it
            yield hit(ctx, e, [i.reason.where, i.where], indicator=i.name, expected=i.weight.text,
                      actual=i.score.text)


OVER = Decimal("1.3")


def achievement(i: Indicator) -> Decimal | None:
    """Actual over target (target over actual for ``≤`` and cost indicators), for comparable numbers."""
    target, actual = value_of(i.target, i.name), value_of(i.actual, i.name)
    if target is None or actual is None or not comparable(target, actual):
        return None
    assert target.number is not None and actual.number is not None
    if target.reverse or i.level2 == "成本指标":
        return target.number / actual.number if actual.number else None
    return actual.number / target.number if target.number else None


@check("S011", "over-achievement-without-reason", "大幅超额完成未说明原因", Severity.INFO, "selfeval",
       "{table}（{project}）：{indicator} 实际完成 {actual}，为指标值 {expected} 的 {share}，未说明原因。请说明超额原因，并核对指标值是否定得过低{more}",
       "实际完成值大幅超过指标值（30% 以上）时，应说明原因：指标值可能定得过低。",
       examples=(OK, fails("完成 800 人（指标 ≥500）", lambda: document(evaluation(
           indicators=replace_indicator(0, actual="800"))))))
def over_achievement(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        yield from grouped(_over_achievement(ctx, e))


def _over_achievement(ctx: Context, e: SelfEvaluation) -> Iterator[Hit]:
    card = ctx.scorecard_for(e)
    over = _reason_over(card)
    for i in e.indicators:
        target = value_of(i.target, i.name)
        if i.level2 == "成本指标" or target is None or target.reverse:
            continue  # saving money or staying under a ceiling is no over-achievement
        share = achievement(i)
        if share is not None and share >= over and not explained(e, i):
            yield hit(ctx, e, [i.actual.where, i.where], indicator=i.name, expected=i.target.text,
                      actual=i.actual.text, share=f"{fmt(share * HUNDRED, 0)}%")


def _reason_over(card: Any) -> Decimal:
    """The share of the target from which the rule set asks for a reason (130 % by default)."""
    try:
        return load_ruleset(card.ruleset).reason_over if card is not None else OVER
    except RulesetError:
        return OVER


@check("S012", "full-marks-not-met", "未完成指标却得满分", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 指标值 {expected}，实际 {actual}{why}，却得满分 {score}。请按完成程度扣分，或说明得满分的依据{more}",
       "实际完成值未达到指标值、或偏差原因说明未完成/取消的指标，不应得满分。",
       examples=(OK, fails("完成 450 人（指标 ≥500）得满分", lambda: document(evaluation(
           indicators=replace_indicator(0, actual="450"))))))
def full_marks_not_met(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        yield from grouped(_full_marks_not_met(ctx, e))


def full_marks_why(i: Indicator) -> str | None:
    """Why indicator ``i`` should not have full marks ('' for a plain shortfall), or ``None``."""
    w = i.weight.number
    if w is None or w <= 0 or i.score.number != w or not i.actual.text:
        return None  # no actual: missing-actual (S009) says it, full marks included
    share = achievement(i)
    if share is not None and share < 1:
        return ""
    if _NOT_DONE.search(i.reason.text or "") and share is None:
        return f"，偏差原因为“{i.reason.text}”"
    return None


def _full_marks_not_met(ctx: Context, e: SelfEvaluation) -> Iterator[Hit]:
    card = ctx.scorecard_for(e)
    lines = {line.index: line for line in card.lines} if card is not None else {}
    for n, i in enumerate(e.indicators):
        why = full_marks_why(i)
        if why is None:
            continue
        line = lines.get(n)
        if line is not None and line.exact is not None and card.step > Decimal("0.01") \
                and (i.weight.number or 0) - line.exact < card.step:
            continue  # short of full marks by less than the table's own scoring step
        if line is not None and line.computed is not None and line.computed < (i.weight.number or 0):
            why += f"；按{rule_name(card)}应为 {fmt(line.computed)}（{line.formula}）"
        yield hit(ctx, e, [i.score.where, i.where], indicator=i.name, expected=i.target.text,
                  actual=i.actual.text or "（空）", why=why, score=i.score.text)


NUMERIC_LEVEL2 = ("数量指标", "成本指标", "时效指标")


@check("S013", "qualitative-where-number", "数量、成本、时效指标填写了定性值", Severity.WARNING, "selfeval",
       "{table}（{project}）：{level2} {indicator} 的实际完成值“{actual}”不是数值（指标值 {expected}）。请填写完成的数量或日期{more}",
       "数量、成本、时效指标须以数值（或日期）填写实际完成值，才能与指标值比较并计分。",
       examples=(OK, fails("数量指标实际值“完成”", lambda: document(evaluation(
           indicators=replace_indicator(0, actual="已完成"))))))
def qualitative_where_number(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        yield from grouped(_qualitative_where_number(ctx, e))


def _qualitative_where_number(ctx: Context, e: SelfEvaluation) -> Iterator[Hit]:
    for i in e.indicators:
        if i.level2 not in NUMERIC_LEVEL2:
            continue
        target, actual = value_of(i.target, i.name), value_of(i.actual, i.name)
        if target is None or actual is None or actual.is_date or any(ch.isdigit() for ch in actual.text):
            continue
        if target.number is None and not target.is_date:
            continue  # a qualitative target: nothing to measure against
        if i.level2 == "时效指标" and target.is_date and parse_value(actual.text).level == 1:
            continue  # “完成” for a deadline reads as on time, as the scoring engine takes it
        yield hit(ctx, e, [i.actual.where, i.where], indicator=i.name, expected=i.target.text,
                  actual=i.actual.text, level2=i.level2)


@check("S014", "vague-value", "指标值或完成值表述模糊", Severity.INFO, "selfeval",
       "{table}（{project}）：{indicator} 的{which}“{actual}”表述模糊，无法衡量。请改为可衡量的数值或标准",
       "“效果显著”“有效提高”之类的表述无法核对；应给出可衡量的数值或标准。",
       tier=Tier.STRICT,
       examples=(OK, fails("效益指标实际值“效果显著”", lambda: document(evaluation(
           indicators=replace_indicator(2, target="有效提高", actual="效果显著"))))))
def vague_value(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        for i in e.indicators:
            for which, c in (("年度指标值", i.target), ("实际完成值", i.actual)):
                v = value_of(c)
                if v is not None and v.vague and v.number is None:
                    yield hit(ctx, e, [c.where, i.where], indicator=i.name, actual=c.text, which=which)


@check("S015", "goal-actual-copied", "实际完成情况照抄预期目标", Severity.WARNING, "selfeval",
       "{table}（{project}）：年度总体目标的实际完成情况与预期目标文字完全相同。请写明实际完成的内容和数量",
       "实际完成情况应写明实际做了什么、完成多少，而非照抄年初目标。",
       examples=(OK, fails("完成情况照抄目标", lambda: document(evaluation(goal=("培训 500 人", "培训 500 人"))))))
def goal_actual_copied(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        if e.goal_actual.text and e.goal_actual.text == e.goal_planned.text:
            yield hit(ctx, e, [e.goal_actual.where], expected=None, actual=e.goal_actual.text)


def money_values(rows: Iterable[Indicator], attr: str) -> list[tuple[Cell, Decimal]] | None:
    """The cost indicators' amounts in 万元, or ``None`` where any is missing or not such an amount."""
    out = []
    for i in rows:
        c: Cell = getattr(i, attr)
        v = value_of(c, i.name)
        if v is None or v.number is None or v.unit not in ("万元", ""):
            return None
        out.append((c, v.number))
    return out


@check("S016", "cost-vs-funds", "成本指标与资金执行数不符", Severity.WARNING, "selfeval",
       "{table}（{project}）：成本指标实际值合计 {actual} 万元，而全年执行数为 {expected} 万元（{formula}）。请核对成本指标的实际值或全年执行数",
       "成本指标的指标值合计等于全年预算数时，它们是预算的分解；其实际值合计应等于全年执行数。",
       examples=(OK, fails("成本 100 万元全部完成，但只执行 80", lambda: document(evaluation(
           indicators=replace_indicator(1, actual="100"))))))
def cost_vs_funds(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        row = e.total_fund
        costs = [i for i in e.indicators if i.level2 == "成本指标"]
        if row is None or not costs or row.budget.number is None or row.executed.number is None:
            continue
        targets, actuals = money_values(costs, "target"), money_values(costs, "actual")
        if targets is None or actuals is None:
            continue
        planned = sum((n for _, n in targets), ZERO)
        if not agrees(row.budget, planned, rounding([n for _, n in targets])):
            continue  # the costs are not a breakdown of the budget
        spent = sum((n for _, n in actuals), ZERO)
        if agrees(row.executed, spent, rounding([n for _, n in actuals])):
            continue
        yield hit(ctx, e, [row.executed.where, costs[0].where], expected=row.executed.text, actual=fmt(spent, 6),
                  formula=" + ".join(c.text or "0" for c, _ in actuals))


@check("S017", "money-unit-mismatch", "实际完成值与指标值的金额单位不同", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 指标值 {expected}，实际完成值 {actual}，金额单位不一致。请统一金额单位",
       "同一指标的指标值与实际值应使用同一金额单位（元、万元），否则多为笔误。",
       examples=(OK, fails("6万元 对 4.16元", lambda: document(evaluation(
           indicators=replace_indicator(1, target="100万元", actual="80元"))))))
def money_unit_mismatch(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        for i in e.indicators:
            target, actual = value_of(i.target), value_of(i.actual)
            if target is None or actual is None or target.number is None or actual.number is None:
                continue
            if _MONEY_UNIT.fullmatch(target.unit) and _MONEY_UNIT.fullmatch(actual.unit) \
                    and target.unit != actual.unit:
                yield hit(ctx, e, [i.actual.where, i.where], indicator=i.name, expected=i.target.text,
                          actual=i.actual.text)



@check("S018", "missing-score", "有分值而未填写得分", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator}的分值为 {expected}，得分为空。请补填得分",
       "年度资金总额与总分行印有分值时应填写得分，否则总分无从核对。",
       examples=(OK, fails("总分得分为空", lambda: document(evaluation(total_score=None))),
                 fails("资金得分为空", lambda: document(evaluation(
                     funds=(fund("年度资金总额", "100", "100", "80", "10", "80.00%", None),), total_score="90")))))
def missing_score(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        rows = [(e.total_fund.item, e.total_fund.weight, e.total_fund.score, e.total_fund.where)] \
            if e.total_fund else []
        rows.append((Cell(text="总分"), e.total_weight, e.total_score, e.total_weight.where))
        for name, weight, score, at in rows:
            if weight.number and score.number is None:
                yield hit(ctx, e, [score.where, at], indicator=name, expected=weight.text, actual=None)


# ---------------------------------------------------------------- consistency within a document

RULES = tomllib.loads(Path(__file__).with_name("selfeval.toml").read_text("utf-8"))
_CODE = re.compile(r"^\d+\s*[-－—]\s*")


def rule(section: str, key: str) -> Decimal:
    """A threshold of ``selfeval.toml``, as Decimal."""
    return Decimal(str(RULES[section][key]))

_BLANK = re.compile(r"\s+")


def name_key(c: Cell) -> str:
    """A 主管部门 / 实施单位 name without its code (``303001-``) and spaces."""
    return _CODE.sub("", _BLANK.sub("", c.text or ""))


def edits(a: str, b: str) -> int:
    """Levenshtein distance: characters inserted, dropped or changed to turn ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def near(name: str, other: str) -> bool:
    """Is ``name`` a slip for ``other``: cut off (a prefix), or a character or two apart near the end?

    Names that part at the start name another place (``吴忠市`` / ``中卫市``…), and a name
    with its place left out (``市就业服务中心`` for ``怀化市就业服务中心``) is a short form.
    """
    if name == other or other.endswith(name) or name.endswith(other):
        return False
    shared = len(os.path.commonprefix([name, other]))
    return other.startswith(name) or (2 * shared >= min(len(name), len(other))
                                      and edits(name, other) <= rule("name_variant", "max_edits"))


def variants(names: list[str], exclude: frozenset[str] = frozenset()) -> dict[str, tuple[str, int]]:
    """Minority forms → (the more common form they are a slip for, how many tables print it)."""
    counts = Counter(n for n in names if n)
    out = {}
    for name, n in counts.items():
        major = next(((m, k) for m, k in counts.most_common() if k > n and near(name, m)), None)
        if major and name not in exclude:
            out[name] = major
    return out


def table_names(doc: Document) -> list[tuple[Cell, Cell]]:
    """(主管部门, 实施单位) of every table of the document: self-evaluations and targets."""
    return [(e.department, e.unit) for e in evaluations(doc)] + \
        [(t.department, t.unit) for t in doc.performance_targets]


def name_slips(doc: Document) -> Callable[[Cell, Cell], Iterator[dict[str, Any]]]:
    """The document's name slips, as a lookup: a table's (主管部门, 实施单位) → hit params.

    Departments are compared across the document; units within one department.
    """
    names = [(name_key(d), name_key(u)) for d, u in table_names(doc)]
    departments = variants([d for d, _ in names])
    exclude = frozenset(d for d, _ in names)   # a department printed as its own 实施单位 is no slip
    by_department: dict[str, list[str]] = {}
    for d, u in names:                       # one pass: a long document holds thousands of tables
        by_department.setdefault(d, []).append(u)
    units = {d: variants(us, exclude) for d, us in by_department.items()}

    def of(department: Cell, unit: Cell) -> Iterator[dict[str, Any]]:
        for field, c, found in (("主管部门", department, departments),
                                ("实施单位", unit, units.get(name_key(department), {}))):
            if name_key(c) in found:
                major, count = found[name_key(c)]
                yield {"at": [c.where], "expected": major, "actual": c.text, "count": count, "field": field}

    return of


@check("S019", "name-variant", "主管部门或实施单位名称与同文件其他表不一致", Severity.WARNING, "selfeval",
       "{table}（{project}）：{field}印为“{actual}”，同一文件中 {count} 张表印为“{expected}”。请核对名称",
       "同一主管部门下的同一单位，各表名称应一致；与多数表仅差一两个字或被截断的名称多为笔误或漏印。"
       "省去地名的简称不在此列。",
       examples=(
           passes("各表实施单位一致", lambda: document(*(replace(evaluation(), seq=n, unit=cell("就业服务局"))
                                                         for n in (1, 2, 3)))),
           passes("省去地名的简称", lambda: document(
               *(replace(evaluation(), seq=n, unit=cell("怀化市就业服务中心")) for n in (1, 2)),
               replace(evaluation(), seq=3, unit=cell("市就业服务中心")))),
           fails("“服务中心”对多数表的“服务局”", lambda: document(
               *(replace(evaluation(), seq=n, unit=cell("就业与创业服务局")) for n in (1, 2)),
               replace(evaluation(), seq=3, unit=cell("就业与创业服务中心")))),
           fails("名称被截断", lambda: document(
               *(replace(evaluation(), seq=n, unit=cell("人力资源和社会保障厅本级")) for n in (1, 2)),
               replace(evaluation(), seq=3, unit=cell("人力资源和社会保障厅本")))),
       ))
def name_variant(ctx: Context) -> Iterator[Hit]:
    slips = name_slips(ctx.document)
    for e in evaluations(ctx.document):
        for params in slips(e.department, e.unit):
            yield hit(ctx, e, **params)


def budget_of(row: FundRow) -> Cell:
    """全年预算数, or 年初预算数 where the former is blank."""
    return row.budget if row.budget.number is not None else row.initial


def execution_share(row: FundRow) -> Decimal | None:
    budget = budget_of(row).number
    return row.executed.number / budget if budget and row.executed.number is not None else None


def outputs(e: SelfEvaluation) -> list[Indicator]:
    """Output indicators that measure work done: 产出指标 other than 成本指标 (which follows the money)."""
    return [i for i in e.indicators if i.level1 == "产出指标" and i.level2 != "成本指标" and i.weight.number]


@check("S020", "outputs-full-despite-low-execution", "资金执行率很低而产出指标全部满分", Severity.WARNING,
       "selfeval",
       "{table}（{project}）：执行率仅 {actual}（{formula}），而 {count} 项产出指标（不含成本指标）全部得满分。请核对执行数或产出指标的完成值与得分",
       "资金大部分未执行，产出却全部如期完成，两者难以同时成立：请核对执行数或产出指标的完成值与得分。"
       "阈值见 checks/selfeval.toml。",
       examples=(OK, fails("执行 0 而数量指标满分", lambda: document(evaluation(
           funds=(fund("年度资金总额", "100", "100", "0", "10", "0.00%", "0"),), total_score="90")))))
def outputs_full_despite_low_execution(ctx: Context) -> Iterator[Hit]:
    floor = rule("execution_vs_outputs", "execution_floor")
    for e in evaluations(ctx.document):
        row, done = e.total_fund, outputs(e)
        share = execution_share(row) if row else None
        if row is None or share is None or share >= floor or not done:
            continue
        if all(i.score.number == i.weight.number for i in done):
            yield hit(ctx, e, [row.executed.where, row.where], expected=f"≥ {fmt(floor * HUNDRED)}%",
                      actual=f"{fmt(share * HUNDRED)}%", formula=f"{row.executed.text} ÷ {budget_of(row).text}",
                      count=len(done))


_SIGNS = frozenset("".join(COMPARATORS) + "＞＜＝≧≦")


def bare_comparator(text: str | None) -> bool:
    """Comparator signs alone (``≤``): the figure went elsewhere.

    Words alone are left out: ``达到`` is also a verdict (achieved), not a cut-off value.
    """
    t = _BLANK.sub("", text or "")
    return bool(t) and all(ch in _SIGNS for ch in t)


def value_cells(i: Indicator) -> tuple[tuple[str, Cell], ...]:
    return (("年度指标值", i.target), ("实际完成值", i.actual))


@check("S021", "bare-comparator", "指标值只有比较符号", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 的{which}只印“{actual}”，缺少数值{note}。请补全数值",
       "指标值或完成值只有“≤”“≥”之类的符号时无法衡量；多为数值错填到相邻一列，请补全。",
       examples=(OK, fails("成本指标指标值“≤”，数值印在实际值", lambda: document(evaluation(
           indicators=replace_indicator(1, target="≤", actual="100"))))))
def bare_comparator_value(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        for i in e.indicators:
            for which, c in value_cells(i):
                if bare_comparator(c.text):
                    note = f"（数值 {i.actual.text} 印在实际完成值一列？）" \
                        if which == "年度指标值" and i.actual.number is not None else ""
                    yield hit(ctx, e, [c.where, i.where], indicator=i.name, actual=c.text, which=which, note=note)


_YEAR = re.compile(r"(\d+)\s*年")


def odd_year(text: str | None, year: int | None) -> str | None:
    """The printed year of a date (as the value parser reads one) that is no plausible year."""
    if not text or parse_value(text).kind != "deadline" or not (m := _YEAR.match(text.strip())):
        return None
    printed = m.group(1)
    if len(printed) == 4 and (year is None or abs(int(printed) - year) <= rule("implausible_year", "year_span")):
        return None
    return printed


@check("S022", "implausible-year", "日期中的年份不合理", Severity.WARNING, "selfeval",
       "{table}（{project}）：{indicator} 的{which}“{actual}”中年份印为“{printed}”，不是合理的四位年份。请改为完整的四位年份",
       "时效指标的日期应写完整的四位年份（如 2024年12月31日前）；“024年”之类多为笔误，无法据以核对时效。",
       examples=(OK, fails("完成时间“024年12月31日前”", lambda: document(evaluation(
           indicators=INDICATORS + (indicator("产出指标", "时效指标", "完成时间", "024年12月31日前",
                                              "2024年12月", None, None, line=9),))))))
def implausible_year(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        for i in e.indicators:
            for which, c in value_cells(i):
                if (printed := odd_year(c.text, e.year)) is not None:
                    yield hit(ctx, e, [c.where, i.where], indicator=i.name, actual=c.text, which=which,
                              printed=printed)


_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")


def stated_amount(text: str | None) -> tuple[Decimal, str] | None:
    """The one amount a reason states, with its unit; ``None`` for none or several."""
    found = _AMOUNT.findall(text or "")
    if len(found) != 1:
        return None
    number, unit = found[0]
    return Decimal(number.replace(",", "")), unit


def plain_amount(i: Indicator) -> Value | None:
    """The actual as one plain amount (no comparator, no 约/余), with its money unit."""
    v, parsed = value_of(i.actual, i.name), parse_value(i.actual.text)
    if v is None or v.kind != "quantity" or parsed.comparator or parsed.approx or len(parsed.quantities) != 1:
        return None
    return v if _MONEY_UNIT.fullmatch(v.unit) else None


def reason_differs(i: Indicator) -> tuple[Value, Decimal] | None:
    """The reason's amount where it plausibly restates the actual yet differs from it.

    The amount must lie near the actual (a saving or an increase stated in the reason
    is far smaller) and be neither the target nor the gap between target and actual.
    """
    actual, stated = plain_amount(i), stated_amount(i.reason.text)
    if actual is None or not actual.number or stated is None or stated[1] != actual.unit:
        return None
    amount = stated[0]
    if not rule("reason_amount", "ratio_low") <= amount / actual.number <= rule("reason_amount", "ratio_high"):
        return None
    target = value_of(i.target, i.name)
    known = [actual.number]
    if target is not None and target.number is not None and target.unit in ("", actual.unit):
        known += [target.number, abs(target.number - actual.number)]
    slack = half_unit(min(places_of(amount), places_of(actual.number)))   # at the coarser printed precision
    return None if any(abs(amount - k) <= slack for k in known) else (actual, amount)


@check("S023", "reason-amount-differs", "偏差原因所述金额与实际完成值不符", Severity.INFO, "selfeval",
       "{table}（{project}）：{indicator} 实际完成值印为 {actual}，偏差原因却写 {expected}。请核对偏差原因或实际完成值",
       "偏差原因说明中的金额与同一单位的实际完成值不一致（如“中标价为9.77万元”而实际值印 9.97万元），"
       "多为笔误；仅在原因只写一个同单位金额、且它与实际值相近时提示。",
       examples=(
           OK,
           passes("原因写的是节约额", lambda: document(evaluation(
               indicators=replace_indicator(1, actual="80万元", reason="节约资金20万元")))),
           fails("中标价 78 万元而实际值 80 万元", lambda: document(evaluation(
               indicators=replace_indicator(1, actual="80万元", reason="项目中标价为78万元")))),
       ))
def reason_amount_differs(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx.document):
        for i in e.indicators:
            if (found := reason_differs(i)) is not None:
                actual, amount = found
                yield hit(ctx, e, [i.reason.where, i.where], indicator=i.name, actual=i.actual.text,
                          expected=f"{amount:f}{actual.unit}")
