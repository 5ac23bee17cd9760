from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from mentormesh.jobs.schedule import SCHEDULE, Job
from mentormesh.jobs.scheduler import enqueue_due_jobs
from mentormesh.social.actions import check_and_follow, do_schedule_chat
from mentormesh.social.models import Notification

CHATS = (
    Job(
        "notify_starting_chats",
        "mentormesh.social.tasks.notify_starting_chats",
        timedelta(minutes=1),
    ),
)


@pytest.mark.parametrize("job", SCHEDULE, ids=lambda job: job.name)
def test_it_schedules_only_real_tasks(job):
    assert isinstance(import_string(job.task), Task)


def test_it_enqueues_a_job_once_per_interval(db):
    now = timezone.now()
    assert enqueue_due_jobs(now, CHATS) == ["notify_starting_chats"]
    assert enqueue_due_jobs(now + timedelta(seconds=30), CHATS) == []
    assert enqueue_due_jobs(now + timedelta(minutes=1), CHATS) == ["notify_starting_chats"]


def test_it_notifies_followers_once_when_a_chat_is_about_to_start(alice, bob, carol, dave):
    check_and_follow(bob, alice)
    check_and_follow(carol, alice)
    soon = timezone.now() + timedelta(minutes=5)
    do_schedule_chat(
        dave,
        title="PR Q&A",
        hashtag="PRStudChat",
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
        host=alice,
    )
    enqueue_due_jobs(jobs=CHATS)  # the test settings run tasks immediately
    enqueue_due_jobs(timezone.now() + timedelta(minutes=2), CHATS)
    notified = Notification.objects.filter(kind="chat_starting")
    assert sorted(n.recipient.username for n in notified) == ["bob", "carol"]
