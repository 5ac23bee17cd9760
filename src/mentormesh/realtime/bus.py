"""Handing new events to the SSE streams of this process, whichever process stored them.

The event log (``realtime.log``) is the single source of truth. Each server process runs one
``Fanout``: a background thread that follows the log ("every event after the last one I
handed out") and puts each new event into the asyncio queue of every local subscription to
one of its channels. One read serves all local subscribers, however many there are.

What differs between the two buses is only how that thread learns there is something new:

- ``LocalBus`` (embedded default): a process that stores an event wakes its own thread at
  once; events stored by other processes (the task worker, the CLI, other server workers) are
  found by polling the log every ``REALTIME_POLL_SECONDS`` (default 1).
- ``RedisBus`` (``REDIS_URL`` set): a process that stores an event also publishes a one-line
  "doorbell" on one Redis pub/sub channel; every process holds one subscription to it and
  reads the log when it rings. After (re)connecting to Redis the thread reads the log once,
  so events stored while the connection was down are not lost; while Redis is unreachable
  it polls instead.

Because delivery always comes from the log in id order, a subscriber sees events in order,
without gaps, and a doorbell that is lost or rung twice does no harm.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Final, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

from mentormesh.realtime import log as event_log
from mentormesh.realtime.log import Event

logger = logging.getLogger(__name__)

QUEUE_LIMIT = 512  # events waiting for one slow client before it catches up from the log
READ_BATCH = 1_000
START_TIMEOUT = 30.0
REDIS_WAIT = 0.5  # how long one Redis read blocks, so that stopping is prompt
# With Redis connected the feed reads the log on doorbells, and on this interval only as a
# safety net (for an event whose process could not reach Redis to ring).
REDIS_SAFETY_POLL = 30.0


class Marker:
    """A queue item that is not an event."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name.upper()


# Queued instead of the events a subscriber fell too far behind on: re-read the log.
RESYNC: Final = Marker("resync")


class Subscription:
    """A local subscriber's queue. ``start_id``: every event after it will be queued."""

    def __init__(
        self,
        fanout: Fanout,
        channels: frozenset[str],
        loop: asyncio.AbstractEventLoop,
        start_id: int,
    ) -> None:
        self.channels = channels
        self.loop = loop
        self.start_id = start_id
        self.closed = False
        self._fanout = fanout
        self._queue: asyncio.Queue[Event | Marker] = asyncio.Queue(QUEUE_LIMIT)

    async def get(self) -> Event | Marker:
        return await self._queue.get()

    def put(self, item: Event | Marker) -> None:
        """Queue an item; runs on the subscription's own event loop."""
        if self.closed:
            return
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            while not self._queue.empty():
                self._queue.get_nowait()
            self._queue.put_nowait(RESYNC)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._fanout.remove(self)


class Bus(Protocol):
    def notify(self, event: Event) -> None:
        """Tell every process that ``event`` was stored (called right after its commit)."""

    async def subscribe(self, channels: Iterable[str]) -> Subscription: ...

    def close(self) -> None: ...


def _put_all(items: list[tuple[Subscription, Event]]) -> None:
    for subscription, event in items:
        subscription.put(event)


class Fanout:
    """Follows the event log from one thread and hands events to local subscriptions."""

    def __init__(self, poll_interval: float) -> None:
        self.poll_interval = poll_interval
        self._lock = threading.Lock()
        self._by_channel: dict[str, set[Subscription]] = defaultdict(set)
        self._handed_out = 0  # the last event id handed out (read from the log at start)
        self._started = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # ---- subscribers (any event loop)

    async def subscribe(self, channels: Iterable[str]) -> Subscription:
        await self._ensure_started()
        loop = asyncio.get_running_loop()
        with self._lock:
            subscription = Subscription(self, frozenset(channels), loop, self._handed_out)
            for channel in subscription.channels:
                self._by_channel[channel].add(subscription)
        return subscription

    def remove(self, subscription: Subscription) -> None:
        with self._lock:
            for channel in subscription.channels:
                members = self._by_channel.get(channel)
                if members is not None:
                    members.discard(subscription)
                    if not members:
                        del self._by_channel[channel]

    def subscriber_count(self) -> int:
        with self._lock:
            return len({s for members in self._by_channel.values() for s in members})

    async def _ensure_started(self) -> None:
        if self._started.is_set():
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="mentormesh-realtime", daemon=True
                )
                self._thread.start()
        if not await asyncio.to_thread(self._started.wait, START_TIMEOUT):
            raise RuntimeError("The real-time feed could not read the event log; see the log.")

    # ---- the feed thread

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                self._read_log()
                failures = 0
            except Exception:  # the feed must outlive a database hiccup or a bad row
                failures += 1
                logger.exception("Reading the event log failed (attempt %d)", failures)
                connection.close()
                self._stopping.wait(min(30.0, 0.5 * 2**failures))
                continue
            self._wait_for_news()
        connection.close()

    def _read_log(self) -> None:
        if not self._started.is_set():
            self._handed_out = event_log.position().last_id
            self._started.set()
            return
        while True:
            events = event_log.events_after(self._handed_out, READ_BATCH)
            if events:
                self._hand_out(events)
            if len(events) < READ_BATCH:
                return

    def _hand_out(self, events: list[Event]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[Subscription, Event]]] = {}
        with self._lock:
            for event in events:
                targets: set[Subscription] = set()
                for channel in event.channels:
                    targets.update(self._by_channel.get(channel, ()))
                for subscription in targets:
                    by_loop.setdefault(subscription.loop, []).append((subscription, event))
            self._handed_out = events[-1].id
        for loop, items in by_loop.items():
            try:
                loop.call_soon_threadsafe(_put_all, items)
            except RuntimeError:  # that event loop has closed: its subscribers are gone
                for subscription, _ in items:
                    subscription.close()

    def _wait_for_news(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop the feed thread (tests switch buses; servers just exit)."""
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)


class LocalBus(Fanout):
    """Wakes this process's feed at once; other processes' events arrive by polling."""

    def __init__(self, poll_interval: float = 1.0) -> None:
        super().__init__(poll_interval)
        self._news = threading.Event()

    def notify(self, event: Event) -> None:
        self._news.set()

    def _wait_for_news(self) -> None:
        self._news.wait(self.poll_interval)
        self._news.clear()

    def close(self) -> None:
        self._stopping.set()
        self._news.set()
        super().close()


class RedisBus(Fanout):
    """Rings a doorbell on Redis pub/sub so that every process reads the log at once.

    One Redis connection per process for subscribing (not one per client), one pooled
    connection for publishing.
    """

    def __init__(self, url: str, poll_interval: float = 1.0) -> None:
        import redis

        super().__init__(poll_interval)
        self.url = url
        self.channel = doorbell_channel(url)
        # Short timeouts: ringing happens in the request that made the change.
        self._client = redis.Redis.from_url(
            url,
            health_check_interval=30,
            socket_keepalive=True,
            socket_timeout=2,
            socket_connect_timeout=2,
        )
        self._pubsub: Any = None
        self._news = threading.Event()

    def notify(self, event: Event) -> None:
        import redis

        try:
            self._client.publish(self.channel, str(event.id))
        except redis.RedisError:
            logger.warning("Could not ring the Redis doorbell for event %s", event.id)
            self._news.set()  # at least this process delivers it promptly

    def _wait_for_news(self) -> None:
        import redis

        if self._pubsub is None and not self._connect():
            self._news.wait(self.poll_interval)
            self._news.clear()
            return
        deadline = time.monotonic() + max(self.poll_interval, REDIS_SAFETY_POLL)
        while not self._stopping.is_set() and time.monotonic() < deadline:
            if self._news.is_set():
                self._news.clear()
                return
            try:
                message = self._pubsub.get_message(timeout=REDIS_WAIT)
            except (redis.RedisError, OSError):
                logger.warning("Lost the Redis doorbell; reading the event log and reconnecting")
                self._disconnect()
                return
            if message is not None:
                # A doorbell, or a (re)subscription confirmation after a reconnect: either
                # way, read the log now.
                return

    def _connect(self) -> bool:
        import redis

        pubsub = self._client.pubsub()
        try:
            pubsub.subscribe(self.channel)
        except (redis.RedisError, OSError):
            logger.warning("Redis at %s is unreachable; polling the event log", _safe(self.url))
            pubsub.close()
            return False
        self._pubsub = pubsub
        return True

    def _disconnect(self) -> None:
        if self._pubsub is not None:
            try:
                self._pubsub.close()
            finally:
                self._pubsub = None

    def close(self) -> None:
        super().close()
        self._disconnect()
        self._client.close()


def doorbell_channel(url: str) -> str:
    """``mentormesh:<db>:events``: deployments on different Redis databases stay apart
    (pub/sub itself ignores database numbers). Two deployments sharing one database only
    wake each other needlessly; each still reads only its own log."""
    from redis.connection import parse_url

    return f"mentormesh:{parse_url(url).get('db', 0)}:events"


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{':' if parts.port else ''}{parts.port or ''}"


_bus: Bus | None = None
_bus_lock = threading.Lock()


def get_bus() -> Bus:
    global _bus
    with _bus_lock:
        if _bus is None:
            poll = float(getattr(settings, "REALTIME_POLL_SECONDS", 1.0))
            redis_url = settings.REDIS_URL
            _bus = RedisBus(redis_url, poll) if redis_url else LocalBus(poll)
        return _bus


def reset_bus() -> None:
    """Stop and forget the bus (tests switch between the local and the Redis bus)."""
    global _bus
    with _bus_lock:
        if _bus is not None:
            _bus.close()
        _bus = None
