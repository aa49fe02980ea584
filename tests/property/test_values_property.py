"""Properties of the value parser: it never raises, and numbers survive the round trip."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.values import COMPARATORS, KINDS, parse

numbers = st.decimals(min_value=0, max_value=Decimal("1e9"), places=2, allow_nan=False,
                      allow_infinity=False)
units = st.sampled_from(["人", "项", "万元", "元/人/天", "人次", "工作日", "天", "家", "个"])
signs = st.sampled_from(["≥", "≤", ">", "<"])
noise = st.text(alphabet=st.sampled_from("0123456789.,%％≥≤<>=年月日前后以上以内余万亿十百两三元人/ 　，、效果显著未基本"),
                max_size=30)


@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    v = parse(text)
    assert v.text == text
    assert v.kind in KINDS
    assert v.comparator is None or v.comparator in COMPARATORS


@given(noise, st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)))
def test_never_raises_on_value_like_text(text: str, year: int | None) -> None:
    v = parse(text, year)
    assert v.parsed or v.number is None or v.kind in ("quantity", "percent")


@given(numbers)
def test_plain_number_round_trip(n: Decimal) -> None:
    v = parse(str(n))
    assert (v.kind, v.number, v.comparator) == ("quantity", n, None)


@given(numbers, units)
def test_number_with_unit_round_trip(n: Decimal, unit: str) -> None:
    v = parse(f"{n}{unit}")
    assert (v.number, v.unit) == (n, unit)
    v = parse(f"{n} {unit}")
    assert (v.number, v.unit) == (n, unit)


@given(signs, numbers)
def test_comparator_percent_round_trip(sign: str, n: Decimal) -> None:
    v = parse(f"{sign}{n}%")
    assert (v.kind, v.comparator, v.number, v.unit) == ("percent", sign, n, "%")


@given(numbers)
def test_fullwidth_digits_read_as_ascii(n: Decimal) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in str(n))
    assert parse(wide + "人").number == n


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_up_to_99(n: int) -> None:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    word = ("" if tens <= 1 else digits[tens]) + ("十" if tens else "") + (digits[ones] if ones else "")
    assert parse(word + "项").number == n
