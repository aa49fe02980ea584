"""Final accounts as units publish them on the web: the 01 table without rows (one cell per
line, one long OCR line), the 情况说明 without its standard outline, traditional pages.

Each rule on two printings of the same content, written inline.
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange

ROWS = [("一、一般公共预算财政拨款收入", "1", "4,627.57"), ("一、一般公共服务支出", "32", "0.00"),
        ("二、事业收入", "2", "80.78"), ("二、教育支出", "33", "4,146.04"),
        ("三、其他收入", "3", "33.19"), ("三、卫生健康支出", "34", "89.57")]
HEAD = ["2022年度部门决算", "收入支出决算总表", "部门:示例市职业学校", "金额单位:万元", "项目", "行次", "金额"]


def _summary(how: str) -> bytes:
    cells = HEAD + [c for row in ROWS for c in row]
    if how == "bars":               # one cell per line, as web pages flatten a table
        return "\n".join(f"{c} |" for c in cells).encode()
    # one long line of OCR text, the 、 of the ordinals lost
    return " ".join(c.replace("、", "") for c in cells).encode()


@pytest.mark.parametrize("how", ["bars", "ocr"])
def test_the_01_table_reads_from_the_stream(how: str) -> None:
    document, _ = read_document(f"{how}.txt", _summary(how))
    accounts = to_interchange(document)["final_accounts"]
    assert len(accounts) == 1
    table = accounts[0]["tables"]["income_expense_summary"]
    assert [(x["name"], x["line"], x["amounts"]) for x in table["income"]] == [
        ("一般公共预算财政拨款收入", 1, [4627.57]), ("事业收入", 2, [80.78]), ("其他收入", 3, [33.19])]
    assert [x["name"] for x in table["expense"]] == ["一般公共服务支出", "教育支出", "卫生健康支出"]
    assert accounts[0]["year"] == 2022 and accounts[0]["amount_unit"] == "万元"
    assert accounts[0]["department"] == "示例市职业学校"


PARAGRAPH = ("示例县科学技术局2018年度一般公共预算财政拨款“三公”经费支出决算为115,749.56元，"
             "完成预算的23.42%。其中：公务接待费支出决算为16,629.00元，完成预算的31.98%；"
             "“三公”经费支出决算数比2017年减少518,378.24元，下降-81.75%。")


@pytest.mark.parametrize("how", ["simplified", "traditional"])
def test_a_narrative_without_the_outline_states_its_figures(how: str) -> None:
    text = PARAGRAPH if how == "simplified" else (
        PARAGRAPH.replace("决算", "決(jué)算").replace("经费", "經(jīng)費").replace("县", "縣"))
    document, _ = read_document("n.txt", text.encode())
    accounts = to_interchange(document)["final_accounts"]
    assert len(accounts) == 1
    facts = [(f["value"], f["share"]) for f in accounts[0]["narrative_facts"]]
    assert facts == [(115749.56, 23.42), (16629.0, 31.98), (518378.24, -81.75)]
    assert accounts[0]["department"] == ("示例县科学技术局" if how == "simplified" else "示例縣科学技术局")   # as printed


def test_the_other_sides_line_numbers_are_no_amounts() -> None:
    """An expense line whose amount cell is empty, beside an income line with no name: the
    income 行次 (12, 13, 14…) must not be read as the expense amounts."""
    rows = ["收入支出决算总表", "金额单位:万元", "| 项目 | 行次 | 金额 | 项目 | 行次 | 金额 |",
            "| 一、财政拨款收入 | 1 | 30,345.82 | 一、教育支出 | 32 | 36,928.13 |"]
    for n, name in enumerate(["城乡社区支出", "农林水支出", "交通运输支出", "金融支出"], start=12):
        rows += [f"| {n} |", f"| {name} | {n + 33} |", "|"]
    document, _ = read_document("gap.txt", "\n".join(rows).encode())
    table = to_interchange(document)["final_accounts"][0]["tables"]["income_expense_summary"]
    assert [(x["name"], x["amounts"]) for x in table["expense"]] == [("教育支出", [36928.13])]


@pytest.mark.parametrize(("unit", "title"), [
    ("某市某区人民法院", ["2017年度一般公共预算财政拨款", "“三公”经费决算情况说明"]),
    ("示例县农业农村局", ["2021年度部门决算说明"]),
    ("某市某区某镇人民政府", ["2021年“三公”经费决算汇总情况"]),
    ("某县某乡人民政府", ["2020年度“三公”经费决算情况"])])
def test_a_note_titled_under_its_units_name_is_that_units(unit: str, title: list[str]) -> None:
    """The unit's name on its own line above a 情况说明's title (broken over lines or not)."""
    text = "\n".join([unit, *title, "2017年一般公共预算财政拨款“三公”经费决算20.2万元，与上年相比减少0.8万元。",
                      "一、因公出国(境)费决算7.8万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert accounts["department"] == unit
    assert 20.2 in [f["value"] for f in accounts["narrative_facts"]]


@pytest.mark.parametrize("heading", ["一、2021年度收入支出决算总体情况", "一、收入支出决算总体情况"])
def test_a_section_heading_without_shuoming_still_opens_its_section(heading: str) -> None:
    """Headings of the 情况说明 part that end at 情况 (no 说明): their figures are read."""
    text = "\n".join(["示例县某中学2021年部门决算", "第三部分:示例县某中学2021年度部门决算情况说明", heading,
                      "(一)本部门2021年度总收入534.96万元,其中本年收入525.11万元。",
                      "二、2021年度一般公共预算财政拨款支出决算情况", "一般公共预算财政拨款支出500.00万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert {f["value"] for f in accounts["narrative_facts"]} >= {534.96, 525.11, 500.0}


@pytest.mark.parametrize("traditional", [False, True])
def test_a_three_public_table_a_row_a_line_with_empty_items_and_ordinals(traditional: bool) -> None:
    """项 目 spaced apart, 单位 above the header, items numbered 1、 (1), empty items blank."""
    lines = ["示例县移民局2015年度“三公”经费决算情况表", "单位:万元", "项      目 本年决算数",
             "一、支出合计 9.28", "1、因公出国(境)费用  ", "2、公务接待费 9.28", "3、公务用车费  ",
             "其中:(1)公务用车运行维护费  ", "      (2)公务用车购置  "]
    text = "\n".join(lines)
    if traditional:
        text = text.replace("经费", "經費").replace("决算", "決算").replace("务", "務").replace("费", "費")
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    actual = accounts["tables"]["three_public"]["actual"]
    assert (actual["total"], actual["reception"], actual["abroad"], actual["vehicle_total"]) == (9.28, 9.28, None, None)


@pytest.mark.parametrize(("item", "value"), [("因公出国(境)费", 99.0), ("公务接待费", 1014.0)])
def test_a_three_public_section_naming_only_its_item_states_its_figures(item: str, value: float) -> None:
    """Under an outline heading, a sentence about 出国 or 接待 without the word 经费."""
    text = "\n".join(["2017年某市本级“三公”经费决算情况", "一、某项", f"2017年{item}{value:g}万元,比预算数减少31万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert {value, 31.0} <= {f["value"] for f in accounts["narrative_facts"]}


@pytest.mark.parametrize("opening", ["东莞时间网讯 记者从市财政局了解到，某市2016年市本级“三公”决算汇总表公布，",
                                     "据市财政局介绍，某市2016年市本级“三公”支出情况如下："])
def test_a_report_retelling_three_public_figures_states_them(opening: str) -> None:
    """A news report of the 三公 accounts (no outline, no 情况说明 heading): its figures."""
    text = opening + "2016年市本级“三公”支出合计为9615.12万元，比年初预算减少3887.49万元。\n\n" \
        "  此外，公务接待费支出2267.61万元，比年初预算减少2312.99万元。\n"
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert {9615.12, 3887.49, 2267.61, 2312.99} <= {f["value"] for f in accounts["narrative_facts"]}


@pytest.mark.parametrize(("first", "unit"), [("西藏自治区体育局机关2023年度", "西藏自治区体育局机关"),
                                           ("示例县农业农村局2022年度", "示例县农业农村局")])
def test_a_cover_title_broken_after_its_year_names_its_unit(first: str, unit: str) -> None:
    """某局机关2023年度 | 部门决算: the unit is the cover's, not a shorter name in the 概况."""
    text = "\n".join([first, "部门决算", "目 录", unit[-5:] + "是本级人民政府直属机构。",
                      "一、收入支出决算总体情况说明", "2023年度收入、支出决算总计10,975.68万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert accounts["department"] == unit


@pytest.mark.parametrize("comparison", ["与2014年决算数持平", "较2014年决算数下降5.5%", "比2014年决算减少0.3万元"])
def test_a_year_compared_with_is_not_the_year_of_the_accounts(comparison: str) -> None:
    text = "\n".join(["官仓镇2015年三公”经费支出说明", "一、因公出国(境)经费",
                      f"2015年因公出国(境)费1.2万元,{comparison}。", "二、公务接待费", "2015年公务接待费9.95万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert accounts["year"] == 2015
