"""``jixiao render FILE --to text|xlsx|docx [--out PATH] [--narrative]``: the official tables of a file.

Reads any input the readers know (or interchange JSON) and writes what it holds as the
published tables: 项目支出绩效自评表, 项目支出绩效目标表, the nine 部门决算 tables (with the
generated 情况说明 on request). Everything goes into the one file asked for (``--out``), whose
suffix also names the format when ``--to`` is not given.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, console, exit_if_unreadable, fail, write_atomic
from jixiao.model.accounts import FinalAccounts
from jixiao.model.document import Document
from jixiao.render.official import FORMATS, SUFFIX, contents, rendered
from jixiao.sources.sheet import UnreadableInput

FORMAT_OF = {".txt": "text", ".text": "text", ".xlsx": "xlsx", ".docx": "docx"}


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


def output_format(to: str | None, out: Path | None) -> str:
    """The format asked for: ``--to``, else the suffix of ``--out``, else text; the two must agree."""
    by_suffix = FORMAT_OF.get(out.suffix.lower()) if out is not None else None
    if to is None:
        if out is not None and out.suffix and by_suffix is None:
            fail(f"无法从文件名“{out.name}”判断输出格式：请用 --to 指定 text、xlsx 或 docx",
                 f"cannot tell the format from {out.name}: use --to")
        return by_suffix or "text"
    if to not in FORMATS:
        fail(f"未知的输出格式：{to}（可选：text、xlsx、docx）", f"unknown format: {to}")
    if by_suffix is not None and by_suffix != to:
        fail(f"输出格式 {to} 与文件名“{out.name if out else ''}”的后缀不符：请改用 {SUFFIX[to]} 后缀或相应的 --to",
             f"--to {to} does not match the suffix of {out}")
    return to


def render(
    file: Path = typer.Argument(..., help="输入文件（任何可读取的格式，或交换格式 JSON）"),
    to: str | None = typer.Option(None, "--to", "-t", help="输出格式：text、xlsx 或 docx（默认按 --out 的后缀，否则 text）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（默认：text 打印到标准输出，其他写在当前目录）"),
    narrative: bool = typer.Option(False, "--narrative", help="部门决算附上自动生成的情况说明（一至七部分）"),
) -> None:
    """生成公开表格：把文件中的自评表、绩效目标表、部门决算九张公开表按官方格式输出为文本、XLSX 或 DOCX（全部写入一个文件）。"""
    fmt = output_format(to, out)
    writer = generated_narrative() if narrative else None
    if narrative and writer is None:
        fail("情况说明生成模块不可用", "narrative generator not available")
    with exit_if_unreadable(file.name):
        document = load(file)
    held = contents(document)
    if not held:
        console.print(f"[yellow]{file.name} 中未读到可生成的表格。[/yellow]")
        raise typer.Exit(EXIT_FINDINGS)
    data = rendered(document, fmt, writer)
    if fmt == "text" and out is None:
        sys.stdout.write(data.decode("utf-8"))
        raise typer.Exit(EXIT_CLEAN)
    path = out or Path(f"{file.stem}_公开表{SUFFIX[fmt]}")
    write_atomic(path, data)
    console.print(f"已写入 {path}：" + "、".join(f"{kind} {n} 张" for kind, n in held))
    raise typer.Exit(EXIT_CLEAN)


