"""Per member: ranked mentors, mentees, peers, per-track coverage and gaps (the mentor map).

Built from labelled ties (labels.py). A member's *mentors* are the people they learn from in
an active tie (mentor, peer or reverse) overall, ranked by decayed score; a track is *covered*
when the member has an active tie in that track; a *gap* is a track the member seeks (members
file) with no mentor in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mentormesh.engine.labels import ACTIVE_LABELS
from mentormesh.engine.ties import OVERALL

MEMBERS_CSV_COLUMNS = (
    "id",
    "name",
    "experience_years",
    "country",
    "field",
    "mentors",
    "mentees",
    "peers",
    "emerging",
    "fading",
    "mentor_count",
    "mentee_count",
    "tracks_sought",
    "tracks_offered",
    "tracks_covered",
    "gaps",
)


@dataclass(frozen=True)
class MapTie:
    """One person on a member's map: who, how, in which tracks, and why."""

    person: str
    label: str
    score: float
    weeks: int
    tracks: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class MentorMap:
    member: str
    name: str | None
    mentors: list[MapTie] = field(default_factory=list)
    mentees: list[MapTie] = field(default_factory=list)
    peers: list[str] = field(default_factory=list)
    emerging: list[MapTie] = field(default_factory=list)
    fading: list[MapTie] = field(default_factory=list)
    coverage: dict[str, list[str]] = field(default_factory=dict)
    tracks_sought: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


def ranked(ties: pd.DataFrame) -> pd.DataFrame:
    return ties.sort_values(["score", "teacher", "learner"], ascending=[False, True, True])


def grouped(keys: Iterable[str], values: Iterable[str]) -> dict[str, list[str]]:
    """Values listed per key, in the order given, without repeats (one pass; no pandas groupby,
    whose Python-level aggregation is slow with many small groups)."""
    lists: dict[str, dict[str, None]] = {}
    for key, value in zip(keys, values, strict=True):
        lists.setdefault(key, {})[value] = None
    return {key: list(found) for key, found in lists.items()}


def members_table(ties: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """One row per member with ;-separated ranked lists (the members.csv table)."""
    overall = ranked(ties[(ties.track == OVERALL) & (ties.label != "")])
    active = overall[overall.label.isin(ACTIVE_LABELS)]
    peers = overall[overall.label == "peer"]
    named = ties[(ties.track != OVERALL) & ties.label.isin(ACTIVE_LABELS)].sort_values("track")
    emerging, fading = overall[overall.label == "emerging"], overall[overall.label == "fading"]
    lists = {
        "mentors": grouped(active.learner, active.teacher),
        "mentees": grouped(active.teacher, active.learner),
        "peers": grouped([*peers.learner, *peers.teacher], [*peers.teacher, *peers.learner]),
        "emerging": grouped(emerging.learner, emerging.teacher),
        "fading": grouped(fading.learner, fading.teacher),
    }
    covered = grouped(named.learner, named.track)
    table = people[["id", "name", "experience_years", "country", "field"]].reset_index(drop=True)
    for column, found in lists.items():
        table[column] = [";".join(found.get(i, ())) for i in table.id]
    table["mentor_count"] = [len(lists["mentors"].get(i, ())) for i in table.id]
    table["mentee_count"] = [len(lists["mentees"].get(i, ())) for i in table.id]
    table["tracks_sought"] = [";".join(s) for s in people.tracks_sought]
    table["tracks_offered"] = [";".join(s) for s in people.tracks_offered]
    table["tracks_covered"] = [";".join(sorted(covered.get(i, ()))) for i in table.id]
    table["gaps"] = [
        ";".join(t for t in sought if t not in covered.get(i, ()))
        for i, sought in zip(people.id, people.tracks_sought, strict=True)
    ]
    return table[list(MEMBERS_CSV_COLUMNS)]


def mentor_map(member_id: str, rows: Iterable[Any], person: Any = None) -> MentorMap:
    """The map of one member, from their labelled ties (rows with ``learner``, ``teacher``,
    ``track``, ``label``, ``score``, ``weeks``, ``explanation``) and their members-table row."""
    ordered = sorted(rows, key=lambda r: (-r.score, r.teacher, r.learner, r.track))
    tracks: dict[tuple[str, str], list[str]] = {}
    coverage: dict[str, list[str]] = {}
    for r in ordered:
        if r.track != OVERALL and r.label in ACTIVE_LABELS:
            tracks.setdefault((r.teacher, r.learner), []).append(r.track)
            if r.learner == member_id:
                coverage.setdefault(r.track, []).append(r.teacher)
    overall = [r for r in ordered if r.track == OVERALL]

    def entries(labels: tuple[str, ...], learning: bool) -> list[MapTie]:
        return [
            MapTie(
                person=r.teacher if learning else r.learner,
                label=r.label,
                score=float(r.score),
                weeks=int(r.weeks),
                tracks=tuple(sorted(tracks.get((r.teacher, r.learner), ()))),
                explanation=r.explanation,
            )
            for r in overall
            if r.label in labels and (r.learner if learning else r.teacher) == member_id
        ]

    peers = (
        r.teacher if r.learner == member_id else r.learner for r in overall if r.label == "peer"
    )
    sought = list(person.tracks_sought) if person is not None else []
    name = person.name if person is not None and isinstance(person.name, str) else None
    return MentorMap(
        member=member_id,
        name=name,
        mentors=entries(ACTIVE_LABELS, learning=True),
        mentees=entries(ACTIVE_LABELS, learning=False),
        peers=list(dict.fromkeys(peers)),
        emerging=entries(("emerging",), learning=True),
        fading=entries(("fading",), learning=True),
        coverage=dict(sorted(coverage.items())),
        tracks_sought=sought,
        gaps=[t for t in sought if t not in coverage],
    )
