"""``jixiao import``, ``jixiao user``, ``jixiao db upgrade`` over a temporary SQLite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.store import repository as repo
from jixiao.store.db import make_engine, session_factory
from jixiao.store.users import authenticate, user_for_token
from tests.shared import SEEDS
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




@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")
def test_import_prints_its_counts_after_linkage(tmp_path: Path, url: str) -> None:
    """The target table (004) comes last: it links to the self-evaluations stored before it
    and rescores them; the printed counts are those the store holds at the end, not those of
    the moment each file was stored."""
    seeds = sorted(SEEDS.glob("*.txt"))
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    assert CliRunner().invoke(app, ["import", *map(str, seeds[:-1]), "--database", alone]).exit_code == 1
    result = CliRunner().invoke(app, ["import", *map(str, seeds), "--workers", "2", "--database", url],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    printed = {int(m[1]): (int(m[2]), int(m[3])) for m in re.finditer(
        r"已导入（文档 (\d+)）\s*│\s*\d+\s*│\s*(\d+)\s*│\s*(\d+)", result.output)}
    assert len(printed) == len(seeds), result.output

    def counts(database: str) -> dict[str, tuple[int, int]]:
        with session_factory(make_engine(database))() as s:
            return {d.name: (d.id, d.error_count, d.warning_count) for d in repo.list_documents(s).items}

    stored, before = counts(url), counts(alone)
    assert printed == {i: (e, w) for i, e, w in stored.values()}
    assert any(stored[name][1:] != before[name][1:] for name in before), "004 links to an earlier file"


def test_import_keeps_the_chosen_rule_set(tmp_path: Path, url: str) -> None:
    path = tmp_path / "自评.txt"
    path.write_bytes(make_doc())
    unknown = CliRunner().invoke(app, ["import", str(path), "--ruleset", "不存在", "--database", url])
    assert unknown.exit_code != 0 and "未知规则集：不存在" in unknown.output
    result = CliRunner().invoke(app, ["import", str(path), "--workers", "1", "--ruleset", "national-2020",
                                      "--database", url])
    assert result.exit_code in (0, 1), result.output
    with session_factory(make_engine(url))() as s:
        [row] = repo.list_documents(s).items
        assert row.ruleset == "national-2020"
