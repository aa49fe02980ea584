"""Fixtures of the store, API and browser tests.

``make_doc`` writes a real document: ``SelfEvaluation`` model objects rendered to the
official tab-separated text, so every test runs the real pipeline (reader, scorer, checks).
``JIXIAO_TEST_DATABASE_URL`` (PostgreSQL) runs the same tests in a fresh schema, dropped after.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from jixiao.model import Cell, EvaluationKind, FundRow, Indicator, SelfEvaluation
from jixiao.render.selfeval_table import to_text
from jixiao.store.db import make_engine, session_factory, transaction, upgrade
from jixiao.store.users import add_user, new_token

# One project of 100 points whose 就业率 scores 41 of 40: one error (S004) and its S005 warning.
DEFAULT_PROJECT: dict[str, Any] = {
    "name": "全民创业发展资金",
    "fund": {"budget": "2700.00", "executed": "2181.57", "weight": "10", "rate": "80.80%", "score": "8.08"},
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "补贴人数（人）", "target": "≥1500",
         "actual": "1464", "weight": "50", "score": "48.80", "reason": "部分人员未按期申报"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "就业率", "target": "≥98%",
         "actual": "99%", "weight": "40", "score": "41"},
    ],
    "total": "97.88",
}


def printed(value: str | None) -> Cell:
    """A cell printed exactly as given: the renderer prints ``text``, and markup such as
    ``<p>`` must reach the document for the reader to normalise it."""
    return Cell(text=value or None, raw=value or "")


def evaluation(seq: int, spec: dict[str, Any], unit: str, department: str, year: int) -> SelfEvaluation:
    f = spec.get("fund")
    funds = (FundRow(item=printed("年度资金总额"), initial=printed(f["budget"]), budget=printed(f["budget"]),
                     executed=printed(f["executed"]), weight=printed(f["weight"]), rate=printed(f["rate"]),
                     score=printed(f["score"])),) if f else ()
    indicators = tuple(Indicator(
        level1=i.get("level1", "产出指标"), level2=i.get("level2", "数量指标"), name=printed(i["name"]),
        target=printed(i.get("target")), actual=printed(i.get("actual")), weight=printed(i.get("weight")),
        score=printed(i.get("score")), reason=printed(i.get("reason"))) for i in spec["indicators"])
    return SelfEvaluation(
        kind=EvaluationKind.PROJECT, seq=seq, year=year, project=printed(spec["name"]),
        department=printed(department), unit=printed(unit), funds=funds, indicators=indicators,
        total_weight=printed(spec.get("total_weight", "100")), total_score=printed(spec.get("total")))


def make_doc(unit: str = "中卫市就业创业和人才服务中心", department: str = "中卫市人力资源和社会保障局",
             year: int = 2024, projects: list[dict[str, Any]] | None = None) -> bytes:
    """The UTF-8 text of a 项目支出绩效自评表 document; by default ``DEFAULT_PROJECT``."""
    tables = [evaluation(n, p, unit, department, year) for n, p in enumerate(projects or [DEFAULT_PROJECT], 1)]
    return to_text(tables).encode()


# --- databases ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str | None]:
    """With ``JIXIAO_TEST_DATABASE_URL``: a fresh schema for this session, dropped after."""
    base = os.environ.get("JIXIAO_TEST_DATABASE_URL")
    if not base:
        yield None
        return
    schema = f"jixiao_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(tmp_path: Path, pg_schema_url: str | None) -> Iterator[Any]:
    if pg_schema_url is None:
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    else:
        eng = make_engine(os.environ["JIXIAO_TEST_DATABASE_URL"],
                          connect_args={"options": f"-csearch_path={pg_schema_url}"})
        from jixiao.store.schema import Base

        with eng.begin() as conn:     # each test starts empty
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def factory(engine: Any) -> Any:
    return session_factory(engine)


@pytest.fixture
def users(factory: Any) -> dict[str, str]:
    """Four people, each with a bearer token: admin, reviewer, editor of the test unit, editor elsewhere."""
    tokens = {}
    with transaction(factory) as s:
        add_user(s, "admin", "admin", password="admin-pass-1")
        add_user(s, "reviewer", "reviewer", password="review-pass-1")
        add_user(s, "editor", "editor", unit="中卫市就业创业和人才服务中心", password="edit-pass-1")
        add_user(s, "other", "editor", unit="怀化市就业服务中心", password="other-pass-1")
    with transaction(factory) as s:
        for name in ("admin", "reviewer", "editor", "other"):
            tokens[name] = new_token(s, name)
    return tokens


@pytest.fixture
def app(engine: Any) -> Any:
    from jixiao.web.app import create_app

    return create_app(engine=engine, secret="test-secret", max_upload=200_000)


@pytest.fixture
def client(app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# Debian's chromium, as the browser tests drive it (Playwright with executable_path).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def served(app: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread (``host:port``): real
    sockets for the browser and the security tests."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


# --- the browser: the app served, Debian's chromium driven by Playwright (sync API) -----------


@pytest.fixture
def server(app: Any, users: dict[str, str]) -> Iterator[str]:
    with served(app) as address:
        yield f"http://{address}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def login(page: Any, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button:has-text('登录')")
    page.wait_for_url(f"{base}/")
