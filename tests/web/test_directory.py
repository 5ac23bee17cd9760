"""The member directory: filters, search, htmx partials, pages, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_member

MEMBERS = "/members/"


@pytest.fixture
def cast(alice, bob, carol, dave, erin):
    return alice, bob, carol, dave, erin


def handles(client, query: str = "", **headers: str) -> list[str]:
    response = client.get(f"{MEMBERS}?{query}", headers=headers)
    assert response.status_code == 200
    return [member.user.username for member in response.context["page"].object_list]


def test_it_lists_every_active_member_by_handle(client, cast):
    assert handles(client) == ["alice", "bob", "carol", "dave", "erin"]


def test_it_filters_by_track(client, cast):
    assert handles(client, "track=pr") == ["alice", "bob", "carol"]
    assert handles(client, "track=development") == ["carol"]


def test_it_filters_by_skill_offered(client, cast):
    assert handles(client, "skill_offered=media-relations") == ["alice"]


def test_it_filters_by_skill_sought(client, cast):
    assert handles(client, "skill_sought=media-relations") == ["bob"]


def test_it_filters_by_country(client, cast):
    assert handles(client, "country=DE") == ["carol"]


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("open_to_mentoring", ["alice"]),
        ("open_to_welcoming", ["dave"]),
        ("open_to_peer_exchange", ["alice", "bob", "carol", "dave", "erin"]),
    ],
)
def test_it_filters_by_what_members_are_open_to(client, cast, flag, expected):
    assert handles(client, f"{flag}=on") == expected


def test_it_combines_filters(client, cast):
    assert handles(client, "track=pr&open_to_mentoring=on") == ["alice"]
    assert handles(client, "track=pr&country=US") == ["bob"]


def test_it_searches_names_handles_headlines_and_fields(client, cast):
    assert handles(client, "q=@car") == ["carol"]
    assert handles(client, "q=junior+MARKETER") == ["bob"]
    assert handles(client, "q=nonprofit") == ["dave"]
    assert handles(client, "q=zzz") == []


def test_it_says_when_nobody_matches(client, cast):
    assert "No members match these filters." in client.get(f"{MEMBERS}?q=zzz").content.decode()


def test_it_reports_an_unknown_filter_value_and_applies_the_others(client, cast):
    response = client.get(f"{MEMBERS}?track=astrology&country=DE")
    assert [m.user.username for m in response.context["page"].object_list] == ["carol"]
    assert (
        "Select a valid choice. astrology is not one of the available choices."
        in response.content.decode()
    )


def test_it_offers_only_countries_members_live_in(client, cast):
    choices = dict(client.get(MEMBERS).context["form"].fields["country"].choices)
    assert set(choices) == {"", "CA", "DE", "GB", "US"}


def test_it_returns_only_the_results_to_htmx(client, cast):
    response = client.get(f"{MEMBERS}?track=development", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert "@carol" in page
    assert "@alice" not in page
    assert "HX-Request" in response["Vary"]


def test_it_returns_the_whole_page_when_htmx_restores_history(client, cast):
    response = client.get(
        MEMBERS, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_it_works_without_javascript_and_wires_htmx_for_those_with_it(client, cast):
    page = client.get(MEMBERS).content.decode()
    assert '<form class="filters card" method="get" action="/members/"' in page
    assert 'hx-get="/members/"' in page
    assert 'hx-target="#results"' in page
    assert 'hx-push-url="true"' in page
    assert "/static/django_htmx/htmx-2.min.js" in page


def test_it_shows_top_skills_on_each_card(client, cast):
    page = client.get(f"{MEMBERS}?q=alice").content.decode()
    assert "Media relations" in page
    assert "Press releases &amp; pitching" in page


def test_it_pages_through_24_members_at_a_time_keeping_the_filters(client, db):
    for number in range(30):
        make_member(f"member{number:02}", open_to_mentoring=True)
    first = client.get(f"{MEMBERS}?open_to_mentoring=on")
    assert len(first.context["page"].object_list) == 24
    assert 'href="?open_to_mentoring=on&amp;page=2"' in first.content.decode()
    second = client.get(f"{MEMBERS}?open_to_mentoring=on&page=2")
    assert len(second.context["page"].object_list) == 6
    assert client.get(f"{MEMBERS}?page=999").context["page"].number == 2  # the last page
    assert client.get(f"{MEMBERS}?page=abc").context["page"].number == 1


def test_it_shows_the_same_small_number_of_queries_for_5_or_35_members(
    client, cast, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        client.get(MEMBERS)
    for number in range(30):
        make_member(
            f"member{number:02}",
            country="FR",
            skills=[("pr", "media-relations", "offered", 3), ("marketing", "seo", "sought", 1)],
        )
    with django_assert_max_num_queries(len(few)):
        client.get(MEMBERS)
    with django_assert_max_num_queries(7):
        client.get(f"{MEMBERS}?track=pr&q=member")


def test_it_answers_a_logged_in_member_with_three_more_queries_at_most(
    client, cast, django_assert_max_num_queries
):
    """The session, the member, and the navigation's count of unread notifications."""
    client.force_login(cast[0])
    with django_assert_max_num_queries(10):
        client.get(MEMBERS)
