"""The findings of an audit as a table (``jixiao audit --format csv|xlsx``), all in Chinese.

One row per finding: the file it was found in, where, its code with the check's title, its
severity (错误 / 警告 / 提示) and status, the message and the arithmetic. A file that could
not be read is a row of its own. The columns are data (``COLUMNS``), not code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jixiao.model.findings import Finding
from jixiao.pipeline import Result
from jixiao.render.grid import Printed
from jixiao.render.grid import to_xlsx as grid_to_xlsx
from jixiao.render.report import KIND_NAMES  # the audit report's words, the same in its table

OPEN = "待处理"          # a finding as the audit reports it, before any review
UNREADABLE_CODE = "—"



def _title(code: str) -> str:
    from jixiao.checks.registry import lookup

    found = lookup(code)
    return found.title if found is not None else ""


def _where(f: Finding) -> str:
    parts = []
    if f.where.page is not None:
        parts.append(f"第{f.where.page}页")
    if f.where.line is not None:
        parts.append(f"第{f.where.line}行")
    return "，".join(parts)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table: its heading and how a finding (of a file) fills it."""

    heading: str
    value: Callable[[str, Finding], str]


COLUMNS: tuple[Column, ...] = (
    Column("文件", lambda source, f: source),
    Column("文档类型", lambda source, f: KIND_NAMES.get(f.document_kind, f.document_kind)),
    Column("项目", lambda source, f: f.project or ""),
    Column("表", lambda source, f: f.table or ""),
    Column("指标", lambda source, f: f.indicator or ""),
    Column("位置", lambda source, f: _where(f)),
    Column("代码", lambda source, f: f.code),
    Column("检查项", lambda source, f: _title(f.code)),
    Column("严重程度", lambda source, f: f.severity.label),
    Column("状态", lambda source, f: OPEN),
    Column("说明", lambda source, f: f.message),
    Column("应为", lambda source, f: f.expected or ""),
    Column("实为", lambda source, f: f.actual or ""),
    Column("计算过程", lambda source, f: f.formula or ""),
)


def rows(results: Iterable[Result]) -> list[list[str]]:
    """The heading row, then one row per finding; an unreadable file as one 错误 row."""
    out = [[c.heading for c in COLUMNS]]
    for r in results:
        if r.unreadable is not None:
            filled = {"文件": r.source, "代码": UNREADABLE_CODE, "检查项": "无法读取", "严重程度": "错误",
                      "状态": OPEN, "说明": f"无法读取：{r.unreadable.zh}"}
            out.append([filled.get(c.heading, "") for c in COLUMNS])
            continue
        out += [[c.value(r.source, f) for c in COLUMNS] for f in r.findings]
    return out


def to_csv(results: Iterable[Result]) -> str:
    """CSV with a byte-order mark, so that Excel opens the Chinese text as UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows(results))
    return "\ufeff" + buffer.getvalue()


def to_xlsx(results: Iterable[Result]) -> bytes:
    """One ruled worksheet, the heading row repeated on every printed page."""
    table = rows(results)
    return grid_to_xlsx([Printed(name="审核发现", above=("审核发现",), rows=tuple(tuple(r) for r in table),
                                 header_rows=1)])
