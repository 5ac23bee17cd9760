"""Helpers for the mentorship tests: tracks, a Tie factory (the engine fills ties in the app),
and asking through the actions."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.actions.requests import Proposal, check_and_ask
from mentormesh.mentorship.models import MentorshipRequest, Tie, TieLabel


def pr() -> Track:
    return Track.objects.get(slug="pr")


def make_tie(learner: User, teacher: User, *, label: str = TieLabel.FADING, **fields: Any) -> Tie:
    last: datetime = fields.pop("last", timezone.now() - timedelta(days=90))
    return Tie.objects.create(
        learner=learner,
        teacher=teacher,
        track=fields.pop("track", "*"),
        label=label,
        score=fields.pop("score", 1.5),
        weeks=fields.pop("weeks", 6),
        first=fields.pop("first", last - timedelta(days=120)),
        last=last,
        explanation=fields.pop("explanation", "learned from them in 6 weeks"),
        **fields,
    )


def ask(asker: User, target: User, **fields: Any) -> MentorshipRequest:
    fields.setdefault("tracks", [pr()])
    return check_and_ask(asker, target, Proposal(**fields))


@pytest.fixture
def frank(db) -> User:
    """Another member open to mentoring, so bob can have several requests open."""
    from tests.conftest import make_member

    return make_member("frank", open_to_mentoring=True, mentoring_capacity=2)


@pytest.fixture
def as_member(client: Client):
    def login(user: User) -> Client:
        client.force_login(user)
        return client

    return login
