"""LineRef: one typed reference to a line of a table, read from tables.toml and found in a document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.accounts.identities import FORMULAS, parse_formula
from jixiao.accounts.lines import (
    SUBJECTS,
    LineError,
    LineRef,
    LineSpan,
    find_line,
    parse_line,
    parse_subjects,
    span_terms,
)
from jixiao.model.accounts import FinalAccounts, TableKey
from jixiao.render.accounts_in import final_accounts_from_json

S01, S04 = TableKey.INCOME_EXPENSE_SUMMARY, TableKey.FISCAL_SUMMARY


# ---------------------------------------------------------------- reading entries


@pytest.mark.parametrize(("entry", "table", "expected"), [
    ({"side": "income", "line": "本年收入合计"}, S01, LineRef(S01, "income", ("本年收入合计",))),
    ({"table": "fiscal_summary", "side": "expense", "line": ["合计", "总计"], "column": 1}, None,
     LineRef(S04, "expense", ("合计", "总计"), column=1)),
    ({"table": "expense", "column": 2}, None, LineRef(TableKey.EXPENSE, column=2)),
    ({"table": "general_budget_expense", "code": "208"}, None, LineRef(TableKey.GENERAL_BUDGET_EXPENSE, code="208")),
    ({"table": "basic_expense", "code": "301"}, None, LineRef(TableKey.BASIC_EXPENSE, code="301")),
    ({"table": "basic_expense", "line": "人员经费合计"}, None, LineRef(TableKey.BASIC_EXPENSE, names=("人员经费合计",))),
    ({"table": "three_public", "line": "公务接待费"}, None, LineRef(TableKey.THREE_PUBLIC, names=("公务接待费",))),
    ({"side": "income", "until": "本年收入合计"}, S01, LineSpan(S01, "income", until=("本年收入合计",))),
    ({"side": "income", "after": ["年初结转和结余"], "until": ["合计", "总计"]}, S04,
     LineSpan(S04, "income", ("年初结转和结余",), ("合计", "总计"))),
])
def test_good_entries(entry: dict[str, Any], table: TableKey | None, expected: LineRef | LineSpan) -> None:
    assert parse_line(entry, "x", table) == expected


@pytest.mark.parametrize(("entry", "says"), [
    ("income:总计", "inline table"),
    ({"table": "income_expense_summary", "side": "income", "name": "总计"}, "unknown key(s) name"),
    ({"table": "income_statement", "side": "income", "line": "总计"}, "unknown table 'income_statement'"),
    ({"side": "income", "line": "总计"}, "a table is required"),
    ({"table": "income_expense_summary", "side": "incme", "line": "总计"}, "side 'incme' is not one of income, expense"),
    ({"table": "income_expense_summary", "line": "总计"}, "needs a side"),
    ({"table": "expense", "side": "income"}, "one-sided table"),
    ({"table": "expense", "column": -1}, "column must be a whole number"),
    ({"table": "expense", "column": True}, "column must be a whole number"),
    ({"table": "expense", "column": "1"}, "column must be a whole number"),
    ({"table": "income_expense_summary", "side": "income", "line": []}, "line must be a name or a non-empty list"),
    ({"table": "income_expense_summary", "side": "income", "line": ["总计", " "]}, "non-empty list of names"),
    ({"table": "basic_expense", "line": "人员经费合计", "code": "301"}, "not both"),
    ({"table": "basic_expense", "code": "三〇一"}, "code must be a classification code of digits"),
    ({"table": "basic_expense"}, "needs a line name or an economic code"),
    ({"table": "general_budget_expense", "line": "教育支出"}, "named by its 类 code"),
    ({"table": "three_public", "line": "公车"}, "table 07 prints no line '公车'"),
    ({"table": "three_public"}, "needs a line name"),
    ({"table": "income_expense_summary", "side": "income"}, "needs a line name"),
    ({"table": "expense", "until": "合计"}, "a span (after/until) is of a summary table's lines"),
    ({"table": "income_expense_summary", "side": "income", "line": "总计", "until": "合计"}, "without line or code"),
])
def test_bad_entries_name_the_entry_and_the_reason(entry: object, says: str) -> None:
    with pytest.raises(LineError) as err:
        parse_line(entry, "identity[3].parts[1]")
    assert str(err.value).startswith("identity[3].parts[1]: ") and says in str(err.value)


def test_a_span_where_one_line_is_wanted() -> None:
    with pytest.raises(LineError, match=r"^subjects\.收入合计\[0\]: one line is wanted"):
        parse_subjects({"收入合计": {"table": "income_expense_summary", "side": "income", "until": "本年收入合计"}})
    with pytest.raises(LineError, match="total: one line is wanted"):
        parse_formula({"code": "A001", "table": "income_expense_summary", "total": {"side": "income", "until": "合计"},
                       "parts": [{"side": "income", "line": "x"}]}, "identity[0]")


@pytest.mark.parametrize(("entry", "says"), [
    ({"code": "A001", "table": "income_expense_summary", "total": {"side": "income", "line": "总计"}}, "parts must be"),
    ({"code": "A001", "table": "income_expense_summary", "total": {"side": "income", "line": "总计"},
      "parts": [{"table": "fiscal_summary", "side": "income", "line": "合计"}]}, "of its own table (income_expense_summary)"),
    ({"code": "A001", "table": "income_expense_summary", "total": {"side": "income", "line": "总计"},
      "parts": [{"side": "income", "line": "合计"}], "columns": "all"}, "columns is \"each\""),
    ({"table": "income_expense_summary"}, "code (the finding code"),
    ({"code": "A001", "table": "summary"}, "unknown table 'summary'"),
    ({"code": "A001", "table": "fiscal_summary", "formula": "a = b"}, "unknown key(s) formula"),
])
def test_bad_identities(entry: dict[str, Any], says: str) -> None:
    with pytest.raises(LineError) as err:
        parse_formula(entry, "identity[7]")
    assert str(err.value).startswith("identity[7]") and says in str(err.value)


def test_the_shipped_data_reads_and_names_identities_as_a_person_reads_them() -> None:
    names = {f.name for f in FORMULAS}
    assert "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余" in names
    assert "本年收入合计 = Σ 收入首行至本年收入合计之间各行" in names
    assert "年初财政拨款结转和结余 = Σ 年初财政拨款结转和结余至合计之间各行" in names
    assert "决算合计 = 决算因公出国（境）费 + 决算公务用车购置及运行费 + 决算公务接待费" in names
    assert [r.label for r in SUBJECTS["财政拨款收入"]] == [
        "01表 一般公共预算财政拨款收入", "01表 政府性基金预算财政拨款收入", "01表 国有资本经营预算财政拨款收入"]
    assert SUBJECTS["基本"] == (LineRef(TableKey.EXPENSE, column=1),)


def test_labels() -> None:
    assert LineRef(TableKey.EXPENSE, column=1).label == "03表 第2列合计"
    assert LineRef(TableKey.GENERAL_BUDGET_EXPENSE, code="208").label == "05表 社会保障和就业支出（Σ 各行）"
    assert LineRef(TableKey.BASIC_EXPENSE, code="301").label == "06表 301 工资福利支出"
    assert LineRef(TableKey.THREE_PUBLIC, names=("合计",)).on("budget").name == "预算合计"


# ---------------------------------------------------------------- finding lines


def accounts(**tables: Any) -> FinalAccounts:
    return final_accounts_from_json({"year": 2024, "department": "某单位", "amount_unit": "元", "tables": tables,
                                     "narrative_facts": []}, "t.txt")


SUMMARY = {"income": [{"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [60.25]},
                      {"name": "其中：教育", "line": 2, "amounts": [10.0]},
                      {"name": "其他收入", "line": 8, "amounts": [40.5]},
                      {"name": "本年收入合计", "line": 27, "amounts": [100.75]},
                      {"name": "总 计", "line": 30, "amounts": [100.75]}],
           "expense": [{"name": "教育支出", "line": 31, "amounts": [100.7, 90.0]}]}


def test_a_summary_line_by_any_of_its_names_and_column() -> None:
    fa = accounts(income_expense_summary=SUMMARY)
    found = find_line(fa, LineRef(S01, "income", ("合计", "总计")))
    assert found is not None and found.printed and found.value == Decimal("100.75")
    assert found.terms[0].label == "总计" and found.half == Decimal("0.005")
    second = find_line(fa, LineRef(S01, "expense", ("教育支出",), column=1))
    assert second is not None and second.value == Decimal("90.0")


def test_a_line_not_printed_stands_for_zero_and_a_table_not_printed_for_nothing() -> None:
    fa = accounts(income_expense_summary=SUMMARY)
    missing = find_line(fa, LineRef(S01, "income", ("事业收入",)))
    assert missing is not None and not missing.printed and missing.value == 0 and missing.cells() == ()
    assert find_line(fa, LineRef(S04, "income", ("合计",))) is None
    assert find_line(fa, LineRef(TableKey.EXPENSE)) is None


def test_a_span_leaves_out_breakdowns_and_stops_at_its_end() -> None:
    fa = accounts(income_expense_summary=SUMMARY)
    terms = span_terms(fa, LineSpan(S01, "income", until=("本年收入合计",)))
    assert terms is not None and [t.label for t in terms] == ["一般公共预算财政拨款收入", "其他收入"]
    after = span_terms(fa, LineSpan(S01, "income", after=("其他收入",)))
    assert after is not None and [t.label for t in after] == ["本年收入合计", "总计"]


def test_a_function_table_total_is_its_printed_total_else_the_sum_of_its_rows() -> None:
    rows = [{"code": "2080101", "name": "行政运行", "amounts": [10.25, 10.25]},
            {"code": "2080102", "name": "一般行政管理事务", "amounts": [20.5, None]}]
    printed = accounts(expense=[{"code": None, "name": "合计", "amounts": [30.8, 10.25]}, *rows])
    found = find_line(printed, LineRef(TableKey.EXPENSE))
    assert found is not None and found.value == Decimal("30.8") and len(found.terms) == 1
    summed = find_line(accounts(expense=rows), LineRef(TableKey.EXPENSE))
    assert summed is not None and summed.value == Decimal("30.75") and len(summed.terms) == 2
    second = find_line(accounts(expense=rows), LineRef(TableKey.EXPENSE, column=1))
    assert second is not None and second.value == Decimal("10.25")


def test_a_class_adds_the_rows_whose_codes_were_resolved_in_another_table() -> None:
    fa = accounts(general_budget_expense=[{"code": None, "name": "行政 运行", "amounts": [10.25]},
                                          {"code": None, "name": "事业运行", "amounts": [20.5]},
                                          {"code": "2050101", "name": "学前教育", "amounts": [5.0]}],
                  expense=[{"code": "2080101", "name": "行政运行", "amounts": [10.25]},
                           {"code": "2080150", "name": "事业运行", "amounts": [20.5]}])
    found = find_line(fa, LineRef(TableKey.GENERAL_BUDGET_EXPENSE, code="208"))
    assert found is not None and found.value == Decimal("30.75")
    unknown = accounts(general_budget_expense=[{"code": None, "name": "某项支出", "amounts": [1.0]},
                                               {"code": "2050101", "name": "学前教育", "amounts": [5.0]}])
    assert find_line(unknown, LineRef(TableKey.GENERAL_BUDGET_EXPENSE, code="205")) is None


def test_table_06_by_code_or_by_name_and_07_by_side() -> None:
    fa = accounts(basic_expense=[{"code": "301", "name": "工资福利支出", "amount": 100.5},
                                 {"code": None, "name": "人员经费合计", "amount": 105.75}],
                  three_public={"budget": {"total": 36.0, "reception": 5.25}, "actual": {"total": 30.0}})
    by_code = find_line(fa, LineRef(TableKey.BASIC_EXPENSE, code="301"))
    by_name = find_line(fa, LineRef(TableKey.BASIC_EXPENSE, names=("人员经费合计",)))
    assert by_code is not None and by_code.value == Decimal("100.5")
    assert by_name is not None and by_name.value == Decimal("105.75")
    total = LineRef(TableKey.THREE_PUBLIC, names=("合计",))
    budget, actual = find_line(fa, total.on("budget")), find_line(fa, total.on("actual"))
    assert budget is not None and actual is not None and (budget.value, actual.value) == (36, 30)


@pytest.mark.parametrize(("subject", "stated", "fails"), [
    ("公车购置及运行费", 995.0, True), ("公车购置及运行费", 996.0, False),
    ("因公出国(境)经费", 12.0, False), ("公务用车运行费", 958.0, True)])
def test_the_narratives_other_words_for_the_three_public_lines_are_checked(subject: str, stated: float,
                                                                           fails: bool) -> None:
    """情况说明 names 07's lines in other words (公车购置及运行费, 因公出国(境)经费): N001 still
    finds the line and compares."""
    from jixiao.checks.accounts import accounts_doc
    from jixiao.checks.registry import run_checks

    side = {"abroad": 12, "reception": 1356, "vehicle_total": 996, "vehicle_purchase": 37,
            "vehicle_operation": 959, "total": 2364}
    doc = accounts_doc({"three_public": {"budget": side, "actual": side}},
                       [{"section": "七、“三公”经费支出决算情况说明", "subject": subject, "value": stated,
                         "unit": "元", "share": None, "sentence": ""}])
    assert any(f.code == "N001" for f in run_checks(doc, ())) is fails
