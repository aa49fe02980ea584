"""The indicator-value parser on values as the seeds write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.values import IndicatorValue, parse

D = Decimal


@pytest.mark.parametrize("text, kind, comparator, number, unit", [
    ("≥1500", "quantity", "≥", D(1500), None),
    ("≥98%", "percent", "≥", D(98), "%"),
    ("≤60日", "quantity", "≤", D(60), "日"),
    ("≤60 工作日", "quantity", "≤", D(60), "工作日"),
    ("100%", "percent", None, D(100), "%"),
    ("3项", "quantity", None, D(3), "项"),
    ("10.65万元", "quantity", None, D("10.65"), "万元"),
    ("6.60万元", "quantity", None, D("6.60"), "万元"),
    ("450元/人/天", "quantity", None, D(450), "元/人/天"),
    ("≥10人", "quantity", "≥", D(10), "人"),
    ("小于5%", "percent", "<", D(5), "%"),
    ("90%以上", "percent", "≥", D(90), "%"),
    ("≧735人次", "quantity", "≥", D(735), "人次"),
    ("不低于95%", "percent", "≥", D(95), "%"),
    ("不少于3场", "quantity", "≥", D(3), "场"),
    ("不超过10万元", "quantity", "≤", D(10), "万元"),
    ("控制在4.5%以内", "percent", "≤", D("4.5"), "%"),
    ("3人以上", "quantity", "≥", D(3), "人"),
    (">96%", "percent", ">", D(96), "%"),
    ("三项", "quantity", None, D(3), "项"),
    ("十二期", "quantity", None, D(12), "期"),
    ("两万", "quantity", None, D(20000), None),
    ("百分之九十", "percent", None, D(90), "%"),
    ("１２３人", "quantity", None, D(123), "人"),
    ("≥９８％", "percent", "≥", D(98), "%"),
    ("2,000,000.00", "quantity", None, D("2000000.00"), None),
    ("0", "quantity", None, D(0), None),
])
def test_quantities(text: str, kind: str, comparator: str | None, number: Decimal, unit: str | None) -> None:
    v = parse(text)
    assert (v.kind, v.comparator, v.number, v.unit, v.parsed) == (kind, comparator, number, unit, True)
    assert v.text == text


def test_approximate_and_several_quantities() -> None:
    v = parse("700 余人")
    assert (v.number, v.unit, v.approx) == (D(700), "人", True)
    v = parse("60 人，3 天")
    assert [(q.number, q.unit) for q in v.quantities] == [(D(60), "人"), (D(3), "天")]
    assert v.number == D(60)


def test_labelled_number() -> None:
    v = parse("帮扶就业率 93.27%")
    assert (v.kind, v.label, v.number) == ("percent", "帮扶就业率", D("93.27"))


@pytest.mark.parametrize("text, when, comparator", [
    ("2024年12月31日前", date(2024, 12, 31), "≤"),
    ("2024 年 12 月以前完成", date(2024, 12, 31), "≤"),
    ("2023年12 月31日", date(2023, 12, 31), None),
    ("年底前执行完毕", date(2024, 12, 31), "≤"),
    ("2024年底", date(2024, 12, 31), "≤"),
    ("024年12月31日前", date(2024, 12, 31), "≤"),       # 001's typo: the evaluation year is used
    ("2024/12/31", date(2024, 12, 31), None),
    ("2024年6月", date(2024, 6, 30), None),
])
def test_deadlines(text: str, when: date, comparator: str | None) -> None:
    v = parse(text, year=2024)
    assert (v.kind, v.deadline, v.comparator) == ("deadline", when, comparator)


def test_deadline_without_year_needs_the_evaluation_year() -> None:
    assert parse("年底前").deadline is None
    assert parse("年底前").kind == "deadline"


def test_period() -> None:
    v = parse("每月发放")
    assert (v.kind, v.period) == ("deadline", "月")


@pytest.mark.parametrize("text, level, vague", [
    ("效果显著", 1, True), ("有效提高", 1, True), ("持续提高", 1, True), ("明显提升", 1, True),
    ("按时完成", 1, False), ("基本完成", 2, False), ("部分完成", 2, False), ("未完成", 3, False),
    ("未发生", 1, False), ("无", None, False),
])
def test_qualitative(text: str, level: int | None, vague: bool) -> None:
    v = parse(text)
    assert (v.kind, v.level, v.vague, v.parsed) == ("qualitative", level, vague, True)


@pytest.mark.parametrize("text", ["≤", "1-11月，全市累计发放稳岗返还1337.88万元，惠及用人单位1306家", "35000/台, 共计3.5万元"])
def test_unreadable_text_is_kept(text: str) -> None:
    v = parse(text)
    assert v.parsed is False and v.text == text and v.number is None


def test_empty_and_none() -> None:
    assert parse(None) == IndicatorValue(text="")
    assert parse("  ").empty


def test_chinese_numeral_words_are_not_numbers() -> None:
    assert parse("一对一服务").kind == "qualitative"
    assert parse("统一").number is None
