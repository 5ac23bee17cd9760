"""The reads and the rule the web pages added to the social core."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_favourite,
    check_can_schedule_chats,
    do_block,
    do_bookmark,
    do_create_status,
    do_delete_status,
    do_follow_tag,
    do_follow_track,
    do_learn,
    do_mark_notifications_read,
    do_mute,
)
from mentormesh.social.timelines import (
    bookmarks_of,
    follows_tag,
    follows_track,
    shown_acknowledgements,
    unread_notifications,
)


def test_it_lets_stewards_and_trusted_members_schedule_chats(alice, bob, dave):
    check_can_schedule_chats(dave)  # a steward
    check_can_schedule_chats(alice)  # open to mentoring, with a headline
    with pytest.raises(PermissionDenied, match="Only stewards and trusted members"):
        check_can_schedule_chats(bob)


def test_it_shows_who_learned_as_the_viewer_may_see_it(alice, bob, carol, dave, erin):
    post = do_create_status(alice, "Pitch their beat")
    do_learn(bob, post, note="public", is_public=True)
    do_learn(carol, post, note="private", is_public=False)
    do_learn(dave, post, note="blocked", is_public=True)
    do_block(dave, erin)
    post.refresh_from_db()  # the counter it reads to skip posts nobody learned from

    def names(viewer) -> list[str]:
        return [
            row.account.username for row in shown_acknowledgements(viewer, [post]).get(post.pk, [])
        ]

    assert names(alice) == ["bob", "carol", "dave"]  # the author sees every one
    assert names(carol) == ["carol"]  # each learner sees their own
    assert names(erin) == []  # others see a count only (shown_learned_count), never names
    assert names(None) == []


def test_it_loads_acknowledgements_in_one_query(alice, bob, carol, django_assert_num_queries):
    posts = [do_create_status(alice, f"Post {n}") for n in range(5)]
    for post in posts:
        do_learn(bob, post)
        do_learn(carol, post)
        post.refresh_from_db()
    with django_assert_num_queries(1):
        shown = shown_acknowledgements(alice, posts)
        assert sum(len(rows) for rows in shown.values()) == 10
        assert {row.account.profile.name for rows in shown.values() for row in rows} == {
            "Bob",
            "Carol",
        }


def test_it_lists_bookmarks_the_member_may_still_see(alice, bob):
    kept = do_create_status(alice, "Kept")
    gone = do_create_status(alice, "Gone")
    do_bookmark(bob, kept)
    do_bookmark(bob, gone)
    do_delete_status(gone)
    assert list(bookmarks_of(bob)) == [kept]
    assert not bookmarks_of(alice).exists()


def test_it_counts_unread_notifications_as_shown(alice, bob, carol):
    post = do_create_status(alice, "Star me")
    check_and_favourite(bob, post)
    check_and_favourite(carol, post)
    assert unread_notifications(alice) == 2
    do_mute(alice, carol)
    assert unread_notifications(alice) == 1
    assert unread_notifications(alice, limit=1) == 1
    do_mark_notifications_read(alice)
    assert unread_notifications(alice) == 0


def test_it_tells_whether_the_viewer_follows_a_track_or_hashtag(alice):
    pr = Track.objects.get(slug="pr")
    assert not follows_track(alice, pr)
    assert not follows_tag(alice, "#PRTips")
    do_follow_track(alice, pr)
    do_follow_tag(alice, "prtips")
    assert follows_track(alice, pr)
    assert follows_tag(alice, "#PRTips")
    assert not follows_track(None, pr)
