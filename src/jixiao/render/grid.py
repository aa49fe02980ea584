"""Writers for official-table grids (rows of cell texts): tab text, XLSX, DOCX.

Each official table is first drawn as one grid from the model; these writers turn a
list of grids into a file, so every form prints the same cells and reads back alike.
"""

from __future__ import annotations

import io

Grid = list[list[str]]


def to_text(grids: list[Grid]) -> str:
    """Tab-separated text, as text extracted from a published PDF looks; tables apart by a blank line."""
    blocks = ["\n".join("\t".join(row).rstrip("\t") for row in grid) for grid in grids]
    return "\n\n".join(blocks) + "\n"


def to_xlsx(grids: list[Grid], sheet_prefix: str, widths: tuple[int, ...]) -> bytes:
    """One worksheet per grid: title bold, cells wrapped, column widths set for print."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for n, grid in enumerate(grids, start=1):
        sheet = book.create_sheet(title=f"{sheet_prefix}{n}")
        for row in grid:
            sheet.append(row)
        sheet["A1"].font = Font(bold=True, size=14)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for line in sheet.iter_rows():
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(grids: list[Grid], title_rows: int) -> bytes:
    """A Word document: per grid, its first ``title_rows`` rows as heading and paragraphs,
    the rest as one bordered table."""
    from docx import Document

    doc = Document()
    for grid in grids:
        doc.add_heading(grid[0][0], level=1)
        for head in grid[1:title_rows]:
            doc.add_paragraph(head[0])
        width = max(len(row) for row in grid[title_rows:])
        table = doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in grid[title_rows:]:
            for cell, value in zip(table.add_row().cells, row + [""] * (width - len(row)), strict=True):
                cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
