"""Confirming and hiding inferred ties: either person can hide one (only from themselves);
when both confirm, it becomes a mentorship, which each chooses to show on their profile."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mentormesh.mentorship.actions.decisions import (
    NOT_YOUR_TIE,
    TieNotFound,
    access_mentorship,
    access_tie,
    do_confirm_tie,
    do_hide_tie,
    do_show_on_profile,
)
from mentormesh.mentorship.models import Mentorship, MentorshipOrigin, TieDecision
from mentormesh.mentorship.visibility import visible_ties
from mentormesh.social.actions import do_block
from tests.mentorship.factories import make_tie


def test_it_turns_a_tie_both_confirm_into_a_mentorship(alice, bob):
    tie = make_tie(bob, alice, "pr")
    assert do_confirm_tie(bob, access_tie(bob, tie.pk)) is None
    assert not Mentorship.objects.exists()
    mentorship = do_confirm_tie(alice, access_tie(alice, tie.pk))
    assert mentorship is not None
    assert (mentorship.mentor, mentorship.mentee) == (alice, bob)
    assert mentorship.origin == MentorshipOrigin.CONFIRMED_TIE
    assert [t.slug for t in mentorship.tracks.all()] == ["pr"]
    assert not (mentorship.mentor_shows_on_profile)
    assert not (mentorship.mentee_shows_on_profile)


def test_it_adds_a_second_confirmed_track_to_the_same_mentorship(alice, bob):
    for track in ("pr", "marketing"):
        tie = make_tie(bob, alice, track)
        do_confirm_tie(bob, tie)
        do_confirm_tie(alice, tie)
    mentorship = Mentorship.objects.get()
    assert sorted(t.slug for t in mentorship.tracks.all()) == ["marketing", "pr"]


def test_it_hides_a_tie_only_from_the_one_who_hid_it(alice, bob):
    tie = make_tie(bob, alice)
    do_hide_tie(bob, tie)
    assert list(visible_ties(bob)) == []
    assert list(visible_ties(alice)) == [tie]
    with pytest.raises(TieNotFound):
        access_tie(bob, tie.pk)  # hidden stays hidden: no confirming it afterwards


def test_it_keeps_decisions_through_a_recomputation(alice, bob):
    tie = make_tie(bob, alice)
    do_hide_tie(bob, tie)
    tie.delete()
    again = make_tie(bob, alice)
    assert list(visible_ties(bob)) == []
    assert list(visible_ties(alice)) == [again]


def test_it_refuses_to_confirm_a_tie_you_are_not_in(alice, bob, carol):
    tie = make_tie(bob, alice)
    with pytest.raises(TieNotFound, match="you can only confirm or hide a tie you are in"):
        access_tie(carol, tie.pk)
    assert not TieDecision.objects.exists()


def test_it_refuses_to_hide_an_unknown_tie_with_the_same_message(carol):
    with pytest.raises(TieNotFound) as error:
        access_tie(carol, 987654)
    assert str(error.value) == NOT_YOUR_TIE


def test_it_shows_no_tie_across_a_block(alice, bob):
    make_tie(bob, alice)
    do_block(alice, bob)
    assert list(visible_ties(bob)) == []
    assert list(visible_ties(alice)) == []


def test_it_ignores_unlabelled_ties(alice, bob):
    make_tie(bob, alice, label="")
    assert list(visible_ties(bob)) == []


def test_it_lets_each_person_choose_what_their_profile_shows(alice, bob, carol):
    tie = make_tie(bob, alice)
    do_confirm_tie(bob, tie)
    mentorship = do_confirm_tie(alice, tie)
    assert mentorship is not None
    do_show_on_profile(bob, mentorship, True)
    mentorship.refresh_from_db()
    assert (mentorship.mentee_shows_on_profile, mentorship.mentor_shows_on_profile) == (True, False)
    with pytest.raises(ValidationError):
        do_show_on_profile(carol, mentorship, True)
    with pytest.raises(Exception, match="No such mentorship"):
        access_mentorship(carol, mentorship.pk)
