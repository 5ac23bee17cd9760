"""Months of demo activity: follows, posts, questions and answers, replies, favourites, shares,
"I learned from this", live chats, and the planted mentorship patterns (``planted.py``).

``generate_activity(seed, members)`` is pure: the same seed and members give the same
``DemoActivity``. Everything is placed on the week clock (``clock.py``), so a planted tie's
weeks are ISO weeks whatever day the demo is loaded.

The planted file is the whole truth about mentoring in the demo. A ``Ledger`` sees every
interaction the actions will log (the same kinds and directions as the engine's default
rules) and keeps every pair that was not planted below the engine's thresholds: at most two
distinct weeks in which one learned from the other, never two weeks in the last ten (which
would look like an emerging tie), no background interaction at all between the two people of
a planted tie, and at most two interactions between a popular helper and anyone else.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mentormesh.demo import texts
from mentormesh.demo.clock import DAY, HOUR, LAST_WEEK, MINUTE, WEEKS, week_of, weeks_ago
from mentormesh.demo.planted import HELPER_LABEL, TiePlan, plan_ties
from mentormesh.demo.records import (
    DemoActivity,
    DemoChat,
    DemoFollow,
    DemoMember,
    DemoPost,
    DemoReaction,
    PlantedTie,
)
from mentormesh.demo.vocabulary import (
    NEW_STAGES,
    SENIOR_STAGES,
    SKILL_PHRASES,
    TRACK_NOUNS,
    TRACK_SKILLS,
)

# Who learns from whom for each kind the actions log (the engine's default directions).
ACTOR_LEARNS = frozenset({"learned", "accept", "share", "favourite", "mention"})
TARGET_LEARNS = frozenset({"answer", "reply"})
MAX_BACKGROUND_WEEKS = 2  # below the engine's consistency threshold of 3 weeks
YOUNG_WEEKS = 10  # two weeks of credit this recent could look like an emerging tie
HELPER_CONTACTS = 2  # interactions between a popular helper and any one person
END = WEEKS - 2 * MINUTE  # nothing on the week clock happens later than this

# Rough UTC offsets, so members post in their own daytime.
UTC_OFFSETS = {
    "US": -6, "GB": 0, "CA": -5, "IN": 5, "DE": 1, "NG": 1, "AU": 10, "FR": 1, "BR": -3,
    "IE": 0, "KE": 3, "ZA": 2, "NL": 1, "ES": 1, "MX": -6, "GH": 0, "SE": 1, "PL": 1, "NZ": 12,
}  # fmt: skip

# The personas follow each other the way their story goes.
PERSONA_FOLLOWS = {
    "mira_pr": ("priya_bots", "dana_steward", "lena_mkt"),
    "lena_mkt": ("mira_pr", "priya_bots"),
    "kofi_dev": ("priya_bots", "dana_steward"),
    "ana_newcomer": ("dana_steward", "mira_pr", "lena_mkt"),
    "dana_steward": ("mira_pr", "kofi_dev", "ana_newcomer"),
    "priya_bots": ("mira_pr", "kofi_dev"),
}
ANA_JOINED_WEEKS_AGO = 6

# Volumes per member (a 300-member community gets about 4,500 posts).
TIPS_PER_MEMBER = 4.0
QUESTIONS_PER_MEMBER = 1.4
CHAT_PARTICIPANTS = 12  # per chat in a 300-member community
PAST_CHATS = {"PRStudChat": (22, 18, 14, 9, 5, 1), "CommunityChat": (20, 16, 11, 7, 3)}
CHAT_START = {"PRStudChat": (3, 18), "CommunityChat": (1, 17)}  # (weekday, UTC hour)
UPCOMING_CHAT_HOURS = 3 * 24 + 2


def stream(seed: int, part: str) -> random.Random:
    """An independent random stream (the same scheme as ``generator``)."""
    return random.Random(f"mentormesh-demo:{seed}:{part}")


def generate_activity(seed: int, members: Sequence[DemoMember]) -> DemoActivity:
    plan = plan_ties(stream(seed, "planted"), members)
    writer = _Writer(members, plan, stream(seed, "joins"))
    writer.write_follows(stream(seed, "follows"))
    writer.write_planted(stream(seed, "planted-activity"))
    writer.write_chats(stream(seed, "chats"))
    writer.write_introductions(stream(seed, "introductions"))
    writer.write_background(stream(seed, "activity"))
    return writer.activity()


def activity_summary(activity: DemoActivity) -> dict[str, int]:
    """Counts of what the activity holds, for the command's report and the tests."""
    posts = activity.posts
    reactions = Counter(reaction.kind for reaction in activity.reactions)
    labels = Counter(tie.label for tie in activity.planted)
    return {
        "posts": len(posts),
        "questions": sum(post.is_question for post in posts),
        "replies": sum(post.reply_to is not None for post in posts),
        "chat_posts": sum(post.chat is not None for post in posts),
        "favourites": reactions["favourite"],
        "shares": reactions["share"],
        "learned": reactions["learned"],
        "accepted_answers": reactions["accept"],
        "follows": sum(bool(follow.followee) for follow in activity.follows),
        "track_follows": sum(bool(follow.track) for follow in activity.follows),
        "chats": len(activity.chats),
        "planted_ties": sum(n for label, n in labels.items() if label != HELPER_LABEL),
        "popular_helper_rows": labels[HELPER_LABEL],
    }


def learner_and_teacher(actor: str, target: str, kind: str) -> tuple[str, str]:
    """Who learned from whom when ``actor`` does ``kind`` to ``target``."""
    return (actor, target) if kind in ACTOR_LEARNS else (target, actor)


class Ledger:
    """Every interaction between two members, to keep unplanted pairs below the thresholds."""

    def __init__(self, reserved: Iterable[frozenset[str]], helpers: Iterable[str]) -> None:
        self.reserved = set(reserved)
        self.helpers = set(helpers)
        self.weeks: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.contacts: Counter[frozenset[str]] = Counter()

    def allows(self, interactions: Sequence[tuple[str, str, str]], week: int) -> bool:
        """Whether these (actor, target, kind) interactions, all in ``week``, are all allowed."""
        added: dict[tuple[str, str], set[int]] = {}
        contacts: Counter[frozenset[str]] = Counter()
        for actor, target, kind in interactions:
            if actor == target:
                continue
            pair = frozenset((actor, target))
            if pair in self.reserved:
                return False
            contacts[pair] += 1
            if self.helpers & pair and self.contacts[pair] + contacts[pair] > HELPER_CONTACTS:
                return False
            key = learner_and_teacher(actor, target, kind)
            weeks = added.setdefault(key, set(self.weeks[key])) | {week}
            added[key] = weeks
            if len(weeks) > MAX_BACKGROUND_WEEKS:
                return False
            if len(weeks) == MAX_BACKGROUND_WEEKS and weeks_ago(min(weeks)) < YOUNG_WEEKS:
                return False
        return True

    def record(self, interactions: Sequence[tuple[str, str, str]], week: int) -> None:
        for actor, target, kind in interactions:
            if actor == target:
                continue
            self.contacts[frozenset((actor, target))] += 1
            self.weeks[learner_and_teacher(actor, target, kind)].add(week)


@dataclass
class _Post:
    """What the writer remembers of a post it wrote."""

    author: str
    at: float
    track: str
    skill: str
    is_question: bool
    accepted: bool = False


class _Writer:
    """Accumulates the activity; every background write asks the ledger first."""

    def __init__(self, members: Sequence[DemoMember], plan: TiePlan, rng: random.Random) -> None:
        self.members = list(members)
        self.by_handle = {member.handle: member for member in members}
        self.plan = plan
        self.helpers = {handle: track for track, handle in plan.helpers}
        reserved = [frozenset((tie.learner, tie.teacher)) for tie in plan.ties]
        self.ledger = Ledger(reserved, self.helpers)
        self.posts: list[DemoPost] = []
        self.meta: list[_Post] = []
        self.reactions: list[DemoReaction] = []
        self.follows: list[DemoFollow] = []
        self.chats: list[DemoChat] = []
        self.done: set[tuple[str, str, int]] = set()
        self.following: dict[str, set[str]] = defaultdict(set)
        self.followers: dict[str, list[str]] = defaultdict(list)
        self.joined = self._join_weeks(rng)
        self.track_members: dict[str, list[str]] = defaultdict(list)
        self.offering: dict[str, list[str]] = defaultdict(list)
        for member in members:
            self.track_members[member.home_track].append(member.handle)
            if member.handle not in self.helpers:
                for track in dict.fromkeys(s.track for s in member.skills_of_kind("offered")):
                    self.offering[track].append(member.handle)
        self.weight = {m.handle: self._activity_weight(rng, m) for m in members}

    def activity(self) -> DemoActivity:
        return DemoActivity(
            follows=tuple(self.follows),
            chats=tuple(self.chats),
            posts=tuple(self.posts),
            reactions=tuple(self.reactions),
            planted=(*self.plan.ties, *self._helper_rows()),
        )

    # ---------------------------------------------------------------- who is here, and when

    def _join_weeks(self, rng: random.Random) -> dict[str, int]:
        """The clock week each member joined: most were here from the start, newcomers later."""
        first_tie: dict[str, int] = {}
        for tie in self.plan.ties:
            for handle in (tie.learner, tie.teacher):
                first_tie[handle] = min(first_tie.get(handle, WEEKS), tie.first_week)
        joined = {}
        for member in self.members:
            late = 0.45 if member.stage in NEW_STAGES else 0.12
            week = rng.randint(1, LAST_WEEK - 1) if rng.random() < late else 0
            if member.handle == "ana_newcomer":
                week = LAST_WEEK - ANA_JOINED_WEEKS_AGO
            elif member.is_persona or member.handle in self.helpers:
                week = 0
            if member.handle in first_tie:
                week = max(0, min(week, first_tie[member.handle] - 1))
            joined[member.handle] = week
        return joined

    def _activity_weight(self, rng: random.Random, member: DemoMember) -> float:
        if member.is_persona or member.handle in self.helpers:
            return 6.0
        level = rng.choices((0.3, 1.0, 2.5, 6.0), weights=(30, 40, 22, 8))[0]
        return level * (1.3 if member.stage in SENIOR_STAGES else 1.0)

    def here(self, handle: str, at: float) -> bool:
        return self.joined[handle] <= week_of(at)

    def daytime(self, rng: random.Random, handle: str, week: int) -> float:
        """A moment in ``week`` in the member's daytime, weekdays more than weekends."""
        day = rng.choices(range(7), weights=(10, 10, 10, 10, 9, 4, 3))[0]
        local = rng.uniform(7.5, 22.5)
        offset = UTC_OFFSETS.get(self.by_handle[handle].country, 0)
        fraction = ((day + (local - offset) / 24) / 7) % 1.0
        return min(week + fraction, END)

    # ---------------------------------------------------------------- writing

    def post(
        self,
        author: str,
        text: str,
        at: float,
        *,
        track: str,
        skill: str = "",
        reply_to: int | None = None,
        is_question: bool = False,
        chat: int | None = None,
        chat_question: int | None = None,
        mentions: Sequence[str] = (),
        checked: bool = True,
    ) -> int | None:
        """Add a post, unless the ledger refuses what it would log (``checked``); its index."""
        if at >= END or not self.here(author, at):
            return None
        logged = [(author, m, "mention") for m in mentions]
        if reply_to is not None:
            chat = self.posts[reply_to].chat if chat is None else chat
            parent = self.meta[reply_to]
            if at <= parent.at:
                return None
            kind = "answer" if parent.is_question and parent.author != author else "reply"
            logged.append((author, parent.author, kind))
            logged = [item for item in logged if item[2] != "mention" or item[1] != parent.author]
        week = week_of(at)
        if checked and not self.ledger.allows(logged, week):
            return None
        self.ledger.record(logged, week)
        self.posts.append(DemoPost(author, text, at, reply_to, is_question, chat, chat_question))
        self.meta.append(_Post(author, at, track, skill, is_question))
        return len(self.posts) - 1

    def react(
        self,
        kind: str,
        actor: str,
        post: int,
        at: float,
        *,
        note: str = "",
        checked: bool = True,
    ) -> bool:
        """Favourite, share, learn from or accept ``post``, if allowed and not done before."""
        meta = self.meta[post]
        key = (kind, actor, post)
        if actor == meta.author or key in self.done or at >= END or at <= meta.at:
            return False
        if not self.here(actor, at):
            return False
        logged = [(actor, meta.author, kind)]
        week = week_of(at)
        if checked and not self.ledger.allows(logged, week):
            return False
        if kind == "accept":
            question = self.posts[post].reply_to
            if question is None or self.meta[question].author != actor:
                return False
            if self.meta[question].accepted:
                return False
            self.meta[question].accepted = True
        self.ledger.record(logged, week)
        self.done.add(key)
        track = meta.track if kind == "learned" else ""
        self.reactions.append(DemoReaction(kind, actor, post, at, note, track))
        return True

    def follow(self, follower: str, followee: str, at: float) -> None:
        if follower == followee or followee in self.following[follower]:
            return
        self.following[follower].add(followee)
        self.followers[followee].append(follower)
        self.follows.append(DemoFollow(follower, min(at, END), followee=followee))

    # ---------------------------------------------------------------- follows

    def write_follows(self, rng: random.Random) -> None:
        for member in self.members:
            start = self.joined[member.handle] + rng.uniform(0, 2 * DAY)
            sought = {s.track for s in member.skills_of_kind("sought")} - {member.home_track}
            tracks = [member.home_track, *sorted(sought)]
            for track in tracks:
                if track == member.home_track or rng.random() < 0.7:
                    self.follows.append(DemoFollow(member.handle, start, track=track))
        for tie in self.plan.ties:
            at = tie.first_week - rng.uniform(0, 1)
            self.follow(tie.learner, tie.teacher, max(at, self.joined[tie.learner] + HOUR))
        for handle, followees in PERSONA_FOLLOWS.items():
            for followee in followees:
                if handle in self.by_handle and followee in self.by_handle:
                    at = max(self.joined[handle], self.joined[followee]) + rng.uniform(0, DAY)
                    self.follow(handle, followee, at)
        for member in self.members:
            self._follow_people(rng, member)

    def _follow_people(self, rng: random.Random, member: DemoMember) -> None:
        sought = {s.track for s in member.skills_of_kind("sought")}
        others = [m for m in self.members if m.handle != member.handle]
        weights = [
            (3.0 if m.home_track == member.home_track else 1.5 if m.home_track in sought else 0.3)
            * (2.0 if m.stage in SENIOR_STAGES else 1.0)
            * self.weight[m.handle]
            for m in others
        ]
        count = min(len(others), rng.randint(4, 10) + round(self.weight[member.handle] * 2))
        for chosen in rng.choices(others, weights=weights, k=count):
            since = max(self.joined[member.handle], self.joined[chosen.handle])
            at = since + rng.uniform(0, min(3.0, WEEKS - since))
            self.follow(member.handle, chosen.handle, at)

    # ---------------------------------------------------------------- planted ties

    def write_planted(self, rng: random.Random) -> None:
        for tie in self.plan.ties:
            for number, week in enumerate(tie.weeks):
                start = week + (rng.uniform(0, 3.5) + rng.uniform(6, 20) / 24) / 7
                if tie.label == "emerging":
                    episode = self._first_contact if number == 0 else self._growing
                else:
                    episode = rng.choices(
                        (self._question, self._tip, self._feedback), weights=(40, 35, 25)
                    )[0]
                episode(rng, tie, min(start, END - DAY))

    def _question(self, rng: random.Random, tie: PlantedTie, at: float) -> None:
        mention = tie.teacher if rng.random() < 0.4 else ""
        text = texts.question(rng, tie.track, tie.skill, mention)
        asked = self._planted_post(
            tie.learner, text, at, tie, is_question=True, mentions=[mention] if mention else []
        )
        answer_at = at + rng.uniform(1, 12) * HOUR
        answer = self._planted_post(
            tie.teacher, texts.answer(rng, tie.track, tie.skill), answer_at, tie, reply_to=asked
        )
        later = answer_at + rng.uniform(0.5, 8) * HOUR
        accepted = rng.random() < 0.7 and self.react(
            "accept", tie.learner, answer, later, checked=False
        )
        if not accepted or rng.random() < 0.4:
            note = rng.choice(texts.LEARNED_NOTES)
            self.react("learned", tie.learner, answer, later + HOUR, note=note, checked=False)
        self._background_answers(rng, asked, 0.5)

    def _first_contact(self, rng: random.Random, tie: PlantedTie, at: float) -> None:
        """An emerging tie's first week: an answer to a question, favourited and accepted."""
        asked = self._planted_post(
            tie.learner, texts.question(rng, tie.track, tie.skill), at, tie, is_question=True
        )
        answer_at = at + rng.uniform(1, 12) * HOUR
        answer = self._planted_post(
            tie.teacher, texts.answer(rng, tie.track, tie.skill), answer_at, tie, reply_to=asked
        )
        later = answer_at + rng.uniform(0.5, 6) * HOUR
        self.react("favourite", tie.learner, answer, later, checked=False)
        self.react("accept", tie.learner, answer, later + MINUTE, checked=False)

    def _growing(self, rng: random.Random, tie: PlantedTie, at: float) -> None:
        """An emerging tie's second week: more than the first (a tip, then feedback)."""
        self._tip(rng, tie, at)
        self._feedback(rng, tie, at + DAY)

    def _tip(self, rng: random.Random, tie: PlantedTie, at: float) -> None:
        shared = self._planted_post(tie.teacher, texts.tip(rng, tie.track, tie.skill), at, tie)
        later = at + rng.uniform(1, 20) * HOUR
        self.react(
            "learned",
            tie.learner,
            shared,
            later,
            note=rng.choice(texts.LEARNED_NOTES),
            checked=False,
        )
        if rng.random() < 0.5:
            self.react("favourite", tie.learner, shared, later + MINUTE, checked=False)
        if rng.random() < 0.2:
            note = rng.choice(texts.SHARE_COMMENTS)
            self.react("share", tie.learner, shared, later + 2 * MINUTE, note=note, checked=False)
        self._background_reactions(rng, shared, 1.0)

    def _feedback(self, rng: random.Random, tie: PlantedTie, at: float) -> None:
        work = self._planted_post(tie.learner, texts.draft(rng, tie.track, tie.skill), at, tie)
        reply_at = at + rng.uniform(1, 10) * HOUR
        feedback = self._planted_post(
            tie.teacher, rng.choice(texts.FEEDBACK), reply_at, tie, reply_to=work
        )
        later = reply_at + rng.uniform(0.5, 6) * HOUR
        if rng.random() < 0.6:
            self.react("favourite", tie.learner, feedback, later, checked=False)
        if rng.random() < 0.5:
            note = rng.choice(texts.LEARNED_NOTES)
            self.react("learned", tie.learner, feedback, later + MINUTE, note=note, checked=False)

    def _planted_post(
        self,
        author: str,
        text: str,
        at: float,
        tie: PlantedTie,
        *,
        reply_to: int | None = None,
        is_question: bool = False,
        mentions: Sequence[str] = (),
    ) -> int:
        index = self.post(
            author,
            text,
            at,
            track=tie.track,
            skill=tie.skill,
            reply_to=reply_to,
            is_question=is_question,
            mentions=mentions,
            checked=False,
        )
        if index is None:  # pragma: no cover - planted times are inside the window by design
            raise AssertionError(f"planted post at {at} for {tie}")
        return index

    # ---------------------------------------------------------------- chats

    def write_chats(self, rng: random.Random) -> None:
        for series in texts.CHAT_SERIES:
            hosts = self._chat_hosts(rng, series.track)
            if not hosts:
                continue
            weekday, hour = CHAT_START[series.hashtag]
            for number, ago in enumerate(PAST_CHATS[series.hashtag]):
                host = hosts[number % len(hosts)]
                starts = LAST_WEEK - ago + (weekday + hour / 24) / 7
                self._past_chat(rng, series, host, starts)
        pr = texts.CHAT_SERIES[0]
        if "mira_pr" in self.by_handle:
            self.chats.append(
                DemoChat(
                    title=pr.title,
                    hashtag=pr.hashtag,
                    host="mira_pr",
                    tracks=(pr.track,),
                    description=texts.NEXT_CHAT_DESCRIPTION,
                    starts_in_hours=UPCOMING_CHAT_HOURS,
                )
            )

    def _chat_hosts(self, rng: random.Random, track: str) -> list[str]:
        persona = {"pr": "mira_pr", "community": "dana_steward"}[track]
        seniors = [
            m.handle
            for m in self.members
            if not m.is_persona
            and m.home_track == track
            and m.stage in SENIOR_STAGES
            and m.open_to_mentoring
            and m.handle not in self.helpers
        ]
        guests = rng.sample(seniors, min(2, len(seniors)))
        return [persona, *guests] if persona in self.by_handle else guests

    def _past_chat(
        self, rng: random.Random, series: texts.ChatSeries, host: str, starts: float
    ) -> None:
        key = len(self.chats)
        self.chats.append(
            DemoChat(
                title=series.title,
                hashtag=series.hashtag,
                host=host,
                tracks=(series.track,),
                description=series.description,
                starts=starts,
            )
        )
        pool = [
            m.handle
            for m in self.members
            if m.handle != host
            and (m.home_track == series.track or any(s.track == series.track for s in m.skills))
            and self.here(m.handle, starts)
        ]
        size = max(3, round(CHAT_PARTICIPANTS * len(self.members) / 300))
        people = rng.sample(pool, min(len(pool), size * 2))
        week = week_of(starts)
        joined = [p for p in people if self.ledger.allows([(p, host, "reply")], week)][:size]
        questions = rng.sample(series.questions, rng.randint(4, 5))
        answers: list[int] = []
        for number, text in enumerate(questions, start=1):
            asked_at = starts + (2 + 11 * (number - 1)) * MINUTE
            q = self.post(
                host,
                f"Q{number}: {text}\n\n#{series.hashtag}",
                asked_at,
                track=series.track,
                chat=key,
                chat_question=number,
            )
            if q is None:
                return
            # Most participants answer each question; somebody always does.
            answering = [person for person in joined if rng.random() < 0.75] or joined[:1]
            for person in answering:
                answer_at = asked_at + rng.uniform(1, 9) * MINUTE
                body = f"A{number}: {rng.choice(series.answers)} #{series.hashtag}"
                answer = self.post(person, body, answer_at, track=series.track, reply_to=q)
                if answer is not None:
                    answers.append(answer)
        ends = starts + 60 * MINUTE
        for answer in answers:
            self._chat_reactions(rng, answer, [host, *joined], ends)

    def _chat_reactions(
        self, rng: random.Random, answer: int, people: list[str], ends: float
    ) -> None:
        author = self.meta[answer].author
        others = [p for p in people if p != author]
        at = self.meta[answer].at
        if rng.random() < 0.25 and others:
            replier = rng.choice(others)
            self.post(
                replier,
                rng.choice(texts.REPLIES),
                min(at + rng.uniform(1, 5) * MINUTE, ends - MINUTE),
                track=self.meta[answer].track,
                reply_to=answer,
            )
        if rng.random() < 0.2 and others:
            learner = rng.choice(others)
            self.react(
                "learned",
                learner,
                answer,
                at + rng.uniform(2, 40) * MINUTE,
                note=rng.choice(texts.LEARNED_NOTES),
            )
        for fan in rng.sample(others, min(len(others), rng.choice((0, 0, 1, 1, 2)))):
            self.react("favourite", fan, answer, at + rng.uniform(1, 30) * MINUTE)

    # ---------------------------------------------------------------- newcomers

    def write_introductions(self, rng: random.Random) -> None:
        welcomers = [m.handle for m in self.members if m.open_to_welcoming]
        for member in self.members:
            week = self.joined[member.handle]
            if week == 0:
                continue
            at = week + rng.uniform(0, 2 * DAY)
            sought = member.skills_of_kind("sought")
            topic = SKILL_PHRASES[(sought[0].track, sought[0].skill)] if sought else "everything"
            text = texts.introduction(rng, TRACK_NOUNS[member.home_track], topic)
            intro = self.post(member.handle, text, at, track="community")
            if intro is None:
                continue
            for welcomer in rng.sample(welcomers, min(len(welcomers), rng.randint(1, 3))):
                hello = f"Welcome, great to have you here! {rng.choice(texts.REPLIES[:2])}"
                if welcomer != member.handle:
                    self.post(
                        welcomer,
                        hello,
                        at + rng.uniform(0.5, 10) * HOUR,
                        track="community",
                        reply_to=intro,
                    )

    # ---------------------------------------------------------------- everyday activity

    def write_background(self, rng: random.Random) -> None:
        count = len(self.members)
        handles = [m.handle for m in self.members]
        tip_weights = [
            self.weight[h] * (1.6 if self.by_handle[h].stage in SENIOR_STAGES else 1.0)
            for h in handles
        ]
        ask_weights = [
            self.weight[h] * (2.0 if self.by_handle[h].stage in NEW_STAGES else 1.0)
            for h in handles
        ]
        planned = [
            ("tip", author)
            for author in rng.choices(handles, tip_weights, k=round(TIPS_PER_MEMBER * count))
        ]
        planned += [
            ("question", author)
            for author in rng.choices(handles, ask_weights, k=round(QUESTIONS_PER_MEMBER * count))
        ]
        for kind, author in planned:
            week = self._posting_week(rng, author)
            at = self.daytime(rng, author, week)
            if kind == "tip":
                self._background_tip(rng, author, at)
            else:
                self._background_question(rng, author, at)

    def _posting_week(self, rng: random.Random, author: str) -> int:
        """A week after the author joined, a little busier lately (the community grows)."""
        first = self.joined[author]
        return min(LAST_WEEK, first + int((WEEKS - first) * rng.random() ** 0.85))

    def _background_tip(self, rng: random.Random, author: str, at: float) -> None:
        member = self.by_handle[author]
        offered = [(s.track, s.skill) for s in member.skills_of_kind("offered")]
        if offered and rng.random() < 0.75:
            track, skill = rng.choice(offered)
        else:
            track = member.home_track
            skill = rng.choice(TRACK_SKILLS[track])
        index = self.post(author, texts.tip(rng, track, skill), at, track=track, skill=skill)
        if index is not None:
            self._background_reactions(rng, index, 1.0)
            self._background_replies(rng, index)

    def _background_question(self, rng: random.Random, asker: str, at: float) -> None:
        member = self.by_handle[asker]
        sought = [(s.track, s.skill) for s in member.skills_of_kind("sought")]
        if sought and rng.random() < 0.75:
            track, skill = rng.choice(sought)
        else:
            track = member.home_track
            skill = rng.choice(TRACK_SKILLS[track])
        text = texts.question(rng, track, skill)
        index = self.post(asker, text, at, track=track, skill=skill, is_question=True)
        if index is not None:
            self._background_answers(rng, index, 1.0)

    def _audience(self, author: str, track: str) -> list[str]:
        """Who sees a post: the author's followers first, then members of its track."""
        members = [handle for handle in self.track_members[track] if handle != author]
        return self.followers[author] + members

    def _background_reactions(self, rng: random.Random, post: int, liveliness: float) -> None:
        meta = self.meta[post]
        audience = self._audience(meta.author, meta.track)
        if not audience:
            return
        popularity = 1.0 + (1.0 if self.by_handle[meta.author].stage in SENIOR_STAGES else 0.0)
        fans = rng.randint(0, round(7 * popularity * liveliness))
        for fan in rng.sample(audience, min(fans, len(audience))):
            self.react("favourite", fan, post, meta.at + rng.uniform(0.2, 36) * HOUR)
        if rng.random() < 0.18 * popularity:
            sharer = rng.choice(audience)
            comment = rng.choice(texts.SHARE_COMMENTS)
            self.react("share", sharer, post, meta.at + rng.uniform(0.5, 30) * HOUR, note=comment)
        if rng.random() < 0.22 * popularity:
            learner = rng.choice(audience)
            note = rng.choice(texts.LEARNED_NOTES)
            self.react("learned", learner, post, meta.at + rng.uniform(0.5, 48) * HOUR, note=note)

    def _background_replies(self, rng: random.Random, post: int) -> None:
        meta = self.meta[post]
        if rng.random() >= 0.3:
            return
        audience = self._audience(meta.author, meta.track)
        for replier in rng.sample(audience, min(len(audience), rng.randint(1, 3))):
            at = meta.at + rng.uniform(0.3, 20) * HOUR
            reply = self.post(
                replier, rng.choice(texts.REPLIES), at, track=meta.track, reply_to=post
            )
            if reply is not None and rng.random() < 0.35:
                back = rng.choice(
                    (
                        "Thanks!",
                        "Good question. It took us a few tries.",
                        "Exactly, glad it's useful.",
                    )
                )
                self.post(
                    meta.author,
                    back,
                    at + rng.uniform(0.5, 12) * HOUR,
                    track=meta.track,
                    reply_to=reply,
                )

    def _background_answers(self, rng: random.Random, question: int, liveliness: float) -> None:
        meta = self.meta[question]
        experts = [handle for handle in self.offering[meta.track] if handle != meta.author]
        answerers: list[str] = []
        helper = next((h for h, track in self.helpers.items() if track == meta.track), None)
        if helper and helper != meta.author and rng.random() < 0.55 * liveliness:
            answerers.append(helper)
        wanted = rng.choices((0, 1, 2, 3), weights=(15, 45, 30, 10))[0]
        if experts:
            answerers += rng.sample(experts, min(len(experts), round(wanted * liveliness)))
        answers: list[int] = []
        for answerer in answerers:
            at = meta.at + rng.uniform(0.5, 30) * HOUR
            expert = answerer == helper or rng.random() < 0.8
            body = texts.answer(rng, meta.track, meta.skill, expert)
            index = self.post(answerer, body, at, track=meta.track, reply_to=question)
            if index is not None:
                answers.append(index)
        if not answers:
            return
        best = max(answers, key=lambda a: (self.meta[a].author == helper, -self.meta[a].at))
        later = max(self.meta[a].at for a in answers) + rng.uniform(0.5, 24) * HOUR
        if rng.random() < 0.6:
            self.react("accept", meta.author, best, later)
        if rng.random() < 0.25:
            self.react(
                "learned",
                meta.author,
                rng.choice(answers),
                later + HOUR,
                note=rng.choice(texts.LEARNED_NOTES),
            )
        if rng.random() < 0.2:
            thanked = rng.choice(answers)
            self.post(
                meta.author,
                rng.choice(texts.THANKS_ANSWER),
                later + 2 * HOUR,
                track=meta.track,
                reply_to=thanked,
            )
        for answer in answers:
            self._background_reactions(rng, answer, 0.3)

    # ---------------------------------------------------------------- popular helpers

    def _helper_rows(self) -> list[PlantedTie]:
        """One row per person each popular helper answered: helped, but not mentored."""
        helped: dict[tuple[str, str], set[int]] = defaultdict(set)
        for post, meta in zip(self.posts, self.meta, strict=True):
            if meta.author in self.helpers and post.reply_to is not None:
                asker = self.meta[post.reply_to].author
                if self.meta[post.reply_to].is_question and asker != meta.author:
                    helped[(meta.author, asker)].add(week_of(meta.at))
        rows = []
        for (helper, person), weeks in sorted(helped.items()):
            contacts = self.ledger.contacts[frozenset((helper, person))]
            rows.append(
                PlantedTie(
                    learner=person,
                    teacher=helper,
                    track=self.helpers[helper],
                    label=HELPER_LABEL,
                    weeks=tuple(sorted(weeks)),
                    note=f"answered by a popular helper; {contacts} interaction(s) in all: not a mentor",
                )
            )
        return rows
