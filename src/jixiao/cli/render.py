"""``jixiao render FILE --to text|xlsx|docx [--out PATH] [--narrative]``: the official tables of a file.

Reads any input the readers know (or interchange JSON) and writes what it holds as the
published tables: 项目支出绩效自评表, 项目支出绩效目标表, the nine 部门决算 tables (with the
generated 情况说明 on request). One output file per kind of table the input holds.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import typer

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, console, report_unreadable
from jixiao.model.accounts import FinalAccounts
from jixiao.model.document import Document
from jixiao.sources.sheet import UnreadableInput

FORMATS = ("text", "xlsx", "docx")
SUFFIX = {"text": ".txt", "xlsx": ".xlsx", "docx": ".docx"}


def load(path: Path) -> Document:
    """The document a file holds: interchange JSON as is, anything else through the readers."""
    data = path.read_bytes()
    if path.suffix.lower() == ".json":
        from jixiao.render.interchange_in import from_interchange

        try:
            return from_interchange(json.loads(data.decode("utf-8")), path.name)
        except (ValueError, AttributeError, TypeError) as exc:
            raise UnreadableInput("不是有效的交换格式 JSON", f"not interchange JSON: {exc}") from exc
    from jixiao.pipeline import read_document

    return read_document(path.name, data)[0]


def generated_narrative() -> Callable[[FinalAccounts], str] | None:
    """The 情况说明 writer of ``render.narrative``, where that module offers one.

    Last year's figures and the 年初预算 are taken from the input's own 情况说明
    (``inputs_from_facts``) when the module can, so a published document regenerates whole.
    """
    try:
        from jixiao.render import narrative
    except ImportError:
        return None
    write = getattr(narrative, "render_narrative", None)
    if write is None:
        return None
    inputs = getattr(narrative, "inputs_from_facts", None)

    def run(fa: FinalAccounts) -> str:
        prior, budget = inputs(fa) if inputs is not None else ({}, {})
        return str(write(fa, prior, budget))
    return run


def outputs(document: Document, to: str, narrative: Callable[[FinalAccounts], str] | None
            ) -> list[tuple[str, bytes]]:
    """(kind in Chinese, file content) for each kind of table the document holds."""
    from jixiao.render import accounts_tables, selfeval_table, target_table

    out: list[tuple[str, bytes]] = []
    evaluations = list(document.project_self_evaluations + document.department_self_evaluations)
    if evaluations:
        out.append(("绩效自评表", _render(selfeval_table, to, evaluations)))
    if document.performance_targets:
        out.append(("绩效目标表", _render(target_table, to, list(document.performance_targets))))
    for n, fa in enumerate(document.final_accounts, start=1):
        label = "部门决算" if len(document.final_accounts) == 1 else f"部门决算{n}"
        out.append((label, _render(accounts_tables, to, fa, narrative(fa) if narrative else None)))
    return out


def _render(module: object, to: str, *args: object) -> bytes:
    """Call the module's ``to_text`` / ``to_xlsx`` / ``to_docx``; text as UTF-8."""
    made = getattr(module, f"to_{to}")(*args)
    return made.encode("utf-8") if isinstance(made, str) else bytes(made)


def render(
    file: Path = typer.Argument(..., help="输入文件（任何可读取的格式，或交换格式 JSON）"),
    to: str = typer.Option("text", "--to", "-t", help="输出格式：text、xlsx 或 docx"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（默认：text 打印到标准输出，其他写在当前目录）"),
    narrative: bool = typer.Option(False, "--narrative", help="部门决算附上自动生成的情况说明（一至七部分）"),
) -> None:
    """生成公开表格：把文件中的自评表、绩效目标表、部门决算九张公开表按官方格式输出为文本、XLSX 或 DOCX。"""
    if to not in FORMATS:
        report_unreadable("--to", f"未知的输出格式：{to}（可选：text、xlsx、docx）", f"unknown format: {to}")
        raise typer.Exit(EXIT_UNREADABLE)
    writer = generated_narrative() if narrative else None
    if narrative and writer is None:
        report_unreadable("--narrative", "情况说明生成模块不可用", "narrative generator not available")
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        document = load(file)
    except UnreadableInput as exc:
        report_unreadable(file.name, exc.zh, exc.en)
        raise typer.Exit(EXIT_UNREADABLE) from None
    except OSError as exc:
        report_unreadable(file.name, f"无法打开文件：{exc.strerror}", f"cannot open file: {exc.strerror}")
        raise typer.Exit(EXIT_UNREADABLE) from None
    made = outputs(document, to, writer)
    if not made:
        console.print(f"[yellow]{file.name} 中未读到可生成的表格。[/yellow]")
        raise typer.Exit(EXIT_FINDINGS)
    if to == "text" and out is None:
        sys.stdout.write("\n".join(data.decode("utf-8") for _, data in made))
        raise typer.Exit(EXIT_CLEAN)
    for path, (_, data) in zip(paths_for(file, to, out, [kind for kind, _ in made]), made, strict=True):
        write_bytes(path, data)
        console.print(f"已写入 {path}")
    raise typer.Exit(EXIT_CLEAN)


def paths_for(file: Path, to: str, out: Path | None, kinds: list[str]) -> list[Path]:
    """Output paths: ``--out`` as given for one kind; one file per kind, named by it, for several."""
    base = out or Path(f"{file.stem}_公开表{SUFFIX[to]}")
    if len(kinds) == 1:
        return [base]
    return [base.with_name(f"{base.stem}_{kind}{base.suffix or SUFFIX[to]}") for kind in kinds]


def write_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename: never a half-written table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes it private; a table is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
