"""My mentor map: per track, mentors from every source with label, strength, last interaction
and explanation; who learns from me; gaps linking to the track's most helpful members."""

from __future__ import annotations

from mentormesh.community.models import Track
from mentormesh.mentorship.actions.decisions import do_confirm_tie, do_show_learner_counts
from mentormesh.mentorship.actions.marks import check_and_mark
from mentormesh.mentorship.mentor_map import helpful_members, mentor_map, profile_mentoring
from mentormesh.mentorship.picture import picture
from mentormesh.social.actions import do_block
from tests.conftest import make_member
from tests.mentorship.factories import make_tie


def by_track(the_map):
    return {
        s.slug: ([e.person.username for e in s.mentors], [e.person.username for e in s.learners])
        for s in the_map.sectors
    }


def sector(the_map, slug):
    return next(s for s in the_map.sectors if s.slug == slug)


def test_it_merges_ties_mentorships_and_marks_per_track(alice, bob, carol):
    make_tie(bob, alice, "pr", "mentor", score=8.0)
    make_tie(bob, carol, "pr", "peer", score=2.0)
    make_tie(carol, bob, "pr", "reverse", score=1.0)
    check_and_mark(bob, alice, Track.objects.get(slug="pr"))
    the_map = mentor_map(bob)
    assert by_track(the_map)["pr"] == (["alice", "carol"], ["carol"])
    alice_entry = sector(the_map, "pr").mentors[0]
    assert alice_entry.sources == ["inferred", "marked"]
    assert alice_entry.label == "mentor"
    assert alice_entry.strength == 8.0
    assert "learned from @alice" in alice_entry.explanation
    assert "private mark" in alice_entry.explanation


def test_it_finds_gaps_in_sought_tracks_without_an_active_mentor(alice, bob):
    # bob seeks pr and marketing; a fading tie does not fill the marketing gap
    make_tie(bob, alice, "pr", "mentor")
    make_tie(bob, alice, "marketing", "fading")
    assert [s.slug for s in mentor_map(bob).gaps] == ["marketing"]


def test_it_leaves_overall_ties_to_their_tracks(alice, bob, erin):
    make_tie(bob, alice, "pr")
    make_tie(bob, alice, "*")
    make_tie(bob, erin, "*", "emerging")
    assert by_track(mentor_map(bob)) == {
        "pr": (["alice"], []),
        "marketing": ([], []),
        "*": (["erin"], []),
    }


def test_it_shows_who_confirmed(alice, bob):
    tie = make_tie(bob, alice)
    do_confirm_tie(alice, tie)
    entry = sector(mentor_map(bob), "pr").mentors[0]
    assert (entry.my_choice, entry.they_confirmed) == ("", True)
    do_confirm_tie(bob, tie)
    entry = sector(mentor_map(bob), "pr").mentors[0]
    assert entry.sources == ["inferred", "explicit"]
    assert entry.confirmable is False


def test_it_reads_the_map_in_a_fixed_number_of_queries(
    alice, bob, carol, erin, django_assert_max_num_queries
):
    make_tie(bob, alice, "pr")
    check_and_mark(bob, carol, None)
    with django_assert_max_num_queries(9) as few:
        mentor_map(bob)
    for other in [make_member(f"m{i}") for i in range(6)]:
        make_tie(bob, other, "marketing", "peer")
        make_tie(other, bob, "pr", "mentor")
        check_and_mark(bob, other, None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        the_map = mentor_map(bob)
    assert len(the_map.entries()) == 2 + 18


def test_it_ranks_the_tracks_helpers_by_distinct_learners_without_naming_them(
    alice, bob, carol, dave, erin
):
    pr = Track.objects.get(slug="pr")
    make_tie(bob, alice, "pr")
    make_tie(erin, alice, "pr", "peer")
    make_tie(erin, carol, "pr")
    helpers = helpful_members(bob, pr)
    assert [(h.profile.user.username, h.learners) for h in helpers][:2] == [
        ("alice", 2),
        ("carol", 1),
    ]
    do_block(carol, bob)
    assert "carol" not in [h.profile.user.username for h in helpful_members(bob, pr)]


def test_it_places_stronger_mentors_closer(alice, bob, carol):
    make_tie(bob, alice, "pr", score=9.0)
    make_tie(bob, carol, "pr", "peer", score=3.0)
    drawn = picture(mentor_map(bob))
    centre = drawn.centre
    far = {
        m.entry.person.username: (m.x - centre) ** 2 + (m.y - centre) ** 2 for m in drawn.markers
    }
    assert far["alice"] < far["carol"]
    assert {m.shape for m in drawn.markers} == {"circle", "diamond"}
    assert len(drawn.wedges) == 2  # pr, and the marketing gap


def test_it_counts_learners_on_the_profile_only_when_opted_in(alice, bob, carol, erin):
    make_tie(bob, alice, "pr")
    make_tie(carol, alice, "pr", "peer")
    make_tie(erin, alice, "pr", "")  # unlabelled: not counted
    assert profile_mentoring(alice).learner_counts == []
    do_show_learner_counts(alice, True)
    assert [(t.slug, n) for t, n in profile_mentoring(alice).learner_counts] == [("pr", 2)]


def test_it_leaves_hidden_ties_out_of_the_profile_counts(alice, bob, carol):
    from mentormesh.mentorship.actions.decisions import do_hide_tie

    make_tie(bob, alice, "pr")
    hidden = make_tie(carol, alice, "pr", "peer")
    do_show_learner_counts(alice, True)
    do_hide_tie(carol, hidden)
    assert [(t.slug, n) for t, n in profile_mentoring(alice).learner_counts] == [("pr", 1)]
