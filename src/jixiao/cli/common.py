"""Options and helpers shared by the commands: exit codes, atomic writes, the database, error messages."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_CLEAN = 0      # no error found
EXIT_FINDINGS = 1   # at least one error-level finding
EXIT_UNREADABLE = 2  # an input could not be read

console = Console(stderr=True)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write through a temporary file and rename: never a half-written output file.

    An output that cannot be written (a folder, no permission, a full disk) is a short
    message and exit 2, never a traceback.
    """
    if path.is_dir():
        fail(f"输出路径“{path}”是一个文件夹，请指定文件名", f"output path {path} is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        fail(f"无法写入“{path}”：{exc.strerror}", f"cannot write {path}: {exc.strerror}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes it private; an output is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        fail(f"无法写入“{path}”：{exc.strerror}", f"cannot write {path}: {exc.strerror}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fail(zh: str, en: str) -> NoReturn:
    """A short message in Chinese and English, exit 2 (bad input or configuration)."""
    console.print(f"[red]{zh}[/red]  [dim]({en})[/dim]")
    raise typer.Exit(EXIT_UNREADABLE)


def checked_ruleset(name: str | None) -> str | None:
    """``--ruleset``: a bundled rule set's name, or the command stops saying which exist."""
    if name is not None:
        from jixiao.score.ruleset import RulesetError, load_ruleset

        try:
            load_ruleset(name)
        except RulesetError as exc:
            fail(str(exc), f"unknown rule set: {name}")
    return name


def open_database(url: str | None) -> Engine:
    """The engine of ``url`` with its schema up to date; a wrong URL or an unreachable
    database is a short message and exit 2, never a page of traceback."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError

    from jixiao.store.db import database_url, make_engine, upgrade

    shown = database_url(url).split("@")[-1]
    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        fail(f"数据库地址无效：{shown}（如 sqlite:///jixiao.db 或 postgresql://用户@主机/库）",
             f"invalid database URL: {type(exc).__name__}")
    try:
        upgrade(engine)
    except (OperationalError, ProgrammingError) as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        fail(f"无法连接或升级数据库：{shown}", f"cannot open database: {reason}")
    return engine


def report_unreadable(name: str, zh: str, en: str) -> None:
    console.print(f"[red]无法读取[/red] {name}：{zh}  [dim]({en})[/dim]")


@contextmanager
def exit_if_unreadable(name: str) -> Iterator[None]:
    """One input a command cannot go on without: unreadable or unopenable is its message
    and exit 2, never a traceback."""
    from jixiao.sources.sheet import UnreadableInput

    try:
        yield
    except UnreadableInput as exc:
        report_unreadable(name, exc.zh, exc.en)
        raise typer.Exit(EXIT_UNREADABLE) from None
    except OSError as exc:
        report_unreadable(name, f"无法打开文件：{exc.strerror}", f"cannot open file: {exc.strerror}")
        raise typer.Exit(EXIT_UNREADABLE) from None


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the files they hold (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith(".")))
        else:
            out.append(p)
    return out
