"""Real-time tests: every test starts and ends with a fresh bus (and no feed thread)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from asgiref.sync import sync_to_async
from django.db import OperationalError, connections

from mentormesh.realtime.bus import reset_bus

T = TypeVar("T")


@pytest.fixture(autouse=True)
def fresh_bus():
    reset_bus()
    yield
    reset_bus()


def committed(write: Callable[..., T], *args: object) -> Awaitable[T]:
    """Run a write from an async test in a worker thread, as a view would.

    pytest-django's SQLite test database is in memory with a shared cache, where a reader
    (the bus's feed thread) can make a concurrent writer fail at once with "database table is
    locked"; a file database in WAL mode, as mentormesh runs on, just waits. So retry.
    """

    def write_with_retries() -> T:
        for attempt in range(50):
            try:
                return write(*args)
            except OperationalError as error:
                if "locked" not in str(error) or attempt == 49:
                    raise
                time.sleep(0.02)
        raise AssertionError("unreachable")

    return sync_to_async(write_with_retries)()


def run(main: Callable[[], Awaitable[T]], timeout: float = 30) -> T:
    """Run an async test body with a time limit; close the database connections it opened."""

    async def bounded() -> T:
        try:
            return await asyncio.wait_for(main(), timeout)
        finally:
            await sync_to_async(connections.close_all)()

    return asyncio.run(bounded())
