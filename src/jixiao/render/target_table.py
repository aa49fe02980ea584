"""The official 项目支出绩效目标表 grid from the model, and its text / XLSX / DOCX forms.

One grid (rows of cells, 5 columns) serves every format, so what is printed is the
same everywhere and the targets reader (``targets_spaced``) reads each form back.
"""

from __future__ import annotations

from jixiao.model.targets import PerformanceTarget
from jixiao.model.values import Cell
from jixiao.render import grid as grid_writers

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


def to_text(targets: list[PerformanceTarget]) -> str:
    """Tab-separated text, as text extracted from a published PDF looks."""
    return grid_writers.to_text([grid(x) for x in targets])


def to_xlsx(targets: list[PerformanceTarget]) -> bytes:
    """One worksheet per table."""
    return grid_writers.to_xlsx([grid(x) for x in targets], "目标表", (16, 24, 16, 36, 20))


def to_docx(targets: list[PerformanceTarget]) -> bytes:
    """A Word document: title paragraphs and one bordered table per table."""
    return grid_writers.to_docx([grid(x) for x in targets], title_rows=3)
