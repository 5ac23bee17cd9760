"""The deterministic demo community generator: ``generate_community(seed, members)``.

Pure Python, no database: the same seed gives the same ``DemoCommunity`` on every run and
machine (Python's string-seeded ``random.Random`` and a seeded Faker instance per member).

Each part of the community draws from its own random stream (``_stream(seed, "members")``),
so later parts are added as sibling modules with their own streams without changing the
members an existing seed produces:

    members = generate_members(_stream(seed, "members"), count)
    activity = generate_activity(seed, members)   # activity.py: its own streams per part
    return DemoCommunity(seed, members, activity=activity)
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from typing import TypeVar

from faker import Faker

from mentormesh.demo import DEFAULT_MEMBERS, DEFAULT_SEED, MAX_MEMBERS
from mentormesh.demo.activity import generate_activity
from mentormesh.demo.handles import choose_handle
from mentormesh.demo.personas import DEMO_EMAIL_DOMAIN, PERSONAS
from mentormesh.demo.records import DemoCommunity, DemoMember, DemoSkill
from mentormesh.demo.vocabulary import (
    COUNTRIES,
    FIELD_WEIGHTS,
    NEW_STAGES,
    NEW_TOOL_SKILLS,
    STAGES,
    STUDENT_FIELD,
    TRACK_SKILLS,
    TRACK_TAGS,
    TRACK_WEIGHTS,
    Country,
)
from mentormesh.demo.writing import Person, bio, headline, job_title, pick_org

__all__ = ["DemoCommunity", "DemoMember", "DemoSkill", "generate_community", "generate_members"]


T = TypeVar("T")

# Chance of each open-to flag by career stage.
OPEN_TO_MENTORING = {
    "student": 0.0,
    "junior": 0.03,
    "early": 0.2,
    "mid": 0.5,
    "senior": 0.75,
    "veteran": 0.85,
}
CAPACITY = {"junior": (1, 1), "early": (1, 1), "mid": (1, 3), "senior": (2, 4), "veteran": (2, 5)}
OPEN_TO_PEERS = {
    "student": 0.95,
    "junior": 0.9,
    "early": 0.85,
    "mid": 0.8,
    "senior": 0.7,
    "veteran": 0.6,
}
WELCOMING = {
    "student": 0.05,
    "junior": 0.1,
    "early": 0.15,
    "mid": 0.2,
    "senior": 0.3,
    "veteran": 0.3,
}
WELCOMING_BONUS_COMMUNITY_TRACK = 0.3


def generate_community(seed: int = DEFAULT_SEED, members: int = DEFAULT_MEMBERS) -> DemoCommunity:
    """A demo community of ``members`` people: the named personas, then generated members."""
    if not len(PERSONAS) <= members <= MAX_MEMBERS:
        raise ValueError(
            f"A demo community has {len(PERSONAS)} to {MAX_MEMBERS} members, not {members}."
        )
    generated = generate_members(_stream(seed, "members"), members - len(PERSONAS))
    everyone = (*PERSONAS, *generated)
    return DemoCommunity(seed=seed, members=everyone, activity=generate_activity(seed, everyone))


def generate_members(rng: random.Random, count: int) -> tuple[DemoMember, ...]:
    taken = {persona.handle.lower() for persona in PERSONAS}
    return tuple(generate_member(rng, taken) for _ in range(count))


def generate_member(rng: random.Random, taken: set[str]) -> DemoMember:
    """One member; ``taken`` holds the handles in use (lower-cased) and gains the new one."""
    country = weighted(rng, COUNTRIES, [c.weight for c in COUNTRIES])
    track = weighted(rng, list(TRACK_WEIGHTS), list(TRACK_WEIGHTS.values()))
    stage, low, high = stage_and_years(rng)
    years = rng.randint(low, high)
    first, last = person_name(country, rng.getrandbits(32))
    handle = choose_handle(rng, first, last, TRACK_TAGS[track], taken)
    field = choose_field(rng, track, stage)
    mentoring = rng.random() < OPEN_TO_MENTORING[stage]
    welcoming = rng.random() < WELCOMING[stage] + (
        WELCOMING_BONUS_COMMUNITY_TRACK if track == "community" else 0
    )
    peers = rng.random() < OPEN_TO_PEERS[stage]
    offered = offered_skills(rng, track, stage)
    sought = sought_skills(rng, track, stage, offered)
    person = Person(
        track=track,
        stage=stage,
        years=years,
        field=field,
        city=rng.choice(country.cities),
        org=pick_org(rng, field),
        offered=offered,
        sought=sought,
        open_to_mentoring=mentoring,
        open_to_welcoming=welcoming,
        open_to_peer_exchange=peers,
    )
    title = job_title(rng, track, stage, field)
    return DemoMember(
        handle=handle,
        email=f"{handle.lower()}@{DEMO_EMAIL_DOMAIN}",
        display_name=f"{first} {last}"[:60],
        headline=headline(rng, person, title),
        bio=bio(rng, person),
        country=country.code,
        city=person.city,
        field=field,
        home_track=track,
        stage=stage,
        experience_years=years,
        open_to_mentoring=mentoring,
        open_to_peer_exchange=peers,
        open_to_welcoming=welcoming,
        mentoring_capacity=rng.randint(*CAPACITY[stage]) if mentoring else 0,
        skills=offered + sought,
    )


def stage_and_years(rng: random.Random) -> tuple[str, int, int]:
    name, _weight, low, high = weighted(rng, STAGES, [stage[1] for stage in STAGES])
    if name == "veteran":
        # Most veterans have 20 to 28 years; a few have been at it for 35.
        high = rng.choice((28, 28, high))
    return name, low, high


def choose_field(rng: random.Random, track: str, stage: str) -> str:
    if stage == "student":
        return STUDENT_FIELD
    weights = FIELD_WEIGHTS[track]
    return weighted(rng, list(weights), list(weights.values()))


def offered_skills(rng: random.Random, track: str, stage: str) -> tuple[DemoSkill, ...]:
    """What a member can help with: their own track at their level, sometimes a second track.

    Students and juniors offer at most one skill, one where newcomers often know the newer
    tools better than their seniors (the seed of reverse mentoring).
    """
    if stage in NEW_STAGES:
        chance = 0.25 if stage == "student" else 0.4
        if rng.random() >= chance:
            return ()
        skill_track, skill = rng.choice(NEW_TOOL_SKILLS)
        return (DemoSkill(skill_track, skill, "offered", 2),)
    count, level = {
        "early": ((1, 2), 2),
        "mid": ((2, 3), 3),
        "senior": ((2, 4), 4),
        "veteran": ((3, 4), 4),
    }[stage]
    home = rng.sample(TRACK_SKILLS[track], rng.randint(*count))
    skills = [DemoSkill(track, slug, "offered", level_with_doubt(rng, level)) for slug in home]
    if stage != "early" and rng.random() < 0.35:
        other = rng.choice([t for t in TRACK_SKILLS if t != track])
        skills.append(DemoSkill(other, rng.choice(TRACK_SKILLS[other]), "offered", level - 1))
    return tuple(skills)


def level_with_doubt(rng: random.Random, level: int) -> int:
    """People rate some of their own skills a notch lower (never below intermediate)."""
    return max(2, level - 1) if rng.random() < 0.3 else level


def sought_skills(
    rng: random.Random, track: str, stage: str, offered: Sequence[DemoSkill]
) -> tuple[DemoSkill, ...]:
    """What a member wants to learn: newcomers their own track from the ground up, experienced
    members other tracks — seniors often the newer tools that juniors know best."""
    have = {(skill.track, skill.skill) for skill in offered}
    wanted: list[tuple[str, str, int]] = []
    if stage in NEW_STAGES:
        wanted += [(track, slug, 1) for slug in rng.sample(TRACK_SKILLS[track], rng.randint(1, 3))]
        if rng.random() < 0.5:
            wanted.append((*other_track_skill(rng, track), 1))
    elif stage in ("early", "mid"):
        if stage == "early":
            wanted.append((track, rng.choice(TRACK_SKILLS[track]), 2))
        wanted += [
            (*other_track_skill(rng, track), rng.randint(1, 2)) for _ in range(rng.randint(1, 2))
        ]
    elif rng.random() < 0.55:
        new_tools = [pair for pair in NEW_TOOL_SKILLS if pair[0] != track]
        wanted += [(*pair, 1) for pair in rng.sample(new_tools, rng.randint(1, 2))]
    unique = {(t, s): level for t, s, level in wanted if (t, s) not in have}
    return tuple(DemoSkill(t, s, "sought", level) for (t, s), level in unique.items())


def other_track_skill(rng: random.Random, track: str) -> tuple[str, str]:
    other = rng.choice([t for t in TRACK_SKILLS if t != track])
    return other, rng.choice(TRACK_SKILLS[other])


def person_name(country: Country, seed: int) -> tuple[str, str]:
    """A first and last name common in ``country``, from Faker seeded for this one member."""
    fake = _faker(country.faker_locale)
    fake.seed_instance(seed)
    return fake.first_name(), fake.last_name()


@functools.cache
def _faker(locale: str) -> Faker:
    # Cached for speed; safe because every use re-seeds the instance first.
    return Faker(locale)


def weighted(rng: random.Random, items: Sequence[T], weights: Sequence[int]) -> T:
    return rng.choices(items, weights=weights)[0]


def _stream(seed: int, part: str) -> random.Random:
    """An independent random stream for one part of the community (str seeds are stable)."""
    return random.Random(f"mentormesh-demo:{seed}:{part}")
