"""A small story in the interaction log, written through the social actions, for the tie tests.

- bob learns from alice in #pr in four different weeks: alice mentors bob;
- carol and dave learn from each other in #development: peers;
- erin once learned from carol (no tie yet).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.actions.ties import FIELDS
from mentormesh.mentorship.models import Tie
from mentormesh.social.actions import do_create_status, do_learn

START = datetime(2025, 3, 3, 10, tzinfo=UTC)  # a Monday
AS_OF = datetime(2025, 5, 1, 12, tzinfo=UTC)
HASHTAGS = {"pr": "pr", "development": "dev"}


def learn(learner: User, teacher: User, week: int, track: str = "pr", day: int = 0) -> None:
    """``learner`` says "I learned from this" on a post ``teacher`` made the same day."""
    learn_at(learner, teacher, START + timedelta(weeks=week, days=day), track)


def learn_at(learner: User, teacher: User, at: datetime, track: str = "pr") -> None:
    where = Track.objects.get(slug=track)
    post = do_create_status(
        teacher,
        f"A tip of {at:%Y-%m-%d} #{HASHTAGS[track]}",
        tracks=[where],
        created_at=at - timedelta(hours=1),
    )
    do_learn(learner, post, track=where, at=at)


def tell_story(alice: User, bob: User, carol: User, dave: User, erin: User) -> None:
    for week in (0, 2, 4, 6):
        learn(bob, alice, week)
    for week in (1, 3, 5):
        learn(carol, dave, week, "development")
    for week in (1, 4, 6):
        learn(dave, carol, week, "development", day=2)
    learn(erin, carol, 7, "development")


def tie_rows() -> dict[tuple[str, str, str], dict[str, object]]:
    """Every stored tie by (learner, teacher, track) handles, with all its columns."""
    rows = Tie.objects.values(
        "pk",
        "learner__username",
        "teacher__username",
        "track",
        *FIELDS,
        "computed_at",
    )
    return {
        (row.pop("learner__username"), row.pop("teacher__username"), row.pop("track")): row
        for row in rows
    }
