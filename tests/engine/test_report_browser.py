"""report.html in a real browser: it loads offline, draws the network, and filters members."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentormesh.engine.analysis import analyze
from tests.engine.conftest import AS_OF, COMMUNITY, MEMBERS

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="chromium is not installed"),
]


def test_it_renders_the_report_offline_and_filters_members(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    analyze([COMMUNITY], tmp_path, members_path=MEMBERS, as_of=AS_OF)
    requests: list[str] = []

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto((tmp_path / "report.html").as_uri())

        lines = page.locator("svg line").count()
        visible_before = page.locator("#member-maps details:visible").count()
        page.fill("#member-filter", "grace")
        visible_after = page.locator("#member-maps details:visible").all_inner_texts()
        browser.close()

    assert [url for url in requests if not url.startswith("file://")] == []
    assert lines == 6  # one arrow per labelled tie
    assert visible_before == 9
    assert len(visible_after) == 1
    assert visible_after[0].startswith("grace - Grace Gupta")
