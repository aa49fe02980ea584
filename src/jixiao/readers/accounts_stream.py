"""收入支出决算总表 (公开01表) from the cell stream, where its printing lost the rows.

Web pages and scans print the 01 table as one cell per line, as ``|`` fragments broken
over lines, or as one long line of OCR text. Its lines still read the same way in any of
these: a name, its 行次 (a small whole number), then its amount. The income side's names
end in 收入 (or are its totals); the expense side's in 支出. Ordinals come off the names,
also where OCR dropped the 、 (``一一般公共预算财政拨款收入`` → 一般公共预算财政拨款收入).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.accounts import SummaryLine, SummaryTable
from jixiao.model.provenance import Where
from jixiao.model.values import Cell, normalize_text
from jixiao.readers.accounts_layout import is_amount
from jixiao.sources.sheet import Sheet
from jixiao.vocabulary import simplified

_TITLE = re.compile(r"收入支出决算总表|(?<!\d)公开\s*0?1\s*表|决算\s*0?1\s*表")
_NEXT_TABLE = re.compile(r"收入决算表|支出决算表|公开\s*0?[2-9]\s*表|财政拨款收入支出决算总表")
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_DEPARTMENT = re.compile(r"^(?:部门|单位|编制单位|公开部门)[:：]\s*(\S.*)$")
_LINE_NO = re.compile(r"^\d{1,3}$")
_ORDINALS = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[、.．)）]?|\d{1,2}[、.．])")
_EXPENSE = ("支出", "结余分配", "年末结转和结余", "支出总计", "支出合计")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class StreamSummary:
    table: SummaryTable
    unit: str | None
    department: Cell
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    view: str
    where: Where


def read_summary_stream(sheet: Sheet) -> StreamSummary | None:
    """The 01 table read from the words after its title (the first title that is followed
    by lines: a table of contents names it too); None where none is printed."""
    cells = _cells(sheet)
    for start, cell in enumerate(cells):
        if _TITLE.search(cell.view) and not _NEXT_TABLE.search(cell.view):
            end = next((i for i in range(start + 1, len(cells)) if _NEXT_TABLE.search(cells[i].view)), len(cells))
            found = _summary(cells[start:end])
            if found is not None:
                return found
    return None


def _summary(part: list[_Cell]) -> StreamSummary | None:
    income: list[SummaryLine] = []
    expense: list[SummaryLine] = []
    i = 0
    while i + 2 < len(part):
        name, number, amount = part[i], part[i + 1], part[i + 2]
        if _CJK.search(name.view) and _LINE_NO.match(number.view) and is_amount(amount.view):
            clean = _name(name.text)
            line = SummaryLine(name=Cell.read(clean, name.where), line=int(number.view),
                               amounts=(Cell.read(amount.view, amount.where),), where=name.where)
            (expense if _side_expense(simplified(clean)) else income).append(line)
            i += 3
            continue
        i += 1
    income, expense = _precise(income), _precise(expense)
    if not income and not expense:
        return None
    unit = next((m.group(1) for c in part[:40] if (m := _UNIT.search(c.view))), None)
    department = next((Cell.read(m.group(1), c.where) for c in part[:40] if (m := _DEPARTMENT.match(c.view))
                       and "略" not in m.group(1)), Cell.read(None))
    lines = [c.where.line for c in part if c.where.line is not None]
    return StreamSummary(SummaryTable(income=tuple(income), expense=tuple(expense)), unit, department,
                         min(lines), max(lines))


def _precise(lines: list[SummaryLine]) -> list[SummaryLine]:
    """Without the lines whose "amount" is the other side's 行次 (its own amount cell empty):
    bare whole numbers that count up one by one over three lines or more (12, 13, 14)."""
    values = [int(t) if len(x.amounts) == 1 and (t := x.amounts[0].text or "").isdigit() else None
              for x in lines]
    drop: set[int] = set()
    start = 0
    for i in range(1, len(values) + 1):
        counting = i < len(values) and values[i] is not None and values[i - 1] is not None \
            and values[i] == (values[i - 1] or 0) + 1
        if not counting:
            if i - start >= 3 and values[start] is not None:
                drop.update(range(start, i))
            start = i
    return [x for i, x in enumerate(lines) if i not in drop]


def precise_summary(table: SummaryTable) -> SummaryTable:
    """Both sides without 行次 read in an amount's place (see ``_precise``)."""
    return SummaryTable(income=tuple(_precise(list(table.income))), expense=tuple(_precise(list(table.expense))))


def _cells(sheet: Sheet) -> list[_Cell]:
    """Every printed word: a line's cells where it has them, else its space-separated words."""
    out: list[_Cell] = []
    for line in sheet.lines:
        parts = [c for c in line.cells if c.strip()] if len(line.cells) >= 2 else \
            [p for p in re.split(r"\s*\|\s*|\s+", line.text) if p.strip()]
        where = sheet.where(line)
        for part in parts:
            text = part.strip()
            out.append(_Cell(text=text, view=normalize_text(simplified(text)) or "", where=where))
    return out


def _name(text: str) -> str:
    """A line's name without its ordinal; OCR that dropped the 、 (一一般…) loses one numeral."""
    printed = normalize_text(text) or ""
    bare = _ORDINALS.sub("", printed, count=1)
    if bare.startswith("般") and printed.startswith("一"):
        bare = printed[printed.index("一般"):] if "一般" in printed else bare
    return bare.strip()


def _side_expense(name: str) -> bool:
    return name.endswith(_EXPENSE) or any(w in name for w in ("支出合计", "支出总计", "结余分配", "年末结转"))
