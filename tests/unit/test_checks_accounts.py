"""Final-accounts identities on small models written inline (interchange JSON → model)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jixiao.accounts.identities import Identity, verdicts
from jixiao.accounts.views import Term
from jixiao.checks.registry import run_checks
from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.model.values import Cell
from jixiao.render.accounts_in import final_accounts_from_json


def accounts(unit: str = "元", **tables: Any) -> dict[str, Any]:
    return {"year": 2024, "department": "某单位", "amount_unit": unit, "tables": tables, "narrative_facts": []}


def findings(data: dict[str, Any], codes: tuple[str, ...] = ()) -> list[Finding]:
    doc = Document(source="t.txt", final_accounts=(final_accounts_from_json(data, "t.txt"),))
    return [f for f in run_checks(doc, tier="all")
            if f.code[0] in "AN" and (f.code in codes if codes else f.code != "A015")]


def term(text: str, places: int = 2) -> Term:
    return Term(label=text, cell=Cell.read(text), places=places)


def test_tolerance_comes_from_printed_precision() -> None:
    # two equal values printed to 0.01 print alike; a sum of two may be off by one cent
    assert not Identity("A", "t", "n", term("20.51"), (term("20.50"),)).holds()
    assert Identity("A", "t", "n", term("30.76"), (term("10.25"), term("20.50"))).holds()
    assert not Identity("A", "t", "n", term("30.77"), (term("10.25"), term("20.50"))).holds()
    # a column printed in whole yuan is checked to 0.5
    assert not Identity("A", "t", "n", term("32", 0), (term("10", 0), term("20", 0))).holds()
    assert Identity("A", "t", "n", term("30", 0), (term("10", 0), term("20", 0))).holds()


def fiscal(cut: float) -> dict[str, Any]:
    return accounts(fiscal_summary={"income": [], "expense": [
        {"name": "社会保障和就业支出", "line": 40, "amounts": [cut, 418144219.93]},
        {"name": "卫生健康支出", "line": 41, "amounts": [10593821.65, 10593821.65]},
        {"name": "本年支出合计", "line": 59, "amounts": [428738041.58, 428738041.58]}]})


def test_cut_amount_is_one_finding_naming_the_full_value() -> None:
    found = findings(fiscal(418144219.9))
    assert [f.code for f in found] == ["A013"]
    assert "418,144,219.9" in found[0].message and "418,144,219.93" in found[0].message
    assert found[0].expected == "418,144,219.93"
    assert findings(fiscal(418144219.93)) == []


def test_short_amount_without_a_full_value_is_a_broken_identity() -> None:
    data = accounts(fiscal_summary={"income": [], "expense": [
        {"name": "社会保障和就业支出", "line": 40, "amounts": [100.5]},
        {"name": "卫生健康支出", "line": 41, "amounts": [10.25]},
        {"name": "本年支出合计", "line": 59, "amounts": [110.79]}]})
    found = findings(data)
    assert [f.code for f in found] == ["A004"]
    assert "截断" in found[0].message


def test_class_rows_without_codes_are_resolved_by_name_from_another_table() -> None:
    data = accounts(
        income_expense_summary={"income": [], "expense": [
            {"name": "社会保障和就业支出", "line": 38, "amounts": [30.75]},
            {"name": "本年支出合计", "line": 59, "amounts": [30.75]}]},
        expense=[{"code": None, "name": "行政运行", "amounts": [10.25, 10.25]},
                 {"code": None, "name": "事业运行", "amounts": [20.6, 20.6]}],
        general_budget_expense=[{"code": "2080101", "name": "行政运行", "amounts": [10.25, 10.25, None]},
                                {"code": "2080150", "name": "事业运行", "amounts": [20.5, 20.5, None]}])
    found = findings(data, ("A010",))
    assert len(found) == 2   # 01 本年支出合计 and 01 社会保障和就业支出 vs Σ 03 rows (30.85)
    assert all("30.85" in f.message for f in found)


def test_mixed_units_are_a_finding_and_compared_in_yuan() -> None:
    data = accounts(
        fiscal_summary={"income": [], "expense": [
            {"name": "社会保障和就业支出", "line": 40, "amounts": [1500000.0, 1500000.0]},
            {"name": "本年支出合计", "line": 59, "amounts": [1500000.0, 1500000.0]}]},
        general_budget_expense=[{"code": None, "name": "合计", "amounts": [150.0, 150.0, None]},
                                {"code": "2080101", "name": "行政运行", "amounts": [150.0, 150.0, None]}])
    fa = final_accounts_from_json(data, "t.txt")
    fa = replace(fa, table_units=(("fiscal_summary", "元"), ("general_budget_expense", "万元")))
    found = [f for f in run_checks(Document(source="t", final_accounts=(fa,)), tier="all") if f.code[0] == "A"]
    assert [f.code for f in found if f.code != "A015"] == ["A014"]
    assert all(v.status == "holds" for v in verdicts(fa))


def test_missing_tables_are_one_info_finding() -> None:
    found = findings(accounts(), ("A015",))
    assert [(f.code, f.severity) for f in found] == [("A015", Severity.INFO)]
    assert "公开09表" in found[0].message


def test_one_code_one_name() -> None:
    rows = [{"code": "2080101", "name": "行政运行", "amounts": [1.0, 1.0]}]
    data = accounts(expense=rows, general_budget_expense=[{"code": "2080101", "name": "事业运行", "amounts": [1.0, 1.0]}])
    assert [f.severity for f in findings(data, ("A012",))] == [Severity.WARNING]
    cut = accounts(expense=rows, general_budget_expense=[{"code": "2080101", "name": "行政运", "amounts": [1.0, 1.0]}])
    assert [f.severity for f in findings(cut, ("A012",))] == [Severity.INFO]


def test_basic_expense_classes_and_personnel_totals() -> None:
    rows = [{"code": "301", "name": "工资福利支出", "amount": 100.5}, {"code": "30101", "name": "基本工资", "amount": 100.5},
            {"code": "303", "name": "对个人和家庭的补助", "amount": 5.25}, {"code": "30302", "name": "退休费", "amount": 5.25},
            {"code": None, "name": "人员经费合计", "amount": 105.78},
            {"code": "302", "name": "商品和服务支出", "amount": 3.0}, {"code": "30201", "name": "办公费", "amount": 3.0},
            {"code": None, "name": "公用经费合计", "amount": 3.0}]
    found = findings(accounts(basic_expense=rows), ("A006",))
    assert len(found) == 1 and "人员经费合计" in found[0].message


def test_labels_numbers_keep_their_shortest_printed_form() -> None:
    fa = final_accounts_from_json({"year": 2024, "department": "x", "tables": {}, "narrative_facts": [
        {"section": "五", "subject": "教育支出决算（完成年初预算）", "value": 759446.47, "unit": "元", "share": 93.0}]}, "s")
    fact = fa.narrative_facts[0]
    assert (fact.value.text, fact.share.text, fact.share.decimals) == ("759446.47", "93", 0)
    assert fa.income is None and fa.table_units == ()


def test_formulas_in_data_name_only_sides_of_their_table() -> None:
    from jixiao.accounts.identities import FORMULAS
    from jixiao.accounts.lines import SIDES

    for f in FORMULAS:
        assert {x.side for x in (f.total, *f.parts)} <= set(SIDES[f.table]), f.name
        assert "=" in f.name and ":" not in f.name, f.name


def test_a_name_printed_under_several_codes_resolves_nothing() -> None:
    data = accounts(
        income_expense_summary={"income": [], "expense": [
            {"name": "一般公共服务支出", "line": 31, "amounts": [10.25]},
            {"name": "社会保障和就业支出", "line": 38, "amounts": [20.5]},
            {"name": "本年支出合计", "line": 59, "amounts": [30.75]}]},
        expense=[{"code": None, "name": "行政运行", "amounts": [10.25, 10.25]},
                 {"code": None, "name": "行政运行", "amounts": [20.5, 20.5]}],
        general_budget_expense=[{"code": "2010101", "name": "行政运行", "amounts": [10.25, 10.25, None]},
                                {"code": "2080101", "name": "行政运行", "amounts": [20.5, 20.5, None]}])
    assert findings(data) == []
    fa = final_accounts_from_json(data, "t")
    names = [v.identity.name for v in verdicts(fa)]
    assert "01 本年支出合计 = 03 合计" in names and not any("Σ 03 该类各行" in n for n in names)
