"""Finding things: partial-match search, and department / unit names merged across variants.

Search matches any part of a department, unit, project or indicator name. Queries of three
characters or more use the trigram index: SQLite's FTS5 ``search_fts`` (trigram tokenizer),
PostgreSQL's ``pg_trgm`` GIN index on ``search_entries.body``. Shorter queries (two Chinese
characters are a common query) cannot use a trigram index on either database: they scan
``search_entries`` with ``LIKE`` — one narrow table, never the documents themselves — and so
does PostgreSQL where ``pg_trgm`` could not be installed.

Names are merged by ``names.organisation_key``: the variants stay as printed in every row,
and an ``Organisation`` lists them as aliases; a filter by any variant matches them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Integer, column, delete, select, text
from sqlalchemy.orm import Session

from jixiao.store.names import display_name, organisation_key
from jixiao.store.schema import Project, SearchEntry

KINDS = ("department", "unit", "project", "indicator")
KIND_LABELS = {"department": "主管部门", "unit": "实施单位", "project": "项目", "indicator": "指标"}
TRIGRAM = 3


@dataclass(frozen=True, slots=True)
class Organisation:
    """A department or unit under one key: the name shown, and the other printed variants."""

    key: str
    name: str
    aliases: tuple[str, ...]

    @property
    def variants(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing found; ``count`` tables for a department or unit (one entry for them all)."""

    kind: str
    label: str
    document_id: int
    project_id: int | None
    indicator_id: int | None
    count: int = 1


def index_tables(session: Session, document_id: int, projects: Iterable[Project]) -> None:
    """(Re)write the search entries of one stored document's tables."""
    session.execute(delete(SearchEntry).where(SearchEntry.document_id == document_id))
    for p in projects:
        for kind, name in (("department", p.department), ("unit", p.unit)):
            if name:
                key = organisation_key(name) or ""
                session.add(SearchEntry(kind=kind, document_id=document_id, project_id=p.id, label=name,
                                        body=name if key in name else f"{name} {key}"))
        if p.name and p.kind != "final_accounts":
            session.add(SearchEntry(kind="project", document_id=document_id, project_id=p.id,
                                    label=p.name, body=p.name))
        for i in p.indicators:
            if i.row == "indicator" and i.name:
                session.add(SearchEntry(kind="indicator", document_id=document_id, project_id=p.id,
                                        indicator_id=i.id, label=i.name, body=i.name))


def _matches(session: Session, term: str) -> object:
    """The condition on ``SearchEntry`` for entries whose body holds ``term``."""
    if len(term) >= TRIGRAM and session.get_bind().dialect.name == "sqlite":
        phrase = '"' + term.replace('"', '""') + '"'
        ids = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :phrase").bindparams(
            phrase=phrase).columns(column("rowid", Integer))
        return SearchEntry.id.in_(ids)
    return SearchEntry.body.contains(term, autoescape=True)   # pg_trgm serves this on PostgreSQL


def search(session: Session, query: str, kind: str | None = None, limit: int = 100) -> list[Hit]:
    """What holds ``query`` anywhere in its name, up to ``limit`` of each kind; a department or
    unit once, with the number of its tables."""
    query = " ".join(query.split())
    if not query:
        return []
    terms = list(dict.fromkeys(t for t in (query, organisation_key(query)) if t))
    out: list[Hit] = []
    for k in (kind,) if kind in KINDS else KINDS:
        hits: dict[tuple[str, str] | int, Hit] = {}
        for term in terms:
            q = (select(SearchEntry).where(_matches(session, term), SearchEntry.kind == k)  # type: ignore[arg-type]
                 .order_by(SearchEntry.label, SearchEntry.id).limit(limit * 20))
            for e in session.scalars(q):
                key: tuple[str, str] | int = (e.kind, e.label) if k in ("department", "unit") else e.id
                found = hits.get(key)
                if found is None and len(hits) >= limit:
                    continue
                hits[key] = Hit(e.kind, e.label, e.document_id, e.project_id, e.indicator_id,
                                found.count + 1 if found else 1)
        out.extend(sorted(hits.values(), key=lambda h: h.label))
    return out


def organisations(session: Session, kind: str = "department") -> list[Organisation]:
    """Every department (or unit) printed in the store, its variants merged under one name."""
    col = Project.department if kind == "department" else Project.unit
    groups: dict[str, list[str]] = {}
    for name in session.scalars(select(col).distinct()):
        key = organisation_key(name)
        if key and name:
            groups.setdefault(key, []).append(name)
    out = []
    for key, variants in groups.items():
        shown = display_name(sorted(variants))
        out.append(Organisation(key, shown, tuple(sorted(v for v in variants if v != shown))))
    return sorted(out, key=lambda o: o.name)


def variants(session: Session, name: str, kind: str = "department") -> list[str]:
    """Every printed variant of ``name`` (itself included), for filters that must match them all."""
    key = organisation_key(name)
    found = next((o for o in organisations(session, kind) if o.key == key), None)
    return sorted({name, *(found.variants if found else ())})
