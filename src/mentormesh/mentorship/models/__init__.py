"""Mentorship models, one module per concern; every name is importable from here."""

from mentormesh.mentorship.models.decisions import TieChoice, TieDecision
from mentormesh.mentorship.models.marks import Mark
from mentormesh.mentorship.models.mentorships import (
    Mentorship,
    MentorshipOrigin,
    MentorshipStatus,
)
from mentormesh.mentorship.models.preferences import MentoringDisplay
from mentormesh.mentorship.models.ties import Tie, TieLabel

__all__ = [
    "Mark",
    "MentoringDisplay",
    "Mentorship",
    "MentorshipOrigin",
    "MentorshipStatus",
    "Tie",
    "TieChoice",
    "TieDecision",
    "TieLabel",
]
