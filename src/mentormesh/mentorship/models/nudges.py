"""Nudges ("nourish the relationships"): a gentle reminder about a fading tie or a quiet
mentorship, with a concrete suggestion. Each member can snooze them or turn them off.

A nudge is private to its recipient: only they see it (as a notification); the other person
never learns they were nudged about.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class NudgeSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudge_settings"
    )
    enabled = models.BooleanField("send me nudges", default=True)
    snoozed_until = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "nudge settings"

    def __str__(self) -> str:
        return f"nudges for {self.user_id}"

    def wants_nudges(self, today: datetime.date) -> bool:
        return self.enabled and (self.snoozed_until is None or self.snoozed_until < today)


class NudgeReason(models.TextChoices):
    FADING_TIE = "fading_tie", "a fading tie"
    QUIET_MENTORSHIP = "quiet", "a quiet mentorship"


class Suggestion(models.TextChoices):
    REPLY = "reply", "reply to their latest post"
    CHECK_IN = "check_in", "propose a check-in"
    SAY_HELLO = "hello", "say hello"


class Nudge(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges"
    )
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=NudgeReason.choices)
    suggestion = models.CharField(max_length=8, choices=Suggestion.choices)
    mentorship = models.ForeignKey(
        "mentorship.Mentorship", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.ForeignKey(
        "social.Status", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("recipient", "other", "-created_at"))]

    def __str__(self) -> str:
        return f"nudge {self.reason} for {self.recipient_id} about {self.other_id}"
