"""Self-evaluations from a PDF text layer in drawing order (a document site re-flows the
layer into one line): a vertically merged label cell is drawn after the value beside it,
so the project's name and the implementing unit stand before their labels, wrapped in
pieces. Tested on generated variants of the printing.
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document


def _drawn(name: tuple[str, str], unit: tuple[str, str], department: str) -> bytes:
    """The head of the Shanghai form as its text layer draws it: name pieces, 项目名称,
    主管部门 and its value; the fund lines; the unit's pieces after the fund block's label."""
    return (f"财政项目支出绩效自评表 (2022 年度) {name[0]} {name[1]} 项目名称 主管部门 {department} "
            "年初预算数 全年预算数 全年执行数 分值 执行率 得分 100.00 100.00 90.00 10 90.00% 9 "
            f"上年结转资金 0 0 — 其他资金 0 0 — 年度资金总额 项目资金 (元) {unit[0]} {unit[1]} 实施单位 "
            "其中:当年财政拨款 预期目标 年度 总体 目标 实际完成情况 已完成。 一级指标 二级指标 三级指标 "
            "年度 指标值 实际 完成值 分值 得分").encode()


@pytest.mark.parametrize(("name", "unit", "department"), [
    (("普陀体育中心与委托运营方结", "算费用"), ("上海市普陀区体育", "事业管理中心"), "上海市普陀区体育局"),
    (("某区图书馆数字资源采购", "项目"), ("某区文化", "馆"), "某区文化和旅游局"),
    (("社区健身设施维", "护经费"), ("某区体育事业发展", "中心"), "某区体育局"),
])
def test_a_value_drawn_before_its_label_is_read(name: tuple[str, str], unit: tuple[str, str],
                                                department: str) -> None:
    document, _ = read_document("drawn.txt", _drawn(name, unit, department))
    evaluation = document.project_self_evaluations[0]
    assert evaluation.project.text == "".join(name)
    assert evaluation.unit.text == "".join(unit)
    assert evaluation.department.text == department


@pytest.mark.parametrize("project", ["社区健身设施维护经费", "图书采购"])
def test_a_label_left_blank_takes_no_other_label_s_value(project: str) -> None:
    """主管部门 printed blank before 实施单位: the words before it are 项目名称's value."""
    text = (f"项目支出绩效自评表 (2022 年度) 项目名称 {project} 主管部门 实施单位 某区体育中心 "
            "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 100.00 100.00 90.00 10 90.00% 9 "
            "年度总体目标 预期目标 完成。 实际完成情况 已完成。 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分")
    document, _ = read_document("blank.txt", text.encode())
    evaluation = document.project_self_evaluations[0]
    assert evaluation.project.text == project
    assert evaluation.department.text is None
