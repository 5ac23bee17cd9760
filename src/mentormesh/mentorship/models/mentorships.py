"""Explicit mentorships: a relationship both people have said yes to.

A mentorship starts either from an accepted mentorship request or from an inferred tie both
people confirmed (``origin``). Either side can close it (with a thank-you). Each side chooses
whether it shows on their own public profile; until then only the two people see it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mentormesh.community.models import Track


class MentorshipOrigin(models.TextChoices):
    REQUEST = "request", "accepted request"
    CONFIRMED_TIE = "confirmed_tie", "confirmed tie"


class MentorshipStatus(models.TextChoices):
    ACTIVE = "active", "active"
    CLOSED = "closed", "closed"


class Mentorship(models.Model):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    tracks = models.ManyToManyField(Track, blank=True, related_name="+")
    origin = models.CharField(max_length=13, choices=MentorshipOrigin.choices)
    status = models.CharField(
        max_length=6, choices=MentorshipStatus.choices, default=MentorshipStatus.ACTIVE
    )
    started_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    mentor_shows_on_profile = models.BooleanField(default=False)
    mentee_shows_on_profile = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=("mentor", "status")),
            models.Index(fields=("mentee", "status")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("mentor", "mentee"),
                condition=models.Q(status="active"),
                name="mentorship_one_active_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")), name="mentorship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} mentored by {self.mentor_id} ({self.status})"

    def involves(self, user_id: int) -> bool:
        return user_id in (self.mentor_id, self.mentee_id)
