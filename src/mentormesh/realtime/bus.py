"""The event bus: in-process by default, Redis pub/sub when REDIS_URL is set.

Publishing is synchronous (called after commit); subscribing is async (SSE views). The
in-process bus reaches only subscribers in this process; the Redis bus reaches every process.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from typing import Any, Protocol

from django.conf import settings


class Bus(Protocol):
    def publish(self, channel: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, channels: Iterable[str]) -> AsyncIterator[tuple[str, dict[str, Any]]]: ...


class LocalBus:
    """Delivers to asyncio queues of subscribers in this process, from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Any]]]] = (
            defaultdict(set)
        )

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        with self._lock:
            targets = list(self._subscribers.get(channel, ()))
        for loop, queue in targets:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, (channel, message))
            except RuntimeError:  # the subscriber's loop has closed
                continue

    async def subscribe(self, channels: Iterable[str]) -> AsyncIterator[tuple[str, dict[str, Any]]]:
        queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        names = list(channels)
        with self._lock:
            for name in names:
                self._subscribers[name].add(entry)
        try:
            while True:
                yield await queue.get()
        finally:
            with self._lock:
                for name in names:
                    self._subscribers[name].discard(entry)


class RedisBus:
    """Redis pub/sub, so that every server process delivers every other process's events."""

    prefix = "mentormesh:"

    def __init__(self, url: str) -> None:
        import redis

        self._url = url
        self._client = redis.Redis.from_url(url)

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        self._client.publish(self.prefix + channel, json.dumps(message))

    async def subscribe(self, channels: Iterable[str]) -> AsyncIterator[tuple[str, dict[str, Any]]]:
        import redis.asyncio

        client = redis.asyncio.Redis.from_url(self._url)
        pubsub = client.pubsub()
        await pubsub.subscribe(*(self.prefix + name for name in channels))
        try:
            async for raw in pubsub.listen():
                if raw.get("type") != "message":
                    continue
                name = raw["channel"].decode()[len(self.prefix) :]
                yield name, json.loads(raw["data"])
        finally:
            await pubsub.aclose()
            await client.aclose()


_bus: Bus | None = None
_bus_lock = threading.Lock()


def get_bus() -> Bus:
    global _bus
    with _bus_lock:
        if _bus is None:
            _bus = RedisBus(settings.REDIS_URL) if settings.REDIS_URL else LocalBus()
        return _bus


def reset_bus() -> None:
    """Forget the bus (tests switch between the local and the Redis bus)."""
    global _bus
    with _bus_lock:
        _bus = None
