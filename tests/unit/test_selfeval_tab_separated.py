"""Tab-separated self-evaluations on small inline tables, read by the general reading
(``read_document``: the form engine): one layout repair per test.

Tables are written with ``|`` for a tab, so the cells can be read in the test.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.selfeval import EvaluationKind, SelfEvaluation
from jixiao.pipeline import read_document
from jixiao.readers.registry import all_readers
from jixiao.sources.sheet import Line, Sheet

HEAD = """部门项目支出绩效自评表
(2024 年度)
项目名称||某项目
主管部门||某局||实施单位||某中心
项目资金 (万元)||年初预算数|全年预算数|全年执行数|分值|执行率|得分
|年度资金总额|100.00|100.00|80.00|10.00|80.00%|8.00
年度总体目标||预期目标||实际完成情况
||完成培训||基本完成
"""
INDICATORS = "绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施\n"


def evaluations(text: str) -> list[SelfEvaluation]:
    document, _ = read_document("t.txt", text.replace("|", "\t").encode("utf-8"))
    return [*document.project_self_evaluations, *document.department_self_evaluations]


def read(text: str) -> SelfEvaluation:
    items = evaluations(text)
    assert len(items) == 1
    return items[0]


def test_header_funds_goals_and_total() -> None:
    e = read(HEAD + INDICATORS + "|产出指标 (50) 分|数量指标|培训人数（人）|≥100|90|50|45|\n总分||||||100|83\n")
    assert (e.year, e.project.text, e.department.text, e.unit.text) == (2024, "某项目", "某局", "某中心")
    fund = e.funds[0]
    assert (fund.item.text, fund.executed.text, fund.rate.text, fund.score.text) == ("年度资金总额", "80.00", "80.00%", "8.00")
    assert (e.goal_planned.text, e.goal_actual.text) == ("完成培训", "基本完成")
    assert (e.total_weight.text, e.total_score.text) == ("100", "83")
    assert [(h.level1, h.points.text) for h in e.headings] == [("产出指标", "50")]


def test_row_broken_across_lines_is_joined() -> None:
    e = read(HEAD + INDICATORS + "|产出指标 (50) 分|时效指标|发放时限|年底前|年底前|4|4|\n"
             + "成本指标|就业困难人员社保补贴（万|800|765.4|4|3.83|优先使用中央及自治区||\n"
             + "\n|||元)|||||资金\n总分||||||100|90\n")
    _, ind = e.indicators
    assert ind.name.text == "就业困难人员社保补贴（万元)"
    assert ind.reason.text == "优先使用中央及自治区资金"
    assert (ind.level1, ind.level2, ind.weight.text, ind.score.text) == ("产出指标", "成本指标", "4", "3.83")


def test_merged_cell_stays_on_the_blocks_first_indicator() -> None:
    e = read(HEAD + INDICATORS
             + "|产出指标 (50分)|数量指标|长聘用人数|9人|9人|15|12|未全部完成\n"
             + "|||训练营期数|2期|1期|||\n"
             + "|||短信通知|2000条|2000条|||\n总分||||||100|90\n")
    first, second, third = e.indicators
    assert (first.weight.text, first.score.text, first.reason.text) == ("15", "12", "未全部完成")
    assert second.weight.empty and second.score.empty and second.reason.empty
    assert (third.target.text, third.actual.text, third.level2) == ("2000条", "2000条", "数量指标")


def test_swapped_column_order_with_scoring_method() -> None:
    method = "1.若为定性指标，则根据“三档”原则记分。2.若为定量指标，按 B/A 记分。"
    e = read(HEAD.replace("|分值|执行率|得分", "")
             + "绩效指标|一级指标|二级指标|三级指标|分值|指标值 (A)|全年实际值 (B)|得分计算方法|得分|未完成原因\n"
             + f"|产出指标 (40分)|数量指标|考试项数|10|3项|3项|{method}|10|\n"
             + "|||成本指标|食宿费|4|10.65万元|9.99万元||3.75|调剂使用\n"
             + "满意度指标 (20分)|服务对象满意度指标|考生满意度|20|≥90%|≥90%|20|||\n"
             + "总分||||||||99.18|\n")
    a, b, c = e.indicators
    assert (a.weight.text, a.target.text, a.actual.text, a.score.text) == ("10", "3项", "3项", "10")
    assert (b.level2, b.weight.text, b.score.text, b.reason.text) == ("成本指标", "4", "3.75", "调剂使用")
    assert (c.level1, c.weight.text, c.score.text) == ("满意度指标", "20", "20")  # shifted one cell left
    assert e.method.text == method
    assert e.total_weight.empty and e.total_score.text == "99.18"


def test_placeholder_rows_are_dropped_and_late_labels_claim_their_block() -> None:
    e = read(HEAD + INDICATORS
             + "|产出指标 (50分)|数量指标|指标1: 参训60人|60人|61人|10|9|\n"
             + "|||指标1: 提升水平|≥90%|90%|15|15|\n"
             + "||质量指标|指标2: 无|||||\n"
             + "|效益指标 (30分)|经济效益指标|指标1: 无|||||\n"
             + "||服务对|用车满意度|99%|99%|10|10|\n总分||||||100|97\n")
    assert [i.name.text for i in e.indicators] == ["指标1: 参训60人", "指标1: 提升水平", "用车满意度"]
    assert [i.level2 for i in e.indicators] == ["数量指标", "质量指标", "服务对象满意度指标"]
    assert e.indicators[2].level1 == "满意度指标"


def test_table_without_total_stops_at_prose() -> None:
    e = read(HEAD + INDICATORS + "|产出指标 (50分)|数量指标|培训人数|100人|100人|50|50|\n\n"
             + "绩效指标\n|||培训期数|1期|1期|10|10|\n\n四、其他需要说明的情况\n" + "说明|1|2|3|4\n")
    assert [i.name.text for i in e.indicators] == ["培训人数", "培训期数"]


def test_a_name_that_reads_like_a_label_stays_a_name() -> None:
    e = read(HEAD + INDICATORS + "满意度指标 (10分)|服务对象满意度指标|服务对象满意度|≥90%|95%|10|10|\n总分||||||100|90\n")
    (ind,) = e.indicators
    assert (ind.level2, ind.name.text, ind.target.text) == ("服务对象满意度指标", "服务对象满意度", "≥90%")


def test_shifted_fund_rows() -> None:
    e = read(HEAD.replace("|年度资金总额|100.00|100.00|80.00|10.00|80.00%|8.00",
                          "||年度资金总额：||81.41|81.41|75.94|10|93.28%|9.3\n||其他资金|16.8|16.8||—|—|")
             + INDICATORS + "总分||||||100|90\n")
    total, other = e.funds
    assert (total.item.text, total.initial.text, total.score.text) == ("年度资金总额", "81.41", "9.3")
    assert (other.initial.text, other.budget.text, other.executed.text, other.weight.text) == ("16.8", "16.8", None, None)


def test_department_table_is_read_as_department() -> None:
    text = HEAD.replace("部门项目支出", "部门整体支出").replace("项目名称||某项目", "预算单位名称||某局")
    e = read(text + INDICATORS + "|产出指标 (50) 分|数量指标|培训人数（人）|≥100|90|50|45|\n总分||||||100|83\n")
    assert (e.kind, e.project.text, e.department.text) == (EvaluationKind.DEPARTMENT, "某局", "某局")
    assert [i.name.text for i in e.indicators] == ["培训人数（人）"]


def test_empty_project_name_still_anchors() -> None:
    e = read(HEAD.replace("项目名称||某项目", "项目名称") + INDICATORS
             + "|产出指标 (50) 分|数量指标|培训人数（人）|≥100|90|50|45|\n")
    assert (e.project.text, e.department.text, len(e.indicators)) == (None, "某局", 1)


def test_name_only_row_after_a_finished_name_is_its_own() -> None:
    # a total row closes the table: a last row the text ends inside would be left out (cut mid-way)
    body = "|产出指标 (50) 分|数量指标|培训人数（人）|≥100|90|50|45|\n|||{}\n|总分|||||100|95|\n"
    own = read(HEAD + INDICATORS + body.format("新增人数（人）"))
    assert [i.name.text for i in own.indicators] == ["培训人数（人）", "新增人数（人）"]
    wrapped = read(HEAD + INDICATORS + body.replace("培训人数（人）", "培训人数（万").format("人）"))
    assert [i.name.text for i in wrapped.indicators] == ["培训人数（万人）"]


def test_cost_level1_after_another_block() -> None:
    e = read(HEAD + INDICATORS + "|效益指标|社会效益指标|就业率|≥70%|75%|10|10|\n"
             "|成本指标|成本指标|人均成本（元）|≤100|90|10|10|\n")
    assert [(i.level1, i.level2) for i in e.indicators] == [("效益指标", "社会效益指标"), ("成本指标", "成本指标")]


def test_merged_header_cells_do_not_place_values_by_column() -> None:
    """A merged header is shorter than its rows: order, not column, places the values."""
    text = HEAD.replace("项目资金 (万元)||年初预算数|全年预算数|全年执行数|分值|执行率|得分\n"
                        "|年度资金总额|100.00|100.00|80.00|10.00|80.00%|8.00",
                        "项目资金 (万元)|年初预算数|全年预算数|全年执行数\n||年度资金总额||100.00||90.00||80.00|")
    text = text.replace("年度总体目标||预期目标||实际完成情况\n||完成培训||基本完成",
                        "年度总体目标|预期目标|实际完成情况\n||完成培训||||")
    e = read(text + INDICATORS + "|产出指标 (50) 分|数量指标|培训人数（人）|≥100|90|50|45|\n")
    (fund,) = e.funds
    assert (fund.initial.text, fund.budget.text, fund.executed.text) == ("100.00", "90.00", "80.00")
    assert (e.goal_planned.text, e.goal_actual.text) == ("完成培训", None)


_CELL = st.sampled_from(["", "项目名称", "总分", "产出指标 (50) 分", "数量指", "服务对", "指标2: 无", "10",
                         "4.88", "≥98%", "—", "年初预算数", "分值", "得分", "三级指标", "年度总体目标",
                         "预期目标", "成本指标", "部门项目支出绩效自评表", "(2024 年度)"]) | st.text(max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=10), max_size=30), st.integers(min_value=0, max_value=2000))
def test_read_never_raises(rows: list[list[str]], cut: int) -> None:
    """Random rows, and real-looking tables cut anywhere, read without raising by any reader."""
    text = HEAD + INDICATORS + "\n".join("|".join(r) for r in rows)
    for candidate in (text, text[:cut]):
        lines = candidate.replace("|", "\t").split("\n")
        sheet = Sheet("p.txt", tuple(Line(n, x, tuple(x.split("\t"))) for n, x in enumerate(lines, 1)))
        for reader in all_readers():
            reader.identify(sheet)
            reader.read(sheet)
