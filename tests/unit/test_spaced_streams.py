"""Self-evaluations whose cells reach us separated only by spaces, in drawing order: a
spreadsheet's or PDF's text layer printed cell by cell on one line.

Each rule is tested on generated variants of the printing (other values, units, order),
never on one document's words.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model.selfeval import SelfEvaluation
from jixiao.pipeline import read_document
from jixiao.sources.stream import split_run


def _read(text: str) -> SelfEvaluation:
    document, _ = read_document("spaced.txt", text.encode())
    assert len(document.project_self_evaluations) == 1
    return document.project_self_evaluations[0]


def _xls_stream(unit_note: str, amount: str, unit: str, weight: str, rate: str, score: str,
                late_score: bool) -> str:
    """A fund block dumped from a spreadsheet: amounts carry their unit in the cell, and
    (late_score) the 得分 header is printed after the lines it heads."""
    head = f"分值 执行率 {'' if late_score else '得分 '}"
    line = f"{amount}{unit} {amount}{unit} {amount}{unit} {weight} {rate} {score}"
    return (f"项目支出绩效自评表 ( 2021 年度) 项目名称 测试经费 主管部门 某市某局 项目资金{unit_note} "
            f"实施单位 某市某局 年初预算数 全年预算数 全年执行数 {head}"
            f"年度资金总额: {line} 其中:当年财政拨款 {line} {'得分 ' if late_score else ''}上年结转资金 其他资金 "
            "预期目标 实际完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "产出指标 数量指标 培训人数 ≥100人 120人 50 50 效益指标 社会效益指标 就业率 ≥90% 95% 40 40\n")


@pytest.mark.parametrize(("unit_note", "amount", "unit", "weight", "rate", "score", "late"), [
    ("(万元)", "620.82", "万元", "10", "100%", "10", True),
    ("(万元)", "1,250.5", "万元", "20", "98%", "19.6", False),
    ("", "88000", "元", "10", "95.5%", "9.55", True),
])
def test_amounts_carrying_their_unit_and_a_score_header_printed_late(
        unit_note: str, amount: str, unit: str, weight: str, rate: str, score: str, late: bool) -> None:
    e = _read(_xls_stream(unit_note, amount, unit, weight, rate, score, late))
    number = Decimal(amount.replace(",", ""))
    assert [f.item.text for f in e.funds[:2]] == ["年度资金总额", "其中:当年财政拨款"]
    for fund in e.funds[:2]:
        assert [fund.initial.number, fund.budget.number, fund.executed.number] == [number] * 3
        assert [fund.weight.text, fund.rate.text, fund.score.text] == [weight, rate, score]


def test_a_unit_that_contradicts_the_block_is_not_converted() -> None:
    """万元 declared, 元 in the cell: which amount was meant is not ours to decide."""
    e = _read(_xls_stream("(万元)", "620.82", "元", "10", "100%", "10", False))
    assert all(f.budget.empty and f.executed.empty for f in e.funds)


def _transfer_stream(total: tuple[str, str], lines: list[tuple[str, str, str]], note: str) -> str:
    """A transfer-payment form dumped from a spreadsheet: the merged 年度资金总额 cell is
    printed after the lines' values, its own values first; the last source's item carries
    a bracketed note wrapped over cells (``note`` holds the wrap as spaces)."""
    body = " ".join(f"{item} {a} {b}" for item, a, b in lines[:-1])
    item, a, b = lines[-1]
    return (f"就业补助资金绩效目标自评表 (2022年度) 转移支付(项目)名称 测试资金 中央主管部门 某部 "
            f"全年预算数(A) 全年执行数(B) {total[0]} {total[1]} {body} {item} {note} {a} {b} "
            "年度资金总额 资金投入情况 (万元) 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "产出指标 数量指标 培训人数 ≥100人 120人 50 50\n")


@pytest.mark.parametrize(("total", "lines", "note"), [
    (("7165.32", "6992.95"), [("其中:中央财政资金", "3144.00", "3144.00"), ("自治区财政资金", "570.17", "570.17"),
                              ("其他资金", "3451.15", "3278.78")], "(包括以前年度结转资 金)"),
    (("300.5", "280"), [("中央补助", "200", "190"), ("其他资金", "100.5", "90")], "(含 结转)"),
])
def test_values_printed_before_their_item_and_a_wrapped_item_note(
        total: tuple[str, str], lines: list[tuple[str, str, str]], note: str) -> None:
    e = _read(_transfer_stream(total, lines, note))
    got = [(f.item.text, f.budget.text, f.executed.text) for f in e.funds]
    expected_note = note.replace(" ", "")
    assert got[-1] == ("年度资金总额", *total)
    assert got[:-1] == [(i, a, b) for i, a, b in lines[:-1]] + [(f"{lines[-1][0]} {expected_note}", *lines[-1][1:])]


def test_values_first_whose_line_cannot_be_told_stay_empty() -> None:
    """Two lines printed without values, or values of another shape: not assigned."""
    two = _transfer_stream(("100", "90"), [("中央补助", "", ""), ("其他资金", "50", "45")], "(含结转)")
    assert all(f.budget.empty for f in _read(two).funds if f.item.text in ("年度资金总额", "中央补助"))
    shaped = _transfer_stream(("100", "90%"), [("中央补助", "50", "45"), ("其他资金", "50", "45")], "(含结转)")
    assert next(f for f in _read(shaped).funds if f.item.text == "年度资金总额").budget.empty


_HEAD = "项目支出绩效自评表 项目名称 测试项目 主管部门 某局 实施单位 某中心 "
_ROWS = [("产出指标", "数量指标", "培训人数", "≥100人", "120人", "30", "30"),
         ("产出指标", "质量指标", "合格率", "≥90%", "95%", "20", "20"),
         ("效益指标", "社会效益指标", "就业率", "≥80%", "85%", "40", "38")]


@pytest.mark.parametrize("printing", ["header_repeated", "header_interleaved"])
def test_column_headers_printed_among_the_rows_are_no_indicators(printing: str) -> None:
    """A page break repeats the header between rows; a text layer in drawing order prints
    header cells (三级指标, 指标值, 分值) among the rows. Neither is an indicator."""
    rows = [" ".join(r) for r in _ROWS]
    if printing == "header_repeated":
        body = f"{rows[0]} {rows[1]} 一级指标 二级指标 三级指标 指标值 实际值 分值 得分 {rows[2]}"
    else:
        body = f"{rows[0]} 三级指标 指标值 {rows[1]} 分值 得分 {rows[2]}"
    text = f"{_HEAD}一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 {body} 总分 90 88\n"
    names = [i.name.text for i in _read(text).indicators]
    assert not {"二级指标", "三级指标", "指标值", "分值", "得分", "实际值"} & set(names)
    assert [n for n in names if n in ("培训人数", "合格率", "就业率")] == ["培训人数", "合格率", "就业率"]


@pytest.mark.parametrize(("text", "cells"), [
    # a wrapped name's last character drawn beside the next cell: not one letter-spaced word
    ("合同结算条款完成 率 满意度指标 服务对象满意度指标 场馆开放满意度 总分 100 95",
     ["合同结算条款完成 率", "满意度指标", "服务对象满意度指标", "场馆开放满意度", "总分", "100", "95"]),
    ("指标1:资金是否及时纳 入 100% 100% 10 10 时效指标 培训人数 50人 10 10",
     ["指标1:资金是否及时纳 入", "100%", "100%", "10", "10", "时效指标", "培训人数", "50人", "10", "10"]),
    # a letter-spaced merged cell that spells a label, between other cells' text
    ("数量指标 指标1:全县参合人数 绩 效 指 标 某县服务中心 8755 8676 15 13",
     ["数量指标", "指标1:全县参合人数", "绩 效 指 标", "某县服务中心", "8755", "8676", "15", "13"]),
    ("产 出 指 标 数 量 指 标 培训人数 ≥100人 120人 50 50",
     ["产 出 指 标", "数 量 指 标", "培训人数", "≥100人", "120人", "50", "50"]),
])
def test_lone_letters_beside_labels_and_values_in_drawing_order(text: str, cells: list[str]) -> None:
    assert split_run(text) == cells


@pytest.mark.parametrize("cut", ["after_target", "after_name_target_unit"])
def test_a_row_the_excerpt_cuts_inside_is_left_out(cut: str) -> None:
    """An excerpt that ends inside a row (its name and target printed, then nothing):
    the row is left out; the complete rows before it stay."""
    rows = " ".join(" ".join(r) for r in _ROWS)
    tail = "满意度指标 服务对象满意度指标 群众满意度 ≥95%" + (" 以上" if cut != "after_target" else "")
    text = f"{_HEAD}一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 {rows} {tail}\n"
    names = [i.name.text for i in _read(text).indicators]
    assert names == ["培训人数", "合格率", "就业率"]


def test_a_last_row_with_its_values_stays() -> None:
    rows = " ".join(" ".join(r) for r in _ROWS)
    text = (f"{_HEAD}一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 {rows} "
            "满意度指标 服务对象满意度指标 群众满意度 ≥95% 96% 10 10\n")
    assert [i.name.text for i in _read(text).indicators][-1] == "群众满意度"


@pytest.mark.parametrize(("label", "value", "role"), [
    ("地方主管部 门", "某市某区财政局", "department"),
    ("实施单位", "某县某服务中心", "unit"),
    ("实施单位", "9,034", None),                 # an amount printed beside the label: no name
])
def test_info_printed_among_the_fund_lines(label: str, value: str, role: str | None) -> None:
    """A text layer in drawing order prints the head's right-hand cells after the amounts."""
    text = ("项目支出绩效自评表 项目名称 测试项目 全年预算数 全年执行数 年度资金总额 100.00 90.00 "
            f"其中:中央补助 60.00 55.00 {label} {value} 预期目标 实际完成情况 "
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "产出指标 数量指标 培训人数 ≥100人 120人 50 50\n")
    e = _read(text)
    got = {"department": e.department.text, "unit": e.unit.text}
    assert got == {r: (value if r == role else None) for r in got}
    assert [f.budget.text for f in e.funds] == ["100.00", "60.00"]
