"""The nine 部门决算 tables as a web page shows them, from a stored interchange JSON.

The page draws the same tables the official render prints (``accounts_tables.tables``): each
with its own heading rows merged as the template draws them, amounts ``#,##0.00`` in the
document's unit, codes and names resolved across tables (and marked as filled), an empty
table said to be empty. The web holds no copy of this layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.render import accounts_tables
from jixiao.render.accounts_in import final_accounts_from_json, number_text
from jixiao.render.grid import Number, header_spans, shown
from jixiao.vocabulary import simplified

MONEY_UNITS = ("元", "万元", "千元", "亿元")      # as a simplified key: 萬元 is money too


@dataclass(frozen=True, slots=True)
class HeadCell:
    """A heading cell with the rows and columns it spans."""

    text: str
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True, slots=True)
class BodyCell:
    """A body cell as shown: ``number`` right-aligned, ``filled`` not printed but resolved."""

    text: str
    number: bool = False
    filled: bool = False


@dataclass(frozen=True, slots=True)
class PageTable:
    """One public table as the page draws it."""

    key: str
    number: str
    title: str
    unit: str
    header: tuple[tuple[HeadCell, ...], ...]
    body: tuple[tuple[BodyCell, ...], ...]
    note: str
    empty: bool
    filled: int
    width: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure of the 情况说明, its value shown in its unit."""

    section: str
    subject: str
    value: str
    unit: str
    share: str


@dataclass(frozen=True, slots=True)
class AccountsPage:
    department: str
    year: int | None
    unit: str
    tables: tuple[PageTable, ...]
    facts: tuple[Fact, ...]


def _heading(header: list[list[Any]]) -> tuple[tuple[HeadCell, ...], ...]:
    """Heading rows as HTML draws them: a merged cell once, with its spans; covered cells left out."""
    spans = {(s.row, s.col): s for s in header_spans(header)}
    covered = {(s.row + a, s.col + b) for s in spans.values() for a in range(s.rows) for b in range(s.cols)}
    rows = []
    for i, row in enumerate(header):
        cells = []
        for j, value in enumerate(row):
            if (i, j) in covered and (i, j) not in spans:
                continue
            span = spans.get((i, j))
            cells.append(HeadCell(shown(value), span.rows if span else 1, span.cols if span else 1))
        rows.append(tuple(cells))
    return tuple(rows)


def _value(value: object, unit: str) -> str:
    """A fact's value: money ``#,##0.00``, other figures as printed; empty as ``—``."""
    if value is None:
        return "—"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and simplified(unit) in MONEY_UNITS:
        try:
            return shown(Decimal(repr(value)))
        except InvalidOperation:
            return str(value)
    return number_text(value) or "—"


def accounts_page(data: dict[str, Any], source: str = "") -> AccountsPage:
    """The page of one stored ``final_accounts`` interchange item."""
    fa = final_accounts_from_json(data, source)
    made = []
    for table in accounts_tables.tables(fa):
        width = table.width
        body = tuple(
            tuple(BodyCell(shown(v), isinstance(v, (Decimal, Number)), (i, j) in table.filled)
                  for j, v in enumerate(list(row) + [""] * (width - len(row))))
            for i, row in enumerate(table.body))
        header = [list(r) + [""] * (width - len(r)) for r in table.header]
        unit = dict(fa.table_units).get(table.key.value, fa.amount_unit)
        made.append(PageTable(table.key.value, table.number, table.title, unit, _heading(header), body,
                              table.note, not table.body, len(table.filled), width))
    facts = tuple(Fact(f.get("section") or "", f.get("subject") or "", _value(f.get("value"), f.get("unit") or ""),
                       f.get("unit") or "", "—" if f.get("share") is None else f"{number_text(f.get('share'))}%")
                  for f in data.get("narrative_facts") or ())
    return AccountsPage(department=fa.department.text or "", year=fa.year, unit=fa.amount_unit,
                        tables=tuple(made), facts=facts)
