"""Bookkeeping for keeping the ties current: which pairs are stale, and who is recomputing.

``StalePair``: the social actions mark the two people of every interaction they log, in the
same transaction (``mentorship.actions.ties.mark_pair_stale``); the frequent job recomputes
the ties of the marked people and removes the marks it has handled. ``interaction`` is the
latest interaction that marked the pair: a mark that changed while the job was computing
is left for the next run, so no interaction is ever missed.

``TieComputation``: one row, a lease. The full recomputation and the stale-pair update never
run at the same time (an older snapshot written after a newer one would undo it); it also
says when the ties were last recomputed in full, and as of when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StalePair(models.Model):
    """The ties between ``low`` and ``high`` (user ids, ``low < high``) need recomputing."""

    low = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    interaction = models.BigIntegerField(help_text="The latest interaction that marked the pair.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("low", "high"), name="mentorship_stale_pair_once"),
            models.CheckConstraint(
                condition=models.Q(low__lt=models.F("high")), name="mentorship_stale_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.low_id}-{self.high_id} (interaction {self.interaction})"


class TieComputation(models.Model):
    """The lease on recomputing ties, and when the last full recomputation finished."""

    name = models.CharField(max_length=20, unique=True)
    holder = models.CharField(max_length=40, blank=True)
    held_until = models.DateTimeField(null=True, blank=True)
    full_as_of = models.DateTimeField(null=True, blank=True)
    full_finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} (held by {self.holder or 'nobody'})"
