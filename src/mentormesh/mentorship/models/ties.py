"""The engine's ties, persisted for the mentorship features.

One row per (learner, teacher, track) the engine found credit for, with ``track = "*"`` for
the pair overall (the engine's ``OVERALL``), exactly the columns of ``ties.csv``. The rows are
written only by the mentorship actions (a full recomputation, or the cheap update of the pairs
an interaction touches); what people decide about a tie (confirm, hide, show on profile) lives
in other models, so a recomputation never loses it.

Privacy: an inferred tie is visible only to its learner and its teacher (docs/privacy.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

OVERALL = "*"  # the engine's name for "all tracks together" (mentormesh.engine.ties.OVERALL)


class TieLabel(models.TextChoices):
    NONE = "", "no label"
    MENTOR = "mentor", "mentor"
    PEER = "peer", "peer mentor"
    REVERSE = "reverse", "reverse mentor"
    EMERGING = "emerging", "emerging"
    FADING = "fading", "fading"


class Tie(models.Model):
    """``learner`` learns from ``teacher`` in ``track``: the engine's numbers and its label."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ties_as_learner"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ties_as_teacher"
    )
    track = models.CharField(max_length=40, help_text='A track slug, or "*" for all tracks.')
    label = models.CharField(max_length=8, choices=TieLabel.choices, blank=True)
    score = models.FloatField(default=0.0, help_text="Decayed credit: the ranking strength.")
    strength = models.FloatField(default=0.0, help_text="Undecayed credit in the horizon.")
    events = models.PositiveIntegerField(default=0)
    weeks = models.PositiveIntegerField(default=0, help_text="Distinct weeks with credit.")
    reciprocal_weeks = models.PositiveIntegerField(default=0)
    reciprocal_strength = models.FloatField(default=0.0)
    focus = models.FloatField(
        default=0.0, help_text="Share of the teacher's credit to the learner."
    )
    reliance = models.FloatField(
        default=0.0, help_text="Share of the learner's credit from the teacher."
    )
    first = models.DateTimeField(help_text="The first credit in the horizon.")
    last = models.DateTimeField(help_text="The latest credit.")
    explanation = models.TextField(blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("learner", "teacher", "track"), name="mentorship_tie_unique_pair_track"
            ),
        ]
        indexes = [
            models.Index(fields=("teacher", "track", "label")),
            models.Index(fields=("learner", "track", "label")),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} <- {self.teacher_id} #{self.track} {self.label or '-'}"

    @property
    def is_labelled(self) -> bool:
        return bool(self.label)
