"""The event log: events stored with commit-ordered ids, read back, and pruned.

An event's id is taken from the one ``StreamSequence`` row inside the transaction that stores
the event (a transaction's events are stored together: one bump of the row for all of them). The row stays locked until that transaction commits, so a smaller id is always
committed before a larger one, in every process and on SQLite and PostgreSQL alike. Reading
"all events after N" therefore never skips an event that commits later with a smaller id:
Last-Event-ID replay and the cross-process feed (``bus.Fanout``) are both exact.

Ids stay time-sortable like every other id here (``snowflake_id``): the next id is the larger
of "now" and "the last id + 1".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.fields import BigIntegerField
from django.db.models.functions import Greatest
from django.utils import timezone

from mentormesh import rows
from mentormesh.realtime.models import StreamEvent, StreamRecipient, StreamSequence
from mentormesh.social.ids import id_floor, snowflake_id

SEQUENCE_ROW = 1
RETENTION = timedelta(days=2)
PRUNE_BATCH = 5_000


@dataclass(frozen=True)
class Event:
    """One event as subscribers see it. ``channels`` is empty for replayed events."""

    id: int
    type: str
    payload: dict[str, Any]
    channels: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Position:
    """The last event id handed out, and the id below which events were pruned."""

    last_id: int
    pruned_below: int


def append_event(event_type: str, payload: dict[str, Any], channels: Iterable[str]) -> Event:
    """Store one event for ``channels`` in its own transaction; returns it with its new id."""
    return append_events([(event_type, payload, channels)])[0]


def append_events(
    events: Sequence[tuple[str, dict[str, Any], Iterable[str]]],
) -> list[Event]:
    """Store several events in one transaction (one sequence bump, one insert for the events
    and one for their channels); returns them with their new ids, in the order given."""
    batch = [(event_type, payload, frozenset(channels)) for event_type, payload, channels in events]
    if not batch:
        return []
    with transaction.atomic():
        last_id = _take_ids(len(batch))
        first_id = last_id - len(batch) + 1
        stored = [
            Event(first_id + n, event_type, payload, targets)
            for n, (event_type, payload, targets) in enumerate(batch)
        ]
        rows.insert(
            [StreamEvent(id=event.id, type=event.type, payload=event.payload) for event in stored]
        )
        rows.insert(
            [
                StreamRecipient(event_id=event.id, channel=channel)
                for event in stored
                for channel in sorted(event.channels)
            ]
        )
    return stored


def _take_ids(count: int) -> int:
    """Lock the sequence row (until commit) and move it on by ``count``; returns the new last
    id, so the ids taken are ``last - count + 1 .. last`` (all above every earlier id and at
    least "now")."""
    floor = snowflake_id() + count - 1
    if connection.features.can_return_columns_from_insert:  # SQLite >= 3.35, PostgreSQL
        found = rows.select(
            f"UPDATE {rows.table(StreamSequence)} SET last_id = CASE WHEN last_id + %s > %s "  # noqa: S608 (a model's table name)
            "THEN last_id + %s ELSE %s END WHERE id = %s RETURNING last_id",
            [count, floor, count, floor, SEQUENCE_ROW],
        )
        if found:
            return int(found[0][0])
    now_id = Value(floor, output_field=BigIntegerField())
    sequence = StreamSequence.objects.filter(pk=SEQUENCE_ROW)
    if not sequence.update(last_id=Greatest(F("last_id") + count, now_id)):
        # The row is made by a migration; a test database flush removes it.
        StreamSequence.objects.get_or_create(pk=SEQUENCE_ROW)
        sequence.update(last_id=Greatest(F("last_id") + count, now_id))
    return sequence.values_list("last_id", flat=True).get()


def position() -> Position:
    row = StreamSequence.objects.filter(pk=SEQUENCE_ROW).values_list("last_id", "pruned_below")
    last_id, pruned_below = row.first() or (0, 0)
    return Position(last_id, pruned_below)


def events_after(after_id: int, limit: int = 1_000) -> list[Event]:
    """Every event after ``after_id`` with its channels, oldest first (the feed's read)."""
    rows = list(StreamEvent.objects.filter(id__gt=after_id).order_by("id")[:limit])
    if not rows:
        return []
    channels: dict[int, set[str]] = defaultdict(set)
    recipients = StreamRecipient.objects.filter(
        event_id__gte=rows[0].id, event_id__lte=rows[-1].id
    ).values_list("event_id", "channel")
    for event_id, channel in recipients:
        channels[event_id].add(channel)
    return [Event(row.id, row.type, row.payload, frozenset(channels[row.id])) for row in rows]


def events_since(channels: Iterable[str], last_id: int, limit: int = 500) -> list[Event]:
    """Events on any of ``channels`` after ``last_id``, oldest first, each once (replay)."""
    on_channels = StreamRecipient.objects.filter(
        channel__in=list(channels), event_id__gt=last_id
    ).values("event_id")
    rows = StreamEvent.objects.filter(id__in=on_channels).order_by("id")[:limit]
    return [Event(row.id, row.type, row.payload) for row in rows]


def prune_stream_events(older_than: timedelta = RETENTION, now: datetime | None = None) -> int:
    """Delete events older than ``older_than``; returns how many. A client that asks to
    resume from before the pruned point gets a ``stream.reset`` event instead of a replay."""
    floor = id_floor((now or timezone.now()) - older_than)
    deleted = 0
    while True:
        batch = StreamEvent.objects.filter(id__lt=floor).order_by("id").values_list("id", flat=True)
        ids = list(batch[:PRUNE_BATCH])
        if not ids:
            break
        with transaction.atomic():
            StreamRecipient.objects.filter(event_id__lte=ids[-1]).delete()
            deleted += StreamEvent.objects.filter(id__lte=ids[-1]).delete()[0]
    StreamSequence.objects.filter(pk=SEQUENCE_ROW, pruned_below__lt=floor).update(
        pruned_below=floor
    )
    return deleted
