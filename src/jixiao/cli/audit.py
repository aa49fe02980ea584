"""``jixiao audit FILE… --format text|json|html [--out PATH] [--ruleset NAME] [--strict]``.

Exit codes: 0 clean, 1 at least one error-level finding, 2 an input could not be read (the
report still covers the others and lists the unreadable ones with their reasons).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from jixiao.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_UNREADABLE,
    console,
    expand_inputs,
    report_unreadable,
    write_atomic,
)
from jixiao.pipeline import run
from jixiao.render.report import RENDERERS, build_report, to_text
from jixiao.score.ruleset import RulesetError, load_ruleset


def audit(
    files: list[Path] = typer.Argument(..., help="输入文件或文件夹"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json 或 html"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（默认打印到标准输出）"),
    ruleset: str | None = typer.Option(None, "--ruleset", help="评分规则集名称"),
    strict: bool = typer.Option(False, "--strict", help="同时运行严格级检查"),
) -> None:
    """审核文件：重算得分、列出全部问题（按文件和项目分组）并汇总。"""
    if format not in RENDERERS:
        report_unreadable("--format", f"未知的输出格式：{format}（可选：text、json、html）",
                          f"unknown format: {format} (text, json, html)")
        raise typer.Exit(EXIT_UNREADABLE)
    if ruleset is not None:
        try:
            load_ruleset(ruleset)
        except RulesetError as exc:
            report_unreadable("--ruleset", str(exc), f"unknown rule set: {ruleset}")
            raise typer.Exit(EXIT_UNREADABLE) from None
    inputs = expand_inputs(files)
    if not inputs:
        report_unreadable("FILE", "没有可读取的输入文件", "no input files")
        raise typer.Exit(EXIT_UNREADABLE)
    results = [run(path, ruleset, "strict" if strict else "default") for path in inputs]
    unreadable = [r for r in results if r.unreadable is not None]
    for r in unreadable:
        assert r.unreadable is not None
        report_unreadable(r.source, r.unreadable.zh, r.unreadable.en)
    # The readable files are reported; the unreadable ones are listed in it with their reasons.
    report = build_report(results, "strict" if strict else "default")
    if out is not None:
        write_atomic(out, RENDERERS[format](report))
        console.print(f"审核报告已写入 {out}")
    elif format == "text":
        sys.stdout.write(to_text(report, color=sys.stdout.isatty()))
    else:
        sys.stdout.write(RENDERERS[format](report))
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_FINDINGS if report.has_errors else EXIT_CLEAN)
