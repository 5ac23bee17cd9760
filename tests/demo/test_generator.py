"""The demo community generator: deterministic, realistic, and valid by the profile rules."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentormesh.accounts.actions import check_profile_changes
from mentormesh.accounts.models import Profile
from mentormesh.accounts.validation import validate_handle_format
from mentormesh.community.taxonomy import DEFAULT_TRACKS
from mentormesh.demo.generator import generate_community
from mentormesh.demo.load import demo_profile
from mentormesh.demo.personas import PERSONAS
from mentormesh.demo.records import DemoCommunity

TRACKS = {str(track["slug"]) for track in DEFAULT_TRACKS}


@pytest.fixture(scope="module")
def community() -> DemoCommunity:
    return generate_community()


def test_it_gives_the_same_community_for_the_same_seed(community):
    assert generate_community(2026, 300) == community


def test_it_gives_a_different_community_for_another_seed(community):
    other = generate_community(7, 300)
    assert other != community
    assert [m.handle for m in other.members[len(PERSONAS) :]] != [
        m.handle for m in community.members[len(PERSONAS) :]
    ]


def _digest_in_a_fresh_interpreter(hash_seed: str) -> str:
    code = (
        "import hashlib; from mentormesh.demo.generator import generate_community; "
        "print(hashlib.sha256(repr(generate_community()).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_it_gives_the_same_community_in_every_process(community):
    here = hashlib.sha256(repr(community).encode()).hexdigest()
    assert _digest_in_a_fresh_interpreter("1") == here
    assert _digest_in_a_fresh_interpreter("2") == here


def test_it_makes_about_300_members_by_default(community):
    assert len(community.members) == 300
    assert len(generate_community(members=40).members) == 40


def test_it_refuses_a_community_smaller_than_its_personas():
    with pytest.raises(ValueError, match="members"):
        generate_community(members=len(PERSONAS) - 1)


def test_it_gives_every_member_a_valid_handle_unique_ignoring_case(community):
    handles = [member.handle for member in community.members]
    for handle in handles:
        validate_handle_format(handle)
    assert len({handle.lower() for handle in handles}) == len(handles)
    assert len({member.email.lower() for member in community.members}) == len(handles)


def test_it_keeps_the_personas_and_their_handles_for_every_seed(community):
    assert community.personas == PERSONAS
    assert generate_community(99).personas == PERSONAS
    stewards = [member for member in community.members if member.is_steward]
    assert [steward.handle for steward in stewards] == ["dana_steward"]


def test_it_offers_and_seeks_skills_in_every_track(community):
    offered = {s.track for m in community.members for s in m.skills_of_kind("offered")}
    sought = {s.track for m in community.members for s in m.skills_of_kind("sought")}
    assert offered == sought == TRACKS
    assert Counter(m.home_track for m in community.members).keys() == TRACKS


def test_it_only_uses_skills_of_the_default_taxonomy(community):
    known = {(str(t["slug"]), slug) for t in DEFAULT_TRACKS for slug, _name in t["skills"]}  # type: ignore[attr-defined]
    used = {(s.track, s.skill) for m in community.members for s in m.skills}
    assert used <= known
    for member in community.members:
        offered = {(s.track, s.skill) for s in member.skills_of_kind("offered")}
        sought = {(s.track, s.skill) for s in member.skills_of_kind("sought")}
        assert not offered & sought, member.handle


def test_it_spreads_experience_from_newcomers_to_veterans(community):
    years = [member.experience_years for member in community.members]
    assert (
        sum(y <= 1 for y in years) >= 40
    )  # students and juniors: career started this year or last
    assert sum(y >= 20 for y in years) >= 20
    assert {member.stage for member in community.members} == {
        "student",
        "junior",
        "early",
        "mid",
        "senior",
        "veteran",
    }


def test_it_makes_seniors_more_often_open_to_mentoring(community):
    def share_open(stages: set[str]) -> float:
        group = [m for m in community.members if m.stage in stages]
        return sum(m.open_to_mentoring for m in group) / len(group)

    assert share_open({"senior", "veteran"}) > 0.6 > 0.1 > share_open({"student", "junior"})
    for member in community.members:
        assert (member.mentoring_capacity > 0) == member.open_to_mentoring, member.handle
    assert sum(m.open_to_welcoming for m in community.members) >= 30


def test_it_offers_skills_at_higher_levels_than_it_seeks_them(community):
    offered = [s.level for m in community.members for s in m.skills_of_kind("offered")]
    sought = [s.level for m in community.members for s in m.skills_of_kind("sought")]
    assert min(offered) >= 2
    assert max(sought) <= 2
    assert sum(offered) / len(offered) > sum(sought) / len(sought) + 1


def test_it_spans_many_countries_and_fields(community):
    assert len({member.country for member in community.members}) >= 15
    assert len({member.field for member in community.members}) >= 12
    assert {"PR agency", "In-house communications", "Nonprofit", "Software", "Government"} <= {
        member.field for member in community.members
    }


def test_it_writes_headlines_and_bios_without_placeholders(community):
    for member in community.members:
        text = f"{member.display_name} {member.headline} {member.bio}"
        assert not {"{", "}"} & set(text), member.handle
        assert "lorem" not in text.lower(), member.handle
        assert member.headline
        assert member.display_name
        assert "  " not in member.bio, member.bio
        assert member.bio.endswith((".", "!", "?")), member.bio


def test_it_writes_profiles_that_pass_the_profile_rules(community):
    this_year = timezone.now().year
    for member in community.members:
        try:
            check_profile_changes(Profile(), demo_profile(member, this_year))
        except ValidationError as error:  # pragma: no cover - the message names the culprit
            pytest.fail(f"@{member.handle}: {error.message_dict}")
