"""Indicator headers printed on two lines, the second holding sub-columns of the first's
group cells (Hebei's 预算项目绩效自评表: 预期指标值 over 符号 | 单位, 自评得分 over 单项指标得分 |
权重占比 | 折算得分), and the cells such a form prints after them.

The forms are generated here with other values, names and units than any document, and
printed two ways (space-separated rows, one cell per line with bars).
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.readers.form_split import split_line
from jixiao.sources.stream import split_run

HEAD = ("一级指标", "二级指标", "三级指标", "指标分值", "预期指标值", "单项指标实际完成值", "单项指标完成情况", "自评得分")
SUB = ("符号", "单位(文字描述)", "单项指标得分", "权重占比(%)", "单项指标折算得分")
ROWS = [
    ("产出指标", "数量指标", "培训人次", "参加培训的人次", "≥", "300", "人次", "320人次", "完成", "40.00", "40.00", "16.00"),
    ("产出指标", "时效指标", "按时完成率", "当年完成的比例", ">=", "90", "%(百分比)", "95%", "完成", "20.00", "20.00", "4.00"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "学员满意的比例", ">=", "85", "%(百分比)", "88%", "完成",
     "15.00", "15.00", "2.25"),
]


def _form(how: str, rows: list[tuple[str, ...]]) -> bytes:
    lines = [("某县人社局2022年度预算项目绩效自评表",), ("一、基本情况", "项目名称:", "职业技能培训"),
             ("四、年度绩效指标完成情况",) + HEAD, SUB, *rows]
    if how == "bars":
        return "\n".join(f"{c} |" for line in lines for c in line).encode()
    return "\n".join(" ".join(line) for line in lines).encode()


@pytest.mark.parametrize("how", ["spaces", "bars"])
def test_sub_columns_on_a_second_header_line_take_their_group_cells_place(how: str) -> None:
    e = read_document(f"{how}.txt", _form(how, ROWS))[0].project_self_evaluations[0]
    got = [(i.level2, i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text) for i in e.indicators]
    assert got == [
        ("数量指标", "培训人次", "≥300人次", "320人次", "40.00", "16.00"),
        ("时效指标", "按时完成率", ">=90%(百分比)", "95%", "20.00", "4.00"),
        ("服务对象满意度指标", "服务对象满意度", ">=85%(百分比)", "88%", "15.00", "2.25"),
    ]


def test_without_its_sub_header_line_the_top_line_reads_as_before() -> None:
    """The rule needs the second line: a header on one line keeps its own columns."""
    rows = [("产出指标", "数量指标", "培训人次", "10", "≥300人次", "320人次", "完成", "10")]
    lines = [("某县人社局2022年度预算项目绩效自评表",), ("项目名称:", "职业技能培训"), HEAD, *rows]
    data = "\n".join(" ".join(line) for line in lines).encode()
    e = read_document("one.txt", data)[0].project_self_evaluations[0]
    assert [(i.name.text, i.target.text, i.weight.text, i.score.text) for i in e.indicators] == [
        ("培训人次", "≥300人次", "10", "10")]


@pytest.mark.parametrize(("text", "cells"), [
    ("覆盖率 100% 完成 25.00", ["覆盖率", "100%", "完成", "25.00"]),
    ("到位率 98.5% 未完成 10", ["到位率", "98.5%", "未完成", "10"]),
    ("满意度 ≥95% 以上 10", ["满意度", "≥95% 以上", "10"]),
])
def test_a_word_after_a_percent_is_the_next_cell_unless_it_bounds_the_value(text: str, cells: list[str]) -> None:
    assert split_run(text) == cells


@pytest.mark.parametrize("name", ["服务对象满意度", "社会效益"])
def test_a_level_2_printed_again_in_its_short_form_is_the_indicators_name(name: str) -> None:
    """服务对象满意度指标 | 服务对象满意度: a level never follows itself, the second is the name."""
    level2 = name + "指标"
    level1 = "满意度指标" if name.startswith("服务") else "效益指标"
    text = ("某单位2021年度项目支出绩效自评表\n项目名称 某项目\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            f"产出指标 数量指标 培训人数 ≥100人 120人 50 50\n{level1} {level2} {name} ≥90% 95% 10 9\n")
    e = read_document("again.txt", text.encode())[0].project_self_evaluations[0]
    assert [(i.level2, i.name.text, i.score.text) for i in e.indicators] == [
        ("数量指标", "培训人数", "50"), (level2, name, "9")]


@pytest.mark.parametrize(("run", "roles", "cells"), [
    ("1.561.56120", ("budget", "executed", "rate", "score"), ("1.56", "1.56", "1", "20")),
    ("50480.9610", ("budget", "executed", "rate", "score"), ("50", "48", "0.96", "10")),
    ("1009010909", ("budget", "executed", "weight", "rate", "score"), ("100", "90", "10", "90", "9")),
])
def test_a_rate_printed_as_a_fraction_is_split_by_the_arithmetic(run: str, roles: tuple[str, ...],
                                                                 cells: tuple[str, ...]) -> None:
    assert split_line((run,), roles) == cells


@pytest.mark.parametrize(("line", "amounts"), [
    ("年度财政资金总额 1.561.56120度效标O0B年绩目", ("1.56", "1.56", "100%", "20")),
    ("年度财政资金总额 8.007.200.918二级指标", ("8.00", "7.20", "90%", "18")),
])
def test_a_fund_run_glued_to_the_next_words_reads_its_digits(line: str, amounts: tuple[str, ...]) -> None:
    text = ("某区2020年度项目自评表\n项目名称 渔业补贴\n预算执行情况(万元)(20分) 预算数(A) 执行数(B) 执行率(B/A) 得分\n"
            f"{line}\n二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分\n数量指标 补贴户数 6户 6户 20\n")
    e = read_document("run.txt", text.encode())[0].project_self_evaluations[0]
    fund = e.funds[0]
    assert (fund.budget.text, fund.executed.text, fund.rate.text, fund.score.text) == amounts


@pytest.mark.parametrize(("amounts", "rows"), [
    (("12.50", "12.50", "10.00", "80.00"), [("其中:财政资金", "10.00", "8.00"), ("其他", "2.50", "2.00")]),
    (("30.00", "28.00", "27.00", "90.00"), [("其中:财政资金", "27.00", "27.00"), ("其他", "3.00", "0.00")]),
])
def test_a_fund_block_whose_column_groups_each_print_their_label(amounts: tuple[str, ...],
                                                                 rows: list[tuple[str, str, str]]) -> None:
    """Hebei's 预算执行情况: 预算数 x 到位数 y 执行数 z 进度, then each line's item printed
    again before each group's value; 到位数 has no field and is read past."""
    budget, received, executed, rate = amounts
    lines = ["某县民政局2021年度预算项目绩效自评表", "一、基本情况 项目名称: 养老补贴 金额单位: 万元",
             "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)",
             f"预算数 {budget} 到位数 {received} 执行数 {executed} {rate}"]
    lines += [f"{item} {b} {item} {b} {item} {x}" for item, b, x in rows]
    lines += ["四、年度绩效指标完成情况 一级指标 二级指标 三级指标 预期指标值 实际完成值 分值 得分",
              "产出指标 数量指标 补贴人数 ≥100人 120人 50 50"]
    e = read_document("groups.txt", "\n".join(lines).encode())[0].project_self_evaluations[0]
    got = [(f.item.text, f.budget.text, f.executed.text, f.rate.text) for f in e.funds]
    assert got == [(None, budget, executed, rate)] + [(item, b, x, None) for item, b, x in rows]


@pytest.mark.parametrize(("label", "value"), [("实施(主管)单位", "314002-某县民政局机关"), ("主管(实施)单位", "某区教育局")])
def test_one_head_cell_naming_department_and_unit_fills_both(label: str, value: str) -> None:
    text = (f"某县2021年度预算项目绩效自评表\n一、基本情况 项目名称: 某项目 {label} {value} 金额单位: 万元\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 补贴人数 ≥100人 120人 50 50\n")
    e = read_document("both.txt", text.encode())[0].project_self_evaluations[0]
    assert (e.department.text, e.unit.text) == (value, value)


@pytest.mark.parametrize("rate", [" 100.00", ""])
def test_goals_printed_a_row_a_line_join_by_column(rate: str) -> None:
    """三、目标完成情况 | 年度预期目标 | 具体完成情况 | 总体完成率: each line a goal and what was
    done; the planned goal is the first cells joined, the actual the second."""
    text = ("某县2021年度预算项目绩效自评表\n一、基本情况 项目名称: 某项目\n"
            "三、目标完成情况 年度预期目标 具体完成情况 总体完成率(%)\n"
            f"完成道路养护50公里。 完成道路养护52公里。{rate}\n保障群众安全出行 群众出行更加安全\n"
            "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 养护里程 ≥50公里 52公里 50 50\n")
    e = read_document("goals.txt", text.encode())[0].project_self_evaluations[0]
    assert (e.goal_planned.text, e.goal_actual.text) == (
        "完成道路养护50公里。保障群众安全出行", "完成道路养护52公里。群众出行更加安全")


def test_goal_lines_that_print_no_two_cells_are_no_rows() -> None:
    """Under 预期目标 | 实际完成情况, lines of two sentences each and no line of two cells:
    which sentence is whose cannot be told by rows; the rows rule stays out."""
    text = ("某县2021年度预算项目绩效自评表\n项目名称: 某项目\n年度总体目标 预期目标 实际完成情况\n"
            "1.完成养护50公里。 2.保障安全出行。\n1.完成养护52公里。 2.出行更加安全。\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 养护里程 ≥50公里 52公里 50 50\n")
    e = read_document("lines.txt", text.encode())[0].project_self_evaluations[0]
    assert e.goal_planned.text != "1.完成养护50公里。1.完成养护52公里。"


def test_a_run_together_fund_block_with_a_received_column_reads_without_error() -> None:
    """资金到位情况 has no field: lines run together under it are still read (or left empty)."""
    lines = ["某县民政局2021年度预算项目绩效自评表", "一、基本情况 项目名称: 养老补贴",
             "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)",
             "其中:财政资金 12.5012.5010.0080.00%", "其他 2.502.502.0080.00%",
             "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 预期指标值 实际完成值 分值 得分",
             "产出指标 数量指标 补贴人数 ≥100人 120人 50 50"]
    e = read_document("runs.txt", "\n".join(lines).encode())[0].project_self_evaluations[0]
    assert [f.item.text for f in e.funds] == ["其中:财政资金", "其他"]
    read = {(f.budget.text, f.executed.text) for f in e.funds}
    assert read <= {(None, None), ("12.50", "10.00"), ("2.50", "2.00")}     # 到位数 never read as executed
