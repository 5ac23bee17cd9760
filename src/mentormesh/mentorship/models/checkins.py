"""The shared page of an explicit mentorship: goals, a check-in log and notes.

Only the mentor and the mentee can read or write any of it (``actions.mentorships``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_GOAL_CHARS = 300
MAX_ENTRY_CHARS = 2000


class Goal(models.Model):
    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="goals"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=MAX_GOAL_CHARS)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.text


class CheckIn(models.Model):
    """One conversation the two had (or plan): when, and what they talked about."""

    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="check_ins"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    happened_on = models.DateField(default=timezone.localdate)
    summary = models.TextField(max_length=MAX_ENTRY_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-happened_on", "-id")
        indexes = [models.Index(fields=("mentorship", "-created_at"))]

    def __str__(self) -> str:
        return f"check-in {self.happened_on} in mentorship {self.mentorship_id}"


class NoteKind(models.TextChoices):
    NOTE = "note", "note"
    THANKS = "thanks", "thank-you"


class MentorshipNote(models.Model):
    """A note on the shared page; the closing thank-you is a note of kind ``thanks``."""

    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=6, choices=NoteKind.choices, default=NoteKind.NOTE)
    text = models.TextField(max_length=MAX_ENTRY_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=("mentorship", "-created_at"))]

    def __str__(self) -> str:
        return f"{self.kind} by {self.author_id} in mentorship {self.mentorship_id}"
