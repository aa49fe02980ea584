"""The security suite replays each attack against the app; fixtures as tests/web (SQLite, or
PostgreSQL with ``JIXIAO_TEST_DATABASE_URL``), with limits small enough to cross in a test."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.limits import Limits
from tests.web.web_fixtures import *  # noqa: F403
from tests.web.web_fixtures import served

TEST_LIMITS = Limits(upload_mb=2, request_mb=3, parse_seconds=60, export_rows_public=3,
                     login_failures_account=3, login_failures_address=6)


@pytest.fixture
def app(engine: Any) -> Any:
    from jixiao.web.app import create_app

    return create_app(engine=engine, secret="test-secret", limits=TEST_LIMITS)


@pytest.fixture
def live_server(app: Any) -> Any:
    """The app served by uvicorn on a free loopback port, in a thread: real sockets, real chunks."""
    with served(app) as address:
        yield address
