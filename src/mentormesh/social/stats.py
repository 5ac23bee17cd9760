"""Members' counters (``AccountStats``): followers, following, posts and the newest post's time.

The actions keep them as they write (``add_*``/``remove_*`` below, one UPDATE each); writers
that insert rows in bulk (``HistoryBatch``, the member deletion's cascades, benchmarks) call
``recount_account_stats`` for the members they touched, which counts from the rows themselves.
Reads (``timelines.member_counts``) then cost one query for a whole page of accounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, F, Max, Q, Value, When

from mentormesh.social.models import AccountStats, Follow, Status, Visibility

BATCH_SIZE = 500


def counts_as_post(status: Status) -> bool:
    """Whether ``status`` is in its author's ``statuses_count`` (as Mastodon counts them)."""
    return status.deleted_at is None and status.visibility != Visibility.DIRECT


def _add(user_id: int, **changes: Any) -> None:
    """Apply ``changes`` to the member's row, creating it (all zero) the first time."""
    if AccountStats.objects.filter(pk=user_id).update(**changes):
        return
    AccountStats.objects.get_or_create(user_id=user_id)
    AccountStats.objects.filter(pk=user_id).update(**changes)


def add_post(status: Status) -> None:
    """A new post or share by ``status.account`` (no-op for direct posts)."""
    if not counts_as_post(status):
        return
    at = status.created_at
    _add(
        status.account_id,
        statuses_count=F("statuses_count") + 1,
        # The newest of the two; a back-dated post doesn't move it back.
        last_status_at=Case(
            When(last_status_at__gte=at, then=F("last_status_at")), default=Value(at)
        ),
    )


def remove_post(status: Status) -> None:
    """``status`` (counted until now) was deleted: one post less, and the newest post's time
    is that of the newest remaining one (found through the author's posts index)."""
    newest = (
        Status.objects.filter(account_id=status.account_id, deleted_at__isnull=True)
        .exclude(visibility=Visibility.DIRECT)
        .exclude(pk=status.pk)
        .order_by("-id")
        .values_list("created_at", flat=True)
        .first()
    )
    AccountStats.objects.filter(pk=status.account_id, statuses_count__gt=0).update(
        statuses_count=F("statuses_count") - 1
    )
    AccountStats.objects.filter(pk=status.account_id).update(last_status_at=newest)


def add_follow(follower_id: int, followee_id: int) -> None:
    _add(follower_id, following_count=F("following_count") + 1)
    _add(followee_id, followers_count=F("followers_count") + 1)


def remove_follow(follower_id: int, followee_id: int) -> None:
    AccountStats.objects.filter(pk=follower_id, following_count__gt=0).update(
        following_count=F("following_count") - 1
    )
    AccountStats.objects.filter(pk=followee_id, followers_count__gt=0).update(
        followers_count=F("followers_count") - 1
    )


def recount_account_stats(user_ids: Iterable[int]) -> None:
    """Set the counters of these members from their follows and posts (a few queries per 500
    members). For writers that insert rows without the actions, and for repairs."""
    ids = sorted(set(user_ids))
    for start in range(0, len(ids), BATCH_SIZE):
        _recount(ids[start : start + BATCH_SIZE])


def _recount(ids: list[int]) -> None:
    followers = _count_by(Follow.objects.filter(followee_id__in=ids), "followee_id")
    following = _count_by(Follow.objects.filter(follower_id__in=ids), "follower_id")
    posts = {
        row["account_id"]: row
        for row in Status.objects.filter(account_id__in=ids, deleted_at__isnull=True)
        .filter(~Q(visibility=Visibility.DIRECT))
        .order_by()
        .values("account_id")
        .annotate(n=Count("id"), last=Max("created_at"))
    }
    rows = [
        AccountStats(
            user_id=user_id,
            followers_count=followers.get(user_id, 0),
            following_count=following.get(user_id, 0),
            statuses_count=posts[user_id]["n"] if user_id in posts else 0,
            last_status_at=posts[user_id]["last"] if user_id in posts else None,
        )
        for user_id in ids
    ]
    AccountStats.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["followers_count", "following_count", "statuses_count", "last_status_at"],
    )


def members_counting_on(user_ids: Iterable[int]) -> set[int]:
    """The other members whose counters count rows of these members (their follows either way,
    and shares of their posts): the ones to recount when these members are deleted."""
    ids = set(user_ids)
    follows = Follow.objects.filter(Q(follower_id__in=ids) | Q(followee_id__in=ids))
    sharers = Status.objects.filter(reblog_of__account_id__in=ids).values_list(
        "account_id", flat=True
    )
    around = set(sharers).union(*follows.values_list("follower_id", "followee_id"))
    return around - ids


def _count_by(rows: Any, field: str) -> dict[int, int]:
    return {row[field]: row["n"] for row in rows.order_by().values(field).annotate(n=Count("id"))}
