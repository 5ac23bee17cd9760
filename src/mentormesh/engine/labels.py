"""Labels and explanations for ties aggregated by a backend (ties.py).

The labels are an Ibis ``CASE`` expression (:func:`with_labels`) computed on the backend with
the ties, so millions of ties never pass through pandas to be labelled; the explanations are
written in Python for the labelled ties only (:func:`explanations`), a small share of them.
tests/engine/reference_labels.py holds the same rules in pandas, the reference the tests hold
the backend labels to. The rules (docs/engine.md, "Labels"), in order, for a tie where L learns
from T:

- it *was a tie* when L has credit from T in at least ``consistency_weeks`` distinct weeks,
  with a strength of at least ``min_strength`` and T's focus on L of at least ``min_focus``;
- ``fading``: it was a tie, and nothing came in the last ``fading_weeks`` weeks;
- ``peer``: it is a tie and T learned from L in at least ``reciprocity_weeks`` weeks too;
- ``reverse``: it is a tie and T has at least ``experience_gap_years`` less experience than L;
- ``mentor``: it is a tie;
- ``emerging``: not (yet) a tie, but young (first credit in the last ``emerging_weeks``),
  repeated (``emerging_min_weeks``), fresh (credit in the latest half of that window), focused;
- otherwise no label.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from mentormesh.engine.rules import Rules
from mentormesh.engine.ties import DAY, OVERALL

LABELS = ("mentor", "peer", "reverse", "emerging", "fading")
# The labels that mean "L is mentored by T now", whatever the flavour.
ACTIVE_LABELS = ("mentor", "peer", "reverse")
#: A label's code is its position here (0: no label); the first rule that matches wins.
LABEL_CODES = ("", "fading", "peer", "reverse", "mentor", "emerging")


def with_labels(
    ties: ir.Table,
    rules: Rules,
    as_of_week: int,
    experience: Mapping[int, float] | None = None,
) -> ir.Table:
    """``ties`` (:func:`ties.tie_stats`, people as codes) with ``label``: the code of its label
    in :data:`LABEL_CODES`, as one ``CASE`` on the backend. ``experience`` gives the known years
    of experience by person code (rounded as in the members table)."""
    if experience:
        years = ibis.memtable(
            {"person": list(experience), "years": [float(v) for v in experience.values()]},
            schema={"person": "int32", "years": "float64"},
        )
        teacher = years.select(teacher=years.person, teacher_years=years.years)
        learner = years.select(learner=years.person, learner_years=years.years)
        joined = ties.left_join(teacher, "teacher").left_join(learner, "learner")
        junior_teacher = (
            joined.learner_years - joined.teacher_years >= rules.experience_gap_years
        ).fill_null(False)
    else:
        joined, junior_teacher = ties, ibis.literal(False)
    was_tie = (
        (joined.weeks >= rules.consistency_weeks)
        & (joined.strength >= rules.min_strength)
        & (joined.focus >= rules.min_focus)
    )
    quiet = joined.last_week <= as_of_week - rules.fading_weeks
    reciprocal = joined.reciprocal_weeks >= rules.reciprocity_weeks
    young = joined.first_week > as_of_week - rules.emerging_weeks
    fresh = joined.last_week > as_of_week - max(1, rules.emerging_weeks // 2)
    emerging = (
        ~was_tie
        & young
        & fresh
        & (joined.weeks >= rules.emerging_min_weeks)
        & (joined.focus >= rules.min_focus)
    )
    code = ibis.cases(
        (was_tie & quiet, 1),
        (was_tie & reciprocal, 2),
        (was_tie & junior_teacher, 3),
        (was_tie, 4),
        (emerging, 5),
        else_=0,
    ).cast("int8")
    return joined.select(*[joined[c] for c in ties.columns], label=code)


def explanations(
    ties: pd.DataFrame,
    named: pd.DataFrame,
    as_of_week: int,
    experience: Mapping[str, float | None],
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """The sentence of each of the labelled ``ties`` (rows with ``label``); ``named`` holds
    (at least) the named-track ties of the same pairs, for the overall rows' busiest track."""
    if ties.empty:
        return []
    known = pd.Series(experience, dtype="float64")
    rows = ties.assign(
        teacher_experience=ties.teacher.map(known).astype("float64"),
        learner_experience=ties.learner.map(known).astype("float64"),
    )
    top = top_tracks(named, rows)
    names = names or {}
    return [
        explain(row, top.get((row.teacher, row.learner)), as_of_week, names)
        for row in rows.itertuples(index=False)
    ]


def top_tracks(ties: pd.DataFrame, pairs: pd.DataFrame) -> dict[tuple[str, str], tuple[str, int]]:
    """For each of the ``pairs``, the named track with the most weeks (then strength, name)."""
    wanted = pairs.loc[pairs.track == OVERALL, ["teacher", "learner"]]
    named = ties[ties.track != OVERALL].merge(wanted, on=["teacher", "learner"])
    if named.empty:
        return {}
    ranked = named.sort_values(
        ["teacher", "learner", "weeks", "strength", "track"],
        ascending=[True, True, False, False, True],
    ).drop_duplicates(["teacher", "learner"])
    return {(r.teacher, r.learner): (r.track, int(r.weeks)) for r in ranked.itertuples(index=False)}


def month(seconds: int) -> str:
    return day(seconds)[:7]


def day(seconds: int) -> str:
    return day_text(seconds // DAY)


@lru_cache(maxsize=4096)
def day_text(days: int) -> str:
    """A UTC day (days since the epoch) as text: thousands of ties share a few hundred days."""
    return datetime.fromtimestamp(days * DAY, UTC).strftime("%Y-%m-%d")


def weeks_text(count: int) -> str:
    return f"{count} different week{'s' if count != 1 else ''}"


def years(value: float) -> str:
    """Completed years: 2.9 years of experience is 2 years."""
    count = math.floor(value)
    return f"{count} year{'s' if count != 1 else ''}"


def explain(
    row: Any, top: tuple[str, int] | None, as_of_week: int, names: Mapping[str, str]
) -> str:
    """One sentence with its numbers, from a neutral point of view (``row`` is a ties row)."""
    learner, teacher = names.get(row.learner, row.learner), names.get(row.teacher, row.teacher)
    track = row.track
    weeks, since = weeks_text(int(row.weeks)), month(int(row.first))
    within = f" in #{track}" if track != OVERALL else ""
    split = ""
    if track == OVERALL and top is not None:
        split = f", all in #{top[0]}" if top[1] == row.weeks else f", {top[1]} of them in #{top[0]}"
    if row.label == "peer":
        return (
            f"{learner} and {teacher} learn from each other{within}: {learner} from {teacher} in "
            f"{weeks} since {since}{split}, and {teacher} from {learner} in {row.reciprocal_weeks}."
        )
    if row.label == "reverse":
        return (
            f"{learner} learned from {teacher}{within} in {weeks} since {since}{split}, though "
            f"{teacher} has {years(row.teacher_experience)} of experience to {learner}'s "
            f"{math.floor(row.learner_experience)}."
        )
    if row.label == "emerging":
        return (
            f"{learner} has learned from {teacher}{within} in {weeks} since {day(int(row.first))}, "
            f"most recently {day(int(row.last))}: a young tie that is growing."
        )
    if row.label == "fading":
        return (
            f"{learner} learned from {teacher}{within} in {weeks} between {since} and "
            f"{month(int(row.last))}{split}, but nothing in the last "
            f"{as_of_week - int(row.last_week)} weeks."
        )
    back = (
        f"; {teacher} learned from {learner} in {row.reciprocal_weeks}"
        if row.reciprocal_weeks
        else ""
    )
    return (
        f"{learner} learned from {teacher}{within} in {weeks} since {since}{split}{back}; "
        f"{round(row.focus * 100)}% of what {teacher} taught{within} went to {learner}."
    )
