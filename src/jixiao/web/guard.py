"""Guards in front of the app: the body size limit (chunked too) and login throttling.

``BodyLimit`` is plain ASGI and outermost, so it counts the bytes as they arrive, before
anything is parsed, spooled or authenticated; an upload with no credential at all is refused
before its body is read. ``LoginThrottle`` counts failed logins per account and per address
in a sliding window (``Limits.login_*``) and bounds the password hashes running at once.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jixiao.limits import Limits, current

T = TypeVar("T")
UPLOAD_PATHS = frozenset({"/api/documents", "/upload"})


class _TooLarge(HTTPException):
    """Raised from ``receive``: an HTTP error, so that whatever was parsing passes it on (413)."""

    def __init__(self) -> None:
        super().__init__(413)


class BodyLimit:
    """Refuse a request body over ``Limits.request_bytes``, declared or chunked (413)."""

    def __init__(self, app: ASGIApp, limits: Limits | None = None) -> None:
        self.app = app
        self.limit = (limits or current()).request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, receive, send, 413)
            return
        if (scope.get("method") == "POST" and scope.get("path") in UPLOAD_PATHS
                and "authorization" not in headers and "jixiao_session=" not in headers.get("cookie", "")):
            await self._refuse(scope, receive, send, 401)     # no credential: never read the body
            return
        received = 0
        refused = False
        started = False

        async def counted() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    refused = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refused:           # whatever the app answers to a cut-off body, the answer is 413
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await self._refuse(scope, receive, send, 413)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int) -> None:
        from jixiao.web.app import error_response

        request = Request(scope, receive)
        if status == 401:
            response = error_response(request, 401, "unauthenticated", "请先登录，再上传文件")
        else:
            mb = self.limit / 1048576
            response = error_response(request, 413, "too_large", f"请求过大：一次上传合计不能超过 {mb:g} MB")
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


class LoginThrottle:
    """Failed logins per account and per address in a sliding window; a bound on hashing.

    Attempts in flight count as failures until they end, so that many parallel guesses
    cannot all pass the check before the first one fails. Password checks run on a pool of
    ``Limits.login_hashing`` threads of their own: queued attempts hold no server thread and
    no memory beyond their request.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or current()
        self._failures: dict[str, deque[float]] = {}
        self._inflight: dict[str, int] = {}
        self._lock = threading.Lock()
        self._hashing = ThreadPoolExecutor(max_workers=self.limits.login_hashing,
                                           thread_name_prefix="jixiao-login")

    def begin(self, account: str, address: str) -> int:
        """Register an attempt: 0, or the seconds to wait (the attempt is then refused)."""
        wait = self.wait(account, address)
        if not wait:
            with self._lock:
                for key in _keys(account, address):
                    self._inflight[key] = self._inflight.get(key, 0) + 1
        return wait

    def end(self, account: str, address: str) -> None:
        with self._lock:
            for key in _keys(account, address):
                left = self._inflight.get(key, 1) - 1
                if left > 0:
                    self._inflight[key] = left
                else:
                    self._inflight.pop(key, None)

    async def check(self, verify: Callable[[], T]) -> T:
        """Run a password check on the hashing threads, off the event loop and the server's threads."""
        return await asyncio.wrap_future(self._hashing.submit(verify))

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key) or deque()
        while times and now - times[0] > self.limits.login_window_seconds:
            times.popleft()
        return times

    def wait(self, account: str, address: str) -> int:
        """Seconds until another attempt for ``account`` from ``address`` is allowed (0: now)."""
        now = time.monotonic()
        lim = self.limits
        with self._lock:
            waits = []
            for key, most in zip(_keys(account, address), (lim.login_failures_account,
                                                           lim.login_failures_address), strict=True):
                times = self._recent(key, now)
                if len(times) >= most:
                    waits.append(lim.login_window_seconds - (now - times[-most]))
                elif len(times) + self._inflight.get(key, 0) >= most:
                    waits.append(5.0)          # as many attempts in flight: try again shortly
            return int(max(waits)) + 1 if waits else 0

    def failed(self, account: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 100_000:     # bounded memory under a spray of names
                self._failures.clear()
            for key in _keys(account, address):
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(_keys(account, "")[0], None)


def _keys(account: str, address: str) -> tuple[str, str]:
    return f"a:{account.strip().lower()}", f"ip:{address}"


def client_address(request: Any) -> str:
    return request.client.host if request.client else "unknown"
