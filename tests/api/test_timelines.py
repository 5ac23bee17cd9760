"""Timelines through the API: home, public, hashtag, track, a member's posts; paging with Link
headers; a page of statuses in a fixed number of queries."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_favourite,
    check_and_follow,
    check_and_learn,
    do_block,
    do_create_status,
    do_delete_status,
    do_follow_tag,
    do_follow_track,
    do_mute,
    do_share,
)
from tests.api.helpers import link_urls, ok, texts


def test_it_builds_home_from_follows_tracks_and_hashtags(as_member, alice, bob, carol, erin):
    check_and_follow(erin, alice)
    do_follow_track(erin, Track.objects.get(slug="development"))
    do_follow_tag(erin, "newbie")
    do_create_status(alice, "From a followed member")
    do_create_status(carol, "In a followed track #dev")
    do_create_status(bob, "With a followed tag #newbie")
    do_create_status(bob, "Unrelated")
    do_create_status(erin, "My own")
    home = ok(as_member(erin).get("/api/v1/timelines/home"))
    assert texts(home) == [
        "My own",
        "With a followed tag #newbie",
        "In a followed track #dev",
        "From a followed member",
    ]


def test_it_needs_a_token_for_home(as_member, db):
    assert as_member(None).get("/api/v1/timelines/home").status_code == 401


def test_it_shows_shares_on_home_and_drops_them_when_the_original_goes(
    as_member, alice, bob, carol
):
    check_and_follow(carol, bob)
    post = do_create_status(alice, "Worth sharing")
    do_share(bob, post)
    home = ok(as_member(carol).get("/api/v1/timelines/home"))
    assert [(status["account"]["acct"], status["reblog"]["id"]) for status in home] == [
        ("bob", str(post.pk))
    ]
    do_block(alice, carol)
    assert ok(as_member(carol).get("/api/v1/timelines/home")) == []
    assert len(ok(as_member(bob).get("/api/v1/timelines/home"))) == 1
    do_delete_status(post)
    assert ok(as_member(bob).get("/api/v1/timelines/home")) == []


def test_it_leaves_muted_members_out_of_home_and_public(as_member, alice, bob):
    check_and_follow(bob, alice)
    do_create_status(alice, "Loud")
    do_mute(bob, alice)
    assert ok(as_member(bob).get("/api/v1/timelines/home")) == []
    assert ok(as_member(bob).get("/api/v1/timelines/public")) == []


def test_it_shows_the_public_timeline_to_anyone(as_member, alice, bob):
    do_create_status(alice, "Public")
    do_create_status(alice, "Unlisted", visibility="unlisted")
    do_share(bob, do_create_status(alice, "Shared"))
    api = as_member(None)
    assert texts(ok(api.get("/api/v1/timelines/public"))) == ["Shared", "Public"]
    assert texts(ok(api.get("/api/v1/timelines/public", {"local": "true"}))) == [
        "Shared",
        "Public",
    ]
    assert ok(api.get("/api/v1/timelines/public", {"remote": "true"})) == []
    assert ok(api.get("/api/v1/timelines/public", {"only_media": "true"})) == []


def test_it_shows_posts_by_hashtag_and_track(as_member, alice, carol):
    do_create_status(alice, "Pitching #PR")
    do_create_status(carol, "Shipping #dev")
    api = as_member(None)
    assert texts(ok(api.get("/api/v1/timelines/tag/pr")))[0].startswith("Pitching")
    assert texts(ok(api.get("/api/v1/timelines/tag/PR")))[0].startswith("Pitching")
    assert ok(api.get("/api/v1/timelines/tag/nothing_here")) == []
    assert ok(api.get("/api/v1/timelines/tag/%3Cscript%3E")) == []
    track = ok(api.get("/api/v1/timelines/track/development"))
    assert [status["account"]["acct"] for status in track] == ["carol"]
    unknown = api.get("/api/v1/timelines/track/knitting")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Record not found"})


def test_it_shows_a_members_posts_with_mastodons_filters(as_member, alice, bob):
    root = do_create_status(alice, "Thread start")
    do_create_status(alice, "Thread continues", in_reply_to=root)
    do_create_status(alice, "Answering bob", in_reply_to=do_create_status(bob, "Question?"))
    do_share(alice, do_create_status(bob, "Bob's tip #pr"))
    api = as_member(None)
    path = f"/api/v1/accounts/{alice.pk}/statuses"
    assert len(ok(api.get(path))) == 4
    without_replies = ok(api.get(path, {"exclude_replies": "true"}))
    assert len(without_replies) == 3  # a reply to oneself stays
    without_shares = ok(api.get(path, {"exclude_reblogs": "true"}))
    assert all(status["reblog"] is None for status in without_shares)
    assert len(ok(api.get(path, {"tagged": "pr"}))) == 0  # the share has no tags of its own
    assert ok(api.get(path, {"pinned": "true"})) == []
    assert api.get("/api/v1/accounts/999999/statuses").status_code == 404


# ---------------------------------------------------------------------------------------- paging


def test_it_pages_with_link_headers_like_mastodon(as_member, alice):
    ids = [str(do_create_status(alice, f"post {n}").pk) for n in range(7)]
    api = as_member(None)
    first = api.get("/api/v1/timelines/public", {"limit": 3, "local": "true"})
    assert [status["id"] for status in ok(first)] == ids[6:3:-1]
    links = link_urls(first)
    next_query = parse_qs(urlsplit(links["next"]).query)
    assert next_query == {"limit": ["3"], "local": ["true"], "max_id": [ids[4]]}
    assert parse_qs(urlsplit(links["prev"]).query)["min_id"] == [ids[6]]
    seen = []
    url: str | None = links["next"]
    while url:
        response = api.get(url.removeprefix("http://testserver"))
        seen += [status["id"] for status in ok(response)]
        url = link_urls(response).get("next")
    assert seen == ids[3::-1]
    newer = ok(api.get("/api/v1/timelines/public", {"min_id": ids[1], "limit": 2}))
    assert [status["id"] for status in newer] == [ids[3], ids[2]]
    since = ok(api.get("/api/v1/timelines/public", {"since_id": ids[1], "limit": 2}))
    assert [status["id"] for status in since] == [ids[6], ids[5]]
    empty = api.get("/api/v1/timelines/public", {"min_id": ids[6]})
    assert (ok(empty), empty.get("Link")) == ([], None)


@pytest.mark.parametrize("limit", ["500", "0", "-3"])
def test_it_reads_an_out_of_range_limit_as_the_nearest_allowed(as_member, alice, limit):
    for n in range(3):
        do_create_status(alice, f"post {n}")
    count = len(ok(as_member(None).get("/api/v1/timelines/public", {"limit": limit})))
    assert count == (3 if limit == "500" else 1)


def test_it_refuses_a_malformed_page_id(as_member, db):
    response = as_member(None).get("/api/v1/timelines/public", {"max_id": "yesterday"})
    assert response.status_code == 422
    assert response.json()["details"] == {"max_id": ["An id is a string of digits."]}


# ---------------------------------------------------------------------------------------- queries


def busy_community(alice, bob, carol, dave, erin, posts: int) -> None:
    """Posts with mentions, tags, replies, shares, favourites and learned acknowledgements."""
    previous = None
    for n in range(posts):
        author = (alice, bob, carol)[n % 3]
        post = do_create_status(
            author, f"Post {n} @dave #pr #tips", in_reply_to=previous if n % 4 == 1 else None
        )
        check_and_favourite(erin, post)
        if author != dave:
            check_and_learn(dave, post, note="thanks", is_public=bool(n % 2))
        if n % 5 == 0:
            do_share(erin if author != erin else bob, post)
        previous = post


@pytest.mark.parametrize(
    "path", ["/api/v1/timelines/home", "/api/v1/timelines/public", "/api/v1/timelines/tag/pr"]
)
def test_it_reads_a_page_of_40_statuses_in_a_fixed_number_of_queries(
    as_member, alice, bob, carol, dave, erin, path, django_assert_max_num_queries
):
    for followed in (alice, bob, carol):
        check_and_follow(erin, followed)
    busy_community(alice, bob, carol, dave, erin, posts=48)
    api = as_member(erin)
    # Token (2), the page's ids (1), its statuses and their prefetches (7), shared posts'
    # state, hidden links, visible replies and learned counts (4), skills (1), the members'
    # counters (1).
    with django_assert_max_num_queries(16):
        page = ok(api.get(path, {"limit": 40}))
    assert len(page) == 40
    assert sum(status["favourited"] for status in page) >= 30
    assert all(status["account"]["statuses_count"] > 0 for status in page)


def test_it_costs_the_same_queries_for_4_statuses_as_for_40(
    as_member, alice, bob, carol, dave, erin
):
    for followed in (alice, bob, carol):
        check_and_follow(erin, followed)
    busy_community(alice, bob, carol, dave, erin, posts=48)
    api = as_member(erin)
    counts = []
    for limit in (4, 40):
        with CaptureQueriesContext(connection) as captured:
            ok(api.get("/api/v1/timelines/home", {"limit": limit}))
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
