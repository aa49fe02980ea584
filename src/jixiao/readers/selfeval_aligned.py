"""Reader 'selfeval_aligned': a table of real cells whose rows lost their merged cells.

A spreadsheet dumped as cells (``"项目","考核内容","考核指标","指标说明","年度工作目标",…``)
keeps every cell but not where its rows end: a merged level cell prints once, empty cells
print or vanish, and rows run together. The header still names the columns, and one of
them holds long prose on every row (指标说明, 评分标准 as the header calls it): that
cell anchors its row. Around it the row is read by position from the header:

- the cell just before the prose is the indicator's name; the cells before the name, back
  to the previous row's end, are its levels (the nearest the level 2; a level not printed
  is the row above's, as a merged cell means);
- the cells after the prose are the header's next columns in order (target, criteria,
  weight, score); a weight or score that is no number is empty;
- a row the text ends before its weight column is cut off, and left out.

A table whose first levels are a department's (the vocabulary's department levels) is a
whole-department evaluation; others are a project's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, Indicator, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, money
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.registry import register
from jixiao.sources.sheet import Sheet
from jixiao.vocabulary import match_key, vocabulary

NAME = "selfeval_aligned"
_PROSE = 20                    # characters of an anchor's prose, at least
_POINTS = re.compile(r"\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_AFTER = ("target", "method", "note", "weight", "score", "reason")
_MIN_ROLES = 4


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    where: Where


EMPTY_CELL = _Cell("", Where(file=""))


def _roles(cells: tuple[str, ...]) -> list[str | None]:
    cols = vocabulary().columns
    return [cols.role_of(match_key(c), limit=16) if c.strip() else None for c in cells]


def _header(sheet: Sheet) -> int | None:
    """The line of the header: real cells naming a name with a prose column (note or
    method) after it, a target, a weight and a score, and no level or actual column (its
    levels are the unnamed columns before the name; the national form is another reader's)."""
    for k, line in enumerate(sheet.lines):
        if len(line.cells) < _MIN_ROLES + 1:
            continue
        roles = _roles(line.cells)
        if {"name", "target", "weight", "score"} <= set(roles) and ({"note", "method"} & set(roles)) \
                and not {"level1", "level2", "actual"} & set(roles) \
                and roles.index("name") + 1 < len(roles) and roles[roles.index("name") + 1] in ("note", "method"):
            return k
    return None


class AlignedTable:
    name = NAME
    title = "考核表（按内容对齐的单元格）"
    general = True      # reads only what the readers before it left: the last resort for such cells

    def identify(self, sheet: Sheet) -> float:
        return 0.7 if _header(sheet) is not None else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        at = _header(sheet)
        if at is None:
            return ReadResult()
        header = sheet.lines[at]
        cells = [c for c in header.cells]
        while cells and not cells[0].strip():
            cells.pop(0)                          # the dump's empty first column
        roles = _roles(tuple(cells))
        name_col = roles.index("name")
        after = [r or "other" for r in roles[name_col + 2:]]
        stream = [_Cell(c.strip(), sheet.where(line, col)) for line in sheet.lines[at + 1:]
                  for col, c in enumerate(line.cells)]
        indicators, end, cut = _rows(stream, after)
        if len(indicators) < 2:
            return ReadResult()
        kind = _kind([i.level1 for i in indicators])
        item = SelfEvaluation(kind=kind, seq=1, year=None, project=EMPTY, indicators=tuple(indicators),
                              where=sheet.where(header), layout=NAME, complete=not cut)
        last = max(header.number, *(c.where.line or 0 for c in stream[:end]))
        return ReadResult(items=(item,), spans=(Span(header.number, last, "考核表"),))


def _rows(stream: list[_Cell], after: list[str]) -> tuple[list[Indicator], int, bool]:
    """The rows, where the last one read ends in the stream, and whether the text ends
    inside a row (cut off)."""
    anchors = [k for k, c in enumerate(stream) if len(c.text) >= _PROSE and money(c.text) is None
               and k > 0 and stream[k - 1].text and len(stream[k - 1].text) < _PROSE
               and money(stream[k - 1].text) is None]
    out: list[Indicator] = []
    level1: str | None = None
    level2: str | None = None
    end = 0
    for k in anchors:
        if k < end:
            continue                                # prose of the row before (its criteria)
        levels = [c.text for c in stream[end:k - 1] if c.text and money(c.text) is None]
        if len(levels) >= 2:
            level1, level2 = _POINTS.sub("", levels[-2]), levels[-1]
        elif levels:
            level2 = levels[-1]
        got: dict[str, _Cell | None] = {}
        end = k + 1
        for role in after:
            cell = stream[end] if end < len(stream) else None
            if cell is not None and role in ("weight", "score") and cell.text and money(cell.text) is None:
                break                               # words where a number stands: the next row
            got[role] = cell
            end += 1
        if "weight" in after and got.get("weight", EMPTY_CELL) is None:
            return out, k - 1, True                 # the text ends before the row's weight: cut off
        out.append(Indicator(level1=level1, level2=level2, name=Cell.read(stream[k - 1].text, stream[k - 1].where),
                             target=_text(got.get("target")), weight=_number(got.get("weight")),
                             score=_number(got.get("score")), where=stream[k - 1].where))
    return out, min(end, len(stream)), False


def _text(cell: _Cell | None) -> Cell:
    return Cell.read(cell.text, cell.where) if cell is not None and cell.text else EMPTY


def _number(cell: _Cell | None) -> Cell:
    return Cell.read(cell.text, cell.where) if cell is not None and money(cell.text) is not None else EMPTY


def _kind(level1s: list[str | None]) -> EvaluationKind:
    department = set(vocabulary().frame.department_level1)
    return EvaluationKind.DEPARTMENT if any(lv in department for lv in level1s if lv) else EvaluationKind.PROJECT


register(AlignedTable())
