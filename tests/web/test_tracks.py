"""The tracks: what each covers, who can help, who wants to learn."""

from mentormesh.community.models import Track
from tests.conftest import make_member


def test_it_lists_the_four_tracks_with_their_skills_and_counts(client, alice, bob, carol):
    response = client.get("/tracks/")
    tracks = {track.slug: track for track in response.context["tracks"]}
    assert list(tracks) == ["community", "marketing", "development", "pr"]
    assert (tracks["pr"].offering, tracks["pr"].seeking) == (1, 2)
    media = next(skill for skill in tracks["pr"].skills.all() if skill.slug == "media-relations")
    assert (media.offering, media.seeking) == (1, 1)
    page = response.content.decode()
    assert "Community management &amp; customer support" in page
    assert "/members/?skill_offered=media-relations" in page


def test_it_does_not_count_deactivated_members(client, alice):
    alice.is_active = False
    alice.save()
    pr = next(t for t in client.get("/tracks/").context["tracks"] if t.slug == "pr")
    assert pr.offering == 0


def test_it_hides_inactive_tracks(client, db):
    Track.objects.filter(slug="marketing").update(is_active=False)
    assert "marketing" not in [t.slug for t in client.get("/tracks/").context["tracks"]]
    assert client.get("/tracks/marketing/").status_code == 404


def test_it_shows_a_track_with_the_members_who_can_help_in_it(client, alice, bob, carol):
    response = client.get("/tracks/pr/")
    assert [m.user.username for m in response.context["helpers"]] == ["alice"]
    page = response.content.decode()
    assert "Public relations &amp; dialog management" in page
    assert "Media relations" in page
    assert "/members/?track=pr" in page
    assert "/members/?skill_sought=personal-branding" in page


def test_it_answers_404_for_an_unknown_track(client, db):
    assert client.get("/tracks/astrology/").status_code == 404


def test_it_lists_tracks_in_a_fixed_number_of_queries(
    client, alice, bob, carol, django_assert_num_queries
):
    with django_assert_num_queries(2):
        client.get("/tracks/")


def test_it_shows_a_track_in_a_fixed_number_of_queries(
    client, alice, bob, carol, django_assert_num_queries
):
    for number in range(10):
        make_member(f"helper{number}", skills=[("pr", "live-chats", "offered", 2)])
    with django_assert_num_queries(5):  # track, skills, helpers, their offered and sought skills
        client.get("/tracks/pr/")
