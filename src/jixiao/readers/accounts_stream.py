"""收入支出决算总表 (公开01表) and the “三公” table from the cell stream, where the
printing lost the rows.

Web pages and scans print the 01 table as one cell per line, as ``|`` fragments broken
over lines, or as one long line of OCR text. Its lines still read the same way in any of
these: a name, its 行次 (a small whole number), then its amount. The income side's names
end in 收入 (or are its totals); the expense side's in 支出. Ordinals come off the names,
also where OCR dropped the 、 (``一一般公共预算财政拨款收入`` → 一般公共预算财政拨款收入).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.accounts import SummaryLine, SummaryTable, ThreePublic, ThreePublicTable
from jixiao.model.provenance import Where
from jixiao.model.values import Cell, money, normalize_text
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
            _spaced_labels([p for p in re.split(r"\s*\|\s*|\s+", line.text) if p.strip()])
        where = sheet.where(line)
        for part in parts:
            text = part.strip()
            out.append(_Cell(text=text, view=normalize_text(simplified(text)) or "", where=where))
    return out


def _spaced_labels(words: list[str]) -> list[str]:
    """Words with a label letter-spaced across the cell joined back (``合 计``, ``决 算 数``,
    ``項 目``): tables centre their short labels with a space between characters, and
    splitting a line at spaces would make each character a word of its own."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and _CJK.match(word):
            run.append(word)
            continue
        if run:
            out.extend(["".join(run)] if len(run) >= 2 else run)
            run = []
        if word:
            out.append(word)
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


# --- the “三公” table printed a row an item ------------------------------------------

_THREE_TITLE = re.compile(r"三公.{0,10}(?:决算|支出|情况)")   # 三公”经费财政拨款支出决算表
# An item's words, most specific first (公务用车购置及运行费 before 购置; 公务用车费 the older
# forms' name of the vehicle subtotal).
_THREE_ITEMS = (("购置及运行", "vehicle_total"), ("小计", "vehicle_total"), ("用车费", "vehicle_total"),
                ("出国", "abroad"),
                ("接待", "reception"), ("购置", "vehicle_purchase"), ("运行", "vehicle_operation"),
                ("合计", "total"), ("总计", "total"), ("三公", "total"))
_DASH = re.compile(r"^[-—–/]?$")         # an empty cell (a dash reads as none)


@dataclass(frozen=True, slots=True)
class StreamThree:
    table: ThreePublicTable
    first: int
    last: int


_ORDINAL = re.compile(r"^(?:其中[:：])?\s*(?:[(（]?\d{1,2}[)）.、]\s*)+")     # 1、 (1) 其中:(1)


def _three_item(view: str) -> str | None:
    view = _ORDINAL.sub("", view)
    if len(view) > 24 or any(c.isdigit() for c in view):
        return None
    return next((role for word, role in _THREE_ITEMS if word in view), None)


def _three_column(view: str) -> str | None:
    """A value column's side: 预算数 → budget, 决算数 / 支出 → actual; a prior year, a change
    or a rate → None (read past)."""
    if any(w in view for w in ("上年", "增减", "增加", "减少", "对比", "比较", "率", "%", "数量", "人次")):
        return None
    if "决算" in view or "支出" in view or "实际" in view:
        return "actual"
    if "预算" in view:
        return "budget"
    return None


def read_three_stream(sheet: Sheet) -> StreamThree | None:
    """The “三公” table printed with a row an item (因公出国(境)费 | 预算 | 决算 …), its
    value columns named by the header between the title and the first item."""
    cells = _cells(sheet)
    for start, cell in enumerate(cells):
        if _THREE_TITLE.search(cell.view) and len(cell.view) <= 40:
            found = _three(cells, start + 1)
            if found is not None:
                return found
    return None


def _three(cells: list[_Cell], at: int) -> StreamThree | None:
    columns: list[str | None] = []
    i = at
    while i < len(cells) and _three_item(cells[i].view) is None and len(columns) < 8:
        view = cells[i].view
        if is_amount(view) or len(view) > 30:
            return None
        stub = "项目" in view and "预算" not in view and "决算" not in view
        note = view.startswith(("单位", "金额单位"))      # 单位:万元 above the header
        if not stub and not note and len(view) > 1:      # 项 | 目: the stub's label spaced apart
            columns.append(_three_column(view))
        i += 1
    if not any(columns):
        return None
    sides: dict[str, dict[str, Cell]] = {"budget": {}, "actual": {}}
    first = last = cells[i].where.line if i < len(cells) else None
    orphans: list[list[_Cell]] = []
    while i < len(cells):
        role = _three_item(cells[i].view)
        if role is None:
            run = _orphan_run(cells, i, len(columns))
            if not run:
                break
            orphans.append(run)            # a row's cells, its label printed elsewhere
            i += len(run)
            continue
        values: list[_Cell] = []
        j = i + 1
        while j < len(cells) and len(values) < len(columns) and (
                is_amount(cells[j].view) or _DASH.match(cells[j].view) or cells[j].view.endswith("%")):
            values.append(cells[j])
            j += 1
        if not values:
            if j < len(cells) and _three_item(cells[j].view) is not None:
                i = j                      # an item printed with empty cells: none, read on
                continue
            if len(orphans) == 1 and _place_orphans(sides, columns, role, orphans[0]):
                last = cells[i].where.line
            break
        for side, value in zip(columns, values, strict=False):
            if side is not None and not _DASH.match(value.view) and not value.view.endswith("%"):
                sides[side].setdefault(role, Cell.read(value.text, value.where))
        last = cells[j - 1].where.line
        i = j
    if not (sides["budget"] or sides["actual"]) or first is None or last is None:
        return None
    table = ThreePublicTable(budget=ThreePublic(**sides["budget"]), actual=ThreePublic(**sides["actual"]),
                             where=cells[at].where)
    return StreamThree(table, first, last)


def _orphan_run(cells: list[_Cell], at: int, count: int) -> list[_Cell]:
    """A full row of amounts with no item before it, else nothing."""
    run = cells[at:at + count]
    return run if len(run) == count and all(is_amount(c.view) for c in run) else []


def _place_orphans(sides: dict[str, dict[str, Cell]], columns: list[str | None], role: str,
                   run: list[_Cell]) -> bool:
    """A PDF text layer drawing a row's label after the table (合计 65.00 64.87 0 0 公务接待费 …
    公务用车购置 0 0 因公出国(境)费): the one row of values without a label goes to the one
    label without values, where every side it fills then adds up (合计 = 出国 + 车辆 + 接待)."""
    trial = {side: dict(values) for side, values in sides.items()}
    for side, value in zip(columns, run, strict=True):
        if side is not None:
            if role in trial[side]:
                return False
            trial[side][role] = Cell.read(value.text, value.where)
    vehicle = role in ("vehicle_purchase", "vehicle_operation")
    check = _vehicle_adds_up if vehicle else three_adds_up
    if not all(check(trial[side]) for side in set(columns) if side is not None):
        return False
    sides.update(trial)
    return True


def three_adds_up(values: dict[str, Cell]) -> bool | None:
    """合计 = 出国 + 车辆 + 接待 to the cent; None where one of the four is not printed."""
    return _adds_up(values, ("total", "abroad", "vehicle_total", "reception"))


def _vehicle_adds_up(values: dict[str, Cell]) -> bool | None:
    """小计 = 购置 + 运行 to the cent; None where one of the three is not printed."""
    return _adds_up(values, ("vehicle_total", "vehicle_purchase", "vehicle_operation"))


def _adds_up(values: dict[str, Cell], keys: tuple[str, ...]) -> bool | None:
    parts = [values.get(k) for k in keys]
    amounts = [a for c in parts if c is not None and (a := money(c.text)) is not None]
    if len(amounts) < len(parts):
        return None
    total, *rest = amounts
    return abs(total - sum(rest, Decimal(0))) <= _CENT


_CENT = Decimal("0.011")
