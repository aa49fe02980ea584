"""Self-evaluation, target and linkage checks on small inline tables; tolerances from printed precision."""

from __future__ import annotations

from decimal import Decimal

from jixiao.checks.linkage import link_documents, project_key
from jixiao.checks.registry import run_checks
from jixiao.checks.selfeval import document, evaluation, fund, indicator, replace_indicator
from jixiao.checks.targets import performance_target, targets_document
from jixiao.checks.tolerance import agrees, half_unit, precision, rounding, sum_slack
from jixiao.model import Cell, Document, Severity


def codes(doc: Document, *only: str) -> list[str]:
    return [f.code for f in run_checks(doc, tier="all", only=only)]


def test_half_unit_follows_printed_digits() -> None:
    assert half_unit(2) == Decimal("0.005")
    assert half_unit(0) == Decimal("0.5")
    assert agrees(Cell.read("19.50%"), Decimal("19.495"))       # 38.99 / 200, printed rounded
    assert not agrees(Cell.read("4.04"), Decimal("4.05"))
    assert agrees(Cell.read("94%"), Decimal("93.70"))            # a whole percent stands for 93.5–94.5


def test_integers_among_decimals_are_exact() -> None:
    cells = [Cell.read("4.88"), Cell.read("10"), Cell.read("5")]
    assert precision(cells) == 2
    assert sum_slack(cells) == Decimal("0.015")
    assert sum_slack([Cell.read("9"), Cell.read("10")]) == 0      # whole scores are exact
    assert rounding([Decimal("430"), Decimal("16.3")]) == Decimal("0.1")


def test_total_off_by_rounding_is_info_and_beyond_is_error() -> None:
    rounded = document(evaluation(funds=(fund("年度资金总额", "100", "100", "80.5", "10", "80.50%", "8.05"),),
                                  total_score="98.04"))
    (finding,) = run_checks(rounded, only=["S001"])
    assert finding.severity is Severity.INFO and finding.expected == "98.05"
    (finding,) = run_checks(document(evaluation(total_score="97")), only=["S001"])
    assert finding.severity is Severity.ERROR and finding.formula == "8 + 30 + 20 + 30 + 10"
    assert finding.where.file == "示例.txt" and finding.where.line == 9


def test_rate_against_initial_budget_says_so() -> None:
    doc = document(evaluation(funds=(fund("年度资金总额", "30", "27.97", "27.97", "10", "93.23%", "9"),)))
    (finding,) = run_checks(doc, only=["S006"])
    assert "年初预算数" in finding.message and finding.expected == "100%"
    assert finding.project == "职业技能培训" and finding.indicator == "年度资金总额"


def test_fund_score_uses_rounded_printed_rate() -> None:
    ok = document(evaluation(funds=(fund("年度资金总额", "990", "990", "927.65", "10", "94%", "9.37"),),
                             total_score="99.37"))
    assert codes(ok, "S006", "S007") == []
    off = document(evaluation(funds=(fund("年度资金总额", "43.25", "43.25", "27.09", "10", "62.64%", "6.2"),),
                              total_score="96.2"))
    assert codes(off, "S007") == ["S007"]


def test_empty_fund_rows_count_as_zero_once_a_breakdown_is_printed() -> None:
    head = fund("年度资金总额", "16.8", "16.8", "15.19")
    empty = fund("其中：当年财政拨款", None, None, None)
    other = fund("其他资金", "16.8", "16.8", None)
    assert codes(document(evaluation(funds=(head, empty, other))), "S008") == ["S008"]
    assert codes(document(evaluation(funds=(head, empty))), "S008") == []


def test_cost_actuals_checked_only_when_costs_break_down_the_budget() -> None:
    over = replace_indicator(1, actual="100")
    assert codes(document(evaluation(indicators=over)), "S016") == ["S016"]
    unit_rate = replace_indicator(1, target="450元/人/天", actual="450元/人/天")
    assert codes(document(evaluation(indicators=unit_rate)), "S016") == []


def test_missing_actual_with_full_marks_is_one_finding() -> None:
    doc = document(evaluation(indicators=replace_indicator(2, actual=None, reason="指标已取消")))
    assert codes(doc, "S009", "S012") == ["S009"]
    assert "满分" in run_checks(doc, only=["S009"])[0].message


def test_reverse_and_cost_indicators_are_not_over_achievement() -> None:
    ceiling = indicator("效益指标", "社会效益指标", "城镇登记失业率", "控制在4.5%以内", "1.9%", "30", "30")
    saving = replace_indicator(1, actual="50")
    doc = document(evaluation(indicators=saving[:2] + (ceiling,) + saving[3:]))
    assert codes(doc, "S011") == []


def test_heading_points_use_level1_of_each_indicator() -> None:
    doc = document(evaluation(headings=(("产出指标", "50"), ("满意度指标", "5"))))
    (finding,) = run_checks(doc, only=["S003"])
    assert finding.expected == "5" and finding.actual == "10"


def test_targets_fund_sources_and_costs() -> None:
    assert codes(targets_document(performance_target()), "T001", "T002", "T003") == []
    assert codes(targets_document(performance_target(fiscal="90")), "T003") == ["T003"]


def test_project_names_match_across_documents() -> None:
    assert project_key("就业创业服务补贴(就业补助资金)") == project_key("就业创业服务补贴")
    assert project_key("创业（网络创业）师资培训费") == project_key("创业(网络创业)师资培训费(就业补助资金)")


def test_linkage_runs_across_the_documents_of_one_run() -> None:
    changed = evaluation(funds=(fund("年度资金总额", "90", "90", "72", "10", "80.00%", "8"),))
    evaluations = Document(source="自评.txt", project_self_evaluations=(changed,))
    targets = Document(source="目标.txt", performance_targets=(performance_target(),))
    assert run_checks(evaluations, only=["L001"]) == ()          # alone, nothing to compare with
    on_evaluations, on_targets = link_documents([evaluations, targets])
    assert [f.code for f in on_evaluations if f.code == "L001"] == ["L001"]
    assert "目标.txt" in next(f.message for f in on_evaluations if f.code == "L001")
    assert on_targets == ()
