"""Self-evaluation tables printed as tab-separated rows, read by the general form engine:
generated variants of the printing (column order, values, labels), one rule per test.

Tab-separated text keeps each printed cell whole and each row a line, but drops or pads
empty cells where merged cells were, so a cell's column says little on its own.
"""

from __future__ import annotations

import pytest

from jixiao.model.selfeval import SelfEvaluation
from jixiao.readers.selfeval_form import SelfEvaluationForm
from jixiao.sources.text import load

HEAD = ["项目支出绩效自评表", "（2024年度）", "项目名称\t\t某项目\t\t", "主管部门\t\t某局\t\t实施单位\t\t某中心\t"]


def _read(lines: list[str]) -> list[SelfEvaluation]:
    sheet = load("t.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    return list(SelfEvaluationForm().read(sheet).items)


def _rows(weight_first: bool, rows: list[tuple[str, str, str, str, str, str]]) -> list[str]:
    """Rows (level1, level2, name, target, weight, score) with the method cell left empty
    and, as the printing does after the first row, dropped: the score slides left."""
    header = ["绩效指标", "一级指标", "二级指标", "三级指标"]
    header += ["分值", "指标值 (A)", "全年实际值 (B)"] if weight_first else ["指标值 (A)", "全年实际值 (B)", "分值"]
    out = ["\t".join(header + ["得分计算方法", "得分", "未完成原因"])]
    for l1, l2, name, target, weight, score in rows:
        values = [weight, target, target] if weight_first else [target, target, weight]
        out.append("\t".join(["", l1, l2, name, *values, score, "", ""]))
    return out


@pytest.mark.parametrize("weight_first", [True, False])
@pytest.mark.parametrize(("target", "weight"), [("有效保证", "20"), ("60000 件次", "5"), ("长效", "15")])
def test_a_short_value_is_no_scoring_method(weight_first: bool, target: str, weight: str) -> None:
    """A whole printed method cell is a rule written out: a short word beside the weight is
    the target, whichever of the two the header prints first."""
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "30", "30"),
            ("效益指标 (50分)", "社会效益指标", "群众知晓度", target, weight, weight)]
    table = _read(HEAD + _rows(weight_first, rows))[0]
    last = table.indicators[-1]
    assert (last.name.text, last.target.text, last.weight.text, last.score.text) == ("群众知晓度", target, weight, weight)


@pytest.mark.parametrize("weight_first", [True, False])
@pytest.mark.parametrize("score", ["99.18", "86.5", "100"])
def test_a_total_row_reads_past_its_empty_cells(weight_first: bool, score: str) -> None:
    """总分 with its columns left blank, each printed as an empty cell, then the score under
    得分: read, even where it equals the weights' sum too (its column says which)."""
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "50", "50"),
            ("效益指标 (50分)", "社会效益指标", "群众知晓度", "有效提升", "50", "50")]
    lines = HEAD + _rows(weight_first, rows)
    under = lines[len(HEAD)].split("\t").index("得分")
    total = ["总分"] + [""] * (under - 1) + [score, ""]
    table = _read(lines + ["\t".join(total)])[0]
    assert table.total_score.text == score and table.total_weight.empty


@pytest.mark.parametrize("names", [("考试项数", "培训场次"), ("案件数", "巡查次数", "备案量")])
def test_rows_above_the_first_block_label_lost_are_its_first_block(names: tuple[str, ...]) -> None:
    """The first rows print no level label (产出指标 and 数量指标 lost at a page break) and the
    first label printed is 质量指标: by the form's order they are 产出指标 / 数量指标."""
    rows = [("", "", n, "10 次", "5", "5") for n in names]
    rows += [("", "质量指标", "结案率", "≥95%", "5", "5"), ("", "时效指标", "办理时限", "≤60 日", "5", "5")]
    got = [(i.level1, i.level2) for i in _read(HEAD + _rows(True, rows))[0].indicators]
    assert got == [("产出指标", "数量指标")] * len(names) + [("产出指标", "质量指标"), ("产出指标", "时效指标")]


@pytest.mark.parametrize("first", ["质量指标", "时效指标"])
def test_rows_above_a_later_label_keep_no_level(first: str) -> None:
    """Only 质量指标 leaves one block above it; above 时效指标 rows may be 数量 or 质量: no level."""
    rows = [("", "", "案件数", "10 次", "5", "5"), ("", first, "结案率", "≥95%", "5", "5")]
    got = [(i.level1, i.level2) for i in _read(HEAD + _rows(True, rows))[0].indicators]
    assert got[1] == ("产出指标", first)
    assert got[0] == (("产出指标", "数量指标") if first == "质量指标" else (None, None))


@pytest.mark.parametrize("outcome", ["经济效益指标", "社会效益指标", "可持续影响指标"])
def test_an_outcome_level_2_after_cost_starts_its_block(outcome: str) -> None:
    """No level 1 printed at all: 成本指标 beside 时效指标 is the output block's; a 效益 level 2
    after it begins the 效益 block, not a level 2 of 产出指标."""
    rows = [("", "数量指标", "培训人数", "≥100人", "20", "20"), ("", "时效指标", "完成时限", "年底前", "10", "10"),
            ("", "成本指标", "培训费", "≤5万元", "10", "10"), ("", outcome, "群众知晓度", "有效提升", "30", "30")]
    got = [(i.level1, i.level2) for i in _read(HEAD + _rows(True, rows))[0].indicators]
    assert got[2] == ("产出指标", "成本指标")
    assert got[3] == ("效益指标", outcome)


@pytest.mark.parametrize(("budget", "executed"), [("17.98", "17.98"), ("3144.79", "2651.19"), ("60.00", "59.82")])
def test_a_fund_line_ends_where_its_row_does(budget: str, executed: str) -> None:
    """A fund line without its 年初预算数 (a blank cell) and dashes for weight and score: the
    empty cells that close its row and open the next are no columns of it."""
    funds = ["项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t",
             f"\t\t年度资金总额:\t\t{budget}\t{executed}\t10\t90%\t9",
             f"\t\t其中:当年财政拨款\t\t{budget}\t{executed}\t—\t\t—",
             "\t\t上年结转资金\t\t\t\t—\t\t—"]
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "50", "50")]
    table = _read(HEAD + funds + _rows(False, rows))[0]
    line = table.funds[1]
    assert (line.initial.text, line.budget.text, line.executed.text) == (None, budget, executed)


@pytest.mark.parametrize(("target", "weight", "score"), [("700人次", "0.6", "0.6"), ("10张", "0.6", "0"), ("95%", "5", "5")])
def test_a_blank_actual_stays_blank(target: str, weight: str, score: str) -> None:
    """实际完成值 left blank on a row padded to the table's width: the weight and score stay
    in their columns rather than sliding into the blank one."""
    lines = ["一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\t",
             "数量指标\t\t培训人数\t20人\t20人\t0.6\t0.6\t\t",
             f"\t\t办公桌\t{target}\t\t{weight}\t{score}\t\t"]
    got = _read(HEAD + lines)[0].indicators[-1]
    assert (got.target.text, got.actual.text, got.weight.text, got.score.text) == (target, None, weight, score)


@pytest.mark.parametrize(("weight", "target", "actual"), [("3", "2.65 万元", "2.06 万元"), ("10", "≤60 日", "≤60 日")])
def test_a_stray_blank_cell_does_not_shift_the_row(weight: str, target: str, actual: str) -> None:
    """A blank cell the printing left between the name and the weight (a merged cell's
    remains): skipped, rather than taken for the weight with every value after it moved on."""
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "30", "30")]
    lines = HEAD + _rows(True, rows) + ["\t".join(["", "成本指标", "资料印刷费", "", weight, target, actual, "2.33", "", ""])]
    got = _read(lines)[0].indicators[-1]
    assert (got.weight.text, got.target.text, got.actual.text) == (weight, target, actual)


@pytest.mark.parametrize("goal", ["目标 1. 补贴人数 3800 人。 目标 2. 安置 535 人。", "目标一：举办招聘会 12 场。 目标二：培训 500 人。"])
def test_a_goal_printed_in_one_cell_stays_one_goal(goal: str) -> None:
    """预期目标 | 实际完成情况 over one cell of sentences, the other cell blank: the cell is the
    planned goal whole (only text run together on a line is cut at its sentences)."""
    lines = ["年度总体目标\t\t预期目标\t\t实际完成情况\t\t\t", f"\t\t{goal}\t\t\t\t\t"]
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "50", "50")]
    table = _read(HEAD + lines + _rows(False, rows))[0]
    assert (table.goal_planned.text or "").replace(" ", "") == goal.replace(" ", "") and table.goal_actual.empty


@pytest.mark.parametrize(("head", "tail", "reason"), [("社保补贴（万", "元)", ("优先使用中央及自治区", "资金")),
                                                      ("培训人数（", "人）", ("", ""))])
def test_a_row_broken_across_lines_joins_the_row_above(head: str, tail: str, reason: tuple[str, str]) -> None:
    """The extractor broke a row after a blank line: the line holding only the name's and the
    reason's ends (no value) joins the row above instead of making an indicator."""
    lines = ["一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
             f"产出指标\t成本指标\t{head}\t800\t765.4\t4\t3.83\t{reason[0]}", "",
             f"\t\t{tail}\t\t\t\t\t{reason[1]}", "\t\t下一指标\t≥90%\t95%\t6\t6\t"]
    got = _read(HEAD + lines)[0].indicators
    assert [i.name.text for i in got] == [head + tail, "下一指标"]
    assert (got[0].reason.text or "") == "".join(reason)


@pytest.mark.parametrize("level1", ["", "产出指标 (50分)"])
def test_cost_printed_twice_after_the_output_block_is_its_level_2(level1: str) -> None:
    """成本指标 | 成本指标 after 时效指标: one merged cell printed in two columns, the older
    form's 成本指标 beside 数量/质量/时效 under 产出指标 (the 2021 form's 成本 level 1
    stands over 经济成本指标 …, never over itself)."""
    rows = [(level1, "数量指标", "培训人数", "≥100人", "20", "20"), ("", "时效指标", "完成时限", "年底前", "10", "10"),
            ("成本指标", "成本指标", "短信费", "0.04元每条", "10", "10"), ("", "", "登记费", "0.5元每人", "10", "10")]
    got = [(i.level1, i.level2) for i in _read(HEAD + _rows(True, rows))[0].indicators]
    assert got[2] == got[3] == ("产出指标", "成本指标")


@pytest.mark.parametrize("repeated", ["质量指标", "时效指标"])
def test_a_label_printed_again_on_the_same_page_started_no_block(repeated: str) -> None:
    """A level-2 label at a page top, unlabelled rows, then the same label again on the next
    lines: the first print is a stray copy; its rows continue the block before it. With a
    page break (blank lines) between the two prints, each starts what it says."""
    def lines(gap: list[str]) -> list[str]:
        rows = [("产出指标", "数量指标", "打印纸", "150箱", "1", "1"), ("", "", "碎纸机", "2台", "1", "1")]
        page = [("产出指标", repeated, "一体机", "2台", "1", "1"), ("", "", "软件", "35套", "1", "1")]
        after = [("", repeated, "完成率", "≥90%", "10", "10")]
        body = _rows(True, rows)
        return HEAD + body + _rows(True, page)[1:] + gap + _rows(True, after)[1:]
    same_page = [(i.name.text, i.level2) for i in _read(lines([]))[0].indicators]
    assert [lv for _, lv in same_page] == ["数量指标"] * 4 + [repeated]
    new_page = [(i.name.text, i.level2) for i in _read(lines(["", "", "绩效指标", ""]))[0].indicators]
    assert [lv for _, lv in new_page] == ["数量指标"] * 2 + [repeated] * 3


@pytest.mark.parametrize("cut", ["益 指 标 (30分)", "目标 (30分)", "出指标（50分）"])
def test_a_label_cut_at_its_head_is_consumed(cut: str) -> None:
    """A level-1 cell split where a merged cell broke keeps only its tail and points: a label
    that tells nothing, never an indicator; the level 2 beside it still counts."""
    rows = [("效益指标 (50分)", "社会效益指标", "群众知晓度", "有效提升", "25", "25"),
            (cut, "可持续影响指标", "长效机制", "长期", "25", "25")]
    got = [(i.name.text, i.level1, i.level2) for i in _read(HEAD + _rows(True, rows))[0].indicators]
    assert got == [("群众知晓度", "效益指标", "社会效益指标"), ("长效机制", "效益指标", "可持续影响指标")]


@pytest.mark.parametrize("money", [("10万元", "3万元"), ("45万元", "0.5万元")])
def test_cost_rows_above_a_mid_block_cost_label_are_its_rows(money: tuple[str, str]) -> None:
    """成本指标 printed at the next page's top, mid-block: the unlabelled rows above it that
    count money are its rows; the 时效指标 row they follow keeps its label."""
    rows = [("产出指标 (50分)", "时效指标", "办理时限", "≤45天", "5", "5"),
            ("", "", "档案数字化费", money[0], "5", "5"), ("", "", "办案用品购置", money[1], "5", "5")]
    after = [("", "成本指标", "以案定补经费", "24万元", "5", "5")]
    lines = HEAD + _rows(True, rows) + ["", "绩效指标"] + _rows(True, after)[1:]
    got = [i.level2 for i in _read(lines)[0].indicators]
    assert got == ["时效指标", "成本指标", "成本指标", "成本指标"]


@pytest.mark.parametrize("later", [2, 3])
def test_a_label_beside_a_later_number_began_at_number_1(later: int) -> None:
    """质量指标 printed beside 指标2 (a placeholder row): its block began at the 指标1 row above."""
    rows = [("产出指标 (50分)", "数量指标", "指标1: 参训人数", "60人", "10", "9"),
            ("", "", "指标1: 业务能力提升水平", "≥90%", "15", "15")]
    rows += [("", "", f"指标{n}: 无", "", "", "") for n in range(2, later)]
    rows += [("", "质量指标", f"指标{later}: 无", "", "", ""), ("", "时效指标", "指标1: 完成时间", "7月", "15", "15")]
    got = [(i.name.text, i.level2) for i in _read(HEAD + _rows(True, rows))[0].indicators]
    assert got[:2] == [("指标1: 参训人数", "数量指标"), ("指标1: 业务能力提升水平", "质量指标")]


@pytest.mark.parametrize("printed_level1", [True, False])
def test_the_level_1_printed_again_goes_on_with_its_block(printed_level1: bool) -> None:
    """产出指标 printed again at a page top beside a blank level-2 cell: the 数量指标 block goes on
    (whether the table printed 产出指标 before or left it to the national tree)."""
    rows = [("产出指标 (50分)" if printed_level1 else "", "数量指标", "指标1: 参赛", "1次", "1", "1"),
            ("", "", "指标2: 培训", "3个", "1", "1")]
    page = [("产出指标 (50分)", "", "指标3: 大赛", "1次", "1", "1"), ("", "质量指标", "指标1: 精准率", "95%", "10", "10")]
    lines = HEAD + _rows(True, rows) + ["", "绩效指标"] + _rows(True, page)[1:]
    got = [(i.level1, i.level2) for i in _read(lines)[0].indicators]
    assert got == [("产出指标", "数量指标")] * 3 + [("产出指标", "质量指标")]


@pytest.mark.parametrize(("budget", "rate"), [("386.73", "77.23%"), ("50", "25.78%")])
def test_a_goal_naming_the_fund_columns_is_prose(budget: str, rate: str) -> None:
    """A long goal cell that says 全年预算数为…, 实际执行数为…, 执行率为… names the fund columns
    in sentences: one cell of prose, not a table run together to be cut at its labels."""
    actual = (f"2024年项目全年预算数为{budget}万元,其中上年结转资金10万元,2024年实际执行数为12.89万元,"
              f"执行率为{rate}。完成全区社会保险各信息系统的建设维护;完成网络安全设备及系统购置工")   # cut off
    lines = ["年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t", f"\t保障各系统正常运行。\t\t\t{actual}\t\t\t"]
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "50", "50")]
    table = _read(HEAD + lines + _rows(False, rows))[0]
    assert table.goal_actual.text == actual


@pytest.mark.parametrize("group", ["绩效指标", "绩效", ""])
def test_a_header_row_repeated_at_a_page_top_is_no_indicator(group: str) -> None:
    """The indicator header printed again after a page footer (with its grouping cell whole,
    cut or blank): furniture, not a row."""
    rows = [("产出指标 (50分)", "数量指标", "培训人数", "≥100人", "25", "25"), ("", "", "培训场次", "4场", "25", "25")]
    lines = HEAD + _rows(False, rows)
    header = lines[len(HEAD)].split("\t")
    lines = lines[:-1] + ["- 2 -", "\t".join([group] + header[1:])] + lines[-1:]
    got = [i.name.text for i in _read(lines)[0].indicators]
    assert got == ["培训人数", "培训场次"]
