"""The live streams (Server-Sent Events, JSON payloads). Each view only decides who may
listen to which channel; ``sse_response`` does the rest. See docs/realtime.md."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from mentormesh.accounts.models import User
from mentormesh.realtime.events import PUBLIC, chat_channel, user_channel
from mentormesh.realtime.log import Event
from mentormesh.realtime.sse import MAX_EVENT_ID, once_per_event, read_database, sse_response
from mentormesh.social.models import Chat, Status
from mentormesh.social.visibility import Viewer, blocked_either_way, is_member, muted_by


def render_json(event_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    """This transport's data: ``{"type": <event type>, "id": <status/notification id>, …}``."""
    return {"type": event_type, **payload}


async def home_events(request: HttpRequest) -> HttpResponseBase:
    """The member's own channel: their home timeline and their notifications."""
    viewer = await request.auser()
    if not is_member(viewer):
        return plain_text("Log in to follow your home timeline live.", status=401)
    return sse_response(request, [user_channel(viewer.pk)], render_json, accept=HideMembers(viewer))


async def public_events(request: HttpRequest) -> HttpResponseBase:
    """The local public timeline, for members and visitors."""
    viewer = await request.auser()
    return sse_response(request, [PUBLIC], render_json, accept=HideMembers.for_viewer(viewer))


async def chat_events(request: HttpRequest, chat_id: int) -> HttpResponseBase:
    """A chat room: its public posts, and its start. Every chat is open to watch."""
    if chat_id > MAX_EVENT_ID or not await Chat.objects.filter(pk=chat_id).aexists():
        return plain_text("There is no such chat.", status=404)
    viewer = await request.auser()
    return sse_response(
        request, [chat_channel(chat_id)], render_json, accept=HideMembers.for_viewer(viewer)
    )


def plain_text(message: str, status: int) -> HttpResponse:
    """Errors in plain text: the client is an EventSource, not a person reading a page."""
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class HideMembers:
    """Drops status events by members the viewer blocked, was blocked by, or muted — the
    same members their timelines leave out. Loaded once per stream."""

    def __init__(self, viewer: User) -> None:
        self.viewer = viewer
        self._hidden: frozenset[int] | None = None

    @classmethod
    def for_viewer(cls, viewer: Viewer) -> HideMembers | None:
        return cls(viewer) if is_member(viewer) else None

    async def __call__(self, event: Event) -> bool:
        if not event.type.startswith("status."):
            return True
        if self._hidden is None:
            self._hidden = await read_database(hidden_member_ids, self.viewer)
        if not self._hidden:
            return True
        authors = await once_per_event(status_authors, event) or frozenset()
        return not (authors & self._hidden)


def hidden_member_ids(viewer: User) -> frozenset[int]:
    blocked = blocked_either_way(viewer).values_list("id", flat=True)
    muted = muted_by(viewer).values_list("id", flat=True)
    return frozenset(blocked) | frozenset(muted)


async def status_authors(event: Event) -> frozenset[int]:
    """The author of the event's status, and of the post it shares, if it is a share."""
    raw = str(event.payload.get("id", ""))
    if not raw.isdigit() or int(raw) > MAX_EVENT_ID:
        return frozenset()
    return await read_database(authors_of_status, int(raw))


def authors_of_status(status_id: int) -> frozenset[int]:
    rows = Status.objects.filter(pk=status_id).values_list("account_id", "reblog_of__account_id")
    return frozenset(account for account in rows.first() or () if account is not None)
