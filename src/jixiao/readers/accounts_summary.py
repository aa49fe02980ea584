"""Summary tables printed as two sides (01 收入支出决算总表, 04 财政拨款收入支出决算总表).

Each side is ``name | 行次 | amounts…``: the income side on the left, the expense
side on the right. The sides are found from the 栏次 row (``栏次 | | 1 | 栏次 | | 2 3 4 5``),
else from the header's 行次 cells; names lose their ordinal (``一、``).
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.accounts import SummaryLine, SummaryTable
from jixiao.model.values import Cell, squeeze
from jixiao.readers.accounts_layout import (
    Region,
    column_numbers,
    is_amount,
    is_line_number,
    strip_ordinal,
)
from jixiao.sources.sheet import Line, Sheet


@dataclass(frozen=True, slots=True)
class _Side:
    name: int                   # position of the name cell
    line: int | None            # position of the 行次 cell
    amounts: tuple[int, ...]    # positions of the amount cells


def read_summary(sheet: Sheet, region: Region) -> SummaryTable:
    sides, first_data = _sides(region)
    income: list[SummaryLine] = []
    expense: list[SummaryLine] = []
    for line in region.lines[first_data:]:
        if squeeze(line.text).startswith(("注：", "注:")):
            break
        for side, out in zip(sides, (income, expense), strict=False):
            item = _line(sheet, line, side)
            if item is not None:
                out.append(item)
    return SummaryTable(income=tuple(income), expense=tuple(expense))


def _sides(region: Region) -> tuple[list[_Side], int]:
    """The two sides' cell positions, and the index of the first line after the header."""
    header: Line | None = None
    for k, line in enumerate(region.lines):
        cells = [squeeze(c) for c in line.cells]
        if "栏次" in cells:
            labels = [i for i, c in enumerate(cells) if c == "栏次"]
            numbers = column_numbers(line) or []
            return _split(labels, numbers, len(cells)), k + 1
        if "行次" in cells and header is None:
            header = line
        elif header is not None and _data(line):
            cells_h = [squeeze(c) for c in header.cells]
            labels = [i - 1 for i, c in enumerate(cells_h) if c == "行次"]
            ends = labels[1:] + [max(len(cells_h), len(line.cells))]
            return [_Side(n, n + 1, tuple(range(n + 2, e))) for n, e in zip(labels, ends, strict=True)], k
    return [_Side(0, 1, (2,))], 1


def _split(labels: list[int], numbers: list[int], width: int) -> list[_Side]:
    """Sides from the 栏次 row: each 栏次 cell starts a side; its numbers are its amounts."""
    sides = []
    for n, start in enumerate(labels):
        end = labels[n + 1] if n + 1 < len(labels) else width
        own = tuple(p for p in numbers if start < p < end) or (start + 2,)
        sides.append(_Side(start, start + 1 if start + 1 not in own else None, own))
    return sides


def _data(line: Line) -> bool:
    return any(is_amount(c) and not is_line_number(c) for c in line.cells)


def _line(sheet: Sheet, line: Line, side: _Side) -> SummaryLine | None:
    cells = line.cells

    def cell(i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    amounts = tuple(Cell.read(cell(i), sheet.where(line, i)) for i in side.amounts)
    if all(a.empty or a.number is None for a in amounts):
        return None        # rows whose amounts are all empty are left out (LABELS.md)
    number = cell(side.line).strip()
    return SummaryLine(
        name=Cell.read(strip_ordinal(cell(side.name)), sheet.where(line, side.name)),
        line=int(number) if number.isdigit() else None,
        amounts=amounts,
        where=sheet.where(line),
    )
