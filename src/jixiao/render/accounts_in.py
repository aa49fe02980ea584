"""Interchange JSON (LABELS.md ``FinalAccounts``) → the ``FinalAccounts`` model.

The labels hold numbers as JSON numbers, so the printed form is rebuilt from the
shortest decimal that round-trips (``2147861.6``, ``175``): trailing zeros the
document printed are lost, which only ever makes a cell look *less* precise than
printed (a share labelled ``175.0`` was printed ``175%``, so it is read back as ``175``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionRow,
    FunctionTable,
    NarrativeFact,
    SummaryLine,
    SummaryTable,
    ThreePublic,
    ThreePublicTable,
)
from jixiao.model.provenance import Where
from jixiao.model.values import EMPTY, Cell

JSON = dict[str, Any]


def number_text(value: object) -> str | None:
    """A JSON number as it would be printed: ``5.0`` → ``5``, ``2000000.0`` → ``2000000``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return f"{Decimal(repr(value)).normalize():f}"
    return str(value)


def cell(value: Any, where: Where) -> Cell:
    """A JSON value as a printed cell: numbers in plain decimal notation, text as is."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return Cell.read(str(value), where)
    return Cell.read(number_text(value), where)


def _summary(data: JSON | None, where: Where) -> SummaryTable | None:
    if data is None:
        return None
    def lines(side: str) -> tuple[SummaryLine, ...]:
        return tuple(SummaryLine(name=cell(x.get("name"), where), line=x.get("line"),
                                 amounts=tuple(cell(a, where) for a in x.get("amounts", ())), where=where)
                     for x in data.get(side, ()))

    return SummaryTable(income=lines("income"), expense=lines("expense"))


def _function(rows: list[JSON] | None, where: Where) -> FunctionTable | None:
    if rows is None:
        return None
    return FunctionTable(rows=tuple(
        FunctionRow(code=cell(r.get("code"), where), name=cell(r.get("name"), where),
                    amounts=tuple(cell(a, where) for a in r.get("amounts", ())), where=where)
        for r in rows))


def _economic(rows: list[JSON] | None, where: Where) -> tuple[EconomicRow, ...] | None:
    if rows is None:
        return None
    return tuple(EconomicRow(code=cell(r.get("code"), where), name=cell(r.get("name"), where),
                             amount=cell(r.get("amount"), where), where=where) for r in rows)


def _three_public(data: JSON | None, where: Where) -> ThreePublicTable | None:
    if data is None:
        return None

    def side(d: JSON | None) -> ThreePublic:
        d = d or {}
        return ThreePublic(**{k: cell(d.get(k), where) for k in ThreePublic.__slots__})

    return ThreePublicTable(budget=side(data.get("budget")), actual=side(data.get("actual")), where=where)


def _fact(f: JSON, where: Where) -> NarrativeFact:
    return NarrativeFact(section=f.get("section") or "", subject=f.get("subject") or "",
                         value=cell(f.get("value"), where), unit=f.get("unit") or "",
                         share=cell(f.get("share"), where), where=where, sentence=f.get("sentence") or "")


def final_accounts_from_json(data: JSON, source: str) -> FinalAccounts:
    """One ``final_accounts`` item of the interchange JSON as the model (every value sourced to ``source``)."""
    where = Where(file=source)
    tables = data.get("tables") or {}
    unit = data.get("amount_unit") or "元"
    return FinalAccounts(
        year=data.get("year"),
        department=cell(data.get("department"), where),
        amount_unit=unit,
        income_expense_summary=_summary(tables.get("income_expense_summary"), where),
        income=_function(tables.get("income"), where),
        expense=_function(tables.get("expense"), where),
        fiscal_summary=_summary(tables.get("fiscal_summary"), where),
        general_budget_expense=_function(tables.get("general_budget_expense"), where),
        basic_expense=_economic(tables.get("basic_expense"), where),
        three_public=_three_public(tables.get("three_public"), where),
        government_fund=_function(tables.get("government_fund"), where),
        state_capital=_function(tables.get("state_capital"), where),
        narrative_facts=tuple(_fact(f, where) for f in data.get("narrative_facts") or ()),
        table_units=tuple((key, unit) for key in tables),
        where=where,
    )
