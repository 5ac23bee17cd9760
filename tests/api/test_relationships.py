"""Following, blocking and muting members; following hashtags and tracks; account counts."""

from __future__ import annotations

import pytest

from mentormesh.social.actions import check_and_follow, do_block, do_create_status
from mentormesh.social.models import Block, Follow, Mute, Notification, TagFollow, TrackFollow
from tests.api.helpers import link_urls, ok

NOT_FOUND = {"error": "Record not found"}


def test_it_follows_and_unfollows_with_mastodons_relationship(as_member, alice, bob):
    api = as_member(bob)
    followed = ok(api.post(f"/api/v1/accounts/{alice.pk}/follow"))
    assert followed["id"] == str(alice.pk)
    assert (followed["following"], followed["followed_by"], followed["blocking"]) == (
        True,
        False,
        False,
    )
    assert (followed["requested"], followed["note"], followed["showing_reblogs"]) == (
        False,
        "",
        True,
    )
    again = ok(api.post_form(f"/api/v1/accounts/{alice.pk}/follow", {"reblogs": "1"}))
    assert again["following"] is True
    assert Follow.objects.count() == 1
    assert Notification.objects.filter(recipient=alice, kind="follow").count() == 1
    assert ok(api.post(f"/api/v1/accounts/{alice.pk}/unfollow"))["following"] is False
    assert not Follow.objects.exists()


def test_it_refuses_following_yourself(as_member, alice):
    response = as_member(alice).post(f"/api/v1/accounts/{alice.pk}/follow")
    assert response.status_code == 422
    assert response.json() == {
        "error": "Validation failed: account: You can't follow yourself.",
        "details": {"account": ["You can't follow yourself."]},
    }
    assert not Follow.objects.exists()


def test_it_refuses_following_across_a_block(as_member, alice, bob):
    do_block(alice, bob)
    response = as_member(bob).post(f"/api/v1/accounts/{alice.pk}/follow")
    assert response.status_code == 422
    assert response.json()["details"] == {"account": ["You can't follow this member."]}


@pytest.mark.parametrize("account_id", ["999999", "nobody", "1e3"])
def test_it_answers_an_unknown_member_with_not_found(as_member, alice, account_id):
    response = as_member(alice).post(f"/api/v1/accounts/{account_id}/follow")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_it_blocks_and_mutes_and_reports_relationships(as_member, alice, bob, carol, dave):
    check_and_follow(carol, alice)
    api = as_member(alice)
    blocked = ok(api.post(f"/api/v1/accounts/{bob.pk}/block"))
    assert blocked["blocking"] is True
    muted = ok(api.post_form(f"/api/v1/accounts/{dave.pk}/mute", {"notifications": "1"}))
    assert (muted["muting"], muted["muting_notifications"]) == (True, True)
    relationships = ok(
        api.get(
            "/api/v1/accounts/relationships",
            {"id[]": [str(bob.pk), str(carol.pk), str(dave.pk), "999999", "x"]},
        )
    )
    assert [(r["id"], r["blocking"], r["followed_by"], r["muting"]) for r in relationships] == [
        (str(bob.pk), True, False, False),
        (str(carol.pk), False, True, False),
        (str(dave.pk), False, False, True),
    ]
    seen_by_bob = ok(as_member(bob).get("/api/v1/accounts/relationships", {"id": alice.pk}))
    assert seen_by_bob[0]["blocked_by"] is True
    assert ok(api.post(f"/api/v1/accounts/{bob.pk}/unblock"))["blocking"] is False
    assert ok(api.post(f"/api/v1/accounts/{dave.pk}/unmute"))["muting"] is False
    assert not Block.objects.exists()
    assert not Mute.objects.exists()


@pytest.mark.parametrize("action", ["block", "mute"])
def test_it_refuses_blocking_or_muting_yourself(as_member, alice, action):
    response = as_member(alice).post(f"/api/v1/accounts/{alice.pk}/{action}")
    assert response.status_code == 422
    assert response.json()["details"] == {"account": [f"You can't {action} yourself."]}


def test_it_refuses_a_timed_mute(as_member, alice, bob):
    response = as_member(alice).post(f"/api/v1/accounts/{bob.pk}/mute", {"duration": 3600})
    assert response.status_code == 422
    assert "duration" in response.json()["details"]
    assert not Mute.objects.exists()
    assert ok(as_member(alice).post(f"/api/v1/accounts/{bob.pk}/mute", {"duration": 0}))["muting"]


def test_it_counts_followers_following_and_posts_on_accounts(as_member, alice, bob, carol):
    check_and_follow(bob, alice)
    check_and_follow(carol, alice)
    check_and_follow(alice, carol)
    do_create_status(alice, "One")
    do_create_status(alice, "Two", visibility="private")
    do_create_status(alice, "Not counted", visibility="direct")
    account = ok(as_member(None).get(f"/api/v1/accounts/{alice.pk}"))
    assert (account["followers_count"], account["following_count"]) == (2, 1)
    assert account["statuses_count"] == 2
    assert account["last_status_at"] is not None
    assert len(account["last_status_at"]) == 10  # a day, as Mastodon gives it


def test_it_lists_followers_and_following_page_by_page(as_member, alice, bob, carol, dave, erin):
    for fan in (bob, carol, dave, erin):
        check_and_follow(fan, alice)
    check_and_follow(alice, erin)
    api = as_member(None)
    first = api.get(f"/api/v1/accounts/{alice.pk}/followers", {"limit": 2})
    assert [account["acct"] for account in ok(first)] == ["erin", "dave"]
    rest = api.get(link_urls(first)["next"].removeprefix("http://testserver"))
    assert [account["acct"] for account in ok(rest)] == ["carol", "bob"]
    following = ok(api.get(f"/api/v1/accounts/{alice.pk}/following"))
    assert [account["acct"] for account in following] == ["erin"]
    assert following[0]["followers_count"] == 1


# ---------------------------------------------------------------------------------------- hashtags


def test_it_follows_hashtags(as_member, alice):
    api = as_member(alice)
    tag = ok(api.post("/api/v1/tags/PRStudChat/follow"))
    assert (tag["name"], tag["following"], tag["history"]) == ("prstudchat", True, [])
    assert tag["url"] == "http://testserver/tags/prstudchat/"
    ok(api.post("/api/v1/tags/PR/follow"))
    assert ok(api.get("/api/v1/tags/pr"))["mentormesh"] == {"track": "pr"}
    followed = api.get("/api/v1/followed_tags")
    assert [tag["name"] for tag in ok(followed)] == ["pr", "prstudchat"]
    assert ok(api.post("/api/v1/tags/pr/unfollow"))["following"] is False
    assert TagFollow.objects.count() == 1
    unknown = ok(as_member(None).get("/api/v1/tags/never_used"))
    assert (unknown["id"], unknown["following"]) == (None, None)


@pytest.mark.parametrize("name", ["%3Cscript%3E", "123", "x" * 61, "with-dash"])
def test_it_refuses_following_something_that_is_not_a_hashtag(as_member, alice, name):
    response = as_member(alice).post(f"/api/v1/tags/{name}/follow")
    assert response.status_code == 422
    assert "hashtag" in response.json()["details"]["name"][0]
    assert not TagFollow.objects.exists()
    assert as_member(alice).get(f"/api/v1/tags/{name}").status_code == 404


def test_it_follows_tracks(as_member, alice):
    api = as_member(alice)
    followed = ok(api.post("/api/v1/tracks/pr/follow"))
    assert (followed["slug"], followed["following"]) == ("pr", True)
    assert followed["skills"]
    assert [track["slug"] for track in ok(api.get("/api/v1/followed_tracks"))] == ["pr"]
    assert ok(api.post("/api/v1/tracks/pr/unfollow"))["following"] is False
    assert not TrackFollow.objects.exists()
    assert api.post("/api/v1/tracks/knitting/follow").status_code == 404
