"""Reader 'targets_spaced': small target tables written inline (space, tab and ``|`` layouts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.targets import PerformanceTarget
from jixiao.pipeline import read_document
from jixiao.readers.targets_spaced import READER
from jixiao.readers.targets_values import is_qualitative, is_strong_value, split_name_value
from jixiao.render.interchange import target as render_target
from jixiao.sources.sheet import Line, Sheet

HEAD = """
2024 年自治区本级部门项目支出预算绩效目标表
（2024 年度）
单位：万元
项目名称 业务人员培训费
主管部门 自治区人力资源和社会保障厅 实施单位
自治区就业与创业服务

局
项目属性 02-经常性项目 项目期 5 年
项目总额 385.4 其中：年度资金总额 10
其中：财政拨款 10
其中：中央资

金
0
其他资金 0
结余结转资金 0 自治区资金 0
年度
总体
绩效
目标
1 期全区就业信息化培训班（60 人，3 天）。
一级
指标
二级指标 三级指标 绩效值
"""


def load(name: str, text: str) -> Sheet:
    """A sheet as the text source builds it: one line per line, cells split at tabs."""
    lines = tuple(Line(number=n, text=raw, cells=tuple(raw.split("\t")))
                  for n, raw in enumerate(text.split("\n"), start=1))
    return Sheet(file=name, lines=lines)


def read_one(text: str) -> PerformanceTarget:
    """The one target table of ``text``, by whichever reader the pipeline gives it (the
    spaced reader for lines of text, the form engine for rows of cells)."""
    document, _ = read_document("t.txt", text.strip("\n").encode())
    assert len(document.performance_targets) == 1
    return document.performance_targets[0]


def rows(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(i.level1, i.level2, i.name.text, i.target.text) for i in read_one(text).indicators]


def test_form_labels_and_values_even_when_wrapped() -> None:
    out = render_target(read_one(HEAD))
    assert out["project"] == "业务人员培训费"
    assert out["unit"] == "自治区就业与创业服务局"
    assert (out["attribute"], out["period_years"]) == ("02-经常性项目", 5.0)
    assert (out["project_total"], out["annual_total"]) == (385.4, 10.0)
    assert out["funds"] == {"fiscal": 10.0, "central": 0.0, "other": 0.0, "carryover": 0.0, "regional": 0.0}
    assert out["goal"] == "1 期全区就业信息化培训班（60 人，3 天）。"
    assert out["year"] == 2024


def test_period_keeps_its_printed_raw_and_line() -> None:
    period = read_one(HEAD).period_years
    assert period.text == "5" and "年" in period.raw and period.where.line == 9


def test_name_value_split_and_split_level_label() -> None:
    assert rows(HEAD + """
1-产

出指

标

11-数量指标 全区就业信息化培训班人数，天数 60 人，3 天

13-时效指标 完成时间 2024 年 12 月以前完成
""") == [
        ("产出指标", "数量指标", "全区就业信息化培训班人数，天数", "60 人，3 天"),
        ("产出指标", "时效指标", "完成时间", "2024 年 12 月以前完成"),
    ]


def test_wrapped_name_then_value_alone() -> None:
    assert rows(HEAD + """
2-
效益
指标
21-经济效益
重点解决各级公共就业服务机构业务水平、政策理解等方面问题，提

高经办人员就业创业服务能力
持续提高
""") == [("效益指标", "经济效益指标",
          "重点解决各级公共就业服务机构业务水平、政策理解等方面问题，提高经办人员就业创业服务能力", "持续提高")]


def test_whole_name_beside_label_then_wrapped_value() -> None:
    assert rows(HEAD + """
1-产出指标
14-成本指标 全区就业信息化培训班培训费
培训费定额 450 元/人/天，课

酬 4000 元/天
2-效益指标
""") == [("产出指标", "成本指标", "全区就业信息化培训班培训费", "培训费定额 450 元/人/天，课酬 4000 元/天")]


def test_placeholder_rows_are_left_out() -> None:
    assert rows(HEAD + """
2-效益指标
23-生态效益 0 0
24-可持续影响 持续提升公共就业服务能力 持续提高
25-生态效益 无 无
""") == [("效益指标", "可持续影响指标", "持续提升公共就业服务能力", "持续提高")]


def test_several_rows_under_one_label() -> None:
    assert [r[2:] for r in rows(HEAD + """
1-产出指标 11-数量指标

“1311”公共就业服务经费 1 年

公共就业服务人员工资、社保 34.8 万元
12-质量指标 工程质量 验收合格
""")] == [("“1311”公共就业服务经费", "1 年"), ("公共就业服务人员工资、社保", "34.8 万元"),
          ("工程质量", "验收合格")]


def test_tab_separated_variant() -> None:
    out = render_target(read_one("""
项目支出绩效目标表
项目名称\t就业大厦维修改造项目\t就业大厦维修改造项目
项目总额\t94.8\t年度资金总额\t94.8
年度总体绩效目标\t对就业大厦进行维修改造。
绩效指标\t一级指标\t二级指标\t三级指标\t指标值
绩效指标\t产出指标\t数量指标\t维修项目\t9 个
\t\t质量指标\t工程质量\t验收合格
\t满意度指标\t服务对象满意度指标\t干部职工满意度\t90%
"""))
    assert out["project"] == "就业大厦维修改造项目"
    assert (out["project_total"], out["annual_total"]) == (94.8, 94.8)
    assert out["goal"] == "对就业大厦进行维修改造。"
    assert [tuple(i.values()) for i in out["indicators"]] == [
        ("产出指标", "数量指标", "维修项目", "9 个"), ("产出指标", "质量指标", "工程质量", "验收合格"),
        ("满意度指标", "服务对象满意度指标", "干部职工满意度", "90%")]


def test_pipe_separated_variant() -> None:
    out = render_target(read_one("""
## 项目支出绩效目标表
| 项目名称 | 单位资金项目 |
|---|---|
| 年度总体绩效目标 | 包括失业动态监测信息费。 |
| 一级指标 | 二级指标 | 三级指标 | 绩效值 |
|---|---|---|---|
| 产出指标 | 数量指标 | 项目数 | 3 个 |
| 效益指标 | 社会效益指标 | 城镇新增就业 | 7 万人以上 |
"""))
    assert out["project"] == "单位资金项目" and out["goal"] == "包括失业动态监测信息费。"
    assert [(i["level1"], i["name"], i["target"]) for i in out["indicators"]] == [
        ("产出指标", "项目数", "3 个"), ("效益指标", "城镇新增就业", "7 万人以上")]


def test_value_classifier() -> None:
    for value in ("60 人，3 天", "90%以上", "≥98%", "2024 年 12 月 31 日前", "12 月 31 日前", "450 元每人每天",
                  "7 万人以上", "不低于 95%"):
        assert is_strong_value(value), value
    for value in ("持续提高", "验收合格", "较好", "长期"):
        assert is_qualitative(value), value
    for text in ("培训费定额 450 元/人/天，课", "高经办人员就业创业服务能力", "工程质量 验收合格"):
        assert not is_strong_value(text) and not is_qualitative(text), text
    assert split_name_value("培训费定额 450 元/人/天，课") is None
    assert split_name_value("通过比赛带动创业创新开展 提升创业氛围") == ("通过比赛带动创业创新开展", "提升创业氛围")


def test_identify_needs_a_titled_table() -> None:
    assert READER.identify(load("t.txt", HEAD)) > 0.5
    assert READER.identify(load("t.txt", "项目支出绩效自评表\n项目名称 x\n三级指标")) < 0.2
    assert READER.identify(load("t.txt", "")) < 0.2


_PIECES = st.sampled_from([
    "绩效目标表", "项目名称 x", "三级指标 绩效值", "1-", "产出", "指标", "11-数量指标", "0 0", "无 无",
    "持续提高", "60 人，3 天", "a\tb\tc", "| a | b |", "其中：", "资金总额 10", "年度总体绩效目标", "一级指标",
    "", " ", "，", "酬 4000 元/天", "3-满", "31-服务对象满意度 满意率 80%",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=30))
def test_read_never_raises(pieces: list[str]) -> None:
    sheet = load("p.txt", "\n".join(pieces))
    READER.identify(sheet)
    result = READER.read(sheet)
    assert all(isinstance(i, PerformanceTarget) for i in result.items)


def test_tab_rows_stand_alone_and_bare_cost_label_is_level2() -> None:
    assert rows("""
项目支出绩效目标表
项目名称\t培训费
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t培训人数\t
\t\t培训天数\t3 天
\t成本指标\t课酬\t4000 元/天
效益指标\t社会效益指标\t持续提升服务能力\t
""") == [("产出指标", "数量指标", "培训人数", None), ("产出指标", "数量指标", "培训天数", "3 天"),
         ("产出指标", "成本指标", "课酬", "4000 元/天"), ("效益指标", "社会效益指标", "持续提升服务能力", None)]


def test_several_tables_under_one_title_and_level1_from_level2() -> None:
    result = READER.read(load("t.txt", """
附件：2024 年项目支出绩效目标表
单位：万元
项目名称 甲项目
三级指标 绩效值
11-数量指标 培训人数 60 人
（2024 年度）
单位：万元
项目名称 乙项目
三级指标 绩效值
31-服务对象满意度 满意度 90%
"""))
    assert [t.project.text for t in result.items] == ["甲项目", "乙项目"]
    assert [[(i.level1, i.name.text, i.target.text) for i in t.indicators] for t in result.items] == [
        [("产出指标", "培训人数", "60 人")], [("满意度指标", "满意度", "90%")]]
    assert [t.year for t in result.items] == [2024, 2024]
    assert result.spans[0].last < result.spans[1].first
