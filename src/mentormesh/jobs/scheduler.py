"""Enqueue the periodic jobs that are due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.module_loading import import_string

from mentormesh.jobs.models import PeriodicJob
from mentormesh.jobs.schedule import SCHEDULE, Job

NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def enqueue_due_jobs(now: datetime | None = None, jobs: Iterable[Job] = SCHEDULE) -> list[str]:
    """Enqueue every job whose interval has passed; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs:
        PeriodicJob.objects.get_or_create(name=job.name, defaults={"last_enqueued_at": NEVER})
        claimed = PeriodicJob.objects.filter(
            name=job.name, last_enqueued_at__lte=now - job.every
        ).update(last_enqueued_at=now)
        if claimed:
            import_string(job.task).enqueue()
            enqueued.append(job.name)
    return enqueued
