"""Who may see which status: the single place that decides, used by every read path.

A status is visible to a viewer when it is not deleted, neither has blocked the other, and
- it is public or unlisted, or
- it is the viewer's own, or
- it is followers-only and the viewer follows the author, or
- it is direct (or followers-only) and mentions the viewer.
Anonymous visitors see public and unlisted statuses only.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, When

from mentormesh.accounts.models import User
from mentormesh.social.models import Block, Follow, Mute, Status, Visibility

Viewer = User | AnonymousUser | None


def is_member(viewer: Viewer) -> TypeGuard[User]:
    return isinstance(viewer, User) and viewer.is_authenticated


def visible_to(viewer: Viewer) -> Q:
    """A filter on Status for what ``viewer`` may see (deletions and blocks included)."""
    open_to_all = Q(visibility__in=(Visibility.PUBLIC, Visibility.UNLISTED))
    if not is_member(viewer):
        return open_to_all & Q(deleted_at__isnull=True)
    follows_author = Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("account")))
    # Followers-only: to followers and the mentioned; direct: to the mentioned.
    allowed = (
        open_to_all
        | Q(account=viewer)
        | (Q(visibility=Visibility.PRIVATE) & follows_author)
        | (Q(visibility__in=(Visibility.PRIVATE, Visibility.DIRECT)) & Exists(_mention_of(viewer)))
    )
    return allowed & Q(deleted_at__isnull=True) & not_blocked_either_way(viewer, "account")


def _mention_of(viewer: User) -> QuerySet[Any]:
    return Status.mentions.through.objects.filter(status=OuterRef("pk"), user=viewer)


def blocked_either_way(viewer: User) -> QuerySet[User]:
    """Members ``viewer`` has blocked or who blocked ``viewer``."""
    # Starting from the block rows (indexed by account and by target), not from every member:
    # the same members, without scanning the user table on each use.
    others = (
        Block.objects.filter(Q(account=viewer) | Q(target=viewer))
        .annotate(other=Case(When(account=viewer, then=F("target_id")), default=F("account_id")))
        .values("other")
    )
    return User.objects.filter(pk__in=others)


def not_blocked_either_way(viewer: User, member: str) -> Q:
    """A filter: the member at ``member`` (a field path to a member) has not blocked ``viewer``,
    nor has ``viewer`` blocked them. The same members as ``blocked_either_way``, as two small
    subqueries on the block rows (each by its index) that cost less to build on every read."""
    return ~Q(**{f"{member}__in": Block.objects.filter(account=viewer).values("target_id")}) & ~Q(
        **{f"{member}__in": Block.objects.filter(target=viewer).values("account_id")}
    )


def muted_by(viewer: User) -> QuerySet[User]:
    return User.objects.filter(pk__in=Mute.objects.filter(account=viewer).values("target_id"))


def is_blocked_between(a: User, b: User) -> bool:
    return Block.objects.filter(Q(account=a, target=b) | Q(account=b, target=a)).exists()


def can_see(viewer: Viewer, status: Status) -> bool:
    return Status.objects.filter(visible_to(viewer), pk=status.pk).exists()


def audience_user_ids(status: Status) -> set[int] | None:
    """Who may see ``status`` among members who follow or are mentioned; None means everyone.

    Used to pick real-time recipients: public/unlisted statuses may go to anyone subscribed;
    followers-only statuses only to followers and the mentioned; direct only to the mentioned.
    """
    if status.visibility in (Visibility.PUBLIC, Visibility.UNLISTED):
        return None
    mentioned = set(status.mentions.values_list("id", flat=True))
    audience = mentioned | {status.account_id}
    if status.visibility == Visibility.PRIVATE:
        audience |= set(
            Follow.objects.filter(followee_id=status.account_id).values_list(
                "follower_id", flat=True
            )
        )
    return audience
