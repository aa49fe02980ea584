"""Finding things: partial-match search, and one department under all its printed names.

The seeds print the same 主管部门 three ways: ``303-自治区人力资源和社会保障厅``,
``自治区人力资源和社会保障厅`` and ``宁夏回族自治区人力资源和社会保障厅``.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from jixiao.store.names import display_name, organisation_key
from tests.shared import SEEDS, requires_shared
from tests.web.web_fixtures import bearer

pytestmark = requires_shared
HRSS = ("303-自治区人力资源和社会保障厅", "自治区人力资源和社会保障厅", "宁夏回族自治区人力资源和社会保障厅")


def test_printed_variants_share_a_key() -> None:
    assert len({organisation_key(n) for n in HRSS}) == 1
    assert organisation_key("303001-自治区人力资源和社会保障厅本级") == "自治区人力资源和社会保障厅本级"
    assert organisation_key("中卫市人力资源和社会保障局") != organisation_key("怀化市人力资源和社会保障局")
    assert organisation_key(" 中卫市　人力资源 ") == "中卫市人力资源" and organisation_key("") is None
    assert display_name(list(HRSS)) == "宁夏回族自治区人力资源和社会保障厅"


@pytest.fixture
def seeded(client: Any, users: dict[str, str]) -> Any:
    for path in sorted(SEEDS.glob("*.txt")):
        r = client.post("/api/documents", headers=bearer(users["admin"]),
                        files={"file": (path.name, path.read_bytes(), "text/plain")})
        assert r.status_code == 201, r.text
    return client


def labels(client: Any, q: str, **params: Any) -> dict[str, set[str]]:
    r = client.get("/api/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    out: dict[str, set[str]] = {}
    for h in r.json()["items"]:
        out.setdefault(h["kind"], set()).add(h["label"])
    return out


def test_search_matches_any_part_of_a_name(seeded: Any) -> None:
    found = labels(seeded, "社会保障")                       # trigram index (four characters)
    assert set(HRSS) <= found["department"]
    assert "中卫市人力资源和社会保障局" in found["department"]
    assert any("就业" in p for p in labels(seeded, "就业")["project"])   # two characters: a scan, still found
    assert labels(seeded, "创业导师", kind="indicator").keys() == {"indicator"}
    assert labels(seeded, "没有这样的名字") == {}
    # the full region name finds the bare printing too (by the merged key)
    assert "自治区人力资源和社会保障厅" in labels(seeded, "宁夏回族自治区人力资源和社会保障厅")["department"]
    page = seeded.get("/search", params={"q": "创业"})
    assert page.status_code == 200 and "/projects/" in page.text and "指标" in page.text


def test_odd_queries_are_answers_not_errors(seeded: Any) -> None:
    for q in ('"', '""x"', "%", "_", "\\", "a OR b", "NEAR(", "*", "人力资源\"和"):
        assert seeded.get("/api/search", params={"q": q}).status_code == 200, q
        assert seeded.get("/search", params={"q": q}).status_code == 200, q
    assert seeded.get("/api/search", params={"q": ""}).status_code == 422
    assert seeded.get("/api/search", params={"q": "x" * 101}).status_code == 422


def test_one_department_under_all_its_names(seeded: Any) -> None:
    orgs = seeded.get("/api/organisations").json()["items"]
    [hrss] = [o for o in orgs if o["name"] == "宁夏回族自治区人力资源和社会保障厅"]
    assert set(hrss["aliases"]) == {"303-自治区人力资源和社会保障厅", "自治区人力资源和社会保障厅"}
    assert not any(o["name"] in hrss["aliases"] for o in orgs)
    board = seeded.get("/api/dashboard").json()
    rows = [g for g in board["groups"] if organisation_key(g["department"]) == organisation_key(HRSS[0])]
    assert len(rows) == len({g["year"] for g in rows}) and rows[0]["aliases"]
    html = seeded.get("/dashboard").text
    assert "又印作：303-自治区人力资源和社会保障厅" in html
    # a filter by any printed name matches them all
    by = {n: seeded.get("/api/findings", params={"department": n, "limit": 500}).json()["total"] for n in HRSS}
    assert len(set(by.values())) == 1 and by[HRSS[0]] > 0
    docs = {n: seeded.get("/api/documents", params={"department": n}).json()["total"] for n in HRSS}
    assert len(set(docs.values())) == 1 and docs[HRSS[0]] >= 2


def test_deleted_documents_leave_the_index(seeded: Any, users: dict[str, str], engine: Any) -> None:
    hit = seeded.get("/api/search", params={"q": "创业导师工作室"}).json()["items"][0]
    assert seeded.delete(f"/api/documents/{hit['document_id']}", headers=bearer(users["admin"])).status_code == 204
    assert seeded.get("/api/search", params={"q": "创业导师工作室"}).json()["items"] == []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":     # the trigram index kept in step by its triggers
            rows = conn.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"创业导师\"'"))
            assert rows.scalar() == 0
            plan = " ".join(str(r) for r in conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT rowid FROM search_fts WHERE search_fts MATCH '\"社会保障\"'")))
            assert "VIRTUAL TABLE INDEX" in plan
        else:
            index = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_entries_trgm'"))
            assert "gin_trgm_ops" in (index.scalar() or "gin_trgm_ops")   # absent only without pg_trgm
