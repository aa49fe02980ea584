"""Reader 'selfeval_cells': small tables printed one cell per line, written inline.

In the inputs, ``|`` at the start of a line stands for the tab that opens a
cell; a line without it continues the cell above (wrapped text).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.selfeval import EvaluationKind, SelfEvaluation
from jixiao.readers.selfeval_cells import READER
from jixiao.readers.selfeval_cells_grid import groups_of, rows_of, runs_of
from jixiao.sources.sheet import Line, Sheet


def sheet_of(layout: str) -> Sheet:
    """``| cell`` lines become tab-led lines, as the one-cell-per-line text prints them."""
    lines = []
    for n, raw in enumerate(layout.strip("\n").split("\n"), start=1):
        text = "\t" + raw[1:].lstrip(" ") if raw.startswith("|") else raw
        lines.append(Line(number=n, text=text, cells=tuple(text.split("\t"))))
    return Sheet(file="t.txt", lines=tuple(lines))


def read_one(layout: str) -> SelfEvaluation:
    result = READER.read(sheet_of(layout))
    assert len(result.items) == 1
    item = result.items[0]
    assert isinstance(item, SelfEvaluation)
    return item


HEAD = """
(2024年度)
项目支出绩效自评表
| 项目支
出名称
| 职业培训补贴

| 主管部门
| 某市人力资源和社会保障局
| 实施单位
| 某市就业服务中心

| 项目资金
（万元）
|
| 年初
预算数
| 全年预算数
| 全年
执行数
| 分值
| 执行率
| 得分

|
| 年度资金总额
| 20
| 20
| 19.76
| 10
| 98.8%
| 9

|
| 其中：当年财政拨款
| 20
| 20
| 19.76
|
|
|

| 年度总体目标
| 预期目标
| 实际完成情况

|
| 培训 500 人。
| 培训 520 人。

| 绩
效
指
标
| 一级指标
| 二级指标
| 三级指标
| 年度
指标值
| 实际
完成值
| 分值
| 得分
| 偏差原因
分析及
改进措施
"""

MERGED = HEAD + """
|
| 产出指标
（50分）
| 数量指标
| 培训人数
| ≥500人
| 520人
| 15
| 15
|

|
|
|
| 结业人数
| ≥450人
| 470人
|
|
|

|
|
| 成本指
| 人均成本
| ≤
| 400
| 10

| 5
|

|
|
|
| ……
|
|
|
|
|

|
| 满意度指标
（10分）
| 服务对象满意度指标
|
| ≥90%
| 95%
| 5
| 5
|

| 总分
| 100
| 95
|
"""


def test_project_info_funds_and_goals() -> None:
    e = read_one(MERGED)
    assert e.kind is EvaluationKind.PROJECT
    assert e.year == 2024
    assert (e.project.text, e.department.text, e.unit.text) == (
        "职业培训补贴", "某市人力资源和社会保障局", "某市就业服务中心")
    assert [f.item.text for f in e.funds] == ["年度资金总额", "其中：当年财政拨款"]
    total = e.funds[0]
    assert [c.text for c in (total.initial, total.budget, total.executed, total.weight, total.rate,
                             total.score)] == ["20", "20", "19.76", "10", "98.8%", "9"]
    assert e.funds[1].weight.text is None
    assert (e.goal_planned.text, e.goal_actual.text) == ("培训 500 人。", "培训 520 人。")
    assert (e.total_weight.text, e.total_score.text) == ("100", "95")


def test_merged_weight_cell_stays_on_the_first_indicator() -> None:
    e = read_one(MERGED)
    first, second = e.indicators[:2]
    assert (first.name.text, first.weight.text, first.score.text) == ("培训人数", "15", "15")
    assert (second.name.text, second.level2, second.weight.text, second.score.text) == (
        "结业人数", "数量指标", None, None)


def test_cut_level_label_and_lone_comparator() -> None:
    cost = read_one(MERGED).indicators[2]
    assert (cost.level1, cost.level2) == ("产出指标", "成本指标")
    assert (cost.target.text, cost.actual.text, cost.weight.text, cost.score.text) == ("≤", "400", "10", "5")


def test_placeholder_row_left_out_and_nameless_weighted_row_kept() -> None:
    e = read_one(MERGED)
    assert [i.name.text for i in e.indicators] == ["培训人数", "结业人数", "人均成本", None]
    last = e.indicators[-1]
    assert (last.level1, last.level2, last.weight.text) == ("满意度指标", "服务对象满意度指标", "5")
    assert [(h.level1, h.points.text) for h in e.headings] == [("产出指标", "50"), ("满意度指标", "10")]


def test_blank_total_score_is_null() -> None:
    e = read_one(MERGED.replace("| 总分\n| 100\n| 95", "| 总分\n| 100\n| \u3000"))
    assert (e.total_weight.text, e.total_score.text) == ("100", None)


def test_no_total_row_reads_indicators_to_the_end() -> None:
    e = read_one(MERGED[: MERGED.index("| 总分")])
    assert e.total_weight.empty and e.total_score.empty
    assert len(e.indicators) == 4


def test_row_cut_by_blank_lines_inside_cells() -> None:
    """A cell holding blank lines splits its row into pieces; they are joined back to the row width."""
    e = read_one(HEAD + """
|
| 产出指标
（50分）
| 时效指标
| 按时完成

| 100%

| 100%
\u3000
| 10

| 10

|

| 总分
| 100
| 10
|
""")
    (only,) = e.indicators
    assert (only.name.text, only.target.text, only.actual.text, only.weight.text, only.score.text) == (
        "按时完成", "100%", "100%", "10", "10")


def test_page_break_inside_the_indicator_block() -> None:
    e = read_one(MERGED.replace("|\n| 满意度指标", "\n- 7 -\n\n|\n| 满意度指标"))
    assert e.indicators[-1].level1 == "满意度指标"
    assert e.total_score.text == "95"


def test_rows_printed_without_their_empty_leading_cells() -> None:
    """Rows of value cells only (leading empties dropped) are right-aligned, levels carried down."""
    e = read_one(HEAD + """
|
| 产出指标
| 数量指标
| 培训人数
| ≥500人
| 520人
| 15
| 15
|

| 结业人数
| ≥450人
| 470人
| 5
| 5
| 未全部结业

| 总分
| 100
| 20
|
""")
    assert [(i.level2, i.name.text, i.weight.text, i.reason.text) for i in e.indicators] == [
        ("数量指标", "培训人数", "15", None), ("数量指标", "结业人数", "5", "未全部结业")]


def test_page_break_inside_the_fund_block() -> None:
    e = read_one(MERGED.replace("|\n| 年度资金总额", "|\n\n第 2 页\n\n| 年度资金总额"))
    assert [f.item.text for f in e.funds] == ["年度资金总额", "其中：当年财政拨款"]
    assert e.funds[0].score.text == "9"


def test_department_table_text_breakdown_is_no_fund_row() -> None:
    e = read_one("""
附件1-2
整体支出绩效自评表
| 预算单位名称
| 某市就业服务中心

| 年度预
算申请
（万元）
|
| 年初
预算数
| 全年预算数
| 全年
执行数
| 分值
| 执行率
| 得分

|
| 年度资金总额
| 897.32
| 877.77
| 877.77
| 10
| 97.82%
|

|
| 按收入性质分：
| 按支出性质分：

|
| 其中：一般公共预算：897.32
| 其中：基本支出：804.32

|
| 其他资金：
|

| 年度总体目标
| 预期目标
| 实际完成情况

|
| 目标
| 完成
""" + MERGED[MERGED.index("| 绩\n"):])
    assert e.kind is EvaluationKind.DEPARTMENT
    assert e.project.text == "某市就业服务中心"
    assert e.department.empty and e.unit.empty
    assert [f.item.text for f in e.funds] == ["年度资金总额"]
    assert e.funds[0].score.empty and e.funds[0].rate.text == "97.82%"
    assert (e.goal_planned.text, e.goal_actual.text) == ("目标", "完成")


def test_basic_data_table_without_indicator_header_is_not_read() -> None:
    result = READER.read(sheet_of("""
附件1-1
部门整体支出绩效评价基础数据表
| 财政供养人员情况
| 编制数
| 2023年实际在职人数
| 控制率

|
| 54
| 46
| 85%
"""))
    assert result.items == ()


def test_provenance_points_at_the_printed_line() -> None:
    sheet = sheet_of(MERGED)
    e = READER.read(sheet).items[0]
    assert isinstance(e, SelfEvaluation)
    line = e.indicators[0].weight.where.line
    assert line is not None and sheet.lines[line - 1].text == "\t15"
    assert e.where.line is not None and "自评表" in sheet.lines[e.where.line - 1].text


def test_identify_wants_header_words_alone_on_tab_led_lines() -> None:
    assert READER.identify(sheet_of(MERGED)) >= 0.2
    tabbed = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
    assert READER.identify(Sheet("t.txt", (Line(1, tabbed, tuple(tabbed.split("\t"))),))) < 0.2
    spaced = "一级指标\n二级指标\n三级指标\n分值\n得分"
    assert READER.identify(sheet_of(spaced)) < 0.2


def test_grid_rows_rebuilt_to_width() -> None:
    cells = runs_of(sheet_of("| a\n| b\n\n| c\n\n| d\n| e\n| f\n| g").lines)[0].cells
    assert [len(g) for g in groups_of(cells)] == [2, 1, 4]
    assert [[c.text for c in r] for r in rows_of(cells, 3)] == [["a", "b", "c"], ["d", "e", "f"], ["g"]]


LINES = st.sampled_from([
    "", "\t", "\t\u3000", "\t项目名称", "\t预算单位名称", "\t主管部门", "\t年初预算数", "\t全年执行数",
    "\t得分", "\t分值", "\t执行率", "\t年度总体目标", "\t预期目标", "\t绩效指标", "\t一级指标", "\t二级指标",
    "\t三级指标", "\t总分", "\t产出指标（50分）", "\t数量指标", "\t成本指", "\t……", "\t≤", "\t15", "\t98.8%",
    "\t其中：基本支出：804.32", "项目支出绩效自评表", "(2024年度)", "指标", "\t\t", "a\tb",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=80))
def test_read_never_raises_on_random_cells(lines: list[str]) -> None:
    text = "\n".join(lines)
    sheet = Sheet("t.txt", tuple(Line(n, t, tuple(t.split("\t"))) for n, t in enumerate(text.split("\n"), 1)))
    READER.identify(sheet)
    READER.read(sheet)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=400), st.sets(st.integers(min_value=0, max_value=400), max_size=20))
def test_read_never_raises_on_truncated_or_damaged_tables(cut: int, dropped: set[int]) -> None:
    lines = [line for n, line in enumerate(MERGED.split("\n")[:cut]) if n not in dropped]
    result = READER.read(sheet_of("\n".join(lines) or "x"))
    assert len(result.items) <= 1
