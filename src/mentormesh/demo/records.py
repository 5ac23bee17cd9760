"""The demo community as plain, frozen data: what the generator returns and the loader writes.

Nothing here touches the database, so a generated community can be compared, printed and
tested without Django. Times are relative (years of experience; activity on the week clock of
``clock.py``) so the same seed gives the same community on any date; ``load_demo`` anchors
them to the moment it runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSkill:
    """One declared skill: ``kind`` is "offered" or "sought", ``level`` 1 (beginner) to 4 (expert)."""

    track: str
    skill: str
    kind: str
    level: int


@dataclass(frozen=True)
class DemoMember:
    """A member of the demo community, with their profile and declared skills."""

    handle: str
    email: str
    display_name: str
    headline: str
    bio: str
    country: str
    city: str
    field: str
    home_track: str
    stage: str
    experience_years: int
    open_to_mentoring: bool
    open_to_peer_exchange: bool
    open_to_welcoming: bool
    mentoring_capacity: int
    skills: tuple[DemoSkill, ...]
    is_steward: bool = False
    # Set on the named personas only: who they are in the demo, for docs and later issues.
    persona_role: str = ""

    @property
    def is_persona(self) -> bool:
        return bool(self.persona_role)

    def skills_of_kind(self, kind: str) -> tuple[DemoSkill, ...]:
        return tuple(skill for skill in self.skills if skill.kind == kind)

    def career_start_year(self, this_year: int) -> int:
        return this_year - self.experience_years


@dataclass(frozen=True)
class PlantedTie:
    """A mentorship pattern the demo planted on purpose: ``learner`` learns from ``teacher``
    in ``track``. ``weeks`` are the clock weeks (``clock.py``) with credit, oldest first.

    Labels: ``mentor``, ``peer`` (one row per direction), ``reverse`` (the teacher has less
    experience), ``fading`` (quiet for the last weeks), ``emerging`` (young and growing), and
    ``popular-helper``: the teacher helps everyone once or twice, and must *not* be found as
    this learner's mentor.
    """

    learner: str
    teacher: str
    track: str
    label: str
    weeks: tuple[int, ...]
    note: str = ""
    skill: str = ""  # what is being learned (a skill slug of the track), for the texts

    @property
    def first_week(self) -> int:
        return self.weeks[0]

    @property
    def last_week(self) -> int:
        return self.weeks[-1]


@dataclass(frozen=True)
class DemoPost:
    """A post or reply at ``at`` on the week clock; ``reply_to`` and ``chat`` are indexes into
    ``DemoActivity.posts`` and ``DemoActivity.chats`` (a reply always comes after its parent)."""

    author: str
    text: str
    at: float
    reply_to: int | None = None
    is_question: bool = False
    chat: int | None = None
    chat_question: int | None = None  # n for the host's Qn


@dataclass(frozen=True)
class DemoReaction:
    """``favourite``, ``share``, ``learned`` or ``accept`` of the post ``post`` (an index)."""

    kind: str
    actor: str
    post: int
    at: float
    note: str = ""  # learned: the note; share: the comment
    track: str = ""  # learned: the track it is acknowledged in


@dataclass(frozen=True)
class DemoFollow:
    """``follower`` follows the member ``followee``, or the track ``track`` when that is set."""

    follower: str
    at: float
    followee: str = ""
    track: str = ""


@dataclass(frozen=True)
class DemoChat:
    """A live hashtag chat: past ones on the week clock (``starts``), the upcoming one
    ``starts_in_hours`` after the load."""

    title: str
    hashtag: str
    host: str
    tracks: tuple[str, ...]
    description: str
    minutes: int = 60
    starts: float | None = None
    starts_in_hours: int | None = None


@dataclass(frozen=True)
class DemoActivity:
    """Months of activity: who follows whom, chats, posts and reactions, and what was planted."""

    follows: tuple[DemoFollow, ...] = ()
    chats: tuple[DemoChat, ...] = ()
    posts: tuple[DemoPost, ...] = ()
    reactions: tuple[DemoReaction, ...] = ()
    planted: tuple[PlantedTie, ...] = ()


@dataclass(frozen=True)
class DemoCommunity:
    """Everything the demo loads. Each part is made by its own sibling module of
    ``generator`` from its own random stream: members, then activity (``activity.py``)."""

    seed: int
    members: tuple[DemoMember, ...]
    activity: DemoActivity = DemoActivity()

    @property
    def personas(self) -> tuple[DemoMember, ...]:
        return tuple(member for member in self.members if member.is_persona)

    def member(self, handle: str) -> DemoMember:
        for member in self.members:
            if member.handle.lower() == handle.lower():
                return member
        raise KeyError(handle)
