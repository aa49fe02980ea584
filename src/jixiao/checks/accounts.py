"""Checks: the identities within and across the nine final-accounts tables (DOMAIN.md).

Every identity is ``total = Σ parts`` over printed cells. Tolerance comes from printed
precision: each cell stands for anything within half a unit of its column's last digit,
a sum for the accumulated rounding of its terms. An identity that fails only because a
cell prints fewer decimals than its column (``418,144,219.9`` where the column prints
``…219.93``), and holds with the full value the document prints elsewhere, is reported
once per cut cell (A013), not as a broken identity. Amounts are compared in 元, whatever
unit each table prints (A014 says when the units differ).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from jixiao.checks.memo import by_identity
from jixiao.checks.registry import Context, Example, Hit, check
from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionRow,
    FunctionTable,
    SummaryLine,
    SummaryTable,
    TableKey,
)
from jixiao.model.document import Document
from jixiao.model.findings import Severity
from jixiao.model.values import Cell, squeeze

DATA = tomllib.loads(Path(__file__).with_name("accounts_identities.toml").read_text("utf-8"))
FUNCTION_CLASSES: dict[str, str] = DATA["function_classes"]
ECONOMIC_CLASSES: dict[str, str] = DATA["economic_classes"]
PERSONNEL: tuple[str, ...] = tuple(DATA["personnel"]["codes"])
CLASS_OF_NAME = {name: code for code, name in FUNCTION_CLASSES.items()}

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
KIND = "final_accounts"


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


@dataclass(frozen=True, slots=True)
class Identity:
    """``total = Σ parts``: one identity of DOMAIN.md over printed cells."""

    code: str
    table: str
    name: str
    total: Term
    parts: tuple[Term, ...]

    @property
    def expected(self) -> Decimal:
        return sum((p.value for p in self.parts), ZERO)

    @property
    def slack(self) -> Decimal:
        return self.total.half + sum((p.half for p in self.parts), ZERO)

    def holds(self) -> bool:
        """Within the accumulated rounding, exclusive: two equal values printed alike differ by 0."""
        return abs(self.expected - self.total.value) < self.slack

    def holds_if_cut(self) -> bool:
        """Would it hold if the short cells hid further digits (cut, never rounded up)?"""
        diff = self.expected - self.total.value            # parts − total
        up = sum((p.cut_room for p in self.parts if p.short), ZERO)
        down = self.total.cut_room if self.total.short else ZERO
        return -self.slack - up <= diff <= self.slack + down and (up or down) > 0

    def formula(self) -> str:
        shown = [f"{p.label} {printed(p)}" for p in self.parts[:6]]
        more = f" + …（共 {len(self.parts)} 项）" if len(self.parts) > 6 else ""
        unit = "（单位：元）" if any(t.scale != 1 for t in (self.total, *self.parts)) else ""
        return (f"{self.total.label} {printed(self.total)} = "
                f"{' + '.join(shown) or '0'}{more} = {amount(self.expected, self.total.places)}{unit}")


@dataclass(frozen=True, slots=True)
class Verdict:
    identity: Identity
    status: str                   # holds, cut, fails
    cut: tuple[Term, ...] = field(default=())


def judge(identity: Identity) -> Verdict:
    if identity.holds():
        return Verdict(identity, "holds")
    if identity.holds_if_cut():
        terms = (identity.total, *identity.parts)
        return Verdict(identity, "cut", tuple(t for t in terms if t.short))
    return Verdict(identity, "fails")


# ---------------------------------------------------------------- reading the tables


def norm(text: str | None) -> str:
    return squeeze(text)


def is_total_name(name: str | None) -> bool:
    return norm(name) in ("", "合计", "总计")


def scale_of(fa: FinalAccounts, key: TableKey) -> Decimal:
    unit = dict(fa.table_units).get(key.value, fa.amount_unit)
    return UNIT_SCALE.get(unit, Decimal(1))


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


def code_names(fa: FinalAccounts) -> dict[str, str]:
    """Name → code from every function table that prints both, for rows printed without code;
    a name printed with several codes (行政运行 under many 款) resolves nothing."""
    seen: dict[str, set[str]] = {}
    for _, table in function_tables(fa):
        for r in table.rows:
            if r.code.text and r.name.text:
                seen.setdefault(norm(r.name.text), set()).add(r.code.text.strip())
    return {name: codes.pop() for name, codes in seen.items() if len(codes) == 1}


def function_tables(fa: FinalAccounts) -> Iterator[tuple[TableKey, FunctionTable]]:
    for key in (TableKey.INCOME, TableKey.EXPENSE, TableKey.GENERAL_BUDGET_EXPENSE,
                TableKey.GOVERNMENT_FUND, TableKey.STATE_CAPITAL):
        table = getattr(fa, key.value)
        if table is not None:
            yield key, table


@dataclass(frozen=True, slots=True)
class Rows:
    """A function table split into its 合计 row and coded rows (codes resolved by name)."""

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


def split_rows(fa: FinalAccounts, table: FunctionTable) -> Rows:
    names = code_names(fa)
    total = None
    rows: list[tuple[str | None, FunctionRow]] = []
    for r in table.rows:
        code = (r.code.text or "").strip() or names.get(norm(r.name.text))
        if code is None and is_total_name(r.name.text) and total is None:
            total = r
        else:
            rows.append((code, r))
    return Rows(total, tuple(rows))


def label_of(row: FunctionRow, code: str | None = None) -> str:
    return " ".join(x for x in (code or row.code.text, row.name.text) if x) or "合计"


# ---------------------------------------------------------------- the identities, table by table


def summary_view(fa: FinalAccounts, key: TableKey, table: SummaryTable) -> View:
    return view(fa, key, columns_of(x.amounts for x in (*table.income, *table.expense)))


def _sum_identity(code: str, v: View, name: str, total: tuple[str, Cell] | None,
                  parts: Iterable[tuple[str, Cell]], column: int = 0) -> Iterator[Identity]:
    """One ``total = Σ parts`` if the total is printed (nothing to check otherwise)."""
    parts = [(lab, c) for lab, c in parts if c.number is not None]
    if total is None or total[1].number is None or not parts:
        return   # nothing printed to add up: not itemised, not a contradiction
    yield Identity(code, v.title, name, v.term(total[0], total[1], column),
                   tuple(v.term(lab, c, column) for lab, c in parts if c.number is not None))


def _line(x: SummaryLine | None, j: int = 0) -> tuple[str, Cell] | None:
    if x is None:
        return None
    c = at(x.amounts, j)
    return (norm(x.name.text), c) if c is not None else None


def _lines(xs: Iterable[SummaryLine], j: int = 0) -> list[tuple[str, Cell]]:
    return [p for p in (_line(x, j) for x in xs) if p is not None]


def _items_before(lines: Sequence[SummaryLine], mark: SummaryLine | None) -> list[SummaryLine]:
    """The item lines above a subtotal line, without 其中 breakdowns."""
    return [x for x in lines[:index_of(lines, mark)] if not norm(x.name.text).startswith("其中")]


@dataclass(frozen=True, slots=True)
class Formula:
    """An identity written in ``accounts_identities.toml``: ``total = term + term …`` over named lines."""

    code: str
    table: TableKey
    text: str
    each_column: bool = False

    @property
    def name(self) -> str:
        """The formula as a person reads it: first names only, sides said where they matter."""
        text = re.sub(r"\|[^ .]+", "", self.text)
        text = re.sub(r"Σ (\w+):([^ ]*)\.\.([^ ]*)",
                      lambda m: f"Σ {m[2] or SIDE_WORDS[m[1]] + '首行'}至{m[3] or '末行'}之间各行", text)
        return re.sub(r"(\w+):(\S+)", lambda m: f"{side_word(m[1], m[2])}{m[2]}", text)


SIDE_WORDS = {"income": "收入", "expense": "支出", "budget": "预算", "actual": "决算"}


def side_word(side: str, name: str) -> str:
    """收入总计 / 支出总计, 预算合计 / 决算合计: the side is said where the name alone is ambiguous."""
    return SIDE_WORDS[side] if name in ("合计", "总计") or side in ("budget", "actual") else ""


FORMULAS = tuple(Formula(f["code"], TableKey(f["table"]), f["text"], f.get("columns") == "each")
                 for f in DATA["formula"])
THREE_PUBLIC_LINES: dict[str, str] = DATA["three_public_lines"]


def sides(fa: FinalAccounts, key: TableKey) -> dict[str, tuple[SummaryLine, ...]] | None:
    """A table as named lines by side: 01/04 income and expense; 07 budget and actual."""
    table = getattr(fa, key.value)
    if table is None:
        return None
    if isinstance(table, SummaryTable):
        return {"income": table.income, "expense": table.expense}
    return {side: tuple(SummaryLine(name=Cell(name), line=None, amounts=(getattr(getattr(table, side), field),))
                        for field, name in THREE_PUBLIC_LINES.items()) for side in ("budget", "actual")}


def pick(lines: dict[str, tuple[SummaryLine, ...]], ref: str, j: int) -> list[tuple[str, Cell]]:
    """The printed cells a term names in column ``j``: one line, or the lines of a ``Σ a..b`` span."""
    ref = ref.strip()
    if ref.startswith("Σ"):
        side, span = ref[1:].strip().split(":", 1)
        start, end = span.split("..")
        xs = lines[side]
        lo = index_of(xs, find(xs, *start.split("|"))) + 1 if start else 0
        hi = index_of(xs, find(xs, *end.split("|"))) if end else len(xs)
        return _lines((x for x in xs[lo:hi] if not norm(x.name.text).startswith("其中")), j)
    side, names = ref.split(":", 1)
    return _lines([x] if (x := find(lines[side], *names.split("|"))) else [], j)


def formula_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """Every formula of the TOML over the tables this document prints."""
    for f in FORMULAS:
        lines = sides(fa, f.table)
        if lines is None:
            continue
        v = view(fa, f.table, columns_of(x.amounts for xs in lines.values() for x in xs))
        left, right = f.text.split("=", 1)
        for j in range(len(v.places)) if f.each_column else (0,):
            total = pick(lines, left, j)
            parts = [p for ref in right.split(" + ") for p in pick(lines, ref, j)]
            name = f"{f.name}（第{j + 1}列）" if f.each_column else f.name
            yield from _sum_identity(f.code, v, name, total[0] if total else None, parts, j)


def row_identities(fa: FinalAccounts, key: TableKey, code: str, what: str) -> Iterator[Identity]:
    """Function tables: each row's total = Σ its other columns; 合计 = Σ leaf rows, column by column."""
    table = getattr(fa, key.value)
    if table is None:
        return
    v = view(fa, key, columns_of(r.amounts for r in table.rows))
    split = split_rows(fa, table)
    for c, r in split.rows if split.total is None else ((None, split.total), *split.rows):
        rest = [(f"第{j + 1}列", x) for j, x in enumerate(r.amounts[1:], 1) if x.number is not None]
        if rest:
            yield from _sum_identity(code, v, f"{label_of(r, c)}：{what}", (f"{label_of(r, c)} 合计列", r.amounts[0]), rest)
    if split.total is not None:
        for j in range(len(v.places)):
            total = at(split.total.amounts, j)
            yield from _sum_identity(code, v, f"合计行第{j + 1}列 = Σ 各行", ("合计", total) if total else None,
                                     [(label_of(r), r.amounts[j]) for r in split.leaves() if at(r.amounts, j)], j)


def prefix_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """类 / 款 rows printed in a function table = Σ their direct children (code prefix)."""
    for key, table in function_tables(fa):
        v = view(fa, key, columns_of(r.amounts for r in table.rows))
        split = split_rows(fa, table)
        for code, row in split.rows:
            if not code or len(code) not in (3, 5):
                continue
            kids = [(c, r) for c, r in split.rows if c and len(c) == len(code) + 2 and c.startswith(code)]
            for j in range(len(row.amounts)) if kids else ():
                total = at(row.amounts, j)
                yield from _sum_identity("A011", v, f"{label_of(row, code)} = Σ 下级科目（第{j + 1}列）",
                                         (label_of(row, code), total) if total else None,
                                         [(label_of(r, c), r.amounts[j]) for c, r in kids if at(r.amounts, j)], j)


def fiscal_line_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """04 财政拨款收入支出决算总表: each expense line's 合计 column = Σ its fund columns."""
    t = fa.fiscal_summary
    if t is None:
        return
    v = summary_view(fa, TableKey.FISCAL_SUMMARY, t)
    for x in t.expense:
        parts = [(f"{norm(x.name.text)} 第{j + 1}列", c) for j, c in enumerate(x.amounts[1:], 1) if c.number is not None]
        yield from _sum_identity("A004", v, f"{norm(x.name.text)}：合计列 = Σ 各资金列", _line(x), parts)


def basic_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """06 基本支出: each 类 = Σ its 款; 人员经费合计 = 301 + 303; 公用经费合计 = the other 类."""
    rows = fa.basic_expense
    if not rows:
        return
    v = view(fa, TableKey.BASIC_EXPENSE, [[r.amount for r in rows]])
    coded = [(norm(r.code.text), r) for r in rows if r.code.text]
    classes = [(c, r) for c, r in coded if len(c) == 3]

    def lab(r: EconomicRow) -> str:
        return " ".join(x for x in (r.code.text, norm(r.name.text)) if x)

    for code, row in classes:
        kids = [(lab(r), r.amount) for c, r in coded if len(c) == 5 and c.startswith(code)]
        if kids:
            yield from _sum_identity("A006", v, f"{lab(row)} = Σ 款", (lab(row), row.amount), kids)
    named = {norm(r.name.text): r for r in rows if not r.code.text}
    people = named.get("人员经费合计") or named.get("人员经费")
    public = named.get("公用经费合计") or named.get("公用经费")
    if people:
        yield from _sum_identity("A006", v, "人员经费合计 = Σ 人员经费类（301、303）", ("人员经费合计", people.amount),
                                 [(lab(r), r.amount) for c, r in classes if c in PERSONNEL])
    if public:
        yield from _sum_identity("A006", v, "公用经费合计 = Σ 公用经费类（302、310 …）", ("公用经费合计", public.amount),
                                 [(lab(r), r.amount) for c, r in classes if c not in PERSONNEL])
    grand = named.get("合计") or named.get("总计")
    if grand and people and public:
        yield from _sum_identity("A006", v, "合计 = 人员经费合计 + 公用经费合计", ("合计", grand.amount),
                                 [("人员经费合计", people.amount), ("公用经费合计", public.amount)])


def government_fund_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """08 政府性基金: 年初 + 本年收入 = 本年支出 + 年末, where the column headings say which is which."""
    t = fa.government_fund
    if t is None or not t.columns:
        return
    heads = [norm(h) for h in t.columns]

    def col(word: str) -> int | None:
        return next((j for j, h in enumerate(heads) if word in h), None)

    found = col("年初"), col("本年收入"), col("本年支出"), col("年末")
    if any(j is None for j in found):
        return
    opening, income, spent, closing = (j or 0 for j in found)
    v = view(fa, TableKey.GOVERNMENT_FUND, columns_of(r.amounts for r in t.rows))
    for r in t.rows:
        opened, got, spent_, left = (at(r.amounts, j) for j in (opening, income, spent, closing))
        minus = replace(got, text=f"-{got.text}") if got is not None else None   # 年初 = 支出 + 年末 − 收入
        parts = [(n, c) for n, c in (("本年支出", spent_), ("年末结转和结余", left), ("减 本年收入", minus)) if c]
        yield from _sum_identity("A008", v, f"{label_of(r)}：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
                                 ("年初结转和结余", opened) if opened else None, parts)


def cross_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """Across tables: 02 ↔ 01, 03 ↔ 01 (by 类), 04 ↔ 01 and 05 (by 类), 05 基本支出 ↔ 06."""
    s01, s04 = fa.income_expense_summary, fa.fiscal_summary
    if s01 is not None:
        v01 = summary_view(fa, TableKey.INCOME_EXPENSE_SUMMARY, s01)
        yield from _cross_02(fa, v01, s01)
        yield from _cross_03(fa, v01, s01)
        if s04 is not None:
            v04 = summary_view(fa, TableKey.FISCAL_SUMMARY, s04)
            fiscal = [x for x in _items_before(s01.income, find(s01.income, "本年收入合计"))
                      if "财政拨款" in norm(x.name.text)]
            yield from _cross(v04, "04 本年收入合计 = 01 财政拨款收入", _line(find(s04.income, "本年收入合计")),
                              [(v01, p) for p in _lines(fiscal)])
    if s04 is not None and fa.general_budget_expense is not None:
        yield from _cross_05(fa, s04)
    if fa.general_budget_expense is not None and fa.basic_expense:
        yield from _cross_06(fa)


def _cross(v: View, name: str, total: tuple[str, Cell] | None,
           parts: Iterable[tuple[View, tuple[str, Cell]]], column: int = 0) -> Iterator[Identity]:
    if total is None:
        return
    yield Identity("A010", v.title, name, v.term(total[0], total[1], column),
                   tuple(pv.term(lab, c, pc) for pv, (lab, c), pc in ((*p, 0) for p in parts)))


def function_view(fa: FinalAccounts, key: TableKey) -> tuple[View, Rows] | None:
    table = getattr(fa, key.value)
    if table is None:
        return None
    return view(fa, key, columns_of(r.amounts for r in table.rows)), split_rows(fa, table)


def column_total(v: View, rows: Rows, j: int, name: str) -> list[tuple[View, tuple[str, Cell]]]:
    """A column's total: the printed 合计 cell, or Σ the leaf rows where no 合计 is printed."""
    if rows.total is not None and at(rows.total.amounts, j):
        return [(v, (f"{name}合计", rows.total.amounts[j]))]
    return [(v, (label_of(r), r.amounts[j])) for r in rows.leaves() if at(r.amounts, j)]


def _cross_02(fa: FinalAccounts, v01: View, s01: SummaryTable) -> Iterator[Identity]:
    got = function_view(fa, TableKey.INCOME)
    if got:
        yield from _cross(v01, "01 本年收入合计 = 02 合计", _line(find(s01.income, "本年收入合计")),
                          column_total(*got, 0, "02 "))


def _cross_03(fa: FinalAccounts, v01: View, s01: SummaryTable) -> Iterator[Identity]:
    got = function_view(fa, TableKey.EXPENSE)
    if not got:
        return
    v03, rows03 = got
    yield from _cross(v01, "01 本年支出合计 = 03 合计", _line(find(s01.expense, "本年支出合计")),
                      column_total(v03, rows03, 0, "03 "))
    for x in _items_before(s01.expense, find(s01.expense, "本年支出合计")):
        code = CLASS_OF_NAME.get(norm(x.name.text))
        if code and rows03.complete and rows03.under(code):
            yield from _cross(v01, f"01 {norm(x.name.text)} = Σ 03 该类各行", _line(x),
                              [(v03, (label_of(r, rows03.code(r)), r.amounts[0])) for r in rows03.under(code)
                               if at(r.amounts, 0)])


def _cross_05(fa: FinalAccounts, s04: SummaryTable) -> Iterator[Identity]:
    got = function_view(fa, TableKey.GENERAL_BUDGET_EXPENSE)
    if not got:
        return
    v04 = summary_view(fa, TableKey.FISCAL_SUMMARY, s04)
    v05, rows05 = got
    j = 1 if any(len(x.amounts) > 1 for x in s04.expense) else 0   # the 一般公共预算 column
    yield from _cross(v04, "04 一般公共预算财政拨款 本年支出合计 = 05 合计",
                      _line(find(s04.expense, "本年支出合计"), j), column_total(v05, rows05, 0, "05 "), j)
    for x in _items_before(s04.expense, find(s04.expense, "本年支出合计")):
        code = CLASS_OF_NAME.get(norm(x.name.text))
        if code and rows05.complete and at(x.amounts, j):
            yield from _cross(v04, f"04 {norm(x.name.text)}（一般公共预算） = Σ 05 该类各行", _line(x, j),
                              [(v05, (label_of(r, rows05.code(r)), r.amounts[0])) for r in rows05.under(code)
                               if at(r.amounts, 0)], j)


def _cross_06(fa: FinalAccounts) -> Iterator[Identity]:
    got = function_view(fa, TableKey.GENERAL_BUDGET_EXPENSE)
    rows = fa.basic_expense or ()
    named = {norm(r.name.text): r for r in rows if not r.code.text}
    people, public = named.get("人员经费合计"), named.get("公用经费合计")
    if not got or not people or not public:
        return
    v05, rows05 = got
    v06 = view(fa, TableKey.BASIC_EXPENSE, [[r.amount for r in rows]])
    basic = column_total(v05, rows05, 1, "05 基本支出")
    if len(basic) == 1:
        yield from _cross(v05, "05 基本支出合计 = 06 人员经费合计 + 公用经费合计", basic[0][1],
                          [(v06, ("06 人员经费合计", people.amount)), (v06, ("06 公用经费合计", public.amount))], 1)


FAMILIES = (formula_identities, lambda fa: row_identities(fa, TableKey.INCOME, "A002", "本年收入合计 = Σ 各来源"),
            lambda fa: row_identities(fa, TableKey.EXPENSE, "A003", "合计 = 基本支出 + 项目支出 + …"),
            fiscal_line_identities,
            lambda fa: row_identities(fa, TableKey.GENERAL_BUDGET_EXPENSE, "A005", "合计 = 基本支出 + 项目支出"),
            basic_identities, government_fund_identities,
            lambda fa: row_identities(fa, TableKey.STATE_CAPITAL, "A009", "合计 = 基本支出 + 项目支出"),
            cross_identities, prefix_identities)


@by_identity()
def verdicts(fa: FinalAccounts) -> tuple[Verdict, ...]:
    """Every identity of the document judged once; the checks below only filter."""
    return tuple(blame(fa, judge(i)) for family in FAMILIES for i in family(fa))


def blame(fa: FinalAccounts, v: Verdict) -> Verdict:
    """A cut verdict stands only where the document prints the full values elsewhere and they
    make the identity hold; it then names just those cells (``199520`` beside them is not blamed).
    Otherwise the identity fails, with the short cells mentioned as possibly cut."""
    if v.status != "cut":
        return v
    full = {t: w for t in v.cut if (w := full_value(fa, t)) is not None}
    def whole(t: Term) -> Term:
        return replace(t, cell=Cell(f"{full[t] / t.scale:f}")) if t in full else t

    i = v.identity
    fixed = replace(i, total=whole(i.total), parts=tuple(whole(p) for p in i.parts))
    if full and fixed.holds():
        return replace(v, cut=tuple(full))
    return Verdict(i, "fails", v.cut)   # no full value printed anywhere: a broken identity, cut or not


# ---------------------------------------------------------------- findings


def _hit(v: Verdict) -> Hit:
    i = v.identity
    diff = i.total.value - i.expected
    return Hit(where=i.total.cell.where, document_kind=KIND, table=i.table,
               expected=amount(i.expected, i.total.places), actual=amount(i.total.value, i.total.places),
               formula=i.formula(), excerpt=i.total.cell.raw or i.total.cell.text,
               params={"table": i.table, "name": i.name, "formula": i.formula(),
                       "diff": amount(diff, i.total.places), "slack": amount(i.slack, 3),
                       "note": "".join(f"{t.label} 只印 {t.cell.decimals or 0} 位小数，若末位被截断则等式可能成立。"
                                       for t in v.cut)})


def identity_hits(ctx: Context, code: str) -> Iterator[Hit]:
    for fa in ctx.document.final_accounts:
        for v in verdicts(fa):
            if v.identity.code == code and v.status == "fails":
                yield _hit(v)


IDENTITY_TEMPLATE = "{table}：{name} 不成立。{formula}，相差 {diff}（容差 {slack}）。{note}"


def accounts_doc(tables: dict[str, object], facts: list[dict[str, object]] | None = None) -> Document:
    """An example document: one final accounts in 元 from interchange-JSON tables (and stated figures)."""
    from jixiao.render.accounts_in import final_accounts_from_json

    data = {"year": 2024, "department": "示例单位", "amount_unit": "元", "tables": tables,
            "narrative_facts": facts or []}
    return Document(source="example.txt", final_accounts=(final_accounts_from_json(data, "example.txt"),))


def _tables(**tables: object) -> dict[str, object]:
    return tables


def _doc(tables: dict[str, object]) -> Document:
    return accounts_doc(tables)


def _summary01(total_in: float, total_out: float = 100.75) -> Document:
    return _doc(_tables(income_expense_summary={
        "income": [{"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [60.25]},
                   {"name": "其他收入", "line": 8, "amounts": [40.5]},
                   {"name": "本年收入合计", "line": 27, "amounts": [total_in]},
                   {"name": "总计", "line": 30, "amounts": [total_in]}],
        "expense": [{"name": "社会保障和就业支出", "line": 38, "amounts": [100.75]},
                    {"name": "本年支出合计", "line": 59, "amounts": [total_out]},
                    {"name": "总计", "line": 62, "amounts": [total_out]}]}))


def _rows(code: str, rows: list[tuple[str | None, str, list[float | None]]]) -> Document:
    key = {"A002": "income", "A003": "expense", "A005": "general_budget_expense", "A009": "state_capital",
           "A011": "general_budget_expense"}[code]
    return _doc(_tables(**{key: [{"code": c, "name": n, "amounts": a} for c, n, a in rows]}))


def _ok_rows(code: str) -> Example:
    return Example("合计行与各行、各列相加一致", lambda: _rows(code, [
        (None, "合计", [30.75, 10.25, 20.5]), ("2080101", "行政运行", [10.25, 10.25, None]),
        ("2080102", "一般行政管理事务", [20.5, None, 20.5])]), fails=False)


def _bad_rows(code: str) -> Example:
    return Example("一行合计不等于各列之和", lambda: _rows(code, [
        (None, "合计", [30.86, 10.25, 20.61]), ("2080101", "行政运行", [10.25, 10.25, None]),
        ("2080102", "一般行政管理事务", [20.61, None, 20.5])]), fails=True)


@check("A001", "summary-identity", "收入支出决算总表等式不成立", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开01表中本年收入（支出）合计应等于各项之和，总计应等于合计加结转结余，收入总计应等于支出总计。请核对表中数字。",
       examples=(Example("收入、支出与总计一致", lambda: _summary01(100.75), fails=False),
                 Example("本年收入合计与各项收入之和差 0.01", lambda: _summary01(100.76, 100.76), fails=True)))
def summary_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A001")


@check("A002", "income-row-identity", "收入决算表合计与各来源不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开02表每行本年收入合计应等于各收入来源之和，合计行应等于各行之和。",
       examples=(_ok_rows("A002"), _bad_rows("A002")))
def income_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A002")


@check("A003", "expense-row-identity", "支出决算表合计与基本、项目支出不一致", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开03表每行合计应等于基本支出、项目支出等各列之和，合计行应等于各行之和。",
       examples=(_ok_rows("A003"), _bad_rows("A003")))
def expense_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A003")


def _fiscal(total: float) -> Document:
    return _doc(_tables(fiscal_summary={
        "income": [{"name": "一般公共预算财政拨款", "line": 1, "amounts": [90.25]},
                   {"name": "本年收入合计", "line": 27, "amounts": [90.25]},
                   {"name": "年初财政拨款结转和结余", "line": 28, "amounts": [10.5]},
                   {"name": "合计", "line": 32, "amounts": [100.75]}],
        "expense": [{"name": "社会保障和就业支出", "line": 40, "amounts": [80.25, 80.25]},
                    {"name": "本年支出合计", "line": 59, "amounts": [80.25, 80.25]},
                    {"name": "年末财政拨款结转和结余", "line": 60, "amounts": [20.5, 20.5]},
                    {"name": "合计", "line": 64, "amounts": [total, total]}]}))


@check("A004", "fiscal-summary-identity", "财政拨款收入支出决算总表等式不成立", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开04表应满足 年初结转 + 本年收入 = 本年支出 + 年末结转，各行合计等于各资金列之和。",
       examples=(Example("收支两侧相等", lambda: _fiscal(100.75), fails=False),
                 Example("支出合计与收入合计不等", lambda: _fiscal(100.65), fails=True)))
def fiscal_summary_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A004")


@check("A005", "general-budget-row-identity", "一般公共预算财政拨款支出表合计不一致", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开05表每行合计应等于基本支出加项目支出，合计行应等于各行之和。",
       examples=(_ok_rows("A005"), _bad_rows("A005")))
def general_budget_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A005")


def _basic(total_301: float) -> Document:
    return _doc(_tables(basic_expense=[
        {"code": "301", "name": "工资福利支出", "amount": total_301},
        {"code": "30101", "name": "基本工资", "amount": 60.25},
        {"code": "30102", "name": "津贴补贴", "amount": 40.5},
        {"code": None, "name": "人员经费合计", "amount": total_301},
        {"code": "302", "name": "商品和服务支出", "amount": 5.25},
        {"code": "30201", "name": "办公费", "amount": 5.25},
        {"code": None, "name": "公用经费合计", "amount": 5.25}]))


@check("A006", "basic-expense-identity", "基本支出决算表类款不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开06表每个经济分类类级科目应等于其款级科目之和，人员经费合计、公用经费合计应等于相应类级之和。",
       examples=(Example("类等于款之和", lambda: _basic(100.75), fails=False),
                 Example("301 不等于其款之和", lambda: _basic(100.85), fails=True)))
def basic_expense_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A006")


def _three(total: float) -> Document:
    side = {"total": total, "abroad": None, "vehicle_total": 30.75, "vehicle_purchase": 10.25,
            "vehicle_operation": 20.5, "reception": 5.25}
    return _doc(_tables(three_public={"budget": side, "actual": side}))


@check("A007", "three-public-identity", "“三公”经费表合计不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开07表“三公”经费合计应等于因公出国（境）费、公务用车购置及运行费、公务接待费之和，公务用车小计应等于购置费加运行费。",
       examples=(Example("合计等于各项之和", lambda: _three(36.0), fails=False),
                 Example("合计不等于各项之和", lambda: _three(36.02), fails=True)))
def three_public_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A007")


def _fund(closing: float) -> Document:
    doc = _doc(_tables(government_fund=[{"code": "2296002", "name": "彩票公益金", "amounts": [10.25, 5.5, 8.25, closing]}]))
    fa = doc.final_accounts[0]
    table = replace(fa.government_fund or FunctionTable(), columns=("年初结转和结余", "本年收入", "本年支出", "年末结转和结余"))
    return replace(doc, final_accounts=(replace(fa, government_fund=table),))


@check("A008", "government-fund-identity", "政府性基金表收支不平衡", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开08表每行应满足 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余（需读出列标题）。",
       examples=(Example("收支平衡", lambda: _fund(7.5), fails=False),
                 Example("年末结转和结余不平", lambda: _fund(7.25), fails=True)))
def government_fund_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A008")


@check("A009", "state-capital-row-identity", "国有资本经营预算支出表合计不一致", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开09表每行合计应等于基本支出加项目支出。",
       examples=(_ok_rows("A009"), _bad_rows("A009")))
def state_capital_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A009")


def _cross_doc(income_02: float) -> Document:
    return _doc(_tables(
        income_expense_summary={"income": [{"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [100.0]},
                                           {"name": "本年收入合计", "line": 27, "amounts": [100.0]}],
                                "expense": []},
        income=[{"code": None, "name": None, "amounts": [income_02, income_02]},
                {"code": "2080101", "name": "行政运行", "amounts": [income_02, income_02]}]))


@check("A010", "cross-table-identity", "表间数字不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "同一数字在不同公开表中应一致：02表合计 = 01表本年收入合计，03表 = 01表支出（按类），04表一般公共预算列 = 05表（按类），05表基本支出 = 06表人员经费 + 公用经费。",
       examples=(Example("02表合计等于01表本年收入合计", lambda: _cross_doc(100.0), fails=False),
                 Example("02表合计与01表不同", lambda: _cross_doc(90.0), fails=True)))
def cross_table_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A010")


@check("A011", "class-not-sum-of-children", "类、款金额不等于下级科目之和", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "功能分类的类（3位）、款（5位）金额应等于其下级科目（按编码前缀）之和。",
       examples=(Example("款等于其项之和", lambda: _rows("A011", [
           ("20801", "人力资源和社会保障管理事务", [30.75, 10.25, 20.5]), ("2080101", "行政运行", [10.25, 10.25, None]),
           ("2080102", "一般行政管理事务", [20.5, None, 20.5])]), fails=False),
                 Example("款不等于其项之和", lambda: _rows("A011", [
           ("20801", "人力资源和社会保障管理事务", [30.86, 10.25, 20.61]), ("2080101", "行政运行", [10.25, 10.25, None]),
           ("2080102", "一般行政管理事务", [20.5, None, 20.5])]), fails=True)))
def class_not_sum_of_children(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A011")


# ---------------------------------------------------------------- one code, one name


def _names_by_code(fa: FinalAccounts) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for key, table in function_tables(fa):
        for r in table.rows:
            if r.code.text and r.name.text:
                out.setdefault(r.code.text.strip(), {}).setdefault(norm(r.name.text), []).append(SHORT[key.value])
    return out


def _names_doc(name_05: str) -> Document:
    return _doc(_tables(expense=[{"code": "2080101", "name": "行政运行", "amounts": [1.0, 1.0]}],
                        general_budget_expense=[{"code": "2080101", "name": name_05, "amounts": [1.0, 1.0]}]))


@check("A012", "code-name-mismatch", "同一科目编码在各表名称不同", Severity.WARNING, "accounts",
       "科目 {code} 在各表名称不同：{names}。", "同一功能分类科目编码在每张表中应印同一名称；名称被截断或编码错位都会造成不一致。",
       examples=(Example("各表名称一致", lambda: _names_doc("行政运行"), fails=False),
                 Example("05表名称不同", lambda: _names_doc("一般行政管理事务"), fails=True)))
def code_name_mismatch(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        for code, names in _names_by_code(fa).items():
            if len(names) > 1:
                shown = "；".join(f"{n}（{'、'.join(dict.fromkeys(t))}）" for n, t in names.items())
                longest = max(names, key=len)
                cut = all(longest.startswith(n) for n in names)   # a name printed short, not another subject
                yield Hit(where=fa.where, document_kind=KIND, excerpt=shown, actual=shown,
                          params={"code": code, "names": shown}, severity=Severity.INFO if cut else None)


# ---------------------------------------------------------------- cut amounts


def _numbers(fa: FinalAccounts) -> Iterator[tuple[Cell, Decimal]]:
    """Every printed number of the document with its scale to 元 (tables and narrative)."""
    for key in TableKey:
        scale = scale_of(fa, key)
        table = getattr(fa, key.value)
        if isinstance(table, SummaryTable):
            cells: Iterable[Cell] = (c for x in (*table.income, *table.expense) for c in x.amounts)
        elif isinstance(table, FunctionTable):
            cells = (c for r in table.rows for c in r.amounts)
        elif key is TableKey.BASIC_EXPENSE and table:
            cells = (r.amount for r in table)
        else:
            continue
        yield from ((c, scale) for c in cells if c.number is not None)
    for f in fa.narrative_facts:
        if f.value.number is not None:
            yield f.value, UNIT_SCALE.get(f.unit, Decimal(1))


def full_value(fa: FinalAccounts, term: Term) -> Decimal | None:
    """A value printed elsewhere in the document whose first digits are the cut cell's."""
    d = term.cell.decimals or 0
    step = Decimal(1).scaleb(-d) * term.scale
    for c, scale in _numbers(fa):
        w = (c.number or ZERO) * scale
        if w != term.value and (c.decimals or 0) > d and term.value <= w < term.value + step:
            return w
    return None


def _cut_doc(printed: float) -> Document:
    return _doc(_tables(fiscal_summary={"income": [], "expense": [
        {"name": "社会保障和就业支出", "line": 40, "amounts": [printed, 418144219.93]},
        {"name": "本年支出合计", "line": 59, "amounts": [418144219.93, 418144219.93]}]}))


@check("A013", "amount-looks-cut", "金额疑似被截断", Severity.WARNING, "accounts",
       "{table}：{label} 印作 {printed}，只有 {decimals} 位小数而本列印 {places} 位，疑似末位被截断；"
       "文件中另印有完整值 {full}，按此值以下等式成立：{names}。",
       "表中金额的小数位少于同列其他金额，且按所印数字等式不成立、按截断前的完整值可以成立：多为排版时单元格过窄所致，请核对原表并印出完整金额。",
       examples=(Example("金额完整", lambda: _cut_doc(418144219.93), fails=False),
                 Example("合计列金额少印一位小数", lambda: _cut_doc(418144219.9), fails=True)))
def amount_looks_cut(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        blamed: dict[tuple[str, Term], list[Verdict]] = {}
        for v in verdicts(fa):
            for t in v.cut if v.status == "cut" else ():
                blamed.setdefault((v.identity.table, t), []).append(v)
        for (table, t), vs in blamed.items():
            full = amount((full_value(fa, t) or t.value) / t.scale, t.places)
            yield Hit(where=t.cell.where, document_kind=KIND, table=table, actual=t.cell.text, expected=full,
                      formula="；".join(v.identity.formula() for v in vs), excerpt=t.cell.raw or t.cell.text,
                      params={"table": table, "label": t.label, "printed": amount(t.value / t.scale, t.cell.decimals or 0),
                              "decimals": t.cell.decimals or 0, "places": t.places, "full": full,
                              "names": "；".join(dict.fromkeys(v.identity.name for v in vs))})


# ---------------------------------------------------------------- units and missing tables


def _units_doc(unit_05: str) -> Document:
    doc = _doc(_tables(income=[], general_budget_expense=[]))
    fa = doc.final_accounts[0]
    return replace(doc, final_accounts=(replace(fa, table_units=(("income", "元"), ("general_budget_expense", unit_05))),))


@check("A014", "mixed-units", "各表金额单位不一致", Severity.WARNING, "accounts",
       "各表金额单位不一致：{units}。表间核对已按单位换算为元。",
       "同一部门决算的公开表应使用同一金额单位；单位不同时表间数字需换算后才能比较，请核对表头单位。",
       examples=(Example("单位一致", lambda: _units_doc("元"), fails=False),
                 Example("05表以万元列示", lambda: _units_doc("万元"), fails=True)))
def mixed_units(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        units = dict(fa.table_units)
        if len(set(units.values())) > 1:
            shown = "；".join(f"{SHORT.get(k, k)} {u}" for k, u in units.items())
            yield Hit(where=fa.where, document_kind=KIND, actual=shown, params={"units": shown})


@check("A015", "table-missing", "部门决算公开表缺失", Severity.INFO, "accounts",
       "文件中未见以下公开表：{missing}。相关等式未核对。",
       "部门决算应公开九张表；未印出的表（或仅注明“见附件”）无法核对，空表应印出表头并注明无数据。",
       examples=(Example("九张表俱全", lambda: _doc(_tables(**{k.value: ({"budget": {}, "actual": {}}
                                                                      if k is TableKey.THREE_PUBLIC else
                                                                      {"income": [], "expense": []}
                                                                      if k in (TableKey.INCOME_EXPENSE_SUMMARY,
                                                                               TableKey.FISCAL_SUMMARY) else [])
                                                              for k in TableKey})), fails=False),
                 Example("只有说明、没有表", lambda: _doc(_tables()), fails=True)))
def table_missing(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        missing = [TITLES[k] for k in TableKey if getattr(fa, k.value) is None]
        if missing:
            yield Hit(where=fa.where, document_kind=KIND, params={"missing": "、".join(missing)})
