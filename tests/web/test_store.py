"""The repository: import, de-duplication, edits with versions, reviews, the schema itself."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from tests.web.web_fixtures import make_doc

from jixiao.store import repository as repo
from jixiao.store.db import alembic_config, transaction
from jixiao.store.schema import AuditEntry, DocumentRow
from jixiao.store.users import authenticate, get_user, user_for_token


def imported(factory: Any, data: bytes | None = None, name: str = "a.txt") -> repo.ImportReport:
    with transaction(factory) as s:
        return repo.import_bytes(s, name, data or make_doc())


def test_import_stores_document_projects_indicators_findings(factory: Any) -> None:
    report = imported(factory)
    assert report.created and report.error is None
    assert (report.tables, report.errors) == (1, 1)
    with factory() as s:
        doc = repo.get_document(s, report.document_id)
        assert doc.original == make_doc() and len(doc.sha256) == 64
        assert (doc.unit, doc.year, doc.kinds) == ("中卫市就业创业和人才服务中心", 2024, "project_self_evaluations")
        [project] = doc.projects
        assert project.version == 1 and project.printed_score == "14.92"
        assert project.interchange["project"] == "全民创业发展资金"
        rows = [(i.row, i.name, i.score, i.recomputed_score) for i in project.indicators]
        assert rows == [("fund", "年度资金总额", "4.04", "4.04"), ("indicator", "补贴人数（人）", "4.88", "4.88"),
                        ("indicator", "就业率", "6", "4")]
        [finding] = repo.list_findings(s, code="S900").items
        assert finding.project_id == project.id and finding.indicator_id == project.indicators[2].id
        assert (finding.department, finding.year, finding.status) == ("中卫市人力资源和社会保障局", 2024, "open")


def test_same_content_twice_is_one_document(factory: Any) -> None:
    first, second = imported(factory), imported(factory, name="copy.txt")
    assert second.document_id == first.document_id and not second.created
    with factory() as s:
        assert repo.list_documents(s).total == 1


def test_unreadable_and_empty_are_not_stored(factory: Any) -> None:
    bad = imported(factory, b"\x00\x01binary\x00" * 10, "x.bin")
    assert bad.error and bad.document_id is None
    plain = imported(factory, "只是一段文字，没有表格。".encode(), "note.txt")
    assert plain.error == repo.NOT_A_DOCUMENT
    with factory() as s:
        assert s.scalar(select(DocumentRow)) is None


def test_edit_rescores_and_rechecks_with_version(factory: Any, users: dict[str, str]) -> None:
    report = imported(factory)
    with transaction(factory) as s:
        project = repo.get_document(s, report.document_id).projects[0]
        wrong = project.indicators[2]
        editor = get_user(s, "editor")
        repo.edit_value(s, wrong.id, {"score": "3.5"}, version=1, user=editor)
    with factory() as s:
        project = repo.get_project(s, project.id)
        assert project.version == 2
        assert project.indicators[2].score == "3.5" and project.indicators[2].edited
        assert project.indicators[2].recomputed_score == "4"  # the rule: reached, full weight
        assert repo.list_findings(s, code="S900").total == 0
        assert repo.get_document(s, report.document_id).error_count == 0
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "edit"))
        assert entry.who == "editor" and entry.before["score"] == "6" and entry.after["score"] == "3.5"


def test_stale_version_is_refused_and_nothing_changes(factory: Any, users: dict[str, str]) -> None:
    report = imported(factory)
    with transaction(factory) as s:
        ind = repo.get_document(s, report.document_id).projects[0].indicators[1]
        repo.edit_value(s, ind.id, {"actual": "1470"}, version=1, user=get_user(s, "admin"))
    with pytest.raises(repo.StaleVersion) as err, transaction(factory) as s:
        repo.edit_value(s, ind.id, {"actual": "1500"}, version=1, user=get_user(s, "admin"))
    assert "当前版本 2" in err.value.message and err.value.detail["submitted"] == {"actual": "1500"}
    with factory() as s:
        assert repo.get_indicator(s, ind.id).actual == "1470"


def test_edits_survive_a_second_edit(factory: Any, users: dict[str, str]) -> None:
    report = imported(factory)
    with transaction(factory) as s:
        p = repo.get_document(s, report.document_id).projects[0]
        repo.edit_value(s, p.indicators[2].id, {"score": "4"}, version=1, user=get_user(s, "admin"))
        repo.edit_value(s, p.indicators[0].id, {"actual": "2200"}, version=2, user=get_user(s, "admin"))
    with factory() as s:
        p = repo.get_project(s, p.id)
        assert (p.indicators[2].score, p.indicators[0].actual, p.version) == ("4", "2200", 3)
        assert repo.list_findings(s).total == 0


def test_editor_of_another_unit_and_reviewer_cannot_edit(factory: Any, users: dict[str, str]) -> None:
    report = imported(factory)
    with factory() as s:
        ind = repo.get_document(s, report.document_id).projects[0].indicators[2]
        for name in ("other", "reviewer"):
            with pytest.raises(repo.Forbidden):
                repo.edit_value(s, ind.id, {"score": "1"}, version=1, user=get_user(s, name))
        with pytest.raises(repo.Unauthenticated):
            repo.edit_value(s, ind.id, {"score": "1"}, version=1, user=None)


def test_bad_edits_are_refused(factory: Any, users: dict[str, str]) -> None:
    report = imported(factory)
    with factory() as s:
        ind = repo.get_document(s, report.document_id).projects[0].indicators[2]
        admin = get_user(s, "admin")
        for changes in ({"score": "很高"}, {"name": "x"}, {}):
            with pytest.raises(repo.Invalid):
                repo.edit_value(s, ind.id, changes, version=1, user=admin)


def test_mark_finding_keeps_review_across_rescoring(factory: Any, users: dict[str, str]) -> None:
    report = imported(factory)
    with transaction(factory) as s:
        [finding] = repo.list_findings(s).items
        with pytest.raises(repo.Forbidden):
            repo.mark_finding(s, finding.id, "accepted", "", get_user(s, "editor"))
        repo.mark_finding(s, finding.id, "accepted", "确认得分有误", get_user(s, "reviewer"))
        ind = repo.get_document(s, report.document_id).projects[0].indicators[1]
        repo.edit_value(s, ind.id, {"actual": "1480"}, version=1, user=get_user(s, "admin"))
    with factory() as s:
        [finding] = repo.list_findings(s).items
        assert (finding.status, finding.comment, finding.reviewed_by) == ("accepted", "确认得分有误", "reviewer")
        assert repo.list_findings(s, status="open").total == 0


def test_filters_and_pagination(factory: Any) -> None:
    for year, unit in ((2023, "甲单位"), (2024, "乙单位"), (2024, "丙单位")):
        imported(factory, make_doc(unit=unit, department=unit, year=year))
    with factory() as s:
        assert repo.list_findings(s, year=2024).total == 2
        assert repo.list_findings(s, department="甲单位").total == 1
        assert repo.list_findings(s, severity="warning").total == 0
        page = repo.list_documents(s, limit=2, offset=2)
        assert (page.total, len(page.items)) == (3, 1)
        board = repo.dashboard(s)
        assert {g["grade"]: g["count"] for g in board["grades"]}["差"] == 3
        assert board["codes"] == [{"code": "S900", "count": 3}]
        assert len(board["scatter"]) == 3


def test_users_passwords_and_tokens(factory: Any, users: dict[str, str]) -> None:
    with factory() as s:
        assert authenticate(s, "editor", "edit-pass-1") is not None
        assert authenticate(s, "editor", "wrong") is None
        assert authenticate(s, "nobody", "x") is None
        assert user_for_token(s, users["reviewer"]).name == "reviewer"  # type: ignore[union-attr]
        assert user_for_token(s, "jx_forged") is None
        assert get_user(s, "admin").password_hash.startswith("$argon2")  # type: ignore[union-attr]


def test_migrations_match_the_models(engine: Any) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jixiao.store.schema import Base

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert alembic_config(engine).get_main_option("script_location")


def test_two_edits_of_the_same_version_one_wins(factory: Any, users: dict[str, str]) -> None:
    """Both sessions saw version 1; the second one's check runs in the database, not in memory."""
    report = imported(factory)
    first, second = factory(), factory()
    with first, second:
        first.begin()
        second.begin()
        a = repo.get_document(first, report.document_id).projects[0].indicators[1]
        b = repo.get_document(second, report.document_id).projects[0].indicators[1]
        assert a.project.version == b.project.version == 1
        repo.edit_value(first, a.id, {"actual": "1470"}, version=1, user=get_user(first, "admin"))
        first.commit()
        with pytest.raises(repo.StaleVersion):
            repo.edit_value(second, b.id, {"actual": "1480"}, version=1, user=get_user(second, "admin"))
        second.rollback()
    with factory() as s:
        assert repo.get_indicator(s, a.id).actual == "1470"
