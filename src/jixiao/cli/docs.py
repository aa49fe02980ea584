"""``jixiao docs [DIR]``: regenerate the reference docs from the registries."""

from __future__ import annotations

from pathlib import Path

import typer

from jixiao.cli.common import console


def docs(folder: Path = typer.Argument(Path("docs"), help="输出文件夹")) -> None:
    """根据注册表重新生成参考文档（问题代码、规则集、命令）。"""
    from jixiao.render.docs import write

    for path in write(folder):
        console.print(f"已写入 {path}")
