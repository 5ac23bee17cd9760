"""The streams under a real uvicorn process, with events caused by another process (the
driver), as the task worker or a second server would: in the embedded default (SQLite in a
data directory) the server finds them by polling the event log; with DATABASE_URL set, the
same runs against PostgreSQL.

The cast (from tests/realtime/driver.py): alice posts; bob and carol follow her; erin
follows nobody.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.realtime.live import Driver, Server, SSEClient, migrate, run_id, server_env


@dataclass
class Site:
    server: Server
    driver: Driver
    world: dict[str, Any]

    def stream(self, path: str, member: str | None = None, **options: Any) -> SSEClient:
        session = self.world["sessions"][member] if member else None
        client = SSEClient(self.server.port, path, session=session, **options)
        assert client.status == 200
        return client

    def post(self, text: str, visibility: str = "public", **options: Any) -> str:
        return str(
            self.driver("post", author="alice", text=text, visibility=visibility, **options)["id"]
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    env = server_env(tmp_path_factory.mktemp("live"))
    migrate(env)
    server = Server(env)
    driver = Driver(env)
    try:
        world = driver("setup", run=run_id())
        yield Site(server, driver, world)
        driver("cleanup")
    finally:
        driver.stop()
        server.stop()


def statuses(events) -> list[str]:
    return [e.payload["id"] for e in events if e.event.startswith("status.")]


def test_it_streams_a_public_post_to_the_public_timeline(site):
    with site.stream("/events/public") as client:
        assert client.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        post = site.post("Live from the press room #pr")
        event = client.events_until(post)[-1]
    assert event.event == "status.created"
    assert event.payload == {"type": "status.created", "id": post}
    assert event.id is not None
    assert event.id.isdigit()


def test_it_streams_a_chat_post_to_everyone_watching_the_chat(site):
    path = f"/events/chats/{site.world['chat']}"
    with site.stream(path) as visitor, site.stream(path, "erin") as member:
        post = site.post("Q1: how do you pitch a journalist?", chat=True)
        assert statuses(visitor.events_until(post)) == [post]
        assert statuses(member.events_until(post)) == [post]


def test_it_resumes_after_a_reconnect_with_last_event_id_losing_nothing(site):
    with site.stream("/events/home", "bob") as client:
        first = site.post("Before the tunnel")
        client.events_until(first)
        resume_from = client.last_event_id
    missed = [site.post("While bob was in the tunnel"), site.post("Still in the tunnel")]
    with site.stream("/events/home", "bob", last_event_id=resume_from) as client:
        replayed = [client.next_event(), client.next_event()]
        after = site.post("After the tunnel")
        live = client.events_until(after)
    assert statuses(replayed) == missed
    assert statuses(live) == [after]
    ids = [int(e.id) for e in [*replayed, *live]]
    assert ids == sorted(ids)
    assert int(resume_from) < ids[0]


def test_it_keeps_followers_only_posts_from_non_followers(site):
    with site.stream("/events/home", "bob") as bob, site.stream("/events/home", "erin") as erin:
        private = site.post("For my followers", visibility="private")
        # Ends both watches: a public post for bob's home, a mention notification for erin.
        sentinel = site.post("Hello @{bob} and @{erin}")
        assert statuses(bob.events_until(sentinel)) == [private, sentinel]
        assert statuses(erin.events_until_notification("mention")) == []


def test_it_sends_direct_posts_only_to_the_mentioned(site):
    with site.stream("/events/home", "bob") as bob, site.stream("/events/home", "carol") as carol:
        direct = site.post("Just between us, @{carol}", visibility="direct")
        sentinel = site.post("Good morning, everyone")
        assert statuses(carol.events_until(sentinel)) == [direct, sentinel]
        assert statuses(bob.events_until(sentinel)) == [sentinel]


def test_it_notifies_a_mentioned_member_live(site):
    with site.stream("/events/home", "erin") as erin:
        site.post("Welcome aboard, @{erin}!")
        event = erin.next_event()
    assert event.event == "notification"
    assert event.payload["kind"] == "mention"


def test_it_refuses_bad_requests_clearly(site):
    assert site.server.get("/events/home")[0] == 401
    assert site.server.get("/events/chats/987654321")[0] == 404
    status, body = site.server.get("/events/public", {"Last-Event-ID": "yesterday"})
    assert (status, body) == (
        400,
        "Last-Event-ID must be an event id (a whole number), not 'yesterday'.",
    )
