"""``jixiao db upgrade``: bring the database schema up to date (also done on start)."""

from __future__ import annotations

import typer

from jixiao.cli.common import console, open_database
from jixiao.store.db import database_url

db_app = typer.Typer(help="数据库。", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade_(database: str | None = typer.Option(None, "--database", help="数据库 URL")) -> None:
    """把数据库结构升级到最新版本。"""
    open_database(database).dispose()
    console.print(f"数据库已是最新结构：{database_url(database).split('@')[-1]}")
