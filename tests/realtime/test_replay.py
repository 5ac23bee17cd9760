"""Last-Event-ID replay reads exactly the missed events; old events are pruned."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import OperationalError, connections
from django.utils import timezone

from mentormesh.realtime.events import PUBLIC, events_since, stream_position, user_channel
from mentormesh.realtime.log import append_event, events_after, position, prune_stream_events
from mentormesh.realtime.models import StreamEvent, StreamRecipient
from mentormesh.realtime.tasks import prune_stream_events as prune_task


def test_it_replays_exactly_the_missed_events_of_a_channel(db):
    alice, bob = user_channel(1), user_channel(2)
    seen = append_event("status.created", {"id": "10"}, [alice, PUBLIC])
    missed = [
        append_event("status.created", {"id": "11"}, [alice]),
        append_event("notification", {"id": "12"}, [alice]),
    ]
    append_event("status.created", {"id": "13"}, [bob, PUBLIC])
    missed.append(append_event("status.created", {"id": "14"}, [alice, bob]))

    replayed = events_since([alice], seen.id)

    assert [event.id for event in replayed] == [event.id for event in missed]
    assert [event.payload["id"] for event in replayed] == ["11", "12", "14"]


def test_it_replays_an_event_on_two_subscribed_channels_once(db):
    first = append_event("status.created", {"id": "1"}, [PUBLIC])
    both = append_event("status.created", {"id": "2"}, [PUBLIC, user_channel(1)])
    assert [e.id for e in events_since([PUBLIC, user_channel(1)], first.id)] == [both.id]


def test_it_reads_every_new_event_with_its_channels_for_the_feed(db):
    start = stream_position()
    event = append_event("status.created", {"id": "1"}, [PUBLIC, user_channel(7)])
    assert events_after(start) == [event]
    assert events_after(start)[0].channels == {PUBLIC, user_channel(7)}
    assert stream_position() == event.id


def test_it_prunes_old_events_and_remembers_where(db):
    old = append_event("status.created", {"id": "1"}, [PUBLIC])
    later = timezone.now() + timedelta(days=3)
    young = append_event("status.created", {"id": "2"}, [PUBLIC])

    assert prune_stream_events(timedelta(days=2), now=later) == 2
    assert not StreamEvent.objects.exists()
    assert not StreamRecipient.objects.exists()
    assert position().pruned_below > young.id > old.id


def test_it_keeps_recent_events_when_pruning(db):
    kept = append_event("status.created", {"id": "1"}, [PUBLIC])
    assert prune_task.enqueue().return_value == 0  # the test settings run tasks at once
    assert [event.id for event in events_since([PUBLIC], 0)] == [kept.id]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_never_commits_a_smaller_id_after_a_larger_one():
    """Writers in several threads, a reader following "everything after the last id I saw":
    the reader misses nothing, which needs ids to be committed in order."""
    writers, per_writer = 4, 25
    stored: list[int] = []
    seen: list[int] = []
    done = threading.Event()

    def write(number: int) -> None:
        try:
            for n in range(per_writer):
                event = retry_locked(append_event, "test.event", {"n": n}, [user_channel(number)])
                stored.append(event.id)
        finally:
            connections.close_all()

    def follow() -> None:
        try:
            last = 0
            while True:
                finished = done.is_set()
                for event in retry_locked(events_after, last):
                    seen.append(event.id)
                    last = event.id
                if finished:
                    return
        finally:
            connections.close_all()

    reader = threading.Thread(target=follow)
    reader.start()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    done.set()
    reader.join(60)
    assert len(stored) == writers * per_writer
    assert seen == sorted(stored)


def retry_locked(function, *args):
    """pytest-django's in-memory SQLite fails at once on a locked table; the real one waits."""
    for _ in range(200):
        try:
            return function(*args)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.005)
    raise AssertionError("the table stayed locked")
