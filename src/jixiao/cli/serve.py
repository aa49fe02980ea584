"""``jixiao serve [--host --port]``: the web pages and the REST API (schema upgraded first)."""

from __future__ import annotations

import typer


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(8000, "--port", help="监听端口"),
    database: str | None = typer.Option(None, "--database", help="数据库 URL（默认 JIXIAO_DATABASE_URL）"),
) -> None:
    """启动网页与 REST API（REST API 在 /api，接口说明 /api/openapi.json）。"""
    import uvicorn

    from jixiao.cli.common import open_database
    from jixiao.web.app import create_app

    uvicorn.run(create_app(engine=open_database(database)), host=host, port=port)
