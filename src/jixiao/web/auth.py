"""Who is asking: a bearer token (scripts) or a signed session cookie (browsers), and CSRF.

The cookie holds only ``{"uid", "sv", "csrf"}``, signed with itsdangerous; it is HttpOnly and
SameSite=Lax. ``sv`` is the user's session version in the database: logout, a new password
or disabling the user bump it, so an old cookie stops working (a real, server-side end).
Every unsafe request that relies on the cookie must echo the CSRF token (form field ``csrf``
or header ``X-CSRF-Token``), the login form included; bearer requests carry no ambient
credential and need none. Permissions themselves are decided by the repository.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterator
from typing import Any

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from jixiao.store.db import transaction
from jixiao.store.repository import Forbidden, Unauthenticated
from jixiao.store.schema import User
from jixiao.store.users import user_for_token

COOKIE = "jixiao_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def db(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with transaction(request.app.state.factory) as session:
        yield session


def read_session(request: Request) -> dict[str, Any]:
    raw = request.cookies.get(COOKIE)
    if raw:
        try:
            data = request.app.state.signer.loads(raw, max_age=max_age(request))
            if isinstance(data, dict) and isinstance(data.get("csrf"), str):
                return data
        except BadSignature:
            pass
    return {}


def max_age(request: Request) -> int:
    return int(request.app.state.limits.session_days * 24 * 3600)


def write_session(request: Request, response: Response, user: User | None) -> str:
    """A fresh session (new CSRF token) for ``user``; ``None`` is an anonymous visitor."""
    csrf = secrets.token_urlsafe(24)
    data = {"uid": user.id, "sv": user.session_version, "csrf": csrf} if user else {"uid": None, "csrf": csrf}
    signer: URLSafeTimedSerializer = request.app.state.signer
    response.set_cookie(COOKIE, signer.dumps(data), max_age=max_age(request), httponly=True, samesite="lax",
                        secure=request.app.state.secure_cookie, path="/")
    request.state.session = data
    return csrf


def check_csrf(request: Request, sent: str | None) -> None:
    """The form's token must be the one in this browser's session cookie."""
    expected = read_session(request).get("csrf")
    if not sent or not isinstance(expected, str) or not hmac.compare_digest(sent, expected):
        raise Forbidden("表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")


def csrf_token(request: Request) -> str | None:
    data = getattr(request.state, "session", None) or read_session(request)
    csrf = data.get("csrf")
    return csrf if isinstance(csrf, str) else None


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def current_user(request: Request, session: Session = Depends(db, scope="function")) -> User | None:
    """The user behind the request (``None``: the public); checks CSRF on unsafe cookie requests."""
    token = _bearer(request)
    if token is not None:
        user = user_for_token(session, token)
        if user is None:
            raise Unauthenticated("API 令牌无效")
        return user
    data = read_session(request)
    uid = data.get("uid")
    if not isinstance(uid, int):
        return None    # an anonymous session carries no authority, so nothing to forge
    user = session.get(User, uid) if 0 < uid < 2**31 else None
    if user is None or user.disabled or data.get("sv") != user.session_version:
        return None    # logged out, password changed or disabled since: the cookie is dead
    if request.method not in SAFE_METHODS:
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get("csrf")
            sent = value if isinstance(value, str) else None
        check_csrf(request, sent)
    return user
