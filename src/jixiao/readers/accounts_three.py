"""The “三公” table printed with its items across (公开07表 as most units print it), from
the cell stream where a web page flattened it one cell per line.

The header is then a breadth-first listing of a two-level tree: the top row (合计 |
因公出国(境)费 | 公务用车购置及运行费 | 公务接待费) and, after it, the sub-row of the
groups that have columns of their own (小计 | 购置费 | 运行费, each group opening with its
小计). The columns are the tree's leaves in depth-first order. Two arrangements of the
values follow:

- sides under each leaf (预算数 | 决算数 repeated), then one row of values in that order;
- the sides as rows (2015年度预算数 | values …, 2015年度决算数 | values …), the columns
  perhaps numbered first (行次 | 1 | 2 …).

A header broken over lines (``因公出国`` / ``(境)费``, ``公务用车`` / ``购置费``) is joined
back. The leaves must account for every column the values print, and a side whose 合计
is not 出国 + 车辆 + 接待 is not read: a misread header must not move values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.accounts import ThreePublic, ThreePublicTable
from jixiao.model.values import Cell
from jixiao.readers.accounts_layout import is_amount
from jixiao.readers.accounts_stream import StreamThree, _Cell, _cells, _three_column, three_adds_up
from jixiao.sources.sheet import Sheet

_ITEMS = (("购置及运行", "vehicle_total"), ("出国", "abroad"), ("接待", "reception"),
          ("购置", "vehicle_purchase"), ("运行", "vehicle_operation"), ("合计", "total"), ("总计", "total"))
_SUBTOTAL = "小计"
_YEAR = re.compile(r"(20\d\d)")
_YEAR_ROW = re.compile(r"^(20\d\d)\s*年度?$")       # a row led by its year alone
_YEAR_STUBS = ("年度", "年份")
_COMPLETE = ("费", "支出", "计", "项目")      # how a header cell's label ends


@dataclass(frozen=True, slots=True)
class _Head:
    text: str
    role: str | None


def _role(view: str) -> str | None:
    if view == _SUBTOTAL:
        return _SUBTOTAL
    return next((role for word, role in _ITEMS if word in view), None)


def _side(view: str) -> str | None:
    """A side label (预算数, 2015年度决算数); an item's name ending in 支出 is none."""
    return _three_column(view) if "预算" in view or "决算" in view else None


def read_three_across(sheet: Sheet, year: int | None = None) -> StreamThree | None:
    """The first 三公 table printed across after a short cell naming 三公 (its title, its
    stub 三公经费项目, or the group heading over its columns) or after the stub 年度 of a
    table comparing years; ``year`` is the accounts' own (its row is the 决算)."""
    cells = _cells(sheet)
    for start, cell in enumerate(cells):
        if ("三公" in cell.view and len(cell.view) <= 40) or cell.view in _YEAR_STUBS:
            found = _across(cells, start + 1, year)
            if found is not None:
                return found
    return None


def _across(cells: list[_Cell], at: int, year: int | None) -> StreamThree | None:
    heads, i = _header(cells, at)
    leaves = _leaves(heads)
    if leaves is None or sum(1 for r in leaves if r in ("total", "abroad", "reception")) < 2:
        return None
    sides = _sides_under_leaves(cells, i, leaves) or _sides_as_rows(cells, i, leaves, year)
    if sides is None:
        return None
    checked = {side: values for side, values in sides.items() if _adds_up(values)}
    if not any(checked.values()):
        return None
    lines = [c.where.line for c in cells[at:i] if c.where.line is not None]
    table = ThreePublicTable(budget=ThreePublic(**checked.get("budget", {})),
                             actual=ThreePublic(**checked.get("actual", {})), where=cells[at].where)
    return StreamThree(table, min(lines), max(lines)) if lines else None


def _header(cells: list[_Cell], at: int) -> tuple[list[_Head], int]:
    """The header cells up to the first side label or number, fragments joined back."""
    heads: list[_Head] = []
    pending = ""
    i = at
    while i < len(cells) and len(heads) < 16:
        view = cells[i].view
        if is_amount(view) or _side(view) is not None or "行次" in view or len(view) > 30 \
                or _YEAR_ROW.match(view):
            break
        i += 1
        if view.startswith(("单位", "金额单位", "(单位", "（单位")) or "三公" in view \
                or ("项目" in view and _role(view) is None):      # the stub, the heading over all
            continue
        if view.startswith(("(", "（")) and heads and pending == "":     # 因公出国 | (境)费
            heads[-1] = _Head(heads[-1].text + view, heads[-1].role)
            continue
        text = pending + view
        if _role(text) is None and not text.endswith(_COMPLETE):         # 公务用车 | 购置费
            pending = text
            continue
        pending = ""
        role = _role(text)
        if role == "total" and any(h.role == "total" for h in heads):
            role = _SUBTOTAL                   # a group's subtotal printed 合计 under the table's 合计
        heads.append(_Head(text, role))
    return heads, i


def _leaves(heads: list[_Head]) -> list[str | None] | None:
    """The columns' roles in order: each 小计-led segment of the sub-row expands a top cell
    (the vehicle group takes the segment naming 购置; others in order), its 小计 taking
    the group's role; the children of another group have no role of their own."""
    first = next((k for k, h in enumerate(heads) if h.role == _SUBTOTAL), len(heads))
    top, sub = heads[:first], heads[first:]
    segments: list[list[_Head]] = []
    for head in sub:
        if head.role == _SUBTOTAL:
            segments.append([head])
        else:
            segments[-1].append(head)
    leaves: list[str | None] = []
    for head in top:
        vehicle = bool(segments) and any(h.role == "vehicle_purchase" for h in segments[0])
        takes = bool(segments) and head.role not in ("total", None) and \
            (head.role == "vehicle_total") == vehicle
        if not takes:
            leaves.append(head.role)
            continue
        segment = segments.pop(0)
        leaves.append(head.role)
        leaves.extend(h.role if vehicle else None for h in segment[1:])
    return leaves if not segments and top else None


def _sides_under_leaves(cells: list[_Cell], at: int, leaves: list[str | None]) -> dict[str, dict[str, Cell]] | None:
    """预算数 | 决算数 under every leaf, then the values in the same order."""
    labels: list[str | None] = []
    i = at
    while i < len(cells) and not is_amount(cells[i].view) and len(labels) < 4 * len(leaves):
        labels.append(_side(cells[i].view))
        i += 1
    if not labels or len(labels) % len(leaves) or not all(labels):
        return None
    per = len(labels) // len(leaves)
    values = _amounts(cells, i, len(labels))
    sides: dict[str, dict[str, Cell]] = {"budget": {}, "actual": {}}
    for k, value in enumerate(values):
        role, side = leaves[k // per], labels[k]
        if role is not None and side is not None and value is not None:
            sides[side].setdefault(role, value)
    return sides


def _sides_as_rows(cells: list[_Cell], at: int, leaves: list[str | None],
                   accounts_year: int | None = None) -> dict[str, dict[str, Cell]] | None:
    """Rows led by their side (2015年度预算数 | values …), after the column numbers if any;
    a row led by a year alone (2016年 | values …) is the 决算 of that year: the accounts'
    year's row is the actual side, the others are read past."""
    i = at
    if at < len(cells) and "行次" in cells[at].view:       # the columns numbered: as many as the leaves
        count = next((n for n, c in enumerate(cells[at + 1:], start=1) if c.view != str(n)), 0) - 1
        if count != len(leaves):
            return None
        i = at + 1 + count
    sides: dict[str, dict[str, Cell]] = {"budget": {}, "actual": {}}
    year: str | None = None
    while i < len(cells) and not is_amount(cells[i].view):
        side = _side(cells[i].view)
        row = _YEAR_ROW.match(cells[i].view)
        if side is None and row is not None and accounts_year is not None:
            side = "actual" if int(row.group(1)) == accounts_year else None
        found = None if row else _YEAR.search(cells[i].view)
        if len(cells[i].view) > 16 or (side is None and len(cells[i].view) > 12):
            break
        year = year or (found.group(1) if found else None)
        values = _amounts(cells, i + 1, len(leaves))
        if side is not None and (found is None or found.group(1) == year) and not sides[side]:
            sides[side] = {r: v for r, v in zip(leaves, values, strict=False) if r is not None and v is not None}
        i += 1 + len(values)
    return sides if any(sides.values()) else None


def _amounts(cells: list[_Cell], at: int, count: int) -> list[Cell | None]:
    """Up to ``count`` cells from ``at``: amounts, or None for a cell of words in their
    place; stops at a side label (the next row)."""
    out: list[Cell | None] = []
    for cell in cells[at:at + count]:
        if (_side(cell.view) is not None or _YEAR_ROW.match(cell.view)) and not is_amount(cell.view):
            break
        out.append(Cell.read(cell.text, cell.where) if is_amount(cell.view) else None)
    return out


def _adds_up(values: dict[str, Cell]) -> bool:
    """合计 = 出国 + 车辆 + 接待, where all four are printed; a side without all four stands."""
    checked = three_adds_up(values)
    return bool(values) if checked is None else checked
