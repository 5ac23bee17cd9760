"""Read paths for statuses: timelines, threads, pagination — shared by the web UI and the API.

Every timeline starts from ``visible_to(viewer)`` so visibility is decided in one place, and
ends in ``for_display`` so a page of statuses costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.social.models import (
    Bookmark,
    Favourite,
    Follow,
    Learned,
    Status,
    TagFollow,
    TrackFollow,
    Visibility,
)
from mentormesh.social.visibility import Viewer, is_member, muted_by, visible_to

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


def paginate(statuses: QuerySet[Status], page: PageRequest) -> list[Status]:
    """One page, newest first, whichever way it was asked for."""
    if page.max_id is not None:
        statuses = statuses.filter(id__lt=page.max_id)
    if page.since_id is not None:
        statuses = statuses.filter(id__gt=page.since_id)
    if page.min_id is not None:
        rows = list(statuses.filter(id__gt=page.min_id).order_by("id")[: page.clamped_limit])
        return rows[::-1]
    return list(statuses.order_by("-id")[: page.clamped_limit])


def for_display(statuses: QuerySet[Status], viewer: Viewer) -> QuerySet[Status]:
    """Load what a status card shows, plus the viewer's own state, in a fixed number of queries."""
    shown = statuses.select_related(
        "account__profile",
        "in_reply_to_account",
        "reblog_of__account__profile",
        "chat",
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
    original = OuterRef("pk")
    return shown.annotate(
        viewer_favourited=Exists(Favourite.objects.filter(account=viewer, status=original)),
        viewer_bookmarked=Exists(Bookmark.objects.filter(account=viewer, status=original)),
        viewer_learned=Exists(Learned.objects.filter(account=viewer, status=original)),
        viewer_shared=Exists(
            Status.objects.filter(account=viewer, reblog_of=original, deleted_at__isnull=True)
        ),
    )


def _not_muted(viewer: Viewer) -> Q:
    if not is_member(viewer):
        return Q()
    return ~Q(account__in=muted_by(viewer))


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
    return Status.objects.filter(visible_to(viewer), chosen, _not_muted(viewer))


def public_timeline(viewer: Viewer) -> QuerySet[Status]:
    """The local public timeline: public original posts (shares excluded, like Mastodon's)."""
    return Status.objects.filter(
        visible_to(viewer), _not_muted(viewer), visibility=Visibility.PUBLIC, reblog_of__isnull=True
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
    return Status.objects.filter(visible_to(viewer), account=account)


def visible_status(viewer: Viewer, status_id: int) -> Status | None:
    return for_display(Status.objects.filter(visible_to(viewer), pk=status_id), viewer).first()


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
