"""Followers-only and direct posts never reach anyone else through the API: not through any
timeline, a thread, a post's own URL, its favourites, shares or history, nor a notification."""

from __future__ import annotations

import pytest

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_favourite,
    check_and_follow,
    do_create_status,
    do_follow_tag,
    do_follow_track,
    do_share,
)

SECRETS = ("Followers only", "Only for carol", "Private reply", "Direct reply")


@pytest.fixture
def secrets(alice, bob, carol, erin):
    """alice's hidden posts: bob follows her and sees followers-only; carol is mentioned."""
    check_and_follow(bob, alice)
    do_follow_tag(erin, "pr")
    do_follow_track(erin, Track.objects.get(slug="pr"))
    erins_question = do_create_status(erin, "Anyone? #pr", is_question=True)
    root = do_create_status(alice, "Public root #pr")
    posts = {
        "private": do_create_status(alice, "Followers only #pr", visibility="private"),
        "direct": do_create_status(alice, "Only for carol @carol #pr", visibility="direct"),
        "private reply": do_create_status(
            alice, "Private reply #pr", in_reply_to=erins_question, visibility="private"
        ),
        "direct reply": do_create_status(
            alice, "Direct reply @carol #pr", in_reply_to=root, visibility="direct"
        ),
    }
    for post in posts.values():
        check_and_favourite(carol if post.visibility == "direct" else bob, post)
    do_share(bob, root)
    return root, posts


def reads(alice, root, post):
    return [
        "/api/v1/timelines/home",
        "/api/v1/timelines/public",
        "/api/v1/timelines/tag/pr",
        "/api/v1/timelines/track/pr",
        f"/api/v1/accounts/{alice.pk}/statuses",
        f"/api/v1/statuses/{root.pk}/context",
        f"/api/v1/statuses/{post.pk}",
        f"/api/v1/statuses/{post.pk}/context",
        f"/api/v1/statuses/{post.pk}/favourited_by",
        f"/api/v1/statuses/{post.pk}/reblogged_by",
        f"/api/v1/statuses/{post.pk}/history",
        f"/api/v1/statuses/{post.pk}/source",
        "/api/v1/notifications",
    ]


@pytest.mark.parametrize("reader", ["erin", "anonymous"])
@pytest.mark.parametrize("kind", ["private", "direct", "private reply", "direct reply"])
def test_it_never_shows_hidden_posts_to_others(as_member, alice, erin, secrets, reader, kind):
    root, posts = secrets
    post = posts[kind]
    api = as_member(erin if reader == "erin" else None)
    for path in reads(alice, root, post):
        response = api.get(path)
        assert response.status_code in (200, 404, 401), (path, response.status_code)
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (path, secret)
        assert str(post.pk) not in body, path
    if reader == "erin":
        assert api.get("/api/v1/notifications").json() == []
        assert api.get(f"/api/v1/statuses/{post.pk}").status_code == 404


def test_it_shows_hidden_posts_to_their_audience(as_member, alice, bob, carol, secrets):
    root, posts = secrets
    follower_home = as_member(bob).get("/api/v1/timelines/home").content.decode()
    assert "Followers only" in follower_home
    assert "Only for carol" not in follower_home
    mentioned = as_member(carol).get(f"/api/v1/statuses/{posts['direct'].pk}")
    assert mentioned.status_code == 200
    context = as_member(carol).get(f"/api/v1/statuses/{root.pk}/context").json()
    assert [s["id"] for s in context["descendants"]] == [str(posts["direct reply"].pk)]
    favourited_by = as_member(alice).get(f"/api/v1/statuses/{posts['private'].pk}/favourited_by")
    assert [account["acct"] for account in favourited_by.json()] == ["bob"]
