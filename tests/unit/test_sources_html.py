"""Source 'html': web pages and tables saved as HTML → lines of cells. Inputs inline."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.sources import html, text
from jixiao.sources.registry import load
from jixiao.sources.sheet import Sheet, UnreadableInput


def sheet(markup: str, name: str = "t.html", encoding: str = "utf-8") -> Sheet:
    return load(name, markup.encode(encoding))


def cells(markup: str) -> list[tuple[str, ...]]:
    """The non-blank lines' cells."""
    return [line.cells for line in sheet(markup).lines if not line.blank]


# --- which files are HTML ---------------------------------------------------------------

def test_identify_by_name_and_by_content() -> None:
    assert html.identify("a.html", b"") == 1.0
    assert html.identify("a.HTM", b"") == 1.0
    page = b"\xef\xbb\xbf  <!DOCTYPE html>\n<html><body>x</body></html>"
    assert html.identify("a.txt", page) > text.identify("a.txt", page)
    assert html.identify("a.txt", b"<?xml version='1.0' encoding='utf-8'?>\n<html>") > 0.9
    # text that only mentions markup (001's <p> in cells) stays text
    assert html.identify("a.txt", "项目名称\t<p>某项目</p>".encode()) == 0.0


def test_registry_routes_html_pages() -> None:
    assert sheet("<p>正文</p>").format == "html"
    assert load("page.txt", b"<!doctype html><p>x</p>").format == "html"
    assert load("plain.txt", b"<p>x</p>").format == "text"


def test_xls_files_that_are_html_tables() -> None:
    """Portals export ``.xls`` files that are HTML tables (Excel's 'Web page' format)."""
    data = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>项目名称</td>' \
           '<td>某项目</td></tr></table></body></html>'.encode("gb18030")
    assert load("表1.xls", data).lines[0].cells == ("项目名称", "某项目")
    assert load("表2.xls", "<table><tr><td>总分</td><td>90</td></tr></table>".encode()).format == "html"


# --- tables -----------------------------------------------------------------------------

def test_one_line_per_row_with_real_cells() -> None:
    got = cells("""<table>
        <thead><tr><th>项目名称</th><th>某项目</th></tr></thead>
        <tbody><tr><td>主管部门</td><td>某局</td></tr></tbody>
        <tfoot><tr><td>总分</td><td>100</td></tr></tfoot></table>""")
    assert got == [("项目名称", "某项目"), ("主管部门", "某局"), ("总分", "100")]
    line = sheet("<table><tr><td>a</td><td>b</td></tr></table>").lines[0]
    assert line.text == "a\tb"


def test_colspan_keeps_the_grid() -> None:
    """A merged cell's text stands in its first grid cell; the cells it covers are empty."""
    assert cells('<table><tr><td colspan="2">项目名称</td><td colspan="3">某项目</td></tr></table>') == \
        [("项目名称", "", "某项目", "", "")]


def test_rowspan_stands_as_empty_cells_below() -> None:
    got = cells("""<table>
        <tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>人数</td><td>5</td></tr>
        <tr><td>期数</td><td>4</td></tr>
        <tr><td>质量指标</td><td>合格率</td><td>3</td></tr>
        <tr><td>效益指标</td><td>社会效益指标</td><td>就业率</td><td>2</td></tr></table>""")
    assert got == [("产出指标", "数量指标", "人数", "5"), ("", "", "期数", "4"),
                   ("", "质量指标", "合格率", "3"), ("效益指标", "社会效益指标", "就业率", "2")]


def test_rowspan_in_the_last_column_and_after_a_colspan() -> None:
    got = cells("""<table>
        <tr><td colspan="2">名称</td><td>1</td><td rowspan="2">原因</td></tr>
        <tr><td colspan="2">名称二</td><td>2</td></tr>
        <tr><td colspan="2">名称三</td><td>3</td><td>另一原因</td></tr></table>""")
    assert got == [("名称", "", "1", "原因"), ("名称二", "", "2", ""), ("名称三", "", "3", "另一原因")]


def test_absurd_spans_are_bounded() -> None:
    got = sheet('<table><tr><td rowspan="99999999">a</td><td>b</td></tr><tr><td>c</td></tr></table>')
    assert [line.cells for line in got.lines if not line.blank] == [("a", "b"), ("", "c")]
    assert cells('<table><tr><td rowspan="x" colspan="-1">a</td></tr></table>') == [("a",)]


def test_cell_text_on_one_line() -> None:
    got = cells("<table><tr><td><p>第一段</p><p>第二段</p></td><td>a<br>b\tc&nbsp;d &amp; e</td></tr></table>")
    assert got == [("第一段 第二段", "a b c d & e")]


def test_caption_and_a_blank_line_after_each_table() -> None:
    s = sheet("<table><caption>表1</caption><tr><td>a</td></tr></table><p>之后</p>")
    assert [line.text for line in s.lines] == ["表1", "a", "", "之后"]


def test_layout_tables_keep_the_inner_rows() -> None:
    """Portals lay pages out with tables: the row holding the content table is no data row."""
    got = cells("""<table width="100%"><tr><td><h1>标题</h1>
        <table><tr><td>项目名称</td><td>某项目</td></tr><tr><td>总分</td><td>90</td></tr></table>
        <p>落款</p></td><td>侧栏</td></tr></table>""")
    assert got == [("标题",), ("项目名称", "某项目"), ("总分", "90"), ("落款",), ("侧栏",)]


# --- text outside tables ----------------------------------------------------------------

def test_blocks_and_breaks_make_lines_inline_elements_do_not() -> None:
    got = cells("<h1>部门 <b>决算</b></h1><p>第一行<br/>第二行</p><div>一<span>二</span>三</div>"
                "<ul><li>甲</li><li>乙</li></ul><pre>x  y\nz</pre>")
    assert got == [("部门 决算",), ("第一行",), ("第二行",), ("一二三",), ("甲",), ("乙",), ("x y",), ("z",)]


def test_scripts_styles_comments_and_hidden_elements_are_dropped() -> None:
    markup = """<html><head><title>标题</title><style>p{color:red}</style>
        <script>var secret = "脚本";</script></head><body>
        <!-- 注释 --><script type="text/javascript">document.write('<p>写入</p>')</script>
        <p>可见</p><div style="display: none">隐藏</div><p hidden>也隐藏</p>
        <noscript>无脚本</noscript><template><p>模板</p></template>
        <table><tr><td>a<script>x()</script></td><td style="display:none">藏</td><td>b</td></tr></table>
        </body></html>"""
    s = sheet(markup)
    assert [line.cells for line in s.lines if not line.blank] == [("可见",), ("a", "b")]
    for word in ("脚本", "写入", "注释", "隐藏", "无脚本", "模板", "标题", "color", "藏"):
        assert word not in s.text


def test_malformed_markup_still_reads() -> None:
    got = cells("<p>未闭合<table><tr><td>a<td>b<tr><td>c</table><p>尾")
    assert got == [("未闭合",), ("a", "b"), ("c",), ("尾",)]


def test_deep_nesting_does_not_overflow() -> None:
    # Below libxml2's nesting limit (256) the text is read, flattened past 200 levels.
    assert "深处" in sheet("<div>" * 240 + "深处" + "</div>" * 240).text
    # Beyond it libxml2 drops the deeper content: no crash, the rest is read.
    assert "之前" in sheet("<p>之前</p>" + "<div>" * 5000 + "深处" + "</div>" * 5000).text


# --- encodings --------------------------------------------------------------------------

@pytest.mark.parametrize("head", ['<meta charset="gb2312">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'])
def test_declared_gbk(head: str) -> None:
    s = sheet(f"<html><head>{head}</head><body><p>项目支出绩效自评表 ⑪</p></body></html>",
              encoding="gb18030")
    assert s.lines[0].text == "项目支出绩效自评表 ⑪" and s.encoding == "gb18030"


def test_undeclared_encodings() -> None:
    assert sheet("<p>绩效</p>", encoding="gbk").lines[0].text == "绩效"
    assert load("t.html", "\ufeff<p>绩效</p>".encode()).lines[0].text == "绩效"
    assert load("t.html", "<p>绩效</p>".encode("utf-16")).lines[0].text == "绩效"


def test_xhtml_with_an_xml_declaration() -> None:
    markup = '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>绩效</p></body></html>'
    assert cells(markup) == [("绩效",)]


# --- nothing to read --------------------------------------------------------------------

@pytest.mark.parametrize("markup", ["<html><body></body></html>", "<script>x()</script>", "<!-- -->"])
def test_no_text_is_unreadable(markup: str) -> None:
    with pytest.raises(UnreadableInput):
        sheet(markup)


# --- through the pipeline ---------------------------------------------------------------

TABLE = """<!DOCTYPE html><html><body><h2>项目支出绩效自评表</h2><p>(2024 年度)</p><table>
<tr><td colspan="2">项目名称</td><td colspan="7">某项目</td></tr>
<tr><td colspan="2">主管部门</td><td colspan="2">某局</td><td colspan="2">实施单位</td><td colspan="3">某中心</td></tr>
<tr><td colspan="2">项目资金 (万元)</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td></td><td>年度资金总额</td><td>100.00</td><td>100.00</td><td>80.00</td><td>10</td><td>80.00%</td><td>8.00</td></tr>
<tr><td colspan="2">年度总体目标</td><td colspan="2">预期目标</td><td colspan="5">实际完成情况</td></tr>
<tr><td colspan="2"></td><td colspan="2">完成培训</td><td colspan="5">基本完成</td></tr>
<tr><td>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
<tr><td></td><td rowspan="2">产出指标 (50) 分</td><td rowspan="2">数量指标</td><td>培训人数（人）</td><td>≥100</td><td>90</td><td rowspan="2">50</td><td rowspan="2">45</td><td rowspan="2">部分未开班</td></tr>
<tr><td></td><td>培训期数（期）</td><td>≥10</td><td>10</td></tr>
<tr><td colspan="6">总分</td><td>60</td><td>53</td><td></td></tr>
</table></body></html>"""


def test_a_self_evaluation_page_reads_through_the_pipeline() -> None:
    document, _ = read_document("t.html", TABLE.encode())
    (e,) = document.project_self_evaluations
    assert (e.year, e.project.text, e.department.text, e.unit.text) == (2024, "某项目", "某局", "某中心")
    assert [(f.item.text, f.rate.text, f.score.text) for f in e.funds] == [("年度资金总额", "80.00%", "8.00")]
    assert (e.goal_planned.text, e.goal_actual.text) == ("完成培训", "基本完成")
    rows = [(i.level1, i.level2, i.name.text, i.weight.text, i.score.text, i.reason.text) for i in e.indicators]
    assert rows == [("产出指标", "数量指标", "培训人数（人）", "50", "45", "部分未开班"),
                    ("产出指标", "数量指标", "培训期数（期）", None, None, None)]
    assert (e.total_weight.text, e.total_score.text) == ("60", "53")
    score = e.indicators[0].score
    assert score.where.file == "t.html" and score.where.line is not None


# --- merged cells, in general ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def merged_grids(draw: st.DrawFn) -> list[tuple[int, int, int, int, str]]:
    """A full table grid cut into rectangles: (top, left, height, width, text) each."""
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    free = {(r, c) for r in range(rows) for c in range(cols)}
    cells = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) not in free:
                continue
            run = 1
            while (r, c + run) in free:
                run += 1
            width = draw(st.integers(1, run))
            height = draw(st.integers(1, rows - r))
            while not all((r + dr, c + dc) in free for dr in range(height) for dc in range(width)):
                height -= 1
            free -= {(r + dr, c + dc) for dr in range(height) for dc in range(width)}
            text = draw(st.sampled_from(("", f"格{r}{c}", f"指标 {r}-{c}", "≥98%")))
            cells.append((r, c, height, width, text))
    return cells


@settings(max_examples=50, deadline=None, derandomize=True)
@given(merged_grids())
def test_merged_cells_keep_the_grid(grid: list[tuple[int, int, int, int, str]]) -> None:
    rows = 1 + max(r + h - 1 for r, _, h, _, _ in grid)
    cols = 1 + max(c + w - 1 for _, c, _, w, _ in grid)
    markup = ["<table>"]
    expected: list[tuple[str, ...]] = []
    for r in range(rows):
        tds = []
        for top, _, h, w, content in sorted(grid, key=lambda g: g[1]):
            if top == r:
                tds.append(f'<td rowspan="{h}" colspan="{w}">{content}</td>')
        markup.append("<tr>" + "".join(tds) + "</tr>")
        row = []
        for c in range(cols):
            top, left, h, w, content = next(g for g in grid if g[0] <= r < g[0] + g[2] and g[1] <= c < g[1] + g[3])
            row.append(content if (top, left) == (r, c) else "")
        expected.append(tuple(row))
    markup.append("</table><p>表后</p>")
    got = [line.cells for line in sheet("".join(markup)).lines]
    assert got[:rows] == expected, "".join(markup)
    assert [x for x in got[rows:] if any(x)] == [("表后",)]
