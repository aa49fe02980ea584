"""Downloads: a stored table, or every table of a stored document, as its official XLSX or DOCX.

The files are made by ``render.official.rendered`` — what ``jixiao render`` calls — from the
document as the store holds it now: its original read again with every edit put back (as a
rescoring does), so amounts keep their printed precision (``48.80``, not ``48.8``). No rendering
here: this module only picks the document, the file name and the headers.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import quote

from fastapi.responses import Response

from jixiao.model.document import Document
from jixiao.render.official import SUFFIX, contents, rendered
from jixiao.store import repository as repo
from jixiao.store.schema import DocumentRow, Project
from jixiao.web.uploads import safe_name

Official = Literal["xlsx", "docx"]
MEDIA: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    """A download, never rendered inline: the name RFC 5987-quoted, sniffing off."""
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"download\"; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff"})


def project_file(p: Project, to: Official) -> Response:
    """One stored table as the template prints it: ``全民创业发展资金_绩效自评表.xlsx``."""
    whole = repo.stored_document(p.document)
    table = next((t for kind, seq, t in repo.tables_of(whole) if (kind, seq) == (p.kind, p.seq)), None)
    if table is None:
        raise repo.NotFound("原始文件中已读不到这张表格，无法生成公开表格")
    document = Document(   # that table alone, wherever it stands in the document
        source=whole.source,
        project_self_evaluations=tuple(t for t in whole.project_self_evaluations if t is table),
        department_self_evaluations=tuple(t for t in whole.department_self_evaluations if t is table),
        performance_targets=tuple(t for t in whole.performance_targets if t is table),
        final_accounts=tuple(t for t in whole.final_accounts if t is table))
    subject = p.department if p.kind == "final_accounts" else p.name
    year = f"{p.year}年度" if p.kind == "final_accounts" and p.year else ""
    return _official(document, to, "_".join(x for x in (subject, year, _held(document)) if x))


def document_file(row: DocumentRow, to: Official) -> Response:
    """Every table a stored document holds, in one file named as ``jixiao render`` names it."""
    document = repo.stored_document(row)
    _held(document)
    return _official(document, to, f"{PurePosixPath(row.name).stem}_公开表")


def _held(document: Document) -> str:
    """What the document holds, in the render module's own words; ``NotFound`` if nothing prints."""
    held = contents(document)
    if not held:
        raise repo.NotFound("没有可生成的公开表格（未读到自评表、绩效目标表或部门决算公开表）")
    return "、".join(kind for kind, _ in held)


def _official(document: Document, to: Official, stem: str) -> Response:
    return attachment(rendered(document, to, None), safe_name(stem + SUFFIX[to]), MEDIA[to])
