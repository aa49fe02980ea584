"""Final accounts as printed on the web page: each table with its own columns and headings,
amounts ``#,##0.00`` in the document's unit, codes resolved and shown, empty tables said empty.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from jixiao import samples
from jixiao.pipeline import read_document
from jixiao.render import accounts_tables
from jixiao.render.accounts_page import accounts_page
from jixiao.render.interchange import final_accounts
from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.store.schema import Project

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")


def _seed_accounts() -> dict[str, Any]:
    seed = next(SEEDS.glob("001_*.txt"))
    return final_accounts(read_document(seed.name, seed.read_bytes())[0].final_accounts[0])


@needs_seeds
def test_each_table_keeps_its_own_columns_and_headings() -> None:
    page = accounts_page(_seed_accounts())
    by_key = {t.key: t for t in page.tables}
    assert [t.number for t in page.tables] == [f"公开0{n}表" for n in range(1, 10)]
    income, expense = by_key["income"], by_key["expense"]
    assert income.width == 2 + 7 and expense.width == 2 + 6        # 7 income sources, 6 expense columns
    assert [c.text for c in income.header[0]][1:] == ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入",
                                                      "经营收入", "附属单位上缴收入", "其他收入"]
    assert all(len(row) == income.width for row in income.body)     # one amount a cell, never run together
    three = by_key["three_public"]
    assert three.header[0][0].cols == 6 and three.body[0][0].number   # 预算数 over its six columns


@needs_seeds
def test_amounts_in_the_document_unit_with_two_decimals() -> None:
    page = accounts_page(_seed_accounts())
    income = next(t for t in page.tables if t.key == "income")
    assert income.unit == "元"
    totals = income.body[0]
    assert totals[2].text == "472,587,029.28" and totals[2].number
    assert "2,147,861.60" in [c.text for c in totals]                # printed 2147861.6
    numbers = [c.text for t in page.tables for row in t.body for c in row if c.number]
    assert numbers and all(re.fullmatch(r"-?\d{1,3}(,\d{3})*\.\d{2,}", n) for n in numbers)


@needs_seeds
def test_codes_resolved_and_marked_as_filled() -> None:
    page = accounts_page(_seed_accounts())
    expense = next(t for t in page.tables if t.key == "expense")
    assert expense.filled >= 10
    coded = [row for row in expense.body if row[1].text != "合计"]
    assert all(row[0].text for row in coded)
    first = expense.body[0]
    assert (first[0].text, first[0].filled, first[1].filled) == ("2011308", True, False)


def test_empty_tables_are_said_to_be_empty() -> None:
    page = accounts_page(final_accounts(samples.final_accounts()))
    empty = {t.key for t in page.tables if t.empty}
    assert empty == {"government_fund", "state_capital"}
    assert all(accounts_tables.EMPTY_NOTE in t.note for t in page.tables if t.empty)


def test_accounts_page_in_the_web(client: Any, factory: Any, tmp_path: Path) -> None:
    """The sample 部门决算 uploaded: its page prints each table as the official render does."""
    path = next(p for p in samples.write(tmp_path) if p.name == "示例_部门决算.xlsx")
    with transaction(factory) as session:
        repo.import_bytes(session, path.name, path.read_bytes())
    with transaction(factory) as session:
        project = session.scalars(select(Project).where(Project.kind == "final_accounts")).one().id
    page = client.get(f"/projects/{project}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    for number in range(1, 10):
        assert f"公开0{number}表" in text
    cells = re.findall(r'<td class="num">([^<]*)</td>', text)
    assert "26,487,467.86" in cells and "26487467.86" not in cells
    assert 'colspan="2">项目</th>' in text                          # the template's headings, merged
    assert text.count("本表为空表：本部门本年度无此项收支。") == 2
    assert "金额单位：元" in text
