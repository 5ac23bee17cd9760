"""Sending real-time events: typed dicts, stored and announced only after the transaction commits.

Recipients are explicit channels — ``user_channel(id)`` for one member, ``chat_channel(id)`` for
a chat room, ``PUBLIC`` for the local public timeline. Sending to the wrong channel is a
privacy bug, so callers compute channels from who may see the thing, and tests check them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from mentormesh.realtime.bus import get_bus
from mentormesh.realtime.log import Event, append_event, events_since, position

__all__ = [
    "PUBLIC",
    "Event",
    "chat_channel",
    "events_since",
    "send_event_on_commit",
    "stream_position",
    "user_channel",
]

logger = logging.getLogger(__name__)

PUBLIC = "public"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def chat_channel(chat_id: int) -> str:
    return f"chat:{chat_id}"


def send_event_on_commit(event_type: str, payload: dict[str, Any], channels: Iterable[str]) -> None:
    """Store the event for these channels and wake their subscribers, once the current
    transaction commits; nothing happens if it rolls back."""
    targets = frozenset(channels)
    if not targets:
        return

    def deliver() -> None:
        event = append_event(event_type, payload, targets)
        get_bus().notify(event)

    transaction.on_commit(deliver, robust=True)


def stream_position() -> int:
    """The id of the newest event. A page rendered now can hand it to its EventSource
    (``?last_event_id=``) so that nothing between rendering and connecting is missed."""
    return position().last_id
