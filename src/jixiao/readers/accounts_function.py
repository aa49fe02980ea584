"""Tables by function classification (02 收入, 03 支出, 05 一般公共预算, 08 政府性基金, 09 国有资本).

Rows are read page by page (a blank line or a repeated header starts a new page):
on each page the amount columns begin where most rows print their first amount
(a row printed shifted keeps its own start), because pages differ (page 1 of 02
prints 类 | 款 | 项 cells, page 2 a code and a name). The number of amount columns comes from the 栏次 row (1 … N),
else from the headings. Where a page lines up with the header cell for cell, the
header's positions are used, so an unlabelled sub-column (其中：教育收费) with an
empty heading is skipped.
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao.model.accounts import FunctionRow, FunctionTable
from jixiao.model.values import Cell, squeeze
from jixiao.readers.accounts_layout import (
    Region,
    column_numbers,
    is_amount,
    is_code,
)
from jixiao.sources.sheet import Line, Sheet

# Heading words of the label columns, never amount columns.
_LABEL_WORDS = ("科目", "编码", "栏次", "功能分类")
_AMOUNT_WORDS = ("合计", "收入", "支出", "结余", "结转", "小计", "经营", "补助")
_CODE_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})\s*(\D.*)$")


def read_function(sheet: Sheet, region: Region) -> FunctionTable:
    header, width, body = _header(region)
    headings = tuple(squeeze(c) for c in header.cells if _is_heading(c)) if header else ()
    rows: list[FunctionRow] = []
    for page in _pages(body):
        usual = Counter(_first_amount(line) for line in page).most_common()
        page_start = min(p for p, n in usual if n == usual[0][1])
        for line in page:
            start = _start(line, page_start)
            aligned = header is not None and _aligned(header, start, width)
            rows.extend(_row(sheet, line, start, width, header if aligned else None))
    return FunctionTable(rows=tuple(rows), columns=headings)


def _header(region: Region) -> tuple[Line | None, int, list[Line]]:
    """The heading line, the number of amount columns and the body lines after the header."""
    numbers: list[int] | None = None
    header: Line | None = None
    first_data = len(region.lines)
    for k, line in enumerate(region.lines[1:], start=1):
        found = column_numbers(line)
        if found:
            numbers = found
            continue
        if _is_data(line):
            first_data = k
            break
        if header is None or _heading_count(line) > _heading_count(header):
            header = line if _heading_count(line) else header
    width = len(numbers) if numbers else (_heading_count(header) if header else 0)
    return header, width, list(region.lines[first_data:])


def _is_heading(cell: str) -> bool:
    t = squeeze(cell)
    label = t == "项目" or t.startswith(("项目(", "项目（")) or any(w in t for w in _LABEL_WORDS)
    return bool(t) and any(w in t for w in _AMOUNT_WORDS) and not label


def _start(line: Line, page_start: int) -> int:
    """Where this row's amounts begin: the page's usual position, unless the row is shifted
    (a code and name glued in one cell, or a code split over 类 | 款 | 项 cells)."""
    own = _first_amount(line)
    text_after = any(c.strip() and not is_amount(c) for c in line.cells[page_start:own])
    return own if own < page_start or text_after else page_start


def _first_amount(line: Line) -> int:
    """Position of the first amount: a code before any name is not an amount."""
    for i, cell in enumerate(line.cells):
        if _in_code(line, i) or (is_code(cell) and not any(
                c.strip() and not is_code(c) for c in line.cells[:i])):
            continue
        if is_amount(cell):
            return i
    return len(line.cells)


def _heading_count(line: Line) -> int:
    return sum(1 for c in line.cells if _is_heading(c))


def _is_data(line: Line) -> bool:
    return _first_amount(line) < len(line.cells) and column_numbers(line) is None


def _pages(body: list[Line]) -> list[list[Line]]:
    """Runs of data lines; a blank line, a 注 line or a repeated header ends a page."""
    pages: list[list[Line]] = [[]]
    for line in body:
        if _is_data(line):
            pages[-1].append(line)
        elif pages[-1]:
            pages.append([])
    return [p for p in pages if p]


def _in_code(line: Line, i: int) -> bool:
    """A cell of a code printed as 类 | 款 | 项 in separate cells (208 | 01 | 01, or 208 | 05)."""
    cells = [c.strip() for c in line.cells[:3]]
    split = [len(c) for c in cells if c.isdigit()]
    if len(cells) < 2 or len(cells[0]) != 3 or not cells[0].isdigit() or split[1:2] != [2]:
        return False
    width = 3 if len(cells) == 3 and len(cells[2]) == 2 and cells[2].isdigit() else 2
    return i < width


def _aligned(header: Line, start: int, width: int) -> bool:
    """The page prints its amounts under the header's headings, cell for cell."""
    positions = [i for i, c in enumerate(header.cells) if _is_heading(c)]
    return bool(positions) and positions[0] == start and len(positions) == width


def _row(sheet: Sheet, line: Line, start: int, width: int, header: Line | None) -> list[FunctionRow]:
    cells = line.cells
    if header is not None:
        columns = [i for i, c in enumerate(header.cells) if _is_heading(c)]
    else:
        columns = list(range(start, start + width)) if width else list(range(start, len(cells)))
    amounts = tuple(Cell.read(cells[i] if i < len(cells) else "", sheet.where(line, i)) for i in columns)
    if all(a.empty for a in amounts):
        return []          # 合计 or 栏次 lines printed without amounts are left out (LABELS.md)
    code, name = _code_name(sheet, line, start)
    return [FunctionRow(code=code, name=name, amounts=amounts, where=sheet.where(line))]


def _code_name(sheet: Sheet, line: Line, start: int) -> tuple[Cell, Cell]:
    """Code and name from the cells before the amounts, each as printed or empty."""
    code, names = Cell.read(None), []
    digits = ""
    for i, raw in enumerate(line.cells[:start]):
        text = raw.strip()
        if not text:
            continue
        if is_code(text) or _in_code(line, i):
            digits += text
            code = Cell.read(digits, sheet.where(line, i))
        elif (m := _CODE_NAME.match(text)) is not None:
            code = Cell.read(m.group(1), sheet.where(line, i))
            names.append(Cell.read(m.group(2), sheet.where(line, i)))
        else:
            names.append(Cell.read(raw, sheet.where(line, i)))
    if not names:
        return code, Cell.read(None)
    text = "".join(n.raw for n in names)
    return code, Cell.read(text, names[0].where)

