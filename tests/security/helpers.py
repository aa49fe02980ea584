"""Signing in as a browser does: the login form's CSRF token, then the session cookie."""

from __future__ import annotations

import re
from typing import Any

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def form_csrf(client: Any, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, path
    return match.group(1)


def login(client: Any, name: str, password: str) -> Any:
    return client.post("/login", data={"name": name, "password": password, "csrf": form_csrf(client)},
                       follow_redirects=False)
