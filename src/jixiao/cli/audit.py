"""``jixiao audit FILE… --format text|json|html|csv|xlsx [--out PATH] [--ruleset NAME] [--strict]``.

csv and xlsx are the findings as a table in Chinese (``render.findings_table``), with the file
each was found in.

Exit codes: 0 clean, 1 at least one error-level finding, 2 an input could not be read (the
report still covers the others and lists the unreadable ones with their reasons).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from jixiao.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_UNREADABLE,
    checked_ruleset,
    console,
    expand_inputs,
    fail,
    report_unreadable,
    write_atomic,
)
from jixiao.pipeline import Result, link_results, run
from jixiao.render import findings_table
from jixiao.render.report import RENDERERS, build_report, to_text

# the findings as a table: CSV text (with its BOM) or XLSX bytes
TABLES: dict[str, Callable[[list[Result]], str | bytes]] = {
    "csv": findings_table.to_csv, "xlsx": findings_table.to_xlsx}


def audit(
    files: list[Path] = typer.Argument(..., help="输入文件或文件夹"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text、json、html、csv 或 xlsx（审核发现表）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（默认打印到标准输出）"),
    ruleset: str | None = typer.Option(None, "--ruleset", help="评分规则集名称"),
    strict: bool = typer.Option(False, "--strict", help="同时运行严格级检查"),
) -> None:
    """审核文件：重算得分、列出全部问题（按文件和项目分组）并汇总。"""
    if format not in (*RENDERERS, *TABLES):
        known = "、".join((*RENDERERS, *TABLES))
        fail(f"未知的输出格式：{format}（可选：{known}）", f"unknown format: {format}")
    if format == "xlsx" and out is None:
        fail("xlsx 格式须用 --out 指定输出文件", "--out is required with --format xlsx")
    checked_ruleset(ruleset)
    inputs = expand_inputs(files)
    if not inputs:
        report_unreadable("FILE", "没有可读取的输入文件", "no input files")
        raise typer.Exit(EXIT_UNREADABLE)
    tier = "strict" if strict else "default"
    # linkage (L0xx) across every file of the run, as the store does across stored documents
    results = list(link_results([run(path, ruleset, tier) for path in inputs], tier))
    unreadable = [r for r in results if r.unreadable is not None]
    for r in unreadable:
        assert r.unreadable is not None
        report_unreadable(r.source, r.unreadable.zh, r.unreadable.en)
    # The readable files are reported; the unreadable ones are listed in it with their reasons.
    report = build_report(results, tier)
    findings = sum(len(r.findings) for r in results)
    if format in TABLES and out is not None:
        write_atomic(out, TABLES[format](results))
        console.print(f"已写入审核发现表 {out}（{len(results)} 个文件，{findings} 条审核发现）")
    elif format in TABLES:
        sys.stdout.write(findings_table.to_csv(results))
    elif out is not None:
        write_atomic(out, RENDERERS[format](report))
        console.print(f"已写入审核报告 {out}（{len(results)} 个文件，{findings} 条审核发现）")
    elif format == "text":
        sys.stdout.write(to_text(report, color=sys.stdout.isatty()))
    else:
        sys.stdout.write(RENDERERS[format](report))
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_FINDINGS if report.has_errors else EXIT_CLEAN)
