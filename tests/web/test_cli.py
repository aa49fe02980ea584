"""``jixiao import``, ``jixiao user``, ``jixiao db upgrade`` over a temporary SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.store import repository as repo
from jixiao.store.db import make_engine, session_factory
from jixiao.store.users import authenticate, user_for_token
from tests.web.web_fixtures import make_doc


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_import_files_and_folders_in_parallel(tmp_path: Path, url: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for year in (2022, 2023, 2024):
        (folder / f"自评_{year}.txt").write_bytes(make_doc(year=year))
    (folder / "copy.txt").write_bytes(make_doc(year=2024))          # same content: one document
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 10)
    result = CliRunner().invoke(app, ["import", str(folder), "--workers", "2", "--database", url])
    assert result.exit_code == 2, result.output                      # one unreadable file
    assert "无法读取" in result.output or "未保存" in result.output
    with session_factory(make_engine(url))() as s:
        assert repo.list_documents(s).total == 3
    again = CliRunner().invoke(app, ["import", str(folder / "自评_2022.txt"), "--database", url])
    assert again.exit_code == 1 and "已存在" in again.output          # stored before; it has errors


def test_user_add_and_token(url: str) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "张三", "--role", "editor", "--unit", "某中心", "--password-stdin",
                            "--database", url], input="a-long-password\n")
    assert r.exit_code == 0, r.output
    bad = runner.invoke(app, ["user", "add", "李四", "--role", "boss", "--password-stdin", "--database", url],
                        input="a-long-password\n")
    assert bad.exit_code == 2 and "角色须为" in bad.output
    token = runner.invoke(app, ["user", "token", "张三", "--database", url]).stdout.strip()
    with session_factory(make_engine(url))() as s:
        assert user_for_token(s, token).unit == "某中心"  # type: ignore[union-attr]
        assert authenticate(s, "张三", "a-long-password") is not None
    assert runner.invoke(app, ["db", "upgrade", "--database", url]).exit_code == 0


def test_serve_is_registered() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output


