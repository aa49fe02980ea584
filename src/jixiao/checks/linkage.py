"""Targets ↔ self-evaluations of the same project: codes L0xx.

The approved targets (绩效目标表) and the self-evaluation a year later are usually
published in different documents; an audit run compares every self-evaluation with
the targets of the same project found anywhere in the run (``Context.corpus``).
Changes are legitimate when approved, so they are reported for explanation, not as errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.checks.registry import Context, Example, Hit, all_checks, check, iter_findings
from jixiao.checks.selfeval import INDICATORS, SAMPLE, edits, evaluation, fund, grouped, hit, indicator, rule
from jixiao.checks.targets import TARGET_INDICATORS, performance_target
from jixiao.checks.tolerance import fmt
from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.model.selfeval import FundRow, Indicator, SelfEvaluation
from jixiao.model.targets import PerformanceTarget, TargetIndicator
from jixiao.model.values import Cell

_WIDTH = str.maketrans("（）：，", "():,")
_SPACE = re.compile(r"\s+")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_PREFIX = re.compile(r"^指标\s*\d+\s*[:：]\s*")


def project_key(name: str | None) -> str:
    """A project's name for matching: widths unified, spaces and a trailing ``(就业补助资金)`` dropped."""
    key = _SPACE.sub("", (name or "").translate(_WIDTH))
    return _TRAILING_NOTE.sub("", key) or key


def indicator_key(name: str | None) -> str:
    return _PREFIX.sub("", _SPACE.sub("", (name or "").translate(_WIDTH)))


def value_key(text: str | None) -> str:
    return _SPACE.sub("", (text or "").translate(_WIDTH))


def pairs(ctx: Context) -> Iterator[tuple[SelfEvaluation, PerformanceTarget, Document]]:
    """Each project self-evaluation of this document with the targets of the same project and year."""
    docs = [ctx.document] + [d for d in ctx.corpus if d is not ctx.document]
    targets = [(t, d) for d in docs for t in d.performance_targets]
    for e in ctx.document.project_self_evaluations:
        key = project_key(e.project.text)
        for t, d in targets:
            same_year = e.year is None or t.year is None or e.year == t.year
            if key and project_key(t.project.text) == key and same_year:
                yield e, t, d


def origin(t: PerformanceTarget, d: Document) -> str:
    line = f" 第{t.where.line}行" if t.where.line else ""
    return f"{d.source}{line} 绩效目标表 {t.seq}"


# ---------------------------------------------------------------- examples


def linked(e: SelfEvaluation, t: PerformanceTarget) -> Document:
    return Document(source=SAMPLE, project_self_evaluations=(e,), performance_targets=(t,))


def consistent() -> Document:
    """Targets and a self-evaluation that agree: amounts 100, the same indicators and values."""
    same = tuple(indicator(i.level1 or "", i.level2 or "", i.name.text or "", i.target.text,
                           i.target.text, "10", "10") for i in TARGET_INDICATORS)
    return linked(evaluation(indicators=same), performance_target())


OK = Example("目标与自评一致", consistent, fails=False)

# ---------------------------------------------------------------- checks


def fund_line(e: SelfEvaluation, prefix: str) -> FundRow | None:
    return next((r for r in e.funds if (r.item.text or "").startswith(prefix)), None)


def planned_amount(row: FundRow) -> Cell:
    """What the evaluation says was planned: 年初预算数, or 全年预算数 where that is blank."""
    return row.initial if row.initial.number is not None else row.budget


@check("L001", "amount-changed", "项目资金与绩效目标表不一致", Severity.WARNING, "linkage",
       "{table}（{project}）：年度资金 {actual} 万元，绩效目标表（{origin}）为 {expected} 万元{note}",
       "自评表的年度资金（年初预算数）应与批复的绩效目标表一致；调整应有批复并在自评中说明。",
       examples=(OK, Example("目标 100 万元，自评 90 万元", lambda: linked(
           evaluation(funds=(fund("年度资金总额", "90", "90", "72", "10", "80.00%", "8"),)),
           performance_target()), fails=True)))
def amount_changed(ctx: Context) -> Iterator[Hit]:
    for e, t, d in pairs(ctx):
        row, planned = e.total_fund, t.annual_total.number
        if row is None or planned is None or planned_amount(row).number is None:
            continue
        printed = planned_amount(row)
        amount: Decimal = printed.number  # type: ignore[assignment]
        if amount == planned:
            continue
        carry = fund_line(e, "上年结转")
        carried = planned_amount(carry).number if carry else None
        explained = carried is not None and planned + carried == amount
        note = f"；差额 {fmt(amount - planned)} 为上年结转资金" if explained else ""
        yield hit(ctx, e, [printed.where, row.where], expected=t.annual_total.text, actual=printed.text,
                  formula=f"{printed.text} − {t.annual_total.text} = {fmt(amount - planned)}",
                  severity=Severity.INFO if explained else None, origin=origin(t, d), note=note)


def renamed(target: str, evaluated: str) -> str | None:
    """How an evaluated indicator's name departs from its target's, if it is the same indicator.

    Cut short (one name begins the other, at least ``min_prefix`` characters) or a few
    characters apart (at most ``max_edits``, in a name at least ``min_length`` long):
    thresholds in ``selfeval.toml`` [linkage].
    """
    if not target or not evaluated or target == evaluated:
        return None
    shorter = min(len(target), len(evaluated))
    if shorter >= rule("linkage", "min_prefix") and (target.startswith(evaluated) or evaluated.startswith(target)):
        return "名称被截短" if len(evaluated) < len(target) else "名称有增补"
    if shorter >= rule("linkage", "min_length") and edits(target, evaluated) <= rule("linkage", "max_edits"):
        return f"名称相差 {edits(target, evaluated)} 个字"
    return None


def indicator_pairs(e: SelfEvaluation, t: PerformanceTarget
                    ) -> Iterator[tuple[TargetIndicator, Indicator | None, str | None]]:
    """Each target indicator with its evaluated indicator: the same name first, then a name cut
    short or a character or two apart (with how it differs), else ``None``."""
    found = {(i.level2, indicator_key(i.name.text)): i for i in e.indicators}
    exact = {(ti.level2, indicator_key(ti.name.text)) for ti in t.indicators}
    spare = [i for i in e.indicators if (i.level2, indicator_key(i.name.text)) not in exact]
    for ti in t.indicators:
        key = (ti.level2, indicator_key(ti.name.text))
        if key in found:
            yield ti, found[key], None
            continue
        near = [(i, how) for i in spare
                if (i.level2 == ti.level2 or not i.level2 or not ti.level2)
                and (how := renamed(key[1], indicator_key(i.name.text))) is not None]
        if len(near) == 1:            # a unique near name; two candidates are no match
            spare.remove(near[0][0])
            yield ti, near[0][0], near[0][1]
        else:
            yield ti, None, None


@check("L002", "target-value-changed", "指标值与绩效目标表不一致", Severity.INFO, "linkage",
       "{table}（{project}）：{indicator} 的指标值为 {actual}，绩效目标表（{origin}）为 {expected}",
       "自评表的年度指标值应是批复的绩效目标值；改动应有调整批复。",
       examples=(OK, Example("满意度 ≥90% 改为 ≥85%", lambda: linked(
           evaluation(indicators=INDICATORS[:3] + (indicator(
               "满意度指标", "服务对象满意度指标", "学员满意度", "≥85%", "95%", "10", "10"),)),
           performance_target()), fails=True)))
def target_value_changed(ctx: Context) -> Iterator[Hit]:
    for e, t, d in pairs(ctx):
        for ti, i, _ in indicator_pairs(e, t):
            if i is not None and ti.target.text and value_key(ti.target.text) != value_key(i.target.text):
                yield hit(ctx, e, [i.target.where, i.where], indicator=i.name, expected=ti.target.text,
                          actual=i.target.text or "（空）", origin=origin(t, d))


@check("L003", "indicator-dropped", "绩效目标表的指标未出现在自评表中", Severity.INFO, "linkage",
       "{table}（{project}）：绩效目标表（{origin}）的 {level2} {indicator}（{expected}）在自评表中找不到。"
       "请补评该指标，或说明删除、合并的理由{more}",
       "自评应逐项评价批复的绩效指标；指标改名、删除或合并应说明。",
       examples=(OK, Example("目标表有“培训合格率”，自评没有", lambda: linked(
           evaluation(), performance_target()), fails=True)))
def indicator_dropped(ctx: Context) -> Iterator[Hit]:
    for e, t, d in pairs(ctx):
        yield from grouped(hit(ctx, e, [e.where], indicator=ti.name, expected=ti.target.text, actual=None,
                               origin=origin(t, d), level2=ti.level2 or "")
                           for ti, i, _ in indicator_pairs(e, t) if i is None and ti.name.text)


@check("L004", "indicator-renamed", "自评表的指标名称与绩效目标表不同", Severity.INFO, "linkage",
       "{table}（{project}）：绩效目标表（{origin}）的 {level2} “{expected}” 在自评表中印为“{actual}”（{how}）。"
       "如为同一指标，请统一名称；如已调整，请说明{more}",
       "自评表沿用绩效目标表的指标时名称应一致；仅被截短或相差一两个字的名称按同一指标比对，并提示改名。",
       examples=(OK, Example("“培训合格率”印为“培训合格”", lambda: linked(
           evaluation(indicators=INDICATORS + (indicator("产出指标", "质量指标", "培训合格", "≥90%", "95%", "0", "0"),)),
           performance_target()), fails=True)))
def indicator_renamed(ctx: Context) -> Iterator[Hit]:
    for e, t, d in pairs(ctx):
        yield from grouped(hit(ctx, e, [i.name.where, i.where], indicator=i.name, expected=ti.name.text,
                               actual=i.name.text, origin=origin(t, d), level2=ti.level2 or "", how=how)
                           for ti, i, how in indicator_pairs(e, t) if i is not None and how)



def link_documents(documents: Sequence[Document], tier: str = "default") -> tuple[tuple[Finding, ...], ...]:
    """Linkage findings of each document against every document of one audit run."""
    codes = [c.code for c in all_checks().values() if c.area == "linkage"]
    corpus = tuple(documents)
    return tuple(tuple(iter_findings(Context(document=d, corpus=corpus), tier, only=codes)) for d in documents)
