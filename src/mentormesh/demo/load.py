"""Writing a generated demo community into the database, through the actions layer.

Everything happens in one transaction: a load that fails writes nothing. The members come
first, then their activity (``_load_activity``): follows, chats, then every post and reaction
in the order they happened, back-dated to the week clock anchored at ``now``; last, the
mentorship engine's ties as of ``now`` (``do_recompute_ties``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from mentormesh.accounts.actions import (
    SkillChoice,
    do_create_user,
    do_delete_members,
    do_grant_steward_permissions,
    do_set_skills,
    do_update_profile,
)
from mentormesh.accounts.models import User
from mentormesh.community.models import Skill, Track
from mentormesh.demo.activity import activity_summary
from mentormesh.demo.clock import activity_end, moment
from mentormesh.demo.personas import DEMO_PASSWORD, PERSONAS, STEWARD
from mentormesh.demo.records import DemoActivity, DemoChat, DemoCommunity, DemoMember
from mentormesh.demo.requests import load_demo_requests
from mentormesh.mentorship.actions.ties import do_recompute_ties
from mentormesh.social.actions import (
    do_mark_notifications_read,
    do_schedule_chat,
    writing_history,
)
from mentormesh.social.history import HistoryBatch
from mentormesh.social.ids import id_floor
from mentormesh.social.models import Chat, Status

# Called as progress(done, total) after each member is written.
Progress = Callable[[int, int], None]
# Called as stage_progress(stage, done, total) while the activity is written; stages are
# "chats", "follows", "posts and reactions", "rows to the database" and "mentorship ties".
StageProgress = Callable[[str, int, int], None]
SkillIndex = dict[tuple[str, str], Skill]
SAVING = "rows to the database"
TIES = "mentorship ties"
STAGE_STEP = 250  # report a stage's progress every this many items
UNREAD_DAYS = 2  # demo members have read their notifications, except the last two days'


class DemoError(Exception):
    """The demo cannot be loaded into this database; the message says why and what to do."""


class MembersExist(DemoError):
    """The community already has members and no reset was asked for."""

    def __init__(self, count: int) -> None:
        self.count = count
        noun = "member" if count == 1 else "members"
        super().__init__(
            f"The database already has {count} {noun}; the demo is only loaded into an empty "
            "community. Use --reset to delete every member except superusers and load it anyway."
        )


@dataclass(frozen=True)
class LoadSummary:
    members: int
    offered_skills: int
    sought_skills: int
    stewards: int
    seconds: float
    removed_members: int = 0
    posts: int = 0
    favourites: int = 0
    shares: int = 0
    learned: int = 0
    accepted_answers: int = 0
    follows: int = 0
    chats: int = 0
    planted_ties: int = 0
    mentorship_requests: int = 0
    labelled_ties: int = 0  # pairs the engine labelled (mentor, peer, ...) once loaded


def install_demo(
    community: DemoCommunity,
    *,
    reset: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
    stage_progress: StageProgress | None = None,
) -> LoadSummary:
    """Load the demo into an empty community or, with ``reset``, in place of its members.

    Superusers survive a reset, so whoever runs the instance keeps their login. Removing the
    members and loading the demo is one transaction: if loading fails, nobody is deleted.
    """
    with transaction.atomic():
        if not reset:
            check_community_empty()
        removed = reset_members() if reset else 0
        summary = load_demo(community, progress, now=now, stage_progress=stage_progress)
    return LoadSummary(**{**summary.__dict__, "removed_members": removed})


def check_community_empty() -> None:
    existing = User.objects.count()
    if existing:
        raise MembersExist(existing)


def reset_members() -> int:
    """Delete every member who is not a superuser, with everything that belongs to them.
    Tracks and skills (the taxonomy) stay as they are."""
    return do_delete_members(User.objects.filter(is_superuser=False))


def load_demo(
    community: DemoCommunity,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
    stage_progress: StageProgress | None = None,
) -> LoadSummary:
    """Create the community's members with their profiles and skills, then their activity,
    in one transaction. ``now`` anchors the activity (default: the current time); it ends a
    day before ``now``, so the same seed and ``now`` always give the same rows."""
    started = time.perf_counter()
    now = now or timezone.now()
    with transaction.atomic():
        skills = skill_index(community)
        check_handles_free(community)
        users = _load_members(community, skills, progress, now.year)
        _load_activity(community.activity, users, now, stage_progress)
        requests = load_demo_requests(community, users, now)
        with writing_history():
            _mark_old_notifications_read(
                {user for row in requests for user in (row.requester, row.recipient)}, now
            )
        ties = _recompute_ties(now, stage_progress)
    members = community.members
    counts = activity_summary(community.activity)
    return LoadSummary(
        members=len(members),
        offered_skills=sum(len(m.skills_of_kind("offered")) for m in members),
        sought_skills=sum(len(m.skills_of_kind("sought")) for m in members),
        stewards=sum(m.is_steward for m in members),
        seconds=time.perf_counter() - started,
        posts=counts["posts"],
        favourites=counts["favourites"],
        shares=counts["shares"],
        learned=counts["learned"],
        accepted_answers=counts["accepted_answers"],
        follows=counts["follows"],
        chats=counts["chats"],
        planted_ties=counts["planted_ties"],
        mentorship_requests=len(requests),
        labelled_ties=ties,
    )


def _recompute_ties(now: datetime, stage_progress: StageProgress | None) -> int:
    """The engine's ties of the loaded community, so the planted mentorships are on the
    members' maps at once; returns how many pairs it labelled."""
    if stage_progress is not None:
        stage_progress(TIES, 0, 1)
    counts = do_recompute_ties(min(now, timezone.now()))
    if stage_progress is not None:
        stage_progress(TIES, 1, 1)
    return counts.labelled


def _load_members(
    community: DemoCommunity, skills: SkillIndex, progress: Progress | None, this_year: int
) -> dict[str, User]:
    # One hash for everybody: the demo password is shared, and Argon2 is slow on purpose.
    password_hash = make_password(DEMO_PASSWORD)
    total = len(community.members)
    users = {}
    for done, member in enumerate(community.members, start=1):
        users[member.handle] = _load_member(member, skills, password_hash, this_year)
        if progress is not None:
            progress(done, total)
    return users


def _load_member(
    member: DemoMember, skills: SkillIndex, password_hash: str, this_year: int
) -> User:
    user = do_create_user(
        member.handle,
        member.email,
        None,
        display_name=member.display_name,
        password_hash=password_hash,
    )
    if member.is_steward:
        do_grant_steward_permissions(user)
    do_update_profile(user.profile, demo_profile(member, this_year))
    do_set_skills(
        user.profile,
        [SkillChoice(skills[(s.track, s.skill)], s.kind, s.level) for s in member.skills],
    )
    return user


# ---------------------------------------------------------------- activity


class _ActivityLoader:
    """Writes a ``DemoActivity`` back-dated, without live events: chats through the actions,
    follows, posts and reactions through ``social.history.HistoryBatch``, which writes the
    rows the actions would, in bulk."""

    def __init__(
        self,
        activity: DemoActivity,
        users: dict[str, User],
        now: datetime,
        stage_progress: StageProgress | None,
    ) -> None:
        self.activity = activity
        self.users = users
        self.now = now
        self.end = activity_end(now)
        self.report = stage_progress
        self.tracks = {track.slug: track for track in Track.objects.all()}
        self.chats: list[Chat] = []
        self.statuses: list[Status | None] = [None] * len(activity.posts)
        self.batch = HistoryBatch()

    def at(self, clock: float) -> datetime:
        return moment(clock, self.end)

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.report is not None and (done % STAGE_STEP == 0 or done == total):
            self.report(stage, done, total)

    def load(self) -> None:
        with writing_history():
            self.load_chats()
            self.load_follows()
            self.load_posts_and_reactions()
            if self.report is not None:
                self.report(SAVING, 0, 1)
            self.batch.flush()
            if self.report is not None:
                self.report(SAVING, 1, 1)
            self.mark_old_notifications_read()

    def load_follows(self) -> None:
        follows = self.activity.follows
        for done, follow in enumerate(follows, start=1):
            who, at = self.users[follow.follower], self.at(follow.at)
            if follow.track:
                self.batch.follow_track(who, self.tracks[follow.track], at=at)
            else:
                self.batch.follow(who, self.users[follow.followee], at=at)
            self.progress("follows", done, len(follows))

    def load_chats(self) -> None:
        steward = self.users.get(STEWARD.handle)
        chats = self.activity.chats
        for done, chat in enumerate(chats, start=1):
            starts, scheduled = self.chat_times(chat)
            host = self.users[chat.host]
            self.chats.append(
                do_schedule_chat(
                    steward or host,
                    title=chat.title,
                    hashtag=chat.hashtag,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=chat.minutes),
                    host=host,
                    description=chat.description,
                    tracks=[self.tracks[slug] for slug in chat.tracks],
                    at=scheduled,
                )
            )
            self.progress("chats", done, len(chats))

    def chat_times(self, chat: DemoChat) -> tuple[datetime, datetime]:
        """When a chat starts, and when it was scheduled (two weeks before, or three days ago)."""
        if chat.starts is not None:
            return self.at(chat.starts), self.at(max(0.0, chat.starts - 2))
        hours = timedelta(hours=chat.starts_in_hours or 0)
        starts = (self.now + hours).replace(minute=0, second=0, microsecond=0)
        return starts, self.now - timedelta(days=3)

    def load_posts_and_reactions(self) -> None:
        posts, reactions = self.activity.posts, self.activity.reactions
        timeline = sorted(
            [(post.at, 0, index) for index, post in enumerate(posts)]
            + [(reaction.at, 1, index) for index, reaction in enumerate(reactions)]
        )
        for done, (_clock, is_reaction, index) in enumerate(timeline, start=1):
            if is_reaction:
                self.load_reaction(index)
            else:
                self.load_post(index)
            self.progress("posts and reactions", done, len(timeline))

    def load_post(self, index: int) -> None:
        post = self.activity.posts[index]
        author, at = self.users[post.author], self.at(post.at)
        if post.chat_question is not None and post.chat is not None:
            question = post.text.split(": ", 1)[1]
            status = self.batch.release_question(self.chats[post.chat], question, at=at)
        else:
            status = self.batch.post(
                author,
                post.text,
                in_reply_to=self.status(post.reply_to) if post.reply_to is not None else None,
                is_question=post.is_question,
                chat=self.chats[post.chat] if post.chat is not None else None,
                at=at,
            )
        self.statuses[index] = status

    def load_reaction(self, index: int) -> None:
        reaction = self.activity.reactions[index]
        actor, at = self.users[reaction.actor], self.at(reaction.at)
        status = self.status(reaction.post)
        if reaction.kind == "favourite":
            self.batch.favourite(actor, status, at=at)
        elif reaction.kind == "share":
            self.batch.share(actor, status, reaction.note, at=at)
        elif reaction.kind == "learned":
            track = self.tracks.get(reaction.track)
            self.batch.learn(actor, status, note=reaction.note, track=track, at=at)
        elif reaction.kind == "accept":
            question = self.status(self.activity.posts[reaction.post].reply_to)
            self.batch.accept(actor, question, status, at=at)
        else:  # pragma: no cover - the generator makes only these four kinds
            raise DemoError(f"unknown demo reaction {reaction.kind!r}")

    def status(self, index: int | None) -> Status:
        status = self.statuses[index] if index is not None else None
        if status is None:  # pragma: no cover - the generator writes parents first
            raise DemoError(f"demo post {index} is used before it is written")
        return status

    def mark_old_notifications_read(self) -> None:
        _mark_old_notifications_read(self.users.values(), self.now)


def _mark_old_notifications_read(users: Iterable[User], now: datetime) -> None:
    cutoff = id_floor(now - timedelta(days=UNREAD_DAYS))
    for user in users:
        do_mark_notifications_read(user, up_to_id=cutoff)


def _load_activity(
    activity: DemoActivity,
    users: dict[str, User],
    now: datetime,
    stage_progress: StageProgress | None,
) -> None:
    _ActivityLoader(activity, users, now, stage_progress).load()


def demo_profile(member: DemoMember, this_year: int) -> dict[str, object]:
    """The member's profile fields (validated against the model's rules by the demo's tests)."""
    return {
        "headline": member.headline,
        "bio": member.bio,
        "country": member.country,
        "field": member.field,
        "career_start_year": member.career_start_year(this_year),
        "open_to_mentoring": member.open_to_mentoring,
        "open_to_peer_exchange": member.open_to_peer_exchange,
        "open_to_welcoming": member.open_to_welcoming,
        "mentoring_capacity": member.mentoring_capacity,
    }


def skill_index(community: DemoCommunity) -> SkillIndex:
    """The taxonomy's skills by (track slug, skill slug); refuses when one the demo uses is gone."""
    index = {(s.track.slug, s.slug): s for s in Skill.objects.select_related("track")}
    needed = {(s.track, s.skill) for member in community.members for s in member.skills}
    missing = sorted(f"{track}/{slug}" for track, slug in needed - set(index))
    if missing:
        raise DemoError(
            f"The demo needs the default tracks and skills, and these are missing: {', '.join(missing)}. "
            "Load the demo into a new database, or add them back in the admin."
        )
    return index


def check_handles_free(community: DemoCommunity) -> None:
    """Refuse, before writing anything, when a kept account already uses a demo handle or email."""
    handles = [m.handle.lower() for m in community.members]
    emails = [m.email.lower() for m in community.members]
    clashes = User.objects.annotate(
        handle_lower=Lower("username"), email_lower=Lower("email")
    ).filter(Q(handle_lower__in=handles) | Q(email_lower__in=emails))
    taken = sorted(clashes.values_list("username", flat=True))
    if taken:
        raise DemoError(
            "These accounts already use a demo member's handle or email: "
            f"{', '.join('@' + handle for handle in taken)}."
        )


def demo_personas_present() -> list[str]:
    """Handles of the demo personas that exist in the database (empty when the demo is not loaded)."""
    handles = [persona.handle for persona in PERSONAS]
    return list(User.objects.filter(username__in=handles).values_list("username", flat=True))
