"""Synthetic communities with known mentoring ties, and noise built to fool naive counting.

A community has members with years of experience and a year (``weeks``) of interactions. Some
pairs are planted ties, each credited in chosen distinct weeks with the kinds real mentoring
leaves behind (answers, thanks, "learned", reviews, accepts, replies):

- ``mentor``: the learner is credited to a teacher at least as experienced, in 5-12 distinct
  weeks (``tie_weeks``) spread over 16-44 weeks, the latest in the last 3 weeks;
- ``peer``: two members within a year of experience of each other, each learning from the other
  as in a mentor tie (one truth row per direction);
- ``reverse``: like ``mentor``, but the teacher has at least 5 years *less* experience;
- ``fading``: 6-10 weeks of credit that stopped 14-30 weeks before the end;
- ``emerging``: 2 weeks of credit, both in the last 6 weeks, the latest in the last 3.

Nobody is in more than four planted ties (``ties_per_member``), and noise members are in none
(unless ``busy_mentors``, a stress test where helpers and maintainers also mentor):

- popular helpers (2%) answer up to 300 people each, once or twice (1-2 weeks per pair);
- maintainers (0.2%) review up to 400 regulars each, in up to 10 different weeks per regular;
- one-off bursts: 8-25 interactions between two people inside one week (a long thread);
- bots (``welcome-bot``, ``ci[bot]``, ``digest-bot``) that reply to half the members in about
  a fifth of the weeks and get thanked back;
- weak favourites and shares towards popular posters (Zipf), and stray replies.

Everything is vectorised numpy driven by one ``numpy.random.Generator`` per seed, so the same
seed gives the same community; ten million events (:func:`generate_synthetic_arrays`) take about
15 seconds and 1.2 GB at peak on a two-core machine. bench/eval_synthetic.py measures what the
engine makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mentormesh.engine.events import Interaction
from mentormesh.engine.members import Member, Members

WEEK = 7 * 24 * 3600
DEFAULT_START = datetime(2024, 1, 1, tzinfo=UTC)  # a Monday, so weeks are ISO weeks
TRACKS = ("pr", "marketing", "development", "community")
BOTS = ("welcome-bot", "ci[bot]", "digest-bot")
TIE_LABELS = ("mentor", "peer", "reverse", "fading", "emerging")
ORIGINS = (*TIE_LABELS, "popular-helper", "maintainer", "burst", "bot", "weak")
KINDS = (
    "learned",
    "thanks",
    "accept",
    "share",
    "favourite",
    "answer",
    "review",
    "reply",
    "mention",
)
#: Kinds whose actor learned from the target; for the others the target learned from the actor.
ACTOR_LEARNED = frozenset({"learned", "thanks", "accept", "share", "favourite", "mention"})
#: What a planted tie's weekly credit is made of.
TIE_KIND_MIX = {
    "learned": 0.15,
    "thanks": 0.2,
    "answer": 0.25,
    "accept": 0.1,
    "review": 0.1,
    "reply": 0.15,
    "share": 0.05,
}
#: Ties per member, by label (peer counts pairs, two truth rows each).
DEFAULT_TIE_RATES = {
    "mentor": 0.12,
    "peer": 0.04,
    "reverse": 0.03,
    "fading": 0.04,
    "emerging": 0.03,
}
EVENT_COLUMNS = ("t", "actor", "target", "kind", "track", "context", "origin")


@dataclass
class SyntheticCommunity:
    """A generated community: its events, the ties planted in it, and its members.

    ``table`` holds the events as an Arrow table in the interaction-log columns (``time`` in UTC,
    ``actor``, ``target``, ``kind``, ``track``, ``context``) plus ``origin``, the planted tie label
    or the noise that produced each event. ``truth`` has one row per planted directed tie
    (``learner``, ``teacher``, ``track``, ``label``); ``members`` has ``id``, ``name``,
    ``experience_years`` and ``role`` (``member``, ``popular-helper``, ``maintainer`` or
    ``bot``). Analyse it as of ``as_of``, the last second of the last week.
    """

    seed: int
    scenario: Scenario
    table: pa.Table
    truth: pd.DataFrame
    members: pd.DataFrame

    @property
    def start(self) -> datetime:
        return self.scenario.start

    @property
    def as_of(self) -> datetime:
        """The last second of the last week: analyse as of then."""
        return self.scenario.start + timedelta(weeks=self.scenario.weeks, seconds=-1)

    @cached_property
    def events(self) -> list[Interaction]:
        """The events as :class:`Interaction` objects (fine for thousands, slow for millions)."""
        columns = [self.table.column(name).to_pylist() for name in Interaction._fields]
        return [Interaction(*row) for row in zip(*columns, strict=True)]

    @property
    def log(self) -> pa.Table:
        """The events in the interaction-log columns only (no ``origin``)."""
        return self.table.select(list(Interaction._fields))

    def members_file(self) -> pd.DataFrame:
        """The members table in the members-file columns (bots have no experience)."""
        return self.members[["id", "name", "experience_years"]]

    def engine_members(self) -> Members:
        """The members as the engine takes them (``analyze_events(..., members=)``)."""
        known = {
            row.id: Member(
                row.id,
                row.name,
                None if pd.isna(row.experience_years) else float(row.experience_years),
            )
            for row in self.members.itertuples(index=False)
        }
        return Members("<synthetic members>", known)

    def write(self, directory: Path) -> dict[str, Path]:
        """Write ``events.parquet``, ``members.csv`` and ``truth.csv`` into ``directory``."""
        import pyarrow.parquet as pq

        directory.mkdir(parents=True, exist_ok=True)
        paths = {
            "events": directory / "events.parquet",
            "members": directory / "members.csv",
            "truth": directory / "truth.csv",
        }
        pq.write_table(self.log, paths["events"])
        self.members_file().to_csv(paths["members"], index=False)
        self.truth.to_csv(paths["truth"], index=False)
        return paths


@dataclass(frozen=True)
class Scenario:
    """The knobs of a synthetic community; the defaults are the scenario the docs describe."""

    members: int = 400
    weeks: int = 52
    start: datetime = DEFAULT_START
    tracks: tuple[str, ...] = TRACKS
    #: Planted ties per member, by label (``peer`` counts pairs: two truth rows each).
    tie_rates: tuple[tuple[str, float], ...] = tuple(DEFAULT_TIE_RATES.items())
    #: Least and most distinct weeks of credit in a mentor, peer or reverse tie.
    tie_weeks: tuple[int, int] = (5, 12)
    #: How many planted ties one member may be in (as learner or teacher).
    ties_per_member: int = 4
    #: Let popular helpers and maintainers also be the teacher in planted ties (half of them):
    #: real mentoring hidden under a pile of one-off answers or routine reviews.
    busy_mentors: bool = False
    weak_per_member: float = 8.0
    replies_per_member: float = 3.0

    def __post_init__(self) -> None:
        if self.members < 50:
            raise ValueError(f"a synthetic community needs at least 50 members, not {self.members}")
        if self.weeks < 40:
            raise ValueError(f"a synthetic community needs at least 40 weeks, not {self.weeks}")
        low, high = self.tie_weeks
        if not 2 <= low <= high <= 16:
            raise ValueError(
                f"tie_weeks must be two numbers 2 <= low <= high <= 16, not {self.tie_weeks}"
            )


def generate_synthetic(
    seed: int, members: int = 400, weeks: int = 52, **knobs: Any
) -> SyntheticCommunity:
    """A community of ``members`` people (plus three bots) over ``weeks`` weeks, same per seed.

    ``knobs`` are the other :class:`Scenario` fields (``tie_weeks=(3, 6)``, ...).
    """
    return _generate(seed, Scenario(members=members, weeks=weeks, **knobs), None)


def generate_synthetic_arrays(
    seed: int, n_events: int, *, members: int | None = None, **knobs: Any
) -> SyntheticCommunity:
    """Exactly ``n_events`` events of a community sized for them (one member per 40 events).

    The same scenario as :func:`generate_synthetic`; weak favourites and shares make up the
    difference to ``n_events`` (or noise is thinned when there are too many).
    """
    scenario = Scenario(members=members or max(50, n_events // 40), weak_per_member=0.0, **knobs)
    return _generate(seed, scenario, n_events)


def _generate(seed: int, scenario: Scenario, n_events: int | None) -> SyntheticCommunity:
    rng = np.random.default_rng(seed)
    plan = _Plan(rng, scenario)
    people = _people(rng, scenario.members)
    planted, truth = _planted_ties(plan, people)
    events = _concat(
        [
            planted,
            _popular_helpers(plan, people),
            _maintainers(plan, people),
            _bursts(plan, people),
            _bots(plan, people),
            _weak(plan, people, round(scenario.weak_per_member * scenario.members)),
            _stray_replies(plan, people, round(scenario.replies_per_member * scenario.members)),
        ]
    )
    if n_events is not None:
        events = _exactly(plan, people, events, n_events)
    order = np.argsort(events["t"], kind="stable")
    for column in EVENT_COLUMNS:  # one column at a time, to keep memory flat
        events[column] = events[column][order]
    del order
    table = _table(events, people, scenario)
    truth_frame = pd.DataFrame(
        {
            "learner": people.ids[truth["learner"]],
            "teacher": people.ids[truth["teacher"]],
            "track": np.asarray(scenario.tracks, dtype=object)[truth["track"]],
            "label": np.asarray(TIE_LABELS, dtype=object)[truth["label"]],
        }
    )
    return SyntheticCommunity(seed, scenario, table, truth_frame, people.frame())


def _exactly(plan: _Plan, people: _People, events: _Events, n_events: int) -> _Events:
    """Weak favourites added, or noise dropped at random, to make ``n_events`` events."""
    missing = n_events - len(events["t"])
    if missing >= 0:
        return _concat([events, _weak(plan, people, missing)])
    noise = np.isin(events["origin"], [_ORIGIN[o] for o in ("weak", "bot", "popular-helper")])
    droppable = np.flatnonzero(noise)
    if -missing > len(droppable):
        raise ValueError(f"{n_events} events are too few for {plan.members} members")
    keep = np.ones(len(events["t"]), dtype=bool)
    keep[plan.rng.choice(droppable, -missing, replace=False)] = False
    return {column: values[keep] for column, values in events.items()}


# -- the people ---------------------------------------------------------------------------------


@dataclass
class _People:
    ids: np.ndarray  # object array: member ids, then the bots
    experience: np.ndarray  # float years; NaN for bots
    role: np.ndarray  # object array
    ordinary: np.ndarray  # indices of members who may be in planted ties
    helpers: np.ndarray
    maintainers: np.ndarray
    bots: np.ndarray

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "id": self.ids,
                "name": [
                    f"Member {i}" if r != "bot" else i
                    for i, r in zip(self.ids, self.role, strict=True)
                ],
                "experience_years": self.experience,
                "role": self.role,
            }
        )


def _people(rng: np.random.Generator, members: int) -> _People:
    width = len(str(members - 1))
    ids = np.array([f"m{i:0{width}d}" for i in range(members)] + list(BOTS), dtype=object)
    experience = np.floor(rng.gamma(2.0, 4.0, members)).clip(0, 35)
    shuffled = rng.permutation(members)
    n_helpers, n_maintainers = max(2, round(0.02 * members)), max(1, round(0.002 * members))
    helpers = np.sort(shuffled[:n_helpers])
    maintainers = np.sort(shuffled[n_helpers : n_helpers + n_maintainers])
    role = np.array(["member"] * members + ["bot"] * len(BOTS), dtype=object)
    role[helpers] = "popular-helper"
    role[maintainers] = "maintainer"
    return _People(
        ids=ids,
        experience=np.concatenate([experience, np.full(len(BOTS), np.nan)]),
        role=role,
        ordinary=np.flatnonzero(role == "member"),
        helpers=helpers,
        maintainers=maintainers,
        bots=np.arange(members, members + len(BOTS)),
    )


# -- events as columns of integers -------------------------------------------------------------


@dataclass
class _Plan:
    """What every part shares: the random generator, the sizes, and a counter for contexts."""

    rng: np.random.Generator
    scenario: Scenario
    next_context: int = 0

    @property
    def members(self) -> int:
        return self.scenario.members

    @property
    def weeks(self) -> int:
        return self.scenario.weeks

    @property
    def tracks(self) -> int:
        return len(self.scenario.tracks)

    def contexts(self, count: int) -> np.ndarray:
        first = self.next_context
        self.next_context += count
        return np.arange(first, first + count, dtype=np.int64)

    def moments(self, week: np.ndarray, *, within: int = WEEK) -> np.ndarray:
        """A random second in each given week (within its first ``within`` seconds, so that a
        follow-up an hour later still falls in the same week)."""
        return week.astype(np.int64) * WEEK + self.rng.integers(0, within, len(week))


_Events = dict[str, np.ndarray]
_KIND = {kind: i for i, kind in enumerate(KINDS)}
_ORIGIN = {origin: i for i, origin in enumerate(ORIGINS)}
_ACTOR_LEARNED = np.array([kind in ACTOR_LEARNED for kind in KINDS])


def _learning(
    learner: np.ndarray,
    teacher: np.ndarray,
    kind: np.ndarray,
    t: np.ndarray,
    track: np.ndarray,
    context: np.ndarray,
    origin: str,
) -> _Events:
    """Events in which ``learner`` learned from ``teacher``: who acts depends on the kind."""
    actor_learned = _ACTOR_LEARNED[kind]
    return {
        "t": t,
        "actor": np.where(actor_learned, learner, teacher).astype(np.int32),
        "target": np.where(actor_learned, teacher, learner).astype(np.int32),
        "kind": kind.astype(np.int8),
        "track": track.astype(np.int8),
        "context": context.astype(np.int64),
        "origin": np.full(len(t), _ORIGIN[origin], dtype=np.int8),
    }


def _kinds(rng: np.random.Generator, mix: dict[str, float], count: int) -> np.ndarray:
    names = list(mix)
    weights = np.array([mix[n] for n in names], dtype=float)
    chosen = rng.choice(len(names), count, p=weights / weights.sum())
    return np.array([_KIND[n] for n in names], dtype=np.int8)[chosen]


def _concat(parts: list[_Events]) -> _Events:
    return {c: np.concatenate([p[c] for p in parts]) for c in EVENT_COLUMNS}


def _table(events: _Events, people: _People, scenario: Scenario) -> pa.Table:
    """The Arrow table, built a column at a time; ``events`` is emptied on the way."""
    # Nothing may fall after the last second of the last week: that is the analysis's as-of.
    last = scenario.weeks * WEEK - 1
    seconds = np.minimum(events.pop("t"), last) + int(scenario.start.timestamp())
    columns = {"time": pa.array(seconds * 1_000_000, type=pa.timestamp("us", tz="UTC"))}
    del seconds
    ids = pa.array(people.ids, type=pa.string())
    columns["actor"] = pc.take(ids, pa.array(events.pop("actor")))
    columns["target"] = pc.take(ids, pa.array(events.pop("target")))
    columns["kind"] = pc.take(pa.array(KINDS), pa.array(events.pop("kind").astype(np.int32)))
    track = events.pop("track").astype(np.int32)
    columns["track"] = pc.take(pa.array(scenario.tracks), pa.array(track, mask=track < 0))
    del track
    context = pa.array(events.pop("context"))
    text = pc.binary_join_element_wise("c", pc.cast(context, pa.string()), "")
    columns["context"] = pc.if_else(pc.less(context, 0), pa.scalar(None, pa.string()), text)
    del context, text
    origin = events.pop("origin").astype(np.int32)
    columns["origin"] = pc.take(pa.array(ORIGINS), pa.array(origin))
    return pa.table(columns)


# -- planted ties ------------------------------------------------------------------------------


def _planted_ties(plan: _Plan, people: _People) -> tuple[_Events, dict[str, np.ndarray]]:
    learner, teacher, label = _choose_pairs(plan, people)
    # A peer pair is two directed ties; the second runs the other way.
    peer = label == TIE_LABELS.index("peer")
    learner, teacher, label = (
        np.concatenate([learner, teacher[peer]]),
        np.concatenate([teacher, learner[peer]]),
        np.concatenate([label, label[peer]]),
    )
    pair_track = plan.rng.integers(0, plan.tracks, int(peer.size))
    track = np.concatenate([pair_track, pair_track[peer]])
    weeks = _tie_weeks(plan, label)
    tie_of, week = np.nonzero(weeks)
    per_week = plan.rng.choice(3, len(tie_of), p=[0.5, 0.35, 0.15]) + 1
    thread = plan.contexts(len(tie_of))
    tie_of, week, thread = (np.repeat(a, per_week) for a in (tie_of, week, thread))
    events = _learning(
        learner[tie_of],
        teacher[tie_of],
        _kinds(plan.rng, TIE_KIND_MIX, len(tie_of)),
        plan.moments(week),
        track[tie_of],
        thread,
        "mentor",
    )
    events["origin"] = label[tie_of].astype(np.int8)  # tie labels come first in ORIGINS
    truth = {"learner": learner, "teacher": teacher, "track": track, "label": label}
    return events, truth


def _choose_pairs(plan: _Plan, people: _People) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct unordered pairs of ordinary members, each with a label its experience fits."""
    rng, exp = plan.rng, people.experience
    rates = dict(plan.scenario.tie_rates)
    wanted = np.array([round(rates.get(label, 0.0) * plan.members) for label in TIE_LABELS])
    candidates = 30 * int(wanted.sum()) + 100  # most candidates fail a fit or a cap
    learner = rng.choice(people.ordinary, candidates)
    teacher = rng.choice(people.ordinary, candidates)
    if plan.scenario.busy_mentors:
        busy = np.concatenate([people.helpers, people.maintainers])
        teacher = np.where(rng.random(candidates) < 0.5, rng.choice(busy, candidates), teacher)
    label = rng.choice(len(TIE_LABELS), candidates, p=wanted / wanted.sum())
    gap = exp[teacher] - exp[learner]  # positive: the teacher is more experienced
    fits = np.select(
        [label == TIE_LABELS.index("peer"), label == TIE_LABELS.index("reverse")],
        [np.abs(gap) <= 1, gap <= -5],
        default=gap >= 0,
    )
    keep = (learner != teacher) & fits
    pair = np.minimum(learner, teacher) * plan.members + np.maximum(learner, teacher)
    keep &= _first_occurrences(np.where(keep, pair, -1 - np.arange(candidates)))
    # Nobody in too many planted ties: count each person's appearances in kept pairs.
    ends = np.where(np.repeat(keep, 2), np.column_stack([learner, teacher]).ravel(), -1)
    ranks = _occurrence_rank(ends).reshape(-1, 2)
    keep &= (ranks < plan.scenario.ties_per_member).all(axis=1)
    chosen: list[np.ndarray] = []
    for index, count in enumerate(wanted):
        found = np.flatnonzero(keep & (label == index))[:count]
        chosen.append(found)
    picked = np.sort(np.concatenate(chosen))
    return learner[picked], teacher[picked], label[picked]


def _first_occurrences(values: np.ndarray) -> np.ndarray:
    _, first = np.unique(values, return_index=True)
    mask = np.zeros(len(values), dtype=bool)
    mask[first] = True
    return mask


def _occurrence_rank(values: np.ndarray) -> np.ndarray:
    """For each value, how many times it occurred before (0 for the first); -1 counts as none."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1]
    sizes = np.diff(np.r_[starts, len(values)])
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(len(values)) - np.repeat(starts, sizes)
    return np.where(values < 0, 0, ranks)


def _tie_weeks(plan: _Plan, label: np.ndarray) -> np.ndarray:
    """A boolean (tie x week) matrix: the distinct weeks in which each tie gets credit."""
    rng, weeks, count = plan.rng, plan.weeks, len(label)
    mentor_like = np.isin(label, [TIE_LABELS.index(x) for x in ("mentor", "peer", "reverse")])
    fading = label == TIE_LABELS.index("fading")
    emerging = label == TIE_LABELS.index("emerging")
    low, high = plan.scenario.tie_weeks
    active = np.select(
        [mentor_like, fading], [rng.integers(low, high + 1, count), rng.integers(6, 11, count)], 2
    )
    # The window of weeks each tie lives in, and the weeks pinned at its ends.
    last = np.select(
        [fading, emerging], [rng.integers(weeks - 30, weeks - 13, count), weeks - 1], weeks - 1
    )
    length = np.select(
        [fading, emerging],
        [rng.integers(14, 27, count), np.full(count, 6)],
        rng.integers(16, 45, count),
    )
    length = np.maximum(length, 2 * active)
    first = np.maximum(last - length + 1, 0)
    pinned_last = np.where(fading, last, weeks - 1 - rng.integers(0, 3, count))
    week = np.arange(weeks)
    keys = rng.random((count, weeks))
    keys[(week < first[:, None]) | (week > last[:, None])] = np.inf
    rows = np.arange(count)
    keys[rows, pinned_last] = -1.0
    keys[rows[~emerging], first[~emerging]] = -1.0
    rank = np.argsort(np.argsort(keys, axis=1), axis=1)
    return rank < active[:, None]


# -- noise -------------------------------------------------------------------------------------


def _popular_helpers(plan: _Plan, people: _People) -> _Events:
    """Each helper answers many people once or twice; some thank or accept once."""
    rng = plan.rng
    reach = min(round(0.3 * plan.members), 300)
    helper = np.repeat(people.helpers, reach)
    asker = rng.choice(people.ordinary, len(helper))
    distinct = _first_occurrences(helper * plan.members + asker)  # each pair drawn once
    helper, asker = helper[distinct], asker[distinct]
    track = rng.integers(0, plan.tracks, len(helper))
    answers = rng.integers(1, 3, len(helper))
    pair = np.repeat(np.arange(len(helper)), answers)
    week = rng.integers(0, plan.weeks, len(pair))
    thread = plan.contexts(len(pair))
    answer = _learning(
        asker[pair],
        helper[pair],
        np.full(len(pair), _KIND["answer"]),
        plan.moments(week, within=WEEK - 3600),
        track[pair],
        thread,
        "popular-helper",
    )
    first = np.r_[True, pair[1:] != pair[:-1]]
    back = first & (rng.random(len(pair)) < 0.4)
    kind = np.where(rng.random(int(back.sum())) < 0.7, _KIND["thanks"], _KIND["accept"])
    thanks = _learning(
        asker[pair[back]],
        helper[pair[back]],
        kind,
        answer["t"][back] + 1800,
        track[pair[back]],
        thread[back],
        "popular-helper",
    )
    return _concat([answer, thanks])


def _maintainers(plan: _Plan, people: _People) -> _Events:
    """Each maintainer reviews hundreds of regulars, in up to ten different weeks each."""
    rng = plan.rng
    reach = min(round(0.4 * plan.members), 400)
    maintainer = np.repeat(people.maintainers, reach)
    regular = np.concatenate(
        [rng.choice(people.ordinary, reach, replace=False) for _ in people.maintainers]
    )
    track = rng.integers(0, plan.tracks, len(regular))
    # 3-10 review weeks drawn per regular (a repeat draw is one more review that week).
    pair = np.repeat(np.arange(len(regular)), rng.integers(3, 11, len(regular)))
    pair = np.repeat(pair, rng.integers(1, 3, len(pair)))
    week = rng.integers(0, plan.weeks, len(pair))
    thread = plan.contexts(len(pair))
    review = _learning(
        regular[pair],
        maintainer[pair],
        np.full(len(pair), _KIND["review"]),
        plan.moments(week, within=WEEK - 3600),
        track[pair],
        thread,
        "maintainer",
    )
    back = rng.random(len(pair)) < 0.15
    thanks = _learning(
        regular[pair[back]],
        maintainer[pair[back]],
        np.full(int(back.sum()), _KIND["thanks"]),
        review["t"][back] + 600,
        track[pair[back]],
        thread[back],
        "maintainer",
    )
    return _concat([review, thanks])


def _bursts(plan: _Plan, people: _People) -> _Events:
    """Two people, 8-25 interactions inside two days of one week, then never again."""
    rng = plan.rng
    count = round(0.06 * plan.members)
    asker, helper = _two_apart(rng, people.ordinary, count)
    size = rng.integers(8, 26, count)
    burst = np.repeat(np.arange(count), size)
    week = np.repeat(rng.integers(0, plan.weeks, count), size)
    kind = _kinds(
        rng,
        {"reply": 0.5, "answer": 0.2, "thanks": 0.15, "favourite": 0.1, "learned": 0.05},
        len(burst),
    )
    # Half the replies go the other way: a lively back-and-forth.
    swap = (kind == _KIND["reply"]) & (rng.random(len(burst)) < 0.5)
    learner = np.where(swap, helper[burst], asker[burst])
    teacher = np.where(swap, asker[burst], helper[burst])
    thread = np.repeat(plan.contexts(count), size)
    track = np.repeat(rng.integers(0, plan.tracks, count), size)
    return _learning(
        learner, teacher, kind, plan.moments(week, within=2 * 86400), track, thread, "burst"
    )


def _bots(plan: _Plan, people: _People) -> _Events:
    """Bots reply to half the members in about a fifth of the weeks, and get thanked back."""
    rng = plan.rng
    reach = min(round(0.5 * plan.members), 2000)
    bot = np.repeat(people.bots, reach)
    member = np.concatenate([rng.choice(people.ordinary, reach) for _ in people.bots])
    pair = np.repeat(np.arange(len(member)), rng.binomial(plan.weeks, 0.2, len(member)))
    week = rng.integers(0, plan.weeks, len(pair))
    thread = plan.contexts(len(pair))
    track = rng.integers(0, plan.tracks, len(member))[pair]  # a digest of one track, say
    kind = np.full(len(pair), _KIND["reply"])
    reply = _learning(
        member[pair],
        bot[pair],
        kind,
        plan.moments(week, within=WEEK - 3600),
        track,
        thread,
        "bot",
    )
    back = rng.random(len(pair)) < 0.3
    thanks = _learning(
        member[pair[back]],
        bot[pair[back]],
        np.full(int(back.sum()), _KIND["thanks"]),
        reply["t"][back] + 60,
        track[back],
        thread[back],
        "bot",
    )
    return _concat([reply, thanks])


def _weak(plan: _Plan, people: _People, count: int) -> _Events:
    """Favourites and shares of popular posters' posts (Zipf): weak and scattered."""
    rng = plan.rng
    pool = rng.permutation(people.ordinary)  # pool[0] is the most popular poster
    popularity = np.arange(1, len(pool) + 1, dtype=float) ** -0.6
    poster = rng.choice(len(pool), count, p=popularity / popularity.sum())
    fan = rng.integers(0, len(pool), count)
    fan = np.where(fan == poster, (fan + 1) % len(pool), fan)
    kind = np.where(rng.random(count) < 0.75, _KIND["favourite"], _KIND["share"])
    week = rng.integers(0, plan.weeks, count)
    track = rng.integers(-1, plan.tracks, count)
    no_context = np.full(count, -1)
    return _learning(pool[fan], pool[poster], kind, plan.moments(week), track, no_context, "weak")


def _stray_replies(plan: _Plan, people: _People, threads: int) -> _Events:
    """Short exchanges between random people: 1-3 replies, taking turns."""
    rng = plan.rng
    a, b = _two_apart(rng, people.ordinary, threads)
    size = rng.integers(1, 4, threads)
    thread = np.repeat(np.arange(threads), size)
    turn = np.arange(len(thread)) - np.repeat(np.cumsum(size) - size, size)
    # A reply's actor teaches its target: turns alternate who that is.
    teacher = np.where(turn % 2 == 0, a[thread], b[thread])
    learner = np.where(turn % 2 == 0, b[thread], a[thread])
    week = rng.integers(0, plan.weeks, threads)
    moment = np.repeat(plan.moments(week, within=WEEK - 3600), size) + 60 * turn
    kind = np.full(len(thread), _KIND["reply"])
    track = np.repeat(rng.integers(-1, plan.tracks, threads), size)
    context = plan.contexts(threads)[thread]
    return _learning(learner, teacher, kind, moment, track, context, "weak")


def _two_apart(
    rng: np.random.Generator, pool: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` pairs of two different people from ``pool``."""
    first = rng.integers(0, len(pool), count)
    second = (first + rng.integers(1, len(pool), count)) % len(pool)
    return pool[first], pool[second]
