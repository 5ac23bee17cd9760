"""The home page: a landing page for visitors, a welcome for members."""

from django.urls import reverse


def test_it_tells_visitors_what_mentormesh_is(client, db):
    page = client.get("/").content.decode()
    assert "Nobody has just one mentor any more." in page
    assert "I learned from this" in page
    assert "peer" in page.lower()
    for track in (
        "Community management",
        "Marketing &amp; advertising",
        "Development",
        "Public relations",
    ):
        assert track in page
    assert reverse("signup") in page
    assert reverse("login") in page


def test_it_welcomes_members_with_links_to_their_pages(client, erin):
    client.force_login(erin)
    page = client.get("/").content.decode()
    assert "Hello, Erin" in page
    assert "/@erin/" in page
    assert reverse("profile_edit") in page
    assert reverse("members") in page
    assert "Your profile has no skills yet." in page


def test_it_uses_the_configured_site_name(client, db, settings):
    settings.SITE_NAME = "PR Mentors"
    assert "<title>PR Mentors</title>" in client.get("/").content.decode()


def test_it_serves_every_asset_from_the_app_itself(client, db):
    page = client.get("/").content.decode()
    assert "https://" not in page.split("<body")[0]
    assert "/static/mentormesh/css/mentormesh.css" in page
    assert "/static/django_htmx/" in page


def test_it_has_a_skip_link_and_labelled_navigation(client, db):
    page = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in page
    assert '<nav class="site-nav" aria-label="Main">' in page
    assert 'href="/api/docs"' in page


def test_it_shows_members_who_can_help_with_what_the_member_wants_to_learn(
    client, alice, bob, carol
):
    client.force_login(bob)  # bob seeks media relations, which alice offers
    helpers = [member.user.username for member in client.get("/").context["helpers"]]
    assert helpers == ["alice"]


def test_it_suggests_adding_skills_when_nobody_matches(client, erin):
    client.force_login(erin)
    assert "Add skills you want to learn to" in client.get("/").content.decode()
