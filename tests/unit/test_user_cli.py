"""``jixiao user list``: every user with role, unit and state, in Chinese."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app


def test_users_are_listed_with_their_role_unit_and_state(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'u.db'}"
    for name, role, unit in (("lisi", "reviewer", None), ("zhangsan", "editor", "示例县档案局")):
        args = ["user", "add", name, "--role", role, "--password-stdin", "--database", url]
        added = runner.invoke(app, args + (["--unit", unit] if unit else []), input="correct horse battery 9\n")
        assert added.exit_code == 0, added.output
    assert runner.invoke(app, ["user", "disable", "lisi", "--database", url]).exit_code == 0
    listed = runner.invoke(app, ["user", "list", "--database", url], terminal_width=200)
    assert listed.exit_code == 0, listed.output
    rows = [line for line in listed.output.splitlines() if "lisi" in line or "zhangsan" in line]
    assert len(rows) == 2 and "审核人员" in rows[0] and "已停用" in rows[0]
    assert "填报人员" in rows[1] and "示例县档案局" in rows[1] and "正常" in rows[1]


def test_changing_an_unknown_users_password_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'u.db'}"
    assert runner.invoke(app, ["user", "add", "wang", "--role", "admin", "--password-stdin", "--database", url],
                         input="correct horse battery 9\n").exit_code == 0
    changed = runner.invoke(app, ["user", "password", "wang", "--password-stdin", "--database", url],
                            input="another long passphrase 7\n")
    assert changed.exit_code == 0 and "已修改" in changed.output
    unknown = runner.invoke(app, ["user", "enable", "nobody", "--database", url])
    assert unknown.exit_code == 2 and "nobody" in unknown.output and "Traceback" not in unknown.output
