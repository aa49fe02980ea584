"""Target tables as found in the wild: printings the national form does not foresee.

Each test builds a variant of a printing seen in the corpus (other values, labels, order)
and asserts what is read from it.
"""

from __future__ import annotations

import pytest

from jixiao.model.values import normalize_text
from jixiao.pipeline import run_bytes


def _bars(rows: list[tuple[str, ...]]) -> bytes:
    """One cell per line, each ending in ``|``, as web pages flatten a table."""
    return "".join(f"{c} |\n" for row in rows for c in row).encode()


@pytest.mark.parametrize("project, total", [("乡村道路养护资金", "80"), ("小型水利工程补助", "120.5")])
def test_a_head_whose_indicator_rows_are_unreadable_is_kept_and_said(project: str, total: str) -> None:
    rows = [("2024年专项资金绩效目标表",), ("项目名称", project), ("主管部门", "某县水利局"),
            ("资金情况(万元)", "资金总额", total), ("总体目标", "完成年度建设任务"),
            ("一级指标", "二级指标", "三级指标"), ("产出指标",), ("甲", "乙", "丙", "丁", "戊")]
    result = run_bytes("head.txt", _bars(rows))
    [t] = result.document.performance_targets
    assert (t.project.text, t.department.text, t.annual_total.text, t.goal.text) == (
        project, "某县水利局", total, "完成年度建设任务")
    assert not t.indicators and not t.complete
    assert any(f.code == "R007" and f.project == project for f in result.findings)


_NOTICE = """关于某镇{project}绩效目标设定的公示
根据《关于下达2022年衔接资金的通知》精神,实施某县某镇{project},项目总体绩效目标是:{goal}现将绩效目标设定如下:
{h1}产出指标
数量指标:新建温棚数量(栋){n1};养殖成活率(%)>=90%;时效指标:完成及时率100%。成本指标:每栋补助标准(万元/栋)≤3万元/栋。
{h2}效益指标
经济效益指标:增加集体收入(万元)≥12万元,带动务工人数30人;生态效益指标:环境持续改善。
{h3}满意度指标
服务对象满意度指标,群众满意度≥95%。
附件:绩效目标设定表.xlsx
某镇人民政府
"""


@pytest.mark.parametrize("ordinals", [("一、", "二、", "三、"), ("(一)", "(二)", "(三)")])
@pytest.mark.parametrize("project, goal, n1", [
    ("肉牛养殖项目", "增加集体收入12万元。", "≥10栋"), ("設施農業種植項目", "帶動務工30人。", ">=8栋")])
def test_targets_stated_in_prose_under_level_headings(ordinals: tuple[str, str, str], project: str, goal: str,
                                                      n1: str) -> None:
    text = _NOTICE.format(project=project, goal=goal, n1=n1, h1=ordinals[0], h2=ordinals[1], h3=ordinals[2])
    result = run_bytes("notice.txt", text.encode())
    [t] = result.document.performance_targets
    assert (t.year, t.project.text, t.goal.text) == (2022, f"某县某镇{project}", goal)
    got = [(i.level1, i.level2, i.name.text, i.target.text) for i in t.indicators]
    assert got == [
        ("产出指标", "数量指标", "新建温棚数量(栋)", n1),
        ("产出指标", "数量指标", "养殖成活率(%)", ">=90%"),
        ("产出指标", "时效指标", "完成及时率", "100%"),
        ("产出指标", "成本指标", "每栋补助标准(万元/栋)", "≤3万元/栋"),
        ("效益指标", "经济效益指标", "增加集体收入(万元)", "≥12万元"),
        ("效益指标", "经济效益指标", "带动务工人数", "30人"),
        ("效益指标", "生态效益指标", "环境持续改善", None),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"),
    ]


def test_level_headings_in_a_report_that_states_no_targets_are_no_targets() -> None:
    text = _NOTICE.format(project="某项目", goal="完成。", n1="10栋", h1="一、", h2="二、", h3="三、")
    text = text.replace("项目总体绩效目标是", "项目总体情况是").replace("现将绩效目标设定如下", "现将完成情况报告如下")
    text = text.replace("绩效目标设定的公示", "项目完成情况的报告")
    assert not run_bytes("report.txt", text.encode()).document.performance_targets


_RUN_TOGETHER = """绩效目标表
(2023年度)
项目名称{project}
项目主管部门某区教育局项目执行单位某学校
年度资金总额:30
绩效指标一级指标二级指标指标内容指标值
产出指标数量指标改造学校覆盖学校数量{n}所
质量指标校舍维修改造质量合格率100%
{short1}
时效指标预算资金当年下达率100%
效益指标社会效益指标办学条件改善情况明显改善
满意度指标服务对象满意度指标学生家长满意度≥90%
{short2}
"""


@pytest.mark.parametrize("short1, short2", [
    (("设备合格率100%", "设备合格率", "100%"), ("学校满意度≥90%", "学校满意度", "≥90%")),
    (("验收通过率98.5%", "验收通过率", "98.5%"), ("教师满意度≥85%", "教师满意度", "≥85%"))])
def test_short_rows_run_together_are_split_where_lines_are_rows(short1: tuple[str, str, str],
                                                                 short2: tuple[str, str, str]) -> None:
    text = _RUN_TOGETHER.format(project="薄弱学校改造资金", n=12, short1=short1[0], short2=short2[0])
    [t] = run_bytes("rows.txt", text.encode()).document.performance_targets
    assert (t.department.text, t.unit.text) == ("某区教育局", "某学校")    # 项目执行单位 ends the department
    got = {(i.level2, i.name.text, i.target.text) for i in t.indicators}
    assert ("质量指标", short1[1], short1[2]) in got
    assert ("服务对象满意度指标", short2[1], short2[2]) in got


def test_a_short_cell_a_line_stays_whole_where_lines_are_cells() -> None:
    from jixiao.sources.stream import tokens
    from jixiao.sources.text import load
    lines = ["年度目标", "", "完成主体工程70%", "", "绩效指标", "", "一级指标", "", "产出指标", "", "学校满意度≥90%"]
    sheet = load("cells.txt", "\n".join(lines).encode())
    assert "完成主体工程70%" in [t.text for t in tokens(sheet)]
    assert "学校满意度≥90%" in [t.text for t in tokens(sheet)]


_NUMBERED = """2018年财政支出项目绩效目标表
主管部门名称:某省某协会
专项名称 {project}
绩效目标 评价指标 绩效内容 绩效标准 全年绩效目标
投入 成本目标 {item}1 发放困难会员补助 100% 按实际情况发放
{item}2 开展交流活动、培训 100% 100%
产出 数量目标 {item}1 困难会员补助受益 困难户每月每人{amount}元、高龄每月每人300元 困难会员{a}人、高龄会员{b}人、困难学生助学{c}人
"""


@pytest.mark.parametrize("item, amount, a, b, c", [("目标", 200, 432, 1792, 91), ("指标", 150, 12, 30, 5)])
def test_item_numbers_are_read_past_and_a_list_of_quantities_stays_one_value(item: str, amount: int, a: int,
                                                                             b: int, c: int) -> None:
    text = _NUMBERED.format(project="会员济困补贴", item=item, amount=amount, a=a, b=b, c=c)
    [t] = run_bytes("numbered.txt", text.encode()).document.performance_targets
    got = [(i.level1, i.level2, i.name.text, i.target.text) for i in t.indicators]
    assert got == [
        ("投入", "成本目标", "发放困难会员补助", "按实际情况发放"),
        ("投入", "成本目标", "开展交流活动、培训", "100%"),
        ("产出", "数量目标", "困难会员补助受益", f"困难会员{a}人、高龄会员{b}人、困难学生助学{c}人"),
    ]


@pytest.mark.parametrize("total, fiscal, want", [
    ("年度资金总额:|854万(道路400万元,桥梁454万元)", "其中:财政拨款|854万854万(道路400万元)", ("854", None)),
    ("资金总额|952.22", "其中:一般公共预算|952.22其中|基本支出", ("952.22", "952.22")),
    ("年度资金总额:50万", "其中:公共财政拨款:46.5", ("50", "46.5")),
    ("年度资金总额|2279.048 万元", "其中:财政投款|2279.048 万元", ("2279.048", "2279.048")),
    ("年度资金总额|及构成总额|500万元", "其中:财政拨款|300", ("500", "300")),
])
def test_an_amount_leading_its_cell_is_read_and_two_run_together_are_not(total: str, fiscal: str,
                                                                        want: tuple[str, str | None]) -> None:
    rows = [("2023年项目支出绩效目标表",), ("项目名称", "乡村道路建设"), tuple(total.split("|")),
            tuple(fiscal.split("|")), ("一级指标", "二级指标", "三级指标", "指标值"),
            ("产出指标", "数量指标", "新建道路", "≥10公里"), ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    [t] = run_bytes("funds.txt", _bars(rows)).document.performance_targets
    assert (t.annual_total.text, t.funds.fiscal.text) == want


@pytest.mark.parametrize("label, goal", [
    ("总体绩效目标", "为困难会员解决生活困难,增进交流"),
    ("年度目标", "围绕节约型社会的要求,在利用现有渠道的基础上,合理布局,规范建设。达成以下目标: 目标1:聘用人员1人,"
                 "出差8人 目标2:在岗率100%")])
def test_a_goal_printed_in_its_labels_cell_after_a_space(label: str, goal: str) -> None:
    text = _NUMBERED.format(project="会员济困补贴", item="目标", amount=200, a=1, b=2, c=3)
    text = text.replace("绩效目标 评价指标", f"{label} {goal}\n绩效目标 评价指标")
    [t] = run_bytes("goal.txt", text.encode()).document.performance_targets
    assert t.goal.text == normalize_text(goal)


@pytest.mark.parametrize("printed, want", [
    ("新增项目□延续项目√", "延续项目"), ("延续专项√新增专项□", "延续专项"), ("□新增项目 ☑延续项目", "延续项目"),
    ("新增项目□延续项目□", None), ("√新增项目 √延续项目", None), ("01-经常性项目", "01-经常性项目"),
    ("(一次性项目/经常性项目)", None), ("(新增/延续/其他)", None)])
def test_an_attribute_printed_as_check_boxes_is_the_ticked_option(printed: str, want: str | None) -> None:
    rows = [("2021年项目绩效目标表",), ("项目名称", "镇域道路建设"), ("项目属性", printed), ("资金总额", "120"),
            ("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "新建道路", "≥10公里")]
    [t] = run_bytes("ticks.txt", _bars(rows)).document.performance_targets
    assert t.attribute.text == want


_PUBLIC = """{college}項目情況公告公示
依據州財政局文件,2020年國家助學金項目由{college}實施完成,涉及資金{money}萬元,現將項目有關情況公示如下:
一、實施單位及責任人
{college} 張三
二、資金來源及規模
財政資金{money}萬元。
三、績效目標
總體目標:資助困難學生{n}人次。
(一)產出指標
1、數量指標:資助困難學生{n}人。
2、時效指標:資助經費發放率100%達標,資助經費到位率100%達標。
(二)效益指標
1、社會效益指標:學生滿意度≥90%。
"""


@pytest.mark.parametrize("college, money, n", [("某職業技術學院", "895.8", 1966), ("某師範學院", "120", 300)])
def test_a_public_notice_in_traditional_characters_gives_its_unit_money_and_targets(college: str, money: str,
                                                                                    n: int) -> None:
    text = _PUBLIC.format(college=college, money=money, n=n)
    [t] = run_bytes("notice.txt", text.encode()).document.performance_targets
    assert (t.year, t.project.text, t.unit.text) == (2020, "2020年國家助學金項目", college)
    assert (t.annual_total.text, t.funds.fiscal.text, t.goal.text) == (money, money, f"資助困難學生{n}人次。")
    assert [(i.level1, i.level2, i.name.text, i.target.text) for i in t.indicators] == [
        ("产出指标", "数量指标", "資助困難學生", f"{n}人"),
        ("产出指标", "时效指标", "資助經費發放率", "100%達標"),
        ("产出指标", "时效指标", "資助經費到位率", "100%達標"),
        ("效益指标", "社会效益指标", "學生滿意度", "≥90%"),
    ]


def test_pinyin_left_after_a_lost_character_is_dropped() -> None:
    from jixiao.model.values import normalize_text
    assert normalize_text("享受?chē)?guó)家助學(xué)金") == "享受??家助學金"


@pytest.mark.parametrize("header", [("一级指标", "二级指标", "三级指标", "指标值"),
                                    ("绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注")])
def test_a_header_printed_again_is_no_indicator(header: tuple[str, ...]) -> None:
    rows = [("2022年项目绩效目标表",), ("项目名称", "农田水利建设"), ("资金总额", "60"), header,
            ("产出指标", "数量指标", "新建渠道", "≥5公里"), header,
            ("效益指标", "社会效益指标", "受益农户", "≥200户")]
    text = "\n".join(" ".join(r) for r in rows).encode()       # run together, a row a line
    [t] = run_bytes("again.txt", text).document.performance_targets
    assert [(i.name.text, i.target.text) for i in t.indicators] == [("新建渠道", "≥5公里"), ("受益农户", "≥200户")]


@pytest.mark.parametrize("line", ["填报单位(盖章): 单位负责人:谭某", "填报单位(盖章)    单位负责人(签名):"])
def test_a_blank_field_followed_by_the_next_label_stays_blank(line: str) -> None:
    text = "\n".join(["项目支出绩效目标表", line, "项目名称 校园维修", "资金总额 12",
                      "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 维修校舍 ≥3栋"])
    [t] = run_bytes("blank.txt", text.encode()).document.performance_targets
    assert t.unit.empty and t.project.text == "校园维修"


@pytest.mark.parametrize("cut", [12, 16])
def test_the_next_tables_title_cut_by_the_end_of_the_text_ends_the_rows(cut: int) -> None:
    title = "自治区本级部门2020年项目支出预算绩效目标表"
    rows = [(title,), ("项目名称", "校园体育设施开放"), ("主管部门", "某厅"), ("资金总额", "20"),
            ("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "开放场馆", "≥3个"),
            ("效益指标", "社会效益指标", "发展全民健身运动", "有效提高")]
    text = _bars(rows).decode() + title[:cut] + "\n"
    [t] = run_bytes("two.txt", text.encode()).document.performance_targets
    assert [i.name.text for i in t.indicators] == ["开放场馆", "发展全民健身运动"]


@pytest.mark.parametrize("name, value", [("满意度", "90%"), ("满意度", "≥95%")])
def test_a_short_level1_after_its_own_level2_is_the_name(name: str, value: str) -> None:
    cells = ["2024年项目支出绩效目标表", "项目名称", "雾炮车降尘服务", "资金总额", "250",
             "一级指标", "二级指标", "三级指标", "指标值",
             "产出指标", "数量指标", "采购雾炮车", "10台",
             "效益指标", "服务对象满意度指标", name, value, "其他需说明的问题", "无"]
    text = "\n\n".join(cells) + "\n"          # one cell a line, blank lines between
    [t] = run_bytes("cells.txt", text.encode()).document.performance_targets
    assert [(i.level2, i.name.text, i.target.text) for i in t.indicators] == [
        ("数量指标", "采购雾炮车", "10台"), ("服务对象满意度指标", name, value)]


@pytest.mark.parametrize("label, line, want", [
    ("主管部门及其编码", "湘潭市某局 308001", "湘潭市某局 308001"),
    ("主管部门及代码", "某县农业农村局 412", "某县农业农村局 412"),
    ("主管部门", "某县农业农村局 412", "某县农业农村局")])
def test_a_label_asking_for_the_code_keeps_the_code_printed_apart(label: str, line: str, want: str) -> None:
    cells = ["2024年项目支出绩效目标表", "项目名称", "降尘服务", label, line, "资金总额", "250",
             "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "采购雾炮车", "10台"]
    [t] = run_bytes("code.txt", ("\n\n".join(cells) + "\n").encode()).document.performance_targets
    assert t.department.text == want


@pytest.mark.parametrize("displaced", [["专项", "年度", "资金总额", "(万元)"], ["实施内容", "2017.01", "2017.03"]])
def test_cells_above_the_first_level_label_are_no_rows(displaced: list[str]) -> None:
    cells = ["专项资金绩效目标表", "专项名称", "动物疫病防控", "一级指标", *displaced,
             "二级指标", "指标内容", "指标值", "产出指标", "数量指标", "强制免疫率", "100%"]
    [t] = run_bytes("drawn.txt", ("\n".join(cells) + "\n").encode()).document.performance_targets
    assert [(i.level1, i.name.text, i.target.text) for i in t.indicators] == [("产出指标", "强制免疫率", "100%")]


@pytest.mark.parametrize("footer", ["财政部门审核意见 (盖章) 年 月 日", "财政部门支出股室初审意见 (盖章)"])
@pytest.mark.parametrize("sep", [" ", " | "])
def test_the_reviewers_boxes_below_a_form_are_no_rows(footer: str, sep: str) -> None:
    rows = [["2018年项目支出绩效目标表"], ["项目名称", "乡村旅游扶贫"], ["资金总额", "50"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "接待游客数量", ">=60000人"],
            ["满意度指标", "服务对象满意度指标", "游客满意度", ">=90%"], footer.split(" ", 1)]
    text = "\n".join(sep.join(r) for r in rows) + "\n"
    [t] = run_bytes("review.txt", text.encode()).document.performance_targets
    assert [i.name.text for i in t.indicators] == ["接待游客数量", "游客满意度"]


@pytest.mark.parametrize("period, year", [("39.96", "21.22"), ("300.00", "120.50")])
def test_period_and_year_fund_columns_side_by_side_in_text(period: str, year: str) -> None:
    text = f"""项目支出绩效目标申报表
(  2024  年度)
项目名称 农业技术推广工作经费
主管部门及代码 [066]某市农业农村局 实施单位 某市农业农村局
项目资金
(万元)
 中期资金总额:       {period}   年度资金总额:       {year}
   其中:财政拨款       {period}     其中:财政拨款       {year}
         其他资金       0.00           其他资金       0.00
"""
    [t] = run_bytes("cols.txt", text.encode()).document.performance_targets
    assert (t.project_total.text, t.annual_total.text, t.funds.fiscal.text, t.funds.other.text) == (
        period, year, year, "0.00")


@pytest.mark.parametrize("head, goal", [
    ("项目绩效目标(含项目概况、设立依据、必要性及预期目标) ", "项目概况:用于开展病种筛查工作。预期目标:筛查覆盖率达到95%。"),
    ("整体绩效目标", "根据《某省关于印发防治项目实施方案的通知》等文件要求,完成年度防治任务。")])
def test_a_goal_run_into_its_label(head: str, goal: str) -> None:
    text = "\n".join(["2019年度项目支出绩效目标申报明细表", "项目名称 病种筛查经费", "年度资金总额 25",
                      head + goal, "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 筛查人数 ≥1000人"])
    [t] = run_bytes("runon.txt", text.encode()).document.performance_targets
    assert t.goal.text == goal


@pytest.mark.parametrize("label", ["绩效目标", "年度目标"])
def test_a_labels_words_ending_a_sentence_stay_in_it(label: str) -> None:
    from jixiao.sources.stream import split_run
    sentence = f"根据《某省关于印发防治项目实施方案的通知》、《某省关于印发免疫规划方案的通知》等文件要求完成{label}。"
    cells = split_run("整体绩效目标" + sentence)
    assert cells[-1].endswith(f"完成{label}。") and "".join(cells).endswith(sentence)


@pytest.mark.parametrize("places, values, want", [
    (("西坪镇尧山村", "桃舟乡吾培村", "芦田镇三洋村"), ("1", "1", "1"), "1"),
    (("甲镇", "乙乡"), ("≥90%", "≥90%"), "≥90%"),
    (("甲镇", "乙乡", "丙乡"), ("2", "1", "2"), None)])
def test_one_value_column_per_place_gives_the_common_value(places: tuple[str, ...], values: tuple[str, ...],
                                                            want: str | None) -> None:
    rows = [("2022年水利专项资金绩效目标表",), ("项目名称", "水利专项资金"), ("资金总额", "100"),
            ("一级指标", "二级指标", "三级指标", "指标解释", *places),
            ("产出指标", "数量指标", "开展水利工程建设(个)", "反映工程建设开展情况", *values)]
    [t] = run_bytes("places.txt", _bars(rows)).document.performance_targets
    assert [(i.name.text, i.target.text) for i in t.indicators] == [("开展水利工程建设(个)", want)]


@pytest.mark.parametrize("department", ["秀屿区水利局", "安溪县水利局"])
def test_the_department_label_with_its_note_run_into_its_value(department: str) -> None:
    text = (f"2025年水利专项资金绩效目标表项目名称省级水利专项资金主管部门(单位)名称{department}资金情况(万元)"
            "资金总额35其中:财政拨款35其他资金0总体目标开展2个水毁修复,绩效指标一级指标二级指标三级指标指标值"
            "产出指标数量指标开展修复工程(个)≥2\n")
    [t] = run_bytes("run.txt", text.encode()).document.performance_targets
    assert (t.project.text, t.department.text, t.annual_total.text) == ("省级水利专项资金", department, "35")
