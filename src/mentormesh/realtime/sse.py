"""Server-Sent Events over the event bus: one reusable response for every live stream.

    return sse_response(request, [chat_channel(chat.pk)], render_status_fragment)

``render(event_type, payload)`` returns the frame's data — a ``dict`` (sent as JSON), a
``str`` (sent as is, e.g. an HTML fragment; several lines are fine) or ``None`` (skip the
event). It runs on the event loop, so a plain function must not touch the database; an
``async def`` may, through ``sync_to_async``. It runs once per event per process however many
clients receive the event — pass a module-level function, since the cache is keyed by it.

A stream subscribes first, then replays what the client missed (``Last-Event-ID`` header, or
``?last_event_id=`` for EventSource polyfills) from the event log, then goes live, dropping
live events it already replayed: nothing is lost or sent twice. See docs/realtime.md.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import random
import re
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable
from typing import Any, Final, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.http import HttpRequest, HttpResponseBadRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase

from mentormesh.realtime.bus import RESYNC, Bus, Marker, Subscription, get_bus
from mentormesh.realtime.log import Event, events_since, position

logger = logging.getLogger(__name__)

T = TypeVar("T")
Rendered = str | dict[str, Any] | None
Render = Callable[[str, dict[str, Any]], Rendered | Awaitable[Rendered]]
Accept = Callable[[Event], bool | Awaitable[bool]]

HEARTBEAT_SECONDS = 15.0
MAX_LIFETIME_SECONDS = 3600.0
RETRY_MILLISECONDS = 2000
REPLAY_PAGE = 500
REPLAY_LIMIT = 5_000  # a client further behind than this is told to reload instead
RESET = "stream.reset"
MAX_EVENT_ID = 2**63 - 1
KEEP_ALIVE = ": keep-alive\n\n"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def sse_response(
    request: HttpRequest,
    channels: Iterable[str],
    render: Render,
    *,
    accept: Accept | None = None,
    heartbeat: float = HEARTBEAT_SECONDS,
    max_lifetime: float | None = None,
) -> HttpResponseBase:
    """A ``text/event-stream`` response with the events of ``channels``, for an async view.

    ``accept(event)`` (optional, may be async) drops events for this client only, e.g. those
    of members the viewer blocked. The stream ends after ``max_lifetime`` seconds (default
    ``REALTIME_MAX_STREAM_SECONDS``, 1 hour; the browser reconnects and resumes). Served by
    WSGI (``manage.py runserver``), which cannot stream, it sends what is stored and ends, so
    the browser's reconnects turn it into polling every few seconds.
    """
    try:
        last_event_id = requested_last_event_id(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    if max_lifetime is None:
        max_lifetime = float(getattr(settings, "REALTIME_MAX_STREAM_SECONDS", MAX_LIFETIME_SECONDS))
    if not isinstance(request, ASGIRequest):
        max_lifetime = 0.0
    stream = event_stream(
        channels,
        render,
        last_event_id=last_event_id,
        accept=accept,
        heartbeat=heartbeat,
        max_lifetime=max_lifetime,
    )
    response = StreamingHttpResponse(stream, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # tell nginx not to buffer the stream
    return response


def requested_last_event_id(request: HttpRequest) -> int | None:
    raw = request.headers.get("Last-Event-ID") or request.GET.get("last_event_id")
    if raw is None or not raw.strip():
        return None
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_EVENT_ID:
        raise ValueError(f"Last-Event-ID must be an event id (a whole number), not {raw[:40]!r}.")
    return int(raw)


async def event_stream(
    channels: Iterable[str],
    render: Render,
    *,
    last_event_id: int | None = None,
    accept: Accept | None = None,
    heartbeat: float = HEARTBEAT_SECONDS,
    max_lifetime: float = MAX_LIFETIME_SECONDS,
    bus: Bus | None = None,
) -> AsyncIterator[str]:
    """The frames of one client's stream (``sse_response`` wraps it in a response)."""
    stream = _Stream(frozenset(channels), render, accept)
    subscription = None
    ticker = None
    try:
        # Hand back the connection the request used (for its session, say): a stream lives
        # for an hour, and a thousand of them must not hold a thousand connections.
        await sync_to_async(release_connections)()
        if max_lifetime > 0:
            # Subscribe before reading the log, so nothing falls between replay and live.
            subscription = await (bus or get_bus()).subscribe(stream.channels)
            stream.cursor = subscription.start_id
        else:
            stream.cursor = (await read_database(position)).last_id
        if last_event_id is None:
            yield f"retry: {RETRY_MILLISECONDS}\nid: {stream.cursor}\n\n"
        else:
            yield f"retry: {RETRY_MILLISECONDS}\n\n"
            stream.cursor = last_event_id
            async for replayed in stream.catch_up():
                yield replayed
        if subscription is None:
            return
        ticker = _Ticker(subscription, heartbeat, max_lifetime)
        while True:
            # The hot path of a fan-out: one queue read per client and event, no timers.
            item = await subscription.get()
            if isinstance(item, Event):
                if item.id > stream.cursor:  # else: already replayed
                    live = await stream.frame(item)
                    stream.cursor = item.id
                    if live is not None:
                        yield live
            elif item is RESYNC:
                async for replayed in stream.catch_up():
                    yield replayed
            elif item is _TICK:
                if ticker.over():
                    return
                yield KEEP_ALIVE
    finally:
        if ticker is not None:
            ticker.cancel()
        if subscription is not None:
            subscription.close()


_TICK: Final = Marker("tick")


class _Ticker:
    """Queues a tick every ``heartbeat`` seconds (a keep-alive comment, or the end of the
    stream's lifetime): one timer per stream, not one per event."""

    def __init__(self, subscription: Subscription, heartbeat: float, lifetime: float) -> None:
        self.subscription = subscription
        self.heartbeat = heartbeat
        self.loop = asyncio.get_running_loop()
        # A little jitter, so that clients that connected together do not all return at once.
        self.ends_at = self.loop.time() + lifetime * random.uniform(0.9, 1.0)  # noqa: S311
        self._handle = self._schedule()

    def _schedule(self) -> asyncio.TimerHandle:
        delay = max(0.0, min(self.heartbeat, self.ends_at - self.loop.time()))
        return self.loop.call_later(delay, self._tick)

    def _tick(self) -> None:
        self.subscription.put(_TICK)
        self._handle = self._schedule()

    def over(self) -> bool:
        return self.loop.time() >= self.ends_at

    def cancel(self) -> None:
        self._handle.cancel()


class _Stream:
    def __init__(self, channels: frozenset[str], render: Render, accept: Accept | None) -> None:
        self.channels = channels
        self.render = render
        self.accept = accept
        self.cursor = 0  # the newest event id this client has been given or passed over

    async def catch_up(self) -> AsyncIterator[str]:
        """Replay the stored events after the cursor, or tell the client to reload."""
        now = await read_database(position)
        if self.cursor > now.last_id or self.cursor < now.pruned_below:
            yield self._reset(now.last_id)
            return
        replayed = 0
        while True:
            page = await read_database(events_since, self.channels, self.cursor, REPLAY_PAGE)
            for event in page:
                frame = await self.frame(event)
                self.cursor = event.id
                if frame is not None:
                    yield frame
            replayed += len(page)
            if len(page) < REPLAY_PAGE:
                return
            if replayed >= REPLAY_LIMIT:
                yield self._reset((await read_database(position)).last_id)
                return

    async def frame(self, event: Event) -> str | None:
        if self.accept is not None:
            accepted = self.accept(event)
            if inspect.isawaitable(accepted):
                accepted = await accepted
            if not accepted:
                return None
        render = self.render
        return await _per_event.get(("frame", render, event.id), lambda: _frame(render, event))

    def _reset(self, event_id: int) -> str:
        self.cursor = event_id
        return format_frame(event_id, RESET, json.dumps({"type": RESET}))


async def read_database(read: Callable[..., T], *args: Any) -> T:
    """Run a read for a stream, then close the connection it used (see ``event_stream``)."""

    def read_and_release() -> T:
        try:
            return read(*args)
        finally:
            release_connections()

    return await sync_to_async(read_and_release)()


def release_connections() -> None:
    """Close this thread's database connections, unless a transaction is using them."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def format_frame(event_id: int, event_type: str, data: str) -> str:
    """One SSE frame; each line of ``data`` gets its own ``data:`` field."""
    event_type = _LINE_BREAK.sub(" ", event_type)
    lines = "".join(f"data: {line}\n" for line in _LINE_BREAK.split(data))
    return f"id: {event_id}\nevent: {event_type}\n{lines}\n"


# ---------------------------------------------------------------- once per event per process


def _frame(render: Render, event: Event) -> str | Awaitable[str | None] | None:
    """The event's frame; computed at once for a plain ``render``, awaitable for an async one."""
    data = render(event.type, event.payload)
    if inspect.isawaitable(data):
        return _frame_later(event, data)
    return _framed(event, data)


async def _frame_later(event: Event, data: Awaitable[Rendered]) -> str | None:
    return _framed(event, await data)


def _framed(event: Event, data: Rendered) -> str | None:
    if data is None:
        return None
    if not isinstance(data, str):
        data = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))
    return format_frame(event.id, event.type, data)


class _PerEvent:
    """Results of per-event work, computed once per event per process and shared by every
    stream that needs them. Work that finishes at once is just cached; work that awaits
    runs as one task that concurrent callers share."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._running: dict[tuple[asyncio.AbstractEventLoop, Hashable], asyncio.Task[Any]] = {}

    async def get(self, key: Hashable, make: Callable[[], T | Awaitable[T]]) -> T | None:
        with self._lock:
            if key in self._done:
                result: T | None = self._done[key]
                return result
        loop = asyncio.get_running_loop()
        task = self._running.get((loop, key))
        if task is None:
            try:
                made = make()
            except Exception:
                logger.exception("Real-time work %r failed; skipping that event", key)
                made = None
            if not inspect.isawaitable(made):
                self._remember(key, made)
                return made
            task = loop.create_task(self._finish(loop, key, made))
            self._running[(loop, key)] = task
        # shield: one client leaving must not cancel the work others are waiting for.
        finished: T | None = await asyncio.shield(task)
        return finished

    async def _finish(
        self, loop: asyncio.AbstractEventLoop, key: Hashable, made: Awaitable[T]
    ) -> T | None:
        try:
            result: T | None = await made
        except Exception:
            logger.exception("Real-time work %r failed; skipping that event", key)
            result = None
        self._remember(key, result)
        self._running.pop((loop, key), None)
        return result

    def _remember(self, key: Hashable, result: Any) -> None:
        with self._lock:
            self._done[key] = result
            if len(self._done) > self.size:
                self._done.popitem(last=False)


_per_event = _PerEvent()


async def once_per_event(work: Callable[[Event], Awaitable[T]], event: Event) -> T | None:
    """``await work(event)``, computed once per event in this process (``None`` if it
    raised). ``work`` should be a module-level function: it is part of the cache key."""
    return await _per_event.get(("work", work, event.id), lambda: work(event))
