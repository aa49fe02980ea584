"""Printed values: normalisation and money as LABELS.md defines them."""

from decimal import Decimal

from jixiao.model.values import Cell, money, normalize_text


def test_normalize_removes_wrap_between_cjk_only() -> None:
    assert normalize_text("其中：当年财政 拨款") == "其中：当年财政拨款"
    assert normalize_text("降低创业成本, 增加各类补贴群体收入") == "降低创业成本, 增加各类补贴群体收入"
    assert normalize_text("<p>目标</p>") == "目标"
    assert normalize_text("—") is None


def test_money_parses_printed_amounts() -> None:
    assert money("2,000,000.00") == Decimal("2000000.00")
    assert money("80.80%") == Decimal("80.80")
    assert money("≥98") is None
    assert money("700 余人") is None
    assert Cell.read("4.04").decimals == 2
