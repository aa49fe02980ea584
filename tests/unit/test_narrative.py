"""The 情况说明: parsing stated figures, recomputing percentages, and writing sections 一 to 七."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.checks.narrative import parse
from jixiao.checks.registry import run_checks
from jixiao.model.accounts import NarrativeFact
from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.model.values import Cell
from jixiao.render.accounts_in import final_accounts_from_json
from jixiao.render.narrative import prior_from, render_narrative

FIVE = "五、一般公共预算财政拨款支出决算情况说明"


def fact(subject: str, share: str | None = None, sentence: str = "") -> NarrativeFact:
    return NarrativeFact(section=FIVE, subject=subject, value=Cell.read("1"), unit="元",
                         share=Cell.read(share), sentence=sentence)


@pytest.mark.parametrize(("subject", "share", "key", "measure", "rate"), [
    ("社会保障和就业支出年初预算", None, "社会保障和就业", "budget", None),
    ("社会保障和就业支出决算（完成年初预算）", "175", "社会保障和就业", "actual", "completion"),
    ("社会保障和就业支出决算", "175", "社会保障和就业", "actual", "completion"),      # as a reader names it
    ("社会保障和就业支出", "94.66", "社会保障和就业", "actual", "share"),
    ("收、支总计各增加", "11.18", "收、支总计", "change", "change"),
    ("工资福利支出较2024年度年初预算数增加", "9.38", "工资福利", "change", "change"),
    ("“三公”经费与上年相比减少", "18.3", "“三公”经费", "change", "change"),
    ("3、公务用车购置费及运行维护费支出决算", None, "公务用车购置及运行维护费", "actual", None),
    ("年初预算", None, "", "budget", None),                                              # subject lost
])
def test_parse(subject: str, share: str | None, key: str, measure: str, rate: str | None) -> None:
    s = parse(fact(subject, share), 0)
    assert (s.key, s.measure, s.rate) == (key, measure, rate)


def test_share_names_its_total_in_the_sentence() -> None:
    s = parse(fact("一般公共预算财政拨款支出", "99.01", "2024 年度一般公共预算财政拨款支出 441719025.78 元，占本年支出合计的 99.01 %。"), 0)
    assert s.of == "本年支出合计"


def audit(facts: list[tuple[str, str, float, float | None]], unit: str = "元", **tables: Any) -> list[Finding]:
    data = {"year": 2023, "department": "某中心", "amount_unit": unit, "tables": tables,
            "narrative_facts": [{"section": s, "subject": k, "value": v, "unit": unit, "share": p}
                                for s, k, v, p in facts]}
    doc = Document(source="t", final_accounts=(final_accounts_from_json(data, "t"),))
    return [f for f in run_checks(doc, tier="all") if f.code.startswith("N")]


def test_truncated_percentage_is_a_warning_with_the_right_figure() -> None:
    found = audit([("六、", "商品和服务支出", 9494269.15, None),
                   ("六、", "商品和服务支出较2024年度年初预算数减少", 823930.85, 7.98)])
    assert [(f.code, f.severity, f.expected) for f in found] == [("N003", Severity.WARNING, "7.99%")]


def test_copied_completion_rate_is_an_error() -> None:
    found = audit([(FIVE, "社会保障和就业支出年初预算", 230315384.56, None),
                   (FIVE, "社会保障和就业支出决算（完成年初预算）", 418144219.93, 175.0)])
    assert [(f.code, f.severity, f.expected) for f in found] == [("N004", Severity.ERROR, "182%")]
    assert "181.55%" in found[0].message


def test_change_rate_uses_the_previous_figure_in_wan_yuan() -> None:
    ok = [("七、", "“三公”经费财政拨款支出决算（完成预算）", 1.16, None), ("七、", "“三公”经费与上年相比减少", 0.26, 18.3)]
    assert audit(ok, "万元") == []   # 0.26 / 1.42 = 18.31 within the rounding of 0.26 and 1.16


def test_listed_budgets_must_add_up_to_the_stated_total() -> None:
    found = audit([(FIVE, "财政拨款支出年初预算数", 897.32, None),
                   (FIVE, "社会保险经办机构（项）年初预算", 578.03, None),
                   (FIVE, "其他社会保障和就业支出（项）年初预算", 159.47, None),
                   (FIVE, "行政单位医疗（项）年初预算", 30.03, None)], "万元")
    assert [f.code for f in found] == ["N005"]
    assert "767.53 万元" in found[0].message and "129.79 万元" in found[0].message


def test_shares_of_the_section_total() -> None:
    two = "二、收入决算情况说明"
    right = [(two, "收入合计", 877.77, None), (two, "财政拨款收入", 840.77, 95.78), (two, "其他收入", 37.0, 4.22)]
    assert audit(right, "万元") == []
    assert [f.code for f in audit([*right[:2], (two, "其他收入", 37.0, 5.22)], "万元")] == ["N002"]


SMALL = {
    "income_expense_summary": {
        "income": [{"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [90.0]},
                   {"name": "其他收入", "line": 8, "amounts": [10.0]},
                   {"name": "本年收入合计", "line": 27, "amounts": [100.0]},
                   {"name": "总计", "line": 30, "amounts": [100.0]}],
        "expense": [{"name": "社会保障和就业支出", "line": 38, "amounts": [80.0]},
                    {"name": "本年支出合计", "line": 59, "amounts": [80.0]},
                    {"name": "年末结转和结余", "line": 61, "amounts": [20.0]},
                    {"name": "总计", "line": 62, "amounts": [100.0]}]},
    "expense": [{"code": "2080101", "name": "行政运行", "amounts": [80.0, 60.0, 20.0]}],
    "fiscal_summary": {"income": [{"name": "合计", "line": 32, "amounts": [90.0]}], "expense": []},
    "general_budget_expense": [{"code": None, "name": "合计", "amounts": [72.0, 60.0, 12.0]},
                               {"code": "2080101", "name": "行政运行", "amounts": [72.0, 60.0, 12.0]}],
    "basic_expense": [{"code": "301", "name": "工资福利支出", "amount": 50.0},
                      {"code": None, "name": "人员经费合计", "amount": 50.0},
                      {"code": "302", "name": "商品和服务支出", "amount": 10.0},
                      {"code": None, "name": "公用经费合计", "amount": 10.0}],
    "three_public": {"budget": {"total": 4.0, "abroad": 1.0, "vehicle_total": 2.0, "vehicle_purchase": None,
                                "vehicle_operation": 2.0, "reception": 1.0},
                     "actual": {"total": 2.0, "abroad": None, "vehicle_total": 1.5, "vehicle_purchase": None,
                                "vehicle_operation": 1.5, "reception": 0.5}},
}


def small() -> Any:
    return final_accounts_from_json({"year": 2024, "department": "某单位", "amount_unit": "元", "tables": SMALL,
                                     "narrative_facts": []}, "t")


def test_generated_narrative_from_tables_alone() -> None:
    text = render_narrative(small())
    assert "2024年度收、支总计100.00元。" in text and "与2023年度相比" not in text
    assert "其中：财政拨款收入90.00元，占90.00%；上级补助收入0元，占0%" in text
    assert "基本支出60.00元，占75.00%；项目支出20.00元，占25.00%" in text
    assert "一般公共预算财政拨款支出72.00元，占本年支出合计的90.00%" in text
    assert "社会保障和就业支出72.00元，占100.00%" in text
    assert "1.工资福利支出50.00元。" in text and "2.商品和服务支出10.00元。" in text
    assert "支出决算为2.00元，完成预算的50.00%" in text and "1.因公出国（境）费预算为1.00元，支出决算为0元" in text
    assert [line[:2] for line in text.split("\n\n") if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、")] == [
        "一、", "二、", "三、", "四、", "五、", "六、", "七、"]


def test_generated_narrative_with_last_year_and_budget() -> None:
    text = render_narrative(small(), prior={"收、支总计": Decimal(125), "工资福利": Decimal(40)},
                            budget={"社会保障和就业": Decimal(80), "一般公共预算财政拨款": Decimal(80)})
    assert "与2023年度相比，收、支总计各减少25.00元，降低20.00%。" in text
    assert "社会保障和就业支出年初预算为80.00元，支出决算为72.00元，完成年初预算的90.00%。决算数小于预算数的主要原因" in text
    assert "1.工资福利支出50.00元，较2023年度决算数增加10.00元，增长25.00%。" in text


def test_generated_narrative_passes_the_narrative_checks() -> None:
    """What is generated is what the checks accept: read the generated figures back as facts."""
    fa = small()
    text = render_narrative(fa)
    assert "占本年支出合计的90.00%" in text
    facts = [("二、收入决算情况说明", "收入合计", 100.0, None), ("二、收入决算情况说明", "财政拨款收入", 90.0, 90.0),
             ("二、收入决算情况说明", "其他收入", 10.0, 10.0)]
    assert audit(facts, **SMALL) == []


def test_last_year_from_last_year_tables() -> None:
    fa = small()
    prior = prior_from(fa)
    assert prior["收、支总计"] == Decimal(100) and prior["工资福利"] == Decimal(50) and prior["公务接待费"] == Decimal("0.5")
    text = render_narrative(fa, prior)
    assert "收、支总计各无变化" not in text   # an unchanged figure is said plainly
    assert "与2023年度相比" in text and "较2023年度决算数无变化" in text


def test_comparison_word_needs_the_sentence() -> None:
    said = "年初预算为30.03万元，支出决算为27.09万元，决算数大于年初预算数的主要原因是：……"
    data = {"year": 2023, "department": "某中心", "amount_unit": "万元", "tables": {}, "narrative_facts": [
        {"section": FIVE, "subject": "年初预算", "value": 30.03, "unit": "万元", "share": None, "sentence": said},
        {"section": FIVE, "subject": "支出决算", "value": 27.09, "unit": "万元", "share": None, "sentence": said}]}
    doc = Document(source="t", final_accounts=(final_accounts_from_json(data, "t"),))
    found = [f for f in run_checks(doc, tier="all") if f.code == "N007"]
    assert [(f.expected, f.actual) for f in found] == [("小于", "大于")]
