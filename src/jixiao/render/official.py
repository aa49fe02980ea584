"""All the official tables a document holds, in one file: what ``jixiao render`` writes, what
``jixiao demo`` writes, and what a web export of a stored table calls.

The accounts come first, each opening with its cover (as a published 部门决算 does): a cover
printed after another table would read as that table's last rows.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from jixiao.model.accounts import FinalAccounts
from jixiao.model.document import Document
from jixiao.render import accounts_tables, grid, selfeval_table, target_table

FORMATS = ("text", "xlsx", "docx")
SUFFIX = {"text": ".txt", "xlsx": ".xlsx", "docx": ".docx"}
# a stored table's kind → the interchange list it belongs in
KIND_LISTS = {"project_self_evaluation": "project_self_evaluations",
              "department_self_evaluation": "department_self_evaluations",
              "performance_target": "performance_targets", "final_accounts": "final_accounts"}


def printable(document: Document) -> list[FinalAccounts]:
    """The final accounts that hold a table to print (a 情况说明 read without its tables has none)."""
    return [fa for fa in document.final_accounts if accounts_tables.tables(fa)]


def contents(document: Document) -> list[tuple[str, int]]:
    """(kind in Chinese, how many tables) for each kind of table the document holds."""
    out: list[tuple[str, int]] = []
    evaluations = len(document.project_self_evaluations + document.department_self_evaluations)
    if evaluations:
        out.append(("绩效自评表", evaluations))
    if document.performance_targets:
        out.append(("绩效目标表", len(document.performance_targets)))
    for fa in printable(document):
        out.append(("部门决算公开表", len(accounts_tables.tables(fa))))
    return out


def rendered(document: Document, to: str, narrative: Callable[[FinalAccounts], str] | None) -> bytes:
    """Every table the document holds in one file: text one after another; one workbook with a
    worksheet per table; one Word document, a new section wherever the page turns."""
    evaluations = list(document.project_self_evaluations + document.department_self_evaluations)
    targets = list(document.performance_targets)
    accounts = [(fa, narrative(fa) if narrative else None) for fa in printable(document)]
    if to == "text":
        parts = [accounts_tables.to_text(fa, text) for fa, text in accounts] + \
                ([target_table.to_text(targets)] if targets else []) + \
                ([selfeval_table.to_text(evaluations)] if evaluations else [])
        return "\n".join(parts).encode("utf-8")
    if to == "xlsx":
        sheets: list[grid.Printed] = []
        for n, (fa, text) in enumerate(accounts, start=1):
            prefix = f"决算{n}-" if len(accounts) > 1 else ""
            sheets += [replace(x, name=prefix + x.name) for x in accounts_tables.sheets(fa, text)]
        sheets += [*target_table.layouts(targets), *selfeval_table.layouts(evaluations)]
        return grid.to_xlsx(sheets)
    from docx import Document as WordDocument

    doc = WordDocument()
    for fa, text in accounts:
        accounts_tables.write_docx(doc, fa, text)
    grid.write_docx(doc, [*target_table.layouts(targets), *selfeval_table.layouts(evaluations)])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def stored(kind: str, interchange: dict[str, Any], source: str = "") -> Document:
    """A document of one stored table (its kind and interchange JSON), to render it again."""
    from jixiao.render.interchange_in import from_interchange

    key = KIND_LISTS.get(kind)
    if key is None:
        raise ValueError(f"unknown kind of table: {kind}")
    return from_interchange({key: [interchange]}, source)
