"""Background work of the real-time layer (run by the task worker)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from mentormesh.realtime import log


@task()
def prune_stream_events(older_than_days: float = log.RETENTION.days) -> int:
    """Delete stream events older than ``older_than_days`` (default 2); returns how many.

    Clients offline for longer than that are told to reload (``stream.reset``) on reconnect.
    """
    return log.prune_stream_events(timedelta(days=older_than_days))
