"""Self-evaluation tables that reach us as one run-together line (document sites carry a
Word table's text with no cell separators): fund lines that leave a column out, split by
the line's arithmetic. Each rule is tested on generated variants of the printing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.pipeline import read_document
from jixiao.readers.form_glued import weight_and_score
from jixiao.readers.form_split import split_line
from jixiao.sources.stream import split_run
from jixiao.vocabulary import match_key

SIX = ("initial", "budget", "executed", "weight", "rate", "score")


def _rate(budget: int, executed: int) -> str:
    return f"{(Decimal(executed) / Decimal(budget) * 100).quantize(Decimal(1))}%"


@pytest.mark.parametrize(("budget", "executed", "weight"), [
    (30, 30, 10), (40, 36, 10), (50, 45, 10), (64, 48, 20), (120, 96, 10)])
def test_a_fund_line_without_its_initial_amount_is_split_with_a_gap(budget: int, executed: int,
                                                                    weight: int) -> None:
    """年初预算数 and 得分 not printed: budget | executed | weight | rate, placed by the rate."""
    rate = _rate(budget, executed)
    run = f"{budget}{executed}{weight}{rate}"
    assert split_line((run,), SIX) == ("", str(budget), str(executed), str(weight), rate)


@pytest.mark.parametrize("run", ["1001010", "80805", "3010100"])
def test_no_gap_is_placed_where_no_rate_proves_it(run: str) -> None:
    split = split_line((run,), SIX)
    assert split is None or "" not in split


def test_a_gap_is_not_proved_by_nothing_spent() -> None:
    """0 ÷ any budget is 0%: ``3030100%`` never reads as a budget, 0 spent and 0%."""
    split = split_line(("30301000%",), SIX)
    assert split is None or not (len(split) > 2 and split[2] == "0")


def _document(budget: int, weight: int) -> bytes:
    """A project self-evaluation as a document site carries it: one line, no separators;
    the total line prints no 年初预算数 and no 得分, its 其中 line no 分值 and no 得分."""
    return (f"项目支出绩效自评表(2021年度)项目名称设备购置经费主管部门某县文化局实施单位某县剧团"
            f"项目资金(万元)年初预算数全年预算数全年执行分值执行率得分"
            f"年度资金总额{budget}{budget}{weight}100%其中:当年财政拨款{budget}{budget}{budget}100%"
            f"上年结转资金其他资金年度总体目标预期目标实际完成情况购置演出设备。已完成"
            f"绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            f"产出指标数量指标购置设备数量{budget}件{budget}件{weight}{weight}").encode()


@pytest.mark.parametrize(("budget", "weight"), [(30, 10), (40, 10), (75, 20), (128, 10)])
def test_run_together_fund_lines_are_read_by_their_arithmetic(budget: int, weight: int) -> None:
    document, _ = read_document("run.txt", _document(budget, weight))
    funds = document.project_self_evaluations[0].funds
    total, part = funds[0], funds[1]
    assert [total.initial.text, total.budget.text, total.executed.text, total.weight.text, total.rate.text] == [
        None, str(budget), str(budget), str(weight), "100%"]
    assert [part.initial.text, part.budget.text, part.executed.text, part.rate.text] == [
        str(budget), str(budget), str(budget), "100%"]
    assert "R004" not in {f.code for f in document.findings}


# --- indicator rows run together: values cut out by shape --------------------------------------

@pytest.mark.parametrize(("name", "target", "actual", "tail"), [
    ("更新剧团老化的音响", "50件", "50件", "2020"),
    ("购置演出服装", "120套", "118套", "109"),
    ("培训基层人员", "≥300人次", "326人次", "1515"),
    ("新建监测站点", "不少于5个", "6个", "2018"),
])
def test_a_run_of_values_after_a_name_is_cut_into_cells(name: str, target: str, actual: str, tail: str) -> None:
    assert split_run(f"{name}{target}{actual}{tail}") == [name, target, actual, tail]


@pytest.mark.parametrize(("name", "target", "verdict"), [
    ("森林火灾火因查明率", "不低于95%", "达成预期指标"),
    ("森林火災案件查處率", "不低于90%", "達成預期指標"),
    ("重大森林火灾", "0起", "达成预期指标"),
    ("成本控制数(万元)", "63", "达成目标"),
])
def test_a_verdict_is_a_cell_and_ends_the_value_before_it(name: str, target: str, verdict: str) -> None:
    cells = split_run(f"{name}{target}{verdict}下一项巡查次数{target}{verdict}")
    assert cells == [name, target, verdict, "下一项巡查次数", target, verdict]


@pytest.mark.parametrize("word", ["合格", "是", "良好", "提高"])
def test_a_word_printed_twice_before_numbers_is_target_and_actual(word: str) -> None:
    assert split_run(f"演出设备质量抽检结果{word}{word}2020") == ["演出设备质量抽检结果", word, word, "2020"]


@pytest.mark.parametrize("text", ["森林火灾6小时内扑灭率", "2021年11月30日前完成资金支付", "第3季度完成率"])
def test_a_lone_number_inside_words_or_a_date_stays_in_the_name(text: str) -> None:
    assert split_run(text + "达成预期指标") == [text, "达成预期指标"]


@pytest.mark.parametrize(("question", "answer"), [("公众知晓度是否明显提高", "是"), ("是否发生安全事故", "否")])
def test_a_yes_or_no_indicator_is_cut_from_its_answer(question: str, answer: str) -> None:
    assert split_run(f"{question}{answer}达成预期指标") == [question, answer, "达成预期指标"]


@pytest.mark.parametrize(("weight", "score"), [("20", "20"), ("10", "9"), ("20", "19.5"), ("100", "98"),
                                               ("15", "12"), ("30", "28")])
def test_weight_and_score_run_together_have_one_split(weight: str, score: str) -> None:
    assert weight_and_score(weight + score) == (weight, score)


@pytest.mark.parametrize("run", ["55", "88", "100", "20"])
def test_a_number_a_weight_can_be_stays_whole(run: str) -> None:
    assert weight_and_score(run) is None


def _indicator_rows(order: str, rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """Rows of a self-evaluation run together, its columns in the given order."""
    head = {"ws": "三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
            "wt": "三级指标分值年度指标值全年实际值得分未完成原因及改进措施"}[order]
    body = "".join(n + (f"{t}{a}{w}{s}" if order == "ws" else f"{w}{t}{a}{s}") for n, t, a, w, s in rows)
    return (f"项目支出绩效自评表(2022年度)项目名称测试项目主管部门某局实施单位某中心"
            f"绩效指标一级指标二级指标{head}产出指标数量指标{body}").encode()


@pytest.mark.parametrize("rows", [
    [("指标1免费发放原种", "550万粒", "550万粒", "20", "20"), ("指标2企业自行采购", "200万粒", "200万粒", "20", "18")],
    [("指标1培训人数", "300人", "300人", "10", "10"), ("指标2培训场次", "12场", "12场", "10", "9")],
])
@pytest.mark.parametrize("order", ["ws", "wt"])
def test_run_together_indicator_rows_read_in_either_column_order(order: str,
                                                                 rows: list[tuple[str, str, str, str, str]]) -> None:
    document, _ = read_document("rows.txt", _indicator_rows(order, rows))
    got = [(i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text)
           for i in document.project_self_evaluations[0].indicators]
    assert got == rows


_HUBEI_ROWS = [
    ("产出指标", "产出数量", "数量指标", "巡查车辆配备", "12辆", "达成预期指标"),
    ("产出指标", "产出质量", "质量指标", "火情查明率", "不低于95%", "达成预期指标"),
    ("产出指标", "产出质量", "质量指标", "案件查处率", "不低于90%", "达成预期指标"),
    ("效益指标", "社会效益", "社会效益指标", "重大火灾", "0起", "达成预期指标"),
    ("效益指标", "生态效益", "生态效益指标", "受害面积比例", "小于0.9‰", "达成预期指标"),
    ("效益指标", "可持续影响", "可持续影响指标", "监控设备有效率", "90%", "达成预期指标"),
]


def _hubei(rows: list[tuple[str, str, str, str, str, str]], traditional: bool) -> bytes:
    """The older 湖北 form (no 分值/得分, second levels without 指标) run together on one line."""
    text = ("2021年度专项经费项目绩效自评表项目名称防火专项经费主管部门区林业局项目实施单位区林业局"
            "一级指标二级指标三级指标年初目标值实际完成值未完成原因及改进措施")
    last1 = last2 = ""
    for level1, level2, _, name, target, actual in rows:
        text += (level1 if level1 != last1 else "") + (level2 if level2 != last2 else "") + name + target + actual
        last1, last2 = level1, level2
    if traditional:
        text = text.translate(str.maketrans("产质数项绩评务经费区实际达预标监设级单位林业", "產質數項績評務經費區實際達預標監設級單位林業"))
    return text.encode()


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("rows", [_HUBEI_ROWS, _HUBEI_ROWS[1:5], _HUBEI_ROWS[::-1][:3]])
def test_the_older_hubei_form_run_together_is_read_row_by_row(rows: list[tuple[str, str, str, str, str, str]],
                                                              traditional: bool) -> None:
    document, _ = read_document("hubei.txt", _hubei(rows, traditional))
    got = [(i.level1, i.level2, match_key(i.name.text), match_key(i.target.text), match_key(i.actual.text))
           for i in document.project_self_evaluations[0].indicators]
    assert got == [(l1, l2, match_key(n), match_key(t), match_key(a)) for l1, _, l2, n, t, a in rows]


@pytest.mark.parametrize("item", ["指标1:", "指标2：", "指标13:"])
def test_a_numbered_item_starts_a_cell(item: str) -> None:
    cells = split_run(f"演出人员满意度100%100%2020{item}{item}")
    assert cells == ["演出人员满意度", "100%", "100%", "2020", item, item.rstrip(":：")]


@pytest.mark.parametrize("levels", [("数量指标", "质量指标", "时效指标", "成本指标"),
                                    ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")])
def test_rows_run_on_past_the_head_are_cells_not_prose(levels: tuple[str, ...]) -> None:
    """A line of rows with commas inside names: its level labels make it a table's rows."""
    rows = [f"{lv}指标{k}巡查覆盖,含复查区域{k}0个{k}0个2020" for k, lv in enumerate(levels, start=1)]
    cells = split_run("".join(rows))
    assert all(lv in cells for lv in levels)
    assert cells.count("2020") == len(levels)


def test_a_paragraph_naming_levels_stays_prose() -> None:
    text = ("本年度产出指标、效益指标和满意度指标均已完成，数量指标、质量指标、时效指标达到预期。"
            "成本指标控制在预算内，社会效益指标明显。")
    assert split_run(text) == [text]


@pytest.mark.parametrize(("planned", "cut"), [("请省市艺术专家驻团培训,送优秀青年演员到省市专业院团随团培训。", 27),
                                              ("购置音响、灯光等演出设备,并添置新剧目所需的道具。", 20)])
def test_a_goal_wrapped_inside_a_run_together_table_is_one_sentence(planned: str, cut: int) -> None:
    """The Word cell's line break printed as a space: the sentence's two parts, one text."""
    wrapped = planned[:cut] + " " + planned[cut:]
    data = _document(30, 10).decode().replace("购置演出设备。", wrapped).encode()
    evaluation = read_document("goal.txt", data)[0].project_self_evaluations[0]
    assert match_key(evaluation.goal_planned.text) == match_key(planned)
    assert evaluation.goal_actual.text == "已完成"


@pytest.mark.parametrize(("head", "score"), [("项目总得分99分", "99"), ("自评总分:98", "98"), ("项目总得分96.5分", "96.5")])
def test_a_total_score_stated_in_the_head_is_the_total(head: str, score: str) -> None:
    data = _document(30, 10).decode().replace("项目名称", head + "项目名称", 1).encode()
    evaluation = read_document("head.txt", data)[0].project_self_evaluations[0]
    assert evaluation.total_score.text == score


@pytest.mark.parametrize("year", [2019, 2020, 2023])
def test_a_table_printed_on_without_a_title_has_the_year_of_the_one_before(year: int) -> None:
    one = _document(30, 10).decode().replace("(2021年度)", f"({year} 年度)")
    two = one[one.index("项目名称"):].replace("设备购置经费", "演员培训经费")
    evaluations = read_document("two.txt", (one + "总分10098" + two).encode())[0].project_self_evaluations
    assert [(e.project.text, e.year) for e in evaluations] == [("设备购置经费", year), ("演员培训经费", year)]


@pytest.mark.parametrize("run", ["2530", "1520"])
def test_a_glued_number_no_split_explains_is_left_empty_and_said(run: str) -> None:
    """No weight ≥ score ≤ 100 reads ``2530``: the row's weight and score stay empty, R004."""
    rows = [("指标1培训人数", "300人", "300人", "20", "20"), ("指标2培训场次", "12场", "12场", run[:2], run[2:])]
    document, _ = read_document("bad.txt", _indicator_rows("ws", rows))
    second = document.project_self_evaluations[0].indicators[1]
    assert (second.name.text, second.weight.text, second.score.text) == ("指标2培训场次", None, None)
    assert any(f.code == "R004" and f.indicator == "指标2培训场次" for f in document.findings)
