"""Source 'text': ``| a | b |`` rows (Markdown, HTML copied as text) and page furniture.

Inputs are written inline; ``→`` stands for a tab.
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from jixiao.sources.sheet import Sheet
from jixiao.sources.text import load, page_number, pipe_cells


def sheet(text: str) -> Sheet:
    return load("t.md", text.replace("→", "\t").encode("utf-8"))


# --- | a | b | rows ---------------------------------------------------------------------

def test_pipe_row_cells_and_text() -> None:
    (line,) = sheet("| 项目名称 |  | 某项目 |").lines
    assert line.cells == ("项目名称", "", "某项目")
    assert line.text == "项目名称\t\t某项目"          # as the tab-separated line reads


def test_only_lines_that_start_and_end_with_a_pipe() -> None:
    assert pipe_cells("  | a | b |  ") == ("a", "b")
    assert pipe_cells("| a | b") is None
    assert pipe_cells("a | b |") is None
    assert pipe_cells("|") is None
    assert pipe_cells("实施单位：某中心 | 某局") is None
    line = sheet("a | b→c").lines[0]
    assert line.cells == ("a | b", "c")             # a tab line with a pipe stays a tab line


def test_separator_rows_are_left_out_and_numbers_kept() -> None:
    s = sheet("| 一级指标 | 二级指标 |\n|---|:---:|\n| 产出指标 | 数量指标 |\n| :-- | --: |")
    assert [(line.number, line.cells) for line in s.lines] == \
        [(1, ("一级指标", "二级指标")), (3, ("产出指标", "数量指标"))]
    assert pipe_cells("| - | - |") == ()             # a row of dashes alone reads as a separator
    assert pipe_cells("| — | 其他资金 | - |") == ("—", "其他资金", "-")


def test_escaped_pipes_breaks_and_tabs_inside_cells() -> None:
    assert pipe_cells(r"| a \| b | c<br>d | e<BR/>f |") == ("a | b", "c d", "e f")
    assert pipe_cells("| a\tb | c |") == ("a b", "c")
    assert pipe_cells(r"| a | b \|") is None          # ends with an escaped pipe: no row end


def test_crlf_and_gbk_pipe_rows() -> None:
    s = load("t.txt", "| 项目名称 | 某项目 |\r\n| 主管部门 | 某局 |\r\n".encode("gbk"))
    assert [line.cells for line in s.lines if not line.blank] == [("项目名称", "某项目"), ("主管部门", "某局")]


# --- page furniture ---------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "number"), [
    ("- 3 -", 3), ("-3-", 3), ("— 12 —", 12), ("－ 4 －", 4), ("第 3 页", 3), ("第3页", 3),
    ("第 3 页 共 10 页", 3), ("第3页，共10页", 3), ("Page 7 of 9", 7), ("  第　5　页  ", 5),
])
def test_page_numbers(raw: str, number: int) -> None:
    assert page_number(raw) == number


@pytest.mark.parametrize("raw", ["3", "- 3", "第 3 页的说明", "共 10 页", "2024 年度", "第三页",
                                 "第 3 页\t100", "-", "—", "- 12345 -"])
def test_not_page_numbers(raw: str) -> None:
    assert page_number(raw) is None


def test_page_numbers_become_pages() -> None:
    s = sheet("a→1\nb→2\n- 1 -\nc→3\n第 2 页\nd→4")
    assert [(line.number, line.text, line.page) for line in s.lines] == \
        [(1, "a\t1", 1), (2, "b\t2", 1), (4, "c\t3", 2), (6, "d\t4", 3)]


def test_form_feeds_number_the_pages_and_leave_the_text() -> None:
    """pdftotext starts each page with a form feed; 003's cell lines must still start with a tab."""
    s = sheet("→甲\n\f→乙\n丙\n\f")
    assert [(line.text, line.page) for line in s.lines] == [("\t甲", 1), ("\t乙", 2), ("丙", 2), ("", 3)]


def test_no_page_numbers_no_pages() -> None:
    assert {line.page for line in sheet("a→1\n\nb→2").lines} == {None}


def test_running_header_after_page_numbers_is_left_out() -> None:
    text = "a→1\n- 1 -\n某局 2024 年度决算公开\nb→2\n- 2 -\n某局 2024 年度决算公开\nc→3\n某局 2024 年度决算公开"
    s = sheet(text)
    assert [line.text for line in s.lines] == ["a\t1", "b\t2", "c\t3", "某局 2024 年度决算公开"]


@pytest.mark.parametrize("mark", ["续表", "（续表）", "(续上表)", "续表 2"])
def test_table_continued_lines_are_left_out(mark: str) -> None:
    s = sheet(f"a→1\n{mark}\nb→2\n续表的说明")
    assert [line.text for line in s.lines] == ["a\t1", "b\t2", "续表的说明"]
    assert {line.page for line in s.lines} == {None}


def test_a_line_after_one_page_number_only_stays() -> None:
    s = sheet("a→1\n- 1 -\n情况说明\nb→2")
    assert [line.text for line in s.lines] == ["a\t1", "情况说明", "b\t2"]


def test_table_titles_at_page_tops_stay() -> None:
    s = sheet("总分→100\n- 1 -\n项目支出绩效自评表\n项目名称→→甲\n- 2 -\n项目支出绩效自评表\n项目名称→→乙")
    assert [line.text for line in s.lines].count("项目支出绩效自评表") == 2


def test_blank_margins_around_furniture_go_with_it() -> None:
    # a blank line on both sides is the footer's margin; on one side only it is the document's
    s = sheet("a→1\n\n第 1 页\n\nb→2\n\n- 2 -\nc→3")
    assert [line.text for line in s.lines] == ["a\t1", "b\t2", "", "c\t3"]


def test_one_cell_per_line_empty_cells_are_no_margin() -> None:
    """003's layout: a line holding only a tab is an empty cell, never a blank margin."""
    s = sheet("→甲\n→\n- 1 -\n→\n→乙")
    assert [line.text for line in s.lines] == ["\t甲", "\t", "\t", "\t乙"]


# --- through the pipeline ---------------------------------------------------------------

TAB_TABLE = """项目支出绩效自评表
(2024 年度)
项目名称→→某项目
主管部门→→某局→→实施单位→→某中心
项目资金 (万元)→→年初预算数→全年预算数→全年执行数→分值→执行率→得分
→年度资金总额→100.00→100.00→80.00→10.00→80.00%→8.00
年度总体目标→→预期目标→→实际完成情况
→→完成培训→→基本完成
绩效指标→一级指标→二级指标→三级指标→年度指标值→实际完成值→分值→得分→偏差原因分析及改进措施
→产出指标 (50) 分→数量指标→培训人数（人）→≥100→90→50→45→部分未开班
→→→培训期数（期）→≥10→10→→→
→效益指标 (30) 分→社会效益指标→就业率（%）→≥70%→75%→30→30→
总分→→→→→→90→83
"""


def _as_markdown(text: str) -> str:
    out = []
    for n, line in enumerate(text.splitlines()):
        out.append("| " + " | ".join(line.split("→")) + " |" if "→" in line else line)
        if n == 2:
            out.append("|---|---|---|")
        if n == 9:
            out += ["", "- 1 -", "", "某局 2024 年度预算绩效信息公开"]
        if n == 10:
            out += ["第 2 页", "某局 2024 年度预算绩效信息公开", ""]
    return "\n".join(out)


def test_markdown_rows_with_page_furniture_read_as_the_tab_table() -> None:
    tab = to_interchange(read_document("t.txt", TAB_TABLE.replace("→", "\t").encode())[0])
    md = to_interchange(read_document("t.md", _as_markdown(TAB_TABLE).encode())[0])
    assert len(tab["project_self_evaluations"][0]["indicators"]) == 3
    assert md["project_self_evaluations"] == tab["project_self_evaluations"]
