"""Read paths for statuses: timelines, threads, pagination — shared by the web UI and the API.

Every timeline starts from ``visible_to(viewer)`` (through ``shown_to``, which adds the rule for
shares) so visibility is decided in one place, and ends in ``for_display`` (and
``complete_page``) so a page of statuses costs a fixed number of queries. The other read paths
the web UI and the API share live here too: member counts, relationships, notifications, chats.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.social.models import (
    AccountStats,
    Block,
    Bookmark,
    Chat,
    Favourite,
    Follow,
    Learned,
    Mute,
    Notification,
    Status,
    TagFollow,
    TrackFollow,
    Visibility,
)
from mentormesh.social.visibility import (
    Viewer,
    blocked_either_way,
    is_member,
    muted_by,
    not_blocked_either_way,
    visible_to,
)

Row = TypeVar("Row", bound=Model)

DEFAULT_LIMIT = 20
MAX_LIMIT = 40


@dataclass(frozen=True)
class PageRequest:
    """Mastodon-style pagination: ``max_id`` (older than), ``since_id`` (newer than, newest
    first), ``min_id`` (newer than, immediately after — oldest first), ``limit``."""

    max_id: int | None = None
    since_id: int | None = None
    min_id: int | None = None
    limit: int = DEFAULT_LIMIT

    @property
    def clamped_limit(self) -> int:
        return max(1, min(self.limit, MAX_LIMIT))


def paginate(statuses: QuerySet[Row], page: PageRequest) -> list[Row]:
    """One page, newest first, whichever way it was asked for. Works for any rows with an
    increasing ``id`` (statuses, notifications, favourites, follows…)."""
    if page.max_id is not None:
        statuses = statuses.filter(id__lt=page.max_id)
    if page.since_id is not None:
        statuses = statuses.filter(id__gt=page.since_id)
    if page.min_id is not None:
        rows = list(statuses.filter(id__gt=page.min_id).order_by("id")[: page.clamped_limit])
        return rows[::-1]
    return list(statuses.order_by("-id")[: page.clamped_limit])


def display_page(statuses: QuerySet[Status], viewer: Viewer, page: PageRequest) -> list[Status]:
    """One page of a timeline, loaded for display: the page's ids through the timeline's
    filter first, then those statuses with what their cards show (``for_display``). Two
    queries where one would do, because the one — the filter joined with everything a card
    shows — costs SQLite ~10x more on a fresh connection (which each request is) and costs more
    to build than the two."""
    ids = [status.pk for status in paginate(statuses.only("pk"), page)]
    loaded = {
        status.pk: status for status in for_display(Status.objects.filter(pk__in=ids), viewer)
    }
    return [loaded[pk] for pk in ids if pk in loaded]


def shown_to(viewer: Viewer) -> Q:
    """``visible_to`` plus one rule for shares: a share is shown only while the post it shares
    is — not deleted, and not by a member who blocked the viewer or whom the viewer blocked."""
    plain = Q(reblog_of__isnull=True)
    alive = Q(reblog_of__deleted_at__isnull=True)
    if not is_member(viewer):
        return visible_to(viewer) & (plain | alive)
    hidden = not_blocked_either_way(viewer, "reblog_of__account")
    return visible_to(viewer) & (plain | (alive & hidden))


def for_display(statuses: QuerySet[Status], viewer: Viewer) -> QuerySet[Status]:
    """Load what a status card shows, plus the viewer's own state, in a fixed number of queries."""
    shown = statuses.select_related(
        "account__profile",
        "in_reply_to_account",
        "reblog_of__account__profile",
        "chat",
        "reblog_of__chat",
    ).prefetch_related(
        "tags",
        "tracks",
        "mentions",
        "reblog_of__tags",
        "reblog_of__tracks",
        "reblog_of__mentions",
    )
    if not is_member(viewer):
        return shown
    return shown.annotate(**_viewer_state(viewer))


VIEWER_STATE = ("viewer_favourited", "viewer_bookmarked", "viewer_learned", "viewer_shared")


def _viewer_state(viewer: User) -> dict[str, Exists]:
    original = OuterRef("pk")
    return {
        "viewer_favourited": Exists(Favourite.objects.filter(account=viewer, status=original)),
        "viewer_bookmarked": Exists(Bookmark.objects.filter(account=viewer, status=original)),
        "viewer_learned": Exists(Learned.objects.filter(account=viewer, status=original)),
        "viewer_shared": Exists(
            Status.objects.filter(account=viewer, reblog_of=original, deleted_at__isnull=True)
        ),
    }


def complete_page(statuses: Sequence[Status], viewer: Viewer) -> None:
    """Finish a page loaded through ``for_display`` with what SQL annotations can't give, in at
    most four more queries for any page size (none when nothing needs them). On every status
    and on every shared original it sets:

    - ``viewer_*`` on shared originals (for_display annotates the share itself);
    - ``shown_in_reply_to_id`` / ``shown_in_reply_to_account_id`` and
      ``shown_accepted_answer_id``: the ids, or None when the viewer may not see that post,
      so a page never reveals that a hidden post exists;
    - ``shown_replies_count``: the replies the viewer may see;
    - ``shown_learned_count``: every acknowledgement for the author; for others the ones their
      learners made public, plus the viewer's own.
    """
    originals = [status.reblog_of for status in statuses if status.reblog_of is not None]
    everything = [*statuses, *originals]
    shown = shown_to(viewer)  # built once: a filter with subqueries costs to build
    _set_viewer_state(originals, viewer)
    _set_shown_links(everything, shown)
    _set_shown_replies(everything, shown)
    _set_shown_learned(everything, viewer)


def _set_viewer_state(originals: Sequence[Status], viewer: Viewer) -> None:
    states: dict[int, dict[str, Any]] = {}
    if is_member(viewer) and originals:
        rows = (
            Status.objects.filter(pk__in={status.pk for status in originals})
            .annotate(**_viewer_state(viewer))
            .values("pk", *VIEWER_STATE)
        )
        states = {row.pop("pk"): row for row in rows}
    for status in originals:
        for name in VIEWER_STATE:
            setattr(status, name, states.get(status.pk, {}).get(name, False))


def _set_shown_links(statuses: Sequence[Status], shown_filter: Q) -> None:
    linked = {
        linked_id
        for status in statuses
        for linked_id in (status.in_reply_to_id, status.accepted_answer_id)
        if linked_id is not None
    }
    shown: set[int] = set()
    if linked:
        shown = set(Status.objects.filter(shown_filter, pk__in=linked).values_list("pk", flat=True))
    for status in statuses:
        parent_shown = status.in_reply_to_id in shown
        status.shown_in_reply_to_id = status.in_reply_to_id if parent_shown else None  # type: ignore[attr-defined]
        status.shown_in_reply_to_account_id = (  # type: ignore[attr-defined]
            status.in_reply_to_account_id if parent_shown else None
        )
        status.shown_accepted_answer_id = (  # type: ignore[attr-defined]
            status.accepted_answer_id if status.accepted_answer_id in shown else None
        )


def _set_shown_replies(statuses: Sequence[Status], shown_filter: Q) -> None:
    with_replies = {status.pk for status in statuses if status.replies_count}
    counts: dict[int, int] = {}
    if with_replies:
        rows = (
            Status.objects.filter(shown_filter, in_reply_to_id__in=with_replies)
            .order_by()
            .values("in_reply_to_id")
            .annotate(n=Count("id"))
        )
        counts = {row["in_reply_to_id"]: row["n"] for row in rows}
    for status in statuses:
        status.shown_replies_count = counts.get(status.pk, 0)  # type: ignore[attr-defined]


def _set_shown_learned(statuses: Sequence[Status], viewer: Viewer) -> None:
    viewer_id = viewer.pk if is_member(viewer) else None
    counted = {
        status.pk for status in statuses if status.learned_count and status.account_id != viewer_id
    }
    counts: dict[int, int] = {}
    if counted:
        allowed = Q(is_public=True) | Q(account_id=viewer_id) if viewer_id else Q(is_public=True)
        rows = (
            Learned.objects.filter(allowed, status_id__in=counted)
            .order_by()
            .values("status_id")
            .annotate(n=Count("id"))
        )
        counts = {row["status_id"]: row["n"] for row in rows}
    for status in statuses:
        status.shown_learned_count = (  # type: ignore[attr-defined]
            status.learned_count if status.account_id == viewer_id else counts.get(status.pk, 0)
        )


def _not_muted(viewer: Viewer) -> Q:
    if not is_member(viewer):
        return Q()
    return ~Q(account_id__in=Mute.objects.filter(account=viewer).values("target_id"))


def home_timeline(viewer: User) -> QuerySet[Status]:
    """Own posts, posts of followed members, and public posts in followed tracks and hashtags."""
    followed = Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("account")))
    in_tracks = Exists(
        Status.tracks.through.objects.filter(
            status=OuterRef("pk"),
            track__in=TrackFollow.objects.filter(account=viewer).values("track"),
        )
    )
    in_tags = Exists(
        Status.tags.through.objects.filter(
            status=OuterRef("pk"), tag__in=TagFollow.objects.filter(account=viewer).values("tag")
        )
    )
    chosen = (
        Q(account=viewer) | followed | (Q(visibility=Visibility.PUBLIC) & (in_tracks | in_tags))
    )
    return Status.objects.filter(shown_to(viewer), chosen, _not_muted(viewer))


def public_timeline(viewer: Viewer) -> QuerySet[Status]:
    """The local public timeline: public original posts (shares excluded, like Mastodon's)."""
    return Status.objects.filter(
        shown_to(viewer), _not_muted(viewer), visibility=Visibility.PUBLIC, reblog_of__isnull=True
    )


def track_timeline(viewer: Viewer, track: Track) -> QuerySet[Status]:
    return public_timeline(viewer).filter(
        Exists(Status.tracks.through.objects.filter(status=OuterRef("pk"), track=track))
    )


def tag_timeline(viewer: Viewer, name: str) -> QuerySet[Status]:
    name = name.lower().lstrip("#")
    return public_timeline(viewer).filter(
        Exists(Status.tags.through.objects.filter(status=OuterRef("pk"), tag__name=name))
    )


def account_timeline(viewer: Viewer, account: User) -> QuerySet[Status]:
    return Status.objects.filter(shown_to(viewer), account=account)


def visible_status(viewer: Viewer, status_id: int) -> Status | None:
    return for_display(Status.objects.filter(shown_to(viewer), pk=status_id), viewer).first()


@dataclass(frozen=True)
class ThreadContext:
    ancestors: list[Status]
    descendants: list[Status]


def thread_context(viewer: Viewer, status: Status) -> ThreadContext:
    """Ancestors (root first) and descendants (depth-first, in order) the viewer may see."""
    root_id = status.thread_root_id or status.pk
    posts = list(
        for_display(
            Status.objects.filter(visible_to(viewer)).filter(
                Q(pk=root_id) | Q(thread_root_id=root_id)
            ),
            viewer,
        ).order_by("id")
    )
    by_id = {post.pk: post for post in posts}
    ancestors: list[Status] = []
    parent_id = status.in_reply_to_id
    while parent_id is not None and parent_id in by_id:
        ancestors.append(by_id[parent_id])
        parent_id = by_id[parent_id].in_reply_to_id
    children: dict[int, list[Status]] = {}
    for post in posts:
        if post.in_reply_to_id is not None:
            children.setdefault(post.in_reply_to_id, []).append(post)
    descendants: list[Status] = []
    stack = list(reversed(children.get(status.pk, [])))
    while stack:
        post = stack.pop()
        descendants.append(post)
        stack.extend(reversed(children.get(post.pk, [])))
    return ThreadContext(ancestors[::-1], descendants)


def chat_posts(viewer: Viewer, chat_id: int) -> QuerySet[Status]:
    return for_display(Status.objects.filter(visible_to(viewer), chat_id=chat_id), viewer).order_by(
        "id"
    )


# ---------------------------------------------------------------- members


@dataclass(frozen=True)
class MemberCounts:
    followers: int = 0
    following: int = 0
    statuses: int = 0  # not deleted, not direct (as Mastodon counts them)
    last_status_at: datetime | None = None


def member_counts(user_ids: Iterable[int]) -> dict[int, MemberCounts]:
    """Follower, following and post counts for many members in one query (their
    ``AccountStats``, kept by the actions; a member without one has none of either)."""
    ids = set(user_ids)
    if not ids:
        return {}
    found = {
        row.user_id: MemberCounts(
            followers=row.followers_count,
            following=row.following_count,
            statuses=row.statuses_count,
            last_status_at=row.last_status_at,
        )
        for row in AccountStats.objects.filter(user_id__in=ids)
    }
    return {user_id: found.get(user_id, MemberCounts()) for user_id in ids}


@dataclass(frozen=True)
class Relationship:
    """The viewer's relationship with one member (Mastodon's Relationship entity)."""

    following: bool = False
    followed_by: bool = False
    blocking: bool = False
    blocked_by: bool = False
    muting: bool = False


def relationships(viewer: User, user_ids: Iterable[int]) -> dict[int, Relationship]:
    """The viewer's relationships with many members in five queries."""
    ids = set(user_ids)
    if not ids:
        return {}

    def targets(rows: QuerySet[Any], field: str) -> set[int]:
        return set(rows.values_list(field, flat=True))

    following = targets(Follow.objects.filter(follower=viewer, followee_id__in=ids), "followee_id")
    followed_by = targets(
        Follow.objects.filter(followee=viewer, follower_id__in=ids), "follower_id"
    )
    blocking = targets(Block.objects.filter(account=viewer, target_id__in=ids), "target_id")
    blocked_by = targets(Block.objects.filter(target=viewer, account_id__in=ids), "account_id")
    muting = targets(Mute.objects.filter(account=viewer, target_id__in=ids), "target_id")
    return {
        user_id: Relationship(
            following=user_id in following,
            followed_by=user_id in followed_by,
            blocking=user_id in blocking,
            blocked_by=user_id in blocked_by,
            muting=user_id in muting,
        )
        for user_id in ids
    }


# ---------------------------------------------------------------- notifications


def notifications_for(viewer: User) -> QuerySet[Notification]:
    """The viewer's notifications that may be shown: about posts the viewer may still see (a
    reply the viewer can't read, or a deleted post, notifies nothing), from active members the
    viewer neither blocked, was blocked by, nor muted."""
    shown_status = Exists(Status.objects.filter(shown_to(viewer), pk=OuterRef("status_id")))
    return (
        Notification.objects.filter(recipient=viewer)
        .filter(Q(status__isnull=True) | shown_status)
        .filter(actor__is_active=True)
        .exclude(actor__in=blocked_either_way(viewer))
        .exclude(actor__in=muted_by(viewer))
    )


def last_read_notification(viewer: User) -> Notification | None:
    """The newest notification the viewer has read (their notifications read marker)."""
    return (
        Notification.objects.filter(recipient=viewer, read_at__isnull=False).order_by("-id").first()
    )


# ---------------------------------------------------------------- chats

UPCOMING, LIVE, PAST = "upcoming", "live", "past"


def chat_state(chat: Chat, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if now < chat.starts_at:
        return UPCOMING
    return LIVE if now < chat.ends_at else PAST


def chats_in_state(state: str | None = None, now: datetime | None = None) -> QuerySet[Chat]:
    """Chats by state: upcoming (soonest first), live (ending soonest first), past (most recent
    first); without a state, every chat, newest start first."""
    now = now or timezone.now()
    chats = Chat.objects.select_related("host__profile").prefetch_related("tracks")
    if state == UPCOMING:
        return chats.filter(starts_at__gt=now).order_by("starts_at", "id")
    if state == LIVE:
        return chats.filter(starts_at__lte=now, ends_at__gt=now).order_by("ends_at", "id")
    if state == PAST:
        return chats.filter(ends_at__lte=now).order_by("-ends_at", "-id")
    return chats.order_by("-starts_at", "-id")


@dataclass(frozen=True)
class RecapQuestion:
    question: Status
    answers: list[Status]  # direct replies to the question the viewer may see, oldest first


def chat_recap(viewer: Viewer, chat: Chat) -> list[RecapQuestion]:
    """Each question the host released (Q1…Qn, in order) with its answers."""
    posts = list(chat_posts(viewer, chat.pk))
    questions = sorted(
        (
            post
            for post in posts
            if post.chat_question is not None and post.account_id == chat.host_id
        ),
        key=lambda post: (post.chat_question, post.pk),
    )
    answers: dict[int, list[Status]] = {}
    for post in posts:
        if post.in_reply_to_id is not None:
            answers.setdefault(post.in_reply_to_id, []).append(post)
    return [RecapQuestion(question, answers.get(question.pk, [])) for question in questions]


# ---------------------------------------------------------------- learned acknowledgements


def acknowledgements(status: Status) -> QuerySet[Learned]:
    """Who learned from ``status``, with their notes: for its author's eyes only."""
    return Learned.objects.filter(status=status, account__is_active=True).select_related(
        "account__profile", "track"
    )


def acknowledgements_for_author(
    author: Viewer, statuses: Iterable[Status]
) -> dict[int, list[Learned]]:
    """The acknowledgements of those ``statuses`` that ``author`` wrote (one query); others get
    none, since only a post's author sees who learned from it."""
    own = [status.pk for status in statuses if is_member(author) and status.account_id == author.pk]
    found: dict[int, list[Learned]] = {}
    if own:
        rows = Learned.objects.filter(status_id__in=own, account__is_active=True).select_related(
            "account__profile", "track"
        )
        for row in rows.order_by("id"):
            found.setdefault(row.status_id, []).append(row)
    return found


def shown_acknowledgements(viewer: Viewer, statuses: Iterable[Status]) -> dict[int, list[Learned]]:
    """Who learned from each of ``statuses``, by name, as ``viewer`` may see it (one query): a
    post's author sees every acknowledgement; anyone else sees only their own. Others get the
    count of learners who let others count them (``shown_learned_count``), never the names.
    Nothing from members on the other side of a block."""
    posts = {status.pk: status for status in statuses if status.learned_count}
    if not posts:
        return {}
    viewer_id = viewer.pk if is_member(viewer) else None
    rows = Learned.objects.filter(status_id__in=posts, account__is_active=True)
    if is_member(viewer):
        rows = rows.exclude(account__in=blocked_either_way(viewer))
    found: dict[int, list[Learned]] = {}
    for row in rows.select_related("account__profile", "track").order_by("id"):
        author_id = posts[row.status_id].account_id
        if viewer_id in (author_id, row.account_id):
            found.setdefault(row.status_id, []).append(row)
    return found


def bookmarks_of(viewer: User) -> QuerySet[Status]:
    """The posts ``viewer`` bookmarked that they may still see (newest post first)."""
    return Status.objects.filter(
        shown_to(viewer), Exists(Bookmark.objects.filter(account=viewer, status=OuterRef("pk")))
    )


def unread_notifications(viewer: User, limit: int = 100) -> int:
    """How many of the viewer's shown notifications are unread, counting at most ``limit``."""
    return notifications_for(viewer).filter(read_at__isnull=True)[:limit].count()


def follows_track(viewer: Viewer, track: Track) -> bool:
    return is_member(viewer) and TrackFollow.objects.filter(account=viewer, track=track).exists()


def follows_tag(viewer: Viewer, name: str) -> bool:
    name = name.lower().lstrip("#")
    return is_member(viewer) and TagFollow.objects.filter(account=viewer, tag__name=name).exists()
