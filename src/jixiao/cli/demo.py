"""``jixiao demo``: the main job on the bundled examples — read, score, audit, report.

It finishes by itself: prints the audit summary, writes the reports, extractions and
generated tables under ``--out``, and says how to go on (``jixiao serve``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from jixiao.cli.common import console, expand_inputs, write_atomic

EXAMPLES = Path("examples")


def _inputs(out: Path) -> list[Path]:
    """The bundled examples; written afresh under ``out`` when run outside the repository."""
    if EXAMPLES.is_dir() and any(EXAMPLES.iterdir()):
        return expand_inputs([EXAMPLES])
    from jixiao.samples import write

    return write(out / "examples")


def demo(out: Path = typer.Option(Path("out"), "--out", "-o", help="输出文件夹")) -> None:
    """主流程演示：读取内置示例，重算得分，审核并输出报告（HTML、JSON）。"""
    from jixiao.pipeline import link_results, run
    from jixiao.render import findings_table
    from jixiao.render.interchange import to_interchange
    from jixiao.render.official import contents, rendered
    from jixiao.render.report import build_report, to_html, to_json, to_text

    inputs = _inputs(out)
    results = list(link_results([run(path) for path in inputs]))
    for result in results:
        if result.unreadable is None:
            payload = json.dumps(to_interchange(result.document), ensure_ascii=False, indent=1)
            write_atomic(out / "extract" / f"{Path(result.source).stem}.{Path(result.source).suffix[1:]}.json",
                         payload + "\n")
    tables: set[str] = set()     # the official tables each example holds, as one workbook (once a name)
    for result in results:
        stem = Path(result.source).stem
        if result.unreadable is None and contents(result.document) and stem not in tables:
            tables.add(stem)
            write_atomic(out / "tables" / f"{stem}_公开表.xlsx", rendered(result.document, "xlsx", None))
    report = build_report(results)
    write_atomic(out / "report.html", to_html(report))
    write_atomic(out / "report.json", to_json(report))
    write_atomic(out / "审核发现.xlsx", findings_table.to_xlsx(results))
    sys.stdout.write(to_text(report, color=sys.stdout.isatty()))
    console.print(f"\n报告已写入 [bold]{out / 'report.html'}[/bold] 与 {out / 'report.json'}，"
                  f"审核发现表 {out / '审核发现.xlsx'}；抽取结果在 {out / 'extract'}/，"
                  f"按官方格式生成的表格在 {out / 'tables'}/。")
    console.print("下一步：[bold]jixiao import examples[/bold] 导入数据库，"
                  "[bold]jixiao serve[/bold] 打开网页（http://127.0.0.1:8000）。")
