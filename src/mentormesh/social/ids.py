"""Time-sortable 64-bit ids in Mastodon's layout: milliseconds since 1970 << 16 | 16 low bits.

The low bits start at a random value per process and count up within a millisecond, so ids
from one process are strictly increasing and two processes rarely meet; the primary key's
uniqueness is the final guard.
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import UTC, datetime

_lock = threading.Lock()
_last_ms = 0
_sequence = secrets.randbelow(1 << 16)


def snowflake_id(at: datetime | None = None) -> int:
    """A new id for now, or the smallest-ish id for ``at`` (used for back-dated demo posts)."""
    global _last_ms, _sequence
    ms = int((at.timestamp() if at else time.time()) * 1000)
    with _lock:
        if at is None:
            if ms <= _last_ms:
                ms = _last_ms
                _sequence = (_sequence + 1) & 0xFFFF
                if _sequence == 0:
                    ms += 1
            _last_ms = ms
        else:
            _sequence = (_sequence + 1) & 0xFFFF
        return (ms << 16) | _sequence


def id_floor(at: datetime) -> int:
    """The smallest id a post made at ``at`` can have: for time-based pagination."""
    return int(at.timestamp() * 1000) << 16


def id_time(value: int) -> datetime:
    return datetime.fromtimestamp((value >> 16) / 1000, tz=UTC)
