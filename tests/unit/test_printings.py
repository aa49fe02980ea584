"""The printings added to the cell stream and the form engine from the corpus rounds 3–7:
each rule on two inputs written inline (different tables, different wording), never on
one document; and the honest-output rules (numbers no split proves stay empty)."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from jixiao.sources.stream import split_run, tokens
from jixiao.sources.text import load


def _read(text: str) -> dict:  # type: ignore[type-arg]
    document, _ = read_document("t.txt", text.encode("utf-8"))
    return to_interchange(document)


def _indicators(text: str, kind: str = "performance_targets") -> list[tuple]:  # type: ignore[type-arg]
    items = _read(text)[kind]
    assert items, text
    return [(i["level1"], i["level2"], i["name"], i["target"]) for i in items[0]["indicators"]]


# --- cells separated by bar lines ---------------------------------------------------------

def _bars(rows: list[list[str]]) -> str:
    """A table printed a cell a line, each cell followed by a lone bar, rows ended by ||||."""
    out = ["附件1", "项目支出绩效目标表"]
    for row in rows:
        for cell in row:
            out += [cell, "|"] if cell else ["|"]
        out.append("||||||")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("name", "value"), [("培训人数", "≥120人"), ("道路养护里程", "300公里")])
def test_bar_separated_cells_make_rows(name: str, value: str) -> None:
    text = _bars([["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
                  ["产出指标", "数量指标", name, value], ["", "质量指标", "验收合格率", "100%"]] * 1
                 + [[f"第{i}行", "", "", ""] for i in range(8)])
    assert _indicators(text)[:2] == [("产出指标", "数量指标", name, value),
                                     ("产出指标", "质量指标", "验收合格率", "100%")]


# --- a Word table copied as text ------------------------------------------------------------

def _word_copy(rows: list[list[str]]) -> str:
    """Each cell a line starting with a tab (long cells wrapped onto a line without one), a
    blank line after each row."""
    out = ["项目支出绩效目标表"]
    for row in rows:
        for cell in row:
            if len(cell) > 6:
                out += ["\t" + cell[:4], cell[4:]]
            else:
                out.append("\t" + cell)
        out.append("")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", ["受益学生人数", "新建集中供水工程数量"])
def test_word_table_copied_as_text(name: str) -> None:
    rows = [["项目名称", "示例项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", name, "≥12"], ["效益指标", "社会效益指标", "群众满意度提升", "持续提升"]]
    rows += [[f"说明{i}", f"{i}"] for i in range(10)]
    got = _indicators(_word_copy(rows))
    assert got[:2] == [("产出指标", "数量指标", name, "≥12"), ("效益指标", "社会效益指标", "群众满意度提升", "持续提升")]


# --- spaced rows: a piece between spaces is a cell -----------------------------------------

@pytest.mark.parametrize(("line", "name"), [
    ("产出指标 时效指标 项目财政资金到位时间 正向 = 2024年6月 10", "项目财政资金到位时间"),
    ("产出指标 数量指标 资助资金发放人数 正向 ≥ 500人 10", "资助资金发放人数"),
])
def test_a_label_inside_a_spaced_cell_stays_in_its_name(line: str, name: str) -> None:
    assert name in split_run(line)


def test_labels_heading_a_piece_are_still_cut() -> None:
    assert split_run("产出指标数量指标 培训人数 ≥120人 10 9 偏差原因")[:3] == ["产出指标", "数量指标", "培训人数"]


# --- a table run into the notice that sends it -----------------------------------------------

@pytest.mark.parametrize("title", ["某县2025年第一批农业专项资金绩效目标表", "某区2024年水利专项资金绩效目标表"])
def test_a_table_inside_a_run_of_sentences_starts_at_its_title(title: str) -> None:
    notice = ("各乡镇：根据上级文件精神，经研究，现下达专项资金35万元，请切实管好用好资金，加快预算执行。"
              "附件：1.资金安排表2.绩效目标表某县财政局2025年9月19日附件2")
    cells = split_run(notice + title + "项目名称某项目主管部门(单位)名称某局")
    assert title in cells and "项目名称" in cells and cells[0].startswith("各乡镇")


# --- several indicators listed in one cell ---------------------------------------------------

@pytest.mark.parametrize(("cell", "first", "second"), [
    ("指标1部门重点支出占部门整体支出的比例是15%: 指标2部门整体支出支付进度为100%: ……",
     ("指标1部门重点支出占部门整体支出的比例", "15%"), ("指标2部门整体支出支付进度", "100%")),
    ("指标1(经济效益):预计收费4000元 指标2(社会效益):交通队伍建设有新提高",
     ("指标1(经济效益)", "预计收费4000元"), ("指标2(社会效益)", "交通队伍建设有新提高")),
])
def test_indicators_listed_in_one_cell(cell: str, first: tuple[str, str], second: tuple[str, str]) -> None:
    text = ("部门整体支出绩效目标申报表\n| 部门(单位)名称 | 某局 |\n| 整体绩效目标 | 保障运转 |\n"
            f"| 年度绩效指标 | 产出指标 | {cell} |\n| 效益指标 | 指标1(社会效益):群众满意度提高 |\n")
    got = [(n, t) for _, _, n, t in _indicators(text)]
    assert got[:2] == [first, second]


# --- a target table printed as a tree --------------------------------------------------------

@pytest.mark.parametrize(("project", "amount"), [("狂犬、乙肝、流感等疫苗及美沙酮药物", "3000000"),
                                                 ("城乡居民健康档案管理", "450000")])
def test_a_tree_without_labels_names_its_project(project: str, amount: str) -> None:
    text = (f"某中心2020年项目绩效目标批复表\n单位:元\n项目\n指标值\n绩效金额\n 某疾病预防控制中心\n {project}\n{amount}\n"
            "  产出指标\n   数量指标\n    疫苗使用率\n100%\n   质量指标\n    合格率\n100%\n"
            "  效益指标\n   社会效益指标\n    满足辖区居民需求\n100%\n")
    target = _read(text)["performance_targets"][0]
    assert (target["project"], target["unit"], target["annual_total"]) == (project, "某疾病预防控制中心", float(amount))


# --- honest output: numbers no split proves stay empty ---------------------------------------

def _run_together(fund_run: str, total: str) -> str:
    """A self-evaluation as a document site's text layer prints it: no separators at all."""
    return ("项目支出绩效自评表(2020年度)项目名称演出设备更新专项经费主管部门某局实施单位某中心"
            "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分"
            f"年度资金总额{fund_run}其中:当年财政拨款303030100%上年结转资金其他资金"
            "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标更新设备数量50件50件2020质量指标设备合格率合格合格2020"
            "效益指标社会效益指标演出场次增加增加2020满意度指标服务对象满意度指标演员满意度100%100%2020"
            f"总分{total}\n")


# 30301095%: 30 ÷ 30 is 100%, not 95%, and no other split proves its rate (303010100% is
# proved: 30 | 30 | 10 | 100%, the missing 年初预算数 a gap, tests/unit/test_run_together.py)
@pytest.mark.parametrize("run", ["30301095%", "8080101234%"])
def test_an_unprovable_run_of_numbers_is_left_empty_and_said(run: str) -> None:
    document, _ = read_document("t.txt", _run_together(run, "10098").encode("utf-8"))
    fund = document.project_self_evaluations[0].funds[0]
    assert all(getattr(fund, r).empty for r in ("initial", "budget", "executed", "weight", "rate", "score"))
    assert any(f.code == "R004" for f in document.findings)


@pytest.mark.parametrize(("total", "weight", "score"), [("10098", 100.0, 98.0), ("10096.5", 100.0, 96.5)])
def test_a_total_run_together_is_weight_then_score(total: str, weight: float, score: float) -> None:
    item = _read(_run_together("303010100%", total))["project_self_evaluations"][0]
    assert (item["total_weight"], item["total_score"]) == (weight, score)


def test_tokens_of_each_printing_keep_their_lines() -> None:
    sheet = load("t.txt", _bars([["项目名称", "某项目"], ["主管部门", "某局"]] + [[str(i), ""] for i in range(12)])
                 .encode("utf-8"))
    toks = [t for t in tokens(sheet) if t.text]
    assert toks[2].text == "项目名称" and toks[2].rowed and toks[2].where.line is not None


# --- a project named only by its table's title -------------------------------------------------

@pytest.mark.parametrize(("title", "project"), [("2019年度宁晋县高中助学金项目绩效目标表", "宁晋县高中助学金项目"),
                                                ("2022年区级森林防火专项经费绩效目标表", "区级森林防火专项经费")])
def test_a_title_names_the_project_where_no_label_does(title: str, project: str) -> None:
    text = (f"{title}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t受助人数\t2100人\n"
            "\t质量指标\t资助覆盖率\t100%\n效益指标\t社会效益指标\t家庭负担减轻\t有效减轻\n")
    targets = _read(text)["performance_targets"]
    assert [t["project"] for t in targets] == [project]


# --- a form's first level over the national ones (中央预算内投资: 实施效果指标) -------------

@pytest.mark.parametrize("bars", [False, True])
def test_national_first_levels_under_a_forms_own_first_level_are_second_levels(bars: bool) -> None:
    rows = [["项目名称", "某县污水处理项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["实施效果指标", "产出指标", "建设项目个数", "3个"], ["", "", "竣工验收合格率", "100%"],
            ["", "效益指标", "污水处理率", "≥90%"], ["", "满意度指标", "群众满意度", "≥85%"]]
    lines = ["| " + " | ".join(r) + " |" if bars else "\t".join(r) for r in rows]
    text = "项目绩效目标表\n" + "\n".join(lines) + "\n"
    assert _indicators(text) == [("实施效果指标", "产出指标", "建设项目个数", "3个"),
                                 ("实施效果指标", "产出指标", "竣工验收合格率", "100%"),
                                 ("实施效果指标", "效益指标", "污水处理率", "≥90%"),
                                 ("实施效果指标", "满意度指标", "群众满意度", "≥85%")]


@pytest.mark.parametrize(("title", "unit"), [("示例乡人民政府2023年度部门整体支出绩效自评表", "示例乡人民政府"),
                                           ("2022年度示例县档案局部门整体支出绩效自评表", "示例县档案局")])
def test_a_department_table_without_its_unit_cell_takes_the_unit_its_title_names(title: str, unit: str) -> None:
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "档案整理卷数", "≥500卷", "520卷", "20", "20", "无"],
            ["效益指标", "社会效益指标", "群众查档满意度", "≥90%", "95%", "30", "30", "无"]]
    text = title + "\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    (evaluation,) = _read(text)["department_self_evaluations"]
    assert evaluation["project"] == unit


@pytest.mark.parametrize(("items", "joined"), [
    (["1.对在读学生发放就学补助;", "2.补助标准为每生1500元/学期。"],
     "1.对在读学生发放就学补助; 2.补助标准为每生1500元/学期。"),
    (["目标1:保障在职人员正常办公。", "目标2:改善办学条件。", "目标3提高教学质量。"],
     "目标1:保障在职人员正常办公。 目标2:改善办学条件。 目标3提高教学质量。")])
def test_a_goal_of_numbered_items_a_line_each_is_one_goal(items: list[str], joined: str) -> None:
    rows = [["项目名称", "某项目"], ["年度绩效目标"], *[[x] for x in items],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "补助人数", "≥100人"]]
    text = "项目支出绩效目标表\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    (target,) = _read(text)["performance_targets"]
    def gapless(x: str) -> str:       # a space after a full stop between Chinese text is no text
        return x.replace("。 ", "。")
    assert gapless(target["goal"]) == gapless(joined)


@pytest.mark.parametrize("cut", [True, False])
def test_a_target_table_cut_by_the_end_of_the_text_is_not_said_to_lack_levels(cut: bool) -> None:
    """Cut off (the text ends in its rows): R006, and no T001 for the levels that were cut;
    followed by the page's furniture: complete, and T001 says what it lacks."""
    from jixiao.pipeline import run_bytes

    rows = [["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥100人"], ["", "质量指标", "合格率", "≥95%"]]
    text = "项目支出绩效目标表\n" + "\n".join("\t".join(r) for r in rows) + "\n" + ("" if cut else "网站地图 | 联系我们\n")
    codes = [f.code for f in run_bytes("t.txt", text.encode("utf-8")).findings]
    assert ("R006" in codes, "T001" in codes) == ((True, False) if cut else (False, True))


@pytest.mark.parametrize(("name", "value"), [("指标3:新建消防水池数量", "1座"), ("绿化面积", "3550平方米")])
def test_a_row_of_two_cells_cut_before_its_closing_bar(name: str, value: str) -> None:
    """``name | value`` with no closing bar among ``|``-ended rows: two cells, never a bar cell."""
    text = "\n".join(["项目支出绩效目标表", "项目名称 | 某项目 |", "一级指标 | 二级指标 | 三级指标 | 指标值 |",
                      "产出指标 | 数量指标 | 新建保鲜库数量 | 1座 |", f"{name} | {value}",
                      "效益指标 | 社会效益指标 | 带动就业人数 | ≥10人 |"]) + "\n"
    got = _indicators(text)
    assert ("产出指标", "数量指标", name, value) in got
    assert all(i[2] != "|" for i in got)


@pytest.mark.parametrize("level1", ["", "产出指标"])
def test_cost_after_the_output_blocks_level_2s_is_their_sibling(level1: str) -> None:
    """The older form: 成本指标 a level 2 beside 数量/质量/时效指标, with or without the
    产出指标 cell printed, under the level 1 its siblings stand under (printed, or the
    national tree's); the 2021 form's 成本指标 with its own level 2 stays a level 1."""
    rows = [["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
            [level1, "数量指标", "新建棚圈面积", "360平米"], ["", "时效指标", "竣工时限", "2021年9月"],
            ["", "成本指标", "围墙单价", "300元/米"],
            ["成本指标", "经济成本指标", "建设总成本", "≤50万元"]]
    text = "项目支出绩效目标表\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    got = {i[2]: (i[0], i[1]) for i in _indicators(text)}
    assert got["围墙单价"] == (got["新建棚圈面积"][0], "成本指标") and got["围墙单价"][0] is not None
    assert got["建设总成本"] == ("成本指标", "经济成本指标")


@pytest.mark.parametrize("colon", ["：", ":"])
def test_a_level_label_printed_with_its_colon(colon: str) -> None:
    rows = [["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["效益指标", f"环境效益指标{colon}", "空气质量优良天数", "≥300天"],
            ["", f"社会效益指标{colon}", "带动就业人数", "≥10人"]]
    text = "项目支出绩效目标表\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    assert [i[1] for i in _indicators(text)] == ["环境效益指标", "社会效益指标"]


@pytest.mark.parametrize("kind", ["performance_targets", "project_self_evaluations"])
def test_a_table_that_lost_its_level_1_cells_takes_them_from_the_national_tree(kind: str) -> None:
    """Level 1 cells printed blank (merged cells lost): 数量指标 stands under 产出指标, 社会效益指标
    under 效益指标 (成本指标, a level 2 or since 2021 a level 1, has no parent in the tree)."""
    if kind == "performance_targets":
        head, rows = "项目支出绩效目标表", [["一级指标", "二级指标", "三级指标", "指标值"],
                                     ["", "数量指标", "开放天数", "≥300天"], ["", "社会效益指标", "受益人次", "≥1万人次"]]
    else:
        head, rows = "项目支出绩效自评表", [
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["", "数量指标", "开放天数", "≥300天", "310天", "30", "30", "无"],
            ["", "社会效益指标", "受益人次", "≥1万人次", "1.2万人次", "30", "30", "无"]]
    text = head + "\n项目名称\t某项目\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    got = [(i[0], i[1]) for i in _indicators(text, kind)]
    assert got == [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]


# --- a whole table run together, cut by a document site into numbered pieces ------------------

def _site_text(project: str, unit: str, length: int) -> str:
    """A self-evaluation as a document site prints a Word table: every cell run into the
    next, spaces only where a cell wrapped."""
    return (f"项目支出绩效自评表(2021年度)项目名称{project}主管部门某县交通运输局实施单位{unit}项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率得分年度资金总额100 100 90 10 90% 9"
            "年度总体目标预期目标实际完成情况完成道路养护100公里。完成道路养护95公里。"
            "绩效指标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施"
            f"产出指标数量指标养护里程≥{length}公里 {length}公里 20 20 质量指标验收合格率=100% 100% 20 20 "
            "满意度指标服务对象满意度指标群众满意度≥90% 95% 20 20 总分 100 99 ")


def _self_evaluations(text: str) -> list:  # type: ignore[type-arg]
    return _read(text)["project_self_evaluations"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("size", [200, 233, 302])
def test_a_document_sites_numbered_pieces_read_as_one_text(size: str) -> None:
    """``1、…`` ``2、…``: pieces cut mid-word (even mid-number) are one text again."""
    text = _site_text("乡村道路养护工程", "某县公路站", 100) + _site_text("农村公路安保工程", "某县交通局", 80)
    whole = _self_evaluations("下载本文档\n" + text + "\n")
    pieces = [text[i:i + int(size)] for i in range(0, len(text), int(size))]
    cut = "下载本文档\n" + "\n".join(f"{k}、{p}" for k, p in enumerate(pieces, 1)) + "\n"
    assert _self_evaluations(cut) == whole


def test_tables_run_together_on_one_line_are_each_read_once() -> None:
    text = _site_text("乡村道路养护工程", "某县公路站", 100) + _site_text("农村公路安保工程", "某县交通局", 80)
    tables = _self_evaluations(text + "\n")
    assert [t["unit"] for t in tables] == ["某县公路站", "某县交通局"]
    assert [t["indicators"][0]["target"] for t in tables] == ["≥100公里", "≥80公里"]
    assert [(i["name"], i["actual"], i["weight"], i["score"]) for i in tables[1]["indicators"]] == [
        ("养护里程", "80公里", 20.0, 20.0), ("验收合格率", "100%", 20.0, 20.0), ("群众满意度", "95%", 20.0, 20.0)]


def test_a_label_a_wrapped_cell_broke_at_a_space_is_one_cell() -> None:
    got = split_run(_site_text("乡村道路养护工程", "某县公路站", 100))
    assert all(c in got for c in ["年度 指标值", "实际 完成值", "分 值", "得 分"]), got


def test_a_space_between_two_labels_still_ends_a_cell() -> None:
    got = split_run("绩效目标 评价指标 产出 数量目标 目标1 困难台胞补助受益人数 台胞困难户每月每人200元补助发放到位 "
                    "困难台胞432人、高龄台胞1792人 产出 质量目标 目标2 补助发放准确率 100% 100%")
    assert "数量目标" in got and "质量目标" in got and "产出 数量" not in got


# --- a target table whose text ends before its indicators ------------------------------------

@pytest.mark.parametrize(("amounts", "total", "annual"), [
    ("项目资金\n(万元)\n 中期资金总额:       39.96   年度资金总额:       21.22 \n"
     "   其中:财政拨款       39.96     其中:财政拨款       21.22 \n", 39.96, 21.22),
    ("项目总预算(万元) 75.00      项目当年预算(万元) 25.00 \n", 75.0, 25.0),
    ("项目总预算\t(万元)\t120.50\t年度资金总额\t(万元)\t60.00\n", 120.5, 60.0),
])
def test_a_target_tables_head_is_read_when_the_text_ends_before_its_indicators(
        amounts: str, total: float, annual: float) -> None:
    """A page that publishes only the head of a 绩效目标申报表 (project, money, goal): read,
    marked incomplete (R006), never dropped and never given indicators."""
    text = ("项目支出绩效目标申报表\n(2024年度)\n项目名称 某县农业技术推广工作经费\n"
            "主管部门 某县农业农村局 实施单位 某县农技推广中心\n" + amounts)
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (target,) = to_interchange(document)["performance_targets"]
    assert (target["project"], target["project_total"], target["annual_total"]) == ("某县农业技术推广工作经费", total, annual)
    assert target["indicators"] == []
    assert any(f.code == "R006" for f in document.findings)
