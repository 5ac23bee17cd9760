"""The demo's mentorship requests: ana_newcomer has asked five mentors, one request in each
state (accepted, pending, declined, not now, expired), so every page and API answer about
requests has something to show. Deterministic: the same community and ``now`` give the same
rows. Written through the mentorship actions, back-dated, without live events.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.demo.records import DemoCommunity, DemoMember
from mentormesh.mentorship.actions.requests import (
    Proposal,
    do_answer,
    do_ask,
    do_expire_requests,
)
from mentormesh.mentorship.models import Cadence, MentorshipRequest
from mentormesh.social.actions import writing_history

DEMO_ASKER = "ana_newcomer"
# The state each request ends in, in the order of the mentors asked; the answer that gets it.
STATES = (
    ("accepted", "yes"),
    ("pending", None),
    ("declined", "no"),
    ("not_now", "not_now"),
    ("expired", None),
)
NOTE = "Hi! I'm new to {track} and would love a heads-up from someone who knows it well."


def demo_mentors(community: DemoCommunity) -> list[DemoMember]:
    """The first mentors with room, in the community's own order (personas first)."""
    return [
        member
        for member in community.members
        if member.open_to_mentoring and member.mentoring_capacity and member.handle != DEMO_ASKER
    ][: len(STATES)]


def load_demo_requests(
    community: DemoCommunity, users: dict[str, User], now: datetime
) -> list[MentorshipRequest]:
    asker = users.get(DEMO_ASKER)
    mentors = demo_mentors(community)
    if asker is None or len(mentors) < len(STATES):
        return []
    expiry = timedelta(days=settings.MENTORSHIP_REQUEST_EXPIRY_DAYS)
    made = []
    with writing_history():
        for index, (member, (state, answer)) in enumerate(zip(mentors, STATES, strict=True)):
            asked_at = now - (
                expiry + timedelta(days=2) if state == "expired" else timedelta(days=9 - index)
            )
            track = _track_for(member)
            proposal = Proposal([track], NOTE.format(track=track.name), Cadence.FORTNIGHTLY, 12)
            request = do_ask(asker, users[member.handle], proposal, at=asked_at)
            if answer is not None:
                do_answer(request, answer, at=asked_at + timedelta(days=1))
            made.append(request)
        do_expire_requests(now, backdate=True)
    return made


def _track_for(member: DemoMember) -> Track:
    offered = [skill for skill in member.skills if skill.kind == "offered"]
    slug = offered[0].track if offered else member.home_track
    return Track.objects.get(slug=slug)
