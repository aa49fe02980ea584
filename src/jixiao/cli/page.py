"""``jixiao page FILE --line N [--column C] --out page.png``: where a finding stands."""

from __future__ import annotations

from pathlib import Path

import typer

from jixiao.cli.common import console, exit_if_unreadable, write_atomic
from jixiao.sources.pictures import page_picture


def page(
    file: Path = typer.Argument(..., help="PDF、扫描件或图片"),
    line: int = typer.Option(..., "--line", "-l", help="行号（审核结果“位置”中的“第N行”）"),
    column: int | None = typer.Option(None, "--column", "-c", help="单元格序号（从 0 起，可省略）"),
    out: Path = typer.Option(..., "--out", "-o", help="输出图片（PNG）"),
) -> None:
    """把某一行所在的页面画成图片，并框出该单元格（或整行），便于对照原件核对审核结果。"""
    with exit_if_unreadable(file.name):
        picture = page_picture(file.name, file.read_bytes(), line, column)
    write_atomic(out, picture)
    console.print(f"已写入 {out}（{file.name} 第 {line} 行所在页面，已框出位置）")
