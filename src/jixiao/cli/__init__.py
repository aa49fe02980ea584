"""The ``jixiao`` command: one module per command, registered here."""

from __future__ import annotations

import typer

from jixiao.cli.audit import audit
from jixiao.cli.db import db_app
from jixiao.cli.demo import demo
from jixiao.cli.docs import docs
from jixiao.cli.extract import extract
from jixiao.cli.importer import import_
from jixiao.cli.page import page
from jixiao.cli.render import render
from jixiao.cli.samples import samples
from jixiao.cli.serve import serve
from jixiao.cli.token import token_app
from jixiao.cli.user import user_app

app = typer.Typer(help="绩效（Jixiao）：预算绩效与部门决算的读取、评分、审核与公开。",
                  no_args_is_help=True, add_completion=False)


@app.callback()
def _root() -> None:
    """绩效（Jixiao）：预算绩效与部门决算的读取、评分、审核与公开。"""


app.command("demo")(demo)
app.command("extract")(extract)
app.command("audit")(audit)
app.command("samples")(samples)
app.command("docs")(docs)
app.command("import")(import_)
app.command("serve")(serve)
app.command("render")(render)
app.command("page")(page)
app.add_typer(user_app, name="user")
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")


def main() -> None:
    app()
