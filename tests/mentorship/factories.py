"""Test setup for the mentorship features: Tie rows as the engine would persist them.

The engine's writer (mentorship/actions/ties.py) fills Tie from the interaction log; these
tests need particular ties, so they write the rows directly, with the engine's columns.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.mentorship.models import Tie


def make_tie(
    learner: User,
    teacher: User,
    track: str = "pr",
    label: str = "mentor",
    score: float = 5.0,
    **columns: object,
) -> Tie:
    now = timezone.now()
    values: dict[str, object] = {
        "strength": score * 1.2,
        "events": 6,
        "weeks": 4,
        "first": now - timedelta(days=60),
        "last": now - timedelta(days=3),
        "explanation": f"@{learner.username} learned from @{teacher.username} in {track} "
        "over 4 weeks (6 interactions).",
    }
    values.update(columns)
    return Tie.objects.create(
        learner=learner, teacher=teacher, track=track, label=label, score=score, **values
    )
