"""Performance target tables: 项目支出绩效目标表."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.provenance import NOWHERE, Where
from jixiao.model.values import EMPTY, Cell

FUND_KEYS = ("fiscal", "central", "other", "carryover", "regional")


@dataclass(frozen=True, slots=True)
class TargetIndicator:
    level1: str | None
    level2: str | None
    name: Cell
    target: Cell = EMPTY      # 绩效值 / 指标值
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class TargetFunds:
    """Fund sources: 财政拨款, 中央资金, 其他资金, 结余结转资金, 自治区(省/市)资金."""

    fiscal: Cell = EMPTY
    central: Cell = EMPTY
    other: Cell = EMPTY
    carryover: Cell = EMPTY
    regional: Cell = EMPTY


@dataclass(frozen=True, slots=True)
class PerformanceTarget:
    """项目支出绩效目标表: the approved targets of one project."""

    seq: int
    year: int | None
    project: Cell
    department: Cell = EMPTY
    unit: Cell = EMPTY
    attribute: Cell = EMPTY       # 项目属性
    period_years: Cell = EMPTY    # 项目期 (years)
    project_total: Cell = EMPTY   # 项目总额
    annual_total: Cell = EMPTY    # 年度资金总额
    funds: TargetFunds = TargetFunds()
    goal: Cell = EMPTY
    indicators: tuple[TargetIndicator, ...] = ()
    amount_unit: str = "万元"
    where: Where = NOWHERE
    layout: str = ""
    complete: bool = True     # False: the text ends inside the table (a page, a chunk cut off)
