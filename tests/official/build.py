"""Print the forms of ``forms.py`` as DOCX, XLSX, HTML and (through LibreOffice) PDF files.

Every function is deterministic: the same form gives the same bytes (zip entries carry a fixed
date; the PDF's dates and document id are replaced by fixed ones of the same length).
"""

from __future__ import annotations

import html as html_escape
import io
import math
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import docx as python_docx
import openpyxl
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.run import Run
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from tests.official.forms import Form, Span, Table

FONT = "宋体"
FIXED = datetime(2024, 1, 1)
_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.(\d+)")
_PERCENT = re.compile(r"-?\d+(?:\.(\d+))?%")
_YEAR = re.compile(r"（\d{4}年度）")
_NUMBER = re.compile(r"公开\d+表")  # a table's number, printed small
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def is_title(text: str) -> bool:
    """A paragraph printed centred and bold: a form's or a table's title, its year line."""
    if _NUMBER.fullmatch(text):
        return False
    return (text.endswith("表") and "：" not in text) or bool(_YEAR.fullmatch(text)) or \
        text.endswith("部门决算")


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated FIXED, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                blob = _MODIFIED.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", blob)
            dst.writestr(entry, blob)
    return out.getvalue()


# ---------------------------------------------------------------- DOCX

def _run_font(run: Run, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _docx_paragraph(document: WordDocument, text: str) -> None:
    paragraph = document.add_paragraph()
    title = is_title(text)
    if title:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(paragraph.add_run(text), 14 if title else 10.5, bold=title)


def _docx_table(document: WordDocument, table: Table, size: float) -> None:
    grid = document.add_table(rows=len(table.rows), cols=table.width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    spans = table.spans()
    for s in spans:
        if s.rowspan > 1 or s.colspan > 1:
            grid.cell(s.row, s.col).merge(grid.cell(s.row + s.rowspan - 1, s.col + s.colspan - 1))
    for s in spans:
        paragraph = grid.cell(s.row, s.col).paragraphs[0]
        if len(s.text) <= 20:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run_font(paragraph.add_run(s.text), size)


def docx(form: Form) -> bytes:
    """The form as a Word file: paragraphs and 'Table Grid' tables with real merged cells."""
    document = python_docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if form.wide:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    core = document.core_properties
    core.author = core.last_modified_by = "示例"
    core.created = core.modified = FIXED
    core.revision = 1
    for text in form.paragraphs_before:
        _docx_paragraph(document, text)
    for table in form.tables:
        for text in table.heading:
            _docx_paragraph(document, text)
        _docx_table(document, table, 8 if table.width > 8 else 9)
        for text in table.after:
            _docx_paragraph(document, text)
    for text in form.paragraphs_after:
        _docx_paragraph(document, text)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


# ---------------------------------------------------------------- XLSX

def cell_value(text: str) -> tuple[str | float, str | None]:
    """What an XLSX cell holds for a printed text: amounts and percentages as numbers, with
    the number format that prints them as printed (decimals kept); anything else as text."""
    if m := _AMOUNT.fullmatch(text):
        decimals = len(m.group(1))
        return float(Decimal(text.replace(",", ""))), "#,##0." + "0" * decimals
    if m := _PERCENT.fullmatch(text):
        decimals = len(m.group(1) or "")
        fmt = "0." + "0" * decimals + "%" if decimals else "0%"
        return float(Decimal(text[:-1]) / 100), fmt
    return text, None


def _units(text: str) -> int:
    """Display width in character units: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _column_widths(tables: list[Table]) -> list[float]:
    width = max(t.width for t in tables)
    widths = [6.0] * width
    for table in tables:
        for s in table.spans():
            if s.colspan == 1:
                widths[s.col] = max(widths[s.col], min(_units(s.text) + 2, 34))
    return widths


def _row_height(spans: list[Span], widths: list[float], size: float) -> float:
    lines = 1
    for s in spans:
        if s.rowspan == 1 and s.text:
            room = sum(widths[s.col:s.col + s.colspan]) - 1
            lines = max(lines, math.ceil(_units(s.text) / max(room, 1)))
    return lines * (size + 4)


def _sheet_rows(ws: Worksheet, start: int, texts: tuple[str, ...], width: int) -> int:
    for text in texts:
        title = is_title(text)
        ws.cell(start, 1, text).font = Font(name=FONT, size=14 if title else 10, bold=title)
        ws.cell(start, 1).alignment = Alignment(horizontal="center" if title else "left",
                                                vertical="center")
        if width > 1:
            ws.merge_cells(start_row=start, start_column=1, end_row=start, end_column=width)
        ws.row_dimensions[start].height = 22 if title else 16
        start += 1
    return start


def _sheet_table(ws: Worksheet, start: int, table: Table, widths: list[float]) -> int:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    spans = table.spans()
    for i in range(len(table.rows)):
        for j in range(table.width):
            ws.cell(start + i, j + 1).border = border
    for s in spans:
        value, fmt = cell_value(s.text) if s.text else ("", None)
        cell = ws.cell(start + s.row, s.col + 1, value if s.text else None)
        cell.font = Font(name=FONT, size=10)
        cell.alignment = Alignment(horizontal="right" if fmt else "center" if len(s.text) <= 20 else "left",
                                   vertical="center", wrap_text=True)
        if fmt:
            cell.number_format = fmt
        if s.rowspan > 1 or s.colspan > 1:
            ws.merge_cells(start_row=start + s.row, start_column=s.col + 1,
                           end_row=start + s.row + s.rowspan - 1, end_column=s.col + s.colspan)
    for i in range(len(table.rows)):
        ws.row_dimensions[start + i].height = _row_height([s for s in spans if s.row == i], widths, 10)
    return start + len(table.rows)


def _fill_sheet(ws: Worksheet, form: Form, tables: list[Table], first: bool, last: bool) -> None:
    widths = _column_widths(tables)
    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = w
    width = len(widths)
    row = 1
    if first:
        row = _sheet_rows(ws, row, form.paragraphs_before, width)
    for k, table in enumerate(tables):
        if k:
            row += 1
        row = _sheet_rows(ws, row, table.heading, width)
        row = _sheet_table(ws, row, table, widths)
        row = _sheet_rows(ws, row, table.after, width)
    if last:
        _sheet_rows(ws, row, form.paragraphs_after, width)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > 8 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


def xlsx(form: Form) -> bytes:
    """The form as an Excel file: tables with merged ranges, paragraphs as rows merged across the
    width; tables that name a sheet (the 公开表) each on their own worksheet."""
    book = openpyxl.Workbook()
    sheets: dict[str, list[Table]] = {}
    for table in form.tables:
        sheets.setdefault(table.sheet or form.sheet, []).append(table)
    names = list(sheets)
    for k, name in enumerate(names):
        ws = book.active if k == 0 else book.create_sheet()
        assert ws is not None
        ws.title = name
        _fill_sheet(ws, form, sheets[name], first=k == 0, last=k == len(names) - 1)
    book.properties.creator = book.properties.lastModifiedBy = "示例"
    book.properties.created = book.properties.modified = FIXED
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


# ---------------------------------------------------------------- HTML

def _html_table(table: Table) -> str:
    rows: list[list[str]] = [[] for _ in table.rows]
    for s in table.spans():
        attrs = (f' rowspan="{s.rowspan}"' if s.rowspan > 1 else "") + \
                (f' colspan="{s.colspan}"' if s.colspan > 1 else "")
        rows[s.row].append(f"<td{attrs}>{html_escape.escape(s.text)}</td>")
    body = "\n".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
    return f"<table>\n{body}\n</table>"


def _html_paragraph(text: str) -> str:
    cls = ' class="title"' if is_title(text) else ""
    return f"<p{cls}>{html_escape.escape(text)}</p>"


def html(form: Form) -> bytes:
    """The form as a complete UTF-8 web page: <p> paragraphs, tables with rowspan/colspan."""
    title = next((t for t in form.paragraphs_before if is_title(t)), form.name)
    parts = [_html_paragraph(t) for t in form.paragraphs_before]
    for table in form.tables:
        parts += [_html_paragraph(t) for t in table.heading]
        parts.append(_html_table(table))
        parts += [_html_paragraph(t) for t in table.after]
    parts += [_html_paragraph(t) for t in form.paragraphs_after]
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_escape.escape(title)}</title>\n"
        "<style>\ntable { border-collapse: collapse; margin: 0 auto; }\n"
        "td { border: 1px solid #000; padding: 2px 6px; }\n"
        "p.title { text-align: center; font-weight: bold; }\n</style>\n"
        "</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n")
    return page.encode("utf-8")


# ---------------------------------------------------------------- PDF

_PDF_DATE = re.compile(rb"\(D:\d{14}")
_PDF_HEX = re.compile(rb"(/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]|/DocChecksum\s*/[0-9A-Fa-f]+)")


def _stable_pdf(data: bytes) -> bytes:
    """Dates, document id and checksum made fixed, each of the same length (offsets kept)."""
    def zeros(m: re.Match[bytes]) -> bytes:
        return re.sub(rb"[0-9A-Fa-f]{16,}", lambda h: b"0" * len(h.group(0)), m.group(0))

    return _PDF_HEX.sub(zeros, _PDF_DATE.sub(b"(D:20240101000000", data))


def pdf(data: bytes, suffix: str) -> bytes | None:
    """Print a DOCX or XLSX file to PDF with LibreOffice; None when soffice is not installed."""
    printed = _convert(data, suffix, "pdf")
    return _stable_pdf(printed) if printed is not None else None


def xls(xlsx_data: bytes) -> bytes | None:
    """An XLSX saved as legacy Excel 97–2003 (.xls) by LibreOffice; None without soffice."""
    return _convert(xlsx_data, "xlsx", "xls")


def _convert(data: bytes, suffix: str, to: str) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="jixiao-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"form.{suffix.lstrip('.')}"
        source.write_bytes(data)
        # a profile of its own, so that a running LibreOffice does not swallow the job
        profile = (folder / "profile").as_uri()
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
             "--outdir", str(folder), str(source)],
            capture_output=True, timeout=120, check=False)
        target = folder / f"form.{to}"
        if done.returncode != 0 or not target.exists():
            raise RuntimeError(f"soffice failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
        return target.read_bytes()


# ---------------------------------------------------------------- text and scans

def text(form: Form) -> bytes:
    """The form as text copied from a table: one line a row, cells apart by tabs (a merged
    cell's text in its first grid cell), paragraphs as lines."""
    lines = list(form.paragraphs_before)
    for table in form.tables:
        lines += table.heading
        grid = [[""] * table.width for _ in table.rows]
        for s in table.spans():
            grid[s.row][s.col] = s.text
        lines += ["\t".join(row) for row in grid]
        lines += table.after
    lines += form.paragraphs_after
    return ("\n".join(lines) + "\n").encode("utf-8")


def scan(pdf_data: bytes, degrees: float = 0.4) -> bytes:
    """A printed PDF as a scanner gives it: each page an image (144 dpi, grey, turned a
    little), saved as an image-only PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_data)
    pages = [document[i].render(scale=2).to_pil().convert("L").rotate(degrees, expand=True, fillcolor=255)
             for i in range(len(document))]
    document.close()
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=144)
    return out.getvalue()
