"""The weight-led scoring block (项目权重 | 评价内容 | 分值 | 自评分 | 复核分), in generated
printings: cells run together (a document site) and drawn out of order (a PDF text layer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.pipeline import read_document

HEAD = ("某市财政预算支出项目绩效目标自评表\n项目名称{project}项目实施单位某某中心项目主管单位某某局"
        "自评总分:{total}")


TAIL = ("项目年度目标:全年完成维护。一级指标二级指标指标名称(三级指标)年初指标值年终完成值自评分复核分评价标准"
        "产出指标40分数量指标15分维护次数100次100次15")


def _rows(text: str) -> list[tuple[str | None, str | None, float | None, float | None]]:
    doc, _ = read_document("variant.txt", (text + TAIL).encode())
    evaluations = doc.project_self_evaluations
    assert len(evaluations) == 1
    return [(i.level1, i.name.text, float(i.weight.number) if i.weight.number is not None else None,
             float(i.score.number) if i.score.number is not None else None) for i in evaluations[0].indicators]


def test_glued_rows_split_by_the_levels_points() -> None:
    """``立项依据32有…`` is 3 | 2; ``监督检查431、…`` is 4 | 3 and the criterion's number 1, its
    name starting after the criterion before (…没有不得分); a name may hold 分 (资金分配)."""
    text = HEAD.format(project="道路维修项目", total=90) + (
        "项目权重评价内容分值自评分复核分评价标准及依据项目决策3分立项依据32有上级文件计3分,没有不得分。"
        "项目管理10分资金分配651、制度健全3分;2、执行到位3分,没有不得分监督检查431、检查记录4分。")
    assert _rows(text)[:3] == [("项目决策", "立项依据", 3.0, 2.0), ("项目管理", "资金分配", 6.0, 5.0),
                               ("项目管理", "监督检查", 4.0, 3.0)]


def test_drawing_order_rows_go_to_levels_by_arithmetic() -> None:
    """An item drawn before its level's cell, and a level drawn between an item and its numbers."""
    text = HEAD.format(project="路灯维护项目", total=88).replace("自评总分", " 自评总分") + (
        " 项目权重 评价内容 分值 自评分 项目决策 4 分 立项依据 4 3 复核分 评价标准及依据 有文件计 4 分。"
        " 资金管理 5 4 2、制度 1 分; 组织实施 项目管理 11 分 6 6 有专人负责 2 分。")
    assert _rows(text)[:3] == [("项目决策", "立项依据", 4.0, 3.0), ("项目管理", "资金管理", 5.0, 4.0),
                               ("项目管理", "组织实施", 6.0, 6.0)]


def test_glued_digits_with_two_splits_stay_empty() -> None:
    """``1210`` under a level of 20 points reads 12 | 10 or 121 | 0 (too much): one split; under
    a level of 200 points both stand, and the row's numbers stay empty."""
    text = HEAD.format(project="绿化养护项目", total=95) + (
        "项目权重评价内容分值自评分复核分评价标准项目管理200分过程管控1210有记录计2分。")
    assert _rows(text)[:1] == [("项目管理", "过程管控", None, None)]
    doc, _ = read_document("variant.txt", (text + TAIL).encode())
    assert any(f.code == "R004" and "过程管控" in f.message for f in doc.findings)


def _goal(text: str) -> tuple[str | None, str | None]:
    doc, _ = read_document("variant.txt", (text + TAIL).encode())
    evaluation = doc.project_self_evaluations[0]
    return evaluation.goal_planned.text, evaluation.goal_actual.text


def test_a_one_row_goal_is_the_cell_after_its_label() -> None:
    """项目年度目标 | its text: the planned goal; no actual (the form has no such column)."""
    head = HEAD.format(project="桥梁检测项目", total=92).replace("自评总分", "项目年度目标完成桥梁检测12座。填报日期:2023年5月6日自评总分")
    assert _goal(head + "项目权重评价内容分值自评分项目决策2分决策依据22有文件计2分。") == ("完成桥梁检测12座。", None)


def test_a_one_row_goal_drawn_elsewhere_stays_empty() -> None:
    """In drawing order another cell stands after the label (单位领导审签): no goal guessed."""
    head = HEAD.format(project="桥梁检测项目", total=92).replace("自评总分", " 项目年度目标 单位领导审签 日 自评总分")
    assert _goal(head + " 项目权重 评价内容 分值 自评分 项目决策 2 分 决策依据 2 2 有文件计 2 分。") == (None, None)


def test_criteria_quoting_the_header_make_no_rows() -> None:
    """A criterion run into the rows that quotes the header (三级指标分值按三级指标个数…) is cut
    at those words into row-like pieces: no piece whose value is a column's label is a row."""
    text = HEAD.format(project="急救培训项目", total=97) + "项目年度目标:全年完成培训。" + (
        "一级指标二级指标指标名称(三级指标)年初指标值年终完成值自评分复核分评价标准数量指标20分"
        "培训人次300人次320人次20提供三级指标完成程度的佐证资料;2、三级指标分值按三级指标个数平均确定,"
        "四舍五入质量指标10分考核合格率100%100%10提供佐证")
    doc, _ = read_document("variant.txt", text.encode())
    indicators = doc.project_self_evaluations[0].indicators
    assert [i.name.text for i in indicators][:1] == ["培训人次"]
    assert all(i.target.text not in ("三级指标", "分值") and i.actual.text not in ("三级指标", "分值")
               for i in indicators)



CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "selfeval"


@pytest.mark.parametrize("stem", ["se_hubei_suizhou_jijiu", "se_hubei_guangshui_jiaotong"])
def test_an_excerpt_that_ends_before_the_weights_reach_100_is_cut(stem: str) -> None:
    """Two real excerpts end inside the scoring block (weights 15 read of 100, no 总分 row): the
    text ended inside the table (R006), and the head's 自评总分 is not checked against the rows
    above the cut (no S001, S002)."""
    from jixiao.pipeline import run

    result = run(CORPUS / f"{stem}.txt")
    [evaluation] = result.document.project_self_evaluations
    assert sum(i.weight.number or 0 for i in evaluation.indicators) < 100 and not evaluation.complete
    codes = {f.code for f in result.findings}
    assert "R006" in codes and not codes & {"S001", "S002"}
