"""XLSX: every worksheet row becomes one line of cells (merged ranges read once)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from jixiao.limits import Budget
from jixiao.sources.docx import check_archive
from jixiao.sources.sheet import Sheet, UnreadableInput, sheet_from_rows

NAME = "xlsx"
LABEL = "Excel"        # what the upload page calls it
SUFFIXES = (".xlsx", ".xlsm")


def identify(name: str, head: bytes) -> float:
    if head.startswith(b"PK") and name.lower().endswith(SUFFIXES):
        return 1.0
    return 0.0


def _decimals(number_format: str) -> int | None:
    """Digits after the point that a format like ``#,##0.00`` or ``0.0%`` prints."""
    match = re.search(r"0\.(0+)", number_format or "")
    if match:
        return len(match.group(1))
    return 0 if "0" in (number_format or "") else None


def cell_text(value: object, number_format: str = "General") -> str:
    """The cell as printed: numbers keep the precision (and %) their format shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        percent = "%" in (number_format or "")
        shown = value * 100 if percent else value
        places = _decimals(number_format)
        if places is not None:
            text = f"{shown:.{places}f}"
        elif isinstance(shown, float) and shown != int(shown):
            text = format(shown, "f").rstrip("0").rstrip(".")
        else:
            text = str(int(shown))
        return text + ("%" if percent else "")
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y年%m月%d日")
    return str(value)


def load(name: str, data: bytes) -> Sheet:
    check_archive(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableInput("无法打开 XLSX 工作簿", f"cannot open XLSX: {type(exc).__name__}") from exc
    rows: list[list[str]] = []
    pages: list[int | None] = []
    budget = Budget()      # one shared string used by many cells must not multiply unchecked
    for number, sheet in enumerate(book.worksheets, start=1):
        for row in sheet.iter_rows():
            cells = [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            budget.row(cells)
            rows.append(cells)
            pages.append(number)
    book.close()
    return sheet_from_rows(name, rows, "xlsx", pages)
