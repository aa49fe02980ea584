"""Whole-department self-evaluations (部门整体支出绩效自评表) as document sites print them:
the form run together on one line, amounts that lost digits, the total in the head.

Each rule is tested on variants generated here (other units, values, years), never on
the one document it was first seen in.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from jixiao.pipeline import read_document
from jixiao.readers.form_split import scored_tail

FUND_ROLES = ("initial", "budget", "executed", "rate", "weight", "score")


def _score(weight: str, rate: str) -> str:
    """weight × rate, printed to two decimals as the forms print it."""
    value = (Decimal(weight) * Decimal(rate.rstrip("%")) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return format(value.normalize(), "f")


@pytest.mark.parametrize(("lost", "rate", "weight"), [
    (".32.06.5", "79.27", "10"),
    (".8.4.1", "95.5", "20"),
    (".12.5.", "62.40", "10"),
    (".7.7.7", "88.8%", "10"),
])
def test_a_scored_tail_is_read_where_the_amounts_lost_their_digits(lost: str, rate: str, weight: str) -> None:
    score = _score(weight, rate)
    assert scored_tail(f"{lost}{rate}{weight}{score}", FUND_ROLES) == (rate, weight, score)


@pytest.mark.parametrize("run", [
    "100.0080.0080.00%108",          # the amounts read: the whole line's split decides
    ".32.06.579.27107.95",            # 10 × 79.27% is not 7.95: nothing proves the tail
    ".5.5",                           # no tail at all
])
def test_no_scored_tail_without_proof(run: str) -> None:
    assert scored_tail(run, FUND_ROLES) is None


def test_no_scored_tail_where_the_columns_do_not_end_in_rate_weight_score() -> None:
    assert scored_tail(".32.06.579.27107.93", ("budget", "executed", "weight", "rate", "score")) is None


def _chongqing(unit: str, year: int, total: str, lost: str, rate: str, weight: str, chunks: bool) -> bytes:
    """The Chongqing department form as a document site prints it: one line, no separators."""
    score = _score(weight, rate)
    text = (f"{unit}{year}年度部门整体绩效自评表主管部门{unit}部门联系人王五联系电话自评总分(分){total}"
            f"年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分年度总金额{lost}"
            f"其中财政拨款{lost}{rate}{weight}{score}年初绩效目标全年(调整)绩效目标全年目标实际完成情况"
            "完成年度各项工作任务,保障单位正常运转。完成年度各项工作任务,保障单位正常运转。")
    if chunks:       # the site's numbered pieces, cut mid-word
        text = "1、" + text[:210] + "\n2、" + text[210:]
    return ("《某文档.docx》由会员分享,可在线阅读。\n" + text + "\n").encode()


@pytest.mark.parametrize(("unit", "year", "total", "lost", "rate", "weight", "chunks"), [
    ("重庆市某某区农业农村委员会", 2022, "95.5", ".8.4.1", "95.5", "10", True),
    ("重庆市某某县文化和旅游发展委员会", 2023, "88", ".1.2.", "80.00", "20", False),
])
def test_chongqing_department_form_run_together(unit: str, year: int, total: str, lost: str, rate: str,
                                                weight: str, chunks: bool) -> None:
    doc, _ = read_document("dept.txt", _chongqing(unit, year, total, lost, rate, weight, chunks))
    (evaluation,) = doc.department_self_evaluations
    assert evaluation.year == year
    assert evaluation.project.text == unit and evaluation.department.text == unit
    assert evaluation.total_score.number == Decimal(total)
    items = [f.item.text for f in evaluation.funds]
    assert items == ["年度总金额", "其中财政拨款"]
    whole, fiscal = evaluation.funds
    assert all(getattr(whole, r).empty for r in FUND_ROLES)          # nothing readable: empty
    assert fiscal.budget.empty and fiscal.executed.empty
    assert fiscal.rate.number == Decimal(rate.rstrip("%"))
    assert fiscal.weight.number == Decimal(weight)
    assert fiscal.score.number == Decimal(_score(weight, rate))


def _jiangxi(unit: str, lines: list[tuple[str, str, str]]) -> bytes:
    """The Jiangxi department form's fund block run together: numbered lines under their
    group's heading (资金来源：(1)…, 资金结构：(1)…), each with its 执行率."""
    block = "".join(f"{group}({n}){item}{rate}" for group, n, item, rate in
                    ((g, k, i, r) for k, (g, i, r) in enumerate(lines, start=1)))
    return (f"1、{unit}整体支出绩效自评表(2022年度)评价部门名称{unit}下属单位个数0整体支出规模全年预算数"
            f"全年执行数执行率{block}年度总体目标年初设定目标全年完成情况\n").encode()


@pytest.mark.parametrize("lines", [
    [("资金来源:", "财政拨款", "98.50%"), ("", "其他资金", "100%")],
    [("资金结构：", "基本支出", "97.2%"), ("", "项目支出", "88%"), ("", "上年结转资金", "100.00%")],
])
def test_numbered_fund_lines_keep_their_lead_in(lines: list[tuple[str, str, str]]) -> None:
    doc, _ = read_document("dept.txt", _jiangxi("某某县某某中学", lines))
    (evaluation,) = doc.department_self_evaluations
    assert evaluation.project.text == "某某县某某中学"
    got = [(f.item.text, f.rate.number) for f in evaluation.funds]
    numbered = [f"{g}({k}){i}" for k, (g, i, _) in enumerate(lines, start=1)]
    assert got == [(n, Decimal(r.rstrip("%"))) for n, (_, _, r) in zip(numbered, lines, strict=True)]


# --- indicator rows run together, each closed by its weight and score --------------------

ROWS = [      # level 1 (block weight), level 2, name, target, actual, weight, score, reason
    ("管理指标", "30", "预算编审管理", "完整、准确率", "100%", "100%", "10", "10", ""),
    ("管理指标", "30", "政府采购管理", "执行率", "100%", "按规定执行", "10", "10", ""),
    ("管理指标", "30", "资产管理", "结余率", "小于5%", "达成目标值", "10", "8", "部分资产未登记"),
    ("产出指标", "40", "数量指标", "任务1:培训人次", "≥95%", "97%", "25", "25", ""),
    ("产出指标", "40", "质量指标", "任务1:合格率", "95%以上", "96%", "15", "12", ""),
    ("效果指标", "30", "社会效益指标", "群众知晓率", "90%", "92%", "30", "30", ""),
]


def _run(rows: list[tuple[str, ...]], scrambled: bool) -> str:
    """The rows as a document site prints them: one run, level cells once per block."""
    out, last1, last2 = [], "", ""
    for level1, block, level2, name, target, actual, weight, score, reason in rows:
        if level1 != last1:
            printed = level1
            if scrambled and level1 == "产出指标":
                printed = "出标产指"            # a vertical cell read across
            out.append(printed + block)
        if level2 != last2:
            out.append(level2)
        out.append(f"{name}{target}{actual}{weight}{score}{reason}")
        last1, last2 = level1, level2
    return "".join(out)


@pytest.mark.parametrize(("rows", "scrambled"), [(ROWS, False), (ROWS, True), (ROWS[3:] + ROWS[:3], False)])
def test_rows_run_together_are_cut_where_weight_and_score_close_them(rows: list[tuple[str, ...]],
                                                                      scrambled: bool) -> None:
    from jixiao.model.provenance import Where
    from jixiao.readers.form_runrows import run_rows
    got = run_rows([_run(rows, scrambled)], Where(file="x"))
    assert [(i.level1, i.level2, i.name.text, i.target.text, i.actual.text, i.weight.text, i.score.text,
             i.reason.text) for i in got] == [
        # text after the last row's numbers may be a row cut off: no reason is read there
        (r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8] if r[8] and k < len(rows) - 1 else None)
        for k, r in enumerate(rows)]


def test_a_weight_and_score_run_that_reads_two_ways_stays_empty() -> None:
    from jixiao.model.provenance import Where
    from jixiao.readers.form_runrows import run_rows
    # 产出指标 with no block weight printed: 1010 is 10 | 10 or 101 | 0 (over 100: no), 110 is
    # 1 | 10 (score over weight: no) or 11 | 0: one reading each; 5040 is 50 | 40 or 504 | 0 (no)
    text = "产出指标数量指标培训人次100%100%1010质量指标合格率95%96%110时效指标及时率100%100%5040"
    got = run_rows([text], Where(file="x"))
    assert [(i.weight.text, i.score.text) for i in got] == [("10", "10"), ("11", "0"), ("50", "40")]
    # 10.55 is 10.5 | 5 or 1 | 0.55: empty, unless the block's printed weight decides
    alone = run_rows(["产出指标数量指标培训人次100%100%10.55"], Where(file="x"))
    assert alone[0].weight.empty and alone[0].score.empty
    summed = run_rows(["产出指标20数量指标培训人次100%100%10.55质量指标合格率95%96%9.59.5"], Where(file="x"))
    assert [(i.weight.text, i.score.text) for i in summed] == [("10.5", "5"), ("9.5", "9.5")]


@pytest.mark.parametrize("scrambled", [False, True])
def test_a_department_form_run_together_reads_its_rows(scrambled: bool) -> None:
    head = ("1、某某县卫生院整体支出绩效自评表(2022年度)评价部门名称某某县卫生院下属单位个数0整体支出规模全年预算数"
            "全年执行数执行率资金来源:(1)财政拨款98.5%分解目标自评权重二级指标三级指标年度指标值全年完成值分值得分"
            "偏差及原因分析")
    doc, _ = read_document("dept.txt", (head + _run(ROWS, scrambled) + "满意度指标\n").encode())
    (evaluation,) = doc.department_self_evaluations
    got = [(i.level1, i.name.text, i.weight.number, i.score.number) for i in evaluation.indicators]
    assert got == [(r[0], r[3], Decimal(r[6]), Decimal(r[7])) for r in ROWS]


@pytest.mark.parametrize("remark", ["扣分原因和其他说明", "扣分原因及其他说明", "其他说明"])
def test_a_frames_remark_header_run_into_its_criteria_is_a_header(remark: str) -> None:
    """``扣分原因和其他说明`` heads the frame's last column: no part of the first level below it."""
    header = ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", remark]
    rows = [("投入 (15分)", "预算配置 (15分)", "在职人员控制率", "控制率≤100%计满分", "5", "5", ""),
            ("", "", "“三公经费”变动率", "变动率≤0计满分", "5", "4", ""),
            ("过程 (30分)", "资产管理 (30分)", "固定资产利用率", "利用率≥80%计满分", "30", "28", "")]
    cells = header + [c for r in rows for c in r if c]
    text = "2022年度某某局部门整体支出绩效评价指标表\n\n" + "\n\n".join(cells) + "\n"
    doc, _ = read_document("frame.txt", text.encode())
    (evaluation,) = doc.department_self_evaluations
    assert [(i.level1, i.name.text) for i in evaluation.indicators] == [
        ("投入", "在职人员控制率"), ("投入", "“三公经费”变动率"), ("过程", "固定资产利用率")]


def _with_rows(rows: list[tuple[str, str, str]]) -> bytes:
    """The Chongqing form's indicator part run together: name, 计量单位, then its numbers."""
    head = _chongqing("重庆市某某区水利局", 2023, "96", ".1.2.", "90.00", "10", False).decode().rstrip("\n")
    body = "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
    return (head + body + "".join(f"{n}{u}{run}" for n, u, run in rows) + "\n").encode()


@pytest.mark.parametrize("rows", [
    [("河道巡查完成率", "%", "901010010"), ("水库除险加固数量", "座", "1210129"), ("灌溉面积", "万亩", "2510258")],
    [("农村供水工程建设", "处", "51068"), ("水质达标率", "%", "951096.510"), ("防汛演练", "次", "21029"),
     ("水土流失治理面积", "平方公里", "12.5101310")],
])
def test_rows_of_name_unit_and_numbers_run_together_read_their_names_only(rows: list[tuple[str, str, str]]) -> None:
    doc, _ = read_document("dept.txt", _with_rows(rows))
    (evaluation,) = doc.department_self_evaluations
    assert [i.name.text for i in evaluation.indicators] == [n for n, _, _ in rows]
    assert all(i.target.empty and i.weight.empty and i.actual.empty and i.score.empty
               for i in evaluation.indicators)                   # many splits: none is picked
    assert any(f.code == "R004" and rows[0][2] in f.message for f in doc.findings)


@pytest.mark.parametrize(("goal", "kept"), [
    ("完成年度各项工作任务,服务市场主体和营造发展", False),        # the excerpt ends inside it
    ("1:提高儿童免疫规划接种率。2:进一步减少结核病感染", False),
    ("完成年度各项工作任务,服务市场主体。", True),                 # a whole sentence: kept
])
def test_a_goal_the_text_ends_inside_is_left_out(goal: str, kept: bool) -> None:
    cells = ["2023年度部门整体支出绩效自评表", "预算部门、单位名称", "某某县某某镇人民政府", "年度预算申请(万元)",
             "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额", "100", "100", "95",
             "10", "95%", "9.5", "年度总体目标", "预期目标", "实际完成情况", goal]
    doc, _ = read_document("dept.txt", "\n\n".join(cells).encode())
    (evaluation,) = doc.department_self_evaluations
    assert evaluation.project.text == "某某县某某镇人民政府"
    assert (evaluation.goal_planned.text == goal) is kept
    assert evaluation.goal_planned.empty is not kept


@pytest.mark.parametrize(("unit", "cut"), [("某某县某某镇人民政府", "得分计算"), ("某某县某某街道办事处", "得分")])
def test_a_header_cut_by_the_end_of_the_text_is_no_indicator(unit: str, cut: str) -> None:
    """The excerpt ends inside the indicator header (得分计算方法 cut to 得分计算): no row."""
    rows = ["部门整体支出绩效自评表", f"部门(单位)名称 | {unit}",
            "部门(单位)总体 资金(万元) | 资金来源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分",
            "年度资金总额: | 1172.55 | 1268.72 | 10 | 10", "基本支出 | 985.19 | 914.97 | 10 | 10",
            f"绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值(A) | 全年实际值(B) | 分值 | {cut}"]
    doc, _ = read_document("dept.txt", "\n".join(f"{r} |" for r in rows).encode())
    (evaluation,) = doc.department_self_evaluations
    assert evaluation.project.text == unit and len(evaluation.funds) == 2
    assert evaluation.indicators == ()


@pytest.mark.parametrize(("text", "cell"), [
    ("2017 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(25 分)", "2017 年部门整体支出绩效评价得分表"),
    ("编制数 2023 年实际在职人数 控制率 46 50 108.70%", "2023 年实际在职人数"),
])
def test_a_year_printed_apart_from_its_nian_stays_with_it(text: str, cell: str) -> None:
    from jixiao.sources.stream import split_run
    assert cell in split_run(text)


def _full_marks(rows: list[tuple[str, str, str, str, str]], total: str) -> bytes:
    """The Chongqing form, indicator rows run together, its head's 自评总分 given."""
    head = _chongqing("重庆市某某区水利局", 2023, total, ".1.2.", "90.00", "10", False).decode().rstrip("\n")
    body = "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
    return (head + body + "".join(f"{n}{u}{t}{w}{a}{w}" for n, u, t, w, a in rows) + "\n").encode()


FULL = [("灌溉面积", "万亩", "25", "10", "26"), ("水库除险加固数量", "座", "12", "20", "8"),
        ("水质达标率", "%", "95", "20", "96.5"), ("防汛演练", "次", "2", "5", "3")]


def test_where_no_point_was_lost_each_score_is_its_weight() -> None:
    """自评总分 99 = execution 9 (10 × 90%) + 90: no indicator lost a point, so each run splits
    where its score equals its weight — where exactly one split does."""
    doc, _ = read_document("dept.txt", _full_marks(FULL, "99"))
    (evaluation,) = doc.department_self_evaluations
    got = [(i.target.text, i.weight.text, i.actual.text, i.score.text) for i in evaluation.indicators]
    assert got == [(t + u, w, a, w) for _, u, t, w, a in FULL]


def test_where_a_point_was_lost_the_runs_stay_unread() -> None:
    doc, _ = read_document("dept.txt", _full_marks(FULL, "98.5"))
    (evaluation,) = doc.department_self_evaluations
    assert [i.name.text for i in evaluation.indicators] == [n for n, *_ in FULL]
    assert all(i.weight.empty and i.target.empty for i in evaluation.indicators)


def test_a_run_that_splits_two_ways_even_at_full_marks_stays_unread() -> None:
    """12151215 is 12 | 15 | 12 | 15 or 121 | 5 | 121 | 5: both score their weight."""
    rows = FULL[:3] + [("防洪工程", "处", "12", "15", "12")]
    doc, _ = read_document("dept.txt", _full_marks(rows, "99"))
    (evaluation,) = doc.department_self_evaluations
    assert evaluation.indicators[3].name.text == "防洪工程" and evaluation.indicators[3].weight.empty
    assert all(not i.weight.empty for i in evaluation.indicators[:3])


# --- cells of a run-together row cut by how target and actual echo each other -------------

ECHOES = [    # name, target, actual: the actual echoes the target, or the target opens with a rule word
    ("信息公开完善", "按规定公开", "已公开"),           # the target's deed marked done
    ("档案归档", "按要求归档", "已归档"),
    ("宣传活动", "按时开展", "按时开展"),               # the target printed twice
    ("编制控制、支出规范", "按规定控制", "全部达成"),     # a verdict after an opened target
    ("健康管理率", "超上年2%", "达成目标值"),
    ("收入增长", "较上年增长3%", "较上年增长5%"),        # the actual opens with the target's words
    ("档案更新率", "按规定时限", ""),                   # a target alone, in words
]


@pytest.mark.parametrize("order", [1, -1])
def test_run_together_cells_are_cut_where_target_and_actual_echo(order: int) -> None:
    from jixiao.model.provenance import Where
    from jixiao.readers.form_runrows import run_rows
    rows = ECHOES[::order]
    text = "管理指标40部门预算管理" + "".join(f"{n}{t}{a}{k + 2}{k + 1}" for k, (n, t, a) in enumerate(rows))
    got = run_rows([text], Where(file="x"))
    assert [(i.name.text, i.target.text, i.actual.text, i.weight.text) for i in got] == [
        (n, t, a or None, str(k + 2)) for k, (n, t, a) in enumerate(rows)]


@pytest.mark.parametrize(("first", "second"), [("签约率提高1%", "体检率"), ("覆盖率达到5%", "参保率")])
def test_a_row_whose_actual_repeats_the_targets_opening_is_cut_there(first: str, second: str) -> None:
    from jixiao.model.provenance import Where
    from jixiao.readers.form_runrows import run_rows
    target, actual = f"{first}X{second}提高2%", f"{first}{second}下降1%"
    text = f"效果指标35社会效益指标公卫签约完成率、人群{second}{target}{actual}126部分群众不配合"
    (row,) = run_rows([text], Where(file="x"))
    assert (row.name.text, row.target.text, row.actual.text) == (f"公卫签约完成率、人群{second}", target, actual)
    assert (row.weight.text, row.score.text) == ("12", "6")


@pytest.mark.parametrize(("run", "unit"), [("43", "个"), ("54", "件")])
def test_a_number_before_a_unit_closes_its_row_where_nothing_else_can(run: str, unit: str) -> None:
    """``按规定时限43个别人未及时完成任务2:`` — the only run of the row is its weight and score."""
    from jixiao.model.provenance import Where
    from jixiao.readers.form_runrows import run_rows
    reason = f"{unit}别人未及时完成"
    text = (f"产出指标20数量指标任务1:门诊人次增加增372人次55时效指标任务1:文书及时率按规定时限{run}{reason}"
            "任务2:档案更新率按规定时限32录入有延迟")
    got = run_rows([text], Where(file="x"))
    assert [(i.name.text, i.weight.text, i.score.text, i.reason.text) for i in got] == [
        ("任务1:门诊人次增加增372人次", "5", "5", None),
        ("任务1:文书及时率", run[0], run[1], reason),
        ("任务2:档案更新率", "3", "2", None)]
    # cut off after the number: the row may close later, so the number stays a quantity
    cut = run_rows([f"产出指标20时效指标任务1:文书及时率按规定时限{run}{unit}"], Where(file="x"))
    assert cut == []


@pytest.mark.parametrize(("name", "target", "actual"), [
    ("安全性、利用率", "无资产损失、利用率高于80%", "达成目标"),     # the second subject again
    ("及时性、准确率", "按时报送、准确率95%", "达成目标值"),
    ("绿化、节能", "绿化良好、能耗下降", "已达成"),              # the first subject opens the target
    ("宣传、培训", "宣传到位、培训全覆盖", "全部达成"),
])
def test_a_name_listing_its_subjects_ends_where_the_target_names_one_again(name: str, target: str,
                                                                            actual: str) -> None:
    from jixiao.model.provenance import Where
    from jixiao.readers.form_runrows import run_rows
    (row,) = run_rows([f"管理指标10资产管理{name}{target}{actual}55"], Where(file="x"))
    assert (row.name.text, row.target.text, row.actual.text) == (name, target, actual)
