"""Tables by economic classification: 06 基本支出 (groups side by side) and 07 “三公”经费.

06 prints groups of ``科目编码 | 科目名称 | 金额`` side by side (人员经费 on the left,
公用经费 in the other groups). Rows are read group by group, top to bottom; a
family's 合计 row (人员经费合计, 公用经费合计) follows the family's last group,
with the first amount printed after its name (公用经费合计 prints its amount in
the last group's column).

07 prints one data row under two halves (预算数 | 决算数); each column's role
comes from the words of its header cells (合计, 出国, 小计, 购置, 运行, 接待).
"""

from __future__ import annotations

from jixiao.model.accounts import EconomicRow, ThreePublic, ThreePublicTable
from jixiao.model.values import Cell, squeeze
from jixiao.readers.accounts_layout import (
    Region,
    column_numbers,
    is_amount,
    is_code,
)
from jixiao.sources.sheet import Line, Sheet


def read_basic(sheet: Sheet, region: Region) -> tuple[EconomicRow, ...]:
    groups, families, first = _groups(region)
    if not groups:
        return ()
    body = [line for line in region.lines[first:] if not squeeze(line.text).startswith(("注：", "注:"))]
    out: list[EconomicRow] = []
    for family in families:
        members = [g for g in groups if _family_of(g, families) == family]
        for g in members:
            for line in body:
                row = _group_row(sheet, line, g)
                if row is not None:
                    out.append(row)
        for line in body:
            out.extend(_total_rows(sheet, line, groups, members))
    return tuple(out)


def _groups(region: Region) -> tuple[list[int], list[int], int]:
    """Code-column positions of the groups, family start positions, first body line index."""
    for k, line in enumerate(region.lines):
        cells = [squeeze(c) for c in line.cells]
        groups = [i for i, c in enumerate(cells) if "编码" in c or c == "科目代码"]
        if groups:
            above = region.lines[k - 1].cells if k else ()
            families = [i for i, c in enumerate(above) if "经费" in squeeze(c)] or list(groups)
            return groups, sorted(set(families) | {groups[0]}), k + 1
    return [], [], 0


def _family_of(group: int, families: list[int]) -> int:
    return max(f for f in families if f <= group) if any(f <= group for f in families) else families[0]


def _group_row(sheet: Sheet, line: Line, g: int) -> EconomicRow | None:
    cells = line.cells
    if len(cells) <= g + 2 or not is_code(cells[g]):
        return None
    amount = Cell.read(cells[g + 2], sheet.where(line, g + 2))
    if amount.empty or amount.number is None:
        return None               # rows with an empty amount are left out (LABELS.md)
    return EconomicRow(code=Cell.read(cells[g], sheet.where(line, g)),
                       name=Cell.read(cells[g + 1], sheet.where(line, g + 1)),
                       amount=amount, where=sheet.where(line, g))


def _total_rows(sheet: Sheet, line: Line, groups: list[int], members: list[int]) -> list[EconomicRow]:
    """合计 rows whose name stands in one of ``members``' name or code cells."""
    cells = line.cells
    out = []
    for i, raw in enumerate(cells):
        text = squeeze(raw)
        if "合计" not in text:
            continue
        owner = max((g for g in groups if g <= i), default=groups[0])
        if owner not in members:
            continue
        later = [j for j in range(i + 1, len(cells)) if "合计" in squeeze(cells[j])]
        stop = later[0] if later else len(cells)
        j = next((j for j in range(i + 1, stop) if is_amount(cells[j])), None)
        if j is None:
            continue
        out.append(EconomicRow(code=Cell.read(None), name=Cell.read(raw, sheet.where(line, i)),
                               amount=Cell.read(cells[j], sheet.where(line, j)),
                               where=sheet.where(line, i)))
    return out


_ROLES = (("小计", "vehicle_total"), ("合计", "total"), ("出国", "abroad"), ("接待", "reception"),
          ("购置及运行", "vehicle_total"), ("购置", "vehicle_purchase"), ("运行", "vehicle_operation"))


def read_three(sheet: Sheet, region: Region) -> ThreePublicTable:
    """The budget and actual halves of 07 from its one data row."""
    halves: Line | None = None
    headers: list[Line] = []
    for line in region.lines[1:]:
        if column_numbers(line) is not None:
            continue
        if any(is_amount(c) for c in line.cells):
            return _three(sheet, line, halves, headers)
        text = squeeze(line.text)
        if "预算" in text and "决算" in text and halves is None:
            halves = line
        elif halves is not None:
            headers.append(line)
    return ThreePublicTable()


def _three(sheet: Sheet, data: Line, halves: Line | None, headers: list[Line]) -> ThreePublicTable:
    split = _actual_start(halves, len(data.cells))
    sides: dict[str, dict[str, Cell]] = {"budget": {}, "actual": {}}
    for i, raw in enumerate(data.cells):
        words = "".join(squeeze(h.cells[i]) for h in headers if i < len(h.cells))
        role = next((r for w, r in _ROLES if w in words), None)
        if role is None and not headers:
            role = _STANDARD[(i % 6)] if len(data.cells) >= 12 else None
        if role is None:
            continue
        side = sides["actual" if i >= split else "budget"]
        side.setdefault(role, Cell.read(raw, sheet.where(data, i)))
    return ThreePublicTable(budget=ThreePublic(**sides["budget"]), actual=ThreePublic(**sides["actual"]),
                            where=sheet.where(data))


_STANDARD = ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def _actual_start(halves: Line | None, width: int) -> int:
    """Where the 决算数 half begins: its heading cell, else the middle of the row."""
    if halves is not None:
        for i, c in enumerate(halves.cells):
            if "决算" in squeeze(c):
                return i
    return width // 2
