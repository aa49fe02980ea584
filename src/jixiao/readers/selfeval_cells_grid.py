"""One-cell-per-line text → printed cells, groups and rows (the printing where a blank line ends a row).

In this layout every table cell starts on its own line with one leading tab
(``\\t年初``); a cell's wrapped text follows on lines without a tab (``预算数``);
a blank line usually, but not always, ends a table row (cells that hold blank
lines break that rule). A line of text after a blank line ends the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.model.values import normalize_text
from jixiao.sources.sheet import Line


@dataclass(frozen=True, slots=True)
class PrintedCell:
    """One printed cell: its lines joined, where it starts and ends, and whether a row may start here."""

    raw: str
    line: Line
    last: int              # number of the cell's last line
    opens_group: bool      # a blank line (or the start of the run) stands before it

    @property
    def text(self) -> str:
        """Normalised text, ``""`` for an empty or placeholder cell (easier to test than None)."""
        return normalize_text(self.raw) or ""


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive cells not interrupted by text, with the text lines printed just before them."""

    cells: tuple[PrintedCell, ...]
    before: tuple[Line, ...]


def is_cell_line(line: Line) -> bool:
    """A line that starts a cell: one leading tab and nothing else tab-separated."""
    return line.text.startswith("\t") and line.text.count("\t") == 1


def runs_of(lines: Iterable[Line]) -> list[Run]:
    """Cut the sheet into runs of cells; text lines between runs are kept as the next run's title."""
    runs: list[Run] = []
    cells: list[PrintedCell] = []
    before: list[Line] = []
    open_cell: list[Line] = []     # the lines of the cell being read
    blank = True                   # the previous line was blank
    opens = True                   # a blank line stood before the open cell

    def close_cell() -> None:
        if open_cell:
            raw = "\n".join([open_cell[0].text[1:]] + [line.text for line in open_cell[1:]])
            cells.append(PrintedCell(raw, open_cell[0], open_cell[-1].number, opens))
            open_cell.clear()

    for line in lines:
        if is_cell_line(line):
            close_cell()
            opens = blank or not cells
            open_cell.append(line)
            blank = False
        elif line.blank:
            blank = True
        elif open_cell and not blank:
            open_cell.append(line)        # the cell's text wrapped onto the next line
        else:
            close_cell()
            if cells:
                runs.append(Run(tuple(cells), tuple(before)))
                cells, before = [], []
            before.append(line)
            blank = False
    close_cell()
    if cells:
        runs.append(Run(tuple(cells), tuple(before)))
    return runs


def groups_of(cells: Sequence[PrintedCell]) -> list[list[PrintedCell]]:
    """Cells split where a blank line stands before one: rows, or pieces of rows."""
    groups: list[list[PrintedCell]] = []
    for cell in cells:
        if cell.opens_group or not groups:
            groups.append([])
        groups[-1].append(cell)
    return groups


def rows_of(cells: Sequence[PrintedCell], width: int, least: int | None = None) -> list[list[PrintedCell]]:
    """Rebuild rows of ``width`` cells from groups.

    A group as wide as a row (less one cell) starts a row of its own, closing a
    short one; so does a group of ``least`` cells after a row of as many (rows
    printed without their empty leading cells). Narrower groups are pieces of a
    row cut by blank lines inside a cell, and are joined until the row is full.
    """
    least = least or width
    rows: list[list[PrintedCell]] = []
    row: list[PrintedCell] = []
    for group in groups_of(cells):
        if row and (len(group) >= width - 1 or min(len(group), len(row)) >= least):
            rows.append(row)
            row = []
        for cell in group:
            if len(row) >= width:
                rows.append(row)
                row = []
            row.append(cell)
    if row:
        rows.append(row)
    return rows
