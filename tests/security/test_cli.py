"""The command line on bad input and bad configuration: a short message and exit 2, never a
traceback; ``jixiao import DIR`` goes on past a file that crashes its reader."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from jixiao.cli import app
from tests.security import bombs
from tests.web.web_fixtures import make_doc

runner = CliRunner()


def test_import_dir_goes_on_past_a_bad_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(make_doc(year=2021))
    (folder / "b.pdf").write_bytes(bombs.pdf(mediabox=False))
    (folder / "c.txt").write_bytes(make_doc(year=2022))
    (folder / "d.xlsx").write_bytes(bombs.xlsx_shared_string(80 * 1024 * 1024))
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    r = runner.invoke(app, ["import", str(folder), "--workers", "2", "--database", url], env={"COLUMNS": "250"})
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert r.output.count("已导入") == 2 and "解压后超过" in r.output
    listed = runner.invoke(app, ["import", str(folder / "a.txt"), "--database", url])
    assert "已存在" in listed.output


def test_a_wrong_database_url_is_a_short_message(tmp_path: Path) -> None:
    for url in ("nosuch://x", f"sqlite:///{tmp_path}/no/such/folder/x.db", "postgresql://nobody@127.0.0.1:1/x"):
        r = runner.invoke(app, ["db", "upgrade", "--database", url])
        assert r.exit_code == 2, (url, r.output)
        assert re.search(r"数据库", r.output) and "Traceback" not in r.output
        assert len(r.output.splitlines()) <= 6


def test_out_pointing_at_a_folder_is_a_short_message(tmp_path: Path, monkeypatch: Any) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(make_doc())
    r = runner.invoke(app, ["audit", str(source), "--format", "json", "--out", str(tmp_path)], env={"COLUMNS": "250"})
    assert r.exit_code == 2, r.output
    assert "文件夹" in r.output and "Traceback" not in r.output


def test_cli_audit_of_a_pdf_without_mediabox_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "nobox.pdf"
    bad.write_bytes(bombs.pdf(mediabox=False))
    r = runner.invoke(app, ["audit", str(bad)])
    assert r.exit_code == 2 and "Traceback" not in r.output
