"""The store's tables (SQLAlchemy 2): the same names as the model, the API and the pages.

A document keeps its original bytes, so it can always be read again; each table it holds
(绩效自评表, 绩效目标表, 部门决算) is a ``Project`` row with its interchange JSON and a
``version`` that every edit must quote (STYLE lesson 11: a stale edit is refused).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "reviewer", "editor")
FINDING_STATUSES = ("open", "accepted", "resolved")
STATUS_LABELS = {"open": "待处理", "accepted": "已确认", "resolved": "已处理"}   # as every page and export says


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    """A person who signs in: admin, reviewer (审核人员) or editor (填报人员) of one unit."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    # Bumped by logout, a new password or disabling: every session cookie quoting an older one ends.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ApiToken(Base):
    """A bearer token for scripts; only its SHA-256 is kept. It expires and can be revoked."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    label: Mapped[str | None] = mapped_column(String(100))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    user: Mapped[User] = relationship()


class DocumentRow(Base):
    """One imported file: original bytes, SHA-256 (one document per content), what it holds."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    original: Mapped[bytes] = mapped_column(LargeBinary)
    kinds: Mapped[str] = mapped_column(Text, default="")   # comma-separated Document.kinds
    department: Mapped[str | None] = mapped_column(Text, index=True)
    unit: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    table_count: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    interchange: Mapped[dict[str, Any]] = mapped_column(JSON)
    ruleset: Mapped[str | None] = mapped_column(String(100))   # chosen at import; None: by region and year
    imported_by: Mapped[str | None] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    projects: Mapped[list[Project]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Project.id")


class Project(Base):
    """One table of a document: a self-evaluation (project or department), a target table or
    final accounts; ``version`` is bumped by every edit (optimistic locking)."""

    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))   # project_self_evaluation, department_self_evaluation, performance_target, final_accounts
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text, index=True)
    unit: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    printed_score: Mapped[str | None] = mapped_column(Text)
    recomputed_score: Mapped[str | None] = mapped_column(Text)
    execution_rate: Mapped[str | None] = mapped_column(Text)
    grade: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    interchange: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    document: Mapped[DocumentRow] = relationship(back_populates="projects")
    indicators: Mapped[list[IndicatorRow]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="IndicatorRow.position")


class IndicatorRow(Base):
    """A level-3 indicator (三级指标) or a fund line (项目资金), printed and recomputed.

    ``row`` is ``indicator`` or ``fund``; for a fund line ``actual`` is 全年执行数,
    ``target`` 全年预算数 and ``initial`` 年初预算数. ``edited`` marks values changed by a person after import.
    """

    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    row: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    initial: Mapped[str | None] = mapped_column(Text)    # fund line: 年初预算数
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[str | None] = mapped_column(Text)
    score: Mapped[str | None] = mapped_column(Text)
    rate: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    recomputed_score: Mapped[str | None] = mapped_column(Text)
    formula: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    # The values as printed, kept by the first edit ({field: text}), shown beside the edited ones.
    printed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The project version the row's last edit created: an edit quoting an older project
    # version is refused only if this row changed since (conflicts per row, not per project).
    changed_in: Mapped[int | None] = mapped_column(Integer)
    project: Mapped[Project] = relationship(back_populates="indicators")


class FindingRow(Base):
    """A finding of the checks, with its review: open → accepted / resolved, and a comment."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(20), index=True)
    severity: Mapped[str] = mapped_column(String(10), index=True)
    message: Mapped[str] = mapped_column(Text)
    document_kind: Mapped[str | None] = mapped_column(String(40))
    project: Mapped[str | None] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(Text)
    table: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    column_index: Mapped[int | None] = mapped_column(Integer)   # the cell of ``line`` (0-based), if known
    expected: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    formula: Mapped[str | None] = mapped_column(Text)
    excerpt: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    comment: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the reviewer saw: {"status", "message", "expected", "actual", "excerpt"}. A review is
    # carried to a rescored finding only while these are unchanged; otherwise it reopens.
    judged: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AuditEntry(Base):
    """Who changed what, when, and the values before and after."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=now)
    who: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


Index("ix_audit_log_entity", AuditEntry.entity, AuditEntry.entity_id)


class SearchEntry(Base):
    """A name to find: a department, unit, project or indicator of a stored table (``label`` as
    printed, ``body`` what is matched: the name and its merged key). Indexed by trigrams outside
    the models (migration 0005): SQLite FTS5 ``search_fts``, PostgreSQL ``pg_trgm``."""

    __tablename__ = "search_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))     # department, unit, project, indicator
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


# Objects of the search index the models do not describe (FTS5 tables, the trigram index).
UNMODELLED = ("search_fts", "ix_search_entries_trgm")


def modelled(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's ``include_object``: leave the search index's own objects alone."""
    return not (reflected and name is not None and name.startswith(UNMODELLED))
