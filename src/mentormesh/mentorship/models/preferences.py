"""What a member chooses to show about their mentoring on their public profile."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MentoringDisplay(models.Model):
    """Off by default: counts derived from inferred ties appear only once the member opts in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_display"
    )
    show_learner_counts = models.BooleanField(
        default=False,
        help_text='Show "learned from by N members in #track" on the public profile.',
    )

    def __str__(self) -> str:
        return f"{self.user_id} shows counts: {self.show_learner_counts}"
