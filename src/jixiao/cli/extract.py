"""``jixiao extract FILE… [--out DIR]``: the interchange JSON of each input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from jixiao.cli.common import EXIT_UNREADABLE, expand_inputs, report_unreadable, write_atomic
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
            write_atomic(out / f"{path.stem}.json", payload + "\n")
    raise typer.Exit(status)
