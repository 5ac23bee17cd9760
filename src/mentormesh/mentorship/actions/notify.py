"""Mentorship notifications: one row for one recipient, announced on their channel only.

The real-time payload carries the notification's id and kind and nothing else, so an event
never says more than the notification itself (a declined and an expired request both send
``unavailable``).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from mentormesh.accounts.models import User
from mentormesh.realtime.events import user_channel
from mentormesh.social.actions import send_live_event
from mentormesh.social.ids import snowflake_id
from mentormesh.social.models import Mute, Notification, Status


def notify(
    recipient: User,
    actor: User,
    kind: str,
    *,
    link: str = "",
    note: str = "",
    status: Status | None = None,
    respect_mutes: bool = False,
    at: datetime | None = None,
) -> Notification | None:
    """``at`` back-dates the notification with what it reports (the demo's history)."""
    if respect_mutes and Mute.objects.filter(Q(account=recipient, target=actor)).exists():
        return None
    dated = {} if at is None else {"id": snowflake_id(at), "created_at": at}
    notification = Notification.objects.create(
        recipient=recipient,
        actor=actor,
        kind=kind,
        link=link,
        note=note[:300],
        status=status,
        **dated,
    )
    send_live_event(
        "notification", {"id": str(notification.pk), "kind": kind}, [user_channel(recipient.pk)]
    )
    return notification
