"""The form with its indicators in target blocks (年度绩效目标1 (40分) | 一级指标 | … then
年度绩效目标2 (40分) | 一级指标 | …), printed by a document site with the cells run
together: the header each block prints again is no row, a level 1 printed alone over an
empty block gives way to the next, and the total runs into the words after it."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from jixiao.vocabulary import match_key

HEAD = "一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分"


def _form(blocks: list[list[tuple[str, str, str, str, str, str]]], total: str, traditional: bool) -> str:
    """The Hubei city form run together; each block (level1, level2, name, A, B, score) with
    its heading and header; a level 1 with no rows printed alone as its level 1 cell."""
    text = ("2020年度某某项目绩效自评表单位名称:某某局项目名称某某项目主管部门某某局项目实施单位某某中心"
            "预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额1010100%20")
    for n, rows in enumerate(blocks, start=1):
        text += f"年度绩效目标{n}(40分){HEAD}"
        for row in rows:
            text += "".join(row)
    text += f"总分{total}偏差大或目标未完成原因分析改进措施及结果应用方案备注:1.预算执行情况口径"
    if traditional:
        for a, b in (("绩效", "績效"), ("指标", "指標"), ("项目", "項目"), ("满意", "滿意"), ("务", "務"),
                     ("对象", "對象"), ("总分", "總分"), ("实际", "實際"), ("标值", "標值")):
            text = text.replace(a, b)
    return text


BLOCKS = [
    [("产出指标", "质量指标", "数据合格率", "100%", "100%", "10"),
     ("", "时效指标", "按时上报", "100%", "100%", "10"),
     ("效益指标", "", "", "", "", ""),
     ("满意度指标", "服务对象满意度指标", "群众满意度", "95%", "97%", "20")],
    [("产出指标", "数量指标", "监测点覆盖率", "100%", "100%", "20"),
     ("", "时效指标", "年度资料上报", "100%", "90%", "18")],
]


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("blocks", [BLOCKS, [BLOCKS[1], BLOCKS[0]]])
def test_two_target_blocks_run_together(blocks, traditional: bool) -> None:  # type: ignore[no-untyped-def]
    scores = [float(r[5]) for b in blocks for r in b if r[5]]
    total = f"{20 + sum(scores):g}"
    document, _ = read_document("f.txt", _form(blocks, total, traditional).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    got = [(i["level1"], match_key(i["name"]), i["score"]) for i in evaluation["indicators"]]
    expected: list[tuple[str | None, str, float]] = []
    for block in blocks:
        level1 = None
        for first, _, name, _, _, score in block:
            level1 = first or level1
            if name:
                expected.append((level1, name, float(score)))
    assert got == expected
    assert evaluation["total_score"] == float(total)


def _rated(budget: str, executed: str, rate: str) -> str:
    """The older Yunnan/Hubei form in '|' rows, its rate printed without a % sign."""
    return "\n".join([
        "项目支出绩效自评表 |", "单位名称:某某局 | 填报日期:2022年7月5日 | |||||",
        "项目名称 | 某某扶持项目 | |||||", "主管部门 | 某某县人民政府 | 项目实施单位 | 某某局 | |||",
        "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
        f"年度财政资金总额 | {budget} | {executed} | {rate} | 2.9 | ||",
        "年度绩效目标1 (80分) |", "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
        "产出指标 | 数量指标 | 扶持主体(个) | 15 | 6 | 8.0 | |", "总分 | 10.9 | |||||"])


@pytest.mark.parametrize(("budget", "executed", "rate", "expected"), [
    ("650", "94", "0.1", 10.0),         # 0.145 printed to one place
    ("200", "150", "0.75", 75.0),
    ("1.56", "1.56", "1", 100.0),
    ("100", "1", "1", 1.0),             # 1 % of the budget: a percent printed without its sign
    ("650", "94", "0.2", 0.2),          # no reading fits: as printed
])
def test_a_rate_printed_as_a_fraction_is_checked_to_its_printed_places(
        budget: str, executed: str, rate: str, expected: float) -> None:
    document, _ = read_document("r.txt", _rated(budget, executed, rate).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    assert evaluation["funds"][0]["rate"] == expected


ROWS = [("产出指标", "数量指标", "扶持主体(个)", "15", "6", "8.0"),
        ("", "质量指标", "验收合格率", "≥95%", "98%", "20"),
        ("效益指标", "经济效益指标", "助农增收(元)", "1980", "2074", "10.5"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "90%", "100%", "11.1")]


@pytest.mark.parametrize("broken", [{0}, {1, 3}, {0, 1, 2, 3}])
def test_a_printed_row_broken_after_its_name_is_one_row(broken: set[int]) -> None:
    """'|' rows where the page broke a row after the name cell: its values on the next line."""
    lines = _rated("650", "94", "0.1").split("\n")[:-2]
    for k, (l1, l2, name, target, actual, score) in enumerate(ROWS):
        cells = [c for c in (l1, l2) if c] + [name]
        values = f"{target} | {actual} | {score} | |"
        lines += [" | ".join(cells) + " |", values] if k in broken else [" | ".join(cells) + " | " + values]
    document, _ = read_document("b.txt", "\n".join(lines + ["总分 | 52.5 | |||||"]).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    got = [(i["name"], i["target"], i["actual"], i["score"]) for i in evaluation["indicators"]]
    assert got == [(r[2], r[3], r[4], float(r[5])) for r in ROWS]


_FUNDS = ["项目资金", "(万元)", "年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分",
          "年度资金总额: 100 100 90 10 90% 9"]
_INDICATORS = ["一级", "指标", "二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
               "产出指标 数量指标 培训场次 ≥10场 12场 50 50", "总分 60 59"]


@pytest.mark.parametrize(("header", "funds_first"), [
    ("年度总体目标完成情况 预期目标 实际完成情况", True),
    ("年度总体目标 年初设定目标 年度总体目标完成情况综述", False),
    ("年度总体目标 年初设定目标 年度总体目标完成情况 综述", True)])
@pytest.mark.parametrize(("planned", "actual"), [
    ("开展禁毒宣传活动,增强全民禁毒意识", "开展了禁毒宣传活动,增强了全民禁毒意识,提升了群众满意度。"),
    ("文化馆免费开放", "用于文化馆全年免费开放,确保全年正常开放。")])
def test_goals_a_line_one_space_apart(header: str, funds_first: bool, planned: str, actual: str) -> None:
    """A table flattened a row a line, one space between cells: the goal line's two cells."""
    goals = [header, f"{planned} {actual}"]
    head = ["项目支出绩效自评表", "(2021年度)", "项目名称 某某经费", "主管部门 某某局 实施单位 某某中心"]
    lines = head + (_FUNDS + goals if funds_first else goals + _FUNDS) + ["年度绩效指标完成情况"] + _INDICATORS
    document, _ = read_document("g.txt", "\n".join(lines).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    assert (evaluation["goal_planned"], evaluation["goal_actual"]) == (planned, actual)


@pytest.mark.parametrize("method", [
    "定量指标计算:完成值达到指标值,记满分;未达到指标值,按B/A或A/B*该指标分值记分。",
    "计分方法:实际完成值达到年度指标值的,得满分;未达到的,按完成值/指标值×分值计分。"])
def test_a_scoring_method_sentence_under_the_rows_is_no_row(method: str) -> None:
    """A row a line, one space between cells; the 得分计算方法 column's merged cell printed
    as a sentence on its own line, naming the columns (完成值, 指标值)."""
    lines = ["项目支出绩效自评表", "( 2019 年度)", "项目名称 某某支出 主管部门 某某局", "项目实施单位 某某馆",
             "一级", "指标", "二级", "指标", "三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法",
             "(50分)", "数量指标 全年免费开放 100% 100% 25 25", method, "-",
             "质量指标 管理制度健全 100% 100% 25 24", "-", "总分 50 49"]
    document, _ = read_document("m.txt", "\n".join(lines).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    assert [i["name"] for i in evaluation["indicators"]] == ["全年免费开放", "管理制度健全"]


@pytest.mark.parametrize(("first", "second"), [("经济效益", "社会效益"), ("社会效益", "可持续影响")])
def test_a_rows_numbers_before_a_wrapped_level_are_no_code_of_it(first: str, second: str) -> None:
    """A row a line, its score then a placeholder line, then a level wrapped over lines
    (社会效益 | 指标): 10 | 10 | - | 社会效益 is no coded label (21-社会效益)."""
    lines = ["项目支出绩效自评表", "( 2019 年度)", "项目名称 某某支出 主管部门 某某局",
             "一级", "指标", "二级", "指标", "三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因",
             "(30分)", first, "指标", "承担公益服务项目 100% 100% 10 10", "-", second, "指标",
             "保障群众基本文化权益 100% 100% 20 18", "-", "总分 30 28"]
    document, _ = read_document("w.txt", "\n".join(lines).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    got = [(i["level2"], i["weight"], i["score"]) for i in evaluation["indicators"]]
    assert got == [(f"{first}指标", 10.0, 10.0), (f"{second}指标", 20.0, 18.0)]


_CUT_HEAD = ["项目支出绩效自评表", "(2021年度)", "项目名称 某某经费", "主管部门 某某局 实施单位 某某支队",
             "年度绩效指标完成情况 一级", "指标", "二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "(50分)", "数量指标 指标1:宣传场次 ≥1场 1场 12 12", "指标2:试剂数量 ≥2400份 3200份 12 12"]


@pytest.mark.parametrize(("tail", "kept"), [
    ("质量指标 指标1:经费支出合规性 严格执行相关财经法规制度 严格执行相关财经法", 2),
    ("质量指标 指标1:资料合格率 100% 9", 2),
    ("质量指标 指标1:资料合格率 100% 98% 12 11", 3)])
def test_a_row_the_text_ends_in_is_left_out(tail: str, kept: int) -> None:
    """A page cut inside a row: the row lacks its last number column and is left out; a
    last row with its score stays."""
    document, _ = read_document("c.txt", "\n".join(_CUT_HEAD + [tail]).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    assert len(evaluation["indicators"]) == kept


def _wan_form(unit: str, suffix: str) -> str:
    """Every cell on a line of its own ending ' |', rows closed by '|||||'."""
    cells = [["项目支出绩效自评表 (2021 年度)"], ["项目名称 |", "某某运行维护费 |"],
             [f"项目资金 {unit} |", "|", "年初预算数 |", "全年预算数 |", "全年执行数 |", "分值 |", "执行率 |", "得分 |"],
             ["年度资金总额 |", f"200{suffix} |", f"200{suffix} |", f"150.5{suffix} |", "10 |", "75.25% |", "7.5 |"],
             ["一级指标 |", "二级指标 |", "三级指标 |", "年度指标值 |", "实际完成值 |", "分值 |", "得分 |", "偏差原因 |"],
             ["产出指标 |", "数量指标 |", "维护次数 |", "12次 |", "12次 |", "90 |", "90 |", "|"], ["总分 |", "100 |", "97.5 |"]]
    return "\n".join("\n".join(row) + "\n|||||" for row in cells)


@pytest.mark.parametrize(("unit", "suffix", "read"), [
    ("(万元)", "万", True), ("(万元)", "万元", True), ("(万元)", "", True), ("(元)", "万", False)])
def test_amounts_that_print_the_blocks_unit(unit: str, suffix: str, read: bool) -> None:
    """150万 under 项目资金 (万元) is 150; under a header in 元 it is no amount read."""
    document, _ = read_document("w.txt", _wan_form(unit, suffix).encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    fund = evaluation["funds"][0]
    got = (fund["budget"], fund["executed"])
    assert got == ((200.0, 150.5) if read else (None, None))


@pytest.mark.parametrize(("title", "year"), [
    ("转移支付区域(项目)绩效目标自评表\n\n(2019)", 2019), ("项目支出绩效自评表\n\n(2022)", 2022),
    ("2020\n\n年度项目支出绩效自评表", 2020)])
def test_a_title_printed_apart_from_its_year(title: str, year: int) -> None:
    """A cell a line: the title's year on a line of its own, before or after it."""
    text = _wan_form("(万元)", "").replace("项目支出绩效自评表 (2021 年度)", title)
    document, _ = read_document("y.txt", text.encode("utf-8"))
    (evaluation,) = to_interchange(document)["project_self_evaluations"]
    assert evaluation["year"] == year
