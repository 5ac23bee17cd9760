"""Reading members: the Account entity, lookup, by id, search and the directory."""

from __future__ import annotations

import re

import pytest

from mentormesh.accounts.actions import do_update_profile
from tests.conftest import make_member

NOT_FOUND = {"error": "Record not found"}


def handles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [account["acct"] for account in response.json()]


def test_it_shows_a_member_as_a_mastodon_account_with_our_extension(client, alice):
    account = client.get(f"/api/v1/accounts/{alice.pk}").json()
    assert account["id"] == str(alice.pk)
    assert (account["username"], account["acct"], account["display_name"]) == (
        "alice",
        "alice",
        "Alice",
    )
    assert (account["locked"], account["bot"], account["discoverable"], account["group"]) == (
        False,
        False,
        True,
        False,
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", account["created_at"])
    assert account["url"] == account["uri"] == "http://testserver/@alice/"
    assert (
        account["avatar"]
        == account["avatar_static"]
        == "http://testserver/static/mentormesh/img/avatar.png"
    )
    assert account["header"] == "http://testserver/static/mentormesh/img/header.png"
    assert (account["followers_count"], account["statuses_count"], account["last_status_at"]) == (
        0,
        0,
        None,
    )
    assert (account["emojis"], account["fields"]) == ([], [])
    assert "source" not in account
    extension = account["mentormesh"]
    assert extension["headline"] == "PR lead, 20 years of media relations"
    assert (extension["country"], extension["field"]) == ("GB", "Public relations agency")
    assert extension["career_start_year"] == 2004
    assert extension["experience_years"] >= 20
    assert extension["open_to"] == {"mentoring": True, "peer_exchange": True, "welcoming": False}
    assert extension["mentoring_capacity"] == 3
    assert extension["skills"][0] == {
        "track": "pr",
        "skill": "media-relations",
        "name": "Media relations",
        "kind": "offered",
        "level": 4,
        "level_name": "expert",
    }


def test_it_falls_back_to_the_handle_and_null_country_for_a_bare_profile(client, erin):
    do_update_profile(erin.profile, {"display_name": ""})
    account = client.get(f"/api/v1/accounts/{erin.pk}").json()
    assert account["display_name"] == "erin"
    assert account["mentormesh"]["country"] is None
    assert account["mentormesh"]["experience_years"] is None
    assert account["mentormesh"]["skills"] == []


def test_it_renders_the_bio_as_inert_html(client, bob):
    do_update_profile(bob.profile, {"bio": "<script>alert(1)</script> see https://example.org"})
    note = client.get(f"/api/v1/accounts/{bob.pk}").json()["note"]
    assert "<script>" not in note
    assert "&lt;script&gt;" in note
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">' in note


@pytest.mark.parametrize("acct", ["bob", "@bob", "BOB", "@Bob@testserver", " bob "])
def test_it_looks_members_up_by_handle(client, bob, acct):
    response = client.get("/api/v1/accounts/lookup", {"acct": acct})
    assert response.status_code == 200
    assert response.json()["id"] == str(bob.pk)


@pytest.mark.parametrize("acct", ["nobody", "bob@mastodon.social", "", "@"])
def test_it_answers_404_for_an_unknown_handle(client, bob, acct):
    response = client.get("/api/v1/accounts/lookup", {"acct": acct})
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_it_needs_the_acct_parameter_for_a_lookup(client, bob):
    response = client.get("/api/v1/accounts/lookup")
    assert response.status_code == 422
    assert response.json()["details"] == {"acct": ["This field is required."]}


@pytest.mark.parametrize(
    "account_id", ["999999", "abc", "-1", "1.0", "99999999999999999999999", "١"]
)
def test_it_answers_404_for_an_unknown_account_id(client, alice, account_id):
    response = client.get(f"/api/v1/accounts/{account_id}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_it_hides_deactivated_members(client, alice, bob):
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert client.get(f"/api/v1/accounts/{bob.pk}").status_code == 404
    assert client.get("/api/v1/accounts/lookup", {"acct": "bob"}).status_code == 404
    assert handles(client.get("/api/v1/directory")) == ["alice"]


def test_it_searches_members(client, alice, bob, carol):
    assert handles(client.get("/api/v1/accounts/search", {"q": "developer"})) == ["carol"]
    assert handles(client.get("/api/v1/accounts/search", {"q": "@Bo"})) == ["bob"]
    assert handles(client.get("/api/v1/accounts/search", {"q": "   "})) == []
    assert handles(client.get("/api/v1/accounts/search", {"q": "a", "limit": 1, "offset": 1})) == [
        "bob"
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["alice", "bob", "carol", "dave", "erin"]),
        ({"track": "pr"}, ["alice", "bob", "carol"]),
        ({"skill_offered": "media-relations"}, ["alice"]),
        ({"skill_sought": "seo"}, ["bob"]),
        ({"country": "de"}, ["carol"]),
        ({"open_to_mentoring": "true"}, ["alice"]),
        ({"open_to_welcoming": "1"}, ["dave"]),
        ({"q": "marketer"}, ["bob"]),
        ({"track": "pr", "country": "US"}, ["bob"]),
        ({"offset": 1, "limit": 2}, ["bob", "carol"]),
        ({"local": "true", "order": "active"}, ["alice", "bob", "carol", "dave", "erin"]),
    ],
)
def test_it_filters_the_directory(client, alice, bob, carol, dave, erin, filters, expected):
    assert handles(client.get("/api/v1/directory", filters)) == expected


def test_it_lists_the_newest_members_first_on_request(client, alice, bob, carol):
    assert handles(client.get("/api/v1/directory", {"order": "new"})) == ["carol", "bob", "alice"]


def test_it_clamps_the_directory_limit_to_80_like_mastodon(client, db):
    for number in range(85):
        make_member(f"member_{number:02d}")
    assert len(handles(client.get("/api/v1/directory", {"limit": 500}))) == 80
    assert len(handles(client.get("/api/v1/directory"))) == 40


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"order": "random"}, "order"),
        ({"open_to_mentoring": "maybe"}, "open_to_mentoring"),
    ],
)
def test_it_refuses_bad_directory_parameters_naming_them(client, alice, params, field):
    response = client.get("/api/v1/directory", params)
    assert response.status_code == 422
    assert list(response.json()["details"]) == [field]


def test_it_reads_a_page_of_40_members_in_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries
):
    for number in range(40):
        make_member(
            f"member_{number:02d}",
            country="GB",
            skills=[("pr", "media-relations", "offered", 3), ("marketing", "seo", "sought", 1)],
        )
    # The page and its skills, then the counters of all 40 at once.
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/directory", {"limit": 40})
    assert len(response.json()) == 40
    assert all(len(account["mentormesh"]["skills"]) == 2 for account in response.json())
