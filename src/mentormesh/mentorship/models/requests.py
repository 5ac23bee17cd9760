"""Mentorship requests: asking someone to be your mentor, without awkwardness.

A request names the tracks, an optional heads-up note, a proposed cadence and duration. The
person asked answers yes, no or not now; an unanswered request expires. The requester never
learns which of no, not now or expiry happened: all three read "not available right now"
(``requester_state``), everywhere the requester can look.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from mentormesh.community.models import Track

if TYPE_CHECKING:
    from mentormesh.accounts.models import User

MAX_NOTE_CHARS = 1000


class RequestState(models.TextChoices):
    PENDING = "pending", "pending"
    ACCEPTED = "accepted", "accepted"
    DECLINED = "declined", "declined"
    NOT_NOW = "not_now", "not now"
    EXPIRED = "expired", "expired"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "every week"
    FORTNIGHTLY = "fortnightly", "every two weeks"
    MONTHLY = "monthly", "every month"


DURATION_WEEKS = (4, 8, 12, 26)

# What the requester may know: a declined, postponed or expired request is the same to them.
UNAVAILABLE = "unavailable"
UNAVAILABLE_TEXT = "not available right now"
CLOSED_STATES = (RequestState.DECLINED, RequestState.NOT_NOW, RequestState.EXPIRED)


class MentorshipRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorship_requests_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentorship_requests_received",
    )
    tracks = models.ManyToManyField(Track, related_name="+")
    note = models.TextField("heads-up note", max_length=MAX_NOTE_CHARS, blank=True)
    cadence = models.CharField(max_length=12, choices=Cadence.choices, default=Cadence.FORTNIGHTLY)
    duration_weeks = models.PositiveSmallIntegerField(default=12)
    state = models.CharField(
        max_length=8, choices=RequestState.choices, default=RequestState.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.ForeignKey(
        "mentorship.Mentorship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("requester", "state")),
            models.Index(fields=("recipient", "state")),
            models.Index(fields=("state", "created_at")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("requester", "recipient"),
                condition=models.Q(state="pending"),
                name="mentorship_request_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")),
                name="mentorship_request_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"request {self.pk} from {self.requester_id} to {self.recipient_id}"

    @property
    def is_past_expiry(self) -> bool:
        """Pending, but older than the expiry period: expired, whether or not the daily job
        has marked it yet."""
        days: int = settings.MENTORSHIP_REQUEST_EXPIRY_DAYS
        return self.state == RequestState.PENDING and self.created_at <= timezone.now() - (
            timedelta(days=days)
        )

    @property
    def current_state(self) -> str:
        return str(RequestState.EXPIRED) if self.is_past_expiry else str(self.state)

    @property
    def requester_state(self) -> str:
        """The state as the requester sees it: pending, accepted or unavailable."""
        if self.current_state in CLOSED_STATES:
            return UNAVAILABLE
        return self.current_state

    def state_for(self, user_id: int) -> str:
        """What ``user_id`` may know of the state: the recipient knows their answer."""
        return self.current_state if user_id == self.recipient_id else self.requester_state

    def state_text_for(self, user_id: int) -> str:
        state = self.state_for(user_id)
        if state == UNAVAILABLE:
            return UNAVAILABLE_TEXT
        return str(RequestState(state).label)

    def other_for(self, user_id: int) -> User:
        return self.requester if user_id == self.recipient_id else self.recipient

    def involves(self, user_id: int) -> bool:
        return user_id in (self.requester_id, self.recipient_id)
