"""Notifications and the read marker (Mastodon's markers API).

Types are Mastodon's `mention` (a reply to you is a mention of you, as Mastodon delivers it),
`favourite`, `reblog` and `follow`, plus mentormesh's `learned`, `accepted`, `chat_starting`,
`thanks` (a thank-you note from a member who counts you as a mentor) and the mentorship kinds
(`request`, `request_accepted`, `unavailable`, `nudge`, `closed_thanks`); `mentormesh.kind`
tells a reply from a mention.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router
from pydantic import Field

from mentormesh.accounts.models import User
from mentormesh.api import entities
from mentormesh.api.auth import member, member_auth
from mentormesh.api.lookups import LARGEST_ID, parse_id
from mentormesh.api.pagination import PageQuery, set_link_header
from mentormesh.api.payload import read_payload
from mentormesh.api.schemas import Error, Marker, Notification, UnreadCount, ValidationFailed
from mentormesh.social import actions
from mentormesh.social.models import Notification as NotificationRow
from mentormesh.social.models import NotificationKind, Status
from mentormesh.social.timelines import (
    for_display,
    last_read_notification,
    notifications_for,
    paginate,
)

router = Router(tags=["notifications"])

ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: ValidationFailed}
# API type → the kinds it covers.
TYPES: dict[str, set[str]] = {
    "mention": {NotificationKind.MENTION, NotificationKind.REPLY},
    **{
        kind.value: {kind.value}
        for kind in NotificationKind
        if kind not in (NotificationKind.MENTION, NotificationKind.REPLY)
    },
}
UNREAD_LIMIT, MAX_UNREAD_LIMIT = 100, 1000


class NotificationsQuery(PageQuery):
    types: list[str] = Field(
        default_factory=list,
        alias="types[]",
        description="Only these types (repeat `types[]=`); unknown types are ignored.",
    )
    exclude_types: list[str] = Field(
        default_factory=list, alias="exclude_types[]", description="Leave out these types."
    )
    account_id: str = Field("", description="Only notifications from this member.")


class UnreadCountQuery(NotificationsQuery):
    limit: int = Field(UNREAD_LIMIT, description=f"Count at most this many (≤ {MAX_UNREAD_LIMIT}).")


def filtered(reader: User, query: NotificationsQuery) -> QuerySet[NotificationRow]:
    rows = notifications_for(reader)
    if query.types:
        rows = rows.filter(kind__in=_kinds(query.types))
    if query.exclude_types:
        rows = rows.exclude(kind__in=_kinds(query.exclude_types))
    if query.account_id:
        rows = rows.filter(actor_id=parse_id(query.account_id))
    return rows


def _kinds(types: list[str]) -> set[str]:
    return set().union(*(TYPES.get(name, set()) for name in types))


def render(request: HttpRequest, reader: User, rows: list[NotificationRow]) -> list[Notification]:
    ids = {row.status_id for row in rows if row.status_id is not None}
    statuses = {
        status.pk: status for status in for_display(Status.objects.filter(pk__in=ids), reader)
    }
    profiles = [row.actor.profile for row in rows if row.actor is not None]
    profiles += [row.chat.host.profile for row in rows if row.chat is not None]
    page = entities.Page(request, reader, list(statuses.values()), profiles)
    return [page.notification(row, statuses) for row in rows]


def with_details(rows: QuerySet[NotificationRow]) -> QuerySet[NotificationRow]:
    return rows.select_related("actor__profile", "chat__host__profile", "track").prefetch_related(
        "chat__tracks"
    )


@router.get(
    "/v1/notifications",
    auth=member_auth,
    response={200: list[Notification], **ERRORS},
    summary="Your notifications",
)
def notifications(
    request: HttpRequest, response: HttpResponse, query: Query[NotificationsQuery]
) -> list[Notification]:
    """Your notifications, newest first, paged with `max_id`/`since_id`/`min_id` and a `Link`
    header; `types[]`, `exclude_types[]` and `account_id` narrow them. Notifications about posts
    you may no longer see (deleted, or by a member on the other side of a block) and from muted
    members are left out."""
    reader = member(request)
    page = paginate(with_details(filtered(reader, query)), query.page())
    set_link_header(response, request, page, query.page())
    return render(request, reader, page)


@router.get(
    "/v1/notifications/unread_count",
    auth=member_auth,
    response={200: UnreadCount, **ERRORS},
    summary="How many notifications are unread",
)
def unread_count(request: HttpRequest, query: Query[UnreadCountQuery]) -> UnreadCount:
    """Mastodon 4.3: the number of notifications you have not read (up to `limit`, 100 by
    default, at most 1,000), with the same filters as the list. Mark them read with
    POST /api/v1/markers."""
    limit = max(1, min(query.limit, MAX_UNREAD_LIMIT))
    unread = filtered(member(request), query).filter(read_at__isnull=True)
    return UnreadCount(count=unread[:limit].count())


@router.post(
    "/v1/notifications/clear",
    auth=member_auth,
    response={200: dict[str, Any], **ERRORS},
    summary="Delete all your notifications",
)
def clear(request: HttpRequest) -> dict[str, Any]:
    """Delete every notification you have. Returns an empty object."""
    actions.do_clear_notifications(member(request))
    return {}


@router.get(
    "/v1/notifications/{id}",
    auth=member_auth,
    response={200: Notification, **ERRORS},
    summary="One notification",
)
def notification(request: HttpRequest, id: str) -> Notification:
    """One of your notifications; anyone else's, or one about a post you may no longer see,
    is 404."""
    reader = member(request)
    row = with_details(notifications_for(reader)).filter(pk=parse_id(id)).first()
    if row is None:
        raise Http404
    return render(request, reader, [row])[0]


@router.post(
    "/v1/notifications/{id}/dismiss",
    auth=member_auth,
    response={200: dict[str, Any], **ERRORS},
    summary="Delete one notification",
)
def dismiss(request: HttpRequest, id: str) -> dict[str, Any]:
    """Delete one of your notifications (404 if you have no such notification). Returns an
    empty object."""
    if not actions.do_dismiss_notification(member(request), parse_id(id)):
        raise Http404
    return {}


# ----------------------------------------------------------------------------------------- markers


@router.get(
    "/v1/markers",
    auth=member_auth,
    response={200: dict[str, Marker], **ERRORS},
    summary="Your read markers",
    tags=["notifications", "markers"],
)
def markers(request: HttpRequest) -> dict[str, Marker]:
    """Mastodon's read markers, for `timeline[]=notifications`: the newest notification you
    have read. mentormesh keeps no marker for `home`, so it is never in the answer."""
    wanted = request.GET.getlist("timeline[]") + request.GET.getlist("timeline")
    return _markers(member(request), wanted)


@router.post(
    "/v1/markers",
    auth=member_auth,
    response={200: dict[str, Marker], **ERRORS},
    summary="Mark notifications read",
    tags=["notifications", "markers"],
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "notifications": {
                                "type": "object",
                                "properties": {"last_read_id": {"type": "string"}},
                            }
                        },
                    },
                    "example": {"notifications": {"last_read_id": "113612345678901234"}},
                },
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"notifications[last_read_id]": {"type": "string"}},
                    }
                },
            }
        }
    },
)
def set_markers(request: HttpRequest) -> dict[str, Marker]:
    """Mark your notifications read up to `notifications[last_read_id]` (JSON:
    `{"notifications": {"last_read_id": "…"}}`). A `home` marker is accepted and not kept.
    Returns the markers you set."""
    reader = member(request)
    last_read = _last_read_id(read_payload(request).data)
    if last_read is not None:
        actions.do_mark_notifications_read(reader, last_read)
    return _markers(reader, ["notifications"] if last_read is not None else [])


def _last_read_id(data: dict[str, Any]) -> int | None:
    nested = data.get("notifications")
    value = nested.get("last_read_id") if isinstance(nested, dict) else None
    value = data.get("notifications[last_read_id]", value)
    if value is None:
        return None
    text = str(value)
    if not text.isascii() or not text.isdigit() or int(text) > LARGEST_ID:
        raise ValidationError({"notifications.last_read_id": "An id is a string of digits."})
    return int(text)


def _markers(reader: User, timelines: list[str]) -> dict[str, Marker]:
    if "notifications" not in timelines:
        return {}
    last = last_read_notification(reader)
    if last is None:
        return {}
    read = NotificationRow.objects.filter(recipient=reader, read_at__isnull=False).count()
    return {
        "notifications": Marker(
            last_read_id=str(last.pk),
            version=read,
            updated_at=entities.iso_datetime(last.read_at or timezone.now()),
        )
    }
