"""A real browser for page tests: Debian's chromium driven by Playwright's sync API.

Each test gets its own browser (launch takes about 0.3 s): Playwright's sync API runs an event
loop in the test thread while it is open, which must not outlive the test (see
DJANGO_ALLOW_ASYNC_UNSAFE in tests/conftest.py). Create test data in fixtures listed before
``browser_page``, so it is written before that loop starts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING = "Debian chromium not installed at /usr/bin/chromium (apt-get install chromium)"


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("MENTORMESH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{MISSING}; MENTORMESH_REQUIRE_BROWSER=1 forbids skipping browser tests.")
    pytest.skip(MISSING)


@pytest.fixture
def browser_page(live_server, request) -> Iterator:
    """A fresh page in a fresh browser, its base URL the live server's."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    viewport = getattr(request, "param", {"width": 1280, "height": 900})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        context.set_default_timeout(10_000)
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # ORM calls made while Playwright's loop runs get their own connection (Django keys
            # connections by async context); close it here, or PostgreSQL keeps the test database
            # busy and pytest-django cannot drop it.
            connections.close_all()
