"""The REST API under /api: thin routes over ``jixiao.store.repository``.

Errors have one shape, ``{"error": {"code", "message"}}``, with Chinese messages.
Reading is public; writing needs a user (bearer token or session cookie with CSRF). Who
imported or reviewed, and reviewers' comments, are shown to logged-in users only; a visitor's
CSV export is limited to ``Limits.export_rows_public`` rows a request (page with ``offset``).
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from jixiao.model.findings import Severity
from jixiao.store import repository as repo
from jixiao.store import search as finder
from jixiao.store.evidence import check_title, finding_source
from jixiao.store.schema import STATUS_LABELS, DocumentRow, FindingRow, IndicatorRow, Project, User
from jixiao.store.users import ROLE_LABELS
from jixiao.web.auth import current_user, db
from jixiao.web.downloads import Official, attachment, document_file, project_file
from jixiao.web.uploads import chosen_ruleset, import_upload, read_upload, safe_name

router = APIRouter(prefix="/api")
Db = Depends(db, scope="function")
Actor = Depends(current_user)
Limit = Query(50, ge=1, le=repo.MAX_PAGE, description="每页条数")
Offset = Query(0, ge=0, le=10**9, description="跳过条数")
Year = Query(None, ge=1900, le=2200, description="年度")


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in ((400, "请求有误"), (401, "未登录"), (403, "无权操作"), (404, "不存在"),
                         (409, "版本冲突"), (413, "文件过大"), (429, "请求过于频繁"))
}
BAD_INPUT: dict[int | str, dict[str, Any]] = {400: ERRORS[400]}   # e.g. a filter holding NUL, which no database column can hold


class IndicatorEdit(BaseModel):
    """修改一行的年度指标值、实际完成值、分值、得分或偏差原因；``version`` 为修改前看到的项目版本
    （仅当该行此后被他人修改时拒绝，409，并说明谁改成了什么）。"""

    model_config = ConfigDict(extra="forbid")
    version: int = Field(..., ge=1, le=2**31 - 1, description="项目版本（乐观锁，按行检查）")
    target: str | None = Field(None, max_length=2000, description="年度指标值（资金行为全年预算数）")
    actual: str | None = Field(None, max_length=2000, description="实际完成值（资金行为全年执行数）")
    reason: str | None = Field(None, max_length=2000, description="偏差原因分析及改进措施（仅指标行）")
    weight: str | None = Field(None, max_length=40, description="分值")
    score: str | None = Field(None, max_length=40, description="得分")


class FindingMark(BaseModel):
    """审核人员对审核发现的处理：accepted 确认、resolved 已处理、open 重新打开。"""

    model_config = ConfigDict(extra="forbid")
    status: Literal["open", "accepted", "resolved"]
    comment: str | None = Field(None, max_length=4000, description="审核意见")
    seen: str | None = Field(None, max_length=64, description="看到的审核发现摘要（详情中的 digest）；"
                                                              "此后值已变化则拒绝（409）")


# --- shapes ---------------------------------------------------------------------------------


def document_json(d: DocumentRow, private: bool = False) -> dict[str, Any]:
    """``private``: who imported it (logged-in users only)."""
    return {"id": d.id, "name": d.name, "sha256": d.sha256, "size": d.size,
            "kinds": [k for k in d.kinds.split(",") if k], "department": d.department, "unit": d.unit,
            "year": d.year, "tables": d.table_count, "errors": d.error_count, "warnings": d.warning_count,
            "imported_at": d.imported_at.isoformat(), "imported_by": d.imported_by if private else None,
            "ruleset": d.ruleset,
            "links": {"original": f"/api/documents/{d.id}/original",
                      "interchange": f"/api/documents/{d.id}/interchange"}}


def project_json(p: Project) -> dict[str, Any]:
    return {"id": p.id, "document_id": p.document_id, "kind": p.kind, "seq": p.seq, "name": p.name,
            "department": p.department, "unit": p.unit, "year": p.year,
            "printed_score": p.printed_score, "recomputed_score": p.recomputed_score,
            "execution_rate": p.execution_rate, "grade": p.grade, "errors": p.error_count,
            "warnings": p.warning_count, "version": p.version}


def indicator_json(i: IndicatorRow) -> dict[str, Any]:
    return {"id": i.id, "project_id": i.project_id, "row": i.row, "position": i.position,
            "level1": i.level1, "level2": i.level2, "name": i.name, "initial": i.initial, "target": i.target,
            "actual": i.actual, "weight": i.weight, "rate": i.rate, "reason": i.reason,
            "printed_score": i.score, "recomputed_score": i.recomputed_score, "formula": i.formula,
            "edited": i.edited, "line": i.line, "printed": i.printed}


def finding_json(f: FindingRow, private: bool = False) -> dict[str, Any]:
    """``private``: the review's comment and reviewer (logged-in users only)."""
    return {"id": f.id, "document_id": f.document_id, "project_id": f.project_id,
            "indicator_id": f.indicator_id, "code": f.code, "title": check_title(f.code), "severity": f.severity,
            "message": f.message, "document_kind": f.document_kind, "project": f.project,
            "indicator": f.indicator, "table": f.table, "line": f.line, "page": f.page,
            "expected": f.expected, "actual": f.actual, "formula": f.formula, "excerpt": f.excerpt,
            "department": f.department, "year": f.year, "status": f.status,
            "comment": f.comment if private else None, "reviewed_by": f.reviewed_by if private else None,
            "reviewed_at": f.reviewed_at.isoformat() if f.reviewed_at else None,
            "judged": f.judged if private else None, "digest": repo.finding_digest(f)}


def page_json(page: repo.Page, shape: Any) -> dict[str, Any]:
    return {"items": [shape(x) for x in page.items], "total": page.total, "limit": page.limit,
            "offset": page.offset}


def scorecard_json(session: Session, p: Project, private: bool = False) -> dict[str, Any]:
    """A table as published beside what the scorer recomputes, row by row, with its findings."""
    return project_json(p) | {
        "indicators": [indicator_json(i) for i in p.indicators],
        "findings": [finding_json(f, private) for f in repo.findings_of_project(session, p.id)],
        "interchange": p.interchange}


# --- routes ---------------------------------------------------------------------------------


@router.get("/me", summary="当前用户", responses=ERRORS)
def me(user: User | None = Actor) -> dict[str, Any]:
    user = repo.require_user(user)
    return {"name": user.name, "role": user.role, "role_label": ROLE_LABELS[user.role], "unit": user.unit}


@router.get("/documents", summary="文档列表", responses=BAD_INPUT)
def documents(session: Session = Db, kind: str | None = Query(None, max_length=50),
              department: str | None = Query(None, max_length=200),
              unit: str | None = Query(None, max_length=200), year: int | None = Year,
              q: str | None = Query(None, max_length=200, description="文件名包含"),
              limit: int = Limit, offset: int = Offset, user: User | None = Actor) -> dict[str, Any]:
    return page_json(repo.list_documents(session, kind=kind, department=department, unit=unit, year=year,
                                         q=q, limit=limit, offset=offset),
                     lambda d: document_json(d, user is not None))


@router.post("/documents", summary="上传文档（读取、评分、审核后保存）", status_code=201, responses=ERRORS)
async def upload(request: Request, file: UploadFile = File(..., description="文档文件"),
                 ruleset: str = Form("", max_length=100, description="评分规则集名称（空：按地区和年度选择）"),
                 session: Session = Db, user: User | None = Actor) -> JSONResponse:
    """Read in a worker process, stored in a transaction of its own."""
    user = repo.require_user(user)
    if not repo.can_upload(user):
        raise repo.Forbidden("只有管理员和填报人员可以上传文档")
    chosen = chosen_ruleset(ruleset)
    data = await read_upload(file, request.app.state.max_upload)
    report = await import_upload(request.app, safe_name(file.filename), data, user, chosen)
    if report.error is not None or report.document_id is None:
        error = {"forbidden": repo.Forbidden, "invalid": repo.Invalid}.get(report.code or "", repo.NotADocument)
        raise error(report.error or repo.NOT_A_DOCUMENT)
    body = {"created": report.created,
            "document": document_json(repo.get_document(session, report.document_id), True)}
    return JSONResponse(body, status_code=201 if report.created else 200)


@router.get("/documents/{document_id}", summary="文档详情", responses=ERRORS)
def document(document_id: int, session: Session = Db, user: User | None = Actor) -> dict[str, Any]:
    row = repo.get_document(session, document_id)
    return document_json(row, user is not None) | {"projects": [project_json(p) for p in row.projects]}


@router.delete("/documents/{document_id}", summary="删除文档及其审核发现与审核意见（管理员）", status_code=204,
               responses=ERRORS, response_class=Response)
def delete_document(document_id: int, session: Session = Db, user: User | None = Actor) -> Response:
    repo.delete_document(session, document_id, user)
    return Response(status_code=204)


@router.get("/documents/{document_id}/original", summary="下载原始文件", responses=ERRORS,
            response_class=Response)
def original(document_id: int, session: Session = Db) -> Response:
    row = repo.get_document(session, document_id)
    return attachment(row.original, row.name, "application/octet-stream")


@router.get("/documents/{document_id}/interchange", summary="下载交换格式 JSON", responses=ERRORS)
def interchange(document_id: int, session: Session = Db) -> dict[str, Any]:
    return repo.get_document(session, document_id).interchange


@router.get("/documents/{document_id}/official.{to}", summary="下载公开表格（文档中的全部表格，XLSX 或 DOCX）",
            responses=ERRORS, response_class=Response)
def document_official(document_id: int, to: Official, session: Session = Db) -> Response:
    """What ``jixiao render`` writes for the file, from the tables as stored (edits included)."""
    return document_file(repo.get_document(session, document_id), to)


@router.get("/projects", summary="项目（表格）列表", responses=BAD_INPUT)
def projects(session: Session = Db, document_id: int | None = Query(None, ge=1, le=2**31 - 1),
             kind: str | None = Query(None, max_length=50), department: str | None = Query(None, max_length=200),
             year: int | None = Year, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return page_json(repo.list_projects(session, document_id=document_id, kind=kind, department=department,
                                        year=year, limit=limit, offset=offset), project_json)


@router.get("/projects/{project_id}", summary="项目评分表：印刷得分与重算得分、公式、审核发现", responses=ERRORS)
def project(project_id: int, session: Session = Db, user: User | None = Actor) -> dict[str, Any]:
    return scorecard_json(session, repo.get_project(session, project_id), user is not None)


@router.get("/projects/{project_id}/official.{to}", summary="下载一张表格的公开格式（XLSX 或 DOCX）",
            responses=ERRORS, response_class=Response)
def project_official(project_id: int, to: Official, session: Session = Db) -> Response:
    """The table as the official template prints it, edits included."""
    return project_file(repo.get_project(session, project_id), to)


@router.get("/indicators", summary="指标列表")
def indicators(session: Session = Db, project_id: int | None = Query(None, ge=1, le=2**31 - 1),
               document_id: int | None = Query(None, ge=1, le=2**31 - 1),
               limit: int = Query(100, ge=1, le=repo.MAX_PAGE), offset: int = Offset) -> dict[str, Any]:
    return page_json(repo.list_indicators(session, project_id=project_id, document_id=document_id,
                                          limit=limit, offset=offset), indicator_json)


@router.get("/indicators/{indicator_id}", summary="指标详情", responses=ERRORS)
def indicator(indicator_id: int, session: Session = Db) -> dict[str, Any]:
    return indicator_json(repo.get_indicator(session, indicator_id))


@router.patch("/indicators/{indicator_id}", summary="修改指标或资金行并重新评分、审核", responses=ERRORS)
def edit_indicator(indicator_id: int, body: IndicatorEdit, session: Session = Db,
                   user: User | None = Actor) -> dict[str, Any]:
    changes = body.model_dump(exclude={"version"}, exclude_unset=True)
    project = repo.edit_value(session, indicator_id, changes, body.version, user)
    return scorecard_json(session, project, True)


@router.get("/findings", summary="审核发现（可筛选、分页）", responses=BAD_INPUT)
def findings(session: Session = Db,
             severity: Literal["error", "warning", "info"] | None = Query(None, description="严重程度"),
             code: str | None = Query(None, max_length=20, description="代码"),
             department: str | None = Query(None, max_length=200, description="部门"),
             year: int | None = Year,
             status: Literal["open", "accepted", "resolved"] | None = Query(None, description="处理状态"),
             document_id: int | None = Query(None, ge=1, le=2**31 - 1),
             project_id: int | None = Query(None, ge=1, le=2**31 - 1),
             limit: int = Limit, offset: int = Offset, user: User | None = Actor) -> dict[str, Any]:
    return page_json(repo.list_findings(session, severity=severity, code=code, department=department,
                                        year=year, status=status, document_id=document_id,
                                        project_id=project_id, limit=limit, offset=offset),
                     lambda f: finding_json(f, user is not None))


@router.get("/findings/{finding_id}", summary="审核发现详情：代码标题、公式、处理状态与原文行", responses=ERRORS)
def finding(finding_id: int, session: Session = Db, user: User | None = Actor) -> dict[str, Any]:
    source = finding_source(session, finding_id)
    return finding_json(repo.get_finding(session, finding_id), user is not None) | {"source": {
        "format": source.format, "paged": source.paged, "message": source.message,
        "page_picture": f"/findings/{finding_id}/page.png" if source.paged else None,
        "lines": [{"number": x.number, "cells": list(x.cells), "here": x.here} for x in source.lines]}}


@router.patch("/findings/{finding_id}", summary="处理审核发现（确认 / 已处理，附意见）", responses=ERRORS)
def mark(finding_id: int, body: FindingMark, session: Session = Db,
         user: User | None = Actor) -> dict[str, Any]:
    return finding_json(repo.mark_finding(session, finding_id, body.status, body.comment, user, body.seen), True)


@router.get("/audit", summary="修改记录（谁、何时、改了什么）：管理员与审核人员", responses=ERRORS)
def audit(session: Session = Db, user: User | None = Actor,
          entity: Literal["document", "indicator", "finding", "user"] | None = None,
          entity_id: int | None = Query(None, ge=1, le=2**31 - 1),
          limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    if not repo.can_review(repo.require_user(user)):
        raise repo.Forbidden("只有审核人员或管理员可以查看修改记录")
    return page_json(repo.audit_log(session, entity, entity_id, limit, offset), lambda e: {
        "id": e.id, "at": e.at.isoformat(), "who": e.who, "action": e.action, "entity": e.entity,
        "entity_id": e.entity_id, "before": e.before, "after": e.after})


@router.get("/search", summary="搜索：名称包含查询词的部门、单位、项目和指标（三字以上用三元组索引）",
            responses=BAD_INPUT)
def search(session: Session = Db, q: str = Query(..., min_length=1, max_length=100, description="名称的任意部分"),
           kind: Literal["department", "unit", "project", "indicator"] | None = Query(None, description="范围"),
           limit: int = Query(100, ge=1, le=repo.MAX_PAGE)) -> dict[str, Any]:
    hits = finder.search(session, q, kind, limit)
    return {"items": [{"kind": h.kind, "label": h.label, "document_id": h.document_id, "project_id": h.project_id,
                       "indicator_id": h.indicator_id, "tables": h.count} for h in hits], "total": len(hits)}


@router.get("/organisations", summary="部门或单位：各种印法合并为一个名称，其余印法列为别名")
def organisations(session: Session = Db,
                  kind: Literal["department", "unit"] = Query("department")) -> dict[str, Any]:
    return {"items": [{"name": o.name, "aliases": list(o.aliases), "key": o.key}
                      for o in finder.organisations(session, kind)]}


@router.get("/dashboard", summary="统计：执行率与得分、等级分布、常见问题、按部门和年度", responses=BAD_INPUT)
def dashboard(session: Session = Db, department: str | None = Query(None, max_length=200),
              year: int | None = Year) -> dict[str, Any]:
    return repo.dashboard(session, department, year)


def export_limit(request: Request, user: User | None) -> int | None:
    """Rows of one export: all for a logged-in user, ``Limits.export_rows_public`` for a visitor."""
    return None if user is not None else int(request.app.state.limits.export_rows_public)


ExportOffset = Query(0, ge=0, le=10**9, description="跳过条数（未登录时每次最多导出的行数有限，用它翻页）")


@router.get("/export/indicators.csv", summary="下载指标 CSV", response_class=Response)
def indicators_csv(request: Request, session: Session = Db,
                   document_id: int | None = Query(None, ge=1, le=2**31 - 1),
                   offset: int = ExportOffset, user: User | None = Actor) -> Response:
    rows = repo.list_indicators(session, document_id=document_id, limit=export_limit(request, user),
                                offset=offset).items
    header = ["指标ID", "项目ID", "类别", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值",
              "分值", "得分（印刷）", "得分（重算）", "计算公式", "已修改"]
    return csv_response("indicators.csv", header, (
        [i.id, i.project_id, "资金" if i.row == "fund" else "指标", i.level1, i.level2, i.name, i.target,
         i.actual, i.weight, i.score, i.recomputed_score, i.formula, "是" if i.edited else ""] for i in rows))


@router.get("/export/findings.csv", summary="下载审核发现 CSV", responses=BAD_INPUT, response_class=Response)
def findings_csv(request: Request, session: Session = Db,
                 severity: Literal["error", "warning", "info"] | None = None,
                 code: str | None = Query(None, max_length=20), department: str | None = Query(None, max_length=200),
                 year: int | None = Year, document_id: int | None = Query(None, ge=1, le=2**31 - 1),
                 offset: int = ExportOffset, user: User | None = Actor) -> Response:
    rows = repo.list_findings(session, severity=severity, code=code, department=department, year=year,
                              document_id=document_id, limit=export_limit(request, user), offset=offset).items
    return csv_response("审核发现.csv", *_finding_table(session, rows, private=user is not None))


@router.get("/export/findings.xlsx", summary="下载审核发现 Excel", responses=BAD_INPUT, response_class=Response)
def findings_xlsx(request: Request, session: Session = Db,
                  severity: Literal["error", "warning", "info"] | None = None,
                  code: str | None = Query(None, max_length=20), department: str | None = Query(None, max_length=200),
                  year: int | None = Year, document_id: int | None = Query(None, ge=1, le=2**31 - 1),
                  offset: int = ExportOffset, user: User | None = Actor) -> Response:
    from jixiao.render.grid import Printed, to_xlsx

    rows = repo.list_findings(session, severity=severity, code=code, department=department, year=year,
                              document_id=document_id, limit=export_limit(request, user), offset=offset).items
    header, body = _finding_table(session, rows, private=user is not None)
    table = (tuple(header),) + tuple(tuple("" if v is None else _cell(v) for v in row) for row in body)
    data = to_xlsx([Printed(name="审核发现", above=("审核发现",), rows=table, header_rows=1)])
    return attachment(data, "审核发现.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _finding_table(session: Session, rows: list[FindingRow], private: bool) -> tuple[list[str], list[list[Any]]]:
    """The findings as the exports print them, in Chinese: the file each was found in, the
    check's title, 错误/警告/提示 and 待处理/已确认/已处理; reviewers' comments to signed-in users only."""
    names = repo.document_names(session, {f.document_id for f in rows})
    header = ["文件", "发现ID", "代码", "检查项", "严重程度", "说明", "项目", "指标", "表", "行", "应为", "实为",
              "公式", "部门", "年度", "状态", "审核意见"]
    body = [[names.get(f.document_id, ""), f.id, f.code, check_title(f.code), Severity(f.severity).label,
             f.message, f.project, f.indicator, f.table, f.line, f.expected, f.actual, f.formula, f.department,
             f.year, STATUS_LABELS.get(f.status, f.status), f.comment if private else None] for f in rows]
    return header, body


def csv_response(name: str, header: list[str], rows: Any) -> Response:
    """UTF-8 with BOM, so that spreadsheet programs read the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return attachment(("\ufeff" + out.getvalue()).encode(), name, "text/csv; charset=utf-8")


def _cell(value: Any) -> str:
    """A text cell that a spreadsheet would run as a formula is quoted (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
