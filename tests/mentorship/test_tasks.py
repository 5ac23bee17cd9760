"""The daily mentorship jobs, run as the task worker runs them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mentormesh.jobs.schedule import SCHEDULE
from mentormesh.mentorship.models import MentorshipRequest
from mentormesh.mentorship.tasks import expire_mentorship_requests, send_nudges
from mentormesh.social.models import Notification
from tests.mentorship.conftest import ask, make_tie


def test_it_schedules_both_jobs_daily():
    daily = {job.task for job in SCHEDULE if job.every == timedelta(days=1)}
    assert {
        "mentormesh.mentorship.tasks.expire_mentorship_requests",
        "mentormesh.mentorship.tasks.send_nudges",
    } <= daily


def test_it_expires_old_requests_when_the_job_runs(alice, bob):
    request = ask(bob, alice)
    MentorshipRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    result = expire_mentorship_requests.enqueue()
    assert result.return_value == 1
    assert MentorshipRequest.objects.get().state == "expired"


def test_it_sends_nudges_when_the_job_runs(alice, bob):
    make_tie(bob, alice)
    assert send_nudges.enqueue().return_value == 1
    assert Notification.objects.get(kind="nudge").recipient == bob
