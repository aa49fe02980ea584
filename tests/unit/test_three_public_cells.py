"""The “三公” table (公开07表) as web pages and PDF text layers flatten it, written inline:
one cell per line (with or without a bare ``|`` line after each cell), labels letter-spaced
(``合 计``, ``决 算 数``), the header printed across with its nested group flattened.
"""

from __future__ import annotations

import random

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange

ITEMS = [("合 计", "total"), ("因公出国(境)费", "abroad"), ("公务接待费", "reception"),
         ("公务用车购置及运行费", "vehicle_total"), ("其中:公务用车运行维护费", "vehicle_operation"),
         ("公务用车购置", "vehicle_purchase")]


def _values(seed: int) -> dict[str, tuple[float, float]]:
    """Budget and actual amounts that add up as the table does (合计 = 出国 + 车辆 + 接待)."""
    rng = random.Random(seed)
    out: dict[str, tuple[float, float]] = {}
    for side in range(2):
        abroad, reception = rng.randint(0, 900) / 100, rng.randint(100, 9000) / 100
        purchase, operation = rng.randint(0, 3000) / 100, rng.randint(100, 5000) / 100
        parts = {"abroad": abroad, "reception": reception, "vehicle_purchase": purchase,
                 "vehicle_operation": operation, "vehicle_total": round(purchase + operation, 2)}
        parts["total"] = round(abroad + reception + parts["vehicle_total"], 2)
        for key, value in parts.items():
            out[key] = (value, out[key][0]) if side else (value, 0.0)
    return {k: (b, a) for k, (a, b) in out.items()}


def _document(printing: str, seed: int, both: bool) -> bytes:
    values = _values(seed)
    head = ["项 目", "预 算 数", "决 算 数"] if both else ["项 目", "决 算 数"]
    cells = [c for label, key in ITEMS
             for c in ([label, f"{values[key][0]:.2f}", f"{values[key][1]:.2f}"] if both
                       else [label, f"{values[key][1]:.2f}"])]
    lines = ["一、2013年“三公”经费财政拨款支出决算表", "单位:万元", *head, *cells,
             "二、2013年“三公”经费财政拨款支出情况说明"]
    if printing == "bar lines":       # each cell followed by a line holding a lone bar
        lines = [x for line in lines[:-1] for x in (line, "|")] + lines[-1:]
    elif printing == "bars":          # each cell ends in its bar
        lines = [f"{x} |" for x in lines[2:-1]]
        lines = ["一、2021年度一般公共预算财政拨款“三公”经费支出决算表", "单位:万元", *lines,
                 "二、2021年度一般公共预算财政拨款“三公”经费支出情况说明"]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("printing", ["bar lines", "bars", "lines"])
@pytest.mark.parametrize(("seed", "both"), [(1, False), (2, True), (3, True)])
def test_a_three_public_table_one_cell_a_line_with_spaced_labels(printing: str, seed: int, both: bool) -> None:
    document, _ = read_document("t.txt", _document(printing, seed, both))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    values = _values(seed)
    assert table["actual"] == {key: values[key][1] for _, key in ITEMS}
    expected_budget = {key: values[key][0] for _, key in ITEMS} if both else {key: None for _, key in ITEMS}
    assert table["budget"] == expected_budget


LEAVES = ["total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]
TOP = ["合计", "因公出国", "(境)费", "公务用车购置及运行维护费", "公务接待费"]
SUB = ["小计", "公务用车", "购置费", "公务用车", "运行维护费"]


def _across(arrangement: str, seed: int, break_total: bool = False) -> bytes:
    """The header across, its group 公务用车购置及运行维护费 flattened (the top row, then the
    group's sub-row), the values under each leaf or as one row a side."""
    values = _values(seed)
    if break_total:
        values["total"] = (values["total"][0] + 1, values["total"][1])
    head = ["一般公共预算财政拨款“三公”经费支出决算表", "单位:万元", "一般公共预算财政拨款“三公”经费", *TOP, *SUB]
    if arrangement == "under each leaf":
        body = ["预算数", "决算数"] * len(LEAVES) + [f"{values[k][s]:.2f}" for k in LEAVES for s in (0, 1)]
    else:                 # 行次 1..8 over the columns, 接待 split in two columns of its own
        head = [*head, "小计", "行政运行", "其他支出"]
        numbers = ["行次", *[str(n) for n in range(1, 9)]]
        rows = [[f"2015年度{label}", *[f"{values[k][s]:.2f}" for k in LEAVES], "1.00", f"{values['reception'][s] - 1:.2f}"]
                for s, label in ((0, "预算数"), (1, "决算数"))]
        body = numbers + [c for row in rows for c in row] + ["2014年度决算数", *["9.99"] * 8]
    lines = [*head, *body, "注:本表反映部门本年度“三公”经费支出预决算情况。"]
    return "\n\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("arrangement", ["under each leaf", "rows"])
@pytest.mark.parametrize("seed", [4, 5])
def test_a_three_public_table_across_with_its_group_flattened(arrangement: str, seed: int) -> None:
    document, _ = read_document("t.txt", _across(arrangement, seed))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    values = _values(seed)
    assert table["budget"] == {k: values[k][0] for k in LEAVES}
    assert table["actual"] == {k: values[k][1] for k in LEAVES}


@pytest.mark.parametrize("arrangement", ["under each leaf", "rows"])
def test_a_three_public_side_that_does_not_add_up_is_not_read(arrangement: str) -> None:
    """合计 ≠ 出国 + 车辆 + 接待 on the budget side: the header may be misread, nothing taken."""
    document, _ = read_document("t.txt", _across(arrangement, 6, break_total=True))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    values = _values(6)
    assert set(table["budget"].values()) == {None}
    assert table["actual"] == {k: values[k][1] for k in LEAVES}


def _drawn(seed: int, moved: int, shift: float = 0.0) -> bytes:
    """One long line of a PDF text layer, 预算数 | 决算数, the label of row ``moved`` drawn
    after the table while its two cells stay in place."""
    values = _values(seed)
    values[LEAVES[1]] = (values[LEAVES[1]][0] + shift, values[LEAVES[1]][1])
    words = ["项 目 预算数 决算数"]
    for k, (label, key) in enumerate(ITEMS):
        words.append(("" if k == moved else label) + f" {values[key][0]:.2f} {values[key][1]:.2f}")
    words.append(ITEMS[moved][0])
    line = "一、2017 年一般公共预算财政拨款“三公”经费支出决算表 单位:万元 " + " ".join(words) + \
        " 二、2017 年一般公共预算财政拨款“三公”经费支出情况说明"
    return line.encode("utf-8")


@pytest.mark.parametrize(("seed", "moved"), [(7, 1), (8, 2), (9, 5)])
def test_a_row_whose_label_the_text_layer_drew_last_takes_the_values_left_without_one(seed: int, moved: int) -> None:
    document, _ = read_document("t.txt", _drawn(seed, moved))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    values = _values(seed)
    assert table["budget"] == {key: values[key][0] for _, key in ITEMS}
    assert table["actual"] == {key: values[key][1] for _, key in ITEMS}


def test_values_left_without_a_label_that_do_not_add_up_stay_unread() -> None:
    """出国's budget off by 1.00: the total no longer checks, so the moved row is not placed."""
    document, _ = read_document("t.txt", _drawn(7, 1, shift=1.0))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    assert table["budget"]["abroad"] is None and table["actual"]["abroad"] is None
    assert table["budget"]["reception"] == _values(7)["reception"][0]


def test_a_vehicle_row_left_without_a_label_must_make_up_its_subtotal() -> None:
    """购置 moved and 运行 off by 1.00: 小计 ≠ 购置 + 运行, the moved row is not placed."""
    values = _values(9)
    text = _drawn(9, 5).decode("utf-8").replace(f" {values['vehicle_operation'][0]:.2f} ",
                                                f" {values['vehicle_operation'][0] + 1:.2f} ", 1)
    document, _ = read_document("t.txt", text.encode("utf-8"))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    assert table["budget"]["vehicle_purchase"] is None and table["actual"]["vehicle_purchase"] is None


def _by_year(year: int, first: bool, subtotal: str, seed: int) -> bytes:
    """A 三公 comparison table printed one cell per line: stub 年度, the header across with the
    vehicle group's subtotal printed 合计 (or 小计), one row a year, then the change row."""
    values, other = _values(seed), _values(seed + 100)
    order = ["total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation"]
    head = ["年度", "合计", "因公出国(境)经费", "公务接待费", "公车购置及运行维护费", subtotal, "车辆购置", "车辆运行"]
    own = [f"{year}年", *[f"{values[k][1]:g}" for k in order]]
    prior = [f"{year - 1}年", *[f"{other[k][1]:g}" for k in order]]
    rows = own + prior if first else prior + own
    lines = [f"本单位{year}年度“三公”经费决算情况说明", f"{year}年决算数与{year - 1}年决算数对比情况", *head, *rows,
             f"{year}年比{year - 1}年增减%", *["-1.00"] * 6]
    return "\n|\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(("year", "first", "subtotal"), [(2016, False, "合计"), (2019, True, "小计")])
def test_a_three_public_table_by_year_reads_the_accounts_year_as_actual(year: int, first: bool, subtotal: str) -> None:
    document, _ = read_document("t.txt", _by_year(year, first, subtotal, 11))
    (accounts,) = to_interchange(document)["final_accounts"]
    table = accounts["tables"]["three_public"]
    values = _values(11)
    assert table["actual"] == {k: values[k][1] for k in LEAVES}
    assert set(table["budget"].values()) == {None}
