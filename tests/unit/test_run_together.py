"""Self-evaluation tables that reach us as one run-together line (document sites carry a
Word table's text with no cell separators): fund lines that leave a column out, split by
the line's arithmetic. Each rule is tested on generated variants of the printing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.pipeline import read_document
from jixiao.readers.form_split import split_line

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
