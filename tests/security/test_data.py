"""Nothing lost, nothing wrong: reviews carried by the value they judged, concurrent edits,
marking during an edit, the editor's unit, deleting, privacy, bounded exports."""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

import pytest

from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.store.schema import AuditEntry, FindingRow
from jixiao.store.users import get_user
from tests.web.web_fixtures import DEFAULT_PROJECT, bearer, make_doc


def _import(factory: Any, data: bytes | None = None) -> int:
    with transaction(factory) as s:
        report = repo.import_bytes(s, "a.txt", data or make_doc())
        assert report.document_id is not None
        return report.document_id


def _s004(s: Any) -> FindingRow:
    return next(f for f in repo.list_findings(s, code="S004").items)


def _edit(factory: Any, name: str, changes: dict[str, str]) -> None:
    with transaction(factory) as s:
        ind = next(i for i in repo.list_indicators(s).items if i.name == name)
        repo.edit_value(s, ind.id, changes, ind.project.version, get_user(s, "admin"))


def test_review_holds_while_its_value_holds_and_reopens_when_it_changes(factory: Any, users: Any) -> None:
    _import(factory)
    with transaction(factory) as s:
        repo.mark_finding(s, _s004(s).id, "accepted", "印刷错误，已核实", get_user(s, "reviewer"))
    _edit(factory, "补贴人数（人）", {"actual": "1470"})        # another row: the review stays
    with transaction(factory) as s:
        f = _s004(s)
        assert (f.status, f.comment) == ("accepted", "印刷错误，已核实")
    _edit(factory, "就业率", {"score": "45"})                  # the judged value changes: reopened
    with transaction(factory) as s:
        f = _s004(s)
        assert f.actual == "45" and f.status == "open"
        assert f.comment == "印刷错误，已核实" and f.judged and f.judged["actual"] == "41"
    _edit(factory, "就业率", {"score": "41"})                  # back to what was judged: the review holds again
    with transaction(factory) as s:
        assert _s004(s).status == "accepted"


def test_two_findings_sharing_a_key_keep_both_reviews() -> None:
    """Matched by what was judged, then in order: neither review is dropped or swapped."""
    def row(actual: str, status: str = "open", comment: str | None = None) -> FindingRow:
        f = FindingRow(code="S004", project="p", indicator="i", table="t", line=3, message="m",
                       expected="40", actual=actual, excerpt=None, status=status, comment=comment)
        if status != "open":
            f.judged = repo.judged_of(f) | {"status": status}
        return f

    def stored() -> list[FindingRow]:
        return [row("41", "accepted", "一"), row("42", "resolved", "二")]

    # Each rescored finding continues a stored one (which keeps its id and review).
    kept = [old for old, _ in repo._carry_reviews(stored(), [row("42"), row("41")])]
    assert [(f.actual, f.status, f.comment) for f in kept if f] == [("42", "resolved", "二"), ("41", "accepted", "一")]
    kept = [old for old, _ in repo._carry_reviews(stored(), [row("43"), row("41")])]
    assert [(f.actual, f.status, f.comment) for f in kept if f] == [("43", "open", "二"), ("41", "accepted", "一")]


def test_marking_a_finding_that_an_edit_just_replaced_is_a_conflict(factory: Any, users: Any) -> None:
    _import(factory)
    with factory() as marker:
        marker.begin()
        finding = _s004(marker)                      # the reviewer has the page open ...
        seen = repo.finding_digest(finding)
        _edit(factory, "就业率", {"score": "44"})     # ... an editor's change rescores the document
        with pytest.raises(repo.Conflict, match="刷新页面"):
            repo.mark_finding(marker, finding.id, "accepted", "好", get_user(marker, "reviewer"), seen)
        marker.rollback()


def test_concurrent_edits_of_two_projects_leave_consistent_findings(factory: Any, users: Any) -> None:
    """Each rescoring reads both tables: with the document locked, neither uses stale values
    (on PostgreSQL the second rescoring used to miss the first edit)."""
    second = DEFAULT_PROJECT | {"name": "第二个项目"}
    _import(factory, make_doc(projects=[DEFAULT_PROJECT, second]))
    with factory() as s:
        rows = {(i.project.seq, i.name): (i.id, i.project.version) for i in repo.list_indicators(s).items}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def edit(seq: int) -> None:
        ind, version = rows[(seq, "就业率")]
        try:
            barrier.wait()
            with transaction(factory) as s:
                repo.edit_value(s, ind, {"score": "40"}, version, get_user(s, "admin"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    with transaction(factory) as s:
        stored = sorted((f.code, f.project, f.actual) for f in repo.list_findings(s, limit=None).items)
        doc = repo.get_document(s, repo.list_documents(s).items[0].id)
        repo.rescore(s, doc)
        s.flush()
        fresh = sorted((f.code, f.project, f.actual) for f in repo.list_findings(s, limit=None).items)
    assert stored == fresh
    assert not any(code == "S004" for code, _, _ in stored)     # both edits are in


def test_editor_cannot_upload_for_another_unit(client: Any, users: dict[str, str]) -> None:
    r = client.post("/api/documents", files={"file": ("x.txt", make_doc(unit="怀化市就业服务中心",
                                                                          department="怀化市人社局"))},
                    headers=bearer(users["editor"]))
    assert r.status_code == 403 and "不是您所在的单位" in r.json()["error"]["message"]
    ok = client.post("/api/documents", files={"file": ("y.txt", make_doc())}, headers=bearer(users["editor"]))
    assert ok.status_code == 201
    assert client.get("/api/documents").json()["total"] == 1


def test_long_names_store_on_every_database(client: Any, users: dict[str, str]) -> None:
    """What SQLite stores, PostgreSQL stores too (its VARCHAR(200) columns answered 500)."""
    unit = "某某市" + "就业创业和人才服务中心" * 30
    project = DEFAULT_PROJECT | {"name": "项目" * 300}
    r = client.post("/api/documents", files={"file": ("long.txt", make_doc(unit=unit, projects=[project]))},
                    headers=bearer(users["admin"]))
    assert r.status_code == 201, r.text
    assert client.get("/api/documents").json()["items"][0]["unit"] == unit


def test_admin_deletes_a_document_with_findings_and_reviews(client: Any, factory: Any,
                                                             users: dict[str, str]) -> None:
    doc = client.post("/api/documents", files={"file": ("y.txt", make_doc())},
                      headers=bearer(users["admin"])).json()["document"]["id"]
    finding = client.get("/api/findings").json()["items"][0]["id"]
    assert client.patch(f"/api/findings/{finding}", json={"status": "accepted", "comment": "知悉"},
                        headers=bearer(users["reviewer"])).status_code == 200
    assert client.delete(f"/api/documents/{doc}", headers=bearer(users["editor"])).status_code == 403
    assert client.delete(f"/api/documents/{doc}").status_code == 401
    assert client.delete(f"/api/documents/{doc}", headers=bearer(users["admin"])).status_code == 204
    assert client.get(f"/api/documents/{doc}").status_code == 404
    assert client.get("/api/findings").json()["total"] == 0
    with factory() as s:
        entry = s.query(AuditEntry).filter_by(action="delete", entity="document", entity_id=doc).one()
        assert entry.who == "admin" and entry.before["reviews"] == 1


def test_names_and_comments_only_for_logged_in_users(client: Any, users: dict[str, str]) -> None:
    doc = client.post("/api/documents", files={"file": ("y.txt", make_doc())},
                      headers=bearer(users["admin"])).json()["document"]["id"]
    finding = client.get("/api/findings").json()["items"][0]["id"]
    client.patch(f"/api/findings/{finding}", json={"status": "accepted", "comment": "内部意见"},
                 headers=bearer(users["reviewer"]))
    public = client.get("/api/findings").json()["items"][0]
    assert public["status"] == "accepted" and public["comment"] is None and public["reviewed_by"] is None
    assert client.get(f"/api/documents/{doc}").json()["imported_by"] is None
    assert "内部意见" not in client.get(f"/documents/{doc}").text + client.get("/findings").text
    assert "内部意见" not in client.get(f"/api/export/findings.csv?document_id={doc}").text
    signed = client.get("/api/findings", headers=bearer(users["editor"])).json()["items"][0]
    assert signed["comment"] == "内部意见" and signed["reviewed_by"] == "reviewer"
    assert client.get(f"/api/documents/{doc}", headers=bearer(users["editor"])).json()["imported_by"] == "admin"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:]


def test_anonymous_exports_are_limited_and_paged(client: Any, users: dict[str, str]) -> None:
    two = make_doc(projects=[DEFAULT_PROJECT, DEFAULT_PROJECT | {"name": "第二个项目"}])
    client.post("/api/documents", files={"file": ("y.txt", two)}, headers=bearer(users["admin"]))
    first = _rows(client.get("/api/export/indicators.csv").text)
    assert len(first) == 3              # the visitor's limit (3 in the test app)
    rest = _rows(client.get("/api/export/indicators.csv?offset=3").text)
    full = _rows(client.get("/api/export/indicators.csv", headers=bearer(users["editor"])).text)
    assert len(full) > 3 and first + rest == full
