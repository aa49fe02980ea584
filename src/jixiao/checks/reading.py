"""Reading findings: what the readers could not read, reported like every other finding.

The read step records its problems on the ``Document`` (a reader that failed, two
readers claiming one table, a run of numbers with no single split); these checks report
them under their stable codes, and R003 says plainly when no table was read at all — a
document Jixiao could not read is never reported as free of problems.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.checks.registry import Context, Example, Hit, Tier, check
from jixiao.model.document import Document
from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where

SAMPLE = "示例.txt"


def _recorded(code: str) -> object:
    """A check that reports the read step's findings of one code."""

    def fn(ctx: Context) -> Iterator[Hit]:
        for f in ctx.document.findings:
            if f.code == code:
                yield Hit(where=f.where, document_kind=f.document_kind or "document", project=f.project,
                          table=f.table, excerpt=f.excerpt, severity=f.severity,
                          params={"message": f.message})

    return fn


def _examples(code: str, severity: Severity) -> tuple[Example, ...]:
    recorded = Finding(code=code, severity=severity, message="示例", where=Where(SAMPLE, line=1),
                       document_kind="document")
    return (Example("读取时记录的问题", lambda: Document(source=SAMPLE, findings=(recorded,)), fails=True),
            Example("没有记录问题", lambda: Document(source=SAMPLE), fails=False))


for _code, _name, _title, _severity in (
    ("R001", "reader-failed", "读取器读取失败", Severity.ERROR),
    ("R002", "tables-claimed-twice", "两个读取器认领同一表格", Severity.WARNING),
    ("R004", "ambiguous-split", "连写数字无法唯一拆分", Severity.WARNING),
    ("R005", "two-readings", "同一表格有两种读法，采用更完整者", Severity.INFO),
    ("R006", "table-cut-off", "表格在文件中途被截断", Severity.INFO),
    ("R007", "region-unread", "疑似表格的区域未读取", Severity.INFO),
    ("R008", "number-unsure", "扫描件中识别可信度低的数字已留空", Severity.WARNING),
    ("X001", "check-failed", "检查执行失败", Severity.WARNING),
    ("X002", "file-unreadable", "文件无法读取", Severity.ERROR),
):
    check(_code, _name, _title, _severity, "reading", "{message}", tier=Tier.ALWAYS,
          description=f"{_title}：读取或检查阶段记录的问题，原样报告，提示人工核对相关位置。",
          examples=_examples(_code, _severity))(_recorded(_code))  # type: ignore[arg-type]


def _sample_table() -> Document:
    from jixiao.samples import self_evaluations

    return Document(source=SAMPLE, project_self_evaluations=tuple(self_evaluations()[:1]))


@check("R003", "no-table-read", "未读取到任何表格", Severity.WARNING, "reading",
       "未在文件中识别出任何绩效目标表、绩效自评表或部门决算表：本文件未被审核，不能视为没有问题。"
       "请确认文件内容，或换用原始格式（XLSX、DOCX、PDF）重新提交。",
       description="文件能打开，但没有读出任何表格。审核结果为空不等于没有问题，需人工查看。",
       tier=Tier.ALWAYS,
       examples=(Example("只有文字的文件", lambda: Document(source=SAMPLE), fails=True),
                 Example("读出了表格的文件", _sample_table, fails=False)))
def no_table_read(ctx: Context) -> Iterator[Hit]:
    if ctx.document.table_count == 0:
        yield Hit(where=Where(ctx.document.source), document_kind="document")
