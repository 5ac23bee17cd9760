"""Asking without awkwardness, in a real browser: bob asks alice from her profile, alice
says yes, and both land on the same shared page (checked on screenshots).

Set MENTORMESH_SCREENSHOTS=/some/dir to keep the screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from mentormesh.community.models import Track
from mentormesh.mentorship.models import Mentorship
from tests.browser.social_helpers import member_browser
from tests.browser.test_pages import DESKTOP, PHONE, Watch
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume asynchronous"),
]


def shots_dir(tmp_path: Path) -> Path:
    kept = os.environ.get("MENTORMESH_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def looks_drawn(path: Path) -> bool:
    """A real page, not a blank or error screen: many colours, a tall enough page."""
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        return image.height >= 600 and len(colours) > 50


def test_it_lets_bob_ask_alice_and_both_see_the_shared_page(alice, bob, live_server, tmp_path):
    shots = shots_dir(tmp_path)
    track_name = Track.objects.get(slug="pr").name
    with member_browser(live_server.url, DESKTOP) as log_in:
        bob_page = log_in("bob", PASSWORD)
        watch = Watch(bob_page, live_server.url)
        watch.check(bob_page, "/@alice/")
        bob_page.get_by_role("link", name="Ask @alice to be your mentor").click()
        bob_page.get_by_label(track_name).check()
        bob_page.get_by_label("Heads-up note").fill("I'd love help writing my first press release.")
        bob_page.get_by_label("Cadence").select_option("monthly")
        bob_page.screenshot(path=shots / "ask.png", full_page=True)
        bob_page.get_by_role("button", name="Send the request").click()
        bob_page.wait_for_url(f"{live_server.url}/mentoring/requests/")
        assert "waiting for an answer" in bob_page.locator("#outgoing-section").inner_text()

        alice_page = log_in("alice", PASSWORD)
        alice_page.goto("/mentoring/requests/")
        incoming = alice_page.locator("#incoming-section")
        assert "first press release" in incoming.inner_text()
        alice_page.screenshot(path=shots / "incoming.png", full_page=True)
        incoming.get_by_role("button", name="Yes").click()
        alice_page.wait_for_url(f"{live_server.url}/mentorships/*/")
        assert alice_page.get_by_role("heading", name="You mentor Bob").is_visible()
        alice_page.get_by_label("New goal").fill("Pitch one journalist by June")
        alice_page.get_by_role("button", name="Add goal").click()
        alice_page.screenshot(path=shots / "shared-alice.png", full_page=True)

        mentorship = Mentorship.objects.get()
        watch.check(bob_page, f"/mentorships/{mentorship.pk}/")
        assert bob_page.get_by_role("heading", name="Alice mentors you").is_visible()
        assert bob_page.get_by_text("Pitch one journalist by June").is_visible()
        bob_page.screenshot(path=shots / "shared-bob.png", full_page=True)
        watch.check(bob_page, "/notifications/")
        accepted = bob_page.locator(".notification--request_accepted")
        assert "said yes to your mentorship request" in accepted.inner_text()
        bob_page.screenshot(path=shots / "notifications-bob.png", full_page=True)

        bob_page.set_viewport_size(PHONE)
        for path in ("/@alice/ask/", "/mentoring/requests/", f"/mentorships/{mentorship.pk}/"):
            watch.check(bob_page, path)  # loads cleanly, no wider than a phone
        bob_page.screenshot(path=shots / "shared-bob-phone.png", full_page=True)
    for name in (
        "ask",
        "incoming",
        "shared-alice",
        "shared-bob",
        "notifications-bob",
        "shared-bob-phone",
    ):
        assert looks_drawn(shots / f"{name}.png"), name
