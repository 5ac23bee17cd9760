"""The demo's planted mentorship ties: chosen by rule, visible in the interaction log, written down."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner

from mentormesh.accounts.models import User
from mentormesh.cli import cli
from mentormesh.demo.clock import activity_end, week_monday, week_start, weeks_ago
from mentormesh.demo.generator import generate_community
from mentormesh.demo.load import load_demo
from mentormesh.demo.planted import (
    HELPER_LABEL,
    LABELS,
    PLANTED_COLUMNS,
    count_by_label,
    planted_ties,
    write_planted,
)
from mentormesh.social.models import Interaction

NOW = datetime(2026, 3, 12, 15, 30, tzinfo=UTC)  # a Thursday afternoon
CONSISTENT = ("mentor", "peer", "reverse", "fading")
ACTOR_LEARNS = {"learned", "accept", "share", "favourite", "mention"}


@pytest.fixture(scope="module")
def full():
    return generate_community()


@pytest.fixture(scope="module")
def small():
    return generate_community(seed=2026, members=40)


def ties_of(community, *labels):
    return [tie for tie in planted_ties(community) if tie.label in labels]


def test_it_plants_the_same_ties_for_the_same_seed(small):
    assert planted_ties(generate_community(seed=2026, members=40)) == planted_ties(small)
    assert planted_ties(generate_community(seed=7, members=40)) != planted_ties(small)


def test_it_plants_a_few_ties_of_each_kind_in_every_track(full):
    counts = count_by_label(planted_ties(full))
    assert 30 <= sum(counts[label] for label in LABELS) <= 60
    assert all(counts[label] >= 4 for label in LABELS), counts
    assert counts[HELPER_LABEL] >= 40
    per_track = Counter(tie.track for tie in ties_of(full, *LABELS))
    assert set(per_track) == {"pr", "marketing", "community", "development"}
    assert min(per_track.values()) >= 5
    helpers = {tie.teacher for tie in ties_of(full, HELPER_LABEL)}
    assert len(helpers) == 4


def test_it_tells_the_personas_story(full):
    story = {(t.learner, t.teacher, t.track): t.label for t in planted_ties(full)}
    assert story[("mira_pr", "priya_bots", "development")] == "reverse"
    assert story[("lena_mkt", "mira_pr", "pr")] == "mentor"
    assert story[("dana_steward", "kofi_dev", "development")] == "reverse"
    assert story[("ana_newcomer", "dana_steward", "community")] == "emerging"
    assert "peer" in {label for (learner, *_), label in story.items() if learner == "kofi_dev"}
    lena_teachers = {teacher for (learner, teacher, _), _ in story.items() if learner == "lena_mkt"}
    assert len(lena_teachers) >= 3  # mentors, plural: a senior, a peer, another track


def test_it_plants_ties_that_follow_their_rules(full):
    ties = ties_of(full, *LABELS)
    years = {m.handle: m.experience_years for m in full.members}
    for tie in ties:
        gap = years[tie.teacher] - years[tie.learner]
        ago = [weeks_ago(week) for week in tie.weeks]
        assert list(tie.weeks) == sorted(set(tie.weeks)), tie
        if tie.label in CONSISTENT:
            assert len(tie.weeks) >= 6, tie
        if tie.label in ("mentor", "peer", "reverse"):
            assert min(ago) <= 2, tie
        if tie.label in ("mentor", "fading", "emerging"):
            assert gap >= 2, tie
        if tie.label == "reverse":
            assert gap <= -5, tie
        if tie.label == "peer":
            assert abs(gap) <= 2, tie
            assert any(
                (t.learner, t.teacher, t.track) == (tie.teacher, tie.learner, tie.track)
                for t in ties
            ), tie
        if tie.label == "fading":
            assert min(ago) >= 10, tie
        if tie.label == "emerging":
            assert len(ago) == 2, tie
            assert 4 <= max(ago) <= 6, tie
            assert min(ago) <= 1, tie
    pairs = {frozenset((tie.learner, tie.teacher)) for tie in ties}
    load = Counter(handle for pair in pairs for handle in pair)
    assert max(load.values()) <= 4
    helpers = {tie.teacher for tie in ties_of(full, HELPER_LABEL)}
    assert not helpers & set(load)


def credit_weeks(rows):
    """{(learner, teacher, track): {week Monday}} from interaction rows, as the engine reads them."""
    weeks = defaultdict(set)
    for actor, target, kind, track, time in rows:
        learner, teacher = (actor, target) if kind in ACTOR_LEARNS else (target, actor)
        weeks[(learner, teacher, track)].add(week_monday(time).date())
    return weeks


def interaction_rows():
    return list(
        Interaction.objects.values_list(
            "actor__username", "target__username", "kind", "track", "time"
        )
    )


def test_it_shows_the_planted_ties_in_the_interaction_log(db, small):
    load_demo(small, now=NOW)
    end = activity_end(NOW)
    rows = interaction_rows()
    weeks = credit_weeks(rows)
    ties = planted_ties(small)
    assert {tie.label for tie in ties} == {*LABELS, HELPER_LABEL}
    for tie in ties_of(small, *LABELS):
        planted = {week_start(week, end).date() for week in tie.weeks}
        assert weeks[(tie.learner, tie.teacher, tie.track)] == planted, tie
        if tie.label != "peer":
            back = [k for k in weeks if k[:2] == (tie.teacher, tie.learner)]
            assert not back, f"{tie}: the teacher learned from the learner too"
    quiet_since = week_monday(end) - timedelta(weeks=7)  # the last 8 weeks, this one included
    for tie in ties_of(small, "fading"):
        pair = {tie.learner, tie.teacher}
        assert not [r for r in rows if {r[0], r[1]} == pair and r[4] >= quiet_since], tie
    contacts = Counter(frozenset(r[:2]) for r in rows)
    for tie in ties_of(small, HELPER_LABEL):
        assert 1 <= contacts[frozenset((tie.learner, tie.teacher))] <= 2, tie


def test_it_keeps_every_unplanted_pair_below_the_consistency_threshold(db, small):
    load_demo(small, now=NOW)
    planted = {frozenset((t.learner, t.teacher)) for t in ties_of(small, *LABELS)}
    overall = defaultdict(set)
    for (learner, teacher, _track), weeks in credit_weeks(interaction_rows()).items():
        overall[(learner, teacher)] |= weeks
    for (learner, teacher), weeks in overall.items():
        if frozenset((learner, teacher)) not in planted:
            assert len(weeks) <= 2, (learner, teacher, sorted(weeks))


def test_it_writes_the_planted_file(tmp_path, small):
    path = tmp_path / "planted.csv"
    assert write_planted(path, small, NOW) == len(planted_ties(small))
    with path.open(newline="") as planted:
        reader = csv.DictReader(planted)
        assert tuple(reader.fieldnames or ()) == PLANTED_COLUMNS
        rows = list(reader)
    assert [(r["learner"], r["teacher"], r["label"]) for r in rows] == [
        (t.learner, t.teacher, t.label) for t in planted_ties(small)
    ]
    mira = next(r for r in rows if r["learner"] == "mira_pr" and r["teacher"] == "priya_bots")
    first, last = date.fromisoformat(mira["first_week"]), date.fromisoformat(mira["last_week"])
    assert first.weekday() == last.weekday() == 0
    assert first < last <= NOW.date()
    assert "automation" in mira["note"]


def test_it_writes_the_planted_file_and_the_log_from_the_command(db, tmp_path):
    planted, log = tmp_path / "planted.csv", tmp_path / "log.csv"
    members = tmp_path / "members.csv"
    result = CliRunner().invoke(
        cli,
        [
            "demo",
            "--members",
            "20",
            "--write-planted",
            str(planted),
            "--export-log",
            str(log),
            "--export-members",
            str(members),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Loaded 20 demo members" in result.output
    assert "planted mentorship ties" in result.output
    assert f"interactions to {log}" in result.output
    assert User.objects.count() == 20
    with log.open() as exported:
        assert sum(1 for _ in exported) == Interaction.objects.count() + 1
    with members.open() as exported:
        assert sum(1 for _ in exported) == 21
    assert planted.read_text().startswith(",".join(PLANTED_COLUMNS))


def test_it_refuses_a_planted_file_it_cannot_write(db, tmp_path):
    result = CliRunner().invoke(
        cli,
        ["demo", "--members", "8", "--write-planted", str(tmp_path / "missing" / "planted.csv")],
    )
    assert result.exit_code == 1
    assert "Cannot write" in result.output
    assert "missing" in result.output
    assert "Traceback" not in result.output
    assert not User.objects.exists()
