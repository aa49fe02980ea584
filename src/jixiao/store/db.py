"""Engine, sessions and migrations: SQLite file by default, PostgreSQL through psycopg 3."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///jixiao.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(url: str | None = None) -> str:
    """The URL given, else ``JIXIAO_DATABASE_URL``, else ``sqlite:///jixiao.db``.

    ``postgresql://`` is read as psycopg 3 (``postgresql+psycopg://``).
    """
    url = url or os.environ.get("JIXIAO_DATABASE_URL") or DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    url = database_url(url)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
    # JSON columns keep Chinese as it is: escaping every character as \\uXXXX costs a third more.
    kwargs.setdefault("json_serializer", lambda value: json.dumps(value, ensure_ascii=False))
    engine = create_engine(url, **kwargs)
    event.listen(engine, "before_cursor_execute", _refuse_nul)
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:   # foreign keys and a writer beside readers
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()
    return engine


def _refuse_nul(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                executemany: bool) -> None:
    """PostgreSQL cannot hold NUL in text: refuse it on every database alike, as bad input (400)
    rather than a crash, wherever it comes from (a filter, a form, an edit, a document)."""
    if _has_nul(parameters):
        from jixiao.store.repository import Invalid

        raise Invalid("文本中不能含有空字符（\\x00）")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    return any(_has_nul(v) for v in value)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back otherwise."""
    with factory() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (``jixiao db upgrade``; also run when the app starts)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
