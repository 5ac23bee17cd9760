"""Scale-out: two uvicorn processes sharing one database and one Redis. A client on either
process receives events caused by any process, and can resume on the other one; an outage of
Redis delays nothing beyond the polling interval and loses nothing.

Needs Redis at 127.0.0.1:6379 (database 5 for this suite): skipped with a reason when it does
not answer, except under CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from mentormesh.realtime.bus import doorbell_channel
from tests.realtime.live import (
    Driver,
    Server,
    SSEClient,
    free_port,
    migrate,
    run_id,
    server_env,
)

# .ci/run points this at a private Redis when none answers on the usual port.
REDIS_URL = os.environ.get("MENTORMESH_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_answers(url: str = REDIS_URL) -> bool:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


@dataclass
class Pair:
    a: Server
    b: Server
    driver: Driver
    world: dict[str, Any]

    def stream(self, server: Server, path: str, member: str | None = None, **options: Any):
        session = self.world["sessions"][member] if member else None
        client = SSEClient(server.port, path, session=session, **options)
        assert client.status == 200
        return client

    def post(self, text: str, **options: Any) -> str:
        return str(self.driver("post", author="alice", text=text, **options)["id"])


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> Iterator[Pair]:
    if not redis_answers():
        message = f"Redis does not answer at {REDIS_URL}; start redis-server to run this test"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    env = server_env(tmp_path_factory.mktemp("redis"), redis_url=REDIS_URL)
    migrate(env)
    servers: list[Server] = []
    driver = Driver(env)
    try:
        servers += [Server(env), Server(env)]
        world = driver("setup", run=run_id())
        yield Pair(servers[0], servers[1], driver, world)
        driver("cleanup")
    finally:
        driver.stop()
        for server in servers:
            server.stop()


def statuses(events) -> list[str]:
    return [e.payload["id"] for e in events if e.event.startswith("status.")]


def test_it_delivers_an_event_to_clients_of_both_processes(pair):
    chat = f"/events/chats/{pair.world['chat']}"
    with pair.stream(pair.a, chat) as on_a, pair.stream(pair.b, "/events/public") as on_b:
        post = pair.post("A1: listen before you pitch", chat=True)
        assert statuses(on_a.events_until(post)) == [post]
        assert statuses(on_b.events_until(post)) == [post]


def test_it_holds_one_redis_subscription_per_process(pair):
    import redis

    channel = doorbell_channel(REDIS_URL)
    client = redis.Redis.from_url(REDIS_URL)
    opened = [pair.stream(server, "/events/public") for server in (pair.a, pair.b) * 3]
    try:
        # Each process subscribes from its feed thread, just after its first client.
        deadline = time.monotonic() + 10
        while (count := dict(client.pubsub_numsub(channel))[channel.encode()]) < 2:
            assert time.monotonic() < deadline, f"{count} processes listen on {channel}"
            time.sleep(0.1)
    finally:
        for stream in opened:
            stream.close()
        client.close()
    # Two processes with three clients each: one subscription per process, not per client
    # (another test run sharing this Redis database would add its own).
    assert count >= 2


def test_it_resumes_on_the_other_process_losing_nothing(pair):
    with pair.stream(pair.a, "/events/home", "bob") as on_a:
        first = pair.post("Before switching servers")
        on_a.events_until(first)
        resume_from = on_a.last_event_id
    missed = pair.post("While bob reconnects")
    with pair.stream(pair.b, "/events/home", "bob", last_event_id=resume_from) as on_b:
        replayed = on_b.next_event()
        after = pair.post("After bob reconnected")
        live = on_b.events_until(after)
    assert statuses([replayed]) == [missed]
    assert statuses(live) == [after]


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed; apt-get install redis-server to run this test"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = PrivateRedis(tmp_path)
    try:
        yield server
    finally:
        server.stop()


class PrivateRedis:
    """A redis-server of this test's own, which it may stop and start again."""

    def __init__(self, directory) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while not redis_answers(self.url):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def test_it_loses_nothing_while_redis_is_away(private_redis, tmp_path):
    env = server_env(tmp_path / "data", redis_url=private_redis.url)
    migrate(env)
    driver = Driver(env)
    server = None
    try:
        world = driver("setup", run=run_id())
        server = Server(env)
        pair = Pair(server, server, driver, world)
        with pair.stream(server, "/events/public") as client:
            before = pair.post("Redis is here")
            assert statuses(client.events_until(before)) == [before]
            private_redis.stop()
            # Stored, but nobody can ring: the server notices and reads the log itself.
            during = pair.post("Redis is away")
            assert statuses(client.events_until(during)) == [during]
            private_redis.start()
            after = pair.post("Redis is back")
            assert statuses(client.events_until(after)) == [after]
        driver("cleanup")
    finally:
        driver.stop()
        if server is not None:
            server.stop()


def test_it_keeps_deployments_on_different_redis_databases_apart():
    assert doorbell_channel("redis://127.0.0.1:6379/5") == "mentormesh:5:events"
    assert doorbell_channel("redis://redis.internal") == "mentormesh:0:events"
    assert doorbell_channel("unix:///run/redis.sock?db=3") == "mentormesh:3:events"
