"""Background work of the social layer (run by the task worker; scheduled in jobs/schedule.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from mentormesh.social.actions import do_notify_chat_starting
from mentormesh.social.models import Chat

STARTING_SOON = timedelta(minutes=10)


@task()
def notify_starting_chats() -> int:
    """Notify followers of chats that start within ten minutes (once per chat)."""
    now = timezone.now()
    due = Chat.objects.filter(
        starting_notified_at__isnull=True, starts_at__lte=now + STARTING_SOON, ends_at__gt=now
    )
    return sum(do_notify_chat_starting(chat) for chat in due)
