"""Final accounts (部门决算): the nine public tables and the narrative facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.model.provenance import NOWHERE, Where
from jixiao.model.values import EMPTY, Cell


class TableKey(StrEnum):
    """The nine public tables, keyed by content, not by their printed number."""

    INCOME_EXPENSE_SUMMARY = "income_expense_summary"   # 01 收入支出决算总表
    INCOME = "income"                                   # 02 收入决算表
    EXPENSE = "expense"                                 # 03 支出决算表
    FISCAL_SUMMARY = "fiscal_summary"                   # 04 财政拨款收入支出决算总表
    GENERAL_BUDGET_EXPENSE = "general_budget_expense"   # 05 一般公共预算财政拨款支出决算表
    BASIC_EXPENSE = "basic_expense"                     # 06 一般公共预算财政拨款基本支出决算表
    THREE_PUBLIC = "three_public"                       # 07 财政拨款“三公”经费支出决算表
    GOVERNMENT_FUND = "government_fund"                 # 08 政府性基金预算财政拨款收入支出决算表
    STATE_CAPITAL = "state_capital"                     # 09 国有资本经营预算财政拨款支出决算表


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """A line of a summary table (01, 04): name without ordinal, 行次, amounts left to right."""

    name: Cell
    line: int | None
    amounts: tuple[Cell, ...]
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class SummaryTable:
    income: tuple[SummaryLine, ...] = ()
    expense: tuple[SummaryLine, ...] = ()
    columns: tuple[str, ...] = ()     # amount column headings, as far as printed


@dataclass(frozen=True, slots=True)
class FunctionRow:
    """A row by function classification (类 3 / 款 5 / 项 7 digits); code/name as printed."""

    code: Cell
    name: Cell
    amounts: tuple[Cell, ...]
    where: Where = NOWHERE
    resolved_code: str | None = None  # filled from other tables in the resolved view only
    resolved_name: str | None = None


@dataclass(frozen=True, slots=True)
class FunctionTable:
    rows: tuple[FunctionRow, ...] = ()
    columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EconomicRow:
    """A row by economic classification (301, 30101, 人员经费合计 …)."""

    code: Cell
    name: Cell
    amount: Cell
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class ThreePublic:
    """“三公”经费: total, 因公出国（境）, 公务用车 (购置 + 运行), 公务接待."""

    total: Cell = EMPTY
    abroad: Cell = EMPTY
    vehicle_total: Cell = EMPTY
    vehicle_purchase: Cell = EMPTY
    vehicle_operation: Cell = EMPTY
    reception: Cell = EMPTY


@dataclass(frozen=True, slots=True)
class ThreePublicTable:
    budget: ThreePublic = ThreePublic()
    actual: ThreePublic = ThreePublic()
    where: Where = NOWHERE


@dataclass(frozen=True, slots=True)
class NarrativeFact:
    """A figure stated in the 情况说明: section, subject, value, unit, stated share."""

    section: str
    subject: str
    value: Cell
    unit: str
    share: Cell = EMPTY
    where: Where = NOWHERE
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class FinalAccounts:
    """部门决算 of one department and year."""

    year: int | None
    department: Cell
    amount_unit: str = "元"
    income_expense_summary: SummaryTable | None = None
    income: FunctionTable | None = None
    expense: FunctionTable | None = None
    fiscal_summary: SummaryTable | None = None
    general_budget_expense: FunctionTable | None = None
    basic_expense: tuple[EconomicRow, ...] | None = None
    three_public: ThreePublicTable | None = None
    government_fund: FunctionTable | None = None
    state_capital: FunctionTable | None = None
    narrative_facts: tuple[NarrativeFact, ...] = ()
    table_units: tuple[tuple[str, str], ...] = field(default=())  # (table key, 元/万元) as printed
    where: Where = NOWHERE
