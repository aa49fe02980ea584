"""The identities within and across the nine final-accounts tables (DOMAIN.md), judged once.

Every identity is ``total = Σ parts`` over printed cells. Tolerance comes from printed
precision: each cell stands for anything within half a unit of its column's last digit,
a sum for the accumulated rounding of its terms. An identity that fails only because a
cell prints fewer decimals than its column (``418,144,219.9`` where the column prints
``…219.93``), and holds with the full value the document prints elsewhere, is judged
``cut`` (the checks report it once per cut cell, A013), not ``fails``. The identities of
the summary tables and of 07 are data (``[[identity]]`` in ``tables.toml``); the rest,
which walk rows and codes, are the functions below.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jixiao.accounts.lines import (
    CLASS_OF_NAME,
    DATA,
    PERSONNEL,
    LineError,
    LineRef,
    LineSpan,
    find_line,
    parse_line,
    parse_ref,
    sides,
    sides_view,
    span_terms,
)
from jixiao.accounts.views import (
    ZERO,
    Term,
    View,
    amount,
    at,
    basic_view,
    column_total,
    columns_of,
    find,
    function_view,
    index_of,
    label_of,
    norm,
    printed,
    scale_of,
    summary_view,
    unit_scale,
    view,
)
from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionTable,
    SummaryLine,
    SummaryTable,
    TableKey,
)
from jixiao.model.memo import by_identity
from jixiao.model.values import Cell
from jixiao.resolve.accounts import FUNCTION_TABLES


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




# ---------------------------------------------------------------- identities written as data


@dataclass(frozen=True, slots=True)
class Formula:
    """An identity of ``tables.toml``: ``total = Σ parts`` over lines of one table."""

    code: str
    table: TableKey
    total: LineRef
    parts: tuple[LineRef | LineSpan, ...]
    each_column: bool = False

    @property
    def name(self) -> str:
        """The identity as a person reads it: first names only, sides said where they matter."""
        return f"{self.total.name} = {' + '.join(p.name for p in self.parts)}"


def parse_formula(entry: object, where: str) -> Formula:
    """One ``[[identity]]``, every line checked against its table."""
    if not isinstance(entry, Mapping):
        raise LineError(f"{where}: an identity is a table with code, table, total and parts")
    if unknown := set(entry) - {"code", "table", "total", "parts", "columns"}:
        raise LineError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    code = entry.get("code")
    if not isinstance(code, str) or not code:
        raise LineError(f"{where}: code (the finding code, A001 …) is required")
    try:
        table = TableKey(str(entry.get("table")))
    except ValueError:
        raise LineError(f"{where}: unknown table {entry.get('table')!r}") from None
    if entry.get("columns", "first") not in ("first", "each"):
        raise LineError(f"{where}: columns is \"each\" or left out, not {entry['columns']!r}")
    raw = entry.get("parts")
    if not isinstance(raw, list) or not raw:
        raise LineError(f"{where}: parts must be a non-empty list of lines")
    total = parse_ref(entry.get("total"), f"{where}.total", table)
    parts = tuple(parse_line(p, f"{where}.parts[{i}]", table) for i, p in enumerate(raw))
    if any(x.table is not table for x in (total, *parts)):
        raise LineError(f"{where}: every line of an identity is of its own table ({table.value})")
    return Formula(code, table, total, parts, entry.get("columns") == "each")


FORMULAS = tuple(parse_formula(f, f"identity[{i}]") for i, f in enumerate(DATA["identity"]))


def _sum_identity(code: str, v: View, name: str, total: tuple[str, Cell] | None,
                  parts: Iterable[tuple[str, Cell]], column: int = 0) -> Iterator[Identity]:
    """One ``total = Σ parts`` if the total is printed (nothing to check otherwise)."""
    yield from _sum_terms(code, v.title, name, v.term(*total, column) if total is not None else None,
                          [v.term(lab, c, column) for lab, c in parts])


def _sum_terms(code: str, table: str, name: str, total: Term | None, parts: Iterable[Term]) -> Iterator[Identity]:
    printed_parts = tuple(p for p in parts if p.cell.number is not None)
    if total is None or total.cell.number is None or not printed_parts:
        return   # nothing printed to add up: not itemised, not a contradiction
    yield Identity(code, table, name, total, printed_parts)


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



def _terms(fa: FinalAccounts, ref: LineRef | LineSpan) -> tuple[Term, ...]:
    """The printed cells a line (or span) of an identity adds."""
    if isinstance(ref, LineSpan):
        return span_terms(fa, ref) or ()
    found = find_line(fa, ref)
    return found.cells() if found is not None else ()


def formula_identities(fa: FinalAccounts) -> Iterator[Identity]:
    """Every identity of the TOML over the tables this document prints."""
    for f in FORMULAS:
        lines = sides(fa, f.table)
        if lines is None:
            continue
        v = sides_view(fa, f.table, lines)
        for j in range(len(v.places)) if f.each_column else (0,):
            total = _terms(fa, f.total.at(j))
            parts = [t for p in f.parts for t in _terms(fa, p.at(j))]
            name = f"{f.name}（第{j + 1}列）" if f.each_column else f.name
            yield from _sum_terms(f.code, v.title, name, total[0] if total else None, parts)


def row_identities(fa: FinalAccounts, key: TableKey, code: str, what: str) -> Iterator[Identity]:
    """Function tables: each row's total = Σ its other columns; 合计 = Σ leaf rows, column by column."""
    got = function_view(fa, key)
    if got is None:
        return
    v, split = got
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
    for key in FUNCTION_TABLES:
        got = function_view(fa, key)
        if got is None:
            continue
        v, split = got
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
    v = basic_view(fa)
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
    v06 = basic_view(fa)
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
            yield f.value, unit_scale(f.unit)


def full_value(fa: FinalAccounts, term: Term) -> Decimal | None:
    """A value printed elsewhere in the document whose first digits are the cut cell's."""
    d = term.cell.decimals or 0
    step = Decimal(1).scaleb(-d) * term.scale
    for c, scale in _numbers(fa):
        w = (c.number or ZERO) * scale
        if w != term.value and (c.decimals or 0) > d and term.value <= w < term.value + step:
            return w
    return None


