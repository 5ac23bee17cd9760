"""The labels computed on the backend (one Ibis CASE) against the pandas reference of the same
rules (tests/engine/reference_labels.py), and the explanations written for the labelled ties only."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from mentormesh.engine import backends, labels, ties
from mentormesh.engine.analysis import Analysis, analyze_events
from mentormesh.engine.synthetic import generate_synthetic
from tests.engine.reference_labels import label_ties


def pandas_reference(analysis: Analysis) -> pd.DataFrame:
    """The analysis's ties relabelled and re-explained by the pandas reference."""
    raw = analysis.ties.drop(columns=["label", "explanation"]).copy()
    for column in ("first", "last"):
        raw[column] = raw[column].astype("int64") // 10**9
    people = analysis.people
    experience = dict(zip(people.id, people.experience_years, strict=True))
    names = {i: n for i, n in zip(people.id, people.name, strict=True) if isinstance(n, str)}
    as_of_week = ties.week_of(int(analysis.as_of.timestamp()))
    return label_ties(raw, analysis.rules, as_of_week, experience, names)


def test_it_labels_the_community_on_the_backend_as_the_pandas_reference_does(
    community: Analysis,
) -> None:
    reference = pandas_reference(community)

    assert list(community.ties.label) == list(reference.label)
    assert list(community.ties.explanation) == list(reference.explanation)
    assert set(community.ties.label) == {"", *labels.LABELS}


def test_it_labels_a_synthetic_community_on_the_backend_as_the_pandas_reference_does(
    backend: dict[str, Any],
) -> None:
    community = generate_synthetic(3, members=300, busy_mentors=True)
    analysis = analyze_events(
        community.log, members=community.engine_members(), as_of=community.as_of, **backend
    )
    reference = pandas_reference(analysis)

    assert (analysis.ties.label != "").sum() > 100
    assert list(analysis.ties.label) == list(reference.label)
    assert list(analysis.ties.explanation) == list(reference.explanation)


def test_it_explains_every_labelled_tie_and_no_other(community: Analysis) -> None:
    labelled = community.ties.label != ""

    assert (community.ties.explanation[labelled] != "").all()
    assert (community.ties.explanation[~labelled] == "").all()


def test_it_takes_duckdb_memory_limit_and_spill_directory_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("MENTORMESH_DUCKDB_MEMORY_LIMIT", "1GB")
    monkeypatch.setenv("MENTORMESH_DUCKDB_TEMP_DIRECTORY", str(tmp_path))

    con = backends.connect("duckdb")
    limit, directory = con.raw_sql(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone()

    assert limit.endswith("MiB")
    assert 900 <= float(limit.split()[0]) <= 1000  # 1 GB = 953.6 MiB
    assert directory == str(tmp_path)
