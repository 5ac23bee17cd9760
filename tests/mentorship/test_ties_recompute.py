"""The full recomputation: the engine's ties from the whole interaction log, persisted exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentormesh.demo.export import export_interaction_log, export_members
from mentormesh.engine import analyze_events, read_log, read_members
from mentormesh.engine.analysis import TIES_CSV_COLUMNS
from mentormesh.mentorship.actions import ties as tie_actions
from mentormesh.mentorship.actions.ties import (
    LEASE,
    TiesBusy,
    app_members,
    do_recompute_ties,
    holding_lease,
    interaction_table,
)
from mentormesh.mentorship.models import Tie, TieComputation
from tests.mentorship.ties_story import AS_OF, learn, tell_story, tie_rows


@pytest.fixture
def story(alice, bob, carol, dave, erin):
    tell_story(alice, bob, carol, dave, erin)


def engine_ties_from_exported_files(tmp_path, as_of):
    """The engine run the way `mentormesh analyze` would, on the app's exported log and members
    (members by handle): an independent path to the same ties."""
    export_interaction_log(tmp_path / "log.csv")
    export_members(tmp_path / "members.csv")
    events = read_log(tmp_path / "log.csv", strict=True, as_of=as_of).events
    analysis = analyze_events(events, members=read_members(tmp_path / "members.csv"), as_of=as_of)
    return analysis.ties


def test_it_persists_the_engines_ties_exactly(story, tmp_path):
    counts = do_recompute_ties(AS_OF)
    expected = engine_ties_from_exported_files(tmp_path, AS_OF)
    stored = tie_rows()
    assert counts.inserted == len(stored) == len(expected) == 8
    assert (counts.updated, counts.deleted, counts.events, counts.labelled) == (0, 0, 11, 3)
    for tie in expected.to_dict("records"):
        row = stored[(tie["learner"], tie["teacher"], tie["track"])]
        for column in TIES_CSV_COLUMNS[3:]:
            assert row[column] == tie[column], (tie["learner"], tie["teacher"], column)
    assert stored[("bob", "alice", "pr")]["label"] == "mentor"
    assert stored[("carol", "dave", "*")]["label"] == "peer"
    assert stored[("erin", "carol", "*")]["label"] == ""


def test_it_is_idempotent(story):
    do_recompute_ties(AS_OF)
    before = tie_rows()
    again = do_recompute_ties(AS_OF)
    assert (again.inserted, again.updated, again.deleted) == (0, 0, 0)
    assert again.unchanged == len(before) == 8
    assert tie_rows() == before  # same rows, same ids, same computed_at


def test_it_updates_changed_ties_in_place(story, bob, carol, erin):
    do_recompute_ties(AS_OF)
    before = tie_rows()
    learn(erin, carol, 8, "development")
    counts = do_recompute_ties(AS_OF + timedelta(weeks=1))
    after = tie_rows()
    assert counts.inserted == counts.deleted == 0
    assert counts.updated == len(after) == 8
    assert after[("erin", "carol", "*")]["pk"] == before[("erin", "carol", "*")]["pk"]
    assert after[("erin", "carol", "*")]["weeks"] == 2
    assert (
        after[("erin", "carol", "*")]["computed_at"] > before[("erin", "carol", "*")]["computed_at"]
    )


def test_it_deletes_ties_that_vanished(story, carol, erin):
    learn(erin, carol, 60, "development")  # a year later
    do_recompute_ties(AS_OF)
    assert Tie.objects.count() == 8
    a_year_on = datetime(2026, 5, 1, 12, tzinfo=UTC)  # the story's first weeks are past the horizon
    counts = do_recompute_ties(a_year_on)
    assert counts.deleted == 6
    assert set(tie_rows()) == {("erin", "carol", "*"), ("erin", "carol", "development")}


def test_it_leaves_out_interactions_after_the_as_of_moment(story):
    do_recompute_ties(AS_OF - timedelta(weeks=5))
    stored = tie_rows()
    assert stored[("bob", "alice", "*")]["weeks"] == 2  # weeks 0 and 2 of the story
    assert ("erin", "carol", "*") not in stored


def test_it_finds_no_ties_in_an_empty_log_without_error(alice, bob):
    counts = do_recompute_ties()
    assert (counts.inserted, counts.updated, counts.deleted, counts.labelled) == (0, 0, 0, 0)
    assert counts.events == 0
    assert not Tie.objects.exists()


def test_it_empties_the_table_when_the_log_has_nothing_left_in_the_horizon(story):
    do_recompute_ties(AS_OF)
    counts = do_recompute_ties(datetime(2026, 6, 1, tzinfo=UTC))
    assert counts.deleted == 8
    assert not Tie.objects.exists()


def test_it_refuses_an_as_of_in_the_future_and_changes_nothing(story):
    do_recompute_ties(AS_OF)
    before = tie_rows()
    with pytest.raises(ValidationError, match="in the future"):
        do_recompute_ties(timezone.now() + timedelta(hours=1))
    assert tie_rows() == before
    assert TieComputation.objects.get(name=LEASE).holder == ""


def test_it_refuses_an_as_of_without_a_time_zone(story):
    with pytest.raises(ValidationError, match="time zone"):
        do_recompute_ties(datetime(2025, 5, 1, 12))  # noqa: DTZ001 (the bad input under test)
    assert not Tie.objects.exists()


def test_it_refuses_to_run_while_another_recomputation_holds_the_lease(story):
    with holding_lease(timedelta(minutes=5)), pytest.raises(TiesBusy, match="running"):
        do_recompute_ties(AS_OF)
    assert not Tie.objects.exists()
    do_recompute_ties(AS_OF)  # released afterwards
    assert Tie.objects.count() == 8


def test_it_takes_over_a_lease_that_ran_out(story):
    TieComputation.objects.create(
        name=LEASE, holder="crashed", held_until=timezone.now() - timedelta(minutes=1)
    )
    assert do_recompute_ties(AS_OF).inserted == 8
    computation = TieComputation.objects.get(name=LEASE)
    assert computation.holder == ""
    assert computation.full_as_of == AS_OF


def test_it_gives_the_engine_the_log_with_member_ids_as_text(story, alice, bob):
    table = interaction_table(AS_OF)
    assert table.column_names == ["time", "actor", "target", "kind", "track", "context"]
    assert table.num_rows == 11
    first = table.slice(0, 1).to_pylist()[0]
    assert first["time"] == datetime(2025, 3, 3, 10, tzinfo=UTC)
    assert (first["actor"], first["target"]) == (str(bob.pk), str(alice.pk))
    assert (first["kind"], first["track"]) == ("learned", "pr")
    mine = interaction_table(AS_OF, {alice.pk})
    assert mine.num_rows == 4


def test_it_describes_the_members_from_their_profiles(story, alice, bob):
    members = app_members()
    bob_member = members.get(str(bob.pk))
    assert bob_member is not None
    assert bob_member.name == "Bob"
    assert bob_member.career_start is not None
    assert bob_member.career_start.year == 2022
    assert (bob_member.country, bob_member.field) == ("US", "Retail")
    assert bob_member.tracks_sought == ("marketing", "pr")
    assert members.get(str(alice.pk)).tracks_offered == ("pr",)
    assert set(app_members({str(alice.pk)}).by_id) == {str(alice.pk)}


def test_it_writes_no_ties_for_a_member_who_left_while_it_computed(story, erin, monkeypatch):
    compute = tie_actions.computed_ties

    def erin_leaves_meanwhile(*args, **kwargs):
        found = compute(*args, **kwargs)
        erin.delete()
        return found

    monkeypatch.setattr(tie_actions, "computed_ties", erin_leaves_meanwhile)
    counts = do_recompute_ties(AS_OF)
    assert counts.inserted == 6
    assert not any("erin" in key[:2] for key in tie_rows())
