"""``jixiao import FILE|DIR… [--workers N]``: read in worker processes, store in this one.

Reading, scoring and checking run in parallel in a ``ParsePool`` (time and memory limits,
workers that die with this process); each file is then written in its own transaction, so
one bad file never loses the others and never stops the run. A file already stored (same
SHA-256) is not read again.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jixiao.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_UNREADABLE,
    checked_ruleset,
    console,
    expand_inputs,
    open_database,
)
from jixiao.store import repository
from jixiao.store.db import session_factory, transaction
from jixiao.store.repository import ImportReport, StoreError
from jixiao.workers import Parsed, ParsePool, parse


def import_(
    files: list[Path] = typer.Argument(..., help="要导入的文件或文件夹"),
    workers: int = typer.Option(min(4, os.cpu_count() or 1), "--workers", "-w", min=1,
                                help="读取文件的并行进程数"),
    database: str | None = typer.Option(None, "--database", help="数据库 URL（默认 JIXIAO_DATABASE_URL）"),
    ruleset: str | None = typer.Option(None, "--ruleset", help="评分规则集名称（默认按地区和年度选择；修改后重算也用它）"),
) -> None:
    """导入文件：读取、评分、审核并存入数据库（同一内容只存一次）。"""
    checked_ruleset(ruleset)
    engine = open_database(database)
    factory = session_factory(engine)
    inputs = expand_inputs(files)
    outcomes: list[tuple[str, ImportReport | str]] = []     # each file: its report, or why it failed
    todo: list[str] = []
    with factory() as session:
        for path in inputs:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                outcomes.append((str(path), f"无法打开：{exc.strerror}"))
                continue
            known = repository.find_by_sha256(session, digest)
            if known is not None:
                outcomes.append((str(path), repository.ImportReport(name=path.name, sha256=digest,
                                                                    document_id=known.id)))
            else:
                todo.append(str(path))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("读取并审核", total=len(todo))
        for source, result, error in _results(todo, workers, ruleset):
            progress.advance(task)
            outcomes.append((source, _store(factory, source, result, error)))
    status = _summary(factory, outcomes)
    if engine.dialect.name == "postgresql":   # fresh statistics, or the planner guesses badly
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    engine.dispose()
    raise typer.Exit(status)


def _store(factory: Any, source: str, result: Any, error: str | None) -> ImportReport | str:
    """One read file stored in its own transaction: its report, or why it was not stored."""
    if error is not None:
        return f"无法读取：{error}"
    try:
        with transaction(factory) as session:
            report = repository.import_result(session, Path(source).name, Path(source).read_bytes(), result)
    except StoreError as exc:  # refused as bad input (e.g. NUL in text): nothing stored
        return f"未保存：{exc.message}"
    except Exception as exc:   # one file's failure is reported, the others go on
        return f"保存失败：{type(exc).__name__}: {exc}"
    return f"未保存：{report.error}" if report.error is not None else report


def _summary(factory: Any, outcomes: list[tuple[str, ImportReport | str]]) -> int:
    """Print the results once every file is stored, so that the counts include the linkage
    findings a later file (a target table) brought to an earlier one; the exit status."""
    with factory() as session:
        reports = iter(repository.recounted(session, [o for _, o in outcomes if not isinstance(o, str)]))
    table = Table("文件", "结果", "表格", "错误", "警告", title="导入结果")
    status = EXIT_CLEAN
    for source, outcome in outcomes:
        if isinstance(outcome, str):
            table.add_row(source, f"[red]{outcome}[/red]", "", "", "")
            status = EXIT_UNREADABLE
            continue
        report = next(reports)
        verb = "已导入" if report.created else "已存在"
        table.add_row(source, f"{verb}（文档 {report.document_id}）", str(report.tables),
                      str(report.errors), str(report.warnings))
        if report.errors and status == EXIT_CLEAN:
            status = EXIT_FINDINGS
    console.print(table)
    return status


def _results(paths: list[str], workers: int, ruleset: str | None = None) -> Iterator[tuple[str, Any, str | None]]:
    """Read in worker processes, in order, with at most two files per worker in flight:
    the single writer is slower than the readers, so unbounded results would pile up.
    A file that cannot be opened, runs out of time or memory, or crashes its reader gets its
    message; the others go on."""
    pool = ParsePool(workers=workers, target=parse)
    pending: deque[tuple[str, Future[Parsed] | str]] = deque()

    def answer(path: str, item: Future[Parsed] | str) -> tuple[str, Any, str | None]:
        if isinstance(item, str):
            return path, None, item
        parsed = pool.wait(path, item)
        return path, parsed.result, parsed.error

    try:
        for path in paths:
            try:
                pending.append((path, pool.submit(Path(path).name, Path(path).read_bytes(), ruleset)))
            except OSError as exc:
                pending.append((path, f"无法打开文件：{exc.strerror}"))
            if len(pending) >= 2 * workers:
                yield answer(*pending.popleft())
        while pending:
            yield answer(*pending.popleft())
    finally:
        pool.close()
