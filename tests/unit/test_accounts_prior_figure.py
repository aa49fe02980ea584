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
