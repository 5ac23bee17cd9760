"""The social pages load cleanly and locally from 360 px up, and look right: screenshots of the
home timeline, a thread, notifications, a live chat and a recap at 1280 and 360 px.

Set MENTORMESH_SCREENSHOTS=docs/img to also save the README's chat.png (under 300 KB).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.social_helpers import member_browser
from tests.browser.social_showcase import PASSWORD, build_social_showcase
from tests.browser.test_pages import DESKTOP, PHONE, SCREENSHOT_MAX_BYTES, Watch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume asynchronous"),
]


@pytest.fixture
def community():
    return build_social_showcase()


def pages_of(community) -> dict[str, str]:
    question = community["question"]
    return {
        "home": "/home/",
        "thread": f"/@{question.account.username}/{question.pk}/",
        "notifications": "/notifications/",
        "chat": f"/chats/{community['live_chat'].pk}/",
        "recap": f"/chats/{community['past_chat'].pk}/recap/",
    }


VISITOR_PAGES = ["/public/", "/chats/", "/tags/prstudchat/", "/tracks/pr/posts/", "/@amara_pr/"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_loads_every_social_page_cleanly_and_shows_it(
    community, live_server, viewport, tmp_path
):
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with member_browser(live_server.url, viewport) as log_in:
        page = log_in("tom_student", PASSWORD)  # hosts the live chat
        watch = Watch(page, live_server.url)
        for name, path in pages_of(community).items():
            watch.check(page, path)
            page.screenshot(path=shots / f"{name}-{viewport['width']}.png", full_page=True)
        for path in [*VISITOR_PAGES, "/compose/", "/bookmarks/"]:
            watch.check(page, path)
    assert len(list(shots.iterdir())) == 5


def test_it_takes_the_readme_chat_screenshot(community, live_server, tmp_path):
    target = Path(os.environ.get("MENTORMESH_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    with member_browser(live_server.url, DESKTOP) as log_in:
        page = log_in("tom_student", PASSWORD)
        page.goto(pages_of(community)["chat"], wait_until="networkidle")
        raw = tmp_path / "chat-raw.png"
        page.screenshot(path=raw)
    saved = target / "chat.png"
    Image.open(raw).convert("RGB").save(saved, optimize=True)
    if saved.stat().st_size >= SCREENSHOT_MAX_BYTES:
        Image.open(raw).convert("RGB").quantize(colors=256).save(saved, optimize=True)
    assert saved.stat().st_size < SCREENSHOT_MAX_BYTES
