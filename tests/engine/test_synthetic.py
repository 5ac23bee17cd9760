"""The synthetic community: the same per seed, its planted ties are what its truth says, and its
noise is the kind that fools naive counting."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from mentormesh.engine.logio import events_table
from mentormesh.engine.rules import Rules
from mentormesh.engine.synthetic import (
    ACTOR_LEARNED,
    BOTS,
    TIE_LABELS,
    WEEK,
    SyntheticCommunity,
    generate_synthetic,
    generate_synthetic_arrays,
)


@pytest.fixture(scope="module")
def community() -> SyntheticCommunity:
    return generate_synthetic(11, members=600)


@pytest.fixture(scope="module")
def credits(community: SyntheticCommunity) -> pd.DataFrame:
    """Every event as (learner, teacher, track, week, origin)."""
    events = community.table.to_pandas()
    actor_learned = events.kind.isin(ACTOR_LEARNED)
    start = pd.Timestamp(community.start)
    return pd.DataFrame(
        {
            "learner": events.actor.where(actor_learned, events.target),
            "teacher": events.target.where(actor_learned, events.actor),
            "track": events.track,
            "week": (events.time - start).dt.total_seconds().floordiv(WEEK).astype(int),
            "origin": events.origin,
            "time": events.time,
        }
    )


@pytest.fixture(scope="module")
def planted_weeks(community: SyntheticCommunity, credits: pd.DataFrame) -> pd.DataFrame:
    """Per truth row: the distinct weeks and the last week of its planted credit."""
    planted = credits[credits.origin.isin(TIE_LABELS)]
    weeks = planted.groupby(["learner", "teacher", "track"]).week.agg(["nunique", "min", "max"])
    return community.truth.join(weeks, on=["learner", "teacher", "track"])


def test_it_is_the_same_community_for_the_same_seed() -> None:
    first, again = generate_synthetic(5, members=120), generate_synthetic(5, members=120)
    assert first.table.equals(again.table)
    pd.testing.assert_frame_equal(first.truth, again.truth)
    pd.testing.assert_frame_equal(first.members, again.members)


def test_it_is_another_community_for_another_seed() -> None:
    assert not generate_synthetic(5, members=120).table.equals(
        generate_synthetic(6, members=120).table
    )


def test_it_plants_every_label_in_proportion(community: SyntheticCommunity) -> None:
    counts = community.truth.label.value_counts().to_dict()
    # Per member: mentor 0.12, peer 0.04 pairs (two rows each), reverse, fading, emerging.
    assert counts == {"mentor": 72, "peer": 48, "fading": 24, "reverse": 18, "emerging": 18}


def test_it_credits_mentor_peer_and_reverse_ties_in_many_weeks_up_to_the_end(
    community: SyntheticCommunity, planted_weeks: pd.DataFrame
) -> None:
    active = planted_weeks[planted_weeks.label.isin(["mentor", "peer", "reverse"])]
    last_week = community.scenario.weeks - 1
    assert active["nunique"].between(5, 12).all()
    assert (active["max"] >= last_week - 2).all()
    assert (active["min"] <= last_week - 15).all()


def test_it_stops_fading_ties_long_before_the_end(
    community: SyntheticCommunity, planted_weeks: pd.DataFrame
) -> None:
    fading = planted_weeks[planted_weeks.label == "fading"]
    assert fading["nunique"].between(6, 10).all()
    assert (fading["max"] <= community.scenario.weeks - 14).all()


def test_it_starts_emerging_ties_in_the_last_weeks(
    community: SyntheticCommunity, planted_weeks: pd.DataFrame
) -> None:
    emerging = planted_weeks[planted_weeks.label == "emerging"]
    weeks = community.scenario.weeks
    assert (emerging["nunique"] == 2).all()
    assert (emerging["min"] >= weeks - 6).all()
    assert (emerging["max"] >= weeks - 3).all()


def test_it_gives_each_label_the_experience_it_means(community: SyntheticCommunity) -> None:
    experience = community.members.set_index("id").experience_years
    truth = community.truth
    gap = truth.teacher.map(experience) - truth.learner.map(experience)
    assert (gap[truth.label == "reverse"] <= -5).all()
    assert (gap[truth.label == "peer"].abs() <= 1).all()
    assert (gap[truth.label.isin(["mentor", "fading", "emerging"])] >= 0).all()


def test_it_plants_peer_ties_in_both_directions(community: SyntheticCommunity) -> None:
    peers = community.truth[community.truth.label == "peer"]
    forward = set(zip(peers.learner, peers.teacher, peers.track, strict=True))
    assert forward == {(t, learner, k) for learner, t, k in forward}


def test_it_plants_one_tie_per_pair_and_at_most_four_per_person(
    community: SyntheticCommunity,
) -> None:
    truth = community.truth
    pairs = {frozenset(p) for p in zip(truth.learner, truth.teacher, strict=True)}
    assert len(pairs) == len(truth) - (truth.label == "peer").sum() // 2
    people = pd.Series([person for pair in pairs for person in pair]).value_counts()
    assert people.max() <= 4


def test_it_keeps_noise_makers_out_of_planted_ties(community: SyntheticCommunity) -> None:
    role = community.members.set_index("id").role
    assert (community.truth.learner.map(role) == "member").all()
    assert (community.truth.teacher.map(role) == "member").all()


def test_it_names_bots_so_the_default_rules_exclude_them(community: SyntheticCommunity) -> None:
    rules = Rules()
    bots = community.members[community.members.role == "bot"]
    assert list(bots.id) == list(BOTS)
    assert all(rules.is_bot(bot) for bot in BOTS)
    assert not any(rules.is_bot(member) for member in community.members.id if member not in BOTS)


def test_it_makes_noise_that_fools_naive_counting(credits: pd.DataFrame) -> None:
    per_pair = credits.groupby(["origin", "learner", "teacher"]).agg(
        events=("week", "size"), weeks=("week", "nunique")
    )
    maintainers = per_pair.loc["maintainer"]
    assert (maintainers.weeks >= 3).mean() > 0.8  # consistent, but spread over hundreds
    assert maintainers.reset_index().teacher.value_counts().min() >= 200
    bursts = per_pair.loc["burst"]
    assert (bursts.weeks == 1).all()
    assert bursts.events.max() >= 8
    helpers = per_pair.loc["popular-helper"]
    assert (helpers.weeks <= 2).all()
    assert helpers.reset_index().teacher.value_counts().min() >= 100
    assert per_pair.loc["bot"].weeks.max() >= 10


def test_it_makes_events_the_engine_accepts(community: SyntheticCommunity) -> None:
    checked = events_table(community.log, Rules(), community.as_of)
    assert checked.num_rows == community.table.num_rows


def test_it_keeps_every_event_inside_the_year_and_between_two_people(
    community: SyntheticCommunity,
) -> None:
    events = community.table.to_pandas()
    assert events.time.min() >= pd.Timestamp(community.start)
    assert events.time.max() <= pd.Timestamp(community.as_of)
    assert events.time.is_monotonic_increasing
    assert (events.actor != events.target).all()


def test_it_gives_the_events_as_interactions_too(community: SyntheticCommunity) -> None:
    first = community.events[0]
    assert first.time == community.table.column("time")[0].as_py()
    assert len(community.events) == community.table.num_rows


def test_it_writes_events_members_and_truth(community: SyntheticCommunity, tmp_path: Path) -> None:
    paths = community.write(tmp_path / "community")
    assert pq.read_table(paths["events"]).num_rows == community.table.num_rows
    assert list(pd.read_csv(paths["members"]).columns) == ["id", "name", "experience_years"]
    assert len(pd.read_csv(paths["truth"])) == len(community.truth)


@pytest.mark.parametrize(("n_events", "members"), [(150_000, None), (20_000, 400)])
def test_it_makes_exactly_as_many_events_as_asked(n_events: int, members: int | None) -> None:
    # 20,000 events are fewer than 400 members make: noise is thinned, planted ties stay whole.
    community = generate_synthetic_arrays(2, n_events, members=members)
    whole = generate_synthetic(2, members=members or n_events // 40, weak_per_member=0.0)
    assert community.table.num_rows == n_events
    origin = community.table.column("origin").to_numpy(zero_copy_only=False)
    planted = np.isin(origin, TIE_LABELS).sum()
    assert (
        planted
        == np.isin(whole.table.column("origin").to_numpy(zero_copy_only=False), TIE_LABELS).sum()
    )
    pd.testing.assert_frame_equal(community.truth, whole.truth)


def test_it_refuses_a_community_too_small_to_mean_anything() -> None:
    with pytest.raises(ValueError, match="at least 50 members"):
        generate_synthetic(1, members=10)
    with pytest.raises(ValueError, match="tie_weeks"):
        generate_synthetic(1, tie_weeks=(6, 3))
