"""A spreadsheet dumped to text in drawing order on one line, cells apart by single spaces:
the header row's cells land among the first rows, and the fund lines' labels apart from
their values.

Each rule is tested on generated variants of the printing (other values, units, order,
where the header's cells land), never on one document's words.
"""

from __future__ import annotations

import pytest

from jixiao.model.selfeval import SelfEvaluation
from jixiao.pipeline import read_document

HEAD = "某县项目支出绩效自评表 (2021年度) 项目名称 测试项目 主管部门 某县某局 "


def _read(text: str) -> SelfEvaluation:
    document, _ = read_document("dump.txt", text.encode())
    assert len(document.project_self_evaluations) == 1
    return document.project_self_evaluations[0]


ROWS = [("指标1:培训人数", "120人", "118人", "20", "19"), ("指标2:发放资料", "50种", "50种", "10", "10"),
        ("指标3:宣传次数", "12次", "15次", "10", "10"), ("指标4:覆盖率", "95.00%", "93.10%", "10", "9.8")]


def _rows(rows: list[tuple[str, str, str, str, str]]) -> str:
    return " ".join(" ".join(r) for r in rows)


@pytest.mark.parametrize("where", ["split", "after", "later"])
@pytest.mark.parametrize("rows", [ROWS, ROWS[1:][::-1], [tuple(x.replace("人", "户") for x in r) for r in ROWS[:3]]])
def test_header_cells_printed_among_the_first_rows(where: str, rows: list[tuple[str, str, str, str, str]]) -> None:
    """Only 二级指标 三级指标 where the header stands; its value columns (年度|指标值,
    实际|完成值 wrapped, 分值, 得分) printed before it and after the first row's name, all
    after that name, or among the first row's values."""
    name, target, actual, weight, score = rows[0]
    rest = _rows(rows[1:])
    if where == "split":
        body = f"年度 实际 指标值 完成值 二级指标 三级指标 {name} 分值 得分 {target} {actual} {weight} {score} {rest}"
    elif where == "after":
        body = f"二级指标 三级指标 {name} 年度 实际 指标值 完成值 分值 得分 {target} {actual} {weight} {score} {rest}"
    else:
        body = (f"二级指标 三级指标 {name} 实际 指标值 完成值 {target} 分值 得分 偏差原因分析及改进措施 "
                f"{actual} {weight} {score} {rest}")
    e = _read(HEAD + "年度资金总额 其中:当年财政拨款 " + body)
    got = [(i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text) for i in e.indicators]
    assert got == list(rows)


@pytest.mark.parametrize("word", ["指标值", "完成值 分值"])
def test_a_stray_header_word_among_rows_makes_no_columns(word: str) -> None:
    """A column printed apart under its own header (指标值 then its values) is no header
    row: with fewer than three value columns named, the rows read as they did without it."""
    rows = ["培训人数 120人 118人 20 19", "发放资料 50种 50种 10 10"]
    plain, _ = read_document("dump.txt", (HEAD + "二级指标 三级指标 " + " ".join(rows)).encode())
    stray, _ = read_document("dump.txt", (HEAD + f"二级指标 三级指标 {rows[0]} {word} {rows[1]}").encode())
    assert [e.indicators for e in stray.project_self_evaluations] == [e.indicators for e in plain.project_self_evaluations]


COLUMNS = "全年预算数 全年执行数 分值 执行率 得分"


def _fund_rows(budget: str, executed: str, rate: str) -> tuple[str, str]:
    return f"{budget} {executed} 10 {rate} 9", f"{budget} {executed} — {rate} —"


@pytest.mark.parametrize(("budget", "executed", "rate"), [("65.66", "65.07", "99%"), ("1200", "1080.5", "90.04%")])
@pytest.mark.parametrize("where", ["items_first", "run_between"])
def test_fund_values_printed_after_their_items(budget: str, executed: str, rate: str, where: str) -> None:
    """The item column printed first (or the first item, then the amounts, then the other
    items), the header's cells and an info cell between: the run is cut after each rate's
    following cell, the pieces go to the lines without values in order."""
    total, fiscal = _fund_rows(budget, executed, rate)
    if where == "items_first":
        block = (f"项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 {COLUMNS} {total} {fiscal} "
                 "上年结转资金 — — 其他资金 — —")
    else:
        block = f"年初预算数 项目资金 (万元) 年度资金总额 实施单位 某县某中心 {COLUMNS} {total} {fiscal} " \
                "其中:当年财政拨款 上年结转资金 其他资金"
    e = _read(HEAD + block + " 二级指标 三级指标 指标值 完成值 分值 得分 指标1:人数 10人 10人 90 90")
    got = [(f.item.text, f.budget.text, f.executed.text, f.weight.text, f.rate.text, f.score.text) for f in e.funds]
    assert got[0] == ("年度资金总额", budget, executed, "10", rate, "9")
    assert got[1][:3] == ("其中:当年财政拨款", budget, executed) and got[1][4] == rate
    assert e.funds[1].weight.empty and e.funds[1].score.empty
    assert all(f.budget.empty and f.rate.empty for f in e.funds[2:])


@pytest.mark.parametrize("run", ["65.66 65.07 10 9 65.66 65.07", "65.66 65.07 10 99% 9 65.66 65.07 — 99%",
                                 "1 99% 2 2 99% 3 3 99% 4"])
def test_fund_values_apart_that_do_not_cut_by_rate_stay_empty(run: str) -> None:
    """No rate to cut at, cells left over, or more pieces than lines without values:
    whose values are whose cannot be told."""
    block = f"项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 {COLUMNS} {run} 上年结转资金 — —"
    e = _read(HEAD + block + " 二级指标 三级指标 指标值 完成值 分值 得分 指标1:人数 10人 10人 90 90")
    assert all(f.budget.empty and f.executed.empty and f.rate.empty for f in e.funds)


GOALS = [("完成全县参保人员补助发放", "全县参保人员补助已按时发放"), ("开展健康教育讲座不少于十次", "开展讲座十二次,群众满意")]
FUNDS = f"年初预算数 {COLUMNS} 年度资金总额 100 90 10 90% 9 其中:当年财政拨款 100 90 — 90% — 上年结转资金 — — 其他资金 — — "
ROWS_AFTER = "指标值 完成值 分值 得分 指标1:人数 10人 10人 90 90"


@pytest.mark.parametrize(("planned", "actual"), GOALS)
@pytest.mark.parametrize("where", ["label_cut_before", "label_cut_after"])
def test_goals_under_a_section_label_cut_into_cells(planned: str, actual: str, where: str) -> None:
    """年度总体目标 wrapped into short cells: printed before the indicator header's first
    cell with the goals after that cell, or after the goals and their 预期目标 labels."""
    if where == "label_cut_before":
        goals = f"年度 总体 目标 一级 指标 — {planned} {actual} 年度 实际 二级指标 三级指标 "
    else:
        goals = f"预期目标 实际完成情况 {planned} {actual} 年度总 体目标 一级 指标 二级指标 三级指标 "
    e = _read(HEAD + FUNDS + goals + ROWS_AFTER)
    assert (e.goal_planned.text, e.goal_actual.text) == (planned, actual)


def test_goals_whose_owner_cannot_be_told_stay_empty() -> None:
    """Two labels, one text among a stray rate: which goal it is cannot be told."""
    goals = f"预期目标 年度 总体 目标 86.19% 实际完成情况 {GOALS[0][1]} 一级指标 二级指标 三级指标 "
    e = _read(HEAD + FUNDS + goals + ROWS_AFTER)
    assert e.goal_planned.empty and e.goal_actual.empty


@pytest.mark.parametrize(("level1", "points"), [("产出指标", "(50分 )"), ("效益指标", "(30分)")])
def test_merged_level_cells_among_a_rows_cells(level1: str, points: str) -> None:
    """The group cell (绩 效 指 标) and a level's points printed as cells of their own
    inside the first row: neither is a cell of the row."""
    rows = (f"一级指标 二级指标 三级指标 指标值 完成值 分值 得分 {level1.replace('指标', ' 指标')} {points} "
            "数量指标 指标1:培训人数 绩 效 指 标 120人 118人 20 19 质量指标 指标1:合格率 98% 99% 10 10")
    e = _read(HEAD + rows)
    got = [(i.level1, i.name.text, i.target.text, i.actual.text, i.weight.text) for i in e.indicators]
    assert got == [(level1, "指标1:培训人数", "120人", "118人", "20"), (level1, "指标1:合格率", "98%", "99%", "10")]


@pytest.mark.parametrize("rows", [ROWS, ROWS[::-1], ROWS[:3]])
@pytest.mark.parametrize("apart", [1, 2])
def test_names_printed_before_their_values(rows: list[tuple[str, str, str, str, str]], apart: int) -> None:
    """A wrapped name's first line drawn before the row's values: the next rows' names
    come first (指标24:… | 指标25:… 14例 14例 2 2 | 24694人 22584人 2 1.7)."""
    head, tail = rows[:-apart - 1], rows[-apart - 1:]
    printed = _rows(head) + " " + " ".join(r[0] for r in tail) + " " + " ".join(" ".join(r[1:]) for r in tail)
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 产出指标 数量指标 " + printed)
    got = [(i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text) for i in e.indicators]
    assert got == list(rows)


def test_names_and_values_that_do_not_pair_stay_apart() -> None:
    """Two names, then values of one row and a lone number: whose values they are cannot
    be told, so no name takes them."""
    printed = "指标1:培训人数 指标2:发放资料 120人 118人 20 19 35"
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 产出指标 数量指标 " + printed)
    assert not any(i.name.text == "指标1:培训人数" and not i.target.empty for i in e.indicators)


@pytest.mark.parametrize(("text", "cells"), [
    ("指标2:发放资料 不少于12 种 不少于6 种 116次", ["不少于12 种", "不少于6 种"]),
    ("指标2:培训天数 至少30 天 不低于20 天 32天", ["至少30 天", "不低于20 天"]),
])
def test_values_led_by_a_comparator_word_are_cells_of_their_own(text: str, cells: list[str]) -> None:
    from jixiao.sources.stream import split_run
    got = split_run("项目名称 测试 主管部门 某局 " + text)
    assert all(c in got for c in cells)


@pytest.mark.parametrize(("first", "rest", "values"), [
    ("指标1:资金是否全部纳入医", "保统筹", "100% 100% 15 15"),
    ("指标2:培训合格人员占参训", "人员比例", "≥90% 95% 10 9.5"),
])
def test_a_numbered_name_wrapped_over_two_lines(first: str, rest: str, values: str) -> None:
    """A numbered name's first line drawn alone, its rest first among the row's values."""
    printed = f"产出指标 数量指标 指标1:人数 10人 10人 5 5 质量指标 {first} {rest} {values}"
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 " + printed)
    assert [i.name.text for i in e.indicators] == ["指标1:人数", first + rest]
    assert " ".join(x.text or "" for x in (e.indicators[1].target, e.indicators[1].actual,
                                           e.indicators[1].weight, e.indicators[1].score)) == values


def test_an_unnumbered_cell_alone_is_not_a_name_wrapped() -> None:
    """Without the form's numbering, a cell alone before a row may be a level the
    vocabulary does not know: it is not joined to the next row's name."""
    printed = "产出指标 数量指标 指标1:人数 10人 10人 5 5 采购管理 执行率 100% 100% 5 5"
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 " + printed)
    assert all("采购管理执行率" not in (i.name.text or "") for i in e.indicators)


@pytest.mark.parametrize("unit", ["某县医疗保险服务中心", "某某镇卫生院"])
def test_the_unit_drawn_among_the_first_row(unit: str) -> None:
    """实施单位 printed with no value (the header's cells follow it); its value drawn among
    the first indicator row's cells, between the name and the values."""
    head = HEAD + "年初预算数 年度资金总额 实施单位 全年预算数 全年执行数 分值 执行率 得分 100 90 10 90% 9 "
    printed = (f"一级 指标 二级指标 三级指标 数量指标 指标1:人数 绩 效 指 标 {unit} 产出 指标 (50分 ) "
               "实际 指标值 完成值 8755 分值 得分 8676 15 13 质量指标 指标1:合格率 100% 100% 15 15")
    e = _read(head + printed)
    assert e.unit.text == unit
    got = [(i.level1, i.level2, i.name.text, i.target.text, i.actual.text, i.weight.text) for i in e.indicators]
    assert got[0] == ("产出指标", "数量指标", "指标1:人数", "8755", "8676", "15")


def test_a_unit_already_read_leaves_the_rows_alone() -> None:
    head = HEAD + "实施单位 某县某局 年初预算数 年度资金总额 全年预算数 全年执行数 分值 执行率 得分 100 90 10 90% 9 "
    printed = "二级指标 三级指标 指标值 完成值 分值 得分 数量指标 指标1:人数 某县某中心 10 10 5 5"
    e = _read(head + printed)
    assert e.unit.text == "某县某局"


LATE = [("成本指标", "指标1:每人每年补助", "75元", "75元", "10", "10"),
        ("社会效益指标", "指标1:看病难问题解决率", "95%", "95%", "30", "27"),
        ("服务对象满意度指标", "指标1:群众满意度", "≥90%", "95%", "10", "9")]


@pytest.mark.parametrize("late", [LATE, LATE[:2], LATE[1:]])
@pytest.mark.parametrize("total", ["", "100 94 "])
def test_values_drawn_before_their_numbered_names(late: list[tuple[str, ...]], total: str) -> None:
    """A block of rows' values drawn first, then their numbered names under their levels
    (a total's numbers drawn before its label are left to no row)."""
    values = " ".join(" ".join(r[2:]) for r in late)
    names = " ".join(f"{r[0]} {r[1]}" for r in late)
    printed = f"产出指标 数量指标 指标1:人数 10人 10人 5 5 {values} {total}{names}"
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 " + printed)
    got = [(i.level2, i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text) for i in e.indicators]
    assert got == [("数量指标", "指标1:人数", "10人", "10人", "5", "5")] + [tuple(r) for r in late]


def test_values_too_few_for_the_names_drawn_after_them_stay_apart() -> None:
    printed = "产出指标 数量指标 指标1:人数 10人 10人 5 5 75元 75元 10 成本指标 指标1:补助 社会效益指标 指标1:解决率"
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 " + printed)
    assert all(i.target.empty for i in e.indicators if i.name.text in ("指标1:补助", "指标1:解决率"))


@pytest.mark.parametrize("lines", [["建档立卡中有新增死亡", "人员,导致有偏差"], ["部分人员外出务工未能参加"]])
def test_a_reason_drawn_after_its_row(lines: list[str]) -> None:
    """偏差原因 wrapped over lines, each line a cell after the row's values: the row's reason."""
    printed = (f"产出指标 数量指标 指标1:人数 8755 8676 15 13 {' '.join(lines)} "
               "质量指标 指标1:合格率 100% 100% 15 15")
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 偏差原因分析及改进措施 " + printed)
    assert [(i.name.text, i.reason.text) for i in e.indicators] == [
        ("指标1:人数", "".join(lines)), ("指标1:合格率", None)]


def test_lines_after_a_row_of_an_unnumbered_form_are_not_joined_as_its_reason() -> None:
    """Without the form's numbering a row of words alone may be the next row's name."""
    printed = "产出指标 数量指标 人数 8755 8676 15 13 建档立卡中有新增死亡 人员,导致有偏差 质量指标 合格率 100% 100% 15 15"
    e = _read(HEAD + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 偏差原因分析及改进措施 " + printed)
    assert all(i.reason.text != "建档立卡中有新增死亡人员,导致有偏差" for i in e.indicators)


BLOCK = [("指标1:建档人数", "38508人", "37442人", "3", "3"), ("指标2:发放资料", "不少于12 种", "14种", "1", "1"),
         (None, "不少于6 种", "28种", "1", "1"), (None, "116次", "150次", "1", "0.8"),
         ("指标5:讲座次数", "6次", "150次", "2", "2")]
AFTER_BLOCK = "指标6:咨询活动 12次 96次 1 1 指标7:接种证 221人 221人 2 2 指标8:接种率 100.00% 97.30% 2 1.9"


@pytest.mark.parametrize("block", [BLOCK, BLOCK[:2] + BLOCK[4:], [BLOCK[0], BLOCK[2], BLOCK[3], BLOCK[4]]])
def test_rows_drawn_a_block_of_columns_at_a_time(block: list[tuple[str | None, ...]]) -> None:
    """Names and targets of a few rows, then their actual | weight | score groups, before
    complete rows; a name drawn after every target is the last target's."""
    heads = " ".join(" ".join(x for x in r[:2] if x) for r in block[:-1]) + f" {block[-1][1]} {block[-1][0]}"
    tails = " ".join(" ".join(r[2:]) for r in block)     # type: ignore[arg-type]
    e = _read(HEAD + f"二级指标 三级指标 指标值 完成值 分值 得分 {heads} {tails} {AFTER_BLOCK}")
    got = [(i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text) for i in e.indicators]
    assert got[:len(block)] == list(block)
    assert [i.name.text for i in e.indicators[len(block):]] == ["指标6:咨询活动", "指标7:接种证", "指标8:接种率"]


def test_a_block_whose_targets_and_groups_differ_in_count_pairs_nothing() -> None:
    heads = "指标1:建档人数 38508人 指标2:发放资料 不少于12 种 116次"
    e = _read(HEAD + f"二级指标 三级指标 指标值 完成值 分值 得分 {heads} 37442人 3 3 14种 1 1 {AFTER_BLOCK}")
    assert not any(i.name.text == "指标1:建档人数" and i.actual.text == "37442人" for i in e.indicators)


@pytest.mark.parametrize(("total", "read"), [("100 94", True), ("90 94", False), ("100 101", False)])
def test_a_total_drawn_before_its_label(total: str, read: bool) -> None:
    """The total's numbers drawn among the rows' values before 总分: read where the weight
    is the sum of the weights read (fund line's included) and the score not above it."""
    head = HEAD + "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 100 90 10 90% 9 "
    values = " ".join(" ".join(r[2:]) for r in LATE)
    printed = f"产出指标 数量指标 指标1:人数 10人 10人 40 36 {values} {total} " + " ".join(
        f"{r[0]} {r[1]}" for r in LATE) + " 总分"
    e = _read(head + "一级指标 二级指标 三级指标 指标值 完成值 分值 得分 " + printed)
    weight, score = total.split()
    assert (e.total_weight.text, e.total_score.text) == ((weight, score) if read else (None, None))


@pytest.mark.parametrize(("planned", "actual", "rest"), [
    ("提高医疗保障水平,推进问题的根本性解决", "提高医疗保障水平,推进了问题的基本性", "解决"),
    ("开展健康教育讲座不少于十次", "开展讲座十二次,群众", "满意")])
def test_a_goal_whose_last_line_is_drawn_as_a_cell(planned: str, actual: str, rest: str) -> None:
    goals = f"预期目标 实际完成情况 {planned} {actual} {rest} 年度总 体目标 一级 指标 二级指标 三级指标 "
    e = _read(HEAD + FUNDS + goals + ROWS_AFTER)
    assert (e.goal_planned.text, e.goal_actual.text) == (planned, actual + rest)


def test_a_header_piece_after_the_goals_is_no_goal_line() -> None:
    """年度 before 实际 … 指标值 完成值: the header's wrapped first line, not the goal's."""
    goals = f"年度 总体 目标 一级 指标 — {GOALS[0][0]} {GOALS[0][1]} 年度 实际 二级指标 三级指标 "
    e = _read(HEAD + FUNDS + goals + ROWS_AFTER)
    assert e.goal_actual.text == GOALS[0][1]
