"""The 部门决算 page and the dashboard in Chromium: each public table with its own columns,
amounts right-aligned in their own cells; totals over full marks drawn apart. Screenshots are
kept in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from jixiao import samples
from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.store.schema import Project
from tests.web.web_fixtures import CHROMIUM, CHROMIUM_ARGS, DEFAULT_PROJECT, make_doc, served

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")]


@pytest.fixture
def base(app: Any) -> Iterator[str]:
    with served(app) as address:
        yield f"http://{address}"


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(10_000)
        yield pg
        browser.close()


def test_accounts_page_and_dashboard(page: Any, base: str, factory: Any, tmp_path: Path) -> None:
    accounts = next(p for p in samples.write(tmp_path / "examples") if p.name == "示例_部门决算.xlsx")
    with transaction(factory) as session:
        repo.import_bytes(session, accounts.name, accounts.read_bytes())
        repo.import_bytes(session, "自评.txt", make_doc(
            projects=[DEFAULT_PROJECT, DEFAULT_PROJECT | {"name": "超分项目", "total": "104.95"}]))
    with transaction(factory) as session:
        project = session.scalars(select(Project).where(Project.kind == "final_accounts")).one().id

    page.goto(f"{base}/projects/{project}")
    income = page.locator("#table-income table")
    heads = income.locator("thead tr").first.locator("th").all_inner_texts()
    assert heads[:3] == ["项目", "本年收入合计", "财政拨款收入"]
    first = income.locator("tbody tr").first.locator("td")
    assert first.count() == 2 + 7                                 # code, name, seven amounts: one a cell
    amount = income.locator("tbody td.num").first
    assert amount.evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert page.locator("#table-government_fund td.empty").inner_text().startswith("本表为空表")
    page.screenshot(path=str(tmp_path / "accounts.png"), full_page=True)

    page.goto(f"{base}/dashboard")
    crosses = page.locator("svg path.dot.over")
    assert crosses.count() == 1
    top = float(page.locator("svg line.axis").first.get_attribute("y1") or 0)
    cross_y = float((crosses.first.get_attribute("d") or "").split()[2]) + 5
    assert cross_y < top                                          # above the axis, not on it
    assert "超分项目" in page.locator("table.grid").last.inner_text()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "accounts.png").stat().st_size > 10_000
