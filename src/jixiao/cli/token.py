"""``jixiao token new NAME [--days N]``, ``jixiao token list [NAME]``, ``jixiao token revoke ID``."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from jixiao.cli.common import console, fail, open_database
from jixiao.store.db import session_factory, transaction
from jixiao.store.repository import StoreError
from jixiao.store.schema import now
from jixiao.store.users import list_tokens, new_token, revoke_token

token_app = typer.Typer(help="API 令牌：生成、列出、吊销。", no_args_is_help=True)
Database = typer.Option(None, "--database", help="数据库 URL（默认 JIXIAO_DATABASE_URL）")


@token_app.command("new")
def new(name: str = typer.Argument(..., help="用户名"),
        days: float | None = typer.Option(None, "--days", help="有效天数（默认见 JIXIAO_LIMIT_TOKEN_DAYS，90 天）"),
        label: str | None = typer.Option(None, "--label", help="用途说明"),
        database: str | None = Database) -> None:
    """为用户生成新的 API 令牌（只显示一次；请求时用 Authorization: Bearer 令牌）。"""
    try:
        with transaction(session_factory(open_database(database))) as session:
            value = new_token(session, name, days, label)
    except StoreError as exc:
        fail(exc.message, "refused")
    sys.stdout.write(value + "\n")


@token_app.command("list")
def list_(name: str | None = typer.Argument(None, help="只列出此用户的令牌"),
          database: str | None = Database) -> None:
    """列出令牌（编号、用户、用途、生成、到期、最近使用、状态），不显示令牌本身。"""
    table = Table("编号", "用户", "用途", "生成时间", "到期时间", "最近使用", "状态", title="API 令牌")
    moment = now()
    try:
        with transaction(session_factory(open_database(database))) as session:
            for t in list_tokens(session, name):
                state = ("已吊销" if t.revoked_at else "已过期" if t.expires_at and t.expires_at <= moment
                         else "已停用用户" if t.user.disabled else "有效")
                table.add_row(str(t.id), t.user.name, t.label or "", _at(t.created_at), _at(t.expires_at),
                              _at(t.last_used_at), state)
    except StoreError as exc:
        fail(exc.message, "refused")
    console.print(table)


@token_app.command("revoke")
def revoke(token_id: int = typer.Argument(..., help="令牌编号（见 jixiao token list）"),
           database: str | None = Database) -> None:
    """吊销令牌：立即失效。"""
    try:
        with transaction(session_factory(open_database(database))) as session:
            row = revoke_token(session, token_id)
            owner = row.user.name
    except StoreError as exc:
        fail(exc.message, "refused")
    console.print(f"已吊销令牌 {token_id}（用户 {owner}）")


def _at(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None and hasattr(value, "strftime") else "—"
