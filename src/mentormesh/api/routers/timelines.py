"""Timelines: home, public, hashtag, track (our extension) and a member's posts.

All newest first, paged with `max_id`, `since_id`, `min_id`, `limit` and a `Link` header; each
shows only what the viewer may see (``social.timelines``).
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from pydantic import Field

from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth, optional_auth, viewer
from mentormesh.api.lookups import member_or_404, track_or_404
from mentormesh.api.pagination import PageQuery, set_link_header
from mentormesh.api.schemas import Error, Status, ValidationFailed
from mentormesh.social.content import MAX_TAG, TAG_BODY
from mentormesh.social.models import Status as StatusRow
from mentormesh.social.timelines import (
    account_timeline,
    display_page,
    home_timeline,
    public_timeline,
    tag_timeline,
    track_timeline,
)
from mentormesh.social.visibility import Viewer

router = Router(tags=["timelines"])

ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}


class PublicQuery(PageQuery):
    local: bool = Field(False, description="Accepted; every post here is local.")
    remote: bool = Field(False, description="Only posts from other servers: there are none.")
    only_media: bool = Field(False, description="Only posts with media: there are none yet.")


class AccountStatusesQuery(PageQuery):
    exclude_replies: bool = Field(
        False, description="Leave out replies to others (replies to oneself stay, as threads)."
    )
    exclude_reblogs: bool = Field(False, description="Leave out shares.")
    only_media: bool = Field(False, description="Only posts with media: there are none yet.")
    pinned: bool = Field(False, description="Only pinned posts: mentormesh has no pinning yet.")
    tagged: str = Field("", description="Only posts with this hashtag (without `#`).")


def page_of(
    request: HttpRequest,
    response: HttpResponse,
    reader: Viewer,
    statuses: QuerySet[StatusRow],
    query: PageQuery,
) -> list[Status]:
    page = display_page(statuses, reader, query.page())
    set_link_header(response, request, page, query.page())
    return entities.Page(request, reader, page).statuses(page)


@router.get(
    "/v1/timelines/home",
    auth=member_auth,
    response={200: list[Status], **ERRORS},
    summary="Your home timeline",
)
def home(request: HttpRequest, response: HttpResponse, query: Query[PageQuery]) -> list[Status]:
    """Your posts, posts and shares of members you follow, and public posts in the tracks and
    hashtags you follow, leaving out members you muted or blocked."""
    reader = member(request)
    return page_of(request, response, reader, home_timeline(reader), query)


@router.get(
    "/v1/timelines/public",
    auth=optional_auth,
    response={200: list[Status], **ERRORS},
    summary="The public timeline",
)
def public(request: HttpRequest, response: HttpResponse, query: Query[PublicQuery]) -> list[Status]:
    """Every public post of the community (shares and unlisted posts left out). Every member
    is local, so `local` changes nothing and `remote` finds nothing. No token needed."""
    reader = viewer(request)
    if query.remote or query.only_media:
        return []
    return page_of(request, response, reader, public_timeline(reader), query)


@router.get(
    "/v1/timelines/tag/{hashtag}",
    auth=optional_auth,
    response={200: list[Status], **ERRORS},
    summary="Posts with a hashtag",
)
def hashtag(
    request: HttpRequest, response: HttpResponse, hashtag: str, query: Query[PublicQuery]
) -> list[Status]:
    """Public posts with this hashtag (without `#`, any case). No token needed."""
    reader = viewer(request)
    name = hashtag.lstrip("#")
    if query.remote or query.only_media or not _is_hashtag(name):
        return []
    return page_of(request, response, reader, tag_timeline(reader, name), query)


@router.get(
    "/v1/timelines/track/{slug}",
    auth=optional_auth,
    response={200: list[Status], **ERRORS},
    summary="Posts in a track",
    tags=["timelines", "tracks (mentormesh extension)"],
)
def track(
    request: HttpRequest, response: HttpResponse, slug: str, query: Query[PageQuery]
) -> list[Status]:
    """mentormesh extension: public posts in a specialisation track (posts with the track
    chosen explicitly or through a hashtag mapped to it). An unknown track is 404. No token
    needed."""
    reader = viewer(request)
    return page_of(request, response, reader, track_timeline(reader, track_or_404(slug)), query)


@router.get(
    "/v1/accounts/{id}/statuses",
    auth=optional_auth,
    response={200: list[Status], **ERRORS},
    summary="A member's posts",
    tags=["accounts"],
)
def account_statuses(
    request: HttpRequest, response: HttpResponse, id: str, query: Query[AccountStatusesQuery]
) -> list[Status]:
    """A member's posts and shares that you may see, newest first: `exclude_replies`,
    `exclude_reblogs` and `tagged` narrow them; `only_media` and `pinned` find nothing (no
    media, no pinning yet). No token needed for public posts."""
    reader = viewer(request)
    author = member_or_404(id)
    if query.only_media or query.pinned:
        return []
    statuses = account_timeline(reader, author)
    if query.exclude_replies:
        statuses = statuses.filter(
            Q(in_reply_to__isnull=True) | Q(in_reply_to_account_id=F("account_id"))
        )
    if query.exclude_reblogs:
        statuses = statuses.filter(reblog_of__isnull=True)
    if query.tagged:
        statuses = statuses.filter(tags__name=query.tagged.lstrip("#").lower())
    return page_of(request, response, reader, statuses, query)


def _is_hashtag(name: str) -> bool:
    return len(name) <= MAX_TAG and TAG_BODY.fullmatch(name) is not None
