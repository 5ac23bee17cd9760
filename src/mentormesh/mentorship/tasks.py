"""Background work of the mentorship app (run by the task worker; scheduled in jobs/schedule.py)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from mentormesh.mentorship.actions.nudges import do_send_nudges
from mentormesh.mentorship.actions.requests import do_expire_requests
from mentormesh.mentorship.actions.ties import TiesBusy, do_recompute_ties, do_update_stale_ties


@task()
def update_stale_ties() -> dict[str, Any]:
    """Every minute: recompute the ties of the pairs that interacted since the last run.
    While a full recomputation runs it does nothing; the marks wait for the next run."""
    try:
        counts = do_update_stale_ties()
    except TiesBusy:
        return {"skipped": "a recomputation of the ties is running"}
    return dict(counts.__dict__)


@task()
def recompute_ties() -> dict[str, Any]:
    """Daily: recompute every tie from the whole interaction log (time moves on: ties fade,
    emerge and decay even when nobody interacts)."""
    try:
        counts = do_recompute_ties()
    except TiesBusy:
        return {"skipped": "a recomputation of the ties is running"}
    return dict(counts.__dict__)


@task()
def expire_mentorship_requests() -> int:
    """Expire unanswered requests older than MENTORMESH_REQUEST_EXPIRY_DAYS."""
    return do_expire_requests()


@task()
def send_nudges() -> int:
    """Nudge members about fading ties and quiet mentorships."""
    return do_send_nudges()
