"""The nine tables seen as terms: amounts in 元 with the precision their column prints.

Tolerance comes from printed precision: each cell stands for anything within half a unit
of its column's last digit. Amounts are compared in 元, whatever unit each table prints.
Function tables are read with the codes ``resolve.accounts`` filled in across tables;
nothing here resolves a code a second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.accounts import (
    FinalAccounts,
    FunctionRow,
    FunctionTable,
    SummaryLine,
    SummaryTable,
    TableKey,
)
from jixiao.model.memo import by_identity
from jixiao.model.values import Cell, squeeze
from jixiao.resolve.accounts import FUNCTION_TABLES, resolve_accounts
from jixiao.vocabulary import simplified

UNIT_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10) ** 8}
TITLES = {
    TableKey.INCOME_EXPENSE_SUMMARY: "公开01表 收入支出决算总表",
    TableKey.INCOME: "公开02表 收入决算表",
    TableKey.EXPENSE: "公开03表 支出决算表",
    TableKey.FISCAL_SUMMARY: "公开04表 财政拨款收入支出决算总表",
    TableKey.GENERAL_BUDGET_EXPENSE: "公开05表 一般公共预算财政拨款支出决算表",
    TableKey.BASIC_EXPENSE: "公开06表 一般公共预算财政拨款基本支出决算表",
    TableKey.THREE_PUBLIC: "公开07表 财政拨款“三公”经费支出决算表",
    TableKey.GOVERNMENT_FUND: "公开08表 政府性基金预算财政拨款收入支出决算表",
    TableKey.STATE_CAPITAL: "公开09表 国有资本经营预算财政拨款支出决算表",
}
SHORT = {k.value: t[:5] for k, t in TITLES.items()}   # 公开01表 …
ZERO = Decimal(0)


def number(key: TableKey) -> str:
    """The printed number of a table: 01 … 09."""
    return TITLES[key][2:4]


# ---------------------------------------------------------------- arithmetic


def half_unit(places: int) -> Decimal:
    """Half a unit of the last printed digit: 2 decimals → 0.005."""
    return Decimal(5).scaleb(-places - 1)


def amount(value: Decimal, places: int = 2) -> str:
    """An amount as the tables print it: thousands separators, the column's decimals."""
    return f"{value.quantize(Decimal(1).scaleb(-places)):,}"


@dataclass(frozen=True, slots=True)
class Term:
    """One printed cell in an identity, in 元, with the precision of its column."""

    label: str
    cell: Cell
    scale: Decimal = Decimal(1)
    places: int = 2

    @property
    def value(self) -> Decimal:
        return (self.cell.number or ZERO) * self.scale

    @property
    def half(self) -> Decimal:
        return half_unit(self.places) * self.scale

    @property
    def short(self) -> bool:
        """Printed with fewer decimals than its column: possibly cut, not rounded."""
        return (self.cell.decimals or 0) < self.places

    @property
    def cut_room(self) -> Decimal:
        """How much a cut cell may hide beyond its printed digits."""
        return (Decimal(1).scaleb(-(self.cell.decimals or 0)) - Decimal(1).scaleb(-self.places)) * self.scale


def printed(t: Term) -> str:
    """A term as printed (a cut cell keeps its short form), in 元."""
    return amount(t.value, min(t.places, t.cell.decimals or 0) if t.short else t.places)


# ---------------------------------------------------------------- reading the tables


def norm(text: str | None) -> str:
    return squeeze(text)


def is_total_name(name: str | None) -> bool:
    return norm(name) in ("", "合计", "总计")


def scale_of(fa: FinalAccounts, key: TableKey) -> Decimal:
    return unit_scale(dict(fa.table_units).get(key.value, fa.amount_unit))


def unit_scale(unit: str | None) -> Decimal:
    """What a unit as printed (万元, 萬元) is worth in 元; 1 for none or an unknown one."""
    return UNIT_SCALE.get(simplified(unit or ""), Decimal(1))


def places_of(cells: Iterable[Cell]) -> int:
    """A column's precision: the most decimals printed in it (an integer among 0.01s is exact)."""
    return max((c.decimals or 0 for c in cells if c.number is not None), default=0)


@dataclass(frozen=True, slots=True)
class View:
    """A table seen as terms: scale to 元 and column precision fixed once."""

    key: TableKey
    scale: Decimal
    places: tuple[int, ...]

    @property
    def title(self) -> str:
        return TITLES[self.key]

    def term(self, label: str, cell: Cell, column: int = 0) -> Term:
        places = self.places[column] if column < len(self.places) else max(self.places, default=2)
        return Term(label=label, cell=cell, scale=self.scale, places=places)


def view(fa: FinalAccounts, key: TableKey, columns: Sequence[Sequence[Cell]]) -> View:
    return View(key, scale_of(fa, key), tuple(places_of(col) for col in columns))


def columns_of(rows: Iterable[Sequence[Cell]]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for cells in rows:
        for j, c in enumerate(cells):
            while len(out) <= j:
                out.append([])
            out[j].append(c)
    return out


def at(cells: Sequence[Cell], j: int) -> Cell | None:
    """The cell in column ``j`` if printed (non-empty)."""
    return cells[j] if j < len(cells) and cells[j].number is not None else None


def find(lines: Sequence[SummaryLine], *names: str) -> SummaryLine | None:
    wanted = {norm(n) for n in names}
    return next((x for x in lines if norm(x.name.text) in wanted), None)


def index_of(lines: Sequence[SummaryLine], line: SummaryLine | None) -> int:
    return next((i for i, x in enumerate(lines) if x is line), len(lines))


def summary_view(fa: FinalAccounts, key: TableKey, table: SummaryTable) -> View:
    return view(fa, key, columns_of(x.amounts for x in (*table.income, *table.expense)))


def basic_view(fa: FinalAccounts) -> View:
    """Table 06: one amount column."""
    return view(fa, TableKey.BASIC_EXPENSE, [[r.amount for r in fa.basic_expense or ()]])


# ---------------------------------------------------------------- function tables


@by_identity()
def resolved(fa: FinalAccounts) -> FinalAccounts:
    """``fa`` with the codes and names of ``resolve.accounts`` (an interchange JSON comes unresolved)."""
    return resolve_accounts(fa)


def function_tables(fa: FinalAccounts) -> Iterator[tuple[TableKey, FunctionTable]]:
    """The function tables this document prints, with resolved codes."""
    fa = resolved(fa)
    for key in FUNCTION_TABLES:
        table = getattr(fa, key.value)
        if table is not None:
            yield key, table


@dataclass(frozen=True, slots=True)
class Rows:
    """A function table split into its 合计 row and coded rows (codes as resolved across tables)."""

    total: FunctionRow | None
    rows: tuple[tuple[str | None, FunctionRow], ...]

    def leaves(self) -> list[FunctionRow]:
        codes = [c for c, _ in self.rows if c]
        return [r for c, r in self.rows if not c or not any(o != c and o.startswith(c) for o in codes)]

    def under(self, prefix: str) -> list[FunctionRow]:
        return [r for r in self.leaves() if (self.code(r) or "").startswith(prefix)]

    def code(self, row: FunctionRow) -> str | None:
        return next((c for c, r in self.rows if r is row), None)

    @property
    def complete(self) -> bool:
        """Every row's code is known, so rows can be summed by 类 without guessing."""
        return all(c for c, _ in self.rows)


def split_rows(table: FunctionTable) -> Rows:
    """The first row with no code and a total's name (or none) is the 合计 row."""
    total = None
    rows: list[tuple[str | None, FunctionRow]] = []
    for r in table.rows:
        code = r.resolved_code
        if code is None and is_total_name(r.name.text) and total is None:
            total = r
        else:
            rows.append((code, r))
    return Rows(total, tuple(rows))


def label_of(row: FunctionRow, code: str | None = None) -> str:
    return " ".join(x for x in (code or row.code.text, row.name.text) if x) or "合计"


def function_view(fa: FinalAccounts, key: TableKey) -> tuple[View, Rows] | None:
    table = getattr(resolved(fa), key.value)
    if table is None:
        return None
    return view(fa, key, columns_of(r.amounts for r in table.rows)), split_rows(table)


def column_total(v: View, rows: Rows, j: int, name: str) -> list[tuple[View, tuple[str, Cell]]]:
    """A column's total: the printed 合计 cell, or Σ the leaf rows where no 合计 is printed."""
    if rows.total is not None and at(rows.total.amounts, j):
        return [(v, (f"{name}合计", rows.total.amounts[j]))]
    return [(v, (label_of(r), r.amounts[j])) for r in rows.leaves() if at(r.amounts, j)]
