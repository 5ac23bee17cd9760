"""The mentorship patterns planted in the demo community, and the file that writes them down.

``plan_ties(rng, members)`` chooses who mentors whom before any activity is generated; the
activity generator (``activity.py``) then writes exactly the interactions each tie needs and
keeps every other pair of members below the engine's consistency threshold, so the planted
file is the whole truth about the community's mentoring (docs/demo.md, "Planted ties"):

- ``mentor``: the learner learns from a more experienced teacher in 6–10 distinct weeks, from
  months ago until the last two weeks;
- ``peer``: two members of about the same experience, each a consistent teacher of the other
  in the same track (one row per direction);
- ``reverse``: like ``mentor``, but the teacher has at least 5 years *less* experience;
- ``fading``: 6–9 weeks of learning that stopped at least 10 weeks ago;
- ``emerging``: 2 weeks of learning, the first 4–6 weeks ago and the second in the last two;
- ``popular-helper``: one row for each person a popular helper answered, once or twice —
  the helper must *not* be found as their mentor.

The personas take part, so the demo tells a story: @priya_bots (1 year in) teaches @mira_pr
(22 years) automation, Mira mentors @lena_mkt in PR, @kofi_dev teaches @dana_steward data
pipelines, Dana is newly mentoring the newcomer @ana_newcomer.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from mentormesh.demo.clock import LAST_WEEK, activity_end, week_start, weeks_ago
from mentormesh.demo.records import DemoCommunity, DemoMember, PlantedTie
from mentormesh.demo.vocabulary import NEW_STAGES, TRACK_SKILLS

LABELS = ("mentor", "peer", "reverse", "fading", "emerging")
HELPER_LABEL = "popular-helper"
PLANTED_COLUMNS = ("learner", "teacher", "track", "label", "first_week", "last_week", "note")
TRACK_ORDER = ("pr", "community", "marketing", "development")

# Generated ties per track in a community of REFERENCE_MEMBERS (peer counts pairs).
PER_TRACK = {"mentor": 2, "peer": 1, "reverse": 1, "fading": 2, "emerging": 1}
REFERENCE_MEMBERS = 300
MAX_TIES = 4  # nobody is in more planted ties than this
MAX_GENERATED_TIES = 2  # for generated members
MENTOR_GAP = 2  # a mentor has at least this many more years than the learner
REVERSE_GAP = 5  # a reverse mentor has at least this many fewer
PEER_GAP = 2  # peers are within this many years of each other


@dataclass(frozen=True)
class TiePlan:
    """The planted ties and the popular helpers (one per track, when the community is big
    enough), who are in no planted tie."""

    ties: tuple[PlantedTie, ...]
    helpers: tuple[tuple[str, str], ...]  # (track, handle)


def plan_ties(rng: random.Random, members: Sequence[DemoMember]) -> TiePlan:
    chooser = _Chooser(rng, members)
    helpers = chooser.helpers()
    chooser.persona_ties()
    scale = len(members) / REFERENCE_MEMBERS
    for track in TRACK_ORDER:
        for label, base in PER_TRACK.items():
            for _ in range(round(base * scale)):
                chooser.generated_tie(label, track)
    return TiePlan(tuple(chooser.ties), helpers)


def planted_ties(community: DemoCommunity) -> list[PlantedTie]:
    """Every planted tie of a generated community, popular helpers' rows included."""
    return list(community.activity.planted)


def count_by_label(ties: Iterable[PlantedTie]) -> dict[str, int]:
    counts = Counter(tie.label for tie in ties)
    return {label: counts[label] for label in (*LABELS, HELPER_LABEL)}


def planted_rows(ties: Iterable[PlantedTie], now: datetime) -> list[dict[str, str]]:
    """The planted file's rows: weeks as the date of their Monday (ISO weeks, UTC)."""
    end = activity_end(now)
    return [
        {
            "learner": tie.learner,
            "teacher": tie.teacher,
            "track": tie.track,
            "label": tie.label,
            "first_week": week_start(tie.first_week, end).date().isoformat(),
            "last_week": week_start(tie.last_week, end).date().isoformat(),
            "note": tie.note,
        }
        for tie in ties
    ]


def write_planted(path: str | Path, community: DemoCommunity, now: datetime) -> int:
    """Write the planted file (CSV, docs/demo.md) for the demo loaded at ``now``; returns rows."""
    rows = planted_rows(planted_ties(community), now)
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=PLANTED_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# ---------------------------------------------------------------- weeks


def clock_weeks(ago: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(LAST_WEEK - value for value in set(ago)))


def consistent_weeks(rng: random.Random) -> tuple[int, ...]:
    """6–10 distinct weeks from 12–24 weeks ago up to the last two weeks."""
    first, last = rng.randint(12, 24), rng.randint(0, 2)
    count = rng.randint(6, 10)
    middle = rng.sample(range(last + 1, first), count - 2)
    return clock_weeks([first, last, *middle])


def fading_weeks(rng: random.Random) -> tuple[int, ...]:
    """6–9 weeks between 18–25 and 10–13 weeks ago; nothing since."""
    first, last = rng.randint(18, 25), rng.randint(10, 13)
    count = rng.randint(6, min(9, first - last + 1))
    middle = rng.sample(range(last + 1, first), count - 2)
    return clock_weeks([first, last, *middle])


def emerging_weeks(rng: random.Random) -> tuple[int, ...]:
    return clock_weeks([rng.randint(4, 6), rng.randint(0, 1)])


WEEK_PLANS = {
    "mentor": consistent_weeks,
    "peer": consistent_weeks,
    "reverse": consistent_weeks,
    "fading": fading_weeks,
    "emerging": emerging_weeks,
}


def describe(label: str, weeks: Sequence[int], skill: str) -> str:
    topic = skill.replace("-", " ")
    count = len(weeks)
    since = weeks_ago(weeks[0])
    return {
        "mentor": f"learns {topic} from a more experienced member in {count} distinct weeks over the last {since} weeks",
        "peer": f"peers: each learns from the other; this direction, {topic} in {count} distinct weeks",
        "reverse": f"reverse mentoring: learns {topic} from a less experienced member in {count} distinct weeks",
        "fading": f"learned {topic} in {count} distinct weeks, then nothing for the last {weeks_ago(weeks[-1])} weeks",
        "emerging": f"new tie: first learned {topic} {since} weeks ago, again in the last two weeks",
    }[label]


# ---------------------------------------------------------------- choosing the people


def offers(member: DemoMember, track: str) -> bool:
    return any(s.track == track for s in member.skills_of_kind("offered"))


def seeks(member: DemoMember, track: str) -> bool:
    return any(s.track == track for s in member.skills_of_kind("sought"))


class _Chooser:
    """Picks the people of each planted tie under the rules in the module docstring."""

    def __init__(self, rng: random.Random, members: Sequence[DemoMember]) -> None:
        self.rng = rng
        self.members = list(members)
        self.by_handle = {m.handle: m for m in members}
        self.ties: list[PlantedTie] = []
        self.load: Counter[str] = Counter()
        self.pairs: set[frozenset[str]] = set()
        self.excluded: set[str] = set()

    # ---- the popular helpers

    def helpers(self) -> tuple[tuple[str, str], ...]:
        count = min(len(TRACK_ORDER), max(1, round(len(self.members) / 75)))
        chosen: list[tuple[str, str]] = []
        for track in TRACK_ORDER[:count]:
            candidates = [
                m
                for m in self.members
                if not m.is_persona
                and m.home_track == track
                and m.stage in ("mid", "senior", "veteran")
                and offers(m, track)
            ]
            if candidates:
                helper = self.rng.choice(candidates)
                chosen.append((track, helper.handle))
                self.excluded.add(helper.handle)
        return tuple(chosen)

    # ---- the personas' story

    def persona_ties(self) -> None:
        self.add("mira_pr", "priya_bots", "development", "reverse", "automation")
        self.add("lena_mkt", "mira_pr", "pr", "mentor", "media-relations")
        self.add("ana_newcomer", "dana_steward", "community", "emerging", "onboarding")
        self.add("dana_steward", "kofi_dev", "development", "reverse", "data-engineering")
        self.with_partner("kofi_dev", "development", "peer", "automation", learner_side=True)
        self.with_partner("lena_mkt", "marketing", "peer", "paid-social", learner_side=True)
        self.with_partner("priya_bots", "pr", "mentor", "media-relations", learner_side=True)
        self.with_partner(
            "lena_mkt", "marketing", "mentor", "campaign-analytics", learner_side=True
        )
        self.with_partner("kofi_dev", "pr", "mentor", "personal-branding", learner_side=True)
        self.with_partner("mira_pr", "pr", "fading", "press-releases", learner_side=False)
        self.with_partner("dana_steward", "community", "mentor", "moderation", learner_side=False)

    def with_partner(
        self, persona: str, track: str, label: str, skill: str, *, learner_side: bool
    ) -> None:
        """A tie between a persona and a generated member who fits it."""
        me = self.by_handle.get(persona)
        if me is None:
            return
        for other in self.shuffled(m for m in self.members if not m.is_persona):
            learner, teacher = (me, other) if learner_side else (other, me)
            if self.fits(learner, teacher, track, label):
                self.add(learner.handle, teacher.handle, track, label, skill)
                return

    # ---- generated members' ties

    def generated_tie(self, label: str, track: str) -> None:
        generated = [m for m in self.members if not m.is_persona]
        learners = [m for m in generated if m.home_track == track or seeks(m, track)]
        for learner in self.shuffled(learners):
            for teacher in self.shuffled(generated):
                if self.fits(learner, teacher, track, label):
                    self.add(
                        learner.handle,
                        teacher.handle,
                        track,
                        label,
                        self.skill(track, learner, teacher),
                    )
                    return

    def fits(self, learner: DemoMember, teacher: DemoMember, track: str, label: str) -> bool:
        if (
            learner.handle == teacher.handle
            or frozenset((learner.handle, teacher.handle)) in self.pairs
        ):
            return False
        if not (self.free(learner) and self.free(teacher)):
            return False
        gap = teacher.experience_years - learner.experience_years
        if label == "peer":
            return (
                abs(gap) <= PEER_GAP
                and learner.home_track == teacher.home_track == track
                and learner.open_to_peer_exchange
                and teacher.open_to_peer_exchange
            )
        if label == "reverse":
            return gap <= -REVERSE_GAP and (offers(teacher, track) or teacher.home_track == track)
        if label == "emerging" and learner.stage not in NEW_STAGES and not learner.is_persona:
            return False
        return (
            gap >= MENTOR_GAP
            and teacher.stage not in NEW_STAGES
            and (offers(teacher, track) or teacher.home_track == track)
        )

    def free(self, member: DemoMember) -> bool:
        limit = MAX_TIES if member.is_persona else MAX_GENERATED_TIES
        return member.handle not in self.excluded and self.load[member.handle] < limit

    def skill(self, track: str, learner: DemoMember, teacher: DemoMember) -> str:
        sought = [s.skill for s in learner.skills_of_kind("sought") if s.track == track]
        offered = [s.skill for s in teacher.skills_of_kind("offered") if s.track == track]
        return self.rng.choice(sought or offered or list(TRACK_SKILLS[track]))

    def add(self, learner: str, teacher: str, track: str, label: str, skill: str) -> None:
        if learner not in self.by_handle or teacher not in self.by_handle:
            return
        weeks = WEEK_PLANS[label](self.rng)
        tie = PlantedTie(
            learner, teacher, track, label, weeks, describe(label, weeks, skill), skill
        )
        self.ties.append(tie)
        if label == "peer":
            back = WEEK_PLANS[label](self.rng)
            self.ties.append(
                replace(
                    tie,
                    learner=teacher,
                    teacher=learner,
                    weeks=back,
                    note=describe(label, back, skill),
                )
            )
        self.pairs.add(frozenset((learner, teacher)))
        self.load.update((learner, teacher))

    def shuffled(self, members: Iterable[DemoMember]) -> list[DemoMember]:
        pool = list(members)
        self.rng.shuffle(pool)
        return pool
