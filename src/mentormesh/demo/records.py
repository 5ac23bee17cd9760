"""The demo community as plain, frozen data: what the generator returns and the loader writes.

Nothing here touches the database, so a generated community can be compared, printed and
tested without Django. Times are relative (years of experience; later parts: days ago) so the
same seed gives the same community on any date; ``load_demo`` anchors them to the day it runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSkill:
    """One declared skill: ``kind`` is "offered" or "sought", ``level`` 1 (beginner) to 4 (expert)."""

    track: str
    skill: str
    kind: str
    level: int


@dataclass(frozen=True)
class DemoMember:
    """A member of the demo community, with their profile and declared skills."""

    handle: str
    email: str
    display_name: str
    headline: str
    bio: str
    country: str
    city: str
    field: str
    home_track: str
    stage: str
    experience_years: int
    open_to_mentoring: bool
    open_to_peer_exchange: bool
    open_to_welcoming: bool
    mentoring_capacity: int
    skills: tuple[DemoSkill, ...]
    is_steward: bool = False
    # Set on the named personas only: who they are in the demo, for docs and later issues.
    persona_role: str = ""

    @property
    def is_persona(self) -> bool:
        return bool(self.persona_role)

    def skills_of_kind(self, kind: str) -> tuple[DemoSkill, ...]:
        return tuple(skill for skill in self.skills if skill.kind == kind)

    def career_start_year(self, this_year: int) -> int:
        return this_year - self.experience_years


@dataclass(frozen=True)
class DemoCommunity:
    """Everything the demo loads. Later parts (activity, planted mentorships) are added here as
    new fields with empty defaults, each made by its own sibling module of ``generator``."""

    seed: int
    members: tuple[DemoMember, ...]

    @property
    def personas(self) -> tuple[DemoMember, ...]:
        return tuple(member for member in self.members if member.is_persona)

    def member(self, handle: str) -> DemoMember:
        for member in self.members:
            if member.handle.lower() == handle.lower():
                return member
        raise KeyError(handle)
