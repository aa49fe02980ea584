"""Uploaded files: a bounded read, a name with no path in it, reading off the event loop."""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.store.repository import ImportReport, StoreError
from jixiao.store.schema import User

log = logging.getLogger(__name__)

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


async def import_upload(app: Any, name: str, data: bytes, user: User) -> ImportReport:
    """One uploaded file: read in a worker (never on the event loop), stored in its own transaction.

    Every failure at this boundary becomes this file's Chinese message; the other files of
    a batch go on.
    """
    factory = app.state.factory
    digest = repo.sha256(data)

    def known() -> ImportReport | None:
        with transaction(factory) as session:
            row = repo.find_by_sha256(session, digest)
            return repo.ImportReport(name=name, sha256=digest, document_id=row.id, tables=row.table_count,
                                     errors=row.error_count, warnings=row.warning_count) if row else None

    def store(result: Any) -> ImportReport:
        with transaction(factory) as session:
            return repo.import_result(session, name, data, result, user)

    try:
        existing = await run_in_threadpool(known)
        if existing is not None:
            return existing
        parsed = await app.state.parser.parse(name, data)
        if parsed.result is None:
            return repo.ImportReport(name=name, sha256=digest, error=parsed.error, code=repo.NotADocument.code)
        return await run_in_threadpool(store, parsed.result)
    except repo.StoreError as exc:
        return repo.ImportReport(name=name, sha256=digest, error=exc.message, code=exc.code)
    except Exception:
        log.exception("保存上传文件 %s 时出错", name)
        return repo.ImportReport(name=name, sha256=digest, code="internal",
                                 error="保存失败：服务器内部错误，已记录，此文件未保存")
