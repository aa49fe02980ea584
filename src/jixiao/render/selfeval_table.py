"""The official 项目支出绩效自评表 grid from the model, and its text / XLSX / DOCX forms.

One grid (rows of cells, 9 columns as published) serves every format, so what is
printed is the same everywhere and the readers can read it back.
"""

from __future__ import annotations

from jixiao.model.selfeval import EvaluationKind, SelfEvaluation
from jixiao.render import grid as grid_writers

WIDTH = 9
INDICATOR_HEADER = ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                    "分值", "得分", "偏差原因分析及改进措施")


def _t(value: str | None) -> str:
    return value or ""


def _row(*cells: str) -> list[str]:
    return list(cells) + [""] * (WIDTH - len(cells))


def title_of(evaluation: SelfEvaluation) -> str:
    return "部门整体支出绩效自评表" if evaluation.kind is EvaluationKind.DEPARTMENT else "项目支出绩效自评表"


def grid(evaluation: SelfEvaluation) -> list[list[str]]:
    """The table as published: project block, fund block, goals, indicator tree, 总分."""
    e = evaluation
    name_label = "预算单位名称" if e.kind is EvaluationKind.DEPARTMENT else "项目名称"
    rows = [
        _row(title_of(e)),
        _row(f"({e.year} 年度)" if e.year else ""),
        _row(name_label, "", _t(e.project.text)),
        _row("主管部门", "", _t(e.department.text), "", "实施单位", "", _t(e.unit.text)),
        _row("项目资金 (万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ]
    for f in e.funds:
        rows.append(_row("", _t(f.item.text), _t(f.initial.text), _t(f.budget.text), _t(f.executed.text),
                         _t(f.weight.text), _t(f.rate.text), _t(f.score.text)))
    rows.append(_row("年度总体目标", "", "预期目标", "", "实际完成情况"))
    rows.append(_row("", "", _t(e.goal_planned.text), "", _t(e.goal_actual.text)))
    rows.append(list(INDICATOR_HEADER))
    points = {h.level1: h.points.text for h in e.headings}
    last1 = last2 = None
    for i in e.indicators:
        level1 = ""
        if i.level1 != last1:
            printed = points.get(i.level1) if i.level1 else None
            level1 = f"{i.level1} ({printed}) 分" if printed else _t(i.level1)
        level2 = _t(i.level2) if (i.level2, i.level1) != (last2, last1) else ""
        rows.append(_row("", level1, level2, _t(i.name.text), _t(i.target.text), _t(i.actual.text),
                         _t(i.weight.text), _t(i.score.text), _t(i.reason.text)))
        last1, last2 = i.level1, i.level2
    rows.append(_row("总分", "", "", "", "", "", _t(e.total_weight.text), _t(e.total_score.text)))
    return rows


def to_text(evaluations: list[SelfEvaluation]) -> str:
    """Tab-separated text, as text extracted from a published PDF looks."""
    return grid_writers.to_text([grid(x) for x in evaluations])


def to_xlsx(evaluations: list[SelfEvaluation]) -> bytes:
    """One worksheet per table."""
    return grid_writers.to_xlsx([grid(x) for x in evaluations], "表", (10, 18, 14, 30, 12, 12, 8, 8, 28))


def to_docx(evaluations: list[SelfEvaluation]) -> bytes:
    """A Word document: title paragraphs and one bordered table per table."""
    return grid_writers.to_docx([grid(x) for x in evaluations], title_rows=2)
