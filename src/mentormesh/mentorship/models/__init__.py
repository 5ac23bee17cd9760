"""Mentorship models, one module per concern; every name is importable from here."""

from mentormesh.mentorship.models.mentorships import (
    Mentorship,
    MentorshipOrigin,
    MentorshipStatus,
)
from mentormesh.mentorship.models.refresh import StalePair, TieComputation
from mentormesh.mentorship.models.ties import Tie, TieLabel

__all__ = [
    "Mentorship",
    "MentorshipOrigin",
    "MentorshipStatus",
    "StalePair",
    "Tie",
    "TieComputation",
    "TieLabel",
]
