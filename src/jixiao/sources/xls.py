"""Legacy Excel (.xls, BIFF): every worksheet row one line of cells, numbers as their
number format prints them, a merged range's text in its first cell (as XLSX reads)."""

from __future__ import annotations

from typing import Any

from jixiao.limits import Budget
from jixiao.sources.sheet import Sheet, UnreadableInput, sheet_from_rows
from jixiao.sources.xlsx import cell_text

NAME = "xls"
LABEL = "Excel 97–2003、WPS 表格"        # what the upload page calls it
SUFFIXES = (".xls", ".et")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def identify(name: str, head: bytes) -> float:
    return 1.0 if head.startswith(_OLE2) and name.lower().endswith(SUFFIXES) else 0.0


def _format_of(book: Any, cell: Any) -> str:
    try:
        xf = book.xf_list[cell.xf_index]
        return str(book.format_map[xf.format_key].format_str)
    except (AttributeError, IndexError, KeyError, TypeError):
        return "General"


def load(name: str, data: bytes) -> Sheet:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises many kinds on bad files
        raise UnreadableInput("无法打开 XLS 工作簿（已损坏、加密或不是 Excel 97–2003 文件）",
                              f"cannot open XLS: {type(exc).__name__}") from exc
    rows: list[list[str]] = []
    pages: list[int | None] = []
    budget = Budget()
    try:
        for number in range(book.nsheets):
            sheet = book.sheet_by_index(number)
            if budget.cells + sheet.nrows * sheet.ncols > budget.limits.cells:
                raise UnreadableInput("XLS 工作簿过大，不予读取", "XLS workbook too large")
            for r in range(sheet.nrows):
                texts = []
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    value = cell.value if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT) else (
                        None if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else cell.value)
                    texts.append(cell_text(value, _format_of(book, cell)))
                while texts and not texts[-1]:
                    texts.pop()
                budget.row(texts)
                rows.append(texts)
                pages.append(number + 1)
            book.unload_sheet(number)
    finally:
        book.release_resources()
    return sheet_from_rows(name, rows, "xls", pages)
