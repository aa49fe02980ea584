"""DOCX: paragraphs become lines; each table row becomes one line of real cells."""

from __future__ import annotations

import io
import zipfile

from jixiao.limits import Budget, Limits, TooComplex, current
from jixiao.sources.sheet import Sheet, UnreadableInput, sheet_from_rows

NAME = "docx"
LABEL = "Word"        # what the upload page calls it
SUFFIXES = (".docx",)
_CHUNK = 1024 * 1024


def identify(name: str, head: bytes) -> float:
    if head.startswith(b"PK") and name.lower().endswith(SUFFIXES):
        return 1.0
    return 0.0


def check_archive(data: bytes, limits: Limits | None = None) -> None:
    """Refuse archives that are not what they claim, or would inflate too far (zip bombs).

    The bytes are counted as they inflate, never taken from the sizes the archive declares:
    a header can lie, and one small member can inflate a thousandfold.
    """
    lim = limits or current()
    too_far = TooComplex(f"压缩内容解压后超过 {lim.expanded_mb:g} MB，拒绝读取",
                         f"archive expands past {lim.expanded_mb:g} MB, refused")
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > lim.archive_members:
                raise TooComplex(f"压缩包内文件过多（超过 {lim.archive_members:,} 个），拒绝读取",
                                 f"over {lim.archive_members} archive members, refused")
            if sum(info.file_size for info in members) > lim.expanded_bytes:
                raise too_far
            for info in members:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > lim.expanded_bytes:
                            raise too_far
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError,
            ValueError, RuntimeError) as exc:   # bad CRC, unknown method, encrypted, truncated
        raise UnreadableInput("文件已损坏或不是有效的 Office 文档", "corrupt or not an Office document") from exc


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
    budget = Budget()
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            rows.append([block.text])
            budget.row(rows[-1])
        elif isinstance(block, Table):
            above: list[object] = []
            for row in block.rows:
                cells: list[str] = []
                previous = None
                row_cells = row.cells          # python-docx builds the row's cells anew on each call
                grid = [cell._tc for cell in row_cells]
                for column, tc in enumerate(grid):
                    # A merged cell is returned once per grid column: its text in its first
                    # grid cell, the cells it covers empty (across and below), as every
                    # source gives a grid.
                    spanned = (previous is not None and tc is previous) or (
                        column < len(above) and above[column] is tc)
                    previous = tc
                    cells.append("" if spanned else row_cells[column].text.replace("\n", " "))
                above = grid
                budget.row(cells)
                rows.append(cells)
    return sheet_from_rows(name, rows, "docx")
