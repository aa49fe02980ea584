"""Self-evaluation, target and linkage checks on small inline tables; tolerances from printed precision."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.checks.linkage import link_documents, project_key
from jixiao.checks.registry import run_checks
from jixiao.checks.selfeval import (
    bare_comparator,
    document,
    evaluation,
    fund,
    indicator,
    near,
    odd_year,
    replace_indicator,
    variants,
)
from jixiao.checks.targets import performance_target, targets_document
from jixiao.checks.tolerance import agrees, half_unit, precision, rounding, sum_slack
from jixiao.model import Cell, Document, Severity
from jixiao.model.selfeval import SelfEvaluation


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


def test_name_slips_and_short_forms() -> None:
    assert near("就业与创业服务中心", "就业与创业服务局")           # a character or two apart
    assert near("人力资源和社会保障厅本", "人力资源和社会保障厅本级")  # cut off
    assert not near("市就业服务中心", "怀化市就业服务中心")          # the place left out: a short form
    assert not near("职业技能鉴定指导中心", "工伤康复鉴定指导中心")    # another unit
    assert not near("吴忠市就业服务中心", "中卫市就业服务中心")        # another place
    assert variants(["甲服务局", "甲服务局", "甲服务中心"]) == {"甲服务中心": ("甲服务局", 2)}
    assert variants(["甲服务局", "甲服务中心"]) == {}                # a tie names no majority
    assert variants(["甲厅本级", "甲厅本级", "甲厅"], frozenset({"甲厅"})) == {}  # the department itself


def test_name_slips_are_counted_within_one_department() -> None:
    def table(seq: int, department: str, unit: str) -> SelfEvaluation:
        return replace(evaluation(), seq=seq, department=Cell.read(department), unit=Cell.read(unit))

    other = document(table(1, "中卫市人社局", "就业服务局"), table(2, "中卫市人社局", "就业服务局"),
                     table(3, "吴忠市人社局", "就业服务中心"))
    assert codes(other, "S019") == []
    coded = document(table(1, "303-甲厅", "303001-就业服务局"), table(2, "甲厅", "就业服务局"),
                     table(3, "甲厅", "就业服务中心"))
    (finding,) = run_checks(coded, only=["S019"])
    assert finding.expected == "就业服务局" and finding.actual == "就业服务中心" and "实施单位" in finding.message


def test_low_execution_looks_at_output_indicators_only() -> None:
    idle = (fund("年度资金总额", "100", "100", "30", "10", "30.00%", "3"),)
    assert codes(document(evaluation(funds=idle)), "S020") == ["S020"]
    short = replace_indicator(0, actual="300", score="18", reason="资金未到位")
    assert codes(document(evaluation(funds=idle, indicators=short)), "S020") == []
    cost_short = replace_indicator(1, actual="30", score="6")       # the cost indicator follows the money
    assert codes(document(evaluation(funds=idle, indicators=cost_short)), "S020") == ["S020"]
    half = (fund("年度资金总额", "100", "100", "50", "10", "50.00%", "5"),)
    assert codes(document(evaluation(funds=half)), "S020") == []     # at the floor of selfeval.toml


def test_bare_comparator_is_signs_alone() -> None:
    assert bare_comparator("≤") and bare_comparator(" ≥ ")
    assert not bare_comparator("≤93") and not bare_comparator("达到") and not bare_comparator(None)


def test_odd_years() -> None:
    assert odd_year("024年12月31日前", 2024) == "024"
    assert odd_year("2204年12月", 2024) == "2204"
    assert odd_year("2024年12月31日前", 2024) is None
    assert odd_year("2025年6月底前", None) is None
    assert odd_year("12月31日前", 2024) is None                     # no year printed: the parser's default
    assert odd_year("培训024人", 2024) is None                        # not a date


def test_reason_amount_only_where_it_restates_the_actual() -> None:
    def flagged(actual: str, reason: str, target: str = "100万元") -> bool:
        return codes(document(evaluation(indicators=replace_indicator(
            1, target=target, actual=actual, reason=reason))), "S023") == ["S023"]

    assert flagged("9.97万元", "项目中标价为9.77万元", "10万元")
    assert not flagged("9.97万元", "项目中标价为9.97万元", "10万元")
    assert not flagged("7.8万元", "不可预知费用增加4.3万元", "3.5万元")   # the gap to the target
    assert not flagged("80万元", "预算100万元，实际支出78万元")          # two amounts
    assert not flagged("9.99万元", "剩余70元不足支付", "10万元")         # another unit
    assert not flagged("≤80万元", "中标价为78万元")                       # not a plain amount
