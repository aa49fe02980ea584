"""Reader 'accounts' (部门决算) on small inputs written inline: one per table family.

Cells are written separated by ``|`` and turned into the tabs a PDF/DOCX text export prints.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.accounts import FinalAccounts
from jixiao.readers.accounts import READER
from jixiao.readers.accounts_narrative import ordinal
from jixiao.readers.base import ReadResult
from jixiao.resolve.accounts import resolve_accounts
from jixiao.sources.sheet import Sheet
from jixiao.sources.text import load


def sheet(text: str) -> Sheet:
    return load("t.txt", text.replace("|", "\t").encode("utf-8"))


def read(text: str) -> tuple[FinalAccounts, ReadResult]:
    result = READER.read(sheet(text))
    (item,) = result.items
    assert isinstance(item, FinalAccounts)
    return item, result


def numbers(cells: tuple) -> list[Decimal | None]:
    return [c.number for c in cells]


FUNCTION = """\
2023年度
某某局部门决算
支出决算表
公开部门：某某局
金额单位：万元
项目|||本年支出合计|基本支出|项目支出
功能分类科目编码|||科目名称
类|款|项|1|2|3
|||合计|||
||行政运行|10.00|10.00|
||其他社会保障和 就业支出|5.00||5.00

2080101|行政运行|3.00|3.00|
208|99|99|其他社会保障和就业支出|2.00||2.00
221|02||住房改革支出|1.00|1.00|
2210201 住房公积金|1.00|1.00|
注：本表反映部门本年度各项支出情况
"""


def test_function_table_pages_with_names_only_codes_split_and_glued() -> None:
    a, result = read(FUNCTION)
    assert a.expense is not None
    rows = a.expense.rows
    assert [(r.code.text, r.name.text) for r in rows] == [
        (None, "行政运行"), (None, "其他社会保障和就业支出"),           # 合计 without amounts left out
        ("2080101", "行政运行"), ("2089999", "其他社会保障和就业支出"), ("22102", "住房改革支出"),
        ("2210201", "住房公积金")]
    assert numbers(rows[1].amounts) == [Decimal("5.00"), None, Decimal("5.00")]
    assert numbers(rows[3].amounts) == [Decimal("2.00"), None, Decimal("2.00")]
    assert (a.year, a.department.text, a.amount_unit) == (2023, "某某局", "万元")
    assert a.table_units == (("expense", "万元"),)
    assert rows[0].amounts[0].where.line == 10          # provenance of every printed value
    assert {f.code for f in result.findings} == {"R101"}  # the other eight tables are missing


def test_function_table_sub_column_with_empty_heading_is_skipped_when_aligned() -> None:
    a, _ = read("""\
收入决算表
项目|||本年收入合计|财政拨款收入|事业收入||其他收入
类|款|项||||小计|其中：教育收费
|||9.00|6.00|2.00||1.00
2080101|||9.00|6.00|2.00||1.00

2080102|一般行政管理事务|4.00|3.00||1.00
注：本表反映部门本年度取得的各项收入情况
""")
    assert a.income is not None
    assert [numbers(r.amounts) for r in a.income.rows] == [
        [Decimal("9.00"), Decimal("6.00"), Decimal("2.00"), Decimal("1.00")],
        [Decimal("9.00"), Decimal("6.00"), Decimal("2.00"), Decimal("1.00")],
        [Decimal("4.00"), Decimal("3.00"), None, Decimal("1.00")]]
    assert (a.income.rows[0].code.text, a.income.rows[0].name.text) == (None, None)


def test_summary_sides_from_the_column_number_row() -> None:
    a, _ = read("""\
财政拨款收入支出决算总表
收 入|||支 出
项 目|行次|决算数|项 目|行次|决算数
||||||合计|一般公共预算|政府性基金
栏 次||1|栏 次||2|3|4
一、一般公共预算财政拨款|1|100.00|一、一般公共服务支出|33|60.0|60.00|
|2||二、外交支出|34|||
本年收入合计|27|100.00|本年支出合计|59|60.00|60.00|
合计|32|100.00|合计|64|100.00|60.00|40.00
注：本表反映…
""")
    s = a.fiscal_summary
    assert s is not None
    assert [(x.name.text, x.line) for x in s.income] == [("一般公共预算财政拨款", 1), ("本年收入合计", 27),
                                                        ("合计", 32)]
    assert [x.name.text for x in s.expense] == ["一般公共服务支出", "本年支出合计", "合计"]
    assert numbers(s.expense[0].amounts) == [Decimal("60.0"), Decimal("60.00"), None]   # cut as printed


def test_summary_without_column_numbers_uses_the_line_number_headings() -> None:
    a, _ = read("""\
收入支出决算总表
项目|行次|决算数|项目|行次|决算数
一、一般公共预算财政拨款收入|1|5.00|一、教育支出|31|4.00
总计|30|5.00|总计|62|5.00
""")
    s = a.income_expense_summary
    assert s is not None
    assert [(x.name.text, x.line, numbers(x.amounts)) for x in s.expense] == [
        ("教育支出", 31, [Decimal("4.00")]), ("总计", 62, [Decimal("5.00")])]


BASIC = """\
一般公共预算财政拨款基本支出决算表
人员经费|||公用经费
科目编码|科目名称|金额|科目编码|科目名称|金额|科目编码|科目名称|金额
301|工资福利支出|10.00|302|商品和服务支出|4.00|310|资本性支出|1.00
30101|基本工资|10.00|30201|办公费|4.00|31002|办公设备购置|1.00
303|对个人和家庭的补助||30203|咨询费|0.00|399|其他支出|
人员经费合计||10.00|公用经费合计|||||5.00
合 计
注：本表反映…
"""


def test_basic_expense_groups_side_by_side_with_family_totals() -> None:
    a, _ = read(BASIC)
    assert a.basic_expense is not None
    assert [(r.code.text, r.name.text, r.amount.text) for r in a.basic_expense] == [
        ("301", "工资福利支出", "10.00"), ("30101", "基本工资", "10.00"),
        (None, "人员经费合计", "10.00"),
        ("302", "商品和服务支出", "4.00"), ("30201", "办公费", "4.00"), ("30203", "咨询费", "0.00"),
        ("310", "资本性支出", "1.00"), ("31002", "办公设备购置", "1.00"),
        (None, "公用经费合计", "5.00")]


def test_three_public_roles_from_header_words() -> None:
    a, _ = read("""\
财政拨款“三公”经费支出决算表
2024 年度预算数||||||2024 年度决算数
合计|因公出国 (境) 费|公务用车购置及运行费|||公务接待费|合计|因公出国 (境) 费|公务用车购置及运行费|||公务接待费
||小计|公务用车购置费|公务用车运行费||||小计|公务用车购置费|公务用车运行费
1|2|3|4|5|6|7|8|9|10|11|12
10|1|6|2|4|3|8||5|1|4|3
""")
    t = a.three_public
    assert t is not None
    assert (t.budget.total.text, t.budget.vehicle_operation.text, t.budget.reception.text) == ("10", "4", "3")
    assert t.actual.abroad.empty and t.actual.vehicle_total.text == "5"


def test_narrative_figures_shares_and_sections() -> None:
    a, result = read("""\
第三部分 2024 年度部门决算情况说明
一、收入决算情况说明
2024 年度收入合计 100.00 元，其中：财政拨款收入 98.00 元，占 98 %；其他收入 2 元，占 2%。
二、支出决算情况说明
支出合计 100 元，较上年增加 10.00 元，增长 11.11%；卫生健康支出27.09，占3.22%。基本支出较年初预算数减

少 5 元。
七、财政拨款“三公”经费支出决算情况说明
公务接待费预算为 3.00 元，支出决算为 1.5 元，完成预算的 50%。
八、政府性基金预算财政拨款收入支出决算情况说明
本年收入 9 元。
""")
    facts = [(f.section[:2], f.value.text, f.share.text) for f in a.narrative_facts]
    assert facts == [("一、", "100.00", None), ("一、", "98.00", "98"), ("一、", "2", "2"),
                     ("二、", "100", None), ("二、", "10.00", "11.11"), ("二、", "27.09", "3.22"),
                     ("二、", "5", None), ("七、", "3.00", None), ("七、", "1.5", "50")]
    subjects = [f.subject for f in a.narrative_facts]
    assert subjects[4] == "支出合计较上年增加" and subjects[8] == "公务接待费支出决算"
    assert a.narrative_facts[6].subject == "基本支出较年初预算数减少"   # joined across the page break
    assert a.income is None
    assert [f.code for f in result.findings] == ["R101"]


def test_ordinals() -> None:
    assert [ordinal(t) for t in ("一", "七", "十", "十一", "二十三", "7")] == [1, 7, 10, 11, 23, 7]


def test_cut_off_table_and_missing_tables_are_findings_not_errors() -> None:
    _, result = read(FUNCTION.split("2080101|")[0].replace("注：", ""))
    codes = {f.code for f in result.findings}
    assert "R102" in codes and "R101" in codes
    assert all(f.severity.value == "warning" and f.message for f in result.findings)


def test_not_claimed_without_accounts() -> None:
    s = sheet("项目支出绩效自评表\n项目名称|就业补助\n年度资金总额|10|10|10|10|100%|10\n")
    assert READER.identify(s) == 0.0
    assert READER.read(s).items == ()


def test_resolved_view_keeps_what_was_printed() -> None:
    a, _ = read(FUNCTION + """
一般公共预算财政拨款支出决算表
项目|||本年支出合计|基本支出|项目支出
类|款|项|栏次|1|2|3
2080101|||行政运行|3.00|3.00|
2089999|||其他社会保障和就业支出|2.00||2.00
""")
    resolved = resolve_accounts(a)
    assert resolved.expense is not None
    first = resolved.expense.rows[0]
    assert (first.code.text, first.resolved_code, first.resolved_name) == (None, "2080101", "行政运行")


_WORDS = st.sampled_from(["收入决算表", "支出决算表", "收入支出决算总表", "一般公共预算财政拨款基本支出决算表",
                          "财政拨款“三公”经费支出决算表", "栏次", "合计", "科目编码", "行次", "2080101", "301",
                          "1", "2", "12.50", "1,000.00", "一、收入决算情况说明", "八、其他说明", "5 元，占 3%",
                          "注：", "第三部分", "", "部门决算", "人员经费合计", "预算数", "决算数", "金额单位：元"])
_LINES = st.lists(st.lists(_WORDS, max_size=10).map("\t".join), max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_read_never_raises_on_random_tables(text: str) -> None:
    s = load("r.txt", text.encode("utf-8"))
    READER.identify(s)
    assert isinstance(READER.read(s), ReadResult)


_SAMPLE = FUNCTION + BASIC + "第三部分 决算情况说明\n一、收入决算情况说明\n收入合计 5 元，占 100%。\n"


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(_SAMPLE)), st.integers(0, len(_SAMPLE)))
def test_read_never_raises_on_truncated_input(start: int, end: int) -> None:
    s = load("c.txt", _SAMPLE[min(start, end):max(start, end)].replace("|", "\t").encode("utf-8"))
    result = READER.read(s)
    assert all(f.code.startswith("R1") for f in result.findings)


def test_a_table_without_note_stops_at_the_next_foreign_title() -> None:
    a, result = read("""\
某某局2024年度国有资本经营预算财政拨款支出决算表
项目|||本年支出合计|基本支出|项目支出
类|款|项|栏次|1|2|3
2230105|||国有企业退休人员社会化管理补助支出|3.00||3.00
项目支出绩效自评表
项目名称|就业补助|||
年度资金总额|10.00|10.00|10.00|10|100%|10
""")
    assert a.state_capital is not None and len(a.state_capital.rows) == 1
    (span,) = [s for s in result.spans if "state_capital" in s.label]
    assert (span.first, span.last) == (1, 4)
    assert "R102" not in {f.code for f in result.findings}


def test_narrative_headings_without_the_word_accounts_count_inside_the_part_only() -> None:
    a, _ = read("""\
一、单位基本情况说明
在职人员 3 人，经费 9 元。
第三部分 2024年度部门决算情况说明
一、收入支出总体情况说明
收、支总计 7 万元，较上年增加 1 万元，增长 16.67%。
第四部分 名词解释
一、财政拨款收入说明
指财政拨付的资金 5 元。
""")
    assert [(f.subject, f.value.text, f.unit, f.share.text) for f in a.narrative_facts] == [
        ("收、支总计", "7", "万元", None), ("收、支总计较上年增加", "1", "万元", "16.67")]
    assert a.amount_unit == "万元"


def test_a_change_that_names_only_its_comparison_takes_the_thing_before_it() -> None:
    """同比减少 / 按同口径同比增加 / 较上年减少 after an item: the item's change, never a thing called 同比."""
    a, _ = read("""\
第三部分 2023 年度部门决算情况说明
七、财政拨款“三公”经费支出决算情况说明
“三公”经费支出 30.00 万元，按同口径同比减少 3.00 万元，下降 9.09%。其中：公务接待费支出 10.00 万元，同比增加 1.00 万元；
公务用车运行维护费支出 20.00 万元，较上年减少 4.00 万元。
""")
    subjects = [f.subject for f in a.narrative_facts if f.value.text in ("3.00", "1.00", "4.00")]
    assert subjects == ["“三公”经费支出按同口径同比减少", "公务接待费支出同比增加", "公务用车运行维护费支出较上年减少"]
