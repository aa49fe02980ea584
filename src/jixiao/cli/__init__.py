"""The ``jixiao`` command: one module per command, registered here."""

from __future__ import annotations

import typer

from jixiao.cli.extract import extract
from jixiao.cli.samples import samples

app = typer.Typer(help="绩效（Jixiao）：预算绩效与部门决算的读取、评分、审核与公开。",
                  no_args_is_help=True, add_completion=False)


@app.callback()
def _root() -> None:
    """绩效（Jixiao）：预算绩效与部门决算的读取、评分、审核与公开。"""


app.command("extract")(extract)
app.command("samples")(samples)


def main() -> None:
    app()
