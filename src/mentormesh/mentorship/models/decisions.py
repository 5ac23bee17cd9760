"""What each person in an inferred tie decided about it: confirm it, or hide it.

Keyed like a ``Tie`` (learner, teacher, track) rather than pointing at the row, so a full
recomputation of the ties never loses a decision. ``decided_by`` is always one of the two
people in the tie; nobody else's decision exists. A decision is private to the person who made
it: the other person sees a confirmation (it is shared: "they confirmed too") but never a hide.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TieChoice(models.TextChoices):
    CONFIRMED = "confirmed", "confirmed"
    HIDDEN = "hidden", "hidden"


class TieDecision(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    track = models.CharField(max_length=40, help_text='A track slug, or "*" for all tracks.')
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tie_decisions"
    )
    choice = models.CharField(max_length=9, choices=TieChoice.choices)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("learner", "teacher", "track", "decided_by"),
                name="mentorship_tie_decision_once",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by=models.F("learner"))
                | models.Q(decided_by=models.F("teacher")),
                name="mentorship_tie_decision_by_a_party",
            ),
        ]
        indexes = [models.Index(fields=("decided_by", "choice"))]

    def __str__(self) -> str:
        return (
            f"{self.decided_by_id} {self.choice} {self.learner_id}<-{self.teacher_id} #{self.track}"
        )
