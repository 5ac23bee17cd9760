"""Sending real-time events: typed dicts, stored and published only after the transaction commits.

Recipients are explicit channels — ``user_channel(id)`` for one member, ``chat_channel(id)`` for
a chat room, ``PUBLIC`` for the local public timeline. Sending to the wrong channel is a
privacy bug, so callers compute channels from who may see the thing, and tests check them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from mentormesh.realtime.bus import get_bus
from mentormesh.realtime.models import StreamEvent

PUBLIC = "public"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def chat_channel(chat_id: int) -> str:
    return f"chat:{chat_id}"


def send_event_on_commit(event_type: str, payload: dict[str, Any], channels: Iterable[str]) -> None:
    """Store the event for each channel and publish it, once the current transaction commits."""
    targets = sorted(set(channels))
    if not targets:
        return

    def deliver() -> None:
        rows = StreamEvent.objects.bulk_create(
            StreamEvent(channel=channel, type=event_type, payload=payload) for channel in targets
        )
        bus = get_bus()
        for row in rows:
            bus.publish(row.channel, {"id": row.id, "type": event_type, "payload": payload})

    transaction.on_commit(deliver, robust=True)


def events_since(channels: Iterable[str], last_id: int, limit: int = 500) -> list[StreamEvent]:
    """Events stored after ``last_id`` on these channels, oldest first (for Last-Event-ID)."""
    return list(
        StreamEvent.objects.filter(channel__in=list(channels), id__gt=last_id).order_by("id")[
            :limit
        ]
    )
