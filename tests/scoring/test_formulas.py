"""The formula families, each a named function checked on printed numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.score import formulas as f
from jixiao.score.card import rounded

D = Decimal


def score(outcome: f.Outcome) -> Decimal | None:
    return rounded(outcome.exact, 2) if outcome.exact is not None else None


@pytest.mark.parametrize("a, b, expected, method", [
    ("1500", "1464", "4.88", "positive"),       # seed 000: 5 × 1464 / 1500
    ("1500", "1600", "5", "reached"),
    ("0", "3", "5", "reached"),
])
def test_positive(a: str, b: str, expected: str, method: str) -> None:
    out = f.positive(D(5), D(a), D(b))
    assert (out.method, score(out)) == (method, D(expected))


def test_positive_formula_shows_the_numbers() -> None:
    out = f.positive(D(5), D(1500), D(1464), "1500", "1464")
    assert out.formula == "5 × 1464 / 1500" and "正向指标" in out.explanation


@pytest.mark.parametrize("b, ratio, deviation", [
    ("6.60", "4", "4"),          # within the ceiling: full marks in both forms
    ("7.44", "3.55", "3.55"),    # seed 002: 4 × 6.60 / 7.44 = 3.55; 4 × (1 − 0.84 / 6.60) = 3.49
    ("9.90", "2.67", "2"),       # 1.5 A: A/B keeps 2.67, the deviation form halves the points
    ("13.20", "2", "0"),         # 2 A and beyond: 0 in the deviation form
])
def test_reverse_in_both_published_forms(b: str, ratio: str, deviation: str) -> None:
    a = D("6.60")
    assert score(f.reverse_ratio(D(4), a, D(b))) == D(ratio)
    if b == "7.44":
        assert score(f.reverse_deviation(D(4), a, D(b))) == D("3.49")
    else:
        assert score(f.reverse_deviation(D(4), a, D(b))) == D(deviation)


def test_reverse_deviation_names_the_two_a_rule() -> None:
    out = f.reverse_deviation(D(4), D(10), D(25))
    assert out.exact == 0 and "两倍" in out.explanation and "≥ 2 × 10" in out.formula


@pytest.mark.parametrize("b, expected", [("100", "10"), ("95", "9.5"), ("104", "9.6"), ("250", "0")])
def test_equal(b: str, expected: str) -> None:
    assert score(f.equal(D(10), D(100), D(b))) == D(expected)


@pytest.mark.parametrize("b, expected, method", [("85", "10", "reached"), ("72", "9", "interval"),
                                                  ("100", "9", "interval")])
def test_interval(b: str, expected: str, method: str) -> None:
    out = f.interval(D(10), D(80), D(90), D(b))
    assert (out.method, score(out)) == (method, D(expected))


def test_qualitative_tier_with_printed_label_and_bounds() -> None:
    out = f.qualitative(D(10), "部分达成年度指标并具有一定效果", D("0.6"), D("0.8"), "基本完成")
    assert (out.low, out.high) == (D(6), D(8))
    assert "部分达成年度指标并具有一定效果" in out.explanation and "60%–80%" in out.explanation


@pytest.mark.parametrize("a, b, expected", [("100", "125", None), ("100", "130", "0"), ("100", "69", "0"),
                                            ("100", "71", None)])
def test_deviation_deduction(a: str, b: str, expected: str | None) -> None:
    out = f.deviation_deduction(D(5), D(a), D(b), D("0.3"), D(1))
    assert (score(out) if out else None) == (D(expected) if expected else None)
    if out:
        assert "30%" in out.formula and "扣去分值的 100%" in out.explanation


CAPS = (f.Cap(D("0.5"), D(59)), f.Cap(D("0.6"), D(69)), f.Cap(D("0.7"), D(79)), f.Cap(D("0.8"), D(89)))


@pytest.mark.parametrize("rate, total, capped", [
    ("0.95", "96", "96"), ("0.75", "96", "89"), ("0.65", "96", "79"), ("0.55", "96", "69"),
    ("0.45", "96", "59"), ("0.75", "85", "85"),
])
def test_execution_cap_on_the_total(rate: str, total: str, capped: str) -> None:
    out = f.execution_cap(D(total), D(rate), CAPS)
    assert out.total == D(capped)
    assert (out.cap is None) == (rate == "0.95")
    if out.total != D(total):
        assert f"封顶为 {capped}" in out.explanation
