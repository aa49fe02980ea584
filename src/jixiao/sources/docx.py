"""DOCX: paragraphs become lines; each table row becomes one line of real cells."""

from __future__ import annotations

import io
import zipfile

from jixiao.sources.sheet import Sheet, UnreadableInput, sheet_from_rows

NAME = "docx"
_MAX_UNZIPPED = 200 * 1024 * 1024


def identify(name: str, head: bytes) -> float:
    if head.startswith(b"PK") and name.lower().endswith(".docx"):
        return 1.0
    return 0.0


def check_archive(data: bytes) -> None:
    """Refuse archives that are not what they claim, or would inflate too far (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableInput("文件已损坏或不是有效的 Office 文档", "corrupt or not an Office document") from exc
    if total > _MAX_UNZIPPED:
        raise UnreadableInput("压缩内容过大，拒绝读取", "archive expands too far, refused")


def load(name: str, data: bytes) -> Sheet:
    check_archive(data)
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on bad files
        raise UnreadableInput("无法打开 DOCX 文档", f"cannot open DOCX: {type(exc).__name__}") from exc
    rows: list[list[str]] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            rows.append([block.text])
        elif isinstance(block, Table):
            above: list[object] = []
            for row in block.rows:
                cells: list[str] = []
                previous = None
                grid = [cell._tc for cell in row.cells]
                for column, tc in enumerate(grid):
                    # A merged cell is returned once per grid column: its text in its first
                    # grid cell, the cells it covers empty (across and below), as every
                    # source gives a grid.
                    spanned = (previous is not None and tc is previous) or (
                        column < len(above) and above[column] is tc)
                    previous = tc
                    cells.append("" if spanned else row.cells[column].text.replace("\n", " "))
                above = grid
                rows.append(cells)
    return sheet_from_rows(name, rows, "docx")
