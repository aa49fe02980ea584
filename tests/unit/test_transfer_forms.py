"""Transfer-payment self-evaluations (专项资金 forms of 宁夏 and others) as document sites and
text layers carry them: two labels joined by a slash in one head cell (项目实施单位/项目负责人)
with their values joined the same way, two 主管部门 (the higher level's and the unit's own),
fund lines by level of government. Each rule is tested on generated variants.
"""

from __future__ import annotations

import pytest

from jixiao.model.values import Cell
from jixiao.pipeline import read_document
from jixiao.readers.form_engine import level
from jixiao.readers.form_glued import split_glued
from jixiao.sources.stream import split_run


def _run_together(unit: str, person: str, joint: str, department: str) -> bytes:
    """One line, no separators, as a document site carries an OCR'd Word table."""
    return (f"某项目绩效目标自评表(2022年度)项目总得分98分项目名称某某示范项目"
            f"{joint}{unit}/{person}自治区主管部门某厅专项实施期2022年3月-2022年11月"
            f"市县财政部门某县财政局市县主管部门{department}资金情况(万元)年度资金总额"
            f"全年预算数(A)全年执行数(B)执行率(B/A)其中中央补助自治区补助100万元90万元90%市县资金"
            f"年度总体目标完成示范推广。绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分"
            f"产出指标数量指标指标1示范面积10100亩100亩10").encode()


def _one_cell_a_line(first: str, second: str, value: str) -> bytes:
    """One cell a line, as web pages flatten a table: the joint label on one line, its value
    on the next."""
    cells = ["项目支出绩效自评表", "项目名称", "某某示范项目", f"{first}/{second}", value, "主管部门", "某县农业农村局",
             "年度总体目标", "完成示范推广。", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
             "分值", "得分", "产出指标", "数量指标", "示范面积", "100亩", "100亩", "10", "10"]
    return "\n".join(cells).encode()


@pytest.mark.parametrize(("unit", "person", "joint"), [
    ("某县农技中心", "张某", "项目实施单位/项目负责人"),
    ("某县畜牧站", "李某某", "实施单位/项目负责人"),
    ("某区水务所", "王某", "项目实施单位／项目负责人"),
])
def test_a_joint_label_takes_its_part_of_a_joint_value(unit: str, person: str, joint: str) -> None:
    document, _ = read_document("run.txt", _run_together(unit, person, joint, "某县农业农村局"))
    evaluation = document.project_self_evaluations[0]
    assert evaluation.unit.text == unit
    assert evaluation.department.text == "某县农业农村局"


@pytest.mark.parametrize(("first", "second", "value", "unit"), [
    ("项目实施单位", "项目负责人", "某县农技中心/张某", "某县农技中心"),
    ("项目负责人", "实施单位", "张某/某县畜牧站", "某县畜牧站"),
])
def test_the_label_s_place_chooses_the_part(first: str, second: str, value: str, unit: str) -> None:
    document, _ = read_document("cells.txt", _one_cell_a_line(first, second, value))
    assert document.project_self_evaluations[0].unit.text == unit


def test_a_joint_value_with_another_count_of_parts_is_no_reading() -> None:
    """Two labels, one value without a slash: which label it belongs to is unknown."""
    document, _ = read_document("cells.txt", _one_cell_a_line("项目实施单位", "项目负责人", "某县农技中心"))
    assert document.project_self_evaluations[0].unit.text is None


@pytest.mark.parametrize(("budget", "executed", "rate"), [("100", "90", "90%"), ("300", "259.45", "86.5%")])
def test_fund_lines_by_level_of_government_are_read(budget: str, executed: str, rate: str) -> None:
    text = _run_together("某县农技中心", "张某", "项目实施单位/项目负责人", "某县农业农村局").decode()
    text = text.replace("100万元90万元90%", f"{budget}万元{executed}万元{rate}")
    document, _ = read_document("run.txt", text.encode())
    funds = {f.item.text: f for f in document.project_self_evaluations[0].funds}
    assert {"其中中央补助", "自治区补助", "市县资金"} <= set(funds)
    line = funds["自治区补助"]
    assert [line.budget.text, line.executed.text, line.rate.text] == [budget, executed, rate]


# --- OCR slips for a comparator: mended to cut cells, kept as printed -------------------------

@pytest.mark.parametrize(("name", "weight", "slip", "value"), [
    ("指标1种薯亩均收入较鲜薯亩均收入", "8", "工", "5%"),
    ("指标2农户增收幅度", "10", "工", "12%"),
    ("指标1推广面积占比", "6", "^", "80%"),
    ("指标3群众满意度", "5", "^", "90%"),
])
def test_a_comparator_s_slip_cuts_cells_and_stays_as_printed(name: str, weight: str, slip: str, value: str) -> None:
    run = f"{name}{weight}{slip}{value}{slip}{value}{weight}"
    assert split_run(run) == [name, weight, f"{slip}{value}", f"{slip}{value}", weight]


@pytest.mark.parametrize("text", ["新招聘员工5人完成岗前培训并考核合格", "完成职工5项技能竞赛组织工作并表彰"])
def test_a_slip_character_inside_words_is_no_comparator(text: str) -> None:
    """工 after a character, not after a number: a word's character, left alone."""
    assert "".join(split_run(text)).replace(" ", "") == text
    assert not any(cell.startswith("工") for cell in split_run(text))


@pytest.mark.parametrize(("weight", "target", "actual"), [
    ("8", "80%", "^80%"), ("10", "95%", "≥95%"), ("5", "3%", "工3%")])
def test_a_weight_glued_to_a_target_printed_without_the_actual_s_comparator(weight: str, target: str,
                                                                           actual: str) -> None:
    body = ("name", "weight", "target", "actual", "score")
    got = {"name": Cell.read("指标1某指标"), "target": Cell.read(weight + target), "actual": Cell.read(actual),
           "score": Cell.read(weight)}
    split = split_glued(got, body)
    assert (split["weight"].text, split["target"].text, split["actual"].text) == (weight, target, actual)


@pytest.mark.parametrize(("goal", "quantity"), [
    ("一是通过政府招标采购方式,采购原原种425万粒,免费向农户发放;二是建成原种基地400亩,平均亩产原种", "2500公斤"),
    ("完成高标准农田建设,配套灌溉设施,开展技术培训;新增节水面积", "1200亩"),
    ("举办培训班,覆盖全县乡镇,提升技能水平,培训人数", "350人"),
])
def test_sentences_ending_with_a_quantity_keep_it(goal: str, quantity: str) -> None:
    """A goal's text cut before the next label ends with a quantity: the sentence's own."""
    cells = split_run(f"年度总体目标{goal}{quantity}绩效指标一级指标二级指标")
    assert f"{goal}{quantity}" in cells


@pytest.mark.parametrize(("name", "value"), [("指标1完成培训人数", "350人"), ("建成原种基地,配套灌溉设施", "400亩")])
def test_a_name_with_few_clauses_still_gives_up_its_value(name: str, value: str) -> None:
    cells = split_run(f"数量指标{name}{value}{value}10")
    assert name in cells and value in cells


@pytest.mark.parametrize(("level2", "points", "name", "value"), [
    ("数量指标", "15分", "派车次数", "15000次"), ("质量指标", "12分", "培训合格率", "100%"),
    ("社会效益指标", "20.5分", "群众知晓率", "≥90%")])
def test_a_level_s_points_run_into_the_name_after_it_are_the_level_s(level2: str, points: str, name: str,
                                                                      value: str) -> None:
    """数量指标15分派车次数: the block's points close the level's cell, the name is the next."""
    cells = split_run(f"一级指标二级指标三级指标年度指标值实际完成值{level2}{points}{name}{value}{value}1010")
    assert f"{level2}{points}" in cells and name in cells
    found = level(f"{level2}{points}")
    assert found is not None and found[1] == level2


@pytest.mark.parametrize(("level2", "name"), [("时效指标", "30分钟到达现场率"), ("质量指标", "5分钟响应率")])
def test_minutes_after_a_level_are_the_name_s(level2: str, name: str) -> None:
    """时效指标30分钟到达现场率: 分钟 is a duration in the name, no points."""
    cells = split_run(f"一级指标二级指标三级指标年度指标值实际完成值{level2}{name}≥95%98%1010")
    assert level2 in cells and name in cells
