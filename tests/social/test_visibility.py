"""Followers-only and direct posts never reach anyone else; blocks hide both ways."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mentormesh.realtime.events import PUBLIC, user_channel
from mentormesh.social.actions import check_and_follow, do_block, do_create_status, status_channels
from mentormesh.social.timelines import (
    account_timeline,
    home_timeline,
    public_timeline,
    tag_timeline,
    thread_context,
    visible_status,
)


@pytest.fixture
def posts(alice, bob, carol):
    check_and_follow(bob, alice)
    return {
        "public": do_create_status(alice, "Public #pr"),
        "unlisted": do_create_status(alice, "Unlisted #pr", visibility="unlisted"),
        "private": do_create_status(alice, "Followers only #pr", visibility="private"),
        "direct": do_create_status(alice, "For @carol only #pr", visibility="direct"),
    }


def seen(queryset):
    return {status.text for status in queryset}


def test_it_shows_each_viewer_only_what_they_may_see(posts, alice, bob, carol, erin):
    assert seen(account_timeline(alice, alice)) == {p.text for p in posts.values()}
    assert seen(account_timeline(bob, alice)) == {
        "Public #pr",
        "Unlisted #pr",
        "Followers only #pr",
    }
    assert seen(account_timeline(carol, alice)) == {
        "Public #pr",
        "Unlisted #pr",
        "For @carol only #pr",
    }
    assert seen(account_timeline(erin, alice)) == {"Public #pr", "Unlisted #pr"}
    assert seen(account_timeline(AnonymousUser(), alice)) == {"Public #pr", "Unlisted #pr"}


def test_it_keeps_unlisted_and_restricted_posts_off_public_timelines(posts, erin):
    assert seen(public_timeline(erin)) == {"Public #pr"}
    assert seen(tag_timeline(erin, "pr")) == {"Public #pr"}


def test_it_puts_followers_only_posts_on_followers_home_timelines(posts, bob, erin):
    assert "Followers only #pr" in seen(home_timeline(bob))
    assert "Followers only #pr" not in seen(home_timeline(erin))


def test_it_hides_blocked_members_both_ways(posts, alice, bob):
    do_block(bob, alice)
    assert seen(account_timeline(bob, alice)) == set()
    assert visible_status(alice, do_create_status(bob, "Hi").pk) is None


def test_it_sends_live_events_only_to_the_audience(posts, alice, bob, carol, erin):
    assert status_channels(posts["private"]) == {user_channel(alice.pk), user_channel(bob.pk)}
    assert status_channels(posts["direct"]) == {user_channel(alice.pk)}
    assert PUBLIC in status_channels(posts["public"])
    assert PUBLIC not in status_channels(posts["unlisted"])


def test_it_hides_invisible_replies_from_thread_context(alice, bob, carol):
    root = do_create_status(alice, "Root")
    public_reply = do_create_status(bob, "Public reply", in_reply_to=root)
    do_create_status(bob, "Secret to @alice", in_reply_to=root, visibility="direct")
    nested = do_create_status(carol, "Nested", in_reply_to=public_reply)
    context = thread_context(carol, nested)
    assert [s.text for s in context.ancestors] == ["Root", "Public reply"]
    assert [s.text for s in thread_context(carol, root).descendants] == ["Public reply", "Nested"]
    assert "Secret to @alice" in [s.text for s in thread_context(alice, root).descendants]
