"""Mentorship models, one module per concern; every name is importable from here."""

from mentormesh.mentorship.models.checkins import CheckIn, Goal, MentorshipNote, NoteKind
from mentormesh.mentorship.models.decisions import TieChoice, TieDecision
from mentormesh.mentorship.models.marks import Mark
from mentormesh.mentorship.models.mentorships import (
    Mentorship,
    MentorshipOrigin,
    MentorshipStatus,
)
from mentormesh.mentorship.models.nudges import Nudge, NudgeReason, NudgeSettings, Suggestion
from mentormesh.mentorship.models.preferences import MentoringDisplay
from mentormesh.mentorship.models.refresh import StalePair, TieComputation
from mentormesh.mentorship.models.requests import Cadence, MentorshipRequest, RequestState
from mentormesh.mentorship.models.ties import Tie, TieLabel

__all__ = [
    "Cadence",
    "CheckIn",
    "Goal",
    "Mark",
    "MentoringDisplay",
    "Mentorship",
    "MentorshipNote",
    "MentorshipOrigin",
    "MentorshipRequest",
    "MentorshipStatus",
    "NoteKind",
    "Nudge",
    "NudgeReason",
    "NudgeSettings",
    "RequestState",
    "StalePair",
    "Suggestion",
    "Tie",
    "TieChoice",
    "TieComputation",
    "TieDecision",
    "TieLabel",
]
