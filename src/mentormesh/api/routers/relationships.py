"""Relationships: follow, block and mute members; follow hashtags; who follows whom.

Registered before the accounts router, so `/v1/accounts/relationships` is not read as an
account id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from mentormesh.accounts.models import Profile, User
from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth, optional_auth, viewer
from mentormesh.api.lookups import LARGEST_ID, member_or_404, read_input
from mentormesh.api.pagination import PageQuery, set_link_header
from mentormesh.api.schemas import (
    Account,
    Error,
    FollowInput,
    MuteInput,
    Relationship,
    Tag,
    ValidationFailed,
    request_body,
)
from mentormesh.social import actions
from mentormesh.social.content import MAX_TAG, TAG_BODY
from mentormesh.social.models import Follow, TagFollow
from mentormesh.social.models import Tag as TagRow
from mentormesh.social.timelines import paginate, relationships
from mentormesh.social.visibility import is_member

View = TypeVar("View", bound=Callable[..., Any])

router = Router(tags=["relationships"])

ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}
MAX_RELATIONSHIPS = 80


def relationship_with(reader: User, target: User) -> Relationship:
    return entities.relationship(target.pk, relationships(reader, [target.pk])[target.pk])


@router.get(
    "/v1/accounts/relationships",
    auth=member_auth,
    response={200: list[Relationship], **ERRORS},
    summary="Your relationships with members",
    tags=["accounts"],
)
def account_relationships(request: HttpRequest) -> list[Relationship]:
    """Whether you follow, are followed by, block, are blocked by or mute each member named by
    `id[]` (repeat it, up to 80). Unknown ids are left out."""
    reader = member(request)
    wanted = [*request.GET.getlist("id[]"), *request.GET.getlist("id")][:MAX_RELATIONSHIPS]
    ids = list(dict.fromkeys(int(value) for value in wanted if _is_id(value)))
    existing = set(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    found = relationships(reader, existing)
    return [entities.relationship(user_id, found[user_id]) for user_id in ids if user_id in found]


def _relationship_action(
    path: str, summary: str, body: type[Schema] | None = None
) -> Callable[[View], View]:
    return router.post(
        path,
        auth=member_auth,
        response={200: Relationship, **ERRORS},
        summary=summary,
        tags=["accounts"],
        openapi_extra={"requestBody": request_body(body)} if body is not None else None,
    )


@_relationship_action("/v1/accounts/{id}/follow", "Follow a member", FollowInput)
def follow(request: HttpRequest, id: str) -> Relationship:
    """Follow a member: their posts join your home timeline and they are notified. Following
    twice changes nothing; following yourself, or someone on the other side of a block, is 422.
    Mastodon's `reblogs`, `notify` and `languages` are accepted and have no effect yet."""
    reader, target = member(request), member_or_404(id)
    read_input(request, FollowInput)
    actions.check_and_follow(reader, target)
    return relationship_with(reader, target)


@_relationship_action("/v1/accounts/{id}/unfollow", "Unfollow a member")
def unfollow(request: HttpRequest, id: str) -> Relationship:
    """Stop following a member; harmless when you did not."""
    reader, target = member(request), member_or_404(id)
    actions.do_unfollow(reader, target)
    return relationship_with(reader, target)


@_relationship_action("/v1/accounts/{id}/block", "Block a member")
def block(request: HttpRequest, id: str) -> Relationship:
    """Block a member: you no longer see each other's posts anywhere, follows both ways end and
    neither can interact with the other's posts. Blocking yourself is 422."""
    reader, target = member(request), member_or_404(id)
    actions.check_not_self(reader, target, "block")
    actions.do_block(reader, target)
    return relationship_with(reader, target)


@_relationship_action("/v1/accounts/{id}/unblock", "Unblock a member")
def unblock(request: HttpRequest, id: str) -> Relationship:
    """Lift your block; follows that the block ended do not come back."""
    reader, target = member(request), member_or_404(id)
    actions.do_unblock(reader, target)
    return relationship_with(reader, target)


@_relationship_action("/v1/accounts/{id}/mute", "Mute a member", MuteInput)
def mute(request: HttpRequest, id: str) -> Relationship:
    """Mute a member: their posts leave your timelines and they no longer notify you; they are
    not told. Muting yourself is 422; a `duration` other than 0 is refused."""
    reader, target = member(request), member_or_404(id)
    read_input(request, MuteInput)
    actions.check_not_self(reader, target, "mute")
    actions.do_mute(reader, target)
    return relationship_with(reader, target)


@_relationship_action("/v1/accounts/{id}/unmute", "Unmute a member")
def unmute(request: HttpRequest, id: str) -> Relationship:
    """Stop muting a member: their posts and notifications reach you again."""
    reader, target = member(request), member_or_404(id)
    actions.do_unmute(reader, target)
    return relationship_with(reader, target)


@router.get(
    "/v1/accounts/{id}/followers",
    auth=optional_auth,
    response={200: list[Account], **ERRORS},
    summary="A member's followers",
    tags=["accounts"],
)
def followers(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]
) -> list[Account]:
    """The members who follow this member, most recent first, paged with a `Link` header.
    No token needed."""
    target = member_or_404(id)
    rows = Follow.objects.filter(followee=target, follower__is_active=True).select_related(
        "follower__profile"
    )
    page = paginate(rows, query.page())
    set_link_header(response, request, page, query.page())
    return _accounts(request, [row.follower.profile for row in page])


@router.get(
    "/v1/accounts/{id}/following",
    auth=optional_auth,
    response={200: list[Account], **ERRORS},
    summary="Whom a member follows",
    tags=["accounts"],
)
def following(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[PageQuery]
) -> list[Account]:
    """The members this member follows, most recently followed first, paged with a `Link`
    header. No token needed."""
    target = member_or_404(id)
    rows = Follow.objects.filter(follower=target, followee__is_active=True).select_related(
        "followee__profile"
    )
    page = paginate(rows, query.page())
    set_link_header(response, request, page, query.page())
    return _accounts(request, [row.followee.profile for row in page])


def _accounts(request: HttpRequest, profiles: list[Profile]) -> list[Account]:
    page = entities.Page(request, viewer(request), profiles=profiles)
    return [page.account(profile) for profile in profiles]


# ---------------------------------------------------------------------------------------- hashtags


@router.get(
    "/v1/tags/{name}", auth=optional_auth, response={200: Tag, **ERRORS}, summary="A hashtag"
)
def get_tag(request: HttpRequest, name: str) -> Tag:
    """A hashtag (without `#`, any case), the track it belongs to, and whether you follow it.
    A name that is not a hashtag is 404. No token needed."""
    bare = _hashtag_or_404(name)
    reader = viewer(request)
    found = TagRow.objects.select_related("track").filter(name=bare).first()
    following = None
    if is_member(reader):
        following = TagFollow.objects.filter(account=reader, tag__name=bare).exists()
    return entities.tag(request, bare, found, following)


@router.post(
    "/v1/tags/{name}/follow",
    auth=member_auth,
    response={200: Tag, **ERRORS},
    summary="Follow a hashtag",
)
def follow_tag(request: HttpRequest, name: str) -> Tag:
    """Follow a hashtag: its public posts join your home timeline. Following twice changes
    nothing; a name that is not a hashtag is 422."""
    reader = member(request)
    found = actions.check_and_follow_tag(reader, name)
    return entities.tag(request, found.name, found, True)


@router.post(
    "/v1/tags/{name}/unfollow",
    auth=member_auth,
    response={200: Tag, **ERRORS},
    summary="Unfollow a hashtag",
)
def unfollow_tag(request: HttpRequest, name: str) -> Tag:
    """Stop following a hashtag; harmless when you did not."""
    reader = member(request)
    bare = _hashtag_or_404(name)
    actions.do_unfollow_tag(reader, bare)
    found = TagRow.objects.select_related("track").filter(name=bare).first()
    return entities.tag(request, bare, found, False)


@router.get(
    "/v1/followed_tags",
    auth=member_auth,
    response={200: list[Tag], **ERRORS},
    summary="The hashtags you follow",
)
def followed_tags(
    request: HttpRequest, response: HttpResponse, query: Query[PageQuery]
) -> list[Tag]:
    """The hashtags you follow, most recently followed first, paged with a `Link` header."""
    reader = member(request)
    rows = TagFollow.objects.filter(account=reader).select_related("tag__track")
    page = paginate(rows, query.page())
    set_link_header(response, request, page, query.page())
    return [entities.tag(request, row.tag.name, row.tag, True) for row in page]


def _hashtag_or_404(name: str) -> str:
    bare = name.strip().lstrip("#")
    if len(bare) > MAX_TAG or TAG_BODY.fullmatch(bare) is None:
        raise Http404
    return bare.lower()


def _is_id(value: str) -> bool:
    return value.isascii() and value.isdigit() and int(value) <= LARGEST_ID
