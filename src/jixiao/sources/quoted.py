"""A spreadsheet dumped as quoted, comma-separated cells: ``"项目","考核内容","权数"``.

Mirror sites and forum posts print a workbook this way, and not cleanly: a cell's own
line breaks stay inside its quotes, empty cells print as ``,,`` or ``, ,``, and rows run
together on one line, one row's last quote followed by the next row's first with only a
space between (``"考评得分" "一般公共预算支出管理(60分)"``). The cells are rebuilt here, once,
into rows of real cells; lines before the dump (a post's byline) stay lines of text.
"""

from __future__ import annotations

import re

from jixiao.sources.sheet import Line

_QUOTED_COMMA = re.compile(r'"[ \t]*,[ \t]*"')
_KEYED = re.compile(r'"[ \t]*:[ \t]*["\[{\d]')        # JSON prints "key":"value"
_MIN_CELLS = 8                                          # quoted cells side by side in a dump
_START = re.compile(r'^\s*[,"]')


def is_dump(raws: list[str]) -> bool:
    """Quoted cells separated by commas, many more than a JSON object's keyed values."""
    text = "\n".join(raws)
    pairs = len(_QUOTED_COMMA.findall(text))
    return pairs >= _MIN_CELLS and pairs > 3 * len(_KEYED.findall(text))


def dump_lines(raws: list[str]) -> tuple[list[tuple[int, str]], list[Line]]:
    """The numbered lines before the dump, and the dump's rows as lines of cells."""
    start = next((i for i, raw in enumerate(raws) if _START.match(raw)), len(raws))
    before = list(enumerate(raws[:start], start=1))
    return before, _rows("\n".join(raws[start:]), start + 1)


class _Rows:
    """The rows being rebuilt: cells of the current row, the text of the current cell."""

    def __init__(self, line: int) -> None:
        self.out: list[Line] = []
        self.row: list[str] = []
        self.cell: list[str] = []
        self.line = line
        self.row_line = line

    def end_cell(self) -> None:
        self.row.append("".join(self.cell).strip())
        self.cell = []

    def end_row(self) -> None:
        """A row of cells, where it holds any; empty rows (``,,``) are none."""
        if any(self.row):
            cells = tuple(self.row)
            self.out.append(Line(number=self.row_line, text="\t".join(cells), cells=cells))
        self.row = []
        self.row_line = self.line


def _rows(text: str, first: int) -> list[Line]:
    rows = _Rows(first)
    quoted = closed = False
    i = 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1:i + 2] == '"':
                rows.cell.append('"')               # "" is a quote inside the cell
                i += 1
            elif ch == '"':
                quoted, closed = False, True
            elif ch == "\n":
                rows.line += 1                      # the cell's own line break: no cell ends
            else:
                rows.cell.append(ch)
        elif ch == '"':
            if closed:                              # "a" "b": a row ended between them
                rows.end_cell()
                rows.end_row()
            quoted, closed = True, False
        elif ch == ",":
            rows.end_cell()
            closed = False
        elif ch == "\n":
            rows.line += 1
            rows.end_cell()
            rows.end_row()
            closed = False
        else:
            rows.cell.append(ch)                    # a value printed without quotes
        i += 1
    if rows.cell or rows.row:
        rows.end_cell()
        rows.end_row()
    return rows.out
