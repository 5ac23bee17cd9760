"""The shared page of a mentorship: goals, check-ins, notes, closing with a thank-you."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from mentormesh.mentorship.actions import mentorships as actions
from mentormesh.mentorship.actions.requests import check_and_answer
from mentormesh.mentorship.models import Mentorship, MentorshipOrigin, MentorshipStatus
from mentormesh.social.models import Notification
from tests.mentorship.conftest import ask


@pytest.fixture
def mentorship(alice, bob) -> Mentorship:
    request = check_and_answer(alice, ask(bob, alice), "yes")
    assert request.mentorship is not None
    return request.mentorship


def test_it_lets_both_sides_write_on_the_shared_page(mentorship, alice, bob):
    actions.check_add_goal(mentorship, "Pitch one journalist")
    actions.do_add_goal(mentorship, bob, "Pitch one journalist")
    actions.do_add_check_in(mentorship, alice, "Talked about pitching", timezone.localdate())
    actions.do_add_note(mentorship, bob, "Thanks for the list of outlets")
    assert [goal.text for goal in mentorship.goals.all()] == ["Pitch one journalist"]
    assert mentorship.check_ins.get().author == alice
    assert mentorship.notes.get().author == bob


def test_it_shows_a_mentorship_to_its_two_people_only(mentorship, alice, bob, carol, dave):
    assert actions.access_mentorship(alice, mentorship.pk) == mentorship
    assert actions.access_mentorship(bob, mentorship.pk) == mentorship
    for outsider in (carol, dave):
        with pytest.raises(Http404):
            actions.access_mentorship(outsider, mentorship.pk)


def test_it_works_for_a_mentorship_from_a_confirmed_tie(carol, erin):
    confirmed = Mentorship.objects.create(
        mentor=carol, mentee=erin, origin=MentorshipOrigin.CONFIRMED_TIE
    )
    actions.do_add_note(actions.access_mentorship(erin, confirmed.pk), erin, "Hello!")
    assert confirmed.notes.count() == 1


def test_it_closes_with_a_thank_you_to_the_other_side(mentorship, alice, bob):
    actions.check_and_close(mentorship, bob, "Thank you, Alice — I pitched three outlets!")
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.CLOSED
    assert mentorship.closed_at is not None
    assert mentorship.notes.get().kind == "thanks"
    notification = Notification.objects.get(recipient=alice, kind="closed_thanks")
    assert notification.note.startswith("Thank you, Alice")
    assert notification.link == f"/mentorships/{mentorship.pk}/"


def test_it_refuses_writing_on_a_closed_mentorship(mentorship, alice, bob):
    actions.check_and_close(mentorship, alice, "Thanks Bob!")
    with pytest.raises(ValidationError, match="closed"):
        actions.check_add_note(mentorship, "one more thing")
    with pytest.raises(ValidationError, match="closed"):
        actions.check_and_close(mentorship, bob, "Thanks!")
    assert mentorship.notes.count() == 1


def test_it_refuses_empty_and_over_long_entries(mentorship):
    with pytest.raises(ValidationError, match="Write the goal first"):
        actions.check_add_goal(mentorship, "  ")
    with pytest.raises(ValidationError, match="2001 characters"):
        actions.check_add_note(mentorship, "x" * 2001)
    with pytest.raises(ValidationError, match="once it has happened"):
        actions.check_add_check_in(mentorship, "Plan", timezone.localdate() + timedelta(days=2))
    assert (mentorship.goals.count(), mentorship.notes.count(), mentorship.check_ins.count()) == (
        0,
        0,
        0,
    )
