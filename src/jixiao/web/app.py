"""The web application: the REST API (/api), the Chinese pages, local static assets.

``create_app`` builds it over one database; the schema is upgraded on start. No domain
logic here or in the routes: they call the repository, which calls the pipeline (fava).
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from jixiao.limits import MB, Limits, current
from jixiao.store.db import make_engine, session_factory, upgrade
from jixiao.store.repository import StoreError
from jixiao.web import api, pages
from jixiao.web.guard import BodyLimit, LoginThrottle
from jixiao.workers import shared_pool

HERE = Path(__file__).parent
STATUS = {"invalid": 400, "not_a_document": 400, "unauthenticated": 401, "forbidden": 403,
          "not_found": 404, "stale_version": 409, "conflict": 409, "too_large": 413, "throttled": 429}
HTTP_MESSAGES = {400: "请求有误", 401: "请先登录", 403: "无权操作", 404: "页面或资源不存在",
                 405: "不支持该请求方法", 413: "文件过大", 422: "请求参数不正确", 429: "请求过于频繁，请稍后再试"}
log = logging.getLogger(__name__)


def create_app(database_url: str | None = None, *, engine: Engine | None = None, secret: str | None = None,
               max_upload: int | None = None, secure_cookie: bool = False,
               limits: Limits | None = None) -> FastAPI:
    engine = engine or make_engine(database_url)
    upgrade(engine)
    app = FastAPI(title="绩效（Jixiao）API", version="1",
                  description="预算绩效目标、绩效自评与部门决算的读取、评分与审核。读取公开；修改需登录或 API 令牌"
                              "（Authorization: Bearer 令牌）。错误统一为 {\"error\": {\"code\", \"message\"}}。",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)  # no CDN: offline
    secret = secret or os.environ.get("JIXIAO_SECRET_KEY")
    if not secret:
        log.warning("JIXIAO_SECRET_KEY 未设置：使用随机密钥，重启后需重新登录")
        secret = secrets.token_urlsafe(32)
    app.state.factory = session_factory(engine)
    app.state.signer = URLSafeTimedSerializer(secret, salt="jixiao-session")
    limits = limits or current()
    if max_upload:
        limits = replace(limits, upload_mb=max_upload / MB)
    app.state.limits = limits
    app.state.max_upload = limits.upload_bytes
    app.state.parser = shared_pool(limits)      # reading happens there, never on the event loop
    app.router.on_shutdown.append(app.state.parser.close)   # started again by the next upload
    app.state.throttle = LoginThrottle(limits)
    app.state.secure_cookie = secure_cookie or os.environ.get("JIXIAO_SECURE_COOKIE") == "1"  # behind HTTPS

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                "frame-ancestors 'none'; form-action 'self'")
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, STATUS.get(exc.code, 400), exc.code, exc.message, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        where = "；".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:5])
        return error_response(request, 422, "invalid", f"请求参数不正确：{where}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = HTTP_MESSAGES.get(exc.status_code, "请求失败")
        return error_response(request, exc.status_code, f"http_{exc.status_code}", message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("未处理的错误：%s %s", request.method, request.url.path)
        return error_response(request, 500, "internal", "服务器内部错误，已记录，请稍后重试")

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, limits=limits)     # outermost: before any body is read or spooled
    return app


def error_response(request: Request, status: int, code: str, message: str,
                   detail: dict[str, Any] | None = None) -> Response:
    """The API's one error shape; a page for the browser."""
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        body: dict[str, Any] = {"error": {"code": code, "message": message}}
        if detail:
            body["error"]["detail"] = detail
        return JSONResponse(body, status_code=status)
    if status == 401:
        return pages.redirect(request, "/login")
    return pages.render(request, "error.html", {"message": message, "status": status}, status=status)
