"""One typed reference to a line of a table (``LineRef``), read once from ``tables.toml``.

The identities of the summary tables and the subjects of the 情况说明 both name lines of the
nine tables; they are written in ``tables.toml`` as small inline tables, checked when the
file is loaded (a bad entry stops the load and says which entry and why), and found in a
document by ``find_line``. A line the table does not print stands for 0.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.accounts.views import (
    ZERO,
    Term,
    View,
    at,
    basic_view,
    column_total,
    columns_of,
    find,
    function_view,
    index_of,
    norm,
    number,
    view,
)
from jixiao.model.accounts import FinalAccounts, SummaryLine, SummaryTable, TableKey
from jixiao.model.values import EMPTY, Cell
from jixiao.resolve.accounts import FUNCTION_TABLES

DATA_FILE = Path(__file__).with_name("tables.toml")


class LineError(ValueError):
    """An entry of ``tables.toml`` that names no line; the message says which entry and why."""


SUMMARY_TABLES = (TableKey.INCOME_EXPENSE_SUMMARY, TableKey.FISCAL_SUMMARY)
SIDES: dict[TableKey, tuple[str, ...]] = {TableKey.INCOME_EXPENSE_SUMMARY: ("income", "expense"),
                                          TableKey.FISCAL_SUMMARY: ("income", "expense"),
                                          TableKey.THREE_PUBLIC: ("budget", "actual")}


def _load() -> dict[str, Any]:
    return tomllib.loads(DATA_FILE.read_text("utf-8"))


DATA = _load()
FUNCTION_CLASSES: dict[str, str] = DATA["function_classes"]
ECONOMIC_CLASSES: dict[str, str] = DATA["economic_classes"]
PERSONNEL: tuple[str, ...] = tuple(DATA["personnel"]["codes"])
CLASS_OF_NAME = {name: code for code, name in FUNCTION_CLASSES.items()}
THREE_PUBLIC_LINES: dict[str, str] = DATA["three_public_lines"]    # field of ThreePublic → its line's name
SIDE_WORDS: dict[str, str] = DATA["side_words"]


def side_word(side: str, name: str) -> str:
    """收入总计 / 支出总计, 预算合计 / 决算合计: the side is said where the name alone is ambiguous."""
    return SIDE_WORDS[side] if name in ("合计", "总计") or side in ("budget", "actual") else ""


@dataclass(frozen=True, slots=True)
class LineRef:
    """One line of one table: 01 收入 本年收入合计, 03 基本支出 column, 05 类 208, 06 301, 07 决算 合计.

    ``names``: the names the line is printed under (summary tables, 06, 07); ``code``: instead,
    the economic code of a 06 row or the 类 whose rows a function table adds up; neither, in a
    function table: its 合计 line. ``column`` counts amount columns from 0."""

    table: TableKey
    side: str = ""
    names: tuple[str, ...] = ()
    code: str = ""
    column: int = 0

    @property
    def name(self) -> str:
        """The line as an identity names it: its first name, the side said where it matters."""
        first = self.names[0] if self.names else self.code or "合计"
        return side_word(self.side, first) + first if self.side else first

    @property
    def label(self) -> str:
        """The line as a finding names it: ``01表 本年收入合计``, ``03表 第2列合计``."""
        head = f"{number(self.table)}表"
        if self.table is TableKey.BASIC_EXPENSE and self.code:
            return f"{head} {self.code} {ECONOMIC_CLASSES.get(self.code, '')}".strip()
        if self.names:
            return f"{head} {self.names[0]}"
        if self.code:
            return f"{head} {FUNCTION_CLASSES.get(self.code, self.code)}（Σ 各行）"
        return f"{head} 第{self.column + 1}列合计"

    def on(self, side: str) -> LineRef:
        return replace(self, side=side)

    def at(self, column: int) -> LineRef:
        return replace(self, column=column)


@dataclass(frozen=True, slots=True)
class LineSpan:
    """The lines of one side of a summary table printed between two lines, without 其中 breakdowns.

    ``after`` empty: from the first line; ``until`` empty: to the last."""

    table: TableKey
    side: str
    after: tuple[str, ...] = ()
    until: tuple[str, ...] = ()
    column: int = 0

    @property
    def name(self) -> str:
        start = self.after[0] if self.after else SIDE_WORDS[self.side] + "首行"
        return f"Σ {start}至{self.until[0] if self.until else '末行'}之间各行"

    def at(self, column: int) -> LineSpan:
        return replace(self, column=column)


# ---------------------------------------------------------------- reading entries


_KEYS = {"table", "side", "line", "code", "column", "after", "until"}


def _names(value: object, where: str, key: str) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise LineError(f"{where}: {key} must be a name or a non-empty list of names, not {value!r}")
    return tuple(names)


def parse_line(entry: object, where: str, table: TableKey | None = None) -> LineRef | LineSpan:
    """A line (or span of lines) of ``tables.toml``, checked against what each table prints.

    ``table`` is the default where the entry names none (an identity's own table)."""
    if not isinstance(entry, Mapping):
        raise LineError(f"{where}: a line is an inline table such as {{ side = \"income\", line = \"总计\" }}")
    if unknown := set(entry) - _KEYS:
        raise LineError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}")
    try:
        key = TableKey(entry["table"]) if "table" in entry else table
    except ValueError:
        raise LineError(f"{where}: unknown table {entry['table']!r}") from None
    if key is None:
        raise LineError(f"{where}: a table is required")
    side = entry.get("side", "")
    sides = SIDES.get(key, ())
    if side and side not in sides:
        raise LineError(f"{where}: side {side!r} is not one of {', '.join(sides) or '(none: one-sided table)'}")
    if key in SUMMARY_TABLES and not side:
        raise LineError(f"{where}: a line of {key.value} needs a side ({', '.join(sides)})")
    column = entry.get("column", 0)
    if not isinstance(column, int) or isinstance(column, bool) or column < 0:
        raise LineError(f"{where}: column must be a whole number from 0, not {column!r}")
    if "after" in entry or "until" in entry:
        if key not in SUMMARY_TABLES or "line" in entry or "code" in entry:
            raise LineError(f"{where}: a span (after/until) is of a summary table's lines, without line or code")
        after = _names(entry["after"], where, "after") if "after" in entry else ()
        until = _names(entry["until"], where, "until") if "until" in entry else ()
        return LineSpan(key, side, after, until, column)
    names = _names(entry["line"], where, "line") if "line" in entry else ()
    code = entry.get("code", "")
    if not isinstance(code, str) or (code and not code.isdigit()):
        raise LineError(f"{where}: code must be a classification code of digits, not {code!r}")
    if names and code:
        raise LineError(f"{where}: a line is named by line or by code, not both")
    if key in FUNCTION_TABLES and names:
        raise LineError(f"{where}: a line of {key.value} is named by its 类 code or is its 合计 (no line)")
    if key not in FUNCTION_TABLES and key is not TableKey.BASIC_EXPENSE and not names:
        raise LineError(f"{where}: a line of {key.value} needs a line name")
    if key is TableKey.BASIC_EXPENSE and not (names or code):
        raise LineError(f"{where}: a line of basic_expense needs a line name or an economic code")
    if key is TableKey.THREE_PUBLIC and (bad := [n for n in names if n not in THREE_PUBLIC_LINES.values()]):
        raise LineError(f"{where}: table 07 prints no line {bad[0]!r}; its lines: {', '.join(THREE_PUBLIC_LINES.values())}")
    return LineRef(key, side, names, code, column)


def parse_ref(entry: object, where: str, table: TableKey | None = None) -> LineRef:
    """One line, not a span."""
    got = parse_line(entry, where, table)
    if isinstance(got, LineSpan):
        raise LineError(f"{where}: one line is wanted here, not a span")
    return got


def parse_subjects(data: Mapping[str, object]) -> dict[str, tuple[LineRef, ...]]:
    """``[subjects]``: a subject of the 情况说明 → the lines it adds up."""
    out: dict[str, tuple[LineRef, ...]] = {}
    for subject, value in data.items():
        entries = value if isinstance(value, list) else [value]
        out[subject] = tuple(parse_ref(e, f"subjects.{subject}[{i}]") for i, e in enumerate(entries))
    return out


SUBJECTS = parse_subjects(DATA["subjects"])


# ---------------------------------------------------------------- finding lines in a document


@dataclass(frozen=True, slots=True)
class Found:
    """What a line adds up in one document, in 元 with its column's precision.

    A named line is one term, an empty cell where the table does not print it (``printed``
    then says so); a 合计 or a 类 of a function table is the terms of the printed rows."""

    terms: tuple[Term, ...]
    printed: bool = True

    @property
    def value(self) -> Decimal:
        return sum((t.value for t in self.terms), ZERO)

    @property
    def half(self) -> Decimal:
        return sum((t.half for t in self.terms), ZERO)

    def cells(self) -> tuple[Term, ...]:
        """Only the terms whose cell prints a number: what an identity adds up."""
        return tuple(t for t in self.terms if t.cell.number is not None)


def sides(fa: FinalAccounts, key: TableKey) -> dict[str, tuple[SummaryLine, ...]] | None:
    """A table as named lines by side: 01/04 income and expense; 07 budget and actual."""
    table = getattr(fa, key.value)
    if table is None:
        return None
    if isinstance(table, SummaryTable):
        return {"income": table.income, "expense": table.expense}
    return {side: tuple(SummaryLine(name=Cell(name), line=None, amounts=(getattr(getattr(table, side), field),))
                        for field, name in THREE_PUBLIC_LINES.items()) for side in ("budget", "actual")}


def sides_view(fa: FinalAccounts, key: TableKey, lines: Mapping[str, tuple[SummaryLine, ...]]) -> View:
    """A table of named lines seen as terms, every side's lines in one set of columns."""
    return view(fa, key, columns_of(x.amounts for xs in lines.values() for x in xs))


def find_line(fa: FinalAccounts, ref: LineRef) -> Found | None:
    """``ref`` in ``fa``; ``None`` where the table is not printed or its rows cannot be told by 类."""
    if ref.table in SIDES:
        lines = sides(fa, ref.table)
        if lines is None:
            return None
        x = find(lines[ref.side], *ref.names)
        cell = x.amounts[ref.column] if x is not None and ref.column < len(x.amounts) else EMPTY
        term = sides_view(fa, ref.table, lines).term(norm(x.name.text) if x else ref.names[0], cell, ref.column)
        return Found((term,), x is not None)
    if ref.table is TableKey.BASIC_EXPENSE:
        if fa.basic_expense is None:
            return None
        row = next((r for r in fa.basic_expense if (norm(r.code.text) == ref.code if ref.code
                                                       else not r.code.text and norm(r.name.text) in ref.names)), None)
        return Found((basic_view(fa).term(ref.name, row.amount if row else EMPTY),), row is not None)
    got = function_view(fa, ref.table)
    if got is None:
        return None
    v, rows = got
    if not ref.code:
        return Found(tuple(pv.term(lab, c, ref.column) for pv, (lab, c) in column_total(v, rows, ref.column, "")))
    if not rows.complete:
        return None   # rows without a known code cannot be summed by 类
    return Found(tuple(v.term("", c, ref.column) for r in rows.under(ref.code) if (c := at(r.amounts, ref.column))))


def span_terms(fa: FinalAccounts, span: LineSpan) -> tuple[Term, ...] | None:
    """The printed cells of the lines a span covers; ``None`` where the table is not printed."""
    lines = sides(fa, span.table)
    if lines is None:
        return None
    xs = lines[span.side]
    lo = index_of(xs, find(xs, *span.after)) + 1 if span.after else 0
    hi = index_of(xs, find(xs, *span.until)) if span.until else len(xs)
    v = sides_view(fa, span.table, lines)
    return tuple(v.term(norm(x.name.text), c, span.column) for x in xs[lo:hi]
                 if not norm(x.name.text).startswith("其中") and (c := at(x.amounts, span.column)))
