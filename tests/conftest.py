"""The cast. Every test speaks about the same few members, each with a clear role:

- alice: a senior PR professional (career since 2004), open to mentoring, offers media relations.
- bob: a junior marketer (since 2022) who seeks PR and marketing skills.
- carol: a mid-career developer (since 2015), open to peer exchange, offers web development.
- dave: the community's steward (staff), welcomes newcomers.
- erin: a newcomer who has only signed up.
"""

from __future__ import annotations

import os

import pytest

from mentormesh.accounts.actions import (
    SkillChoice,
    do_create_user,
    do_set_skills,
    do_update_profile,
)
from mentormesh.accounts.models import User
from mentormesh.community.models import Skill

PASSWORD = "correct-horse-battery-staple-42"


def skill(track: str, slug: str) -> Skill:
    return Skill.objects.get(track__slug=track, slug=slug)


def make_member(
    handle: str, *, skills: list[tuple[str, str, str, int]] = (), **profile: object
) -> User:  # type: ignore[assignment]
    user = do_create_user(handle, f"{handle}@example.org", PASSWORD, display_name=handle.title())
    if profile:
        do_update_profile(user.profile, profile)
    do_set_skills(
        user.profile, [SkillChoice(skill(t, s), kind, level) for t, s, kind, level in skills]
    )
    return user


@pytest.fixture
def alice(db) -> User:
    return make_member(
        "alice",
        headline="PR lead, 20 years of media relations",
        country="GB",
        field="Public relations agency",
        career_start_year=2004,
        open_to_mentoring=True,
        mentoring_capacity=3,
        skills=[("pr", "media-relations", "offered", 4), ("pr", "press-releases", "offered", 3)],
    )


@pytest.fixture
def bob(db) -> User:
    return make_member(
        "bob",
        headline="Junior marketer",
        country="US",
        field="Retail",
        career_start_year=2022,
        skills=[("pr", "media-relations", "sought", 1), ("marketing", "seo", "sought", 2)],
    )


@pytest.fixture
def carol(db) -> User:
    return make_member(
        "carol",
        headline="Developer who builds community tools",
        country="DE",
        field="Software",
        career_start_year=2015,
        open_to_peer_exchange=True,
        skills=[
            ("development", "web-development", "offered", 3),
            ("pr", "personal-branding", "sought", 2),
        ],
    )


@pytest.fixture
def dave(db) -> User:
    user = make_member("dave", country="CA", field="Nonprofit", open_to_welcoming=True)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def erin(db) -> User:
    return make_member("erin")


@pytest.fixture(scope="session", autouse=True)
def _allow_sync_orm_in_browser_tests() -> None:
    # Playwright's sync API runs an event loop in the test thread; see docs/testing.md.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
