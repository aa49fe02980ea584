"""Fixtures of the store, API and browser tests.

The readers and the scorer are written beside this work, so these tests read small
*test documents*: a marker line and a JSON spec, turned into model objects by ``fake_read``
(as a reader would) and scored and checked by ``fake_score_and_check`` (one rule: a score
above its weight is an error ``S900``). Every other input goes through the real pipeline.
``JIXIAO_TEST_DATABASE_URL`` (PostgreSQL) runs the same tests in a fresh schema, dropped after.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from jixiao import pipeline
from jixiao.model import (
    Cell,
    Document,
    EvaluationKind,
    Finding,
    FundRow,
    Indicator,
    SelfEvaluation,
    Severity,
    Where,
)
from jixiao.store import repository
from jixiao.store.db import make_engine, session_factory, transaction, upgrade
from jixiao.store.users import add_user, new_token

MARKER = b"#jixiao-test-document\n"


def make_doc(unit: str = "中卫市就业创业和人才服务中心", department: str = "中卫市人力资源和社会保障局",
             year: int = 2024, projects: list[dict[str, Any]] | None = None) -> bytes:
    """The bytes of a test document; by default one project whose second indicator is wrong."""
    if projects is None:
        projects = [{
            "name": "全民创业发展资金",
            "fund": {"budget": "2700.00", "executed": "2181.57", "weight": "5", "rate": "80.80%",
                     "score": "4.04"},
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "补贴人数（人）",
                 "target": "≥1500", "actual": "1464", "weight": "5", "score": "4.88"},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "就业率",
                 "target": "≥98%", "actual": "99%", "weight": "4", "score": "6"},
            ],
            "total": "14.92",
        }]
    spec = {"unit": unit, "department": department, "year": year, "projects": projects}
    return MARKER + json.dumps(spec, ensure_ascii=False).encode()


def fake_read(name: str, data: bytes) -> Document:
    spec = json.loads(data[len(MARKER):])
    evaluations = []
    line = 1
    for n, p in enumerate(spec["projects"], 1):
        title = Where(file=name, line=line)
        w = Where(file=name, line=line + 1)
        f = p.get("fund")
        funds = (FundRow(item=Cell.read("年度资金总额", w), budget=Cell.read(f["budget"], w),
                         executed=Cell.read(f["executed"], w), weight=Cell.read(f["weight"], w),
                         rate=Cell.read(f["rate"], w), score=Cell.read(f["score"], w), where=w),) if f else ()
        indicators = []
        for k, i in enumerate(p["indicators"]):
            wi = Where(file=name, line=line + 2 + k)
            indicators.append(Indicator(
                level1=i.get("level1"), level2=i.get("level2"), name=Cell.read(i["name"], wi),
                target=Cell.read(i.get("target"), wi), actual=Cell.read(i.get("actual"), wi),
                weight=Cell.read(i.get("weight"), wi), score=Cell.read(i.get("score"), wi),
                reason=Cell.read(i.get("reason"), wi), where=wi))
        evaluations.append(SelfEvaluation(
            kind=EvaluationKind.PROJECT, seq=n, year=spec["year"], project=Cell.read(p["name"], title),
            department=Cell.read(spec["department"], title), unit=Cell.read(spec["unit"], title),
            funds=funds, indicators=tuple(indicators), total_score=Cell.read(p.get("total"), title),
            where=title, layout="test"))
        line += 3 + len(p["indicators"])
    return Document(source=name, project_self_evaluations=tuple(evaluations))


def fake_score_and_check(document: Document, ruleset: str | None = None) -> tuple[tuple[Any, ...], tuple[Finding, ...]]:
    """The real scorer; one deterministic check in place of the registry's (which grows daily)."""
    from jixiao.score.engine import score_document

    findings = []
    for e in document.project_self_evaluations:
        for i in e.indicators:
            if i.weight.number is not None and i.score.number is not None and i.score.number > i.weight.number:
                findings.append(Finding(
                    code="S900", severity=Severity.ERROR,
                    message=f"得分 {i.score.text} 超过分值 {i.weight.text}", where=i.where,
                    document_kind="project_self_evaluation", project=e.project.text,
                    indicator=i.name.text, expected=f"≤ {i.weight.text}", actual=i.score.text))
    return tuple(score_document(document, ruleset)), document.findings + tuple(findings)


def fake_read_document(name: str, data: bytes, clock: Any = None) -> tuple[Document, Any]:
    if data.startswith(MARKER):
        return fake_read(name, data), None
    return REAL_READ(name, data, clock)


def fake_run_bytes(name: str, data: bytes, ruleset: str | None = None, tier: str = "default") -> pipeline.Result:
    if not data.startswith(MARKER):
        return REAL_RUN(name, data, ruleset, tier)
    document = fake_read(name, data)
    cards, findings = fake_score_and_check(document, ruleset)
    return pipeline.Result(source=name, document=document, scorecards=cards, findings=findings,
                           size=len(data))


REAL_READ = pipeline.read_document
REAL_RUN = pipeline.run_bytes
REAL_SCORE = repository.score_and_check


def fake_score_or_real(document: Document, ruleset: str | None = None) -> Any:
    if any(e.layout == "test" for e in document.project_self_evaluations):
        return fake_score_and_check(document, ruleset)
    return REAL_SCORE(document, ruleset)


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository, "read_document", fake_read_document)
    monkeypatch.setattr(repository, "run_bytes", fake_run_bytes)
    monkeypatch.setattr(repository, "score_and_check", fake_score_or_real)


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
