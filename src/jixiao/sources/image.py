"""Images of pages (PNG, JPEG, TIFF, several pages in one TIFF): read by offline OCR."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from jixiao.sources import ocr
from jixiao.sources.sheet import Sheet, UnreadableInput

NAME = "image"
LABEL = "扫描图片（文字识别）"        # what the upload page calls it
SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def identify(name: str, head: bytes) -> float:
    return 1.0 if head.startswith(_MAGIC) else 0.0


def _frames(image: Any) -> Iterator[Any]:
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        yield image.copy()


def load(name: str, data: bytes) -> Sheet:
    ocr.require()
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = ocr.MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > ocr.MAX_PIXELS:
            raise UnreadableInput(f"图片过大（{width}×{height} 像素），不予识别", f"image too large: {width}x{height}")
        image.load()
    except UnreadableInput:
        raise
    except Exception as exc:  # Pillow raises many kinds, DecompressionBombError among them
        raise UnreadableInput("无法打开图片（已损坏、过大或格式不支持）", f"cannot open image: {type(exc).__name__}") from exc
    lines = ocr.page_lines(_frames(image))
    if not any(line.text.strip() for line in lines):
        raise UnreadableInput("图片中没有识别出文字", "no text recognised in the image")
    return Sheet(file=name, lines=tuple(lines), format="image")
