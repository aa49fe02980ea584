"""The repository: import, de-duplication, edits with versions, reviews, the schema itself."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from jixiao.store import repository as repo
from jixiao.store.db import alembic_config, transaction
from jixiao.store.schema import AuditEntry, DocumentRow
from jixiao.store.users import authenticate, get_user, user_for_token
from tests.web.web_fixtures import make_doc


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
        assert (project.version, project.printed_score, project.recomputed_score) == (1, "97.88", "96.88")
        assert project.interchange["project"] == "全民创业发展资金"
        rows = [(i.row, i.name, i.score, i.recomputed_score) for i in project.indicators]
        assert rows == [("fund", "年度资金总额", "8.08", "8.08"), ("indicator", "补贴人数（人）", "48.80", "48.80"),
                        ("indicator", "就业率", "41", "40")]
        assert [f.code for f in repo.list_findings(s).items] == ["S004", "S005"]
        [finding] = repo.list_findings(s, code="S004").items
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
        repo.edit_value(s, wrong.id, {"score": "35"}, version=1, user=editor)
    with factory() as s:
        project = repo.get_project(s, project.id)
        assert project.version == 2
        assert project.indicators[2].score == "35" and project.indicators[2].edited
        assert project.indicators[2].recomputed_score == "40"  # the rule: reached, full weight
        # S004 is gone; the printed total 97.88 no longer adds up (S001), 35 of 40 is unexplained (S005, which
        # says the reason is missing: one cell, one code since issue 11).
        assert sorted(f.code for f in repo.list_findings(s).items) == ["S001", "S005"]
        assert "得分印为 35，按《宁夏中卫市项目支出绩效自评（2024，执行率 5 分）》规则应为 40（得满分 40），且未填写偏差原因" in \
            repo.list_findings(s, code="S005").items[0].message
        assert repo.get_document(s, report.document_id).error_count == 1
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "edit"))
        assert entry.who == "editor" and entry.before["score"] == "41" and entry.after["score"] == "35"


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
        repo.edit_value(s, p.indicators[2].id, {"score": "40"}, version=1, user=get_user(s, "admin"))
        repo.edit_value(s, p.indicators[1].id, {"actual": "1494", "score": "49.80"}, version=2,
                        user=get_user(s, "admin"))
    with factory() as s:      # 8.08 + 49.80 + 40 = 97.88, the printed total: nothing left to find
        p = repo.get_project(s, p.id)
        assert (p.indicators[2].score, p.indicators[1].actual, p.version) == ("40", "1494", 3)
        assert repo.list_findings(s).total == 0 and p.recomputed_score == "97.88"


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
        [finding] = repo.list_findings(s, code="S004").items
        with pytest.raises(repo.Forbidden):
            repo.mark_finding(s, finding.id, "accepted", "", get_user(s, "editor"))
        repo.mark_finding(s, finding.id, "accepted", "确认得分有误", get_user(s, "reviewer"))
        ind = repo.get_document(s, report.document_id).projects[0].indicators[1]
        repo.edit_value(s, ind.id, {"actual": "1480"}, version=1, user=get_user(s, "admin"))
    with factory() as s:
        [finding] = repo.list_findings(s, code="S004").items
        assert (finding.status, finding.comment, finding.reviewed_by) == ("accepted", "确认得分有误", "reviewer")
        assert repo.list_findings(s, code="S004", status="open").total == 0


def test_filters_and_pagination(factory: Any) -> None:
    for year, unit in ((2023, "甲单位"), (2024, "乙单位"), (2024, "丙单位")):
        imported(factory, make_doc(unit=unit, department=unit, year=year))
    with factory() as s:
        assert repo.list_findings(s, year=2024, severity="error").total == 2
        assert repo.list_findings(s, department="甲单位", code="S004").total == 1
        assert repo.list_findings(s, severity="warning").total == 3
        assert repo.list_findings(s, severity="info").total == 0
        page = repo.list_documents(s, limit=2, offset=2)
        assert (page.total, len(page.items)) == (3, 1)
        board = repo.dashboard(s)
        assert {g["grade"]: g["count"] for g in board["grades"]}["优"] == 3
        assert sorted((c["code"], c["count"]) for c in board["codes"]) == [("S004", 3), ("S005", 3)]
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

    from jixiao.store.schema import Base, modelled

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_object": modelled}), Base.metadata)
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


def test_raw_text_is_kept_where_markup_was_dropped(factory: Any) -> None:
    """The pages show what was printed: ``<p>`` is gone from the text, kept in ``printed``."""
    data = make_doc(projects=[{"name": "<p>段落</p>项目", "indicators": [
        {"name": "<script>x</script>**人数**", "target": "≥1", "actual": "1", "weight": "100", "score": "100"}]}])
    report = imported(factory, data)
    with factory() as s:
        [project] = repo.get_document(s, report.document_id).projects
        assert (project.name, project.indicators[0].name) == ("段落项目", "<script>x</script>人数")
        assert project.interchange["printed"] == {"project": "<p>段落</p>项目",
                                                  "indicator:0": {"name": "<script>x</script>**人数**"}}
