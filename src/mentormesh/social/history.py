"""Writing back-dated history in bulk: the rows the actions write, in a few inserts.

History (the demo community, imports) is thousands of posts and interactions that happened
in the past. Written one ``do_*`` call at a time it costs a dozen queries each; a
``HistoryBatch`` has one method per action — ``post``, ``release_question``, ``share``,
``favourite``, ``learn``, ``accept``, ``follow``, ``follow_track`` — each taking the time it
happened, computes in memory exactly the rows the action would write (the status with its
mentions, tags and tracks, counters, the interaction log, notifications, favourites, learned
acknowledgements, follows), and ``flush()`` inserts them with bulk inserts.
tests/social/test_history.py proves the rows equal those of the back-dated actions.

Like ``actions.writing_history`` it sends no real-time events: nobody watches history happen.
Nor does it mark ties stale, as each logged action does: whoever writes history recomputes the
ties in full afterwards (``mentorship.actions.ties.do_recompute_ties``; the demo loader does).
It is for *new* history: repeats are recognised among the batch's own writes (favouriting
twice is a no-op, as in the action), not against rows already in the database, and the
members, mutes, blocks and tracks it reads must not change while it runs. Call ``flush()``
inside the transaction that should hold the history.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from django.db.models import F, Model

from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.social.actions import _mention_candidates, inherited_chat, reply_kind, reply_reaches
from mentormesh.social.content import render_content
from mentormesh.social.ids import snowflake_id
from mentormesh.social.models import (
    Chat,
    Favourite,
    Follow,
    Interaction,
    InteractionKind,
    Learned,
    Mute,
    Notification,
    NotificationKind,
    Status,
    Tag,
    TrackFollow,
    Visibility,
)
from mentormesh.social.stats import recount_account_stats

BATCH_SIZE = 500
COUNTERS = ("replies_count", "reblogs_count", "favourites_count", "learned_count")


class HistoryBatch:
    """Rows of back-dated history, held in memory until ``flush()``."""

    def __init__(self) -> None:
        self._tag_cache: dict[str, Tag] = {}
        self._tracks_by_hashtag = {track.hashtag: track for track in Track.objects.active()}
        self._mutes = set(Mute.objects.values_list("account_id", "target_id"))
        self._chat_tracks: dict[int, list[Track]] = {}
        self._start()

    def _start(self) -> None:
        self.statuses: list[Status] = []
        self.tracks: dict[int, list[Track]] = {}
        self.tags: dict[int, list[Tag]] = {}
        self.mentions: dict[int, list[User]] = {}
        self.interactions: list[Interaction] = []
        self.notifications: list[Notification] = []
        self.favourites: dict[tuple[int, int], Favourite] = {}
        self.learned: dict[tuple[int, int], Learned] = {}
        self.follows: dict[tuple[int, int], Follow] = {}
        self.track_follows: dict[tuple[int, int], TrackFollow] = {}
        self.shares: dict[tuple[int, int], Status] = {}
        self._new: set[int] = set()  # statuses of this batch (the rest are in the database)
        self._counts: dict[int, Counter[str]] = defaultdict(Counter)  # on saved statuses
        self._accepted: dict[int, Status] = {}  # saved questions given an accepted answer
        self._chat_numbers: dict[int, int] = {}

    # ---------------------------------------------------------------- statuses

    def post(
        self,
        account: User,
        text: str,
        *,
        at: datetime,
        visibility: str = Visibility.PUBLIC,
        spoiler_text: str = "",
        language: str = "",
        in_reply_to: Status | None = None,
        tracks: Sequence[Track] = (),
        is_question: bool = False,
        chat: Chat | None = None,
        chat_question: int | None = None,
    ) -> Status:
        """``do_create_status(..., created_at=at)``."""
        status = Status(
            id=snowflake_id(at),
            account=account,
            visibility=visibility,
            spoiler_text=spoiler_text,
            language=language,
            is_question=is_question,
            chat=chat,
            chat_question=chat_question,
            created_at=at,
        )
        parent = in_reply_to
        if parent is not None:
            status.in_reply_to = parent
            status.in_reply_to_account_id = parent.account_id
            status.thread_root_id = parent.thread_root_id or parent.pk
            status.chat = chat or inherited_chat(parent, at)
        mentioned, tags = self._content(status, text)
        self._add(status, self._tracks_for(tracks, tags, parent), tags, mentioned)
        if parent is not None:
            self._count(parent, "replies_count")
        if parent is not None and reply_reaches(status, parent, mentioned):
            self._log(status.account_id, parent.account_id, reply_kind(status, parent), status, at)
            self._notify(parent.account_id, account, NotificationKind.REPLY, status, at=at)
        else:
            parent = None
        for user in mentioned:
            if parent is None or user.pk != parent.account_id:
                self._log(status.account_id, user.pk, InteractionKind.MENTION, status, at)
                self._notify(user.pk, account, NotificationKind.MENTION, status, at=at)
        return status

    def release_question(self, chat: Chat, text: str, *, at: datetime) -> Status:
        """``do_release_question(chat, text, created_at=at)``: the host's next Qn."""
        if chat.pk not in self._chat_numbers:
            last = (
                Status.objects.filter(chat=chat, chat_question__isnull=False)
                .order_by("-chat_question")
                .values_list("chat_question", flat=True)
                .first()
            )
            self._chat_numbers[chat.pk] = last or 0
            self._chat_tracks[chat.pk] = list(chat.tracks.all())
        number = self._chat_numbers[chat.pk] + 1
        self._chat_numbers[chat.pk] = number
        body = text if f"#{chat.hashtag}".lower() in text.lower() else f"{text}\n\n#{chat.hashtag}"
        return self.post(
            chat.host,
            f"Q{number}: {body}",
            tracks=self._chat_tracks[chat.pk],
            chat=chat,
            chat_question=number,
            at=at,
        )

    def share(
        self,
        account: User,
        status: Status,
        comment: str = "",
        *,
        at: datetime,
        visibility: str = Visibility.PUBLIC,
    ) -> Status:
        """``do_share(..., at=at)``; sharing again returns the first share."""
        key = (account.pk, status.pk)
        if key in self.shares:
            return self.shares[key]
        share = Status(
            id=snowflake_id(at),
            account=account,
            reblog_of=status,
            visibility=visibility,
            created_at=at,
        )
        self._content(share, comment)  # a share's comment keeps no mentions or tags, as in do_share
        self._add(share, list(self._tracks_of(status)), [], [])
        self.shares[key] = share
        self._count(status, "reblogs_count")
        self._log(account.pk, status.account_id, InteractionKind.SHARE, status, at)
        self._notify(status.account_id, account, NotificationKind.REBLOG, status, at=at)
        return share

    # ---------------------------------------------------------------- interactions

    def favourite(self, account: User, status: Status, *, at: datetime) -> bool:
        """``do_favourite(..., at=at)``. Returns True when it was new."""
        key = (account.pk, status.pk)
        if key in self.favourites:
            return False
        self.favourites[key] = Favourite(account=account, status=status, created_at=at)
        self._count(status, "favourites_count")
        self._log(account.pk, status.account_id, InteractionKind.FAVOURITE, status, at)
        self._notify(status.account_id, account, NotificationKind.FAVOURITE, status, at=at)
        return True

    def learn(
        self,
        account: User,
        status: Status,
        *,
        at: datetime,
        note: str = "",
        track: Track | None = None,
        is_public: bool = True,
    ) -> Learned:
        """``do_learn(..., at=at)``; learning again updates the note, track and visibility."""
        key = (account.pk, status.pk)
        learned = self.learned.get(key)
        if learned is not None:
            learned.note, learned.track, learned.is_public = note, track, is_public
            return learned
        learned = Learned(
            account=account,
            status=status,
            note=note,
            track=track,
            is_public=is_public,
            created_at=at,
        )
        self.learned[key] = learned
        self._count(status, "learned_count")
        slug = track.slug if track else ""
        self._log(account.pk, status.account_id, InteractionKind.LEARNED, status, at, slug)
        self._notify(status.account_id, account, NotificationKind.LEARNED, status, at=at)
        return learned

    def accept(self, account: User, question: Status, answer: Status, *, at: datetime) -> None:
        """``do_accept(..., at=at)``."""
        if question.accepted_answer_id == answer.pk:
            return
        question.accepted_answer = answer
        if question.pk not in self._new:
            self._accepted[question.pk] = question
        self._log(account.pk, answer.account_id, InteractionKind.ACCEPT, answer, at)
        self._notify(answer.account_id, account, NotificationKind.ACCEPTED, answer, at=at)

    def follow(self, account: User, target: User, *, at: datetime) -> bool:
        """``do_follow(..., at=at)``. Returns True when it was new."""
        key = (account.pk, target.pk)
        if key in self.follows:
            return False
        self.follows[key] = Follow(follower=account, followee=target, created_at=at)
        self._notify(target.pk, account, NotificationKind.FOLLOW, at=at)
        return True

    def follow_track(self, account: User, track: Track, *, at: datetime) -> bool:
        """``do_follow_track(..., at=at)``. Returns True when it was new."""
        key = (account.pk, track.pk)
        if key in self.track_follows:
            return False
        self.track_follows[key] = TrackFollow(account=account, track=track, created_at=at)
        return True

    # ---------------------------------------------------------------- writing it all

    def flush(self) -> int:
        """Insert everything held so far; returns how many rows were written."""
        tables: list[tuple[type[Model], Sequence[Model]]] = [
            (Status, self.statuses),
            (Status.tracks.through, self._through("track", self.tracks)),
            (Status.tags.through, self._through("tag", self.tags)),
            (Status.mentions.through, self._through("user", self.mentions)),
            (Favourite, list(self.favourites.values())),
            (Learned, list(self.learned.values())),
            (Follow, list(self.follows.values())),
            (TrackFollow, list(self.track_follows.values())),
            (Interaction, self.interactions),
            (Notification, self.notifications),
        ]
        for model, rows in tables:
            model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
        written = sum(len(rows) for _model, rows in tables)
        for pk, counts in self._counts.items():
            Status.objects.filter(pk=pk).update(**{f: F(f) + n for f, n in counts.items()})
        for question in self._accepted.values():
            question.save(update_fields=["accepted_answer"])
        recount_account_stats(self._counted_members())
        self._start()
        return written

    def _counted_members(self) -> set[int]:
        """Members whose counters (``AccountStats``) the rows held so far change."""
        authors = {status.account_id for status in self.statuses}
        return authors.union(*self.follows)

    # ---------------------------------------------------------------- the actions' rules

    def _content(self, status: Status, text: str) -> tuple[list[User], list[Tag]]:
        """``actions._apply_content``, with hashtags looked up once per batch."""
        candidates = _mention_candidates(text, status.account) if "@" in text else []
        rendered = render_content(text, known_handles=[user.username for user in candidates])
        status.text = text
        status.content_html = rendered.html
        by_handle = {user.username.lower(): user for user in candidates}
        mentioned = [by_handle[h.lower()] for h in rendered.mentions if h.lower() in by_handle]
        return mentioned, self._tags(rendered.hashtags)

    def _tags(self, names: Iterable[str]) -> list[Tag]:
        tags = []
        for name in names:
            if name not in self._tag_cache:
                self._tag_cache[name], _ = Tag.objects.get_or_create(
                    name=name, defaults={"track": self._tracks_by_hashtag.get(name)}
                )
            tags.append(self._tag_cache[name])
        return tags

    def _tracks_for(
        self, explicit: Sequence[Track], tags: Sequence[Tag], parent: Status | None
    ) -> list[Track]:
        """``actions._tracks_for``: explicit tracks, else the hashtags', else the thread's."""
        if explicit:
            return list(explicit)
        from_tags = [tag.track for tag in tags if tag.track is not None]
        if from_tags:
            return list(dict.fromkeys(from_tags))
        return list(self._tracks_of(parent)) if parent is not None else []

    def _tracks_of(self, status: Status) -> list[Track]:
        if status.pk not in self.tracks:
            self.tracks[status.pk] = list(status.tracks.all())
        return self.tracks[status.pk]

    def _primary_track_slug(self, status: Status) -> str:
        """``actions.primary_track_slug``: the status's first track by position."""
        tracks = sorted(self._tracks_of(status), key=lambda track: track.position)
        return tracks[0].slug if tracks else ""

    def _add(
        self, status: Status, tracks: list[Track], tags: list[Tag], mentioned: list[User]
    ) -> None:
        self.statuses.append(status)
        self._new.add(status.pk)
        self.tracks[status.pk] = tracks
        self.tags[status.pk] = tags
        self.mentions[status.pk] = mentioned

    def _count(self, status: Status, field: str) -> None:
        if status.pk in self._new:
            setattr(status, field, getattr(status, field) + 1)
        else:
            self._counts[status.pk][field] += 1

    def _log(
        self,
        actor_id: int,
        target_id: int,
        kind: str,
        status: Status,
        at: datetime,
        track: str = "",
    ) -> None:
        if actor_id == target_id:
            return
        self.interactions.append(
            Interaction(
                time=at,
                actor_id=actor_id,
                target_id=target_id,
                kind=kind,
                track=track or self._primary_track_slug(status),
                context=str(status.pk),
            )
        )

    def _notify(
        self,
        recipient_id: int,
        actor: User,
        kind: str,
        status: Status | None = None,
        chat: Chat | None = None,
        *,
        at: datetime,
    ) -> None:
        if recipient_id == actor.pk or (recipient_id, actor.pk) in self._mutes:
            return
        self.notifications.append(
            Notification(
                id=snowflake_id(at),
                recipient_id=recipient_id,
                actor=actor,
                kind=kind,
                status=status,
                chat=chat,
                created_at=at,
            )
        )

    def _through(self, field: str, related: Mapping[int, Sequence[Model]]) -> list[Model]:
        """Rows of a status many-to-many table, for the statuses of this batch."""
        model = {
            "track": Status.tracks.through,
            "tag": Status.tags.through,
            "user": Status.mentions.through,
        }[field]
        return [
            model(status_id=pk, **{f"{field}_id": item.pk})
            for pk, items in related.items()
            if pk in self._new
            for item in items
        ]
