"""``jixiao extract FILE… [--out DIR]``: the interchange JSON of each input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from jixiao.cli.common import EXIT_UNREADABLE, console, expand_inputs, report_unreadable, write_atomic
from jixiao.model.document import Document
from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from jixiao.sources.sheet import UnreadableInput


def extract(
    files: list[Path] = typer.Argument(..., help="输入文件或文件夹"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件夹（每个输入一个 JSON）"),
) -> None:
    """读取文件，输出交换格式 JSON（LABELS.md）。"""
    inputs = expand_inputs(files)
    if out is None and len(inputs) != 1:
        report_unreadable("--out", "多个输入文件时须指定 --out 输出文件夹",
                          "--out is required with more than one input")
        raise typer.Exit(EXIT_UNREADABLE)
    status = 0
    written: list[Path] = []
    for path in inputs:
        try:
            document, _ = read_document(path.name, path.read_bytes())
        except UnreadableInput as exc:
            report_unreadable(path.name, exc.zh, exc.en)
            status = EXIT_UNREADABLE
            continue
        except OSError as exc:
            report_unreadable(path.name, f"无法打开文件：{exc.strerror}", f"cannot open file: {exc.strerror}")
            status = EXIT_UNREADABLE
            continue
        payload = json.dumps(to_interchange(document), ensure_ascii=False, indent=1)
        if out is None:
            sys.stdout.write(payload + "\n")
        else:
            target = out / f"{path.stem}.json"
            write_atomic(target, payload + "\n")
            written.append(target)
            console.print(f"已写入 {target}（{describe(document)}）")
    if out is not None:
        console.print(f"共写入 {len(written)} 个文件到 {out}" + (f"，{len(inputs) - len(written)} 个文件无法读取"
                                                                 if len(written) < len(inputs) else ""))
    raise typer.Exit(status)


def describe(document: Document) -> str:
    """What a document holds, in a few words: ``绩效自评表 4 张、部门决算 1 份``."""
    held = [("绩效自评表", len(document.project_self_evaluations) + len(document.department_self_evaluations), "张"),
            ("绩效目标表", len(document.performance_targets), "张"), ("部门决算", len(document.final_accounts), "份")]
    return "、".join(f"{kind} {n} {measure}" for kind, n, measure in held if n) or "未读到表格"
