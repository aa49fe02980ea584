"""The official 项目支出绩效自评表 grid from the model, and its text / XLSX / DOCX forms.

One grid (rows of cells, 9 columns as published) serves every format, so what is
printed is the same everywhere and the readers can read it back.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.model.selfeval import EvaluationKind, SelfEvaluation
from jixiao.render import grid as grid_writers
from jixiao.render.grid import Printed, Span, column_spans, numbered

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


def layout(evaluation: SelfEvaluation) -> Printed:
    """The table as the template prints it: title and year above; the label and value blocks,
    项目资金 and 绩效指标 down their rows, each level-1 and level-2 name down its block merged;
    amounts, weights, rates and scores as numbers."""
    rows = grid(evaluation)
    above, body = tuple(r[0] for r in rows[:2]), rows[2:]
    funds = len(evaluation.funds)
    goal = 3 + funds                      # 年度总体目标 label row, within ``body``
    head = goal + 2                       # the indicator header row
    total = len(body) - 1
    spans = [Span(0, 0, 1, 2), Span(0, 2, 1, 7),
             Span(1, 0, 1, 2), Span(1, 2, 1, 2), Span(1, 4, 1, 2), Span(1, 6, 1, 3),
             Span(2, 0, 1 + funds, 1), *(Span(k, 7, 1, 2) for k in range(2, 3 + funds)),
             Span(goal, 0, 2, 2), Span(goal, 2, 1, 2), Span(goal, 4, 1, 5),
             Span(goal + 1, 2, 1, 2), Span(goal + 1, 4, 1, 5),
             Span(total, 0, 1, 6), Span(total, 7, 1, 2)]
    level1 = column_spans(body, 1, head + 1, total - 1)
    blocks = [Span(head, 0, total - head, 1), *level1, *column_spans(body, 2, head + 1, total - 1, level1)]
    money = [(k, j) for k in range(3, 3 + funds) for j in (2, 3, 4)]
    plain = [(k, j) for k in range(3, 3 + funds) for j in (5, 6, 7)]
    plain += [(k, j) for k in range(head + 1, total + 1) for j in (6, 7)]
    return Printed(name="表", above=above, centred=2, rows=numbered(body, plain, money), spans=tuple(spans),
                   blocks=tuple(blocks), repeat=(head, head))


def to_text(evaluations: list[SelfEvaluation]) -> str:
    """Tab-separated text, as text extracted from a published PDF looks."""
    return grid_writers.to_text([grid(x) for x in evaluations])


def layouts(evaluations: list[SelfEvaluation]) -> list[Printed]:
    """Layouts with sheet names unique (``表1``, ``表2`` … in order)."""
    return [replace(layout(x), name=f"表{n}") for n, x in enumerate(evaluations, start=1)]


def to_xlsx(evaluations: list[SelfEvaluation]) -> bytes:
    """One worksheet per table, A4 landscape, fitted to the page width."""
    return grid_writers.to_xlsx(layouts(evaluations))


def to_docx(evaluations: list[SelfEvaluation]) -> bytes:
    """A Word document, A4 landscape: title paragraphs and one ruled table per table."""
    return grid_writers.to_docx(layouts(evaluations))
