"""Loading the demo community into the database, through the actions layer."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.utils import timezone

from mentormesh.accounts.models import ProfileSkill, User
from mentormesh.community.models import Skill
from mentormesh.demo.generator import generate_community
from mentormesh.demo.load import (
    DemoError,
    MembersExist,
    demo_personas_present,
    install_demo,
    load_demo,
)
from mentormesh.demo.personas import DEMO_PASSWORD, PERSONAS, STEWARD


@pytest.fixture(scope="module")
def small_community():
    return generate_community(seed=11, members=40)


def test_it_creates_the_members_with_profiles_and_skills(db):
    # The full-size load (300 members) is in test_activity.py; this one is smaller and quick.
    community = generate_community(members=80)
    summary = load_demo(community)
    assert summary.members == User.objects.count() == 80
    assert summary.offered_skills == ProfileSkill.objects.filter(kind="offered").count() > 80
    assert summary.sought_skills == ProfileSkill.objects.filter(kind="sought").count() > 80
    mira = User.objects.select_related("profile").get(username="mira_pr")
    assert mira.profile.display_name == "Mira Castell"
    assert mira.profile.country.code == "GB"
    assert mira.profile.career_start_year == timezone.now().year - 22
    assert mira.profile.open_to_mentoring
    assert mira.profile.mentoring_capacity == 4
    assert set(mira.profile.profile_skills.values_list("skill__slug", "kind", "level")) == {
        (s.skill, s.kind, s.level) for s in community.member("mira_pr").skills
    }
    assert User.objects.filter(profile__headline="").count() == 0


def test_it_makes_the_steward_staff_who_can_use_the_admin(db, small_community):
    load_demo(small_community)
    steward = User.objects.get(username=STEWARD.handle)
    assert steward.is_staff
    assert not steward.is_superuser
    assert steward.has_perm("community.change_track")
    assert steward.has_perm("accounts.view_profile")
    assert not steward.has_perm("sessions.view_session")
    assert User.objects.filter(is_staff=True).count() == 1
    client = Client()
    assert client.login(username=STEWARD.handle, password=DEMO_PASSWORD)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Tracks" in page.content.decode()


def test_it_lets_every_persona_log_in_with_the_demo_password(db, small_community):
    load_demo(small_community)
    for persona in PERSONAS:
        assert authenticate(username=persona.handle, password=DEMO_PASSWORD) is not None
    someone = small_community.members[-1]
    assert authenticate(username=someone.handle, password=DEMO_PASSWORD) is not None
    assert authenticate(username=someone.handle, password="wrong-password") is None
    assert sorted(demo_personas_present()) == sorted(p.handle for p in PERSONAS)


def test_it_reports_progress_for_every_member(db, small_community):
    seen: list[tuple[int, int]] = []
    load_demo(small_community, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 40) for n in range(1, 41)]


def test_it_refuses_to_load_into_a_community_with_members(alice, small_community):
    with pytest.raises(MembersExist, match="already has 1 member;"):
        install_demo(small_community)
    assert list(User.objects.values_list("username", flat=True)) == ["alice"]


def test_it_replaces_members_but_keeps_superusers_on_reset(alice, bob, small_community):
    User.objects.create_superuser("owner", "owner@example.org", "owner-password-123")
    summary = install_demo(small_community, reset=True)
    assert summary.removed_members == 2
    assert not User.objects.filter(username__in=["alice", "bob"]).exists()
    assert User.objects.filter(username="owner").exists()
    assert User.objects.count() == 41


def test_it_writes_nothing_when_a_kept_account_uses_a_demo_handle(alice, small_community):
    User.objects.create_superuser("MIRA_PR", "mira@example.org", "owner-password-123")
    with pytest.raises(DemoError, match="@MIRA_PR"):
        install_demo(small_community, reset=True)
    assert set(User.objects.values_list("username", flat=True)) == {"alice", "MIRA_PR"}


def test_it_refuses_when_a_demo_skill_is_missing_from_the_taxonomy(db, small_community):
    Skill.objects.filter(track__slug="pr", slug="media-relations").delete()
    with pytest.raises(DemoError, match="pr/media-relations"):
        load_demo(small_community)
    assert not User.objects.exists()
