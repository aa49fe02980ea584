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
