"""Private marks: "I count @x as a mentor (in #track)", with no ask.

A mark is visible only to the member who made it. The marked member learns of it only if the
member sends a thank-you note (a notification), and even then the mark itself stays private.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mentormesh.community.models import Track

NOTE_MAX = 500


class Mark(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_marks"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: a mentor across tracks.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    thanked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("member", "mentor", "track"), name="mentorship_mark_once_per_track"
            ),
            models.UniqueConstraint(
                fields=("member", "mentor"),
                condition=models.Q(track__isnull=True),
                name="mentorship_mark_once_overall",
            ),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("mentor")), name="mentorship_mark_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} counts {self.mentor_id} as a mentor"
