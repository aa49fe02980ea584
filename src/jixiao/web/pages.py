"""The Chinese pages: thin routes over the repository, rendered by autoescaped Jinja2 templates."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jixiao.render.accounts_page import accounts_page
from jixiao.store import evidence, search
from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.store.schema import STATUS_LABELS, User
from jixiao.store.users import ROLE_LABELS, authenticate, end_sessions
from jixiao.web import charts
from jixiao.web.auth import check_csrf, csrf_token, current_user, db, write_session
from jixiao.web.downloads import Official, document_file, project_file
from jixiao.web.guard import client_address
from jixiao.web.uploads import (
    accept_attribute,
    accepted_types,
    chosen_ruleset,
    import_upload,
    read_upload,
    ruleset_choices,
    safe_name,
)

router = APIRouter(include_in_schema=False)
Db = Depends(db, scope="function")
env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True))

KIND_LABELS = {
    "project_self_evaluation": "项目支出绩效自评表", "department_self_evaluation": "部门整体支出绩效自评表",
    "performance_target": "项目支出绩效目标表", "final_accounts": "部门决算",
    "project_self_evaluations": "项目自评", "department_self_evaluations": "部门整体自评",
    "performance_targets": "绩效目标", "document": "文档",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
TABLE_LABELS = {
    "income_expense_summary": "收入支出决算总表", "income": "收入决算表", "expense": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表", "general_budget_expense": "一般公共预算财政拨款支出决算表",
    "basic_expense": "一般公共预算财政拨款基本支出决算表", "three_public": "财政拨款“三公”经费支出决算表",
    "government_fund": "政府性基金预算财政拨款收入支出决算表", "state_capital": "国有资本经营预算财政拨款支出决算表",
}
THREE_PUBLIC_LABELS = {"total": "合计", "abroad": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
                       "vehicle_purchase": "其中：公务用车购置费", "vehicle_operation": "公务用车运行费",
                       "reception": "公务接待费"}
NOTICES = {"edited": "已保存修改，并已重新评分和审核。", "marked": "已保存审核意见。",
           "login": "已登录。", "logout": "已退出登录。", "deleted": "已删除文档及其审核发现和审核意见。"}
_signed_in: ContextVar[bool] = ContextVar("signed_in", default=False)
env.globals.update(signed_in=_signed_in.get)   # reviewers' names and comments: logged-in users only
env.globals.update(code_title=evidence.check_title, finding_digest=repo.finding_digest)   # a code never shown without its title
env.globals.update(kind_labels=KIND_LABELS, severity_labels=SEVERITY_LABELS, status_labels=STATUS_LABELS,
                   table_labels=TABLE_LABELS, role_labels=ROLE_LABELS, three_public_labels=THREE_PUBLIC_LABELS)


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page; a visitor without a session gets one (it carries the CSRF token of every form)."""
    response = HTMLResponse(status_code=status)
    csrf = csrf_token(request)
    if not csrf:
        csrf = write_session(request, response, None)
    user = getattr(request.state, "user", None)
    _signed_in.set(user is not None)
    notice = NOTICES.get(request.query_params.get("ok", ""))
    response.body = response.render(env.get_template(template).render(
        request=request, user=user, csrf=csrf, notice=notice, **context))
    response.headers["content-length"] = str(len(response.body))
    return response


def redirect(request: Request, url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def viewer(request: Request, user: User | None = Depends(current_user)) -> User | None:
    # A plain copy for the templates: an error page renders after the session rolled back.
    request.state.user = SimpleNamespace(name=user.name, role=user.role, unit=user.unit) if user else None
    return user


Viewer = Depends(viewer)


def local(url: str | None, default: str = "/") -> str:
    """Only a path on this site may be a redirect target."""
    return url if url and url.startswith("/") and not url.startswith("//") and "\\" not in url else default


@router.get("/", response_class=HTMLResponse)
def index(request: Request, session: Session = Db, user: User | None = Viewer,
          year: int | None = Query(None, ge=1900, le=2200), department: str | None = Query(None, max_length=200),
          offset: int = Query(0, ge=0, le=10**9)) -> Response:
    page = repo.list_documents(session, year=year, department=department or None, limit=50, offset=offset)
    return render(request, "documents.html", {"page": page, "year": year, "department": department or ""})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: User | None = Viewer, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": local(next), "error": None})


@router.post("/login")
async def login(request: Request, name: str = Form(..., max_length=100),
                password: str = Form(..., max_length=500), next: str = Form("/"),
                csrf: str = Form("", max_length=100), user: User | None = Viewer) -> Response:
    """Sign in: the form's CSRF token checked, failures throttled per account and per address,
    the password checked on the throttle's own threads (argon2 takes 64 MB a check)."""
    check_csrf(request, csrf)
    throttle = request.app.state.throttle
    address = client_address(request)
    wait = throttle.begin(name, address)
    if wait:
        raise repo.Throttled(f"登录失败次数过多，请 {(wait + 59) // 60} 分钟后再试", {"retry_after": wait})
    factory = request.app.state.factory

    def verify() -> User | None:
        with transaction(factory) as session:
            return authenticate(session, name, password)

    try:
        found = await throttle.check(verify)
        if found is None:
            throttle.failed(name, address)
    finally:
        throttle.end(name, address)
    if found is None:
        return render(request, "login.html", {"next": local(next), "error": "用户名或密码不正确"}, status=400)
    throttle.succeeded(name)
    response = redirect(request, local(next))
    write_session(request, response, found)
    return response


@router.post("/logout")
def logout(request: Request, session: Session = Db, user: User | None = Viewer) -> Response:
    """Sign out: this user's session version moves on, so a copy of the old cookie is dead too."""
    if user is not None:
        end_sessions(session, user)
    response = redirect(request, "/?ok=logout")
    write_session(request, response, None)
    return response


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, user: User | None = Viewer) -> Response:
    if user is None:
        return redirect(request, "/login?next=/upload")
    return render(request, "upload.html", upload_context(request, None))


def upload_context(request: Request, reports: list[repo.ImportReport] | None) -> dict[str, Any]:
    """The upload page: the kinds of file the pipeline reads and the size limits, up front."""
    types = accepted_types()
    return {"reports": reports, "limits": request.app.state.limits, "types": types,
            "accept": accept_attribute(types), "rulesets": ruleset_choices()}


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, files: list[UploadFile] = File(...), ruleset: str = Form("", max_length=100),
                 user: User | None = Viewer) -> Response:
    """Many files at once; each is read in a worker and stored in its own transaction, scored by
    the rule set chosen on the form (kept with the document for every later rescoring)."""
    user = repo.require_user(user)
    if not repo.can_upload(user):
        raise repo.Forbidden("只有管理员和填报人员可以上传文档")
    chosen = chosen_ruleset(ruleset)
    reports = []
    for file in files:
        name = safe_name(file.filename)
        try:
            data = await read_upload(file, request.app.state.max_upload)
        except repo.StoreError as exc:
            reports.append(repo.ImportReport(name=name, sha256="", error=exc.message, code=exc.code))
            continue
        reports.append(await import_upload(request.app, name, data, user, chosen))

    def recount() -> list[repo.ImportReport]:      # a later file may have linked to an earlier one
        with transaction(request.app.state.factory) as session:
            return repo.recounted(session, reports)

    reports = await run_in_threadpool(recount)
    status = 400 if reports and all(r.error for r in reports) else 200
    return render(request, "upload.html", upload_context(request, reports), status=status)


@router.post("/documents/{document_id}/delete")
def delete_document(request: Request, document_id: int, session: Session = Db,
                    user: User | None = Viewer) -> Response:
    repo.delete_document(session, document_id, user)
    return redirect(request, "/?ok=deleted")


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: int, session: Session = Db, user: User | None = Viewer) -> Response:
    row = repo.get_document(session, document_id)
    general = [f for f in repo.list_findings(session, document_id=document_id, limit=None).items
               if f.project_id is None]
    return render(request, "document.html", {"doc": row, "general": general, "can_review": repo.can_review(user),
                                             "rulesets": dict(ruleset_choices())})


@router.get("/documents/{document_id}/official.{to}")
def document_official(document_id: int, to: Official, session: Session = Db,
                      user: User | None = Viewer) -> Response:
    """Every table of the document as ``jixiao render`` writes it; as public as the page."""
    return document_file(repo.get_document(session, document_id), to)


@router.get("/projects/{project_id}/official.{to}")
def project_official(project_id: int, to: Official, session: Session = Db, user: User | None = Viewer) -> Response:
    """The table as the official template prints it, edits included; as public as the page."""
    return project_file(repo.get_project(session, project_id), to)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project(request: Request, project_id: int, session: Session = Db, user: User | None = Viewer) -> Response:
    return project_page(request, session, repo.get_project(session, project_id), user)


def project_page(request: Request, session: Session, p: Any, user: User | None, error: str | None = None,
                 submitted: dict[str, Any] | None = None, status: int = 200) -> Response:
    findings = repo.findings_of_project(session, p.id)
    by_row: dict[int | None, list[Any]] = {}
    for f in findings:
        by_row.setdefault(f.indicator_id, []).append(f)
    may_see_history = repo.can_review(user) or repo.can_edit(user, p)
    context = {"p": p, "doc": p.document, "findings": findings, "by_row": by_row,
               "history": repo.edit_history(session, p) if may_see_history else None, "label": repo.label,
               "can_edit": repo.can_edit(user, p), "can_review": repo.can_review(user), "error": error,
               "submitted": submitted or {}}
    if p.kind == "final_accounts":
        by_table: dict[str | None, list[Any]] = {}
        for f in findings:
            by_table.setdefault(table_key(f.table), []).append(f)
        view = accounts_page(p.interchange or {}, p.document.name)
        return render(request, "accounts.html", context | {"by_table": by_table, "view": view}, status=status)
    return render(request, "project.html", context, status=status)


def table_key(title: str | None) -> str | None:
    """Which public table a finding's ``table`` names: the key itself, or the longest table name
    its printed title holds (``公开04表 财政拨款收入支出决算总表`` → ``fiscal_summary``)."""
    if not title:
        return None
    if title in TABLE_LABELS:
        return title
    if "情况说明" in title:
        return "narrative"
    named = [(len(label), key) for key, label in TABLE_LABELS.items() if label in title]
    return max(named)[1] if named else None


@router.post("/indicators/{indicator_id}", response_class=HTMLResponse)
def edit(request: Request, indicator_id: int, version: int = Form(...),
         target: str | None = Form(None, max_length=2000), actual: str | None = Form(None, max_length=2000),
         weight: str | None = Form(None, max_length=40), score: str | None = Form(None, max_length=40),
         reason: str | None = Form(None, max_length=2000), session: Session = Db,
         user: User | None = Viewer) -> Response:
    sent = (("target", target), ("actual", actual), ("weight", weight), ("score", score), ("reason", reason))
    changes: dict[str, str | None] = {k: v for k, v in sent if v is not None}
    try:
        with session.begin_nested():
            p = repo.edit_value(session, indicator_id, changes, version, user)
    except (repo.StaleVersion, repo.Invalid) as exc:
        # Nothing is lost: the form comes back with what was typed and the current values.
        p = repo.get_indicator(session, indicator_id).project
        status = 409 if isinstance(exc, repo.StaleVersion) else 400
        return project_page(request, session, p, user, exc.message,
                            {"id": indicator_id} | changes, status=status)
    return redirect(request, f"/projects/{p.id}?ok=edited#row-{indicator_id}")


@router.get("/findings", response_class=HTMLResponse)
def findings(request: Request, session: Session = Db, user: User | None = Viewer,
             severity: str | None = Query(None, max_length=10), code: str | None = Query(None, max_length=20),
             department: str | None = Query(None, max_length=200), year: str | None = Query(None, max_length=4),
             status: str | None = Query(None, max_length=10), offset: int = Query(0, ge=0, le=10**9)) -> Response:
    filters: dict[str, Any] = {"severity": severity or None, "code": code or None,
                               "department": department or None, "status": status or None,
                               "year": int(year) if year and year.isdigit() else None}
    page = repo.list_findings(session, severity=filters["severity"], code=filters["code"],
                              department=filters["department"], year=filters["year"],
                              status=filters["status"], limit=50, offset=offset)
    query = urlencode({k: v for k, v in filters.items() if v is not None})
    return render(request, "findings.html", {"page": page, "filters": filters, "query": query,
                                             "facets": repo.facets(session),
                                             "can_review": repo.can_review(user)})


@router.get("/findings/{finding_id}", response_class=HTMLResponse)
def finding(request: Request, finding_id: int, session: Session = Db, user: User | None = Viewer) -> Response:
    """One finding: its check, arithmetic, review, and the printed lines it comes from (read
    again from the original; a sync route, so on the thread pool, never on the event loop)."""
    f = repo.get_finding(session, finding_id)
    return render(request, "finding.html", {
        "f": f, "doc": repo.get_document(session, f.document_id), "title": evidence.check_title(f.code),
        "description": evidence.check_description(f.code),
        "source": evidence.finding_source(session, finding_id), "can_review": repo.can_review(user)})


@router.get("/findings/{finding_id}/page.png")
def finding_page_picture(finding_id: int, session: Session = Db) -> Response:
    """The PDF, scan or image page of a finding with its cell outlined (thread pool, as above)."""
    return Response(evidence.finding_picture(session, finding_id), media_type="image/png",
                    headers={"Cache-Control": "private, max-age=300"})


@router.post("/findings/{finding_id}/mark")
def mark(request: Request, finding_id: int, status: str = Form(..., max_length=10),
         comment: str = Form("", max_length=4000), next: str = Form("/findings"),
         seen: str | None = Form(None, max_length=64), session: Session = Db,
         user: User | None = Viewer) -> Response:
    repo.mark_finding(session, finding_id, status, comment, user, seen)
    return redirect(request, with_notice(local(next, "/findings"), "marked"))


def with_notice(url: str, notice: str) -> str:
    """``url`` with ``ok=notice`` in its query, before any ``#anchor`` (the place to return to)."""
    path, hash_, anchor = url.partition("#")
    return path + ("&" if "?" in path else "?") + f"ok={notice}" + hash_ + anchor


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: Session = Db, user: User | None = Viewer,
                q: str = Query("", max_length=100), kind: str = Query("", max_length=20)) -> Response:
    hits = search.search(session, q, kind or None, limit=SEARCH_LIMIT)
    return render(request, "search.html", {"q": q, "kind": kind, "hits": hits, "kinds": search.KIND_LABELS,
                                           "limit": SEARCH_LIMIT})


SEARCH_LIMIT = 200


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, session: Session = Db, user: User | None = Viewer,
              department: str | None = Query(None, max_length=200),
              year: str | None = Query(None, max_length=4)) -> Response:
    y = int(year) if year and year.isdigit() else None
    data = repo.dashboard(session, department or None, y)
    totals = charts.totals(data["totals"])
    return render(request, "dashboard.html", {
        "over": [t for t in totals if t.over],
        "group_totals": charts.group_totals(totals),
        "data": data, "scatter": charts.scatter(data["scatter"], totals), "grades": charts.bars(
            [(g["grade"], g["count"]) for g in data["grades"]]),
        "codes": charts.bars([(c["code"], c["count"]) for c in data["codes"]]),
        "facets": repo.facets(session), "department": department or "", "year": y})
