"""The tracks list: the taxonomy clients need to declare skills and filter the directory."""

from __future__ import annotations

from mentormesh.community.models import Track


def test_it_lists_the_active_tracks_with_their_skills(client, db):
    tracks = client.get("/api/v1/tracks").json()
    assert [track["slug"] for track in tracks] == list(
        Track.objects.active().values_list("slug", flat=True)
    )
    pr = next(track for track in tracks if track["slug"] == "pr")
    assert pr["hashtag"] == "pr"
    assert {"slug": "media-relations", "name": "Media relations"}.items() <= next(
        skill for skill in pr["skills"] if skill["slug"] == "media-relations"
    ).items()
    assert all(isinstance(track["id"], str) for track in tracks)


def test_it_leaves_out_inactive_tracks(client, db):
    Track.objects.filter(slug="marketing").update(is_active=False)
    assert "marketing" not in [track["slug"] for track in client.get("/api/v1/tracks").json()]


def test_it_reads_the_tracks_in_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        client.get("/api/v1/tracks")
