"""Nudges: fading ties and quiet mentorships get one gentle, concrete suggestion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentormesh.mentorship.actions.mentorships import do_add_check_in
from mentormesh.mentorship.actions.nudges import check_and_set_nudge_settings, do_send_nudges
from mentormesh.mentorship.models import Mentorship, MentorshipOrigin, Nudge
from mentormesh.social.actions import check_and_create_status, do_block
from mentormesh.social.models import Notification
from tests.mentorship.conftest import make_tie

LATER = timedelta(days=40)


def nudges_for(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind="nudge"))


def quiet_mentorship(mentor, mentee) -> Mentorship:
    return Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        origin=MentorshipOrigin.REQUEST,
        started_at=timezone.now() - timedelta(days=60),
    )


def test_it_suggests_replying_to_the_teachers_latest_post_for_a_fading_tie(alice, bob):
    check_and_create_status(alice, "An older post about pitching")
    latest = check_and_create_status(alice, "How I write a press release")
    make_tie(bob, alice)
    assert do_send_nudges() == 1
    [nudge] = nudges_for(bob)
    assert nudge.actor == alice
    assert nudge.status == latest
    assert "Reply to their latest post, or share it" in nudge.note
    assert nudge.link == f"/@alice/{latest.pk}/"
    assert nudges_for(alice) == []


def test_it_suggests_saying_hello_when_the_teacher_has_no_post(alice, bob):
    make_tie(bob, alice)
    do_send_nudges()
    [nudge] = nudges_for(bob)
    assert nudge.status is None
    assert "Say hello" in nudge.note


def test_it_ignores_ties_that_are_not_fading(alice, bob):
    make_tie(bob, alice, label="mentor")
    make_tie(bob, alice, track="pr")
    assert do_send_nudges() == 0


def test_it_suggests_a_check_in_to_both_sides_of_a_quiet_mentorship(alice, bob):
    mentorship = quiet_mentorship(alice, bob)
    assert do_send_nudges() == 2
    for user in (alice, bob):
        [nudge] = nudges_for(user)
        assert "Propose a check-in" in nudge.note
        assert nudge.link == f"/mentorships/{mentorship.pk}/#check-ins"


def test_it_leaves_a_mentorship_with_a_recent_check_in_alone(alice, bob):
    do_add_check_in(quiet_mentorship(alice, bob), bob, "Coffee chat")
    assert do_send_nudges() == 0


def test_it_nudges_once_per_person_per_period(alice, bob):
    make_tie(bob, alice)
    assert do_send_nudges() == 1
    assert do_send_nudges(timezone.now() + timedelta(days=1)) == 0
    assert do_send_nudges(timezone.now() + LATER) == 1
    assert Nudge.objects.count() == 2


def test_it_respects_turned_off_and_snoozed_nudges(alice, bob, carol):
    make_tie(bob, alice)
    make_tie(carol, alice)
    check_and_set_nudge_settings(bob, enabled=False, snoozed_until=None)
    check_and_set_nudge_settings(
        carol, enabled=True, snoozed_until=timezone.localdate() + timedelta(days=7)
    )
    assert do_send_nudges() == 0
    assert do_send_nudges(timezone.now() + timedelta(days=8)) == 1
    assert [n.recipient for n in Notification.objects.filter(kind="nudge")] == [carol]


def test_it_skips_blocked_pairs(alice, bob):
    make_tie(bob, alice)
    do_block(alice, bob)
    assert do_send_nudges() == 0


def test_it_refuses_a_snooze_in_the_past_or_beyond_a_year(bob):
    today = timezone.localdate()
    for day in (today, today + timedelta(days=400)):
        with pytest.raises(ValidationError):
            check_and_set_nudge_settings(bob, enabled=True, snoozed_until=day)
    assert not bob.__class__.objects.filter(nudge_settings__isnull=False).exists()
