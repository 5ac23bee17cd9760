"""Writing a generated demo community into the database, through the actions layer.

Everything happens in one transaction: a load that fails writes nothing. Later parts of the
community (activity, planted mentorships) get their own ``_load_*`` step after the members.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from mentormesh.accounts.actions import (
    SkillChoice,
    do_create_user,
    do_delete_members,
    do_grant_steward_permissions,
    do_set_skills,
    do_update_profile,
)
from mentormesh.accounts.models import User
from mentormesh.community.models import Skill
from mentormesh.demo.personas import DEMO_PASSWORD, PERSONAS
from mentormesh.demo.records import DemoCommunity, DemoMember

# Called as progress(done, total) after each member is written.
Progress = Callable[[int, int], None]
SkillIndex = dict[tuple[str, str], Skill]


class DemoError(Exception):
    """The demo cannot be loaded into this database; the message says why and what to do."""


class MembersExist(DemoError):
    """The community already has members and no reset was asked for."""

    def __init__(self, count: int) -> None:
        self.count = count
        noun = "member" if count == 1 else "members"
        super().__init__(
            f"The database already has {count} {noun}; the demo is only loaded into an empty "
            "community. Use --reset to delete every member except superusers and load it anyway."
        )


@dataclass(frozen=True)
class LoadSummary:
    members: int
    offered_skills: int
    sought_skills: int
    stewards: int
    seconds: float
    removed_members: int = 0


def install_demo(
    community: DemoCommunity, *, reset: bool = False, progress: Progress | None = None
) -> LoadSummary:
    """Load the demo into an empty community or, with ``reset``, in place of its members.

    Superusers survive a reset, so whoever runs the instance keeps their login. Removing the
    members and loading the demo is one transaction: if loading fails, nobody is deleted.
    """
    with transaction.atomic():
        if not reset:
            check_community_empty()
        removed = reset_members() if reset else 0
        summary = load_demo(community, progress)
    return LoadSummary(**{**summary.__dict__, "removed_members": removed})


def check_community_empty() -> None:
    existing = User.objects.count()
    if existing:
        raise MembersExist(existing)


def reset_members() -> int:
    """Delete every member who is not a superuser, with everything that belongs to them.
    Tracks and skills (the taxonomy) stay as they are."""
    return do_delete_members(User.objects.filter(is_superuser=False))


def load_demo(community: DemoCommunity, progress: Progress | None = None) -> LoadSummary:
    """Create the community's members with their profiles and skills, in one transaction."""
    started = time.perf_counter()
    with transaction.atomic():
        skills = skill_index(community)
        check_handles_free(community)
        _load_members(community, skills, progress)
    members = community.members
    return LoadSummary(
        members=len(members),
        offered_skills=sum(len(m.skills_of_kind("offered")) for m in members),
        sought_skills=sum(len(m.skills_of_kind("sought")) for m in members),
        stewards=sum(m.is_steward for m in members),
        seconds=time.perf_counter() - started,
    )


def _load_members(community: DemoCommunity, skills: SkillIndex, progress: Progress | None) -> None:
    # One hash for everybody: the demo password is shared, and Argon2 is slow on purpose.
    password_hash = make_password(DEMO_PASSWORD)
    this_year = timezone.now().year
    total = len(community.members)
    for done, member in enumerate(community.members, start=1):
        _load_member(member, skills, password_hash, this_year)
        if progress is not None:
            progress(done, total)


def _load_member(
    member: DemoMember, skills: SkillIndex, password_hash: str, this_year: int
) -> None:
    user = do_create_user(
        member.handle,
        member.email,
        None,
        display_name=member.display_name,
        password_hash=password_hash,
    )
    if member.is_steward:
        do_grant_steward_permissions(user)
    do_update_profile(user.profile, demo_profile(member, this_year))
    do_set_skills(
        user.profile,
        [SkillChoice(skills[(s.track, s.skill)], s.kind, s.level) for s in member.skills],
    )


def demo_profile(member: DemoMember, this_year: int) -> dict[str, object]:
    """The member's profile fields (validated against the model's rules by the demo's tests)."""
    return {
        "headline": member.headline,
        "bio": member.bio,
        "country": member.country,
        "field": member.field,
        "career_start_year": member.career_start_year(this_year),
        "open_to_mentoring": member.open_to_mentoring,
        "open_to_peer_exchange": member.open_to_peer_exchange,
        "open_to_welcoming": member.open_to_welcoming,
        "mentoring_capacity": member.mentoring_capacity,
    }


def skill_index(community: DemoCommunity) -> SkillIndex:
    """The taxonomy's skills by (track slug, skill slug); refuses when one the demo uses is gone."""
    index = {(s.track.slug, s.slug): s for s in Skill.objects.select_related("track")}
    needed = {(s.track, s.skill) for member in community.members for s in member.skills}
    missing = sorted(f"{track}/{slug}" for track, slug in needed - set(index))
    if missing:
        raise DemoError(
            f"The demo needs the default tracks and skills, and these are missing: {', '.join(missing)}. "
            "Load the demo into a new database, or add them back in the admin."
        )
    return index


def check_handles_free(community: DemoCommunity) -> None:
    """Refuse, before writing anything, when a kept account already uses a demo handle or email."""
    handles = [m.handle.lower() for m in community.members]
    emails = [m.email.lower() for m in community.members]
    clashes = User.objects.annotate(
        handle_lower=Lower("username"), email_lower=Lower("email")
    ).filter(Q(handle_lower__in=handles) | Q(email_lower__in=emails))
    taken = sorted(clashes.values_list("username", flat=True))
    if taken:
        raise DemoError(
            "These accounts already use a demo member's handle or email: "
            f"{', '.join('@' + handle for handle in taken)}."
        )


def demo_personas_present() -> list[str]:
    """Handles of the demo personas that exist in the database (empty when the demo is not loaded)."""
    handles = [persona.handle for persona in PERSONAS]
    return list(User.objects.filter(username__in=handles).values_list("username", flat=True))
