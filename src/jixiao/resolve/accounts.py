"""The resolved view of the function tables: codes and names filled in across tables.

Documents print a code without its name on some pages (02 page 1) or a name without
its code (03 page 1). The same code carries the same name in every table (DOMAIN.md),
so a row's missing half is taken from the rows that print both, in any table (names
matched without the spaces a wrapped label prints). The
printed ``code`` / ``name`` are kept untouched (the labels want them as printed);
only ``resolved_code`` / ``resolved_name`` are set. A name that several codes carry
(其他支出) is settled by its neighbours: the candidate sharing the longest prefix
with the code resolved just before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from jixiao.model.accounts import FinalAccounts, FunctionRow, FunctionTable, TableKey
from jixiao.model.values import squeeze

FUNCTION_TABLES = (TableKey.INCOME, TableKey.EXPENSE, TableKey.GENERAL_BUDGET_EXPENSE, TableKey.GOVERNMENT_FUND,
                   TableKey.STATE_CAPITAL)   # the tables by function classification, in printed order
TOTAL = "合计"


def resolve_accounts(accounts: FinalAccounts) -> FinalAccounts:
    """``accounts`` with every function row's ``resolved_code`` / ``resolved_name`` set."""
    tables = {key.value: t for key in FUNCTION_TABLES if (t := getattr(accounts, key.value)) is not None}
    codes_of: dict[str, set[str]] = defaultdict(set)
    names_of: dict[str, set[str]] = defaultdict(set)
    for table in tables.values():
        for row in table.rows:
            if row.code.text and row.name.text:
                codes_of[squeeze(row.name.text)].add(row.code.text)
                names_of[row.code.text].add(row.name.text)
    changes: dict[str, Any] = {key: _resolve_table(t, codes_of, names_of) for key, t in tables.items()}
    return replace(accounts, **changes)


def _resolve_table(table: FunctionTable, codes_of: dict[str, set[str]],
                   names_of: dict[str, set[str]]) -> FunctionTable:
    rows: list[FunctionRow] = []
    previous = ""
    for n, row in enumerate(table.rows):
        code = row.code.text or _pick(codes_of.get(squeeze(row.name.text), set()), previous)
        name = row.name.text or _pick(names_of.get(code or "", set()), "")
        if code is None and name is None and n == 0:
            name = TOTAL          # the first row with neither printed is the totals row (02)
        rows.append(replace(row, resolved_code=code, resolved_name=name))
        previous = code or previous
    return replace(table, rows=tuple(rows))


def _pick(candidates: set[str], previous: str) -> str | None:
    """The one candidate; among several, the one closest to the previous row's code."""
    if len(candidates) <= 1:
        return next(iter(candidates), None)

    def shared(code: str) -> int:
        return next((i for i, (a, b) in enumerate(zip(code, previous, strict=False)) if a != b), min(len(code), len(previous)))
    ranked = sorted(candidates, key=lambda c: (-shared(c), c))
    return ranked[0] if previous and shared(ranked[0]) > shared(ranked[1]) else None
