"""Headlines and short bios from templates, in the first person, the way members write them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from mentormesh.demo.records import DemoSkill
from mentormesh.demo.vocabulary import (
    FIELD_ORGS,
    FIELD_PHRASES,
    FREELANCE_FIELD,
    FREELANCE_TITLES,
    SENIOR_STAGES,
    SKILL_PHRASES,
    STUDENT_FIELD,
    TITLES,
    TRACK_NOUNS,
)

HEADLINE_MAX = 120
SKILLS_IN_A_SENTENCE = 3


@dataclass(frozen=True)
class Person:
    """What the templates need to know about a member."""

    track: str
    stage: str
    years: int
    field: str
    city: str
    org: str
    offered: tuple[DemoSkill, ...]
    sought: tuple[DemoSkill, ...]
    open_to_mentoring: bool
    open_to_welcoming: bool
    open_to_peer_exchange: bool


# Openers for people with twenty years or more; {years} is filled in.
VETERAN_OPENERS: dict[str, tuple[str, ...]] = {
    "pr": (
        "I've been in PR since press releases went out by fax, and I still love a good pitch.",
        "{years} years in PR, from the press office to live Q&As with the public.",
    ),
    "marketing": (
        "I've been in marketing since banner ads were the exciting new thing.",
        "{years} years in marketing, from print campaigns to paid social.",
    ),
    "community": (
        "I've been running online communities since the forum days.",
        "{years} years of looking after online communities, from message boards to live chats.",
    ),
    "development": (
        "I've been building for the web since tables were the layout tool.",
        "{years} years of building software, lately the tools that communicators use.",
    ),
}


def pick_org(rng: random.Random, field: str) -> str:
    orgs = FIELD_ORGS.get(field, ())
    return rng.choice(orgs) if orgs else ""


def job_title(rng: random.Random, track: str, stage: str, field: str) -> str:
    if field == FREELANCE_FIELD:
        return FREELANCE_TITLES[track]
    return rng.choice(TITLES[track][stage])


def headline(rng: random.Random, person: Person, title: str) -> str:
    options = [f"{title} in {person.city}"]
    if person.org:
        options += [f"{title} at {person.org}", f"{title} at {person.org} in {person.city}"]
    if person.field not in (STUDENT_FIELD, FREELANCE_FIELD):
        options.append(f"{title} · {person.field}")
    if person.stage in SENIOR_STAGES:
        options.append(f"{title} · {person.years} years in {TRACK_NOUNS[person.track]}")
    if person.offered and person.stage not in ("student", "junior"):
        options.append(f"{title} · {skill_phrase(person.offered[0])}")
    return rng.choice(options)[:HEADLINE_MAX]


def bio(rng: random.Random, person: Person) -> str:
    sentences = [background(rng, person)]
    if person.offered:
        sentences.append(offer_sentence(rng, person))
    if person.sought:
        sentences.append(seek_sentence(rng, person))
    closing = closing_sentence(rng, person)
    if closing:
        sentences.append(closing)
    return " ".join(sentences)


def background(rng: random.Random, person: Person) -> str:
    noun = TRACK_NOUNS[person.track]
    at = f" at {person.org}" if person.org else ""
    years = person.years
    if person.stage == "student":
        return rng.choice(
            (
                f"I'm studying in {person.city} and want to work in {noun} when I graduate.",
                f"Student in {person.city}, trying to learn {noun} in public.",
                f"I'm a student in {person.city}; most of what I know about {noun} I learned here.",
            )
        )
    if person.stage == "junior":
        when = "this year" if years == 0 else "last year"
        return rng.choice(
            (
                f"I started my first job in {noun} {when}{at}.",
                f"New to {noun}: I got my first job {when}{at} and I'm learning fast.",
            )
        )
    if person.stage in ("early", "mid"):
        work = (
            "as a freelancer"
            if person.field == FREELANCE_FIELD
            else f"mostly in {FIELD_PHRASES[person.field]}"
        )
        return rng.choice(
            (
                f"I've worked in {noun} for {years} years, {work}.",
                f"{years} years into {noun}, currently{at or ' freelancing'} in {person.city}.",
            )
        )
    if person.stage == "veteran":
        return rng.choice(VETERAN_OPENERS[person.track]).format(years=years)
    return rng.choice(
        (
            f"I've worked in {noun} for {years} years, the last few leading a team{at}.",
            f"{years} years in {noun}, and I still learn something new every week.",
        )
    )


def offer_sentence(rng: random.Random, person: Person) -> str:
    skills = join_phrases([skill_phrase(skill) for skill in person.offered[:SKILLS_IN_A_SENTENCE]])
    return rng.choice(
        (f"Happy to help with {skills}.", f"Ask me about {skills}.", f"I can help with {skills}.")
    )


def seek_sentence(rng: random.Random, person: Person) -> str:
    skills = join_phrases([skill_phrase(skill) for skill in person.sought[:SKILLS_IN_A_SENTENCE]])
    options = [
        f"Right now I'm learning {skills}, so pointers are welcome.",
        f"I'd like to get better at {skills}.",
        f"Trying to get my head around {skills}.",
    ]
    if person.stage in SENIOR_STAGES and any(s.track != person.track for s in person.sought):
        options.append(
            f"Currently learning {skills} from people newer to the job than me, and loving it."
        )
    return rng.choice(options)


def closing_sentence(rng: random.Random, person: Person) -> str:
    options: list[str] = []
    if person.open_to_mentoring:
        options += [
            "I mentor a few people at a time; say hello in a reply.",
            f"If you're starting out in {TRACK_NOUNS[person.track]}, my door is open.",
            "I learn as much from the people I mentor as they learn from me.",
        ]
    if person.open_to_welcoming:
        options += [
            "New here? I'm happy to introduce you around.",
            "I like helping newcomers find their people here.",
        ]
    if person.open_to_peer_exchange and not options:
        options += ["Always up for swapping notes with peers.", ""]
    return rng.choice(options) if options else ""


def skill_phrase(skill: DemoSkill) -> str:
    return SKILL_PHRASES.get((skill.track, skill.skill), skill.skill.replace("-", " "))


def join_phrases(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]
