"""Uploaded files: a bounded read and a name with no path in it."""

from __future__ import annotations

import re
import unicodedata

from fastapi import UploadFile

from jixiao.store.repository import StoreError

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


class TooLarge(StoreError):
    code = "too_large"


def safe_name(filename: str | None) -> str:
    """The last path component, without control characters or leading dots (``../../x`` → ``x``)."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("", name).strip().lstrip(".").strip()
    return name[-200:] or "未命名文件"


async def read_upload(file: UploadFile, limit: int) -> bytes:
    """The file's bytes; ``TooLarge`` beyond ``limit`` (read no further than one byte past it)."""
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"文件过大：单个文件不能超过 {limit / 1048576:.1f} MB")
    return data
