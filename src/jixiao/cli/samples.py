"""``jixiao samples [DIR]``: (re)write the bundled example documents."""

from __future__ import annotations

from pathlib import Path

import typer

from jixiao.cli.common import console


def samples(folder: Path = typer.Argument(Path("examples"), help="输出文件夹")) -> None:
    """生成内置示例文件（虚构单位的绩效自评表、绩效目标表和部门决算，含若干典型错误）。"""
    from jixiao.samples import write

    for path in write(folder):
        console.print(f"已写入 {path}")
