"""Own profile PATCH: JSON, form and multipart bodies; every bad input refused, nothing half-written."""

from __future__ import annotations

import json

import pytest

from mentormesh.accounts.models import Profile
from tests.api.helpers import (
    UPDATE,
    bearer,
    patch_form,
    patch_json,
    patch_multipart,
    png_file,
    profile_snapshot,
)


@pytest.fixture
def unchanged(alice):
    """Asserts, after the test, that nothing about alice's profile changed."""
    before = profile_snapshot(alice)
    yield
    assert profile_snapshot(alice) == before


def assert_refused(response, *fields: str) -> dict:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["error"].startswith("Validation failed")
    assert set(fields) <= set(body["details"]), body
    for field in fields:
        assert field in body["error"]
    return body


def test_it_changes_the_whole_profile_from_json(client, alice, alice_token):
    response = patch_json(
        client,
        alice_token,
        {
            "display_name": "Alice Ashdown",
            "note": "Media relations since 2004.\nAsk me anything.",
            "headline": "PR lead",
            "country": "ie",
            "field": "Agency",
            "career_start_year": 2005,
            "open_to_mentoring": False,
            "open_to_peer_exchange": True,
            "open_to_welcoming": True,
            "mentoring_capacity": 5,
            "skills": [
                {"track": "pr", "skill": "reputation-management", "kind": "offered", "level": 4},
                {"track": "development", "skill": "web-development", "kind": "sought"},
            ],
        },
    )
    assert response.status_code == 200, response.content
    account = response.json()
    assert account["display_name"] == "Alice Ashdown"
    assert account["source"]["note"] == "Media relations since 2004.\nAsk me anything."
    assert account["note"] == "<p>Media relations since 2004.<br>Ask me anything.</p>"
    extension = account["mentormesh"]
    assert (
        extension["country"],
        extension["career_start_year"],
        extension["mentoring_capacity"],
    ) == ("IE", 2005, 5)
    assert extension["open_to"] == {"mentoring": False, "peer_exchange": True, "welcoming": True}
    # Skills come in the tracks' order: development before pr.
    assert [(s["track"], s["skill"], s["kind"], s["level"]) for s in extension["skills"]] == [
        ("development", "web-development", "sought", 2),
        ("pr", "reputation-management", "offered", 4),
    ]
    profile = Profile.objects.get(user=alice)
    assert (profile.field, str(profile.country), profile.open_to_welcoming) == (
        "Agency",
        "IE",
        True,
    )


def test_it_changes_only_the_fields_sent(client, alice, alice_token):
    response = patch_json(client, alice_token, {"headline": "Still in PR"})
    assert response.status_code == 200
    profile = Profile.objects.get(user=alice)
    assert (profile.headline, profile.career_start_year, profile.open_to_mentoring) == (
        "Still in PR",
        2004,
        True,
    )
    assert profile.profile_skills.count() == 2


def test_it_reads_form_bodies_like_mastodon_clients_send(client, alice, alice_token):
    response = patch_form(
        client,
        alice_token,
        {
            "display_name": "Alice A.",
            "note": "Form-encoded bio",
            "open_to_mentoring": "0",
            "career_start_year": "",
            "skills": json.dumps(
                [{"track": "pr", "skill": "media-relations", "kind": "offered", "level": 3}]
            ),
        },
    )
    assert response.status_code == 200, response.content
    profile = Profile.objects.get(user=alice)
    assert (profile.display_name, profile.bio, profile.open_to_mentoring) == (
        "Alice A.",
        "Form-encoded bio",
        False,
    )
    assert profile.career_start_year is None
    assert list(profile.profile_skills.values_list("skill__slug", "level")) == [
        ("media-relations", 3)
    ]


def test_it_sets_an_avatar_from_a_multipart_body(client, alice, alice_token):
    response = patch_multipart(
        client, alice_token, {"avatar": png_file(), "headline": "New picture"}
    )
    assert response.status_code == 200, response.content
    profile = Profile.objects.get(user=alice)
    assert str(profile.avatar.name).startswith("avatars/")
    assert response.json()["avatar"] == f"http://testserver{profile.avatar.url}"
    assert profile.headline == "New picture"


def test_it_returns_the_account_unchanged_for_an_empty_body(client, alice, alice_token, unchanged):
    response = client.patch(UPDATE, headers=bearer(alice_token))
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


# --------------------------------------------------------------------------------- bad input


def test_it_refuses_an_unknown_field_and_names_it(client, alice_token, unchanged):
    body = assert_refused(
        patch_json(client, alice_token, {"headline": "ok", "favourite_colour": "teal"}),
        "favourite_colour",
    )
    assert body["details"]["favourite_colour"] == ["Unknown field."]
    assert "headline" not in body["details"]


def test_it_refuses_mastodon_fields_it_does_not_support(client, alice_token, unchanged):
    body = assert_refused(
        patch_form(client, alice_token, {"locked": "1", "fields_attributes[0][name]": "Web"}),
        "locked",
        "fields_attributes[0][name]",
    )
    assert body["details"]["locked"] == ["mentormesh does not support this Mastodon field."]


def test_it_refuses_an_impossible_career_year(client, alice_token, unchanged):
    assert_refused(
        patch_json(client, alice_token, {"display_name": "Changed", "career_start_year": 1800}),
        "career_start_year",
    )


def test_it_refuses_a_career_year_in_the_future(client, alice_token, unchanged):
    assert_refused(
        patch_json(client, alice_token, {"career_start_year": 3000}), "career_start_year"
    )


def test_it_refuses_a_career_year_that_is_not_a_number(client, alice_token, unchanged):
    assert_refused(
        patch_form(client, alice_token, {"career_start_year": "a while ago"}), "career_start_year"
    )


def test_it_refuses_an_unknown_country(client, alice_token, unchanged):
    assert_refused(
        patch_json(client, alice_token, {"headline": "Changed", "country": "XX"}), "country"
    )


def test_it_refuses_an_unknown_track(client, alice_token, unchanged):
    body = assert_refused(
        patch_json(
            client,
            alice_token,
            {
                "skills": [
                    {"track": "astrology", "skill": "horoscopes", "kind": "offered", "level": 2}
                ],
            },
        ),
        "skills[0].track",
    )
    assert "GET /api/v1/tracks" in body["details"]["skills[0].track"][0]


def test_it_refuses_an_unknown_skill(client, alice_token, unchanged):
    assert_refused(
        patch_json(
            client,
            alice_token,
            {
                "skills": [
                    {"track": "pr", "skill": "media-relations", "kind": "offered", "level": 4},
                    {"track": "pr", "skill": "web-development", "kind": "offered", "level": 2},
                ],
            },
        ),
        "skills[1].skill",
    )


def test_it_refuses_a_skill_of_an_inactive_track(client, alice_token, unchanged):
    from mentormesh.community.models import Track

    Track.objects.filter(slug="marketing").update(is_active=False)
    assert_refused(
        patch_json(
            client,
            alice_token,
            {
                "skills": [{"track": "marketing", "skill": "seo", "kind": "sought", "level": 1}],
            },
        ),
        "skills[0].track",
    )


@pytest.mark.parametrize("level", [0, 5, "expert"])
def test_it_refuses_a_bad_level(client, alice_token, unchanged, level):
    assert_refused(
        patch_json(
            client,
            alice_token,
            {
                "skills": [
                    {"track": "pr", "skill": "media-relations", "kind": "offered", "level": level}
                ],
            },
        ),
        "skills[0].level",
    )


def test_it_refuses_a_bad_kind(client, alice_token, unchanged):
    assert_refused(
        patch_json(
            client,
            alice_token,
            {
                "skills": [
                    {"track": "pr", "skill": "media-relations", "kind": "hoarded", "level": 2}
                ],
            },
        ),
        "skills[0].kind",
    )


def test_it_refuses_skills_that_are_not_a_list(client, alice_token, unchanged):
    assert_refused(patch_form(client, alice_token, {"skills": "media relations"}), "skills")


def test_it_refuses_an_oversized_avatar(client, alice_token, unchanged, settings):
    settings.AVATAR_MAX_BYTES = 10_000
    body = assert_refused(
        patch_multipart(
            client,
            alice_token,
            {
                "avatar": png_file(size=(256, 256), noise=True),
                "headline": "Changed",
            },
        ),
        "avatar",
    )
    assert "limit is 9 KB" in body["details"]["avatar"][0]


def test_it_refuses_an_avatar_that_is_not_an_image(client, alice_token, unchanged, tmp_path):
    fake = tmp_path / "me.png"
    fake.write_text("<?php echo 'not a picture'; ?>")
    with fake.open("rb") as upload:
        assert_refused(patch_multipart(client, alice_token, {"avatar": upload}), "avatar")


def test_it_refuses_an_avatar_sent_as_text(client, alice_token, unchanged):
    assert_refused(
        patch_form(client, alice_token, {"avatar": "https://example.org/me.png"}), "avatar"
    )


def test_it_names_every_bad_field_at_once(client, alice_token, unchanged):
    body = assert_refused(
        patch_json(
            client,
            alice_token,
            {
                "career_start_year": 1800,
                "country": "XX",
                "mentoring_capacity": 99,
                "skills": [{"track": "pr", "skill": "nope", "kind": "offered", "level": 2}],
            },
        ),
        "career_start_year",
        "country",
        "mentoring_capacity",
        "skills[0].skill",
    )
    assert len(body["details"]) == 4


def test_it_refuses_a_body_that_is_not_json(client, alice_token, unchanged):
    response = client.patch(
        UPDATE, "{not json", content_type="application/json", headers=bearer(alice_token)
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("The request body is not valid JSON")


def test_it_refuses_a_json_body_that_is_not_an_object(client, alice_token, unchanged):
    response = patch_json(client, alice_token, ["display_name", "Alice"])
    assert response.status_code == 400
    assert response.json() == {"error": "The request body must be a JSON object."}


def test_it_refuses_a_body_of_another_type(client, alice_token, unchanged):
    response = client.patch(
        UPDATE, "<xml/>", content_type="application/xml", headers=bearer(alice_token)
    )
    assert response.status_code == 415
    assert "application/xml" in response.json()["error"]


def test_it_refuses_a_malformed_multipart_body(client, alice_token, unchanged):
    response = client.patch(
        UPDATE,
        b"--x\r\nnonsense",
        content_type="multipart/form-data; boundary=",
        headers=bearer(alice_token),
    )
    assert response.status_code == 400
    assert "multipart" in response.json()["error"]
