"""Members' counters (AccountStats): kept by the actions, equal to counting the rows."""

from __future__ import annotations

from datetime import UTC, datetime

from mentormesh.accounts.actions import do_delete_members
from mentormesh.accounts.models import User
from mentormesh.social.actions import (
    do_block,
    do_create_status,
    do_delete_status,
    do_follow,
    do_share,
    do_unfollow,
    do_unshare,
)
from mentormesh.social.models import AccountStats, Visibility
from mentormesh.social.stats import recount_account_stats
from mentormesh.social.timelines import MemberCounts, member_counts


def counts(user: User) -> MemberCounts:
    return member_counts([user.pk])[user.pk]


def recounted(*users: User) -> dict[int, MemberCounts]:
    """What counting the rows gives (the kept counters are put back afterwards)."""
    kept = {row.pk: row for row in AccountStats.objects.filter(pk__in=[u.pk for u in users])}
    recount_account_stats(user.pk for user in users)
    found = member_counts(user.pk for user in users)
    AccountStats.objects.filter(pk__in=[u.pk for u in users]).delete()
    AccountStats.objects.bulk_create(kept.values())
    return found


def at(day: int) -> datetime:
    return datetime(2025, 3, day, 9, 0, tzinfo=UTC)


def test_it_counts_nothing_for_a_new_member(erin):
    assert counts(erin) == MemberCounts()
    assert not AccountStats.objects.filter(pk=erin.pk).exists()


def test_it_counts_posts_and_shares_but_not_direct_posts(alice, bob):
    tip = do_create_status(alice, "Media list tips #pr", created_at=at(1))
    do_create_status(alice, "Just for @bob", visibility=Visibility.DIRECT, created_at=at(2))
    do_create_status(alice, "Followers only", visibility=Visibility.PRIVATE, created_at=at(3))
    do_share(bob, tip, at=at(4))
    assert counts(alice).statuses == 2
    assert counts(alice).last_status_at == at(3)
    assert counts(bob).statuses == 1
    assert counts(bob).last_status_at == at(4)
    assert member_counts([alice.pk, bob.pk]) == recounted(alice, bob)


def test_it_keeps_the_newest_post_time_when_an_older_post_is_back_dated(alice):
    do_create_status(alice, "Today", created_at=at(10))
    do_create_status(alice, "Imported from last week", created_at=at(3))
    assert counts(alice).last_status_at == at(10)


def test_it_forgets_deleted_posts_and_shares(alice, bob):
    older = do_create_status(alice, "Older", created_at=at(1))
    newer = do_create_status(alice, "Newer", created_at=at(2))
    do_share(bob, older, at=at(3))
    do_delete_status(newer)
    do_delete_status(newer)  # twice: counted once
    do_unshare(bob, older)
    assert counts(alice) == MemberCounts(statuses=1, last_status_at=at(1))
    assert counts(bob) == MemberCounts()
    do_delete_status(older)
    assert counts(alice) == MemberCounts()
    assert member_counts([alice.pk, bob.pk]) == recounted(alice, bob)


def test_it_counts_follows_both_ways_once(alice, bob, carol):
    do_follow(bob, alice)
    do_follow(bob, alice)  # again: nothing new
    do_follow(carol, alice)
    do_follow(alice, bob)
    assert counts(alice) == MemberCounts(followers=2, following=1)
    assert counts(bob) == MemberCounts(followers=1, following=1)
    do_unfollow(carol, alice)
    do_unfollow(carol, alice)  # again: nothing to undo
    assert counts(alice) == MemberCounts(followers=1, following=1)
    assert counts(carol) == MemberCounts()
    assert member_counts([alice.pk, bob.pk, carol.pk]) == recounted(alice, bob, carol)


def test_it_ends_the_follows_counted_when_a_member_blocks(alice, bob):
    do_follow(bob, alice)
    do_follow(alice, bob)
    do_block(alice, bob)
    assert counts(alice) == MemberCounts()
    assert counts(bob) == MemberCounts()


def test_it_recounts_members_left_behind_when_members_are_deleted(alice, bob, carol):
    tip = do_create_status(alice, "Media list tips #pr")
    do_share(bob, tip)
    do_follow(bob, alice)
    do_follow(alice, carol)
    do_delete_members(User.objects.filter(pk=alice.pk))
    assert counts(bob) == MemberCounts()  # the share went with alice's post
    assert counts(carol) == MemberCounts()
