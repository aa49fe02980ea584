"""Writers for official tables: tab text, XLSX and DOCX drawn from one ``Printed`` layout.

Each official table is first drawn as one grid of cells from the model, then laid out as
the templates print it (``Printed``: the lines above, the ruled table with its merged
ranges and header rows, the lines below). The writers turn layouts into a file, so every
form prints the same cells and the readers read each form back alike. Merged ranges only
ever cover empty cells: a merged cell's text stands in its first grid cell, as every
source gives a grid back.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

Grid = list[list[str]]


@dataclass(frozen=True, slots=True)
class Number:
    """A cell printed as a number: XLSX stores ``value`` with ``format``; text and DOCX print ``text``."""

    value: Decimal
    format: str
    text: str


Value = str | Decimal | Number


@dataclass(frozen=True, slots=True)
class Span:
    """A merged range of the ruled table: its first cell (row, col) and how far it reaches."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True, slots=True)
class Printed:
    """One official table as its template prints it.

    ``above`` are the title lines (the first ``titles`` of them bold and centred), ``rows`` the
    ruled table whose first ``header_rows`` are its bold headings, ``below`` the notes;
    ``repeated`` rows are printed again at the top of every page of a worksheet.
    ``blocks`` are long vertical ranges (绩效指标, a level-1 or level-2 name down its indicators):
    merged in Word, which keeps a merged cell's text with its first row; in a worksheet their
    text stands at the top of the first cell and the cells stay ruled, since a range printed
    across a page break loses its text to the next page or its closing rule.
    """

    name: str
    above: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    header_rows: int = 0
    spans: tuple[Span, ...] = ()
    below: tuple[str, ...] = ()
    titles: int = 1
    centred: int = 1                  # the first lines above printed centred (title, year)
    landscape: bool = True
    repeat: tuple[int, int] | None = None
    blocks: tuple[Span, ...] = ()

    @property
    def repeated(self) -> tuple[int, int] | None:
        """The rows printed again at the top of every page: ``repeat``, else the header rows."""
        if self.repeat is not None:
            return self.repeat
        return (0, self.header_rows - 1) if self.header_rows else None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=1) or 1


@dataclass(frozen=True, slots=True)
class PrintSettings:
    """Page and type of the printed forms (A4; 宋体 as the templates set it); widths in characters."""

    font: str = "宋体"
    title_size: float = 14
    body_size: float = 10
    docx_size: float = 9
    min_width: float = 6
    max_width: float = 34
    number_pad: float = 4          # a number's column: room for the cell margins, never wrapped
    line_width: float = 100        # a sheet of lines only (a cover, a 情况说明): its one column
    margin_cm: float = 1.5
    page_cm: tuple[float, float] = (21.0, 29.7)


SETTINGS = PrintSettings()

_PLAIN = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|0|[1-9]\d*)(?:\.(\d+))?(%?)")


def number(text: str, grouped: bool = False) -> Number | None:
    """A printed plain number (``1,234.50``, ``80.80%``, ``5``) as a ``Number`` whose format prints
    it again as printed (the same decimals, % kept); anything else (words, ``≥98%``) is None.
    ``grouped`` asks for thousands separators, as the templates print amounts."""
    match = _PLAIN.fullmatch(text.strip())
    if match is None:
        return None
    decimals, percent = len(match.group(1) or ""), bool(match.group(2))
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", ""))
    except InvalidOperation:
        return None
    places = "." + "0" * decimals if decimals else ""
    if percent:
        return Number(value / 100, f"0{places}%", text)
    head = "#,##0" if grouped or "," in text else "0"
    return Number(value, head + places, text)


def amount(value: Decimal) -> Number:
    """An amount from the model: ``#,##0.00`` (more decimals where the model has them)."""
    places = max(2, -int(value.as_tuple().exponent))
    return Number(value, "#,##0." + "0" * places, f"{value:,.{places}f}")


def shown(value: Value) -> str:
    """A cell as text and DOCX print it."""
    if isinstance(value, Number):
        return value.text
    if isinstance(value, Decimal):
        return amount(value).text
    return value


def units(text: str) -> int:
    """Display width in character units: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def numbered(rows: Iterable[Sequence[str]], cells: Iterable[tuple[int, int]], grouped: Iterable[tuple[int, int]] = ()
             ) -> tuple[tuple[Value, ...], ...]:
    """Rows with the named cells as numbers where they print a plain number (else as printed)."""
    wanted, money = set(cells), set(grouped)
    out: list[tuple[Value, ...]] = []
    for i, row in enumerate(rows):
        line: list[Value] = []
        for j, text in enumerate(row):
            made = number(text, (i, j) in money) if (i, j) in wanted or (i, j) in money else None
            line.append(made or text)
        out.append(tuple(line))
    return tuple(out)


def header_spans(header: Sequence[Sequence[Value]]) -> tuple[Span, ...]:
    """Merged ranges of a heading block as the templates draw it: a label reaches right over the
    empty cells after it, then down over the rows where all it covers is empty."""
    taken: set[tuple[int, int]] = set()
    spans: list[Span] = []
    for i, row in enumerate(header):
        for j, value in enumerate(row):
            if (i, j) in taken or not shown(value):
                continue
            cols = 1
            while j + cols < len(row) and not shown(row[j + cols]) and (i, j + cols) not in taken:
                cols += 1
            rows = 1
            while i + rows < len(header) and all(
                    k < len(header[i + rows]) and not shown(header[i + rows][k]) and (i + rows, k) not in taken
                    for k in range(j, j + cols)):
                rows += 1
            taken.update((i + a, j + b) for a in range(rows) for b in range(cols))
            if rows > 1 or cols > 1:
                spans.append(Span(i, j, rows, cols))
    return tuple(spans)


def column_spans(rows: Sequence[Sequence[Value]], col: int, first: int, last: int,
                 within: Sequence[Span] = ()) -> list[Span]:
    """A column of a block (``first``…``last``) merged down from each printed cell over the empty
    cells below it, never across a boundary of the ``within`` ranges (a level 2 inside its level 1)."""
    stops = {s.row for s in within} | {s.row + s.rows for s in within}
    spans: list[Span] = []
    start: int | None = None
    for i in range(first, last + 1):
        text = shown(rows[i][col]) if col < len(rows[i]) else ""
        if text or i in stops:
            if start is not None and i - start > 1:
                spans.append(Span(start, col, i - start, 1))
            start = i if text else None
    if start is not None and last + 1 - start > 1:
        spans.append(Span(start, col, last + 1 - start, 1))
    return spans


def valid_spans(printed: Printed) -> list[Span]:
    """The ranges that merge only empty cells inside the table and overlap none before them."""
    taken: set[tuple[int, int]] = set()
    out: list[Span] = []
    for s in printed.spans:
        cells = [(s.row + a, s.col + b) for a in range(s.rows) for b in range(s.cols)]
        inside = all(r < len(printed.rows) and c < printed.width for r, c in cells)
        if s.rows * s.cols < 2 or not inside or taken.intersection(cells):
            continue
        row_of = printed.rows
        if any(shown(row_of[r][c]) for r, c in cells[1:] if c < len(row_of[r])):
            continue
        taken.update(cells)
        out.append(s)
    return out


def _blocks(printed: Printed, spans: Sequence[Span]) -> list[Span]:
    """The vertical blocks over empty cells that no merged range touches."""
    taken = {(s.row + a, s.col + b) for s in spans for a in range(s.rows) for b in range(s.cols)}
    out = []
    for s in printed.blocks:
        cells = [(s.row + a, s.col) for a in range(s.rows)]
        if s.rows < 2 or s.cols != 1 or taken.intersection(cells) or s.row + s.rows > len(printed.rows):
            continue
        if any(s.col < len(printed.rows[r]) and shown(printed.rows[r][s.col]) for r, _ in cells[1:]):
            continue
        taken.update(cells)
        out.append(s)
    return out


def widths(printed: Printed, settings: PrintSettings = SETTINGS) -> list[float]:
    """Column widths (characters) that fit what each column prints, within the settings' bounds."""
    found = [settings.min_width] * printed.width
    covered = {(s.row + a, s.col + b) for s in valid_spans(printed) for a in range(s.rows) for b in range(s.cols)
               if s.cols > 1}
    for i, row in enumerate(printed.rows):
        for j, value in enumerate(row):
            if (i, j) not in covered:
                pad = settings.number_pad if isinstance(value, (Number, Decimal)) else 2
                found[j] = max(found[j], min(units(shown(value)) + pad, settings.max_width))
    return found


def _row_lines(printed: Printed, spans: list[Span], size: list[float]) -> list[int]:
    """Lines of wrapped text each table row needs at the given column widths."""
    span_at = {(s.row, s.col): s for s in spans}
    inner = {(s.row + a, s.col + b) for s in spans for a in range(s.rows) for b in range(s.cols)} - set(span_at)
    out = []
    for i, row in enumerate(printed.rows):
        lines = 1
        for j, value in enumerate(row):
            span = span_at.get((i, j), Span(i, j))
            if (i, j) in inner or span.rows > 1:
                continue
            room = sum(size[j:j + span.cols]) - 1
            lines = max(lines, math.ceil(units(shown(value)) / max(room, 1)))
        out.append(lines)
    return out


# ---------------------------------------------------------------- text

def to_text(grids: list[Grid]) -> str:
    """Tab-separated text, as text extracted from a published PDF looks; tables apart by a blank line."""
    blocks = ["\n".join("\t".join(row).rstrip("\t") for row in grid) for grid in grids]
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- XLSX

def write_sheet(book: Any, printed: Printed, settings: PrintSettings = SETTINGS) -> Any:
    """One worksheet: title lines merged across, the table with borders, numbers with their
    formats and merged ranges, then the notes; A4, fitted to the page width, header rows
    repeated on each page, the print area the table and its lines."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet = book.create_sheet(title=printed.name[:31])
    width, size = printed.width, widths(printed, settings) if printed.rows else [settings.line_width]
    for j, w in enumerate(size, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = w

    def line(row: int, text: str, title: bool, centred: bool = False) -> None:
        cell = sheet.cell(row, 1, text or None)
        cell.font = Font(name=settings.font, size=settings.title_size if title else settings.body_size, bold=title)
        cell.alignment = Alignment(horizontal="center" if title or centred else "left", vertical="center",
                                   wrap_text=True)
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        lines = math.ceil(units(text) / max(sum(size) - 1, 1)) or 1
        sheet.row_dimensions[row].height = lines * ((settings.title_size if title else settings.body_size) + 8)

    for k, text in enumerate(printed.above, start=1):
        line(k, text, k <= printed.titles, k <= printed.centred)
    first = len(printed.above) + 1
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    spans = valid_spans(printed)
    for i, row in enumerate(printed.rows):
        for j in range(width):
            value = row[j] if j < len(row) else ""
            cell = sheet.cell(first + i, j + 1)
            cell.border = border
            cell.font = Font(name=settings.font, size=settings.body_size, bold=i < printed.header_rows)
            if isinstance(value, Decimal):
                value = amount(value)
            if isinstance(value, Number):
                # a number as a number: sums and formats work on it, printed as the document did
                cell.value = float(value.value)
                cell.number_format = value.format
                cell.alignment = Alignment(horizontal="right", vertical="center")
            else:
                cell.value = value or None
                short = units(value) <= 20
                cell.alignment = Alignment(horizontal="center" if short else "left", vertical="center",
                                           wrap_text=True)
    for s in spans:
        sheet.merge_cells(start_row=first + s.row, start_column=s.col + 1,
                          end_row=first + s.row + s.rows - 1, end_column=s.col + s.cols)
    for s in _blocks(printed, spans):
        cell = sheet.cell(first + s.row, s.col + 1)
        cell.alignment = Alignment(horizontal=cell.alignment.horizontal, vertical="top", wrap_text=True)
    for i, lines in enumerate(_row_lines(printed, spans, size)):
        sheet.row_dimensions[first + i].height = lines * (settings.body_size + 5)
    last = first + len(printed.rows) - 1
    for k, text in enumerate(printed.below, start=last + 1):
        line(k, text, False)
    end = last + len(printed.below)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if printed.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.print_area = f"A1:{get_column_letter(width)}{max(end, 1)}"
    if printed.repeated and printed.rows:
        top, bottom = printed.repeated
        sheet.print_title_rows = f"{first + top}:{first + bottom}"
    return sheet


def to_xlsx(tables: Sequence[Printed], settings: PrintSettings = SETTINGS) -> bytes:
    """One worksheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for printed in tables:
        write_sheet(book, printed, settings)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- DOCX

def page(doc: Any, landscape: bool, settings: PrintSettings = SETTINGS) -> Any:
    """Set the (last) section to A4, portrait or landscape, with the settings' margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = doc.sections[-1]
    short, long = settings.page_cm
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(long), Cm(short)) if landscape else (Cm(short), Cm(long))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(settings.margin_cm))
    return section


def add_table(doc: Any, printed: Printed, settings: PrintSettings = SETTINGS) -> Any:
    """The ruled table: 'Table Grid', merged ranges, columns sized to what they print and scaled
    to the page's text width (no column cut, none wider than needed), header rows repeated."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    section = doc.sections[-1]
    room = section.page_width - section.left_margin - section.right_margin
    size = widths(printed, settings)
    twip = 635                       # Word stores widths in twentieths of a point: round down, never over
    scaled = [Emu(int(room * w / sum(size)) // twip * twip) for w in size]
    table = doc.add_table(rows=len(printed.rows), cols=printed.width)
    table.style = "Table Grid"
    table.autofit = False
    for column, w in zip(table.columns, scaled, strict=True):
        column.width = w
    # The cells fetched once: python-docx's ``table.cell`` walks the whole table on every call.
    # Merging leaves the corner cells of the other (non-overlapping) ranges in place.
    grid_cells = [list(r.cells) for r in table.rows]
    for i, row in enumerate(printed.rows):
        cells = grid_cells[i]
        for j in range(printed.width):
            value = row[j] if j < len(row) else ""
            cells[j].width = scaled[j]
            paragraph = cells[j].paragraphs[0]
            text = shown(value)
            if isinstance(value, (Number, Decimal)):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif units(text) <= 20:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if text:
                run = paragraph.add_run(text)
                run.font.size = Pt(settings.docx_size)
                run.font.bold = i < printed.header_rows
                run.font.name = settings.font
                run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), settings.font)
        # A row is never cut by a page break. The heading rows are not marked to repeat in Word
        # (w:tblHeader): printed again on the next page, the 栏次 row of a two-sided summary
        # table (01, 04) reads back as one of its lines; the worksheet repeats them instead.
        table.rows[i]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    spans = valid_spans(printed)
    for s in spans + _blocks(printed, spans):
        grid_cells[s.row][s.col].merge(grid_cells[s.row + s.rows - 1][s.col + s.cols - 1])
    return table


def add_note(doc: Any, text: str) -> Any:
    """A paragraph under a table, set apart from its bottom rule (printed touching it, a PDF
    reader would take it for part of the table)."""
    from docx.shared import Pt

    paragraph = doc.add_paragraph(text)
    paragraph.paragraph_format.space_before = Pt(6)
    return paragraph


def write_docx(doc: Any, tables: Sequence[Printed], settings: PrintSettings = SETTINGS) -> None:
    """Per table: its title as heading, the other lines as paragraphs, the ruled table, the notes;
    a new section wherever the orientation changes."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    for n, printed in enumerate(tables):
        landscape = doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
        if (n or len(doc.paragraphs) or len(doc.tables)) and printed.landscape != landscape:
            doc.add_section(WD_SECTION.NEW_PAGE)
        page(doc, printed.landscape, settings)
        doc.add_heading(printed.above[0] if printed.above else printed.name, level=1)
        for text in printed.above[1:]:
            doc.add_paragraph(text)
        add_table(doc, printed, settings)
        for text in printed.below:
            add_note(doc, text)


def to_docx(tables: Sequence[Printed], settings: PrintSettings = SETTINGS) -> bytes:
    """A Word document of the tables (``write_docx``)."""
    from docx import Document

    doc = Document()
    write_docx(doc, tables, settings)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
