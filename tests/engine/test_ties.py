"""Ties and labels on the community log (fixtures/README.md), on every backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from mentormesh.engine.analysis import Analysis
from tests.engine.conftest import tie

ANALYSIS_COLUMNS = [
    "learner",
    "teacher",
    "track",
    "label",
    "score",
    "weeks",
    "reciprocal_weeks",
    "focus",
    "reliance",
    "first",
    "last",
    "explanation",
]


def test_it_finds_identical_ties_members_and_counts_on_duckdb_and_spark(
    analysed: Callable[[str], Analysis], spark_session: Any
) -> None:
    on_duckdb, on_spark = analysed("duckdb"), analysed("spark")

    pd.testing.assert_frame_equal(on_duckdb.ties, on_spark.ties)
    pd.testing.assert_frame_equal(on_duckdb.members, on_spark.members)
    different = {"backend", "seconds"}
    assert {k: v for k, v in on_duckdb.summary.items() if k not in different} == {
        k: v for k, v in on_spark.summary.items() if k not in different
    }
    pd.testing.assert_frame_equal(on_duckdb.credits, on_spark.credits)


def test_it_has_one_row_per_pair_overall_and_per_track(community: Analysis) -> None:
    ties = community.ties

    assert set(ANALYSIS_COLUMNS) <= set(ties.columns)
    assert not ties.duplicated(["learner", "teacher", "track"]).any()
    bob_alice = ties[(ties.learner == "bob") & (ties.teacher == "alice")]
    assert sorted(bob_alice.track) == ["*", "marketing", "pr"]


def test_it_labels_a_consistent_mentor(community: Analysis) -> None:
    overall = tie(community, "bob", "alice")
    in_pr = tie(community, "bob", "alice", "pr")
    in_marketing = tie(community, "bob", "alice", "marketing")

    assert (overall["label"], overall["weeks"], overall["reciprocal_weeks"]) == ("mentor", 6, 0)
    assert overall["explanation"] == (
        "Bob Baker learned from Alice Archer in 6 different weeks since 2024-03, 4 of them in "
        "#pr; 100% of what Alice Archer taught went to Bob Baker."
    )
    assert (in_pr["label"], in_pr["weeks"]) == ("mentor", 4)
    assert in_pr["explanation"] == (
        "Bob Baker learned from Alice Archer in #pr in 4 different weeks since 2024-04; "
        "100% of what Alice Archer taught in #pr went to Bob Baker."
    )
    assert (in_marketing["label"], in_marketing["weeks"]) == ("", 2)
    assert in_marketing["explanation"] == ""
    assert overall["first"] == pd.Timestamp("2024-03-05T10:00:00Z")
    assert overall["last"] == pd.Timestamp("2024-06-04T10:00:00Z")


def test_it_labels_a_reciprocal_pair_as_peers(community: Analysis) -> None:
    carol_from_dave = tie(community, "carol", "dave")
    dave_from_carol = tie(community, "dave", "carol")

    assert (carol_from_dave["label"], carol_from_dave["weeks"]) == ("peer", 4)
    assert carol_from_dave["reciprocal_weeks"] == 3
    assert carol_from_dave["explanation"] == (
        "Carol Chen and Dave Diaz learn from each other: Carol Chen from Dave Diaz in 4 different "
        "weeks since 2024-04, all in #dev, and Dave Diaz from Carol Chen in 3."
    )
    assert (dave_from_carol["label"], dave_from_carol["reciprocal_weeks"]) == ("peer", 4)
    assert tie(community, "carol", "dave", "dev")["label"] == "peer"


def test_it_labels_a_reverse_pair_from_the_members_file(community: Analysis) -> None:
    frank_from_erin = tie(community, "frank", "erin")

    assert frank_from_erin["label"] == "reverse"
    assert frank_from_erin["explanation"] == (
        "Frank Fischer learned from Erin Evans in 4 different weeks since 2024-04, all in #dev, "
        "though Erin Evans has 2 years of experience to Frank Fischer's 15."
    )


def test_it_labels_a_tie_that_went_quiet_as_fading(community: Analysis) -> None:
    grace_from_heidi = tie(community, "grace", "heidi")

    assert (grace_from_heidi["label"], grace_from_heidi["weeks"]) == ("fading", 5)
    assert grace_from_heidi["explanation"] == (
        "Grace Gupta learned from Heidi Ho in 5 different weeks between 2024-01 and 2024-02, "
        "all in #community, but nothing in the last 20 weeks."
    )


def test_it_labels_a_young_growing_tie_as_emerging(community: Analysis) -> None:
    ivan_from_judy = tie(community, "ivan", "judy")

    assert (ivan_from_judy["label"], ivan_from_judy["weeks"]) == ("emerging", 2)
    assert ivan_from_judy["explanation"] == (
        "Ivan Ivanov has learned from Judy Jones in 2 different weeks since 2024-06-11, "
        "most recently 2024-06-25: a young tie that is growing."
    )


def test_it_does_not_make_a_popular_helper_everyones_mentor(community: Analysis) -> None:
    helped = community.ties[(community.ties.teacher == "pat") & (community.ties.track == "*")]

    assert len(helped) == 15
    assert set(helped.weeks) == {1}
    assert set(helped.label) == {""}


def test_it_does_not_make_a_maintainer_who_reviews_everyone_their_mentor(
    community: Analysis,
) -> None:
    reviewed = community.ties[(community.ties.teacher == "max") & (community.ties.track == "*")]

    assert len(reviewed) == 12
    assert set(reviewed.weeks) == {3}  # consistent, and each relies wholly on max ...
    assert set(reviewed.reliance) == {1.0}
    assert set(reviewed.focus.round(4)) == {round(1 / 12, 4)}  # ... but max's focus is spread
    assert set(reviewed.label) == {""}


def test_it_does_not_make_a_one_off_burst_a_tie(community: Analysis) -> None:
    burst = tie(community, "olive", "quinn")

    assert (burst["weeks"], burst["label"]) == (1, "")
    assert burst["score"] > tie(community, "bob", "alice", "marketing")["score"]


def test_it_ignores_bots_and_self_interactions(community: Analysis) -> None:
    people = set(community.ties.learner) | set(community.ties.teacher)

    assert "dependabot[bot]" not in people
    assert "welcome-bot" not in people
    assert community.tie("alice", "alice") is None
    assert community.summary["bot_events"] == 8
    assert community.summary["self_interactions"] == 4


def test_it_counts_a_conversation_only_in_the_direction_it_began(community: Analysis) -> None:
    thread = community.credits[community.credits.context == "thread-9"]

    ignored = thread[thread.ignored != ""]
    assert list(zip(ignored.teacher, ignored.learner, ignored.ignored, strict=True)) == [
        ("kim", "leo", "followup")
    ]
    assert community.tie("leo", "kim") is None
    assert tie(community, "kim", "leo")["events"] == 3  # two replies and a thanks
    assert community.summary["followups"] == 1


def test_it_summarises_what_it_counted(community: Analysis) -> None:
    summary = community.summary

    assert summary["events"] == 99
    assert summary["credits"] == 99 - 8 - 4 - 1
    assert {
        label: summary[label] for label in ("mentor", "peer", "reverse", "emerging", "fading")
    } == {
        "mentor": 1,
        "peer": 2,
        "reverse": 1,
        "emerging": 1,
        "fading": 1,
    }


@pytest.mark.parametrize(
    ("learner", "teacher", "track", "label"),
    [
        ("bob", "alice", "pr", "mentor"),
        ("dave", "carol", "dev", "peer"),
        ("frank", "erin", "dev", "reverse"),
        ("grace", "heidi", "community", "fading"),
        ("ivan", "judy", "pr", "emerging"),
    ],
)
def test_it_labels_ties_per_track_too(
    community: Analysis, learner: str, teacher: str, track: str, label: str
) -> None:
    found = tie(community, learner, teacher, track)

    assert found["label"] == label
    assert f"in #{track}" in found["explanation"]
