"""Findings a reviewer can trust: one test for each false or debatable kind of issue 11."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.checks.linkage import link_documents
from jixiao.checks.registry import run_checks
from jixiao.checks.selfeval import INDICATORS, cell, document, evaluation, indicator, replace_indicator
from jixiao.checks.targets import TARGET_INDICATORS, performance_target, target_indicator
from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.render.interchange_in import from_interchange
from jixiao.score import score_document

LABELS = Path("/work/shared/labels")
if not LABELS.is_dir():
    LABELS = Path(__file__).resolve().parents[3] / "shared" / "labels"


def audit(doc: Document, only: list[str] | None = None) -> tuple[Finding, ...]:
    return run_checks(doc, score_document(doc), tier="all", only=only or [])


def codes(findings: tuple[Finding, ...], indicator_name: str | None = None) -> list[str]:
    return [f.code for f in findings if indicator_name is None or f.indicator == indicator_name]


@pytest.mark.skipif(not LABELS.is_dir(), reason="shared labels not available")
def test_seed_001_is_scored_with_cost_savings_pro_rata() -> None:
    data = json.loads(next(LABELS.glob("001_*.json")).read_text("utf-8"))
    cards = score_document(from_interchange(data, data["source"]))
    assert {c.ruleset for c in cards} == {"ningxia-2024"}
    assert all("宁夏" in c.choice and "依据" in c.choice for c in cards)


def test_within_the_tables_scoring_step_is_no_finding() -> None:
    """0.5 printed for 0.6 × 14 / 15.17 = 0.554 in a table that scores in tenths."""
    rows = INDICATORS + (indicator("产出指标", "数量指标", "咨询人次", "15.17", "14", "0.6", "0.5", line=9),
                         indicator("产出指标", "数量指标", "调研次数", "90", "45", "0.6", "0.3", "半数未开展", line=10))
    assert "S005" not in codes(audit(document(evaluation(indicators=rows))), "咨询人次")
    # the same 0.5 in a table that scores to the hundredth is a finding
    finer = rows[:-1] + (replace(rows[-1], score=cell("0.27", 10)),)
    assert "S005" in codes(audit(document(evaluation(indicators=finer))), "咨询人次")


def test_met_qualitative_target_scored_within_the_top_tier_is_no_finding() -> None:
    doc = document(evaluation(indicators=replace_indicator(2, target="有效提升", actual="有效提升", score="27")))
    assert "S005" not in codes(audit(doc))       # S010 may still ask for the reason of the deduction
    below = document(evaluation(indicators=replace_indicator(2, target="有效提升", actual="有效提升", score="20")))
    assert "S005" in codes(audit(below))           # 20 of 30 is below the tier's 80 %


def test_weight_printed_once_for_merged_rows_is_one_block() -> None:
    block = (indicator("产出指标", "数量指标", "培训人数（人）", "≥500", "520", "30", "30", line=5),
             indicator("产出指标", "数量指标", "培训期数", "≥5", "5", None, None, line=6))
    rows = block + INDICATORS[1:]
    findings = audit(document(evaluation(indicators=rows)))
    assert not [f for f in findings if f.indicator == "培训期数"], [f.message for f in findings]


def test_unit_scoring_itself_below_the_formula_with_a_reason_is_info() -> None:
    rows = replace_indicator(0, actual="450", score="20", reason="部分学员未参训，酌情扣分")
    found = [f for f in audit(document(evaluation(indicators=rows))) if f.code == "S005"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "写明了偏差原因" in found[0].message


def test_one_cell_raises_one_code() -> None:
    """Full marks though not met: S012 with the rule's score, not S005 as well; a shortfall
    without reason: S005 saying so, not S010 as well."""
    full = audit(document(evaluation(indicators=replace_indicator(0, actual="450"))))
    assert codes(full, "培训人数（人）") == ["S012"]
    assert "按《全国通用（财预〔2020〕10号）》规则应为 27" in next(f.message for f in full if f.code == "S012")
    short = audit(document(evaluation(indicators=replace_indicator(0, actual="450", score="20"))))
    assert codes(short, "培训人数（人）") == ["S005"]
    assert "未填写偏差原因" in next(f.message for f in short if f.code == "S005")


def test_repeats_of_one_kind_in_one_table_are_one_finding() -> None:
    """“完成” against sixteen targets of 1项: one S013 naming the others."""
    rows = tuple(indicator("产出指标", "数量指标", f"业务{n}", "1项", "完成", "5", "5", line=10 + n) for n in range(16))
    found = [f for f in audit(document(evaluation(indicators=rows))) if f.code == "S013"]
    assert len(found) == 1
    assert "同表另有 15 项同类" in found[0].message and "请" in found[0].message
    two = audit(document(evaluation(indicators=rows[:2])))
    assert len([f for f in two if f.code == "S013"]) == 2       # two are not a pattern yet


def test_every_rule_message_names_its_rule_set_and_says_what_to_do() -> None:
    doc = document(evaluation(indicators=replace_indicator(0, actual="450", score="20", reason="未达到"),
                              total_score="88"))
    for f in audit(doc, ["S005", "S012", "S024"]):
        assert "规则" in f.message and "请" in f.message, f.message


def test_total_over_its_maximum_is_a_finding() -> None:
    rows = replace_indicator(3, weight="21.9", score="21.9")
    found = [f for f in audit(document(evaluation(indicators=rows, total_weight=None, total_score="109.9")))
             if f.code == "S024"]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "109.9" in found[0].message and "超过满分 100" in found[0].message


@pytest.mark.skipif(not LABELS.is_dir(), reason="shared labels not available")
def test_003_department_total_109_90_is_flagged() -> None:
    data = json.loads(next(LABELS.glob("003_*.json")).read_text("utf-8"))
    doc = from_interchange(data, data["source"])
    found = [f for f in audit(doc, ["S024"]) if f.document_kind == "department_self_evaluation"]
    assert found and "109.9" in found[0].message


@pytest.mark.parametrize("evaluated, how", [("培训合格", "名称被截短"), ("培训及格率", "名称相差 1 个字")])
def test_linkage_matches_near_names_and_reports_a_rename(evaluated: str, how: str) -> None:
    targets = tuple(t for t in TARGET_INDICATORS if t.name.text != "培训合格率") + (
        target_indicator("产出指标", "质量指标", "培训合格率", "≥90%", 7),)
    rows = INDICATORS + (indicator("产出指标", "质量指标", evaluated, "≥90%", "95%", "0", "0", line=9),)
    doc = Document(source="示例.txt", project_self_evaluations=(evaluation(indicators=rows),),
                   performance_targets=(performance_target(targets),))
    found = link_documents([doc])[0]
    renamed = [f for f in found if f.code == "L004" and f.expected == "培训合格率"]
    assert len(renamed) == 1 and how in renamed[0].message and evaluated in renamed[0].message
    assert not [f for f in found if f.code == "L003" and f.indicator == "培训合格率"]


def test_a_different_indicator_is_still_dropped() -> None:
    rows = INDICATORS + (indicator("产出指标", "质量指标", "教材发放率", "≥90%", "95%", "0", "0", line=9),)
    doc = Document(source="示例.txt", project_self_evaluations=(evaluation(indicators=rows),),
                   performance_targets=(performance_target(),))
    assert "培训合格率" in [f.indicator for f in link_documents([doc])[0] if f.code == "L003"]


def test_where_two_plausible_rule_sets_disagree_the_finding_is_info() -> None:
    """A qualitative 16 of 30: outside 80–60 % (national, 18–24), inside 80–50 % (15–24, a rule
    set that fits almost as well); the finding says both and stays an info."""
    from jixiao.checks.registry import Context, iter_findings
    from jixiao.score.ruleset import choose, load_ruleset

    national, jinan = load_ruleset("national-2020"), load_ruleset("shandong-jinan-2019")
    doc = document(evaluation(indicators=replace_indicator(2, target="有效提升", actual="基本完成", score="16")))
    e = doc.project_self_evaluations[0]
    choice = choose(e, (national, replace(jinan, regions=())))
    assert choice.ruleset.name == "national-2020" and choice.runner_up is not None
    card = score_document(doc, "national-2020")[0]
    rival = score_document(doc, "shandong-jinan-2019")[0]
    card = replace(card, rival=rival.ruleset, rival_title=rival.ruleset_title,
                   rival_lines=tuple((x.exact, x.low, x.high) for x in rival.lines))
    found = [f for f in iter_findings(Context(document=doc, scorecards=(card,)), "all", ["S005"])]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "两种规则在此不同" in found[0].message and "--ruleset" in found[0].message


def test_missing_actual_and_its_missing_reason_are_one_finding() -> None:
    found = audit(document(evaluation(indicators=replace_indicator(0, actual=None, score="0"))))
    assert codes(found, "培训人数（人）") == ["S009"]
    assert "也未说明原因" in next(f.message for f in found if f.code == "S009")
