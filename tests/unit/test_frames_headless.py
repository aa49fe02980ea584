"""The older project frame (项目决策 / 项目管理 / 项目绩效, 分值 then 得分) in an excerpt that
starts inside its rows: the header is cut off, a text layer prints each level's points
before it and breaks them over lines, and runs levels together with the label after them."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange

# (level 1, its points, level 2, its points, name, points, score)
ROWS = [
    ("项目决策", "20", "科学决策", "8", "必要性", "4", "4"),
    ("", "", "", "", "可行性", "4", "3"),
    ("", "", "绩效目标", "12", "明确性", "6", "6"),
    ("", "", "", "", "合理性", "6", "5.5"),
    ("项目管理", "15", "资金管理", "9", "资金分配", "5", "5"),
    ("", "", "", "", "资金使用", "4", "2"),
    ("", "", "项目执行", "6", "执行规范", "6", "6"),
    ("项目绩效", "65", "项目完成", "65", "完成数量", "65", "60"),
]


def _expected(rows: list[tuple[str, ...]]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    level1 = level2 = ""
    for first, _, second, _, name, points, score in rows:
        level1, level2 = first or level1, second or level2
        out.append((level1, level2, name, float(points), float(score)))
    return out


def _points_before(rows: list[tuple[str, ...]]) -> str:
    """A PDF text layer: each level's '(N分)' printed before it, the group broken where a
    line ends ('(' | '10 分)项目管理'), levels and names run together, a row's points and
    score at the start of the next line, a page number among them. The page starts inside
    the first group's points ('20 分)项目决策')."""
    text = ""
    for k, (first, p1, second, p2, name, points, score) in enumerate(rows):
        head = ""
        if first:
            head += ("" if k == 0 else "(\n") + f"{p1} 分){first}"
        if second:
            head += f"({p2} 分){second}" if first else f"(\n{p2} 分){second}"
        text += f"{head}{name}\n{points} {score} "
        if k == 3:
            text += "\n14 "
    return text + "\n总分 100"


def _points_after(rows: list[tuple[str, ...]]) -> str:
    """Cells a row a line, single spaces between them, each level with its points after it."""
    lines = []
    for first, p1, second, p2, name, points, score in rows:
        cells = ([f"{first}({p1}分)"] if first else []) + ([f"{second}({p2}分)"] if second else [])
        lines.append(" ".join(cells + [name, points, score]))
    return "\n".join(lines) + "\n总分 100"


def _read(text: str) -> dict:  # type: ignore[type-arg]
    document, _ = read_document("frame.txt", ("编辑: 某人 | 2019-07-11 |\n" + text).encode("utf-8"))
    return to_interchange(document)


@pytest.mark.parametrize("printing", [_points_before, _points_after])
@pytest.mark.parametrize("rows", [ROWS, [r for r in ROWS if r[4] != "可行性"]])
def test_a_frame_whose_header_was_cut_off_reads_its_rows(printing, rows) -> None:  # type: ignore[no-untyped-def]
    read = _read(printing(rows))
    evaluations = read["project_self_evaluations"]
    assert len(evaluations) == 1, read
    got = [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in evaluations[0]["indicators"]]
    assert got == _expected(rows)
    assert read["department_self_evaluations"] == []


def test_groups_above_the_first_level_have_no_field() -> None:
    """共性指标 / 特性指标 over the first levels: read past, with their points."""
    text = _points_before(ROWS).replace("65 分)项目绩效", "( 特性指标70 分)项目绩效")
    got = [(i["level1"], i["level2"], i["name"]) for i in _read(text)["project_self_evaluations"][0]["indicators"]]
    assert got[-1] == ("项目绩效", "项目完成", "完成数量")


def test_the_frames_levels_in_prose_make_no_frame() -> None:
    """A report that names 项目决策 and 项目管理 in its headings is no frame."""
    text = "一、项目决策情况\n项目立项依据充分，得分 18 分。\n二、项目管理情况\n资金使用规范，得分 19 分。\n" \
           "三、项目绩效情况\n完成数量 100 吨，质量合格率 98%，得分 55 分。\n"
    read = _read(text)
    assert read["project_self_evaluations"] == []
    assert read["department_self_evaluations"] == []


@pytest.mark.parametrize("names", [["经济效益(可选项)", "社会效益(可选项)"], ["生态效益(可选项)", "公平效率(可选项)", "使用效率(可选项)"]])
def test_criteria_printed_without_points_are_rows_with_none(names: list[str]) -> None:
    """A merged cell's criteria printed with no points of their own, one after the other
    (生态效益(可选项) 可持续效益(可选项) …): each a row, its points and score empty."""
    text = _points_before(ROWS[:5]).replace("\n总分 100", "")
    text += "(\n50 分)项目效益" + " ".join(names) + " 服务对象满意度\n10 9\n总分 100"
    got = [(i["level2"], i["name"], i["weight"], i["score"])
           for i in _read(text)["project_self_evaluations"][0]["indicators"]][5:]
    assert got == [("项目效益", n, None, None) for n in names] + [("项目效益", "服务对象满意度", 10.0, 9.0)]


@pytest.mark.parametrize("year", [2016, 2021])
def test_a_title_cut_after_its_year_names_the_year(year: int) -> None:
    """A text layer that prints the title's year apart (2017 年部门整体支出绩效评价得分表)."""
    text = (f"{year} 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(25 分) "
            "目标任务(15 分) 相关性(5 分)\n5 明确性(5 分)\n4 合理性(5 分)\n5 预算编制(10 分) 测算依据(5 分)\n"
            "2 目标管理(5 分)\n4 总分 20")
    (evaluation,) = _read(text)["department_self_evaluations"]
    assert evaluation["year"] == year
    assert [i["score"] for i in evaluation["indicators"]] == [5.0, 4.0, 5.0, 2.0, 4.0]


@pytest.mark.parametrize("remark", ["扣分原因和其他说明", "备注"])
def test_a_remarks_column_after_the_score_is_no_level(remark: str) -> None:
    """A frame printed a cell a line between bars, a remarks column last (扣分原因和其他说明)."""
    cells = ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", remark,
             "投 入\n(15分)", "预算配置\n(15分)", "财政供养人员\n控制率", "以100%为标准，计5分；扣完为止。", "5", "4", "",
             "重点支出\n安排率", "重点支出安排率≥90%，计10分；低于60%不得分。", "10", "9", "",
             "过 程\n(40分)", "预算执行\n(15分)", "预算调整率", "预算调整率=0，计3分；大于30%不得分。", "3", "3", ""]
    text = "部门整体支出绩效评价指标表\n" + "\n|\n".join(cells) + "\n|\n合计\n|\n18\n|\n16"
    (evaluation,) = _read(text)["department_self_evaluations"]
    got = [(i["level1"], i["level2"], i["score"]) for i in evaluation["indicators"]]
    assert got == [("投入", "预算配置", 4.0), ("投入", "预算配置", 9.0), ("过程", "预算执行", 3.0)]


@pytest.mark.parametrize("number", ["40", "35"])
def test_a_criterion_with_one_number_of_two_stays_empty_and_says_so(number: str) -> None:
    """经济效益(可选项) 40 社会效益(可选项) 40: points, score, or a merged cell's: unknown."""
    text = _points_before(ROWS[:5]).replace("\n总分 100", "")
    text += f"(\n50 分)项目效益经济效益(可选项)\n{number} 社会效益(可选项)\n{number} 服务对象满意度\n10 9\n总分 100"
    document, _ = read_document("d.txt", ("编辑: 某人 | 2019-07-11 |\n" + text).encode("utf-8"))
    rows = to_interchange(document)["project_self_evaluations"][0]["indicators"][5:]
    assert [(r["name"], r["weight"], r["score"]) for r in rows] == [
        ("经济效益(可选项)", None, None), ("社会效益(可选项)", None, None), ("服务对象满意度", 10.0, 9.0)]
    assert sum(1 for f in document.findings if f.code == "R004") == 2
