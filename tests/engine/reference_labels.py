"""The label rules of ``mentormesh.engine.labels`` written again in pandas, on a ties table: the
reference the tests hold the backend's Ibis ``CASE`` labels to (tests/engine/test_labels.py)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mentormesh.engine.labels import LABEL_CODES, explain, top_tracks
from mentormesh.engine.rules import Rules


def label_ties(
    ties: pd.DataFrame,
    rules: Rules,
    as_of_week: int,
    experience: Mapping[str, float | None],
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Add ``label`` and ``explanation`` (neutral point of view) to every tie, in place: the
    pandas reference of ``labels.with_labels`` and ``labels.explanations``. Explanations call people
    by ``names`` where known, else by id."""
    known = pd.Series(experience, dtype="float64")  # mapping by Series is vectorised
    exp_teacher = ties.teacher.map(known).astype("float64")
    exp_learner = ties.learner.map(known).astype("float64")
    was_tie = (
        (ties.weeks >= rules.consistency_weeks)
        & (ties.strength >= rules.min_strength)
        & (ties.focus >= rules.min_focus)
    )
    quiet = ties.last_week <= as_of_week - rules.fading_weeks
    reciprocal = ties.reciprocal_weeks >= rules.reciprocity_weeks
    junior_teacher = (exp_learner - exp_teacher) >= rules.experience_gap_years
    young = ties.first_week > as_of_week - rules.emerging_weeks
    fresh = ties.last_week > as_of_week - max(1, rules.emerging_weeks // 2)
    emerging = (
        ~was_tie
        & young
        & fresh
        & (ties.weeks >= rules.emerging_min_weeks)
        & (ties.focus >= rules.min_focus)
    )
    conditions = [
        was_tie & quiet,
        was_tie & reciprocal,
        was_tie & junior_teacher,
        was_tie,
        emerging,
    ]
    choices = list(LABEL_CODES)
    codes = np.select(conditions, range(1, len(choices)), default=0)
    ties["label"] = text_array(pc.take(pa.array(choices), pa.array(codes)))
    ties["explanation"] = text_array(pa.repeat(pa.scalar(""), len(ties)))
    labelled = ties.label != ""
    if labelled.any():
        rows = ties[labelled].assign(
            teacher_experience=exp_teacher[labelled], learner_experience=exp_learner[labelled]
        )
        top = top_tracks(ties, rows)
        names = names or {}
        ties.loc[labelled, "explanation"] = [
            explain(row, top.get((row.teacher, row.learner)), as_of_week, names)
            for row in rows.itertuples(index=False)
        ]
    return ties


def text_array(values: pa.Array) -> pd.arrays.ArrowStringArray:
    """A pandas text column kept in Arrow memory (no Python string per row)."""
    return pd.arrays.ArrowStringArray(values)
