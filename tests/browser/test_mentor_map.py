"""A member opens "My mentors", sees the picture and the list of their plural mentors and their
gaps, and confirms an inferred tie, in a real browser.

Set MENTORMESH_SCREENSHOTS=/some/dir to also save the map as mentor-map.png (desktop and phone).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mentormesh.community.models import Track
from mentormesh.mentorship.actions.marks import check_and_mark
from mentormesh.mentorship.models import Mentorship, TieDecision
from tests.conftest import PASSWORD, make_member
from tests.mentorship.factories import make_tie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def bobs_mentors():
    """bob learns from several people in several ways, and teaches one; he seeks a track where
    nobody teaches him yet."""
    bob = make_member(
        "bob",
        skills=[
            ("pr", "media-relations", "sought", 1),
            ("marketing", "seo", "sought", 2),
            ("community", "moderation", "sought", 1),
        ],
    )
    people = {
        name: make_member(name, open_to_mentoring=True)
        for name in ("alice", "carol", "dana", "femi", "gus")
    }
    make_tie(bob, people["alice"], "pr", "mentor", score=9.0)
    make_tie(bob, people["carol"], "pr", "peer", score=4.0)
    make_tie(bob, people["dana"], "marketing", "emerging", score=2.5)
    make_tie(bob, people["femi"], "marketing", "fading", score=1.0)
    make_tie(people["gus"], bob, "marketing", "reverse", score=2.0)
    check_and_mark(bob, people["gus"], Track.objects.get(slug="marketing"))
    make_member("hana", open_to_mentoring=True, skills=[("community", "moderation", "offered", 4)])
    return bob, people


def log_in(page, handle: str) -> None:
    page.goto("/login/")
    page.get_by_label("Handle or email").fill(handle)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def screenshot(page, name: str) -> None:
    folder = os.environ.get("MENTORMESH_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_it_shows_the_map_and_confirms_a_tie(bobs_mentors, browser_page):
    bob, _people = bobs_mentors
    page = browser_page
    log_in(page, "bob")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My mentors").click()
    expect(page.get_by_role("heading", name="My mentors", level=1)).to_be_visible()

    picture = page.get_by_role("img", name="Your mentor map")
    expect(picture).to_be_visible()
    assert picture.locator(".map-marker").count() == 5  # alice, carol, dana, femi, and gus marked
    box = picture.bounding_box()
    assert box is not None
    assert box["width"] > 400
    screenshot(page, "mentor-map.png")

    pr = page.locator(".map-track", has=page.get_by_role("heading", name=re.compile("Public")))
    expect(pr.locator(".map-entry").first).to_contain_text("Alice")
    expect(pr.locator(".map-entry").first).to_contain_text("learned from @alice")
    gaps = page.get_by_role("region", name="Gaps")
    expect(gaps).to_contain_text("Community management")
    gaps.get_by_role("link", name="who helps in #community").click()
    expect(page.get_by_role("main")).to_contain_text("Hana")
    page.go_back()

    alice = page.locator(".map-entry", has_text="@alice")
    alice.get_by_role("button", name="Confirm").click()
    expect(alice).to_contain_text("you confirmed; waiting for them")
    assert TieDecision.objects.filter(decided_by=bob, choice="confirmed").count() == 1

    femi = page.locator(".map-entry", has_text="@femi")
    femi.get_by_role("button", name="Hide").click()
    expect(page.get_by_role("status").filter(has_text="Hidden")).to_be_visible()
    page.reload()
    expect(page.locator(".map-entry", has_text="@femi")).to_have_count(0)
    assert not Mentorship.objects.exists()


@pytest.mark.parametrize("browser_page", [{"width": 360, "height": 780}], indirect=True)
def test_it_fits_the_map_on_a_phone(bobs_mentors, browser_page):
    page = browser_page
    log_in(page, "bob")
    page.goto("/mentors/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    screenshot(page, "mentor-map-phone.png")
