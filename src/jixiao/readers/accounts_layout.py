"""Where the nine public tables of a 部门决算 stand, and the cell tests every table reader shares.

A table is found by its printed title (keyed by content, not by its 公开0X表 number,
which documents number differently) and runs until its 注 line, the next title or
the next part heading (第三部分 …). Page breaks inside a table are only blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.accounts import TableKey
from jixiao.model.values import money, squeeze
from jixiao.sources.sheet import Line, Sheet

_ORDINAL = re.compile(r"^[-\s]*(?:[（(]?[一二三四五六七八九十]+[、.)）]|\d+[、.])")
_MARKER = re.compile(r"[（(]?公开0?\d+表[）)]?")
# Order matters: the longer title first (财政拨款收入支出决算总表 before 收入支出决算总表).
TITLES: tuple[tuple[re.Pattern[str], TableKey], ...] = tuple(
    (re.compile(rf"^[^、，。：:；]{{0,30}}?(?:{pattern})$"), key) for pattern, key in (
        (r"财政拨款收入支出决算总表", TableKey.FISCAL_SUMMARY),
        (r"收入支出决算总表", TableKey.INCOME_EXPENSE_SUMMARY),
        (r"一般公共预算财政拨款基本支出决算(?:明细)?表", TableKey.BASIC_EXPENSE),
        (r"一般公共预算财政拨款支出决算表", TableKey.GENERAL_BUDGET_EXPENSE),
        (r"(?:财政拨款)?[“\"]?三公[”\"]?经费支出决算表", TableKey.THREE_PUBLIC),
        (r"政府性基金预算财政拨款(?:收入)?(?:支出)?决算表", TableKey.GOVERNMENT_FUND),
        (r"国有资本经营预算财政拨款(?:收入)?(?:支出)?决算表", TableKey.STATE_CAPITAL),
        (r"收入决算表", TableKey.INCOME),
        (r"支出决算表", TableKey.EXPENSE),
    ))
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_UNIT = re.compile(r"单位\s*[：:]\s*(万元|元)")
_CODE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_LINE_NO = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True, slots=True)
class Region:
    """The lines of one printed table: title line to its last line (inclusive)."""

    key: TableKey
    lines: tuple[Line, ...]
    unit: str | None = None
    closed: bool = True          # False: ran into the end of the document (cut off)

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number


def strip_ordinal(text: str) -> str:
    """``一、一般公共服务支出`` → ``一般公共服务支出``; ``二十一、…`` too."""
    return _ORDINAL.sub("", text, count=1).strip()


def title_key(line: Line) -> TableKey | None:
    """The table a title line announces; None for anything else (TOC entries match too)."""
    if "表" not in line.text or len([c for c in line.cells if c.strip()]) > 1:
        return None
    text = _MARKER.sub("", strip_ordinal(squeeze(line.text)))
    for pattern, key in TITLES:
        if pattern.match(text):
            return key
    return None


def is_amount(text: str | None) -> bool:
    """A printed amount (``2,000,000.00``, ``0.00``, ``850110``)."""
    return text is not None and money(text) is not None and "%" not in text


def is_code(text: str | None) -> bool:
    """A classification code: 类 3 digits, 款 5, 项 7 (function) or 3 / 5 (economic)."""
    return text is not None and bool(_CODE.match(text.strip()))


def filled(cells: tuple[str, ...]) -> int:
    return sum(1 for c in cells if c.strip())


def column_numbers(line: Line) -> list[int] | None:
    """Positions of the 栏次 numbers (1, 2, 3 …) when the line is the column-number row."""
    positions, expected = [], 1
    for i, cell in enumerate(line.cells):
        t = squeeze(cell)
        if not t or t in ("栏次", "类", "款", "项") or "栏次" in t or "合计" in t:
            continue
        if t == str(expected):
            positions.append(i)
            expected += 1
        elif t.isdigit() or is_amount(t):
            return None
    return positions if len(positions) >= 2 or (positions and "栏次" in squeeze(line.text)) else None


def is_line_number(text: str) -> bool:
    return bool(_LINE_NO.match(text.strip()))


def find_tables(sheet: Sheet) -> list[Region]:
    """Every printed final-accounts table, in document order; TOC entries are dropped.

    A region must hold at least one line of three or more cells: a title alone
    (目录, or 见附件) is not a printed table.
    """
    lines = sheet.lines
    starts = [(i, key) for i, line in enumerate(lines) if (key := title_key(line)) is not None]
    regions: list[Region] = []
    for n, (i, key) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        end, closed = i, False
        for j in range(i + 1, stop):
            text = squeeze(lines[j].text)
            if _PART.match(text) or _foreign(lines[j]):
                closed = True
                break
            end = j
            if text.startswith(("注：", "注:")):
                closed = True
                break
        else:
            closed = stop < len(lines)
        body = lines[i:end + 1]
        if not any(filled(line.cells) >= 3 for line in body):
            continue
        unit = next((m.group(1) for line in body if (m := _UNIT.search(squeeze(line.text)))), None)
        if unit is None and i > 0:   # 金额单位 printed just above the title
            unit = next((m.group(1) for line in lines[max(0, i - 3):i]
                         if (m := _UNIT.search(squeeze(line.text)))), None)
        regions.append(Region(key=key, lines=tuple(_trim(body)), unit=unit, closed=closed))
    return regions


def _foreign(line: Line) -> bool:
    """A line that cannot belong to a final-accounts table: another table's title
    (项目支出绩效自评表) or a paragraph of prose."""
    if filled(line.cells) != 1:
        return False
    text = squeeze(line.text)
    if text.endswith("表") and not _MARKER.fullmatch(text):
        return True
    return len(text) >= 60 and "。" in text and not text.startswith(("注", "说明"))


def _trim(body: tuple[Line, ...]) -> list[Line]:
    out = list(body)
    while len(out) > 1 and out[-1].blank:
        out.pop()
    return out
