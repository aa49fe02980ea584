"""Final accounts of traditional-character pages keep their words as printed (萬元, 公務接待經費);
checks match them by a simplified key. Written inline, each on printings of the same content.
"""

from __future__ import annotations

import pytest

from jixiao.accounts.views import unit_scale
from jixiao.pipeline import read_document, run_bytes
from jixiao.render.accounts_page import _value
from jixiao.render.interchange import to_interchange

TRADITIONAL = str.maketrans({"经": "經", "费": "費", "务": "務", "车": "車", "购": "購", "运": "運", "维": "維",
                             "护": "護", "预": "預", "数": "數", "万": "萬", "单": "單", "汇": "匯", "总": "總",
                             "况": "況", "决": "決", "县": "縣", "项": "項", "计": "計", "国": "國"})
RUBY = {"經": "jīng", "費": "fèi", "萬": "wàn", "項": "xiàng", "預": "yù", "數": "shù", "國": "guó"}


def _page(year: int, amounts: tuple[int, int, int], traditional: bool, ruby: bool, dash: bool) -> bytes:
    """A one-column 三公 table (本年预算数), the older form's rows 1、… 3、公务用车费, and a note."""
    abroad, reception, operation = amounts
    total, vehicle = abroad + reception + operation, operation
    y = "-" if dash else "年"
    lines = [f"发布日期 {year + 1}-06-10 | |",
             f"示例县{year}{y}“三公”经费汇总情况决算表 | |", "单位:万元 | |", f"项目 | 本{y}预算数 |",
             f"合计 | {total} |", f"1、因公出国(境)费用 | {abroad} |", f"2、公务接待费 | {reception} |",
             f"3、公务用车费 | {vehicle} |", f"其中:(1)公务用车运行维护费 | {operation} |", "(2)公务用车购置 | 0 |",
             f"注:1、示例县公务接待经费{reception}万元。 |"]
    text = "\n".join(lines)
    if traditional:
        text = text.translate(TRADITIONAL)
    if ruby:
        text = "".join(c + (f"({RUBY[c]})" if c in RUBY else "") for c in text)
    return text.encode("utf-8")


@pytest.mark.parametrize(("traditional", "ruby", "dash"), [(True, True, True), (True, False, True),
                                                           (False, False, True), (True, True, False)])
@pytest.mark.parametrize(("year", "amounts"), [(2015, (0, 1372, 1946)), (2017, (12, 30, 45))])
def test_a_traditional_page_keeps_its_words_as_printed(year: int, amounts: tuple[int, int, int],
                                                       traditional: bool, ruby: bool, dash: bool) -> None:
    document, _ = read_document("t.txt", _page(year, amounts, traditional, ruby, dash))
    (accounts,) = to_interchange(document)["final_accounts"]
    abroad, reception, operation = amounts
    assert accounts["year"] == year
    assert accounts["department"] == ("示例縣" if traditional else "示例县")
    assert accounts["amount_unit"] == ("萬元" if traditional else "万元")
    budget = accounts["tables"]["three_public"]["budget"]
    assert budget == {"total": abroad + reception + operation, "abroad": abroad, "vehicle_total": operation,
                      "vehicle_purchase": 0, "vehicle_operation": operation, "reception": reception}
    facts = [f for f in accounts["narrative_facts"] if f["value"] == reception]
    assert facts and all(f["unit"] == accounts["amount_unit"] for f in facts)
    word = "公務接待經費" if traditional else "公务接待经费"
    assert any(word in f["subject"] for f in facts)


def test_a_traditional_page_is_checked_as_its_simplified_reading() -> None:
    """Read as printed, checked by a simplified key: the table's identity holds, nothing
    reported; a total off by 100 萬元 is reported."""
    data = _page(2015, (0, 1372, 1946), traditional=True, ruby=True, dash=True)
    assert not [f for f in run_bytes("t.txt", data).findings if f.code.startswith(("A0", "N0")) and f.code != "A015"]
    wrong = data.decode("utf-8").replace("| 3318 |", "| 3418 |").encode("utf-8")
    assert any(f.code == "A007" for f in run_bytes("t.txt", wrong).findings)


@pytest.mark.parametrize(("unit", "scale"), [("萬元", 10000), ("万元", 10000), ("千元", 1000), ("元", 1), ("", 1)])
def test_a_unit_as_printed_scales_as_its_simplified_one(unit: str, scale: int) -> None:
    assert unit_scale(unit) == scale


@pytest.mark.parametrize("unit", ["萬元", "万元"])
def test_a_fact_in_a_unit_as_printed_is_shown_as_money(unit: str) -> None:
    assert _value(6871.8, unit) == _value(6871.8, "元") != _value(6871.8, "人次")
