"""Alembic environment: the engine comes from ``jixiao.store.db.upgrade`` (or the URL)."""

from __future__ import annotations

from alembic import context

from jixiao.store.db import make_engine
from jixiao.store.schema import Base, modelled

config = context.config
engine = config.attributes.get("engine") or make_engine()

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, include_object=modelled,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
