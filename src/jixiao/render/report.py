"""The audit report: data first (JSON), then text (rich) and a self-contained HTML page.

``build_report`` gathers the pipeline's results of one audit run, adds the linkage
findings that need every document of the run, and orders findings by document and
project; the renderers only format what it holds.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where
from jixiao.pipeline import Result

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
KIND_NAMES = {
    "project_self_evaluation": "项目支出绩效自评表",
    "department_self_evaluation": "部门整体支出绩效自评表",
    "performance_target": "项目支出绩效目标表",
    "final_accounts": "部门决算",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """A finding with the input file it belongs to."""

    source: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class Report:
    results: tuple[Result, ...]
    entries: tuple[Entry, ...]

    @property
    def has_errors(self) -> bool:
        return any(e.finding.severity is Severity.ERROR for e in self.entries)


def build_report(results: Sequence[Result], tier: str = "default") -> Report:
    """Per-document findings grouped by document and project. The results are one run's,
    linked across it (``pipeline.link_results``: what ``jixiao audit`` passes)."""
    entries: list[Entry] = []
    for r in results:
        if r.unreadable is not None:
            continue
        own = list(r.findings)
        first: dict[str, int] = {}
        for f in own:  # projects in the order their tables stand in the document
            first[f.project or ""] = min(first.get(f.project or "", 1 << 30), f.where.line or 0)
        own.sort(key=lambda f: (first[f.project or ""], f.project or "", SEVERITY_ORDER[f.severity],
                                f.where.line or 0))
        entries.extend(Entry(r.source, f) for f in own)
    entries.extend(Entry(r.source, unreadable_finding(r)) for r in results if r.unreadable is not None)
    return Report(results=tuple(results), entries=tuple(entries))


def unreadable_finding(result: Result) -> Finding:
    """A file that could not be opened or decoded, as a finding of the report (X002)."""
    assert result.unreadable is not None
    return Finding(code="X002", severity=Severity.ERROR, message=f"无法读取：{result.unreadable.zh}",
                   where=Where(result.source), document_kind="document")


@dataclass(frozen=True, slots=True)
class RuleChoice:
    """The rule set one scorecard was rescored by and why: ``按 … 规则重算：依据 …``."""

    source: str
    tables: tuple[str, ...]
    ruleset: str
    sentence: str
    evidence: tuple[str, ...]


def rule_choices(report: Report) -> dict[str, list[RuleChoice]]:
    """Per document, the rule choices of its scorecards; tables with the same choice together."""
    out: dict[str, list[RuleChoice]] = {}
    for r in report.results:
        same: dict[str, list[Any]] = {}
        for card in r.scorecards:
            same.setdefault(card.choice or card.ruleset, []).append(card)
        out[r.source] = [RuleChoice(r.source, tuple(f"{KIND_NAMES[f'{c.evaluation.kind.value}_self_evaluation']} "
                                                     f"{c.evaluation.seq}" for c in cards),
                                    cards[0].ruleset, sentence, tuple(cards[0].evidence))
                         for sentence, cards in same.items()]
    return out


def tables_label(tables: tuple[str, ...]) -> str:
    """``项目支出绩效自评表 1–3、5`` style: the kind once, then the numbers."""
    by_kind: dict[str, list[str]] = {}
    for t in tables:
        kind, _, seq = t.rpartition(" ")
        by_kind.setdefault(kind, []).append(seq)
    return "；".join(f"{kind} {'、'.join(seqs)}" for kind, seqs in by_kind.items())


def summary(report: Report) -> dict[str, Any]:
    """The summary table: tables read, scores recomputed, findings by severity, grades."""
    count = Counter(e.finding.severity for e in report.entries)
    cards = [c for r in report.results for c in r.scorecards]
    return {
        "documents": len(report.results),
        "unreadable": sum(1 for r in report.results if r.unreadable is not None),
        "without_tables": sum(1 for r in report.results
                              if r.unreadable is None and r.document.table_count == 0),
        "tables_read": sum(r.document.table_count for r in report.results),
        "scorecards": len(cards),
        "scores_recomputed": sum(1 for c in cards for line in c.lines if line.computed is not None),
        "errors": count[Severity.ERROR],
        "warnings": count[Severity.WARNING],
        "infos": count[Severity.INFO],
        "grades": dict(sorted(Counter(c.grade for c in cards if c.grade).items())),
        "codes": dict(sorted(Counter(e.finding.code for e in report.entries).items())),
    }


def finding_json(entry: Entry) -> dict[str, Any]:
    f = entry.finding
    return {
        "source": entry.source, "document_kind": f.document_kind, "project": f.project,
        "indicator": f.indicator, "table": f.table, "code": f.code, "severity": f.severity.value,
        "message": f.message, "expected": f.expected, "actual": f.actual, "formula": f.formula,
        "location": {"file": f.where.file or entry.source, "line": f.where.line, "page": f.where.page},
    }


def to_json(report: Report) -> str:
    rules = [{"source": c.source, "tables": list(c.tables), "ruleset": c.ruleset, "choice": c.sentence,
              "evidence": list(c.evidence)} for choices in rule_choices(report).values() for c in choices]
    payload = {"findings": [finding_json(e) for e in report.entries], "rulesets": rules,
               "summary": summary(report)}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def groups(report: Report) -> list[tuple[str, list[tuple[str, list[Entry]]]]]:
    """Entries by document, then by project, in report order."""
    out: dict[str, dict[str, list[Entry]]] = {r.source: {} for r in report.results}
    for e in report.entries:
        f = e.finding
        heading = f.project or KIND_NAMES.get(f.document_kind, "（整个文件）")
        out.setdefault(e.source, {}).setdefault(heading, []).append(e)
    return [(source, list(projects.items())) for source, projects in out.items()]


SUMMARY_LABELS = (
    ("documents", "文件数"), ("unreadable", "无法读取"), ("without_tables", "未读出表格"),
    ("tables_read", "读取表格"), ("scorecards", "评分表"),
    ("scores_recomputed", "重算得分"), ("errors", "错误"), ("warnings", "警告"), ("infos", "提示"),
)
STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def to_text(report: Report, width: int = 120, color: bool = False) -> str:
    """A plain-text report (rich tables); ``color`` keeps the terminal styles."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False)
    choices = rule_choices(report)
    for source, projects in groups(report):
        console.rule(f"[bold]{escape(source)}")
        for c in choices.get(source, []):
            console.print(f"  [dim]{escape(c.sentence)}（{escape(tables_label(c.tables))}）[/dim]", soft_wrap=True)
        if not projects:
            console.print("  未发现问题")
        for project, entries in projects:
            console.print(f"[bold]{escape(project)}[/bold]", soft_wrap=True)
            for e in entries:
                f = e.finding
                console.print(f"  [{STYLE[f.severity]}]{f.severity.label} {f.code}[/] {escape(f.message)}",
                              soft_wrap=True)
                details = [f"位置：{f.where}" if f.where.file else "",
                           f"公式：{f.formula}" if f.formula else ""]
                if any(details):
                    console.print("      " + escape("；".join(d for d in details if d)), style="dim",
                                  soft_wrap=True)
    s = summary(report)
    table = Table(title="审核汇总")
    for _, label in SUMMARY_LABELS:
        table.add_column(label, justify="right")
    table.add_column("等级分布")
    table.add_row(*(str(s[key]) for key, _ in SUMMARY_LABELS),
                  "，".join(f"{g} {n}" for g, n in s["grades"].items()) or "—")
    console.print(table)
    return buffer.getvalue()


TEMPLATES = Path(__file__).parent / "templates"


def to_html(report: Report) -> str:
    """A self-contained HTML page (no external assets), autoescaped."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    return env.get_template("report.html").render(
        groups=groups(report), summary=summary(report), labels=SUMMARY_LABELS, kinds=KIND_NAMES,
        choices=rule_choices(report), tables_label=tables_label)


RENDERERS = {"json": to_json, "text": to_text, "html": to_html}
