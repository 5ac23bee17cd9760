"""A new member signs up, builds a profile across tracks and finds themselves in the directory."""

import re

import pytest
from playwright.sync_api import expect

from mentormesh.accounts.models import User
from tests.conftest import make_member

PASSWORD = "a-long-and-unusual-passphrase-9"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def neighbours():
    """Other members, so that finding the newcomer means filtering something out."""
    make_member("alice", country="GB", skills=[("pr", "media-relations", "offered", 4)])
    make_member("carol", country="DE", skills=[("development", "web-development", "offered", 3)])


def sign_up(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Handle").fill("dana_pr")
    page.get_by_label("Email address").fill("dana@example.org")
    page.get_by_label("Display name").fill("Dana Dialog")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/settings/profile/$"))


def build_profile(page) -> None:
    page.get_by_label("Headline").fill("Press officer learning to automate the boring bits")
    page.get_by_label("Country").select_option("NZ")
    page.get_by_label("Year your career started").fill("2019")
    page.get_by_label("Open to mentoring others").check()
    page.get_by_label("How many people can you mentor at once?").fill("2")
    page.get_by_label("Press releases & pitching: I can help").select_option(label="advanced")
    page.get_by_label("Media relations: I can help").select_option(label="intermediate")
    page.get_by_label("Automation & bots: I want to learn").select_option(label="beginner")
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(re.compile(r"/@dana_pr/$"))
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")


def test_it_signs_up_builds_a_profile_across_tracks_and_finds_the_member(neighbours, browser_page):
    page = browser_page
    sign_up(page)
    build_profile(page)

    profile = page.locator(".profile")
    expect(profile.get_by_role("heading", name="Dana Dialog")).to_be_visible()
    expect(profile).to_contain_text("Public relations & dialog management")
    expect(profile).to_contain_text("Development & implementation")
    expect(profile).to_contain_text("Open to mentoring · 2 mentees")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    results = page.locator("#results")
    expect(results.locator(".member-card")).to_have_count(3)

    # Filters apply through htmx as they change, and the URL follows.
    page.get_by_label("Wants to learn").select_option("automation")
    expect(results.locator(".member-card")).to_have_count(1)
    expect(results).to_contain_text("@dana_pr")
    expect(page).to_have_url(re.compile(r"/members/\?skill_sought=automation$"))

    page.get_by_label("Can help with").select_option("press-releases")
    page.get_by_label("Open to mentoring").check()
    expect(results.locator(".member-card")).to_have_count(1)
    expect(results).to_contain_text("Dana Dialog")

    page.get_by_role("link", name="Clear").click()
    expect(results.locator(".member-card")).to_have_count(3)
    page.get_by_label("Search").fill("automate the boring")
    expect(results.locator(".member-card")).to_have_count(1)
    expect(results).to_contain_text("@dana_pr")

    page.get_by_role("link", name="Dana Dialog").click()
    expect(page).to_have_url(re.compile(r"/@dana_pr/$"))

    dana = User.objects.get(username="dana_pr").profile
    assert dana.country.code == "NZ"
    assert sorted(dana.profile_skills.values_list("skill__slug", "kind", "level")) == [
        ("automation", "sought", 1),
        ("media-relations", "offered", 2),
        ("press-releases", "offered", 3),
    ]


def test_it_filters_the_directory_without_javascript(neighbours, live_server):
    """The same GET form works when scripts are off: a plain page load per search."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
        page.goto("/members/")
        page.get_by_label("Country").select_option("DE")
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"country=DE"))
        expect(page.locator(".member-card")).to_have_count(1)
        expect(page.locator("#results")).to_contain_text("@carol")
        browser.close()
