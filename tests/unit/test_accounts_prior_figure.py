"""A prior year's figure printed bare before its change (相比2016年的总收入6871.82减少243.10万元):
a fact of its own in the change's unit, and the change names the thing compared. Written inline."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document, run_bytes
from jixiao.render.interchange import to_interchange


def _text(now: float, before: float, unit: str, printing: str, share: str | None = None) -> bytes:
    change = round(abs(now - before), 2)
    word = "减少" if now < before else "增加"
    rate = share or f"{change / before * 100:.2f}"
    compared = f"相比2016年的总收入{before:.2f}{word}{change:.2f}{unit}" if printing == "year" else \
        f"总收入较上年{before:.2f}{word}{change:.2f}{unit}"
    lines = ["示例医院2017年部门决算公开", "二、收入决算情况说明",
             f"2017年本单位总收入{now:.2f}{unit},{compared},{'下降' if now < before else '增长'}{rate}%。"]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("printing", ["year", "last year"])
@pytest.mark.parametrize(("now", "before", "unit"), [(6628.72, 6871.82, "万元"), (7778.55, 7171.97, "元")])
def test_a_bare_prior_figure_before_its_change_is_a_fact_in_the_changes_unit(
        printing: str, now: float, before: float, unit: str) -> None:
    document, _ = read_document("t.txt", _text(now, before, unit, printing))
    (accounts,) = to_interchange(document)["final_accounts"]
    facts = {f["value"]: f for f in accounts["narrative_facts"]}
    assert facts[before]["unit"] == unit
    change = facts[round(abs(now - before), 2)]
    assert change["unit"] == unit and str(before) not in change["subject"]
    assert change["subject"].startswith("总收入")


@pytest.mark.parametrize("printing", ["year", "last year"])
def test_a_change_rate_on_the_prior_figure_is_checked_against_it(printing: str) -> None:
    """243.10 ÷ 6871.82 = 3.54%: nothing reported; 3.42% (the rate on the wrong base) is."""
    assert not [f for f in run_bytes("t.txt", _text(6628.72, 6871.82, "万元", printing)).findings
                if f.code == "N003"]
    wrong = run_bytes("t.txt", _text(6628.72, 6871.82, "万元", printing, share="3.42")).findings
    assert [f for f in wrong if f.code == "N003"]


@pytest.mark.parametrize(("items", "unit"), [((("“三公”经费决算数共计", 35.5), ("公务接待费", 15.5)), "万元"),
                                             ((("公务用车运行维护费", 20.0),), "元")])
def test_a_figure_with_rates_against_two_bases_states_each(items: tuple[tuple[str, float], ...], unit: str) -> None:
    """35.5万元,比上年预算数字下降35.45%,比上年决算数字下降34.26%: two rates, each a change of its own;
    the document's unit is its figures', not the rates' (which have none)."""
    parts = [f"{name}{value}{unit},比上年预算数字下降{10 + k}.45%,比上年决算数字下降{20 + k}.26%"
             for k, (name, value) in enumerate(items)]
    text = "某镇2020年" + ";其中".join(parts) + "。下降的主要原因是厉行节约。"
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    rates = {f["share"]: f["subject"] for f in accounts["narrative_facts"] if f["value"] is None}
    for k, _ in enumerate(items):
        assert "预算" in rates[10 + k + 0.45] and "决算" in rates[20 + k + 0.26]
    assert accounts["amount_unit"] == unit


@pytest.mark.parametrize("base", ["较2014年决算数", "比2019年度"])
def test_a_change_rate_against_a_named_year_is_a_change(base: str) -> None:
    """9.95万元,较2014年决算数下降5.5%: a change of its own, not a share of the figure."""
    text = f"某镇2015年“三公”经费决算情况说明\n一、公务接待费\n2015年公务接待费9.95万元,{base}下降5.5%,主要原因是严控公务接待。"
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    facts = accounts["narrative_facts"]
    assert [f["share"] for f in facts if f["value"] == 9.95] == [None]
    assert [f["subject"].endswith(f"{base}下降") for f in facts if f["share"] == 5.5] == [True]
