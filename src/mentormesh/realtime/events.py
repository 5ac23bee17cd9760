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
from mentormesh.realtime.log import Event, append_events, events_since, position

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
    transaction commits; nothing happens if it rolls back.

    The events a transaction sends one after another are stored together, in one short
    transaction after the commit (``append_events``), in the order they were sent. A batch
    only ever holds events sent in the same savepoint, with nothing else registered on commit
    in between, so rolling back a savepoint drops exactly its own events (as Django drops its
    on-commit callbacks) and events stay in order with every other callback.
    """
    targets = frozenset(channels)
    if not targets:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _deliver([(event_type, payload, targets)])
        return
    hooks = connection.run_on_commit
    batch = getattr(connection, _BATCH, None)
    if (
        batch is None
        or batch.sent
        or not hooks
        or hooks[-1][1] is not batch
        or hooks[-1][0] != set(connection.savepoint_ids)
    ):
        batch = _Batch()
        setattr(connection, _BATCH, batch)
        transaction.on_commit(batch, robust=True)
    batch.events.append((event_type, payload, targets))


_BATCH = "_mentormesh_event_batch"


class _Batch:
    """The events one transaction sends in a row; stored together when it commits."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any], frozenset[str]]] = []
        self.sent = False
        self.__qualname__ = "send_event_on_commit.<batch>"  # for Django's log, should it fail

    def __call__(self) -> None:
        self.sent = True
        _deliver(self.events)


def _deliver(events: list[tuple[str, dict[str, Any], frozenset[str]]]) -> None:
    stored = append_events(events)
    if stored:
        # One doorbell: every feed reads the log from where it was, so it finds them all.
        get_bus().notify(stored[-1])


def stream_position() -> int:
    """The id of the newest event. A page rendered now can hand it to its EventSource
    (``?last_event_id=``) so that nothing between rendering and connecting is missed."""
    return position().last_id
