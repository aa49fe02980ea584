"""The neutral sheet every source produces and every reader consumes: lines of cells."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.provenance import Where


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source: its raw text and its cells (tab-split text, or real cells)."""

    number: int                 # 1-based
    text: str
    cells: tuple[str, ...]
    page: int | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Sheet:
    """A decoded source file: ``format`` is text, pdf, docx, xlsx or html."""

    file: str
    lines: tuple[Line, ...]
    format: str = "text"
    encoding: str = "utf-8"

    def where(self, line: Line, column: int | None = None) -> Where:
        return Where(file=self.file, line=line.number, page=line.page, column=column)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class UnreadableInput(Exception):
    """Input that no source can decode; carries a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en


def sheet_from_rows(file: str, rows: list[list[str]], fmt: str, pages: list[int | None] | None = None) -> Sheet:
    """Build a sheet from rows of cells (DOCX/XLSX/PDF tables): text is the tab-joined cells."""
    lines = []
    for i, cells in enumerate(rows, start=1):
        cells = ["" if c is None else str(c).replace("\t", " ") for c in cells]
        page = pages[i - 1] if pages else None
        lines.append(Line(number=i, text="\t".join(cells), cells=tuple(cells), page=page))
    return Sheet(file=file, lines=tuple(lines), format=fmt)
