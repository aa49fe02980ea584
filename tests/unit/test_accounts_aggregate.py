"""A place's aggregate 三公 accounts (经某县财政局汇总，2020年某县行政单位…“三公”经费决算总额):
the place is the unit. Written inline, on other places, years and wordings."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange


@pytest.mark.parametrize(("year", "place", "units"), [(2020, "示例县", "行政单位(含参照公务员法管理的事业单位)"),
                                                      (2019, "某某市", "行政事业单位")])
def test_a_places_aggregate_names_the_place(year: int, place: str, units: str) -> None:
    text = "\n".join([f"根据有关规定,经{place}财政局汇总,{year}年{place}{units}、事业单位和其他单位使用当年财政拨款"
                      f"安排的“三公”经费决算总额为1023万元,较年初预算减少32%。其中:",
                      "一、因公出国(境)经费", f"{year}年因公出国(境)决算支出0万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert (accounts["department"], accounts["year"]) == (place, year)


@pytest.mark.parametrize(("year", "compared"), [(2023, "较 2022 年度决算数"), (2015, "较2014年度部门决算公开"),
                                                (2021, "与2020年度相比")])
def test_a_year_compared_with_first_is_not_the_year_of_the_accounts(year: int, compared: str) -> None:
    """A chunk opening on a comparison (较 2022 年度决算数增加…) before the unit's own 2023 年度."""
    text = "\n".join(["“三公”经费决算情况说明", f"其他收入 0.00 万元,{compared}增加 0.00 万元,增长 0%。",
                      f"本单位 {year} 年度总支出 125.08 万元,其中本年支出 116.12 万元。"])
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    assert accounts["year"] == year
