"""Self-evaluation tables: 项目支出绩效自评表 and 部门整体支出绩效自评表."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.model.provenance import NOWHERE, Where
from jixiao.model.values import EMPTY, Cell

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标",
    "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
)


class EvaluationKind(StrEnum):
    PROJECT = "project"          # 项目支出绩效自评表
    DEPARTMENT = "department"    # 部门整体支出绩效自评表


@dataclass(frozen=True, slots=True)
class FundRow:
    """One line of the fund block (项目资金): 年度资金总额, 其中：当年财政拨款, …"""

    item: Cell
    initial: Cell = EMPTY     # 年初预算数
    budget: Cell = EMPTY      # 全年预算数
    executed: Cell = EMPTY    # 全年执行数
    weight: Cell = EMPTY      # 分值
    rate: Cell = EMPTY        # 执行率
    score: Cell = EMPTY       # 得分
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class Indicator:
    """A level-3 indicator (三级指标) with its place in the tree and its printed cells."""

    level1: str | None
    level2: str | None
    name: Cell
    target: Cell = EMPTY      # 年度指标值 (A)
    actual: Cell = EMPTY      # 实际完成值 (B)
    weight: Cell = EMPTY      # 分值
    score: Cell = EMPTY       # 得分
    reason: Cell = EMPTY      # 偏差原因分析及改进措施
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class LevelHeading:
    """A level-1 heading with its printed points: ``产出指标 (50) 分`` → (产出指标, 50)."""

    level1: str
    points: Cell
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class SelfEvaluation:
    """项目支出绩效自评表 (kind PROJECT) or 部门整体支出绩效自评表 (kind DEPARTMENT)."""

    kind: EvaluationKind
    seq: int
    year: int | None
    project: Cell             # 项目名称 (预算单位名称 for a department table)
    department: Cell = EMPTY  # 主管部门
    unit: Cell = EMPTY        # 实施单位
    funds: tuple[FundRow, ...] = ()
    goal_planned: Cell = EMPTY
    goal_actual: Cell = EMPTY
    indicators: tuple[Indicator, ...] = ()
    headings: tuple[LevelHeading, ...] = ()
    total_weight: Cell = EMPTY
    total_score: Cell = EMPTY
    method: Cell = EMPTY      # 得分计算方法 as printed, where the table prints one
    where: Where = NOWHERE    # the table's title line
    layout: str = ""          # name of the reader that read it
    notes: tuple[str, ...] = field(default=())
    complete: bool = True     # False: the text ends inside the table (a page, a chunk cut off)

    @property
    def total_fund(self) -> FundRow | None:
        """The 年度资金总额 row (the first fund row), which carries the execution score."""
        return self.funds[0] if self.funds else None
