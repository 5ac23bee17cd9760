"""Every periodic job, in one place: a dotted path to a django-tasks task and how often it runs.

The scheduler (``mentormesh manage run_scheduler``, started by ``mentormesh serve`` in embedded
mode) enqueues each job when it is due; the task worker runs it. Running several schedulers
is safe: a job is claimed with one conditional UPDATE, so only one of them enqueues it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path to a django_tasks Task
    every: timedelta


SCHEDULE: tuple[Job, ...] = (
    Job(
        "notify_starting_chats",
        "mentormesh.social.tasks.notify_starting_chats",
        timedelta(minutes=1),
    ),
    # The ties of members who interacted since the last run (docs/engine.md, "In the app").
    Job(
        "update_stale_ties",
        "mentormesh.mentorship.tasks.update_stale_ties",
        timedelta(minutes=1),
    ),
    # Every tie from the whole log: time alone makes ties fade, emerge and decay.
    Job("recompute_ties", "mentormesh.mentorship.tasks.recompute_ties", timedelta(days=1)),
    Job(
        "expire_mentorship_requests",
        "mentormesh.mentorship.tasks.expire_mentorship_requests",
        timedelta(days=1),
    ),
    Job("send_nudges", "mentormesh.mentorship.tasks.send_nudges", timedelta(days=1)),
)
