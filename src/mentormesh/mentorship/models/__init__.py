"""Mentorship models, one module per concern; every name is importable from here."""

from mentormesh.mentorship.models.mentorships import (
    Mentorship,
    MentorshipOrigin,
    MentorshipStatus,
)
from mentormesh.mentorship.models.ties import Tie, TieLabel

__all__ = ["Mentorship", "MentorshipOrigin", "MentorshipStatus", "Tie", "TieLabel"]
