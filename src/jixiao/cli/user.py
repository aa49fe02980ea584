"""``jixiao user add NAME --role R [--unit U] [--password-stdin]``, ``jixiao user token NAME``."""

from __future__ import annotations

import sys

import typer

from jixiao.cli.common import console
from jixiao.store.db import make_engine, session_factory, transaction, upgrade
from jixiao.store.repository import StoreError
from jixiao.store.users import add_user, new_token

user_app = typer.Typer(help="用户与 API 令牌。", no_args_is_help=True)


def _factory(database: str | None) -> object:
    engine = make_engine(database)
    upgrade(engine)
    return session_factory(engine)


@user_app.command("add")
def add(
    name: str = typer.Argument(..., help="用户名"),
    role: str = typer.Option(..., "--role", help="角色：admin（管理员）、reviewer（审核人员）、editor（填报人员）"),
    unit: str | None = typer.Option(None, "--unit", help="所属单位（填报人员只能修改本单位的项目）"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码"),
    database: str | None = typer.Option(None, "--database", help="数据库 URL"),
) -> None:
    """添加用户。"""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    if len(password) < 8:
        console.print("[red]密码至少 8 个字符[/red]")
        raise typer.Exit(2)
    try:
        with transaction(_factory(database)) as session:  # type: ignore[arg-type]
            add_user(session, name, role, unit, password)
    except StoreError as exc:
        console.print(f"[red]{exc.message}[/red]")
        raise typer.Exit(2) from None
    console.print(f"已添加用户 {name}（{role}）")


@user_app.command("token")
def token(
    name: str = typer.Argument(..., help="用户名"),
    database: str | None = typer.Option(None, "--database", help="数据库 URL"),
) -> None:
    """为用户生成新的 API 令牌（只显示一次；请求时用 Authorization: Bearer 令牌）。"""
    try:
        with transaction(_factory(database)) as session:  # type: ignore[arg-type]
            value = new_token(session, name)
    except StoreError as exc:
        console.print(f"[red]{exc.message}[/red]")
        raise typer.Exit(2) from None
    sys.stdout.write(value + "\n")
