"""Members post, favourite and say "I learned from this"; the author sees it arrive live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mentormesh.social.models import Learned
from tests.browser.social_helpers import member_browser
from tests.conftest import PASSWORD, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # pytest-django's live server is WSGI: a live stream sends what is stored and ends, and
    # the browser reconnects (polling every two seconds), which Django warns about.
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume asynchronous"),
]


@pytest.fixture
def members():
    make_member("alice", headline="PR lead")
    make_member("bob", headline="Junior marketer")


def test_it_posts_favourites_learns_and_notifies_the_author_live(members, live_server):
    with member_browser(live_server.url) as log_in:
        alice = log_in("alice", PASSWORD)
        alice.get_by_role("link", name="Open your timeline").click()
        expect(alice).to_have_url(re.compile(r"/home/$"))

        # Compose: the counter follows the text; the post appears without a reload.
        box = alice.get_by_label("What did you learn, or want to ask?")
        box.fill("Pitch their beat, not your cause. #pr")
        expect(alice.locator(".char-count")).to_contain_text("37 / 500")
        alice.locator(".track-picker").get_by_text("Public relations & dialog management").click()
        alice.get_by_role("button", name="Post").click()
        expect(alice.get_by_role("status").filter(has_text="Posted.")).to_be_visible()
        card = alice.locator("#timeline .status").first
        expect(card).to_contain_text("Pitch their beat, not your cause.")
        expect(card).to_contain_text("Public relations & dialog management")
        badge = alice.locator("#notification-badge")
        expect(badge).to_be_hidden()

        # Another member favourites it and says what they learned, from the public timeline.
        bob = log_in("bob", PASSWORD)
        bob.get_by_role("link", name="Public").click()
        post = bob.locator(".status").filter(has_text="Pitch their beat")
        post.get_by_role("button", name="Favourite").click()
        expect(post.get_by_role("button", name="Favourite")).to_have_attribute(
            "aria-pressed", "true"
        )
        post = bob.locator(".status").filter(has_text="Pitch their beat")
        post.locator("summary", has_text="I learned from this").click()
        post.get_by_label("What did you learn? (optional)").fill("Rewrote my pitch tonight")
        post.get_by_role("button", name="I learned from this").click()
        learned = (
            bob.locator(".status")
            .filter(has_text="Pitch their beat")
            .get_by_role("button", name="I learned from this")
        )
        expect(learned).to_have_attribute("aria-pressed", "true")

        # The author's badge counts both, live, without a reload of her page.
        expect(badge).to_have_text(re.compile(r"^2"))
        alice.get_by_role("link", name=re.compile("Notifications")).click()
        expect(alice.locator(".notification--learned")).to_contain_text("learned from your post")
        expect(alice.locator(".notification--learned")).to_contain_text("Rewrote my pitch tonight")
        expect(alice.locator(".notification--favourite")).to_contain_text("favourited your post")

        alice.get_by_role("button", name="Mark all read").click()
        expect(alice.locator(".notification--unread")).to_have_count(0)
        alice.reload()
        expect(alice.locator("#notification-badge")).to_be_hidden()
    assert Learned.objects.get().note == "Rewrote my pitch tonight"


def test_it_counts_new_posts_on_the_home_timeline_live(members, live_server):
    with member_browser(live_server.url) as log_in:
        alice = log_in("alice", PASSWORD)
        bob = log_in("bob", PASSWORD)
        bob.goto("/@alice/")
        bob.get_by_role("button", name="Follow").click()
        bob.goto("/home/")
        alice.goto("/home/")
        alice.get_by_label("What did you learn, or want to ask?").fill("First news of the day")
        alice.get_by_role("button", name="Post").click()
        expect(alice.get_by_role("status").filter(has_text="Posted.")).to_be_visible()

        more = bob.locator("#new-posts")
        expect(more).to_contain_text("1 new post")
        more.get_by_role("link").click()
        expect(bob.locator("#timeline")).to_contain_text("First news of the day")
        expect(more).to_be_hidden()


def test_it_works_without_javascript(members, live_server):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
        page.goto("/login/")
        page.get_by_label("Handle or email").fill("bob")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto("/home/")
        page.get_by_label("What did you learn, or want to ask?").fill("Posted without scripts")
        page.get_by_role("button", name="Post").click()
        expect(page.locator(".messages")).to_contain_text("Your post is up.")
        card = page.locator(".status").filter(has_text="Posted without scripts")
        card.get_by_role("button", name="Bookmark").click()
        expect(page).to_have_url(re.compile(r"/home/#status-\d+$"))
        card = page.locator(".status").filter(has_text="Posted without scripts")
        expect(card.get_by_role("button", name="Bookmark")).to_have_attribute(
            "aria-pressed", "true"
        )
        browser.close()
