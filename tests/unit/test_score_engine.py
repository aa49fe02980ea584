"""The scoring engine on small self-evaluations written inline as tuples."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import (
    Cell,
    Document,
    EvaluationKind,
    FundRow,
    Indicator,
    LevelHeading,
    SelfEvaluation,
    Where,
)
from jixiao.score import Scorecard, score_document, score_evaluation

D = Decimal
Row = tuple[str, str, str, str | None, str | None, str | None, str | None]


def cell(text: str | None, line: int = 0) -> Cell:
    return Cell.read(text, Where("t.txt", line=line or None))


def evaluation(rows: list[Row], fund: tuple[str | None, ...] | None = ("100", "100", "10", "10"),
               total: str | None = None, method: str | None = None, department: str = "某局",
               headings: tuple[tuple[str, str], ...] = (), year: int = 2024) -> SelfEvaluation:
    """(level1, level2, name, target, actual, weight, score) rows; fund = (budget, executed, weight, score)."""
    funds: tuple[FundRow, ...] = ()
    if fund is not None:
        budget, executed, weight, score = fund
        funds = (FundRow(item=cell("年度资金总额"), budget=cell(budget), executed=cell(executed),
                         weight=cell(weight), score=cell(score), where=Where("t.txt", line=5)),)
    indicators = tuple(
        Indicator(level1=l1, level2=l2, name=cell(name), target=cell(a), actual=cell(b), weight=cell(w),
                  score=cell(s), where=Where("t.txt", line=10 + i))
        for i, (l1, l2, name, a, b, w, s) in enumerate(rows))
    return SelfEvaluation(kind=EvaluationKind.PROJECT, seq=1, year=year, project=cell("项目"),
                          department=cell(department), funds=funds, indicators=indicators,
                          headings=tuple(LevelHeading(k, cell(v)) for k, v in headings),
                          total_score=cell(total), method=cell(method))


def one(row: Row, ruleset: str = "national-2020", **kw: object) -> Scorecard:
    return score_evaluation(evaluation([row], **kw), ruleset)  # type: ignore[arg-type]


QTY = ("产出指标", "数量指标")
COST = ("产出指标", "成本指标")


def test_execution_rate_times_weight() -> None:
    card = one((*QTY, "x", "1", "1", "5", "5"), fund=("990", "927.65", "10", "9.37"))
    line = card.fund_line
    assert line is not None
    assert (line.method, line.computed, line.formula) == ("execution", D("9.37"), "10 × 93.70% = 9.37")
    assert line.agrees and line.index == -1 and line.where.line == 5
    assert line.derived is not None and line.derived.rule == "score.execution"


def test_execution_capped_at_weight() -> None:
    line = one((*QTY, "x", "1", "1", "5", "5"), fund=("100", "120", "10", "10")).fund_line
    assert line is not None and line.computed == D(10)


def test_no_fund_line_where_the_rule_gives_no_points() -> None:
    card = one((*QTY, "x", "1", "1", "5", "5"), ruleset="zhongwei-bureau-2024", fund=("60", "59.82", None, None))
    assert card.fund_line is None


@pytest.mark.parametrize("target, actual, weight, method, computed, formula", [
    ("≥1500", "1464", "5", "positive", "4.88", "5 × 1464 / 1500 = 4.88"),
    ("928", "31.51", "4", "positive", "0.14", "4 × 31.51 / 928 = 0.14"),
    ("≥98%", "≥98%", "4", "reached", "4", "得满分 4"),
    ("≥90", "97.91", "4", "reached", "4", "得满分 4"),
    ("600 件", "600 余件", "5", "reached", "5", "得满分 5"),
    ("≤60日", "75日", "10", "reverse", "8.00", "10 × 60 / 75 = 8.00"),
    ("≤60日", "45日", "10", "reached", "10", "得满分 10"),
    ("≥45000人次", "4.27万人次", "5", "positive", "4.74", "5 × 42700 / 45000 = 4.74"),
    ("60 人，3 天", "90 人，3 天", "10", "reached", "10", "得满分 10"),
])
def test_quantitative(target: str, actual: str, weight: str, method: str, computed: str, formula: str) -> None:
    line = one((*QTY, "x", target, actual, weight, None)).indicator_lines[0]
    assert (line.method, line.computed, line.formula) == (method, D(computed), formula)
    assert line.target is not None and line.target.text == target
    assert line.where.line == 10


def test_cost_reverse_only_in_the_national_set() -> None:
    under = one((*COST, "x", "10.65万元", "9.99万元", "4", "4")).indicator_lines[0]
    over = one((*COST, "x", "6.60万元", "7.44万元", "4", "3.55")).indicator_lines[0]
    assert (under.method, under.computed) == ("reached", D(4))
    assert (over.method, over.computed, over.formula) == ("cost", D("3.55"), "4 × 6.60 / 7.44 = 3.55")


def test_cost_both_directions_in_the_002_set() -> None:
    line = one((*COST, "x", "10.65万元", "9.99万元", "4", "3.75"),
               ruleset="zhongwei-bureau-2024").indicator_lines[0]
    assert (line.method, line.computed, line.formula) == ("cost", D("3.75"), "4 × 9.99 / 10.65 = 3.75")
    assert line.agrees


def test_over_achievement_is_noted() -> None:
    line = one((*QTY, "国安办公系统软件", "35套", "48套", "0.6", "0.4")).indicator_lines[0]
    assert line.method == "reached" and line.computed == D("0.6") and line.agrees is False
    assert line.notes and "超额完成" in line.notes[0]


@pytest.mark.parametrize("ruleset, actual, method, low, high", [
    ("national-2020", "基本完成", "qualitative", "6.0", "8.0"),
    ("zhongwei-bureau-2024", "基本完成", "qualitative", "5.0", "8.0"),
    ("national-2020", "未完成", "qualitative", "0.0", "6.0"),
    ("national-2020", "效果显著", "qualitative", "8.0", "10.0"),   # met: the top tier, whose share is chosen
])
def test_qualitative_tiers(ruleset: str, actual: str, method: str, low: str | None, high: str | None) -> None:
    line = one(("效益指标", "社会效益指标", "x", "效果显著", actual, "10", "7"), ruleset=ruleset).indicator_lines[0]
    assert line.method == method
    assert line.low == (D(low) if low else None) and line.high == (D(high) if high else None)
    if method == "qualitative":
        assert line.in_range is (D(low or 0) <= D(7) <= D(high or 0))


def test_qualitative_without_level_words_is_judgement() -> None:
    line = one(("效益指标", "社会效益指标", "x", "效果显著", "创业带动就业 4208 人", "5", "5")).indicator_lines[0]
    assert (line.method, line.computed, line.agrees) == ("judgement", None, None)
    assert "评价人" in line.explanation


@pytest.mark.parametrize("actual, method", [
    ("2024年12月20日", "reached"), ("2025年1月15日", "judgement"), ("按时完成", "reached"), ("", "not_computable"),
])
def test_deadlines(actual: str, method: str) -> None:
    line = one(("产出指标", "时效指标", "完成时间", "2024年12月31日前", actual or None, "10", "10")).indicator_lines[0]
    assert line.method == method


def test_missing_weight_or_actual_is_not_computable() -> None:
    card = score_evaluation(evaluation([(*QTY, "a", "10人", None, "5", "0"), (*QTY, "b", "1项", "1项", None, "3")]),
                            "national-2020")
    assert [x.method for x in card.indicator_lines] == ["not_computable", "not_computable"]


def test_merged_block_scored_on_its_first_row() -> None:
    card = score_evaluation(evaluation([
        (*QTY, "a", "3.9万", "4.03万", "15", "15"),
        (*QTY, "b", "控制在4.5%以内", "1.9%", None, None),
        (*QTY, "c", "32.8万", "32.81万人", None, None),
    ]), "national-2020")
    lead, *rest = card.indicator_lines
    assert (lead.method, lead.computed) == ("reached", D(15))
    assert [x.method for x in rest] == ["not_computable", "not_computable"]


def test_totals_and_grade() -> None:
    card = score_evaluation(evaluation([
        (*QTY, "a", "≥1500", "1464", "45", "43.92"),
        ("效益指标", "社会效益指标", "b", "效果显著", "效果显著", "45", "40"),
    ], fund=("500", "193.74", "10", "3.87"), total="87.79"), "national-2020")
    assert card.total_printed == D("87.79")
    assert card.total_computed == D("87.79")
    assert card.total_recomputed == D("92.79")         # 3.8748 + 43.92 + 45
    assert card.grade == "良"
    assert card.weights[0] == ("执行率", D(10))
    assert dict(card.printed_weights) == {"执行率": D(10), "产出指标": D(45), "效益指标": D(45)}


def test_grade_from_computed_when_no_total_printed() -> None:
    card = one((*QTY, "a", "1", "1", "90", "55"), fund=("1", "1", "10", "10"))
    assert card.total_printed is None and card.grade == "中"


def test_document_scores_project_then_department_tables() -> None:
    p = evaluation([(*QTY, "a", "1", "1", "90", "90")])
    d = evaluation([(*QTY, "a", "1", "1", "90", "90")])
    doc = Document(source="t.txt", project_self_evaluations=(p,), department_self_evaluations=(d,))
    cards = score_document(doc)
    assert [c.evaluation for c in cards] == [p, d]
    assert cards[0].evaluation is p


pieces = st.sampled_from([*"0123456789.%≥≤<>年月日前万元人项，", "以上", "以内", "效果显著", "未", "基本"])
values = st.one_of(st.none(), st.lists(pieces, max_size=8).map("".join))


@given(values, values, values, values, st.sampled_from(["national-2020", "zhongwei-bureau-2024"]),
       st.sampled_from([QTY, COST, ("效益指标", "社会效益指标")]))
@settings(max_examples=300, deadline=None)
def test_scoring_never_raises(target: str | None, actual: str | None, weight: str | None, score: str | None,
                              ruleset: str, level: tuple[str, str]) -> None:
    card = one((*level, "x", target, actual, weight, score), ruleset=ruleset, fund=(weight, actual, weight, score))
    for line in card.lines:
        assert line.computed is None or line.weight is None or line.computed <= line.weight
