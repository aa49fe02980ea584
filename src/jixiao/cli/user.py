"""``jixiao user add NAME --role R [--unit U] [--password-stdin]``, ``user list``, ``user password``, ``user disable``,
``user enable``, ``user token NAME`` (as ``jixiao token new``)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer
from sqlalchemy.orm import Session

from jixiao.cli.common import console, fail, open_database
from jixiao.store.db import session_factory, transaction
from jixiao.store.repository import StoreError
from jixiao.store.users import add_user, check_password, list_users, new_token, set_disabled, set_password

user_app = typer.Typer(help="用户与 API 令牌。", no_args_is_help=True)
Database = typer.Option(None, "--database", help="数据库 URL")
ROLES_ZH = {"admin": "管理员", "reviewer": "审核人员", "editor": "填报人员"}


def _in_store(database: str | None, change: Callable[[Session], object]) -> None:
    """One change to the users, in one transaction; a refusal is its message and exit 2."""
    try:
        with transaction(session_factory(open_database(database))) as session:
            change(session)
    except StoreError as exc:
        fail(exc.message, "refused")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码"))


@user_app.command("add")
def add(
    name: str = typer.Argument(..., help="用户名"),
    role: str = typer.Option(..., "--role", help="角色：admin（管理员）、reviewer（审核人员）、editor（填报人员）"),
    unit: str | None = typer.Option(None, "--unit", help="所属单位（填报人员只能上传和修改本单位的项目）"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码"),
    database: str | None = Database,
) -> None:
    """添加用户（密码须通过强度检查）。"""
    password = _password(password_stdin)
    try:
        check_password(password, (name, unit or ""))
        with transaction(session_factory(open_database(database))) as session:
            add_user(session, name, role, unit, password)
    except StoreError as exc:
        fail(exc.message, "refused")
    console.print(f"已添加用户 {name}（{role}）")


@user_app.command("list")
def list_(database: str | None = Database) -> None:
    """列出用户：用户名、角色、所属单位、是否停用。"""
    from rich.table import Table

    with transaction(session_factory(open_database(database))) as session:
        users = [(u.name, ROLES_ZH.get(u.role, u.role), u.unit or "—", "已停用" if u.disabled else "正常",
                  f"{u.created_at:%Y-%m-%d}") for u in list_users(session)]
    table = Table("用户名", "角色", "所属单位", "状态", "创建日期", title=f"用户（{len(users)} 个）")
    for row in users:
        table.add_row(*row)
    console.print(table)


@user_app.command("password")
def password_(name: str = typer.Argument(..., help="用户名"),
              password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码"),
              database: str | None = Database) -> None:
    """修改密码：该用户已登录的会话全部失效。"""
    password = _password(password_stdin)
    _in_store(database, lambda session: set_password(session, name, password))
    console.print(f"已修改用户 {name} 的密码，其已登录的会话均已失效")


@user_app.command("disable")
def disable(name: str = typer.Argument(..., help="用户名"), database: str | None = Database) -> None:
    """停用用户：其会话与 API 令牌立即失效。"""
    _in_store(database, lambda session: set_disabled(session, name, True))
    console.print(f"已停用用户 {name}")


@user_app.command("enable")
def enable(name: str = typer.Argument(..., help="用户名"), database: str | None = Database) -> None:
    """重新启用用户（须重新登录）。"""
    _in_store(database, lambda session: set_disabled(session, name, False))
    console.print(f"已启用用户 {name}")


@user_app.command("token")
def token(
    name: str = typer.Argument(..., help="用户名"),
    days: float | None = typer.Option(None, "--days", help="有效天数（默认 90 天）"),
    database: str | None = Database,
) -> None:
    """为用户生成新的 API 令牌（只显示一次；请求时用 Authorization: Bearer 令牌；见 jixiao token）。"""
    try:
        with transaction(session_factory(open_database(database))) as session:
            value = new_token(session, name, days)
    except StoreError as exc:
        fail(exc.message, "refused")
    sys.stdout.write(value + "\n")
