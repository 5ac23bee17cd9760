"""The demo community arrives with its ties computed: the planted mentorships are in Tie."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mentormesh.demo.generator import generate_community
from mentormesh.demo.load import load_demo
from mentormesh.demo.planted import HELPER_LABEL, LABELS, planted_ties
from mentormesh.mentorship.models import StalePair, Tie

NOW = datetime(2026, 3, 12, 15, 30, tzinfo=UTC)  # as in tests/demo


@pytest.fixture(scope="module")
def small():
    return generate_community(seed=2026, members=40)


def test_it_computes_the_ties_of_the_demo_when_it_loads(db, small):
    summary = load_demo(small, now=NOW)
    labelled = {
        (learner, teacher, track): label
        for learner, teacher, track, label in Tie.objects.exclude(track="*")
        .exclude(label="")
        .values_list("learner__username", "teacher__username", "track", "label")
    }
    planted = {(t.learner, t.teacher, t.track): t.label for t in planted_ties(small)}
    assert labelled[("mira_pr", "priya_bots", "development")] == "reverse"
    assert labelled[("lena_mkt", "mira_pr", "pr")] == "mentor"
    assert labelled[("ana_newcomer", "dana_steward", "community")] == "emerging"
    assert labelled == {key: label for key, label in planted.items() if label in LABELS}
    assert {label for label in planted.values() if label not in LABELS} == {HELPER_LABEL}
    assert summary.labelled_ties == Tie.objects.filter(track="*").exclude(label="").count()
    assert not StalePair.objects.exists()
