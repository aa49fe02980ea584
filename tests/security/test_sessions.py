"""Logout replay, password change, disabled users, expiring and revoked tokens, brute force,
the login form's CSRF, the password policy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from jixiao.store.db import transaction
from jixiao.store.repository import Invalid
from jixiao.store.schema import ApiToken, now
from jixiao.store.users import add_user, check_password, set_disabled, set_password
from tests.security.conftest import TEST_LIMITS
from tests.security.helpers import form_csrf, login
from tests.web.web_fixtures import bearer


def test_logout_ends_the_session_even_for_a_copied_cookie(client: Any, users: dict[str, str]) -> None:
    assert login(client, "reviewer", "review-pass-1").status_code == 303
    stolen = client.cookies.get("jixiao_session")
    assert client.get("/api/me").json()["name"] == "reviewer"
    csrf = form_csrf(client, "/findings")
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    client.cookies.clear()
    client.cookies.set("jixiao_session", stolen)
    assert client.get("/api/me").status_code == 401           # the replayed cookie is dead
    r = client.patch("/api/findings/1", json={"status": "accepted"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 401


def test_password_change_and_disabling_end_sessions_and_tokens(client: Any, factory: Any,
                                                                 users: dict[str, str]) -> None:
    login(client, "editor", "edit-pass-1")
    assert client.get("/api/me").status_code == 200
    with transaction(factory) as s:
        set_password(s, "editor", "Another-long-passphrase-9")
    assert client.get("/api/me").status_code == 401
    assert login(client, "editor", "edit-pass-1").status_code == 400
    assert login(client, "editor", "Another-long-passphrase-9").status_code == 303
    assert client.get("/api/me").status_code == 200
    assert client.get("/api/me", headers=bearer(users["editor"])).status_code == 200
    with transaction(factory) as s:
        set_disabled(s, "editor", True)
    client.cookies.clear()
    assert client.get("/api/me", headers=bearer(users["editor"])).status_code == 401
    assert login(client, "editor", "Another-long-passphrase-9").status_code == 400


def test_tokens_expire_and_can_be_revoked(client: Any, factory: Any, users: dict[str, str]) -> None:
    assert client.get("/api/me", headers=bearer(users["admin"])).status_code == 200
    with transaction(factory) as s:
        s.execute(update(ApiToken).values(expires_at=now() - timedelta(seconds=1)))
    assert client.get("/api/me", headers=bearer(users["admin"])).status_code == 401


def test_token_cli_lists_and_revokes(engine: Any, client: Any, users: dict[str, str]) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name != "sqlite":
        pytest.skip("the CLI opens its own database URL; the schema of this test is set per connection")
    runner = CliRunner()
    listed = runner.invoke(app, ["token", "list", "reviewer", "--database", url])
    assert listed.exit_code == 0, listed.output
    assert "reviewer" in listed.output and "有效" in listed.output
    with engine.connect() as conn:
        token_id = conn.exec_driver_sql(
            "SELECT api_tokens.id FROM api_tokens JOIN users ON users.id = api_tokens.user_id "
            "WHERE users.name = 'reviewer'").scalar_one()
    revoked = runner.invoke(app, ["token", "revoke", str(token_id), "--database", url])
    assert revoked.exit_code == 0 and "已吊销" in revoked.output
    assert client.get("/api/me", headers=bearer(users["reviewer"])).status_code == 401
    assert client.get("/api/me", headers=bearer(users["admin"])).status_code == 200
    missing = runner.invoke(app, ["token", "revoke", "99999", "--database", url])
    assert missing.exit_code == 2 and "不存在" in missing.output


def test_brute_force_is_throttled_per_account_then_per_address(client: Any, users: dict[str, str]) -> None:
    for _ in range(TEST_LIMITS.login_failures_account):
        assert login(client, "admin", "wrong-guess").status_code == 400
    # Now even the right password waits: the guesser cannot tell.
    r = login(client, "admin", "admin-pass-1")
    assert r.status_code == 429 and "分钟后再试" in r.text
    # Other accounts from the same address, until the address's own limit.
    for n in range(TEST_LIMITS.login_failures_address - TEST_LIMITS.login_failures_account):
        assert login(client, f"nobody{n}", "wrong-guess").status_code == 400
    assert login(client, "reviewer", "review-pass-1").status_code == 429


def test_login_form_csrf_is_checked(client: Any, users: dict[str, str]) -> None:
    form_csrf(client)   # a session with a token exists ...
    r = client.post("/login", data={"name": "admin", "password": "admin-pass-1", "csrf": "forged"},
                    follow_redirects=False, headers={"accept": "text/html"})
    assert r.status_code == 403                                # ... but this form did not come from it
    r = client.post("/login", data={"name": "admin", "password": "admin-pass-1"}, follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/api/me").status_code == 401


@pytest.mark.parametrize("weak", ["password", "12345678", "qwertyuiop", "password1", "admin2024admin"])
def test_password_policy_refuses_the_obvious(weak: str) -> None:
    with pytest.raises(Invalid, match="密码"):
        check_password(weak, ("admin2024admin",))


def test_password_policy_accepts_a_passphrase(factory: Any) -> None:
    check_password("correct horse battery", ())
    with transaction(factory) as s, pytest.raises(Invalid, match="太容易被猜到"):
        add_user(s, "zhang", "reviewer", password="zhang12345")


def test_parallel_guesses_are_bounded(app: Any, users: dict[str, str]) -> None:
    """64 guesses at once: no more password checks than the address may fail, the rest 429,
    none a 500 (64 used to take 1 GB and make everyone else wait 21 s)."""
    import asyncio

    import httpx

    async def attack() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            page = await c.get("/login")
            csrf = form_csrf_from(page.text)

            async def guess(n: int) -> int:
                r = await c.post("/login", data={"name": f"user{n % 4}", "password": f"guess-{n}",
                                                 "csrf": csrf})
                return r.status_code

            return list(await asyncio.gather(*(guess(n) for n in range(64))))

    codes = asyncio.run(attack())
    assert set(codes) <= {400, 429}
    assert codes.count(400) <= TEST_LIMITS.login_failures_address
    assert codes.count(429) >= 64 - TEST_LIMITS.login_failures_address


def form_csrf_from(html: str) -> str:
    from tests.security.helpers import CSRF

    match = CSRF.search(html)
    assert match
    return match.group(1)
