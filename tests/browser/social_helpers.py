"""Several members in one browser: a context (own cookies) per member, each logged in through
the login form. Every wait is bounded by the contexts' default timeout."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, require_chromium

TIMEOUT_MS = 15_000
DESKTOP: Any = {"width": 1280, "height": 900}


@contextmanager
def member_browser(base_url: str, viewport: Any = None) -> Iterator[Callable[..., Any]]:
    """Yields ``log_in(handle, password)`` → a page of a new context, logged in as ``handle``."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def log_in(handle: str, password: str) -> Any:
            context = browser.new_context(base_url=base_url, viewport=viewport or DESKTOP)
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.goto("/login/")
            page.get_by_label("Handle or email").fill(handle)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{base_url}/")
            return page

        try:
            yield log_in
        finally:
            browser.close()
            # See tests/browser/conftest.py: ORM calls made while Playwright's loop ran.
            connections.close_all()
