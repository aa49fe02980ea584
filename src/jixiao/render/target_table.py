"""The official 项目支出绩效目标表 grid from the model, and its text / XLSX / DOCX forms.

One grid (rows of cells, 5 columns) serves every format, so what is printed is the
same everywhere and the targets reader (``targets_spaced``) reads each form back.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.model.targets import PerformanceTarget
from jixiao.model.values import Cell
from jixiao.render import grid as grid_writers
from jixiao.render.grid import Printed, Span, column_spans, numbered

WIDTH = 5
TITLE = "项目支出绩效目标表"
INDICATOR_HEADER = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值")


def _t(cell: Cell) -> str:
    return cell.text or ""


def _row(*cells: str) -> list[str]:
    return list(cells) + [""] * (WIDTH - len(cells))


def regional_label(target: PerformanceTarget) -> str:
    """The name of the own-level funds: 自治区资金, 省级资金 or 市级资金, by the department."""
    department = (target.department.text or "") + (target.unit.text or "")
    if "自治区" in department:
        return "自治区资金"
    return "省级资金" if "省" in department else "市级资金"


def _years(cell: Cell) -> str:
    """项目期 as printed: ``3`` → ``3年``; words stay as they are."""
    return f"{cell.text}年" if cell.number is not None else _t(cell)


def grid(target: PerformanceTarget) -> list[list[str]]:
    """The table as published: the form (project, funds, goal), then the indicator tree."""
    t, f = target, target.funds
    rows = [
        _row(TITLE),
        _row(f"（{t.year}年度）" if t.year else ""),
        _row(f"单位：{t.amount_unit}"),
        _row("项目名称", _t(t.project)),
        _row("主管部门", _t(t.department), "实施单位", _t(t.unit)),
        _row("项目属性", _t(t.attribute), "项目期", _years(t.period_years)),
        _row("项目总额", _t(t.project_total), "年度资金总额", _t(t.annual_total)),
        _row("其中：财政拨款", _t(f.fiscal), "其中：中央资金", _t(f.central)),   # 财政拨款 by level
        _row("", "", regional_label(t), _t(f.regional)),
        _row("其他资金", _t(f.other), "结余结转资金", _t(f.carryover)),
        _row("年度总体目标", _t(t.goal)),
        list(INDICATOR_HEADER),
    ]
    last1 = last2 = None
    for i in t.indicators:
        level1 = (i.level1 or "") if i.level1 != last1 else ""
        level2 = (i.level2 or "") if (i.level1, i.level2) != (last1, last2) else ""
        rows.append(_row("", level1, level2, _t(i.name), _t(i.target)))
        last1, last2 = i.level1, i.level2
    return rows


FORM_ROWS = 8            # rows from 项目名称 to 年度总体目标, within the ruled table


def layout(target: PerformanceTarget) -> Printed:
    """The table as the template prints it: title, year and unit above; values reaching over
    the empty cells after them, 其中：财政拨款 down its two rows, 绩效指标 and each level-1 and
    level-2 name down their blocks; amounts as numbers (``#,##0.00`` where printed so)."""
    rows = grid(target)
    above, body = tuple(r[0] for r in rows[:3]), rows[3:]
    head, last = FORM_ROWS, len(body) - 1
    spans = [Span(0, 1, 1, 4), *(Span(k, 3, 1, 2) for k in (1, 2, 3, 4, 5, 6)),
             Span(4, 0, 2, 1), Span(4, 1, 2, 1), Span(7, 1, 1, 4)]
    level1 = column_spans(body, 1, head + 1, last)
    blocks = [Span(head, 0, last - head + 1, 1), *level1, *column_spans(body, 2, head + 1, last, level1)]
    money = [(3, 1), (3, 3), (4, 1), (4, 3), (5, 3), (6, 1), (6, 3)]
    return Printed(name="目标表", above=above, centred=2, rows=numbered(body, (), money), spans=tuple(spans),
                   blocks=tuple(blocks), landscape=False, repeat=(head, head))


def to_text(targets: list[PerformanceTarget]) -> str:
    """Tab-separated text, as text extracted from a published PDF looks."""
    return grid_writers.to_text([grid(x) for x in targets])


def layouts(targets: list[PerformanceTarget]) -> list[Printed]:
    return [replace(layout(x), name=f"目标表{n}") for n, x in enumerate(targets, start=1)]


def to_xlsx(targets: list[PerformanceTarget]) -> bytes:
    """One worksheet per table, A4 portrait, fitted to the page width."""
    return grid_writers.to_xlsx(layouts(targets))


def to_docx(targets: list[PerformanceTarget]) -> bytes:
    """A Word document: title paragraphs and one ruled table per table."""
    return grid_writers.to_docx(layouts(targets))
