"""Uploaded files: a bounded read, a name with no path in it, reading off the event loop."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from jixiao.score.ruleset import RulesetError, list_rulesets, load_ruleset
from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.store.repository import ImportReport, StoreError
from jixiao.store.schema import User

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")

@dataclass(frozen=True, slots=True)
class FileType:
    label: str
    suffixes: tuple[str, ...]


def accepted_types() -> tuple[FileType, ...]:
    """The kinds of file the pipeline reads, in the registry's order; scans only where OCR is
    installed (without it an image is refused as unreadable)."""
    from jixiao.sources import ocr
    from jixiao.sources.registry import SOURCES

    return tuple(FileType(source.LABEL, source.SUFFIXES) for source in SOURCES
                 if source.NAME != "image" or ocr.available())


def accept_attribute(types: tuple[FileType, ...]) -> str:
    """The ``accept`` of the file input: every ending, comma-separated."""
    return ",".join(suffix for t in types for suffix in t.suffixes)


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


def chosen_ruleset(name: str | None) -> str | None:
    """The rule set picked on the upload form (empty: chosen by region and year); an unknown
    name is the request's error, said with the names that exist."""
    if not name:
        return None
    try:
        return load_ruleset(name).name
    except RulesetError as exc:
        raise repo.Invalid(str(exc)) from None


def ruleset_choices() -> list[tuple[str, str]]:
    """(name, title) of every bundled rule set, for the upload form and the document page."""
    return [(r.name, r.title) for r in list_rulesets()]


async def import_upload(app: Any, name: str, data: bytes, user: User, ruleset: str | None = None) -> ImportReport:
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
        parsed = await app.state.parser.parse(name, data, ruleset)
        if parsed.result is None:
            return repo.ImportReport(name=name, sha256=digest, error=parsed.error, code=repo.NotADocument.code)
        return await run_in_threadpool(store, parsed.result)
    except repo.StoreError as exc:
        return repo.ImportReport(name=name, sha256=digest, error=exc.message, code=exc.code)
    except Exception:
        log.exception("保存上传文件 %s 时出错", name)
        return repo.ImportReport(name=name, sha256=digest, code="internal",
                                 error="保存失败：服务器内部错误，已记录，此文件未保存")
