"""The web fixtures (a store, an app, a client), for the pages that show rendered tables."""

from tests.web.web_fixtures import *  # noqa: F403
