"""Every main page loads all its assets from the app itself, without errors, from 360 px up.

Set MENTORMESH_SCREENSHOTS=docs/img to also save the README's screenshots (directory.png and
profile.png, each under 300 KB).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.showcase import PASSWORD, build_showcase

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VISITOR_PAGES = ["/", "/members/", "/@amara_pr/", "/tracks/", "/tracks/pr/", "/signup/", "/login/"]
MEMBER_PAGES = ["/", "/settings/profile/", "/settings/password/", "/settings/tokens/"]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 860}
SCREENSHOT_MAX_BYTES = 300_000


@pytest.fixture
def community():
    return build_showcase()


class Watch:
    """Collects what goes wrong on a page: failed or foreign requests, HTTP errors, console errors."""

    def __init__(self, page, origin: str) -> None:
        self.problems: list[str] = []
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"),
        )
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda res: res.status >= 400 and self.problems.append(f"{res.status}: {res.url}"),
        )
        page.on(
            "request",
            lambda req: (
                not req.url.startswith(origin) and self.problems.append(f"foreign: {req.url}")
            ),
        )

    def _failed(self, request) -> None:
        # Loads cut short by the next navigation are not faults of the page.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def check(self, page, path: str) -> None:
        self.problems.clear()
        page.goto(path, wait_until="networkidle")
        assert self.problems == [], path
        assert page.evaluate("getComputedStyle(document.body).display") == "flex", (
            f"{path}: no stylesheet"
        )
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"


@pytest.mark.parametrize("browser_page", [PHONE, DESKTOP], ids=["phone", "desktop"], indirect=True)
def test_it_loads_every_page_cleanly_and_locally(community, browser_page, live_server):
    page = browser_page
    watch = Watch(page, live_server.url)
    for path in VISITOR_PAGES:
        watch.check(page, path)
    page.get_by_label("Handle or email").fill("amara_pr")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/", wait_until="networkidle")
    for path in MEMBER_PAGES:
        watch.check(page, path)


@pytest.mark.parametrize("browser_page", [DESKTOP], ids=["desktop"], indirect=True)
def test_it_takes_the_readme_screenshots(community, browser_page, tmp_path):
    target = Path(os.environ.get("MENTORMESH_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    page = browser_page
    for name, path in (("directory", "/members/"), ("profile", "/@amara_pr/")):
        page.goto(path, wait_until="networkidle")
        raw = tmp_path / f"{name}-raw.png"
        page.screenshot(path=raw)
        saved = target / f"{name}.png"
        Image.open(raw).convert("RGB").save(saved, optimize=True)
        if saved.stat().st_size >= SCREENSHOT_MAX_BYTES:
            Image.open(raw).convert("RGB").quantize(colors=256).save(saved, optimize=True)
        assert saved.stat().st_size < SCREENSHOT_MAX_BYTES
