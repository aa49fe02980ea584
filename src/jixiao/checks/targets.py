"""Checks of performance target tables (项目支出绩效目标表): codes T0xx.

A target table is approved with the budget; what it misses or gets wrong here is
what the self-evaluation will be measured against a year later.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from jixiao.checks.registry import Context, Example, Hit, check
from jixiao.checks.selfeval import SAMPLE, bare_comparator, cell, name_slips, odd_year, shown, value_of, where
from jixiao.checks.tolerance import ZERO, agrees, fmt, precision, sum_slack, total
from jixiao.model.document import Document
from jixiao.model.findings import Severity
from jixiao.model.provenance import Where
from jixiao.model.targets import PerformanceTarget, TargetFunds, TargetIndicator
from jixiao.model.values import Cell

REQUIRED_LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "服务对象满意度指标")


def hit(ctx: Context, t: PerformanceTarget, at: list[Where], indicator: Cell | None = None,
        expected: str | None = None, actual: str | None = None, formula: str | None = None,
        **params: Any) -> Hit:
    """A hit on target table ``t`` with project, table and place filled in."""
    project = t.project.text or "（未命名项目）"
    table = f"项目支出绩效目标表 {t.seq}"
    name = indicator.text if indicator is not None else None
    return Hit(where=where(ctx, *at, t.where), document_kind="performance_target", project=project,
               indicator=name, table=table, expected=expected, actual=actual, formula=formula,
               params={"project": project, "table": table, "indicator": name or "", "expected": shown(expected),
                       "actual": shown(actual), "formula": formula or "", **params})


# ---------------------------------------------------------------- examples


def target_indicator(level1: str, level2: str, name: str, value: str, line: int = 6) -> TargetIndicator:
    return TargetIndicator(level1=level1, level2=level2, name=cell(name, line), target=cell(value, line),
                           where=Where(SAMPLE, line=line))


TARGET_INDICATORS = (
    target_indicator("产出指标", "数量指标", "培训人数", "≥500 人", 6),
    target_indicator("产出指标", "质量指标", "培训合格率", "≥90%", 7),
    target_indicator("产出指标", "时效指标", "完成时间", "2024年12月31日前", 8),
    target_indicator("产出指标", "成本指标", "培训费", "60 万元", 9),
    target_indicator("产出指标", "成本指标", "教材费", "40 万元", 10),
    target_indicator("效益指标", "社会效益指标", "就业率", "≥90%", 11),
    target_indicator("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", 12),
)


def performance_target(indicators: tuple[TargetIndicator, ...] = TARGET_INDICATORS, annual: str = "100",
                       fiscal: str = "100", carryover: str = "0", project: str = "职业技能培训"
                       ) -> PerformanceTarget:
    """A small, consistent target table that an example changes in one place."""
    return PerformanceTarget(seq=1, year=2024, project=cell(project, 2), annual_total=cell(annual, 3),
                             funds=TargetFunds(fiscal=cell(fiscal, 4), other=cell("0", 4),
                                               carryover=cell(carryover, 4)),
                             goal=cell("培训 500 人", 5), indicators=indicators, where=Where(SAMPLE, line=1))


def targets_document(*targets: PerformanceTarget) -> Document:
    return Document(source=SAMPLE, performance_targets=targets)


OK = Example("一致的绩效目标表", lambda: targets_document(performance_target()), fails=False)

# ---------------------------------------------------------------- checks


@check("T001", "missing-level2", "缺少必设的二级指标", Severity.WARNING, "targets",
       "{table}（{project}）：缺少 {missing}",
       "绩效目标一般应设数量、质量、时效、成本和服务对象满意度指标，缺少则无从衡量该方面的绩效。"
       "表格被文件截断时（R006）不判断。",
       examples=(OK, Example("缺少时效指标", lambda: targets_document(performance_target(
           indicators=TARGET_INDICATORS[:2] + TARGET_INDICATORS[3:])), fails=True)))
def missing_level2(ctx: Context) -> Iterator[Hit]:
    for t in ctx.document.performance_targets:
        if not t.complete:
            continue                   # cut off by the end of the text: what follows is not missing
        present = [k for k in dict.fromkeys(i.level2 for i in t.indicators) if k]
        missing = [k for k in REQUIRED_LEVEL2 if k not in present]
        if missing:
            yield hit(ctx, t, [t.where], expected="、".join(REQUIRED_LEVEL2), actual="、".join(present) or None,
                      missing="、".join(missing))


def cost_amounts(t: PerformanceTarget) -> list[tuple[Cell, Decimal]] | None:
    """Cost targets as amounts in 万元; ``None`` where any is a unit rate or words."""
    out = []
    for i in t.indicators:
        if i.level2 != "成本指标":
            continue
        v = value_of(i.target, i.name)
        if v is None or v.number is None or v.unit != "万元":
            return None
        out.append((i.target, v.number))
    return out or None


@check("T002", "cost-vs-annual", "成本指标合计与年度资金总额不符", Severity.WARNING, "targets",
       "{table}（{project}）：成本指标合计 {actual} 万元，年度资金总额 {expected} 万元（{formula}）",
       "成本指标以金额列示时，应是年度资金的分解，合计等于年度资金总额。",
       examples=(OK, Example("成本 60 + 30 ≠ 100", lambda: targets_document(performance_target(
           indicators=TARGET_INDICATORS[:4] + (target_indicator("产出指标", "成本指标", "教材费", "30 万元"),)
           + TARGET_INDICATORS[5:])), fails=True)))
def cost_vs_annual(ctx: Context) -> Iterator[Hit]:
    for t in ctx.document.performance_targets:
        amounts = cost_amounts(t)
        if amounts is None or t.annual_total.number is None:
            continue
        s = sum((n for _, n in amounts), ZERO)
        if not agrees(t.annual_total, s, sum_slack([c for c, _ in amounts])):
            yield hit(ctx, t, [amounts[0][0].where, t.annual_total.where], expected=t.annual_total.text,
                      actual=fmt(s, 6), formula=" + ".join(c.text or "" for c, _ in amounts))


@check("T003", "fund-sources-sum", "资金来源之和不等于年度资金总额", Severity.ERROR, "targets",
       "{table}（{project}）：财政拨款 + 其他资金 + 结余结转资金 = {actual}，年度资金总额印为 {expected}",
       "年度资金总额应等于财政拨款、其他资金与上年结余结转资金之和（中央、自治区资金是财政拨款的细分）。"
       "表中未列其他资金和结转资金时（另列非税收入拨款等来源），合计不足不判断，超出仍判断。",
       examples=(OK, Example("财政拨款 90 ≠ 100", lambda: targets_document(performance_target(fiscal="90")),
                             fails=True),
                 Example("财政拨款未印（或未读出）：无从核对", lambda: targets_document(
                     performance_target(fiscal="")), fails=False),
                 Example("只印财政拨款 90：其余来源未列（如非税收入拨款），无从核对", lambda: targets_document(replace(
                     performance_target(fiscal="90"), funds=TargetFunds(fiscal=cell("90", 4)))), fails=False),
                 Example("只印地方资金 100", lambda: targets_document(replace(
                     performance_target(fiscal=""), funds=TargetFunds(regional=cell("100", 4), other=cell("0", 4)))),
                         fails=False)))
def fund_sources_sum(ctx: Context) -> Iterator[Hit]:
    for t in ctx.document.performance_targets:
        fiscal = fiscal_side(t.funds)
        if t.annual_total.number is None or fiscal is None:
            continue                     # the main source unknown: an empty cell is no zero
        parts = [*fiscal, t.funds.other, t.funds.carryover]
        s = total(parts)
        if s < (t.annual_total.number or s) and t.funds.other.empty and t.funds.carryover.empty:
            continue                     # short, and the form prints other sources than 其他资金 (非税收入拨款 …)
        if not agrees(t.annual_total, s, decimals=precision(parts + [t.annual_total])):
            yield hit(ctx, t, [t.annual_total.where], expected=t.annual_total.text, actual=fmt(s, 6),
                      formula=" + ".join(c.text or "0" for c in parts))


def fiscal_side(funds: TargetFunds) -> list[Cell] | None:
    """财政拨款, or where only its parts are printed (中央 / 地方、自治区资金) those; ``None``
    where none of them is known."""
    if funds.fiscal.number is not None:
        return [funds.fiscal]
    parts = [c for c in (funds.central, funds.regional) if c.number is not None]
    return parts or None


# ---------------------------------------------------------------- values and names (as S019, S021, S022)


def with_target(n: int, value: str) -> PerformanceTarget:
    """The sample target table with indicator ``n``'s value changed."""
    changed = replace(TARGET_INDICATORS[n], target=cell(value, TARGET_INDICATORS[n].where.line or 1))
    return performance_target(indicators=TARGET_INDICATORS[:n] + (changed,) + TARGET_INDICATORS[n + 1:])


@check("T004", "bare-comparator", "指标值只有比较符号", Severity.WARNING, "targets",
       "{table}（{project}）：{indicator} 的指标值只印“{actual}”，缺少数值",
       "指标值只有“≤”“≥”之类的符号时无法衡量，一年后的自评也无从比较；请补全数值。",
       examples=(OK, Example("教材费指标值“≤”", lambda: targets_document(with_target(4, "≤")), fails=True)))
def bare_comparator_target(ctx: Context) -> Iterator[Hit]:
    for t in ctx.document.performance_targets:
        for i in t.indicators:
            if bare_comparator(i.target.text):
                yield hit(ctx, t, [i.target.where, i.where], indicator=i.name, actual=i.target.text)


@check("T005", "implausible-year", "日期中的年份不合理", Severity.WARNING, "targets",
       "{table}（{project}）：{indicator} 的指标值“{actual}”中年份印为“{printed}”，不是合理的四位年份",
       "时效指标的日期应写完整的四位年份（如 2024年12月31日前）；“024年”之类多为笔误。",
       examples=(OK, Example("完成时间“024年12月31日前”", lambda: targets_document(
           with_target(2, "024年12月31日前")), fails=True)))
def implausible_year_target(ctx: Context) -> Iterator[Hit]:
    for t in ctx.document.performance_targets:
        for i in t.indicators:
            if (printed := odd_year(i.target.text, t.year)) is not None:
                yield hit(ctx, t, [i.target.where, i.where], indicator=i.name, actual=i.target.text,
                          printed=printed)


def with_unit(seq: int, unit: str) -> PerformanceTarget:
    return replace(performance_target(), seq=seq, department=cell("人力资源和社会保障厅"), unit=cell(unit))


@check("T006", "name-variant", "主管部门或实施单位名称与同文件其他表不一致", Severity.WARNING, "targets",
       "{table}（{project}）：{field}印为“{actual}”，同一文件中 {count} 张表印为“{expected}”",
       "同一主管部门下的同一单位，各表名称应一致；与多数表仅差一两个字或被截断的名称多为笔误或漏印"
       "（与自评表 S019 同一规则，一并计入同文件的自评表）。",
       examples=(
           OK,
           Example("“服务中心”对多数表的“服务局”", lambda: targets_document(
               with_unit(1, "就业与创业服务局"), with_unit(2, "就业与创业服务局"),
               with_unit(3, "就业与创业服务中心")), fails=True),
       ))
def name_variant_target(ctx: Context) -> Iterator[Hit]:
    slips = name_slips(ctx.document)
    for t in ctx.document.performance_targets:
        for params in slips(t.department, t.unit):
            yield hit(ctx, t, **params)
