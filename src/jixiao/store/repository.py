"""What the CLI, the web pages and the API call: import, list, edit, review.

Every function takes an open ``Session`` inside the caller's transaction (one per file,
one per request) and the acting ``User`` (``None`` for the public), and raises a
``StoreError`` with a stable code and a Chinese message. No domain rule lives here: reading,
scoring and checking are the pipeline's (``run_bytes``, ``read_document``, ``score_and_check``,
``check_together``). The store only chooses which stored documents a document is checked
together with: those of the same department (``names.organisation_key``) and year whose
projects the linkage checks (L0xx) can pair with its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session, defer, selectinload
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

from jixiao.checks.linkage import project_key
from jixiao.model.accounts import FinalAccounts
from jixiao.model.document import Document
from jixiao.model.findings import Finding
from jixiao.model.selfeval import SelfEvaluation
from jixiao.model.targets import PerformanceTarget
from jixiao.model.values import EMPTY, Cell, money, normalize_text
from jixiao.pipeline import Result, check_together, read_document, score_and_check
from jixiao.pipeline import run_bytes as run_bytes  # the workers of `jixiao import` call it here
from jixiao.render import interchange
from jixiao.store.names import display_name, organisation_key
from jixiao.store.schema import (
    FINDING_STATUSES,
    AuditEntry,
    DocumentRow,
    FindingRow,
    IndicatorRow,
    Project,
    User,
    now,
)
from jixiao.store.search import index_tables, variants

MAX_PAGE = 500
_SPACE = re.compile(r"\s+")
NOT_A_DOCUMENT = "未识别出任何绩效目标表、绩效自评表或部门决算表格，文件未保存"


# --- errors ---------------------------------------------------------------------------------


class StoreError(Exception):
    """A refusal with a stable ``code`` and a Chinese ``message`` (the API's error shape)."""

    code = "invalid"

    def __init__(self, message: str, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(StoreError):
    code = "not_found"


class Forbidden(StoreError):
    code = "forbidden"


class Unauthenticated(StoreError):
    code = "unauthenticated"


class StaleVersion(StoreError):
    code = "stale_version"


class Invalid(StoreError):
    code = "invalid"


class NotADocument(StoreError):
    code = "not_a_document"


class Conflict(StoreError):
    """Someone else changed the same thing at the same moment: refresh and try again (409)."""

    code = "conflict"


class Throttled(StoreError):
    code = "throttled"


# --- roles ----------------------------------------------------------------------------------


def require_user(user: User | None) -> User:
    if user is None:
        raise Unauthenticated("请先登录")
    return user


def can_edit(user: User | None, project: Project) -> bool:
    """Admins edit everything; an editor only the tables of its own unit (实施单位 or 主管部门)."""
    if user is None:
        return False
    if user.role == "admin":
        return True
    return user.role == "editor" and bool(user.unit) and user.unit in (project.unit, project.department)


def can_upload(user: User | None) -> bool:
    return user is not None and user.role in ("admin", "editor")


def foreign_units(user: User | None, document: Document) -> list[str]:
    """The units of ``document``'s tables an editor may not upload for (none for an admin).

    A table is the editor's when its 实施单位 or 主管部门 is the editor's unit, as for edits.
    """
    if user is None or user.role != "editor":
        return []
    out: list[str] = []
    for kind, _, table in tables_of(document):
        f = _table_fields(kind, table)
        if not user.unit or user.unit not in (f.get("unit"), f.get("department")):
            name = f.get("unit") or f.get("department") or "未注明单位"
            if name not in out:
                out.append(name)
    return out


def can_review(user: User | None) -> bool:
    return user is not None and user.role in ("admin", "reviewer")


# --- pages of results -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int


def _page(session: Session, query: Select[Any], limit: int | None, offset: int) -> Page:
    """One page of ``query``; ``limit=None`` is every row (exports)."""
    offset = max(0, offset)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    if limit is not None:
        limit = max(1, limit)
        query = query.limit(limit)
    items = list(session.scalars(query.offset(offset)))
    return Page(items=items, total=total, limit=limit or total, offset=offset)


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What happened to one file: stored (``created``), already there, or refused (``error``)."""

    name: str
    sha256: str
    document_id: int | None = None
    created: bool = False
    error: str | None = None
    code: str | None = None      # the StoreError code of a refusal (``not_a_document``, ``forbidden``…)
    tables: int = 0
    errors: int = 0
    warnings: int = 0


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_by_sha256(session: Session, digest: str) -> DocumentRow | None:
    return session.scalar(select(DocumentRow).where(DocumentRow.sha256 == digest))


def import_bytes(session: Session, name: str, data: bytes, user: User | None = None,
                 ruleset: str | None = None) -> ImportReport:
    """Read, score, check and store one file; the same content twice is one document."""
    existing = find_by_sha256(session, sha256(data))
    if existing is not None:
        return _existing(name, existing)
    return import_result(session, name, data, run_bytes(name, data, ruleset), user)


def import_result(session: Session, name: str, data: bytes, result: Result,
                  user: User | None = None) -> ImportReport:
    """Store a pipeline ``Result`` (read elsewhere, e.g. in a worker process)."""
    digest = sha256(data)
    existing = find_by_sha256(session, digest)
    if existing is not None:
        return _existing(name, existing)
    if result.unreadable is not None:
        return ImportReport(name=name, sha256=digest, error=result.unreadable.zh, code=NotADocument.code)
    document = result.document
    if document.table_count == 0:
        return ImportReport(name=name, sha256=digest, error=NOT_A_DOCUMENT, code=NotADocument.code)
    foreign = foreign_units(user, document)
    if foreign:
        return ImportReport(name=name, sha256=digest, code=Forbidden.code, error=(
            f"文件中的表格属于“{'、'.join(foreign[:3])}”，不是您所在的单位“{user.unit if user else ''}”，未保存"))
    _serialise_linkage(session)
    peers = _peers(session, document)
    findings = _linked(session, document, result.findings, peers)
    row = DocumentRow(name=name, sha256=digest, size=len(data), original=data, ruleset=result.ruleset,
                      imported_by=user.name if user else None, interchange={})
    session.add(row)
    _sync(session, row, document, result.scorecards, findings)
    session.flush()
    index_tables(session, row.id, row.projects)
    _audit(session, user, "import", "document", row.id, None, {"name": name, "sha256": digest})
    _relink(session, [i for i, kinds in peers.items() if "project_self_evaluation" in kinds])
    return ImportReport(name=name, sha256=digest, document_id=row.id, created=True,
                        tables=row.table_count, errors=row.error_count, warnings=row.warning_count)


def recounted(session: Session, reports: Iterable[ImportReport]) -> list[ImportReport]:
    """The reports of a batch with each stored document's counts as they stand at its end: a
    later file of the batch (a target table) may have linked to an earlier one and rescored it."""
    out = []
    for r in reports:
        row = session.get(DocumentRow, r.document_id) if r.document_id is not None and not r.error else None
        out.append(r if row is None else replace(r, tables=row.table_count, errors=row.error_count,
                                                  warnings=row.warning_count))
    return out


def _existing(name: str, row: DocumentRow) -> ImportReport:
    return ImportReport(name=name, sha256=row.sha256, document_id=row.id, created=False,
                        tables=row.table_count, errors=row.error_count, warnings=row.warning_count)


# --- the document's tables as rows ----------------------------------------------------------

Table = SelfEvaluation | PerformanceTarget | FinalAccounts


def tables_of(document: Document) -> Iterator[tuple[str, int, Table]]:
    """Each table of a document with its store kind and its sequence number within the kind."""
    for e in document.project_self_evaluations:
        yield "project_self_evaluation", e.seq, e
    for e in document.department_self_evaluations:
        yield "department_self_evaluation", e.seq, e
    for t in document.performance_targets:
        yield "performance_target", t.seq, t
    for n, a in enumerate(document.final_accounts, 1):
        yield "final_accounts", n, a


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, Cell):
        return value.text
    return str(value)


@dataclass
class _Card:
    """What the scorer says of one table: the recomputed total, the grade, and per printed row
    (``("fund", 0)`` or ``("indicator", n)``) the rule's score and formula."""

    total: str | None = None
    grade: str | None = None
    rows: dict[tuple[str, int], tuple[str | None, str | None]] = field(default_factory=dict)


def _cards(scorecards: Iterable[Any]) -> dict[int, _Card]:
    """``score.card.Scorecard``s keyed by ``id(evaluation)``."""
    out: dict[int, _Card] = {}
    for card in scorecards:
        c = _Card(total=_str(card.total_recomputed), grade=card.grade)
        for line in card.lines:
            key = ("fund", 0) if line.kind == "fund" else ("indicator", line.index)
            formula = "\n".join(x for x in (line.formula, line.explanation) if x)
            c.rows[key] = (_str(line.computed), formula or None)
        out[id(card.evaluation)] = c
    return out


def _table_fields(kind: str, table: Table) -> dict[str, Any]:
    if isinstance(table, SelfEvaluation):
        return {"name": table.project.text, "department": table.department.text,
                "unit": table.unit.text, "year": table.year,
                "interchange": interchange.self_evaluation(table) | {"printed": printed(table)},
                "printed_score": table.total_score.text,
                "execution_rate": table.total_fund.rate.text if table.total_fund else None}
    if isinstance(table, PerformanceTarget):
        return {"name": table.project.text, "department": table.department.text,
                "unit": table.unit.text, "year": table.year,
                "interchange": interchange.target(table) | {"printed": printed(table)},
                "printed_score": None, "execution_rate": None}
    return {"name": "部门决算", "department": table.department.text, "unit": table.department.text,
            "year": table.year, "interchange": interchange.final_accounts(table),
            "printed_score": None, "execution_rate": None}


def _row_cells(table: Table) -> Iterator[tuple[str, int, dict[str, Cell], dict[str, Any]]]:
    """(row kind, position, printed cells by column, other fields) for the fund/indicator rows."""
    if isinstance(table, SelfEvaluation):
        for n, f in enumerate(table.funds):
            yield "fund", n, {
                "name": f.item, "initial": f.initial, "target": f.budget, "actual": f.executed,
                "weight": f.weight, "score": f.score, "rate": f.rate, "reason": EMPTY}, {
                "level1": None, "level2": None, "line": f.where.line}
        for n, i in enumerate(table.indicators):
            yield "indicator", n, {
                "name": i.name, "initial": EMPTY, "target": i.target, "actual": i.actual, "weight": i.weight,
                "score": i.score, "rate": EMPTY, "reason": i.reason}, {
                "level1": i.level1, "level2": i.level2, "line": i.where.line or i.name.where.line}
    elif isinstance(table, PerformanceTarget):
        for n, t in enumerate(table.indicators):
            yield "indicator", n, {
                "name": t.name, "initial": EMPTY, "target": t.target, "actual": EMPTY, "weight": EMPTY,
                "score": EMPTY, "rate": EMPTY, "reason": EMPTY}, {
                "level1": t.level1, "level2": t.level2, "line": t.where.line or t.name.where.line}


def _printed_rows(table: Table) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """(row kind, position, printed fields) for the indicator/fund rows of a table."""
    for kind, n, cells, other in _row_cells(table):
        yield kind, n, other | {key: cell.text for key, cell in cells.items()}


def _raw(cell: Cell) -> str | None:
    """The text as printed where normalising dropped markup (``<p>``, ``**``), not mere whitespace."""
    if cell.text is None or _SPACE.sub("", normalize_text(cell.raw) or "") == _SPACE.sub("", cell.raw):
        return None
    return cell.raw


def printed(table: Table) -> dict[str, Any]:
    """The raw text of the cells whose normalised text differs (``project``, ``unit``,
    ``indicator:0`` → {column: raw}): the pages show it, so nothing printed is hidden."""
    if isinstance(table, FinalAccounts):
        return {}
    out: dict[str, Any] = {k: r for k, c in (("project", table.project), ("department", table.department),
                                             ("unit", table.unit)) if (r := _raw(c))}
    for kind, n, cells, _ in _row_cells(table):
        raws = {k: r for k, c in cells.items() if (r := _raw(c))}
        if raws:
            out[f"{kind}:{n}"] = raws
    return out


def _table_line(table: Table) -> int:
    return table.where.line or 0


def _sync(session: Session, row: DocumentRow, document: Document, scorecards: Iterable[Any],
          findings: Iterable[Finding]) -> None:
    """Write a read-and-checked document into its rows: new rows on import, updated in place on
    rescoring (ids and versions kept; a finding's review kept while the finding stays)."""
    cards = _cards(scorecards)
    findings = tuple(findings)
    by_key = {(p.kind, p.seq): p for p in row.projects}
    placed: list[tuple[int, Project, Table]] = []
    for kind, seq, table in tables_of(document):
        project = by_key.get((kind, seq))
        if project is None:
            project = Project(kind=kind, seq=seq, version=1, interchange={})
            row.projects.append(project)
        card = cards.get(id(table), _Card())
        fields = _table_fields(kind, table)
        for key, value in fields.items():
            setattr(project, key, value)
        project.recomputed_score = card.total
        project.grade = card.grade
        existing = {(i.row, i.position): i for i in project.indicators}
        for kind_, position, values in _printed_rows(table):
            ind = existing.get((kind_, position))
            if ind is None:
                ind = IndicatorRow(row=kind_, position=position, edited=False)
                project.indicators.append(ind)
            for key, value in values.items():
                setattr(ind, key, value)
            ind.recomputed_score, ind.formula = card.rows.get((kind_, position), (None, None))
        placed.append((_table_line(table), project, table))

    first = next(iter(tables_of(document)), None)
    head = _table_fields(first[0], first[2]) if first else {}
    row.kinds = ",".join(document.kinds)
    row.table_count = document.table_count
    row.department = head.get("department")
    row.unit = head.get("unit")
    row.year = head.get("year")
    row.interchange = interchange.to_interchange(document)
    row.error_count = sum(1 for f in findings if f.severity.value == "error")
    row.warning_count = sum(1 for f in findings if f.severity.value == "warning")
    session.flush()
    _replace_findings(session, row, findings, placed)


def _finding_key(code: str, project: str | None, indicator: str | None, table: str | None,
                 line: int | None) -> tuple[Any, ...]:
    return (code, project, indicator, table, line)


JUDGED = ("message", "expected", "actual", "excerpt")


def judged_of(f: FindingRow) -> dict[str, Any]:
    """What a reviewer sees of a finding, kept with the review: it holds while these hold."""
    return {k: getattr(f, k) for k in JUDGED}


FIELDS = ("project_id", "indicator_id", "code", "severity", "message", "document_kind", "project",
          "indicator", "table", "line", "page", "column_index", "expected", "actual", "formula", "excerpt",
          "department", "year")


def _key(f: FindingRow) -> tuple[Any, ...]:
    return _finding_key(f.code, f.project, f.indicator, f.table, f.line)


def _reviewed(f: FindingRow) -> bool:
    return f.judged is not None or f.status != "open" or bool(f.comment)


def _carry_reviews(old: list[FindingRow], new: list[FindingRow]) -> list[tuple[FindingRow | None, FindingRow]]:
    """Pair each rescored finding with the stored one it continues, so that it keeps its id
    (its page, its links) and its review; a changed value reopens a reviewed finding.

    Findings are matched by key (code, table, project, indicator, line), and among findings
    sharing a key first by what was judged (or shown), then in order. The stored finding takes
    the new values in place; unmatched new ones are ``(None, new)``.
    """
    by_key: dict[tuple[Any, ...], list[FindingRow]] = {}
    for f in old:
        by_key.setdefault(_key(f), []).append(f)
    pairs: dict[int, tuple[FindingRow | None, FindingRow]] = {}
    for n, f in enumerate(new):       # first: the same finding with the same value
        candidates = by_key.get(_key(f), [])
        same = next((r for r in candidates if _same_value(r.judged or judged_of(r), judged_of(f))), None)
        if same is not None:
            candidates.remove(same)
            if _reviewed(same):
                same.judged = same.judged or judged_of(same) | {"status": same.status}
                same.status = str(same.judged.get("status") or same.status)
            _take(same, f)
            pairs[n] = (same, f)
    for n, f in enumerate(new):       # then: the same finding whose value changed since
        if n in pairs:
            continue
        candidates = by_key.get(_key(f), [])
        if not candidates:
            pairs[n] = (None, f)
            continue
        r = candidates.pop(0)
        if _reviewed(r):
            r.judged = r.judged or judged_of(r) | {"status": r.status}
            r.status = "open"
        _take(r, f)
        pairs[n] = (r, f)
    return [pairs[n] for n in range(len(new))]


def _take(stored: FindingRow, fresh: FindingRow) -> None:
    for name in FIELDS:
        setattr(stored, name, getattr(fresh, name))


def _same_value(a: dict[str, Any] | None, b: dict[str, Any]) -> bool:
    return a is not None and all(a.get(k) == b.get(k) for k in JUDGED)


def _replace_findings(session: Session, row: DocumentRow, findings: tuple[Finding, ...],
                      placed: list[tuple[int, Project, Table]]) -> None:
    """The document's findings become ``findings``: a finding that stays keeps its row (id,
    review); one that went is deleted; a new one is added."""
    old = list(session.scalars(select(FindingRow).where(FindingRow.document_id == row.id)
                               .order_by(FindingRow.id)))
    placed = sorted(placed, key=lambda t: t[0])
    counts: dict[int, Counter[str]] = {}
    fresh: list[FindingRow] = []
    for finding in findings:
        project = _project_of(finding, placed)
        indicator = _indicator_of(finding, project)
        new = FindingRow(
            document_id=row.id, project_id=project.id if project else None,
            indicator_id=indicator.id if indicator else None, code=finding.code,
            severity=finding.severity.value, message=finding.message,
            document_kind=finding.document_kind or None, project=finding.project,
            indicator=finding.indicator, table=finding.table, line=finding.where.line,
            page=finding.where.page, column_index=finding.where.column, expected=finding.expected,
            actual=finding.actual, formula=finding.formula, excerpt=finding.excerpt,
            department=(project.department if project else None) or row.department,
            year=(project.year if project else None) or row.year, status="open")
        fresh.append(new)
        if project is not None:
            counts.setdefault(project.id, Counter())[new.severity] += 1
    kept = set()
    for stored, new in _carry_reviews(old, fresh):
        if stored is None:
            session.add(new)
        else:
            kept.add(stored.id)
    for f in old:
        if f.id not in kept:
            session.delete(f)
    for _, project, _ in placed:
        c = counts.get(project.id, Counter())
        project.error_count, project.warning_count = c["error"], c["warning"]


def _project_of(finding: Finding, placed: list[tuple[int, Project, Table]]) -> Project | None:
    """The table a finding concerns: by kind and name, else the last table starting before it."""
    if finding.project:
        for _, project, _ in placed:
            if project.name == finding.project and (
                    not finding.document_kind or project.kind == finding.document_kind):
                return project
    line = finding.where.line
    if line is None:
        return None
    before = [project for start, project, _ in placed if start and start <= line]
    return before[-1] if before else None


def _indicator_of(finding: Finding, project: Project | None) -> IndicatorRow | None:
    if project is None:
        return None
    for ind in project.indicators:
        if finding.indicator and ind.name == finding.indicator:
            return ind
    line = finding.where.line
    if line is not None and not finding.indicator:
        return next((i for i in project.indicators if i.line == line), None)
    return None


# --- reading back ---------------------------------------------------------------------------


def _valid_id(value: int) -> bool:
    """Ids are positive 32-bit integers (SQLite and PostgreSQL ``INTEGER``)."""
    return 0 < value < 2**31


def get_document(session: Session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id) if _valid_id(document_id) else None
    if row is None:
        raise NotFound(f"文档 {document_id} 不存在")
    return row


def list_documents(session: Session, *, kind: str | None = None, department: str | None = None,
                   unit: str | None = None, year: int | None = None, q: str | None = None,
                   limit: int | None = 50, offset: int = 0) -> Page:
    # A list never needs the original bytes or the interchange JSON (megabytes a document).
    query = select(DocumentRow).options(defer(DocumentRow.original), defer(DocumentRow.interchange)
                                        ).order_by(DocumentRow.id.desc())
    if kind:
        query = query.where(DocumentRow.kinds.contains(kind))
    if department:      # any printed variant of the name (``303-…``, ``宁夏回族自治区…``)
        query = query.where(DocumentRow.department.in_(variants(session, department)))
    if unit:
        query = query.where(DocumentRow.unit.in_(variants(session, unit, "unit")))
    if year is not None:
        query = query.where(DocumentRow.year == year)
    if q:
        query = query.where(DocumentRow.name.contains(q))
    return _page(session, query, limit, offset)


def get_project(session: Session, project_id: int) -> Project:
    project = (session.get(Project, project_id, options=[selectinload(Project.indicators)])
               if _valid_id(project_id) else None)
    if project is None:
        raise NotFound(f"项目 {project_id} 不存在")
    return project


def list_projects(session: Session, *, document_id: int | None = None, kind: str | None = None,
                  department: str | None = None, year: int | None = None, limit: int = 50,
                  offset: int = 0) -> Page:
    query = select(Project).options(defer(Project.interchange)).order_by(Project.document_id, Project.id)
    if document_id is not None:
        query = query.where(Project.document_id == document_id)
    if kind:
        query = query.where(Project.kind == kind)
    if department:
        query = query.where(Project.department.in_(variants(session, department)))
    if year is not None:
        query = query.where(Project.year == year)
    return _page(session, query, limit, offset)


def get_indicator(session: Session, indicator_id: int) -> IndicatorRow:
    ind = session.get(IndicatorRow, indicator_id) if _valid_id(indicator_id) else None
    if ind is None:
        raise NotFound(f"指标 {indicator_id} 不存在")
    return ind


def list_indicators(session: Session, *, project_id: int | None = None, document_id: int | None = None,
                    limit: int | None = 100, offset: int = 0) -> Page:
    query = select(IndicatorRow).order_by(IndicatorRow.project_id, IndicatorRow.row.desc(),
                                          IndicatorRow.position)
    if project_id is not None:
        query = query.where(IndicatorRow.project_id == project_id)
    if document_id is not None:
        query = query.join(Project).where(Project.document_id == document_id)
    return _page(session, query, limit, offset)


def get_finding(session: Session, finding_id: int) -> FindingRow:
    row = session.get(FindingRow, finding_id) if _valid_id(finding_id) else None
    if row is None:
        raise NotFound(f"审核发现 {finding_id} 不存在")
    return row


def list_findings(session: Session, *, severity: str | None = None, code: str | None = None,
                  department: str | None = None, year: int | None = None, status: str | None = None,
                  document_id: int | None = None, project_id: int | None = None,
                  limit: int | None = 50, offset: int = 0) -> Page:
    query = select(FindingRow).order_by(FindingRow.document_id, FindingRow.id)
    if department:
        query = query.where(FindingRow.department.in_(variants(session, department)))
    for column, value in ((FindingRow.severity, severity), (FindingRow.code, code), (FindingRow.year, year),
                          (FindingRow.status, status), (FindingRow.document_id, document_id),
                          (FindingRow.project_id, project_id)):
        if value is not None and value != "":
            query = query.where(column == value)
    return _page(session, query, limit, offset)


def findings_of_project(session: Session, project_id: int) -> list[FindingRow]:
    return list(session.scalars(select(FindingRow).where(FindingRow.project_id == project_id)
                                .order_by(FindingRow.id)))


def facets(session: Session) -> dict[str, list[Any]]:
    """The values the finding filters can take (for the filter form)."""
    def distinct(column: Any) -> list[Any]:
        return [v for v in session.scalars(select(column).distinct().order_by(column)) if v is not None]

    merged = {organisation_key(d): d for d in distinct(FindingRow.department)}
    return {"code": distinct(FindingRow.code), "department": sorted(
                display_name(variants(session, d)) for d in merged.values()),
            "year": distinct(FindingRow.year), "severity": ["error", "warning", "info"],
            "status": list(FINDING_STATUSES)}


# --- edits and reviews ----------------------------------------------------------------------

EDITABLE = {"indicator": ("target", "actual", "weight", "score", "reason"),
            "fund": ("target", "actual", "weight", "score")}
NUMERIC = ("weight", "score")


def edit_value(session: Session, indicator_id: int, changes: dict[str, str | None], version: int,
               user: User | None, ruleset: str | None = None) -> Project:
    """Change values of one row (年度指标值, 实际完成值, 分值, 得分, 偏差原因), then rescore and
    re-check the whole document.

    ``version`` is the project's version the user saw. It is refused only if this row was
    changed since (by an edit creating a later version): two people editing different rows
    of one project both succeed. The refusal names the row, who changed it, and their value.
    """
    user = require_user(user)
    ind = get_indicator(session, indicator_id)
    # Rescoring reads every table of the document: edits of two of its projects must not
    # interleave, or one rescoring would use the other's stale values.
    _lock_document(session, ind.project.document_id)
    session.expire_all()
    ind = get_indicator(session, indicator_id)
    project = ind.project
    if not can_edit(user, project):
        raise Forbidden(f"无权修改“{project.unit or project.department or '未知单位'}”的项目")
    if version > project.version or (ind.changed_in or 0) > version:
        raise StaleVersion(_changed_since(session, ind, project, version),
                           {"current_version": project.version, "submitted": changes})
    allowed = EDITABLE.get(ind.row, ())
    if not changes:
        raise Invalid("没有要修改的值")
    cleaned: dict[str, str | None] = {}
    for key, value in changes.items():
        if key not in allowed:
            raise Invalid(f"不能修改字段“{key}”，可修改：{'、'.join(allowed)}")
        value = None if value is None else str(value).strip()
        if key in NUMERIC and value and money(value) is None:
            raise Invalid(f"“{value}”不是数字（{label(ind.row, key)}须为数字）")
        if value is not None and len(value) > 2000:
            raise Invalid("值过长")
        if (value or None) != getattr(ind, key):     # a form sends every field: keep the changes
            cleaned[key] = value or None
    if not cleaned:
        raise Invalid("没有要修改的值（与当前值相同）")
    # Atomically: of two edits racing past the checks above, one wins.
    current = project.version
    bumped = session.execute(update(Project).where(Project.id == project.id, Project.version == current)
                             .values(version=current + 1))
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleVersion("该项目刚被他人修改，请刷新页面后重新修改", {"submitted": changes})
    if ind.printed is None:        # the first edit: what stands now is what was printed
        ind.printed = {k: getattr(ind, k) for k in allowed}
    before = {k: getattr(ind, k) for k in cleaned}
    for key, value in cleaned.items():
        setattr(ind, key, value)
    ind.edited = True
    ind.changed_in = current + 1
    session.flush()
    rescore(session, project.document, ruleset)
    _audit(session, user, "edit", "indicator", ind.id, before | {"version": version},
           dict(cleaned) | {"version": current + 1, "project_id": project.id})
    return project


def row_label(ind: IndicatorRow) -> str:
    """A row as a person finds it on the page: ``第12行“就业率”``."""
    where = f"第{ind.line}行" if ind.line else ""
    return f"{where}“{ind.name or ('资金' if ind.row == 'fund' else '指标')}”"


def _changed_since(session: Session, ind: IndicatorRow, project: Project, version: int) -> str:
    """Why an edit quoting ``version`` is refused: who changed this row since, to what."""
    last = session.scalar(select(AuditEntry).where(AuditEntry.entity == "indicator",
                                                   AuditEntry.entity_id == ind.id, AuditEntry.action == "edit")
                          .order_by(AuditEntry.id.desc()).limit(1))
    head = f"{row_label(ind)}已被修改（当前版本 {project.version}，提交的版本 {version}）"
    if last is not None and last.after:
        values = "，".join(f"{label(ind.row, k)}“{v or '（空）'}”" for k, v in last.after.items()
                          if k in EDITABLE.get(ind.row, ()))
        head = (f"{row_label(ind)}已被 {last.who or '他人'} 于 {last.at:%Y-%m-%d %H:%M} 改为 {values}"
                f"（当前版本 {project.version}，提交的版本 {version}）")
    return head + "，请刷新页面后重新修改"


LABELS = {"indicator": {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
                        "reason": "偏差原因"},
          "fund": {"target": "全年预算数", "actual": "全年执行数", "weight": "分值", "score": "得分"}}


def label(row: str, field: str) -> str:
    """The Chinese column name of an editable field of a row kind."""
    return LABELS.get(row, {}).get(field, field)


def edit_history(session: Session, project: Project, limit: int = 100) -> list[tuple[AuditEntry, IndicatorRow]]:
    """Who changed which row of ``project`` to what, and when: newest first."""
    rows = {i.id: i for i in project.indicators}
    if not rows:
        return []
    entries = session.scalars(select(AuditEntry).where(
        AuditEntry.entity == "indicator", AuditEntry.action == "edit", AuditEntry.entity_id.in_(rows))
        .order_by(AuditEntry.id.desc()).limit(limit))
    return [(e, rows[e.entity_id]) for e in entries if e.entity_id in rows]




def rescore(session: Session, row: DocumentRow, ruleset: str | None = None) -> None:
    """Read the original again, put back every edited value, score and check again (by the
    rule set chosen at import, unless another is asked for), linkage included against the
    stored documents it pairs with."""
    document = stored_document(row)
    scorecards, findings = score_and_check(document, ruleset or row.ruleset)
    findings = _linked(session, document, findings, _peers(session, document, exclude=row.id))
    _sync(session, row, document, scorecards, findings)


def stored_document(row: DocumentRow) -> Document:
    """A stored document as it stands now: its original read again, with every edit put back."""
    document, _ = read_document(row.name, row.original)
    return apply_edits(document, row.projects)


# --- linkage against the stored documents ---------------------------------------------------

_PAIRS = {"project_self_evaluation": "performance_target", "performance_target": "project_self_evaluation"}


def _peers(session: Session, document: Document, exclude: int | None = None) -> dict[int, set[str]]:
    """Stored documents holding a table the linkage checks pair with one of ``document``'s:
    a target table for its self-evaluations, a self-evaluation for its targets, of the same
    project (``linkage.project_key``), department (``organisation_key``; unknown matches any)
    and year (unknown matches any). Document id → the kinds of the matching tables."""
    wanted: list[tuple[str, str, str | None, int | None]] = []
    for kind, _, table in tables_of(document):
        if kind in _PAIRS and isinstance(table, (SelfEvaluation, PerformanceTarget)):
            key = project_key(table.project.text)
            if key:
                wanted.append((_PAIRS[kind], key, organisation_key(table.department.text), table.year))
    if not wanted:
        return {}
    query = select(Project.document_id, Project.kind, Project.name, Project.department, Project.year).where(
        Project.kind.in_({w[0] for w in wanted}))
    years = {w[3] for w in wanted}
    if None not in years:
        query = query.where((Project.year.in_(years)) | (Project.year.is_(None)))
    if exclude is not None:
        query = query.where(Project.document_id != exclude)
    by_key: dict[tuple[str, str], list[tuple[str | None, int | None]]] = {}
    for kind, key, department, year in wanted:
        by_key.setdefault((kind, key), []).append((department, year))
    out: dict[int, set[str]] = {}
    for doc_id, kind, name, department, year in session.execute(query):
        for want_department, want_year in by_key.get((kind, project_key(name)), ()):
            dept = organisation_key(department)
            if ((want_department is None or dept is None or dept == want_department)
                    and (want_year is None or year is None or want_year == year)):
                out.setdefault(doc_id, set()).add(kind)
    return out


def _linked(session: Session, document: Document, findings: tuple[Finding, ...],
            peers: dict[int, set[str]]) -> tuple[Finding, ...]:
    """``document``'s findings with linkage checked against itself and its stored ``peers``."""
    corpus = [stored_document(get_document(session, i)) for i in sorted(peers)]
    return check_together([document, *corpus], [findings, *[() for _ in corpus]])[0]


def _relink(session: Session, document_ids: Iterable[int]) -> None:
    """Check again the stored self-evaluations a new (or deleted) target table pairs with."""
    for document_id in sorted(set(document_ids)):
        _lock_document(session, document_id)
        rescore(session, get_document(session, document_id))


def _serialise_linkage(session: Session) -> None:
    """Imports that may link to each other must not pass unseen: on PostgreSQL one stores at a
    time (a transaction-level advisory lock; reading happened before, in the workers); SQLite
    has one writer anyway."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(LINKAGE_LOCK)))


LINKAGE_LOCK = 0x6A69786961   # "jixia": the advisory lock of imports


def apply_edits(document: Document, projects: Iterable[Project]) -> Document:
    """The document with the stored values of edited rows in place of the printed ones."""
    edited = {(p.kind, p.seq): [i for i in p.indicators if i.edited] for p in projects}

    def patch(kind: str, e: SelfEvaluation) -> SelfEvaluation:
        rows = edited.get((kind, e.seq))
        if not rows:
            return e
        funds, indicators = list(e.funds), list(e.indicators)
        for i in rows:
            if i.row == "fund" and i.position < len(funds):
                f = funds[i.position]
                funds[i.position] = replace(f, executed=_cell(i.actual, f.executed), budget=_cell(i.target, f.budget),
                                            weight=_cell(i.weight, f.weight), score=_cell(i.score, f.score))
            elif i.row == "indicator" and i.position < len(indicators):
                x = indicators[i.position]
                indicators[i.position] = replace(x, actual=_cell(i.actual, x.actual),
                                                 target=_cell(i.target, x.target),
                                                 weight=_cell(i.weight, x.weight),
                                                 score=_cell(i.score, x.score), reason=_cell(i.reason, x.reason))
        return replace(e, funds=tuple(funds), indicators=tuple(indicators))

    return replace(
        document,
        project_self_evaluations=tuple(patch("project_self_evaluation", e)
                                       for e in document.project_self_evaluations),
        department_self_evaluations=tuple(patch("department_self_evaluation", e)
                                          for e in document.department_self_evaluations))


def _cell(value: str | None, printed: Cell) -> Cell:
    """An edited value keeps the place it was printed at."""
    if normalize_text(value) == printed.text:
        return printed
    return Cell(text=normalize_text(value), raw=value or "", where=printed.where)


def finding_digest(f: FindingRow) -> str:
    """What a reviewer was shown of a finding, as a short digest the review form sends back."""
    shown = json.dumps(judged_of(f), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(shown.encode()).hexdigest()[:16]


def mark_finding(session: Session, finding_id: int, status: str, comment: str | None,
                 user: User | None, seen: str | None = None) -> FindingRow:
    """A reviewer's decision on a finding: accepted (确认) or resolved (已处理), with a comment.

    ``seen`` (``finding_digest`` of the finding as shown) refuses a decision on a finding
    whose values an edit changed since: a finding keeps its id across rescoring, so without
    it a reviewer could confirm a value never seen.
    """
    user = require_user(user)
    if not can_review(user):
        raise Forbidden("只有审核人员或管理员可以处理审核发现")
    if status not in FINDING_STATUSES:
        raise Invalid(f"状态须为 {'、'.join(FINDING_STATUSES)} 之一")
    row = get_finding(session, finding_id)
    _lock_document(session, row.document_id)       # wait for an edit rescoring this document
    try:
        fresh = session.get(FindingRow, finding_id, populate_existing=True)
    except (ObjectDeletedError, StaleDataError, InvalidRequestError):
        fresh = None
    if fresh is None or (seen and seen != finding_digest(fresh)):   # rescored since it was shown
        raise Conflict(RESCORED)
    row = fresh
    before = {"status": row.status, "comment": row.comment}
    row.status = status
    row.comment = (comment or "").strip()[:4000] or None
    row.reviewed_by = user.name
    row.reviewed_at = now()
    row.judged = judged_of(row) | {"status": status}
    try:
        session.flush()
    except (ObjectDeletedError, StaleDataError):
        raise Conflict(RESCORED) from None
    _audit(session, user, "mark", "finding", row.id, before, {"status": row.status, "comment": row.comment})
    return row


RESCORED = "该审核发现刚因他人修改而重新计算，请刷新页面后再处理"


def _lock_document(session: Session, document_id: int) -> None:
    """Serialise the writers of one document (PostgreSQL row lock; SQLite has one writer anyway)."""
    session.execute(select(DocumentRow.id).where(DocumentRow.id == document_id).with_for_update())


def delete_document(session: Session, document_id: int, user: User | None) -> None:
    """Delete a document with its tables, findings and reviews (admins only; audit logged)."""
    user = require_user(user)
    if user.role != "admin":
        raise Forbidden("只有管理员可以删除文档")
    row = get_document(session, document_id)
    _lock_document(session, row.id)
    reviews = session.scalar(select(func.count()).select_from(FindingRow).where(
        FindingRow.document_id == row.id, FindingRow.reviewed_by.is_not(None))) or 0
    before = {"name": row.name, "sha256": row.sha256, "unit": row.unit, "year": row.year,
              "tables": row.table_count, "reviews": reviews}
    _serialise_linkage(session)
    peers = _peers(session, stored_document(row), exclude=row.id) if "performance_target" in row.kinds else {}
    session.execute(delete(FindingRow).where(FindingRow.document_id == row.id))
    session.delete(row)
    session.flush()
    _audit(session, user, "delete", "document", document_id, before, None)
    # self-evaluations linked to its targets lose those findings
    _relink(session, [i for i, kinds in peers.items() if "project_self_evaluation" in kinds])


def _audit(session: Session, user: User | None, action: str, entity: str, entity_id: int | None,
           before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    session.add(AuditEntry(who=user.name if user else None, action=action, entity=entity,
                           entity_id=entity_id, before=before, after=after))


def audit_log(session: Session, entity: str | None = None, entity_id: int | None = None,
              limit: int | None = 50, offset: int = 0) -> Page:
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return _page(session, query, limit, offset)


# --- the dashboard --------------------------------------------------------------------------


def dashboard(session: Session, department: str | None = None, year: int | None = None) -> dict[str, Any]:
    """Execution rate against score, grades, most frequent finding codes, by department and year."""
    query = select(Project).where(Project.kind.in_(("project_self_evaluation", "department_self_evaluation")))
    names = variants(session, department) if department else []
    if department:
        query = query.where(Project.department.in_(names))
    if year is not None:
        query = query.where(Project.year == year)
    projects = list(session.scalars(query))
    printed: dict[str | None, set[str]] = {}
    for p in projects:
        if p.department:
            printed.setdefault(organisation_key(p.department), set()).add(p.department)
    shown = {key: display_name(sorted(names)) for key, names in printed.items()}

    def merged(name: str | None) -> str | None:
        return shown.get(organisation_key(name), name) if name else name

    scatter = []
    for p in projects:
        rate, score = money(p.execution_rate), money(p.recomputed_score or p.printed_score)
        if rate is not None and score is not None:
            scatter.append({"id": p.id, "name": p.name, "rate": float(rate), "score": float(score)})
    grades = Counter(p.grade for p in projects if p.grade)
    fq = select(FindingRow.code, func.count()).group_by(FindingRow.code).order_by(func.count().desc())
    if department:
        fq = fq.where(FindingRow.department.in_(names))
    if year is not None:
        fq = fq.where(FindingRow.year == year)
    groups: dict[tuple[str, int | None], dict[str, Any]] = {}
    for p in projects:      # one department under all its printed names (kept as aliases)
        g = groups.setdefault((organisation_key(p.department) or "（未注明）", p.year),
                              {"department": merged(p.department) or "（未注明）", "year": p.year,
                               "aliases": sorted(printed.get(organisation_key(p.department), ())),
                               "projects": 0, "errors": 0, "warnings": 0, "scores": []})
        g["projects"] += 1
        g["errors"] += p.error_count
        g["warnings"] += p.warning_count
        s = money(p.recomputed_score or p.printed_score)
        if s is not None:
            g["scores"].append(float(s))
    by_group = []
    for g in sorted(groups.values(), key=lambda g: (g["department"], g["year"] or 0)):
        scores = g.pop("scores")
        g["aliases"] = [a for a in g["aliases"] if a != g["department"]]
        g["average"] = round(sum(scores) / len(scores), 2) if scores else None
        by_group.append(g)
    return {"scatter": scatter,
            "totals": [{"id": p.id, "name": p.name, "department": merged(p.department), "year": p.year,
                        "printed": p.printed_score, "recomputed": p.recomputed_score,
                        "maximum": (p.interchange or {}).get("total_weight")} for p in projects],
            "grades": [{"grade": k, "count": grades.get(k, 0)} for k in ("优", "良", "中", "差")],
            "codes": [{"code": c, "count": n} for c, n in session.execute(fq.limit(10))],
            "groups": by_group}


def document_names(session: Session, ids: set[int]) -> dict[int, str]:
    """The file names of documents, by id (the exports name the file a finding is in)."""
    if not ids:
        return {}
    return {i: n for i, n in session.execute(select(DocumentRow.id, DocumentRow.name).where(DocumentRow.id.in_(ids)))}
