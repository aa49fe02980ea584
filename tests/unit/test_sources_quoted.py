"""A spreadsheet dumped as quoted comma-separated cells: rebuilt into rows of cells by the
text source, however the dump ran its rows together; JSON is no dump."""

from __future__ import annotations

import pytest

from jixiao.sources.text import load

HEADER = ("项目", "考核内容", "考核指标", "权数")
ROWS = [("支出管理(60分)", "预算支出", "完成率", "20"), ("结转管理(10分)", "结转结余", "结转结余率", "10"),
        ("资产管理(40分)", "资产", "资产账实相符率", "40")]


def _quoted(row: tuple[str, ...]) -> str:
    return ",".join(f'"{c}"' if c else " " for c in row)


@pytest.mark.parametrize("joiner", ["\n", " ", "\r\n"])
def test_quoted_cells_become_rows_however_the_rows_are_joined(joiner: str) -> None:
    text = "编辑: 某某 | 2019-07-07 |\n,,\n,,\n" + joiner.join(_quoted(r) for r in [HEADER, *ROWS]) + "\n"
    sheet = load("dump.txt", text.encode())
    assert sheet.lines[0].text.startswith("编辑")                      # the byline stays a line
    got = [tuple(c for c in line.cells) for line in sheet.lines[1:]]
    assert got == [HEADER, *ROWS]


def test_a_line_break_inside_quotes_is_inside_its_cell() -> None:
    rows = [HEADER, ("支出管理(60分)", "预算支出", "完成率=完成数/预算数,\n用以反映完成情况", "20")] * 3
    sheet = load("dump.txt", "\n".join(_quoted(r) for r in rows).encode())
    assert [line.cells[2] for line in sheet.lines] == ["考核指标", "完成率=完成数/预算数,用以反映完成情况"] * 3


def test_json_is_no_dump() -> None:
    text = '摘要: {"原始ID":"750fe752","发布时间":"2021年08月16日","发布者":"某县政府","附件":[{"Name":"a.xls"}]}\n'
    sheet = load("page.txt", (text * 3).encode())
    assert all(len(line.cells) == 1 for line in sheet.lines)


def test_a_row_boundary_the_dump_lost_is_not_invented() -> None:
    """``"20" ,"结转结余"``: a row that starts with an empty cell, run into the row before with a
    space: nothing says where the first row ends, so the cells stay one row (the reader aligns)."""
    text = _quoted(HEADER) + "\n" + _quoted(ROWS[0]) + " " + _quoted(("", "结转结余", "结转结余率", "10")) + "\n"
    sheet = load("dump.txt", (text * 3).encode())
    assert sheet.lines[1].cells == ROWS[0] + ("结转结余", "结转结余率", "10")
