"""Reference docs generated from the registries (datasette): checks, rule sets, commands.

``jixiao docs`` writes them; a test fails when a registered check, rule set or command
is missing from the committed docs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def checks_md() -> str:
    from jixiao.checks.registry import all_checks

    lines = ["# 检查项与问题代码 Finding codes", "",
             "由 `jixiao docs` 根据检查注册表生成，请勿手工编辑。", "",
             "| 代码 | 名称 | 级别 | 层级 | 范围 | 说明 |", "| --- | --- | --- | --- | --- | --- |"]
    for check in sorted(all_checks().values(), key=lambda c: c.code):
        aliases = f"（旧代码 {', '.join(check.aliases)}）" if check.aliases else ""
        lines.append(f"| `{check.code}` | {_escape(check.title)}{aliases} | {check.severity.label} | "
                     f"{check.tier.value} | {check.area} | {_escape(check.description)} |")
    lines += [""]
    return "\n".join(lines)


def rulesets_md() -> str:
    from jixiao.score.ruleset import rulesets_markdown

    return "# 评分规则集 Rule sets\n\n由 `jixiao docs` 根据 `score/rulesets/*.toml` 生成，请勿手工编辑。\n\n" + rulesets_markdown()


def commands_md() -> str:
    import click
    import typer.main

    from jixiao.cli import app

    group: Any = typer.main.get_command(app)
    ctx = click.Context(group, info_name="jixiao")
    lines = ["# 命令 Commands", "", "由 `jixiao docs` 根据命令行定义生成，请勿手工编辑。", ""]
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        sub = click.Context(command, info_name=f"jixiao {name}", parent=ctx)
        lines += [f"## `jixiao {name}`", "", (command.help or "").strip(), "", "```",
                  command.get_usage(sub), "```", ""]
        for param in command.params:
            if isinstance(param, click.Option):
                lines.append(f"- `{' / '.join(param.opts)}`：{_escape(param.help or '')}")
        lines.append("")
    return "\n".join(lines)


GENERATED = {"checks.md": checks_md, "rulesets.md": rulesets_md, "commands.md": commands_md}


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in GENERATED.items():
        path = folder / name
        path.write_text(make(), encoding="utf-8")
        out.append(path)
    return out
