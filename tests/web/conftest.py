"""Fixtures of tests/web live in ``web_fixtures`` (importable by the tests by that name)."""

from tests.web.web_fixtures import *  # noqa: F403
