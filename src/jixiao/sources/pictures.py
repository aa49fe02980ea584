"""A page of a PDF or a scan drawn as a picture, the cell a finding points at outlined.

A finding names its line (and, for real cells, its column); the line knows its page and
where it stands on it (``Line.boxes``). The CLI (``jixiao page``) and the web app call
this one function, so both show the same place.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from typing import Any

from jixiao.sources.registry import load
from jixiao.sources.sheet import Box, Sheet, UnreadableInput

PAGED = ("pdf", "scan", "image")    # formats whose lines stand on pages
WIDTH = 1400                        # pixels across the drawn page
OUTLINE = (220, 38, 38)             # the outline's colour: the findings' red
_KEPT = 8                           # sheets kept read: a scan is not read by OCR again per view
_sheets: OrderedDict[str, Sheet] = OrderedDict()


def page_picture(name: str, data: bytes, line: int, column: int | None = None, width: int = WIDTH) -> bytes:
    """The page ``line`` stands on as PNG, its cell (or, where cells have no place, the
    whole line) outlined. A document without pages (text, DOCX, a spreadsheet) or a
    line that is not in it is an ``UnreadableInput`` with a Chinese message."""
    sheet = _sheet(name, data)
    found = next((x for x in sheet.lines if x.number == line), None)
    if sheet.format not in PAGED:
        raise UnreadableInput("该文件没有页面（文本、Word 或表格文件）：请按行号查看原文",
                              f"{sheet.format} files have no pages to draw")
    if found is None or found.page is None:
        raise UnreadableInput(f"文件中没有第 {line} 行", f"no line {line} in the file")
    image = _page_image(data, sheet.format, found.page, width)
    box = found.box(column)
    if box is not None:
        _outline(image, box)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _sheet(name: str, data: bytes) -> Sheet:
    key = hashlib.sha256(data).hexdigest()
    if key in _sheets:
        _sheets.move_to_end(key)
        return _sheets[key]
    sheet = load(name, data)
    _sheets[key] = sheet
    while len(_sheets) > _KEPT:
        _sheets.popitem(last=False)
    return sheet


def _page_image(data: bytes, fmt: str, page: int, width: int) -> Any:
    from PIL import Image

    if fmt == "image":
        image = Image.open(io.BytesIO(data))
        image.seek(min(page - 1, getattr(image, "n_frames", 1) - 1))
        picture = image.convert("RGB")
    else:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            pdf_page = document[page - 1]
            picture = pdf_page.render(scale=width / max(1.0, pdf_page.get_width())).to_pil().convert("RGB")
        finally:
            document.close()
    if picture.width != width:
        picture = picture.resize((width, round(picture.height * width / picture.width)))
    return picture


def _outline(image: Any, box: Box) -> None:
    from PIL import ImageDraw

    pad = 3
    left, top = box[0] * image.width - pad, box[1] * image.height - pad
    right, bottom = box[2] * image.width + pad, box[3] * image.height + pad
    ImageDraw.Draw(image).rectangle((left, top, right, bottom), outline=OUTLINE, width=3)
