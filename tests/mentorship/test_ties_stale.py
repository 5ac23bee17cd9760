"""The cheap update: an interaction marks its pair stale; the minute job recomputes only the
ties that depend on the two people, and they equal what a full recomputation gives."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from mentormesh.mentorship.actions.stale import clear_marks, mark_pair_stale, marks_up_to
from mentormesh.mentorship.actions.ties import (
    TiesBusy,
    do_recompute_ties,
    do_update_stale_ties,
    holding_lease,
)
from mentormesh.mentorship.models import StalePair
from mentormesh.mentorship.tasks import update_stale_ties
from mentormesh.social.actions import check_and_favourite, do_create_status
from mentormesh.social.models import Interaction
from tests.mentorship.ties_story import AS_OF, learn, tell_story, tie_rows


@pytest.fixture
def story(alice, bob, carol, dave, erin):
    tell_story(alice, bob, carol, dave, erin)
    do_recompute_ties(AS_OF)  # clears the marks the story made
    assert not StalePair.objects.exists()


def marked_pairs():
    return set(StalePair.objects.values_list("low__username", "high__username"))


def test_it_marks_the_pair_when_an_interaction_is_logged(alice, bob, carol):
    post = do_create_status(alice, "Embargo tips #pr")
    check_and_favourite(bob, post)
    assert marked_pairs() == {("alice", "bob")}
    mark = StalePair.objects.get()
    assert mark.interaction == Interaction.objects.get(kind="favourite").pk
    check_and_favourite(carol, post)
    assert marked_pairs() == {("alice", "bob"), ("alice", "carol")}


def test_it_marks_the_pairs_of_a_reply_and_its_mentions(alice, bob, carol):
    post = do_create_status(alice, "Embargo tips #pr")
    StalePair.objects.all().delete()
    reply = do_create_status(bob, "@carol have a look at this", in_reply_to=post)
    assert marked_pairs() == {("alice", "bob"), ("bob", "carol")}
    logged = dict(Interaction.objects.filter(context=str(reply.pk)).values_list("target", "pk"))
    marks = {(mark.low_id, mark.high_id): mark.interaction for mark in StalePair.objects.all()}
    assert marks == {
        (alice.pk, bob.pk): logged[alice.pk],
        (bob.pk, carol.pk): logged[carol.pk],
    }


def test_it_marks_nothing_when_the_interaction_is_rolled_back(alice, bob):
    post = do_create_status(alice, "Embargo tips #pr")

    def favourite_then_fail():
        with transaction.atomic():
            check_and_favourite(bob, post)
            raise RuntimeError("the request failed after logging")

    with pytest.raises(RuntimeError):
        favourite_then_fail()
    assert not StalePair.objects.exists()
    assert not Interaction.objects.exists()


def test_it_updates_only_the_affected_ties_and_matches_a_full_recomputation(story, carol, erin):
    before = tie_rows()
    for week in (5, 8):  # back-dated: before AS_OF, so both runs see them
        learn(erin, carol, week, "development")
    assert marked_pairs() == {("carol", "erin")}
    counts = do_update_stale_ties(AS_OF)
    after = tie_rows()
    assert counts.pairs == 1
    assert not StalePair.objects.exists()
    changed = {key for key in after if before.get(key) != after[key]}
    assert all({"carol", "erin"} & set(key[:2]) for key in changed)
    assert after[("erin", "carol", "*")]["weeks"] == 3  # the pair itself: now a tie
    assert after[("erin", "carol", "*")]["label"] == "mentor"
    assert ("dave", "carol", "*") in changed  # carol's other learner: her focus on dave fell
    assert after[("bob", "alice", "*")] == before[("bob", "alice", "*")]
    full = do_recompute_ties(AS_OF)
    assert (full.inserted, full.updated, full.deleted) == (0, 0, 0)
    assert tie_rows() == after


def test_it_inserts_the_ties_of_a_new_pair(story, alice, erin):
    before = tie_rows()
    for week in (1, 3, 5):
        learn(erin, alice, week)
    counts = do_update_stale_ties(AS_OF)
    assert counts.inserted == 2  # erin <- alice overall and in #pr
    after = tie_rows()
    assert after[("erin", "alice", "pr")]["label"] == "mentor"
    # alice now teaches two: her focus on bob falls (a tie of the teacher's) ...
    assert after[("bob", "alice", "*")]["focus"] < before[("bob", "alice", "*")]["focus"]
    # ... and erin now relies on carol less (a tie of the learner's, with an outside teacher)
    assert after[("erin", "carol", "*")]["reliance"] < before[("erin", "carol", "*")]["reliance"]
    assert after[("erin", "carol", "*")]["focus"] == before[("erin", "carol", "*")]["focus"]
    full = do_recompute_ties(AS_OF)
    assert (full.inserted, full.updated, full.deleted) == (0, 0, 0)


def test_it_does_nothing_without_stale_pairs(story):
    before = tie_rows()
    counts = do_update_stale_ties(AS_OF)
    assert (counts.pairs, counts.written, counts.events) == (0, 0, 0)
    assert tie_rows() == before


def test_it_handles_many_pairs_in_batches(story, alice, bob, carol, dave, erin):
    learn(erin, carol, 8, "development")
    learn(erin, alice, 2)
    learn(bob, dave, 3, "development")
    counts = do_update_stale_ties(AS_OF, batch=1)
    assert counts.pairs == 3
    assert not StalePair.objects.exists()
    full = do_recompute_ties(AS_OF)
    assert (full.inserted, full.updated, full.deleted) == (0, 0, 0)


def test_it_keeps_a_mark_that_a_newer_interaction_moved_on(alice, bob):
    post = do_create_status(alice, "Tip #pr")
    check_and_favourite(bob, post)
    read = [(pk, interaction) for pk, interaction, *_ in marks_up_to(AS_OF + timedelta(days=9999))]
    newer = Interaction.objects.create(actor=bob, target=alice, kind="learned", track="pr")
    mark_pair_stale(bob.pk, alice.pk, newer.pk)  # while the job was computing
    assert clear_marks(read) == 0
    assert StalePair.objects.get().interaction == newer.pk


def test_it_leaves_marks_for_a_full_recomputation_that_is_running(story, carol, erin):
    learn(erin, carol, 8, "development")
    with holding_lease(timedelta(minutes=5)):
        with pytest.raises(TiesBusy):
            do_update_stale_ties(AS_OF)
        assert update_stale_ties.call() == {"skipped": "a recomputation of the ties is running"}
    assert marked_pairs() == {("carol", "erin")}


def test_it_leaves_marks_of_interactions_after_the_as_of_moment(story, carol, erin):
    learn(erin, carol, 12, "development")  # after AS_OF
    assert do_update_stale_ties(AS_OF).pairs == 0
    assert marked_pairs() == {("carol", "erin")}
    assert do_update_stale_ties().pairs == 1
    assert not StalePair.objects.exists()
