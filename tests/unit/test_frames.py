"""Scoring frames (绩效评价指标表): one frame printed five ways reads the same; the kind
comes from the title or the first levels; honest output where a row is cut."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange

# (level 1 with its points, level 2 with its points, name, points, criteria, score)
ROWS = [
    ("投入", "20", "预算配置", "10", "在职人员控制率", "5", "在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分。", "5"),
    ("", "", "", "", "“三公经费”变动率", "5", "变动率≤0，计5分；每超过一个百分点扣0.5分，扣完为止。", "3.5"),
    ("", "", "预算执行", "10", "预算完成率", "10", "预算完成率=实际支出/预算数×100%，每低于5%扣2分。", "8"),
    ("过程", "30", "资产管理", "30", "固定资产利用率", "30", "利用率≥80%计满分，每低一个百分点扣1分。", "28"),
]
HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "得分"]
EXPECTED = [("投入", "预算配置", "在职人员控制率", 5.0, 5.0), ("投入", "预算配置", "“三公经费”变动率", 5.0, 3.5),
            ("投入", "预算执行", "预算完成率", 10.0, 8.0), ("过程", "资产管理", "固定资产利用率", 30.0, 28.0)]


def _pipes() -> str:
    """Real cells (bars), merged level cells printed empty below their first row."""
    lines = ["| " + " | ".join(HEADER) + " |"] + ["| " + " | ".join(r) + " |" for r in ROWS]
    return "\n".join(lines)


def _cell_a_line() -> str:
    """A text layer that lost the cells: one cell a line, empty cells gone, blank lines between."""
    cells = HEADER + [c for r in ROWS for c in r if c]
    return "\n\n".join(cells)


def _run_together() -> str:
    """A document site's text: a row's cells run together, levels and points glued."""
    return " ".join(HEADER) + "\n" + "\n".join("".join(c for c in r[:6] if c) + r[6] + " " + r[7] for r in ROWS)


def _spaced() -> str:
    """Cells separated by single spaces, a row a line."""
    return " ".join(HEADER) + "\n" + "\n".join(" ".join(c for c in r if c) for r in ROWS)


def _html() -> str:
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    return f"<html><body><p>2022年度部门整体支出绩效评价指标表</p><table><tr>{head}</tr>{body}</table></body></html>"


def _read(name: str, text: str) -> dict:  # type: ignore[type-arg]
    document, _ = read_document(name, text.encode("utf-8"))
    return to_interchange(document)


@pytest.mark.parametrize(("name", "body"), [
    ("pipes.txt", _pipes()), ("lines.txt", _cell_a_line()), ("run.txt", _run_together()),
    ("spaced.txt", _spaced()), ("page.html", _html())])
def test_one_frame_printed_five_ways_reads_the_same(name: str, body: str) -> None:
    title = "" if name.endswith(".html") else "2022年度部门整体支出绩效评价指标表\n"
    read = _read(name, title + body)
    evaluations = read["department_self_evaluations"]
    assert len(evaluations) == 1, read
    got = [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in evaluations[0]["indicators"]]
    assert got == EXPECTED
    assert evaluations[0]["year"] == 2022
    assert all(i["target"] is None and i["actual"] is None for i in evaluations[0]["indicators"])


def test_a_project_frame_is_a_project_evaluation_and_its_total_is_read() -> None:
    text = "\n".join([
        "某某道路维修项目绩效评价指标表",
        "一级指标 二级指标 三级指标 分值 评分标准 得分",
        "项目决策(20分) 项目立项(10分) 立项依据充分性 5 依据充分得5分，否则酌情扣分。 5",
        "规范性 5 程序规范得5分。 4",
        "绩效目标(10分) 目标明确性 10 目标明确、细化量化得10分。 9",
        "合计 20 18",
    ])
    read = _read("p.txt", text)
    assert read["department_self_evaluations"] == []
    (evaluation,) = read["project_self_evaluations"]
    assert [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in evaluation["indicators"]] == [
        ("项目决策", "项目立项", "立项依据充分性", 5.0, 5.0), ("项目决策", "项目立项", "规范性", 5.0, 4.0),
        ("项目决策", "绩效目标", "目标明确性", 10.0, 9.0)]
    assert (evaluation["total_weight"], evaluation["total_score"]) == (20.0, 18.0)


def test_a_row_cut_by_the_end_of_the_text_is_left_out() -> None:
    text = _cell_a_line()
    cut = text[:text.rindex("28")]           # the last score is not in the text
    read = _read("cut.txt", "部门整体支出绩效评价指标表\n\n" + cut)
    names = [i["name"] for i in read["department_self_evaluations"][0]["indicators"]]
    assert names == ["在职人员控制率", "“三公经费”变动率", "预算完成率"]


def test_the_national_form_is_no_frame() -> None:
    """指标值 and 实际完成值 columns: the form engine's table, not a frame."""
    text = "\n".join([
        "项目支出绩效自评表", "项目名称：某项目",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t培训人数\t≥100人\t120人\t20\t20\t无",
        "效益指标\t社会效益指标\t就业率\t≥90%\t95%\t30\t30\t无"])
    read = _read("n.txt", text)
    (evaluation,) = read["project_self_evaluations"]
    assert [i["actual"] for i in evaluation["indicators"]] == ["120人", "95%"]


@pytest.mark.parametrize(("title", "unit"), [("示例县总工会2020年度部门决算", "示例县总工会"),
                                           ("2021年度示例市档案馆部门决算公开", "示例市档案馆")])
def test_a_department_frame_without_its_unit_takes_the_unit_its_document_names(title: str, unit: str) -> None:
    read = _read("t.txt", title + "\n部门整体支出绩效评价指标表\n" + _cell_a_line())
    (evaluation,) = read["department_self_evaluations"]
    assert evaluation["project"] == unit


def test_a_frames_shortfall_asks_for_no_deviation_reason() -> None:
    """A frame has no 偏差原因 column: its criteria explain the points (no S010)."""
    from jixiao.pipeline import run_bytes

    result = run_bytes("f.txt", ("部门整体支出绩效评价指标表\n" + _pipes()).encode("utf-8"))
    codes = {f.code for f in result.findings}
    assert result.document.department_self_evaluations and "S010" not in codes


_OTHER_ORDER = [
    ["一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "分值", "得分"],
    ["决策(20分)", "项目立项(8分)", "立项依据充分性", "项目立项是否符合法律法规。", "符合得4分，否则不得分。", "4", "4"],
    ["", "", "立项程序规范性", "是否按规定程序申请设立。", "规范得4分。", "4", "3"],
    ["", "绩效目标(12分)", "绩效目标合理性", "目标是否明确。", "合理得6分。", "6", "6"],
    ["过程(20分)", "资金管理(20分)", "资金到位率", "实际到位/计划投入×100%。", "100%得满分。", "20", "18"]]
_OTHER_EXPECTED = [("决策", "项目立项", "立项依据充分性", 4.0, 4.0), ("决策", "项目立项", "立项程序规范性", 4.0, 3.0),
                   ("决策", "绩效目标", "绩效目标合理性", 6.0, 6.0), ("过程", "资金管理", "资金到位率", 20.0, 18.0)]


@pytest.mark.parametrize("how", ["tabs", "lines"])
def test_criteria_printed_before_the_points_and_levels_with_points_in_their_cells(how: str) -> None:
    """指标解释 | 评分标准 | 分值 | 得分, level cells with their points (决策(20分)); a project's
    frame by its title although its first levels are 决策 / 过程."""
    if how == "tabs":
        body = "\n".join("\t".join(r) for r in _OTHER_ORDER)
    else:
        body = "\n\n".join(c for r in _OTHER_ORDER for c in r if c)
    (evaluation,) = _read("p.txt", "某某项目绩效评价指标体系及评分表\n" + body)["project_self_evaluations"]
    got = [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in evaluation["indicators"]]
    assert got == _OTHER_EXPECTED


@pytest.mark.parametrize("number", [True, False])
def test_rows_a_line_with_spaces_between_cells(number: bool) -> None:
    """A row a line, cells a space apart (a 序号 first or not), criteria with comparators."""
    rows = [["投入", "预算配置", "在职人员控制率", "5", "控制率≤100%得5分。", "5"],
            ["投入", "预算配置", "三公经费变动率", "5", "变动率≤0得5分。", "4"],
            ["过程", "预算执行", "预算完成率", "10", "完成率100%得满分。", "9"]]
    head = (["序号"] if number else []) + ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分"]
    lines = [" ".join(head)] + [" ".join(([str(k + 1)] if number else []) + r) for k, r in enumerate(rows)]
    (evaluation,) = _read("s.txt", "2023年度部门整体支出绩效自评指标表\n" + "\n".join(lines))["department_self_evaluations"]
    got = [(i["level1"], i["level2"], i["name"], i["weight"], i["score"]) for i in evaluation["indicators"]]
    assert got == [("投入", "预算配置", "在职人员控制率", 5.0, 5.0), ("投入", "预算配置", "三公经费变动率", 5.0, 4.0),
                   ("过程", "预算执行", "预算完成率", 10.0, 9.0)]
