"""Background work of the mentorship app (run by the task worker; scheduled in jobs/schedule.py)."""

from __future__ import annotations

from django_tasks import task

from mentormesh.mentorship.actions.nudges import do_send_nudges
from mentormesh.mentorship.actions.requests import do_expire_requests


@task()
def expire_mentorship_requests() -> int:
    """Expire unanswered requests older than MENTORMESH_REQUEST_EXPIRY_DAYS."""
    return do_expire_requests()


@task()
def send_nudges() -> int:
    """Nudge members about fading ties and quiet mentorships."""
    return do_send_nudges()
