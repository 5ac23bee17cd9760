"""The tie jobs run from the schedule: the stale-pair update every minute, the full one daily."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mentormesh.jobs.schedule import SCHEDULE
from mentormesh.jobs.scheduler import enqueue_due_jobs
from mentormesh.mentorship.models import StalePair, Tie, TieComputation
from tests.mentorship.ties_story import learn_at

JOBS = {job.name: job for job in SCHEDULE}
TIE_JOBS = (JOBS["update_stale_ties"], JOBS["recompute_ties"])


def test_it_schedules_the_stale_update_every_minute_and_the_full_one_daily():
    assert JOBS["update_stale_ties"].every == timedelta(minutes=1)
    assert JOBS["recompute_ties"].every == timedelta(days=1)


def test_it_updates_stale_ties_through_the_scheduler(alice, bob):
    now = timezone.now()
    for weeks_ago in (1, 3, 5):
        learn_at(bob, alice, now - timedelta(weeks=weeks_ago))
    # The test settings run tasks as soon as they are enqueued.
    assert enqueue_due_jobs(now, TIE_JOBS[:1]) == ["update_stale_ties"]
    assert not StalePair.objects.exists()
    tie = Tie.objects.get(learner=bob, teacher=alice, track="*")
    assert (tie.label, tie.weeks) == ("mentor", 3)


def test_it_recomputes_every_tie_daily_through_the_scheduler(alice, bob):
    now = timezone.now()
    for weeks_ago in (1, 3, 5):
        learn_at(bob, alice, now - timedelta(weeks=weeks_ago))
    assert enqueue_due_jobs(now, TIE_JOBS) == ["update_stale_ties", "recompute_ties"]
    assert Tie.objects.filter(label="mentor").count() == 2  # overall and in #pr
    assert TieComputation.objects.get().full_finished_at is not None
    assert enqueue_due_jobs(now + timedelta(hours=1), TIE_JOBS) == ["update_stale_ties"]
    assert enqueue_due_jobs(now + timedelta(days=1), TIE_JOBS) == [
        "update_stale_ties",
        "recompute_ties",
    ]
