"""Self-evaluations from a PDF text layer in drawing order (a document site re-flows the
layer into one line): a vertically merged label cell is drawn after the value beside it,
so the project's name and the implementing unit stand before their labels, wrapped in
pieces. Tested on generated variants of the printing.
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.readers.form_columns_apart import drawn_apart
from jixiao.readers.form_engine import level
from jixiao.sources.registry import load
from jixiao.sources.stream import Token, split_run, tokens


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


@pytest.mark.parametrize("item", ["年度资金总额", "其他资金"])
def test_a_fund_line_s_item_before_a_label_is_no_value(item: str) -> None:
    """实施单位 printed right after a fund line's item: the item is a label, not the unit."""
    text = (f"项目支出绩效自评表 (2022 年度) 项目名称 图书采购 主管部门 某区文化局 年初预算数 {item} 实施单位 "
            "全年预算数 全年执行数 分值 执行率 得分 100 90 10 90% 9 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分")
    document, _ = read_document("item.txt", text.encode())
    assert document.project_self_evaluations[0].unit.text != item


# --- the indicator table drawn column by column ------------------------------------------

_LEVEL2 = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "社会效益指标": "效益指标",
           "服务对象满意度指标": "满意度指标"}


def _rows(n: int) -> list[tuple[str, str, str, str, int, int]]:
    """n rows (level 2, name, target, actual, weight, score) whose weights add up to 90."""
    names = ["场地开放天数", "设施完好率", "费用结算及时性", "群众健身参与率", "群众满意度", "赛事举办场次"]
    level2s = list(_LEVEL2)
    weights = [90 // n] * (n - 1) + [90 - 90 // n * (n - 1)]
    out = []
    for k in range(n):
        target, actual = (("及时", "及时") if k == 2 else (f">={80 + k}%", f"{90 + k}%"))
        out.append((level2s[k % len(level2s)], names[k], target, actual, weights[k], weights[k] - (k % 2)))
    return out


def _drawn_body(rows: list[tuple[str, str, str, str, int, int]], wrap_first: bool) -> str:
    """The body as the text layer draws it: header cells (the first level 2 and name among
    them), the value rows, the total, then the level cells and the other names."""
    first = rows[0]
    name = first[1][:-1] if wrap_first else first[1]
    values = " ".join(f"{t} {a} {w} {s}" for _, _, t, a, w, s in rows)
    total = f"{sum(r[4] for r in rows) + 10} {sum(r[5] for r in rows) + 9}"
    if wrap_first:             # the wrapped name's last character lands beside the total
        total += f" {first[1][-1]}"
    later = " ".join(f"{_LEVEL2[l2]} {l2} {n}" for l2, n, *_ in rows[1:])
    return (f"一级指标 二级指标 {first[0]} 三级指标 {name} 年度 指标值 实际 完成值 分值 得分 "
            f"{values} {total} {_LEVEL2[first[0]]} 绩 效 指 标 {later} 总分 -1-")


def _document(rows: list[tuple[str, str, str, str, int, int]], wrap_first: bool = False) -> bytes:
    head = _drawn(("社区健身设施维", "护经费"), ("某区体育事业发展", "中心"), "某区体育局").decode()
    return (head.split(" 一级指标")[0] + " " + _drawn_body(rows, wrap_first)).encode()


@pytest.mark.parametrize(("n", "wrap_first"), [(3, False), (4, True), (5, False), (6, True)])
def test_value_rows_drawn_before_their_names_are_paired_in_order(n: int, wrap_first: bool) -> None:
    rows = _rows(n)
    document, _ = read_document("drawn.txt", _document(rows, wrap_first))
    evaluation = document.project_self_evaluations[0]
    got = [(x.level2, x.name.text, x.target.text, x.actual.text, x.weight.number, x.score.number)
           for x in evaluation.indicators]
    # a wrapped first name's last character, drawn beside the total, is whose cannot be told
    first = rows[0][1][:-1] if wrap_first else rows[0][1]
    assert got == [(l2, first if k == 0 else name, t, a, w, s) for k, (l2, name, t, a, w, s) in enumerate(rows)]
    assert [x.level1 for x in evaluation.indicators] == [_LEVEL2[r[0]] for r in rows]
    assert evaluation.total_score.number == sum(r[5] for r in rows) + 9


def _body_tokens(text: bytes) -> tuple[Token, ...]:
    toks = tokens(load("drawn.txt", text))
    return toks[next(k for k, t in enumerate(toks) if t.text == "一级指标"):]


@pytest.mark.parametrize("left_out", [1, 2])
def test_names_fewer_than_the_value_rows_pair_nothing(left_out: int) -> None:
    """A name left out (cut off, or printed elsewhere): which row is whose cannot be told."""
    rows = _rows(4)
    whole = _document(rows)
    assert drawn_apart(_body_tokens(whole), level, 10.0) is not None
    text = whole.decode().replace(f" {rows[left_out][1]} ", " ")
    assert drawn_apart(_body_tokens(text.encode()), level, 10.0) is None


def test_level_cells_of_another_count_leave_the_levels_empty() -> None:
    rows = _rows(4)
    text = _document(rows).decode().replace(f" {rows[1][0]} ", " ")
    drawn = drawn_apart(_body_tokens(text.encode()), level, 10.0)
    assert drawn is not None
    assert [x.name.text for x in drawn.indicators] == [r[1] for r in rows]
    assert all(x.level2 is None for x in drawn.indicators)


# --- the goals as a text layer in drawing order prints them -------------------------------

@pytest.mark.parametrize(("verdict", "sentence"), [("已完成", "普陀体育中心与委托运营方费用结算。"),
                                                   ("已达到", "预期的服务保障水平。")])
def test_a_verdict_that_opens_a_sentence_stays_in_it(verdict: str, sentence: str) -> None:
    assert split_run(f"实际完成情况{verdict}{sentence}一级指标") == ["实际完成情况", verdict + sentence, "一级指标"]
