"""XLSX: every worksheet row becomes one line of cells (merged ranges read once)."""

from __future__ import annotations

import io
from datetime import date, datetime

from jixiao.sources.docx import check_archive
from jixiao.sources.sheet import Sheet, UnreadableInput, sheet_from_rows

NAME = "xlsx"


def identify(name: str, head: bytes) -> float:
    if head.startswith(b"PK") and name.lower().endswith((".xlsx", ".xlsm")):
        return 1.0
    return 0.0


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(value, "f").rstrip("0").rstrip(".") if value != int(value) else str(int(value))
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
    for number, sheet in enumerate(book.worksheets, start=1):
        for row in sheet.iter_rows(values_only=True):
            cells = [_text(v) for v in row]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
            pages.append(number)
    book.close()
    return sheet_from_rows(name, rows, "xlsx", pages)
