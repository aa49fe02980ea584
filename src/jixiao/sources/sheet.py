"""The neutral sheet every source produces and every reader consumes: lines of cells."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.provenance import Where

# Where a cell or line stands on its page: (left, top, right, bottom), fractions of the
# page's width and height, so a page drawn at any size can outline it.
Box = tuple[float, float, float, float]
# A number the OCR read with low confidence and left empty: (cell, text it guessed, confidence).
Doubt = tuple[int, str, float]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source: its raw text and its cells (tab-split text, or real cells).

    A PDF or a scan also says where each cell stands on the page (``boxes``, one per
    cell, or one for the whole line): a finding can be shown on the page, outlined."""

    number: int                 # 1-based
    text: str
    cells: tuple[str, ...]
    page: int | None = None
    boxes: tuple[Box | None, ...] = ()
    doubtful: tuple[Doubt, ...] = ()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def box(self, column: int | None = None) -> Box | None:
        """The cell's box where it is known, else the whole line's."""
        if column is not None and len(self.boxes) == len(self.cells) and 0 <= column < len(self.boxes):
            return self.boxes[column]
        known = [b for b in self.boxes if b is not None]
        if not known:
            return None
        return (min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known), max(b[3] for b in known))


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
