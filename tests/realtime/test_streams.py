"""The SSE stream itself: replay then live with no gap and no duplicate, rendering once per
event however many listen, heartbeats, a lifetime, clean unsubscription, catching up."""

import asyncio
import json

import pytest

from mentormesh.realtime import bus as bus_module
from mentormesh.realtime.bus import get_bus
from mentormesh.realtime.events import PUBLIC, send_event_on_commit, user_channel
from mentormesh.realtime.log import append_event, prune_stream_events
from mentormesh.realtime.sse import KEEP_ALIVE, event_stream, format_frame
from mentormesh.realtime.views import HideMembers, render_json
from mentormesh.social.actions import do_block, do_create_status
from tests.realtime.conftest import committed, run

# The feed thread reads the log on its own connection, so the events must be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FRAME_WAIT = 10


async def next_frame(stream) -> str:
    return await asyncio.wait_for(anext(stream), FRAME_WAIT)


async def next_event(stream) -> dict:
    """The next frame that carries data, parsed: {"id", "event", "data"}."""
    while True:
        frame = await next_frame(stream)
        if "data:" in frame:
            return parse(frame)


def parse(frame: str) -> dict:
    fields = dict(line.split(": ", 1) for line in frame.strip("\n").split("\n"))
    fields["data"] = json.loads(fields["data"])
    return fields


def emit(event_type: str, payload: dict, channels: list[str]):
    return committed(append_and_notify, event_type, payload, channels)


def append_and_notify(event_type, payload, channels):
    event = append_event(event_type, payload, channels)
    get_bus().notify(event)
    return event


def test_it_frames_data_of_several_lines_safely():
    assert format_frame(7, "status.created", "<p>one</p>\r\n<p>two</p>\rthree") == (
        "id: 7\nevent: status.created\ndata: <p>one</p>\ndata: <p>two</p>\ndata: three\n\n"
    )
    assert format_frame(8, "bad\ntype", "") == "id: 8\nevent: bad type\ndata: \n\n"


def test_it_renders_each_event_once_however_many_clients_listen(alice):
    calls = []

    async def render(event_type, payload):
        calls.append(payload["id"])
        await asyncio.sleep(0.01)  # still rendering while the other clients ask for it
        return {"type": event_type, **payload}

    async def main():
        streams = [event_stream([PUBLIC], render, heartbeat=60) for _ in range(50)]
        for stream in streams:
            assert (await next_frame(stream)).startswith("retry: ")
        status = await committed(do_create_status, alice, "Hello, everyone #pr")
        received = await asyncio.gather(*(next_event(stream) for stream in streams))
        for stream in streams:
            await stream.aclose()
        return status, received

    status, received = run(main)
    assert {r["data"]["id"] for r in received} == {str(status.pk)}
    assert len({r["id"] for r in received}) == 1
    assert calls == [str(status.pk)]


def test_it_replays_then_goes_live_without_gap_or_duplicate(db):
    async def main():
        seen = await emit("status.created", {"id": "1"}, [PUBLIC])
        missed = await emit("status.created", {"id": "2"}, [PUBLIC])
        stream = event_stream([PUBLIC], render_json, last_event_id=seen.id, heartbeat=60)
        assert (await next_frame(stream)).startswith("retry: ")  # subscribed now
        # Stored after subscribing but before the replay reads the log: it is both replayed
        # and queued live, and must arrive once.
        raced = await emit("status.created", {"id": "3"}, [PUBLIC])
        await asyncio.sleep(0.3)
        replayed = [await next_event(stream), await next_event(stream)]
        live = await emit("status.created", {"id": "4"}, [PUBLIC])
        after = await next_event(stream)
        await stream.aclose()
        return [missed.id, raced.id, live.id], [*replayed, after]

    expected, frames = run(main)
    assert [int(frame["id"]) for frame in frames] == expected
    assert [frame["data"]["id"] for frame in frames] == ["2", "3", "4"]


def test_it_starts_a_new_client_at_the_current_position(db):
    async def main():
        await emit("status.created", {"id": "old"}, [PUBLIC])
        stream = event_stream([PUBLIC], render_json, heartbeat=60)
        hello = await next_frame(stream)
        new = await emit("status.created", {"id": "new"}, [PUBLIC])
        event = await next_event(stream)
        await stream.aclose()
        return hello, new, event

    hello, new, event = run(main)
    position = int(hello.split("id: ")[1])
    assert position < new.id
    assert event["data"]["id"] == "new"


def test_it_only_sends_the_events_of_its_channels(db):
    async def main():
        stream = event_stream([user_channel(1)], render_json, heartbeat=60)
        await next_frame(stream)
        await emit("status.created", {"id": "for-2"}, [user_channel(2)])
        await emit("status.created", {"id": "for-1"}, [user_channel(1)])
        event = await next_event(stream)
        await stream.aclose()
        return event

    assert run(main)["data"]["id"] == "for-1"


def test_it_sends_heartbeats_and_ends_after_its_lifetime(db):
    async def main():
        stream = event_stream([PUBLIC], render_json, heartbeat=0.05, max_lifetime=0.5)
        return [frame async for frame in stream]

    frames = run(main)
    assert frames[0].startswith("retry: ")
    assert KEEP_ALIVE in frames
    assert get_bus().subscriber_count() == 0


def test_it_unsubscribes_when_the_client_disconnects(db):
    async def main():
        bus = get_bus()
        closed = event_stream([PUBLIC], render_json, heartbeat=60)
        await next_frame(closed)
        cancelled = event_stream([PUBLIC], render_json, heartbeat=60)
        await next_frame(cancelled)
        waiting = asyncio.ensure_future(anext(cancelled))
        await asyncio.sleep(0.05)
        assert bus.subscriber_count() == 2
        await closed.aclose()  # GeneratorExit
        waiting.cancel()  # how Django reports a disconnect: CancelledError in the generator
        with pytest.raises(asyncio.CancelledError):
            await waiting
        return bus.subscriber_count()

    assert run(main) == 0


def test_it_catches_up_from_the_log_when_a_client_falls_behind(db, monkeypatch):
    monkeypatch.setattr(bus_module, "QUEUE_LIMIT", 3)

    async def main():
        stream = event_stream([PUBLIC], render_json, heartbeat=60)
        await next_frame(stream)
        sent = [(await emit("status.created", {"id": str(n)}, [PUBLIC])).id for n in range(10)]
        await asyncio.sleep(0.5)  # the feed overflows this client's queue meanwhile
        received = [int((await next_event(stream))["id"]) for _ in range(10)]
        await stream.aclose()
        return sent, received

    sent, received = run(main)
    assert received == sent


def test_it_tells_a_client_from_before_pruning_to_reload(db):
    from datetime import timedelta

    from django.utils import timezone

    old = append_event("status.created", {"id": "1"}, [PUBLIC])
    prune_stream_events(timedelta(0), now=timezone.now() + timedelta(seconds=1))

    async def main():
        stream = event_stream([PUBLIC], render_json, last_event_id=old.id, heartbeat=60)
        await next_frame(stream)
        event = await next_event(stream)
        await stream.aclose()
        return event

    event = run(main)
    assert event["event"] == "stream.reset"
    assert event["data"] == {"type": "stream.reset"}


def test_it_hides_posts_of_blocked_members_from_a_viewer(alice, bob, carol):
    do_block(carol, alice)

    async def main():
        stream = event_stream([PUBLIC], render_json, accept=HideMembers(carol), heartbeat=60)
        await next_frame(stream)
        await committed(do_create_status, alice, "Carol must not see this")
        shown = await committed(do_create_status, bob, "Carol may see this")
        event = await next_event(stream)
        await stream.aclose()
        return shown, event

    shown, event = run(main)
    assert event["data"]["id"] == str(shown.pk)


def test_it_skips_events_the_renderer_declines_or_fails_on(db):
    def render(event_type, payload):
        if payload["id"] == "boom":
            raise ValueError("cannot render")
        return None if payload["id"] == "skip" else f"<p>{payload['id']}</p>\n<p>end</p>"

    async def main():
        stream = event_stream([PUBLIC], render, heartbeat=60)
        await next_frame(stream)
        for name in ("boom", "skip", "shown"):
            await emit("status.created", {"id": name}, [PUBLIC])
        frame = await next_frame(stream)
        await stream.aclose()
        return frame

    assert run(main).endswith("data: <p>shown</p>\ndata: <p>end</p>\n\n")


def test_it_delivers_events_sent_on_commit_by_the_actions(alice):
    async def main():
        stream = event_stream([user_channel(alice.pk)], render_json, heartbeat=60)
        await next_frame(stream)
        await committed(send_event_on_commit, "test.event", {"id": "x"}, [user_channel(alice.pk)])
        event = await next_event(stream)
        await stream.aclose()
        return event

    assert run(main)["data"] == {"type": "test.event", "id": "x"}
