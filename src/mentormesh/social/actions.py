"""Every write of the social layer. Views, the API, the demo and tasks all call these.

Each action that can signal learning appends to the interaction log (``Interaction``) in the
same transaction, creates notifications, and sends real-time events after commit to an
explicit list of channels. ``check_*`` functions raise ``ValidationError`` and write nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from mentormesh import rows
from mentormesh.accounts.models import User
from mentormesh.community.models import Track
from mentormesh.mentorship.actions.stale import mark_pair_stale, mark_pairs_stale
from mentormesh.realtime.events import PUBLIC, chat_channel, send_event_on_commit, user_channel
from mentormesh.social import stats
from mentormesh.social.content import MAX_TAG, TAG_BODY, mention_handles, render_content
from mentormesh.social.ids import snowflake_id
from mentormesh.social.models import (
    Block,
    Bookmark,
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
    StatusEdit,
    Tag,
    TagFollow,
    TrackFollow,
    Visibility,
)
from mentormesh.social.visibility import can_see, is_blocked_between

LANGUAGE_CODES_MAX = 8

# Set while history is written (the demo, imports): nobody can be watching a post that was
# made months ago appear, so back-dated writes send no real-time events.
_writing_history = contextvars.ContextVar("writing_history", default=False)


@contextlib.contextmanager
def writing_history() -> Iterator[None]:
    """Write back-dated history: the same rows as always, but no real-time events."""
    token = _writing_history.set(True)
    try:
        yield
    finally:
        _writing_history.reset(token)


def send_live_event(event_type: str, payload: dict[str, Any], channels: Iterable[str]) -> None:
    """``send_event_on_commit``, except while back-dated history is written: nobody watches
    history happen, so it sends no real-time events."""
    if not _writing_history.get():
        send_event_on_commit(event_type, payload, channels)


# ---------------------------------------------------------------- statuses


def check_status_text(text: str, *, allow_empty: bool = False) -> None:
    limit: int = settings.MAX_POST_CHARS
    if not text.strip() and not allow_empty:
        raise ValidationError({"status": "A post needs some text."})
    if len(text) > limit:
        raise ValidationError(
            {"status": f"A post can be at most {limit} characters; this one has {len(text)}."}
        )


def check_can_interact(account: User, status: Status, what: str) -> None:
    """The status exists for ``account`` and neither blocks the other."""
    if status.is_deleted or not _can_see(account, status):
        raise ValidationError(
            {"status": f"You can't {what} this post: it was deleted or is not visible to you."}
        )


OPEN_VISIBILITIES = (Visibility.PUBLIC, Visibility.UNLISTED)


def _can_see(account: User, status: Status) -> bool:
    """``can_see`` (which includes blocks either way). A public or unlisted post that is still
    so and not deleted is answered by two small queries instead of the full rule's."""
    if status.visibility in OPEN_VISIBILITIES and rows.select(
        f"SELECT 1 FROM {rows.table(Status)} WHERE {rows.column(Status, 'id')} = %s "  # noqa: S608
        f"AND {rows.column(Status, 'deleted_at')} IS NULL "
        f"AND {rows.column(Status, 'visibility')} IN (%s, %s)",
        [status.pk, *(str(visibility) for visibility in OPEN_VISIBILITIES)],
    ):
        return status.account_id not in _blocked_ids(account.pk)
    return can_see(account, status)


def check_create_status(
    account: User,
    text: str,
    *,
    in_reply_to: Status | None = None,
    chat: Chat | None = None,
    spoiler_text: str = "",
    language: str = "",
    now: datetime | None = None,
) -> None:
    check_status_text(text)
    check_spoiler_text(spoiler_text)
    if language and (len(language) > LANGUAGE_CODES_MAX or not language.replace("-", "").isalpha()):
        raise ValidationError(
            {"language": f"{language!r} is not a language code like 'en' or 'pt-BR'."}
        )
    if in_reply_to is not None:
        check_can_interact(account, in_reply_to, "reply to")
    if chat is not None:
        check_chat_open(chat, now)


def check_spoiler_text(spoiler_text: str) -> None:
    if len(spoiler_text) > 200:
        raise ValidationError({"spoiler_text": "A content warning can be at most 200 characters."})


def check_chat_open(chat: Chat, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if now < chat.starts_at:
        raise ValidationError(
            {
                "chat": f"#{chat.hashtag} has not started yet; it starts {chat.starts_at:%Y-%m-%d %H:%M} UTC."
            }
        )
    if now >= chat.ends_at:
        raise ValidationError(
            {"chat": f"#{chat.hashtag} has ended; its recap is open for reading."}
        )


@transaction.atomic
def do_create_status(
    account: User,
    text: str,
    *,
    visibility: str = Visibility.PUBLIC,
    spoiler_text: str = "",
    language: str = "",
    in_reply_to: Status | None = None,
    tracks: Sequence[Track] = (),
    is_question: bool = False,
    chat: Chat | None = None,
    chat_question: int | None = None,
    created_at: datetime | None = None,
) -> Status:
    """Create a post (already checked). ``created_at`` back-dates it (imports, the demo)."""
    back_dated = created_at is not None
    created_at = created_at or timezone.now()
    status = Status(
        account=account,
        visibility=visibility,
        spoiler_text=spoiler_text,
        language=language,
        is_question=is_question,
        chat=chat,
        chat_question=chat_question,
        created_at=created_at,
    )
    if back_dated:
        status.id = snowflake_id(created_at)
    if in_reply_to is not None:
        status.in_reply_to = in_reply_to
        status.in_reply_to_account_id = in_reply_to.account_id
        status.thread_root_id = in_reply_to.thread_root_id or in_reply_to.pk
        status.chat = chat or inherited_chat(in_reply_to, created_at)
    # Blocks either way between the author and anyone: mentions and real-time recipients.
    blocked = _blocked_ids(account.pk)
    mentioned, tags = _apply_content(status, text, blocked=blocked)
    rows.insert([status])  # ``save(force_insert=True)`` in one plain statement (no signals)
    chosen_tracks = _tracks_for(tracks, tags, in_reply_to)
    # A new status has no rows in its many-to-many tables yet: insert them (as ``set`` would),
    # without first reading what is there.
    _insert_related(status, "mentions", "user_id", mentioned)
    _insert_related(status, "tags", "tag_id", tags)
    _insert_related(status, "tracks", "track_id", chosen_tracks)
    if in_reply_to is not None:
        count = rows.column(Status, "replies_count")
        rows.execute(
            f"UPDATE {rows.table(Status)} SET {count} = {count} + 1 "  # noqa: S608 (model's names)
            f"WHERE {rows.column(Status, 'id')} = %s",
            [in_reply_to.pk],
        )
    stats.add_post(status)
    # A reply its parent's author may not see is, for them, no reply at all.
    parent = in_reply_to if in_reply_to and reply_reaches(status, in_reply_to, mentioned) else None
    # The status's tracks are known here: the interaction log's track needs no query.
    _log_post_interactions(status, parent, mentioned, created_at, _first_by_position(chosen_tracks))
    _notify_post(status, parent, mentioned, created_at if back_dated else None)
    _send_status_event(
        "status.created",
        status,
        track_ids=[track.pk for track in chosen_tracks],
        tag_ids=[tag.pk for tag in tags],
        mentioned_ids=[user.pk for user in mentioned],
        blocked_ids=blocked,
    )
    return status


def _insert_related(status: Status, field: str, column: str, items: Sequence[Any]) -> None:
    if not items:
        return
    through = getattr(Status, field).through
    unique = list(dict.fromkeys(item.pk for item in items))
    rows.insert([through(status_id=status.pk, **{column: pk}) for pk in unique])


def _first_by_position(tracks: Sequence[Track]) -> str:
    """``primary_track_slug`` of a status with these tracks (as ``HistoryBatch`` computes it)."""
    ordered = sorted(tracks, key=lambda track: track.position)
    return ordered[0].slug if ordered else ""


def check_and_create_status(account: User, text: str, **options: Any) -> Status:
    check_create_status(
        account,
        text,
        in_reply_to=options.get("in_reply_to"),
        chat=options.get("chat"),
        spoiler_text=options.get("spoiler_text", ""),
        language=options.get("language", ""),
    )
    return do_create_status(account, text, **options)


def _apply_content(
    status: Status, text: str, *, blocked: set[int] | None = None
) -> tuple[list[User], list[Tag]]:
    """Render ``text`` into ``status``; returns the mentioned members and the hashtags.
    ``blocked``: ids blocked either way with the author, when the caller has them."""
    candidates = _mention_candidates(text, status.account, blocked=blocked)
    rendered = render_content(text, known_handles=[user.username for user in candidates])
    status.text = text
    status.content_html = rendered.html
    by_handle = {user.username.lower(): user for user in candidates}
    mentioned = [by_handle[h.lower()] for h in rendered.mentions if h.lower() in by_handle]
    return mentioned, _tags(rendered.hashtags)


def _mention_candidates(text: str, author: User, *, blocked: set[int] | None = None) -> list[User]:
    """Active members, other than the author and not blocked either way with them, whose
    handles ``text`` may mention. ``blocked``: those block ids, when the caller has them.

    The handles come from a plain scan for ``@handle``, which finds every mention the renderer
    can find (and maybe more, e.g. in code): rendering links only the candidates it really
    meets as mentions, so the text is parsed once, not twice."""
    handles = mention_handles(text)
    if not handles:
        return []
    # ``username__iexact`` for each handle; only the id and handle are read (other fields
    # load on first use).
    username = rows.column(User, "username")
    found = rows.select(
        f"SELECT {rows.column(User, 'id')}, {username} FROM {rows.table(User)} "  # noqa: S608
        f"WHERE {rows.column(User, 'is_active')} AND {rows.column(User, 'id')} <> %s "
        f"AND UPPER({username}) IN ({', '.join(['UPPER(%s)'] * len(handles))})",
        [author.pk, *handles],
    )
    users = [User.from_db(connection.alias, ["id", "username"], row) for row in found]
    if not users:
        return []
    if blocked is None:
        ids = [user.pk for user in users]
        blocked = set()
        for account_id, target_id in Block.objects.filter(
            Q(account_id__in=ids, target=author) | Q(account=author, target_id__in=ids)
        ).values_list("account_id", "target_id"):
            blocked.add(target_id if account_id == author.pk else account_id)
    return [user for user in users if user.pk not in blocked]


def _tags(names: Iterable[str]) -> list[Tag]:
    names = list(names)
    if not names:
        return []
    existing = _existing_tags(names)
    missing = [name for name in names if name not in existing]
    if missing:
        tracks_by_hashtag = {track.hashtag: track for track in Track.objects.active()}
        for name in missing:
            existing[name], _ = Tag.objects.get_or_create(
                name=name, defaults={"track": tracks_by_hashtag.get(name)}
            )
    return [existing[name] for name in names]


def _existing_tags(names: Sequence[str]) -> dict[str, Tag]:
    """The stored tags of these names, each with its track (id, slug and position read; other
    fields of the tag and track load on first use), in one query."""
    tags, tracks = rows.table(Tag), rows.table(Track)
    found = rows.select(
        f"SELECT {tags}.{rows.column(Tag, 'id')}, {tags}.{rows.column(Tag, 'name')}, "  # noqa: S608
        f"{tags}.{rows.column(Tag, 'track')}, {tracks}.{rows.column(Track, 'slug')}, "
        f"{tracks}.{rows.column(Track, 'position')} "
        f"FROM {tags} LEFT JOIN {tracks} "
        f"ON {tracks}.{rows.column(Track, 'id')} = {tags}.{rows.column(Tag, 'track')} "
        f"WHERE {tags}.{rows.column(Tag, 'name')} IN ({rows.placeholders(len(names))})",
        names,
    )
    existing = {}
    for pk, name, track_pk, slug, position in found:
        tag = Tag.from_db(connection.alias, ["id", "name", "track_id"], (pk, name, track_pk))
        if track_pk is not None:
            tag.track = Track.from_db(
                connection.alias, ["id", "slug", "position"], (track_pk, slug, position)
            )
        existing[name] = tag
    return existing


def _tracks_for(
    explicit: Sequence[Track], tags: Sequence[Tag], parent: Status | None
) -> list[Track]:
    """Explicit tracks, else the tracks its hashtags map to, else the thread's."""
    if explicit:
        return list(explicit)
    from_tags = [tag.track for tag in tags if tag.track is not None]
    if from_tags:
        return list(dict.fromkeys(from_tags))
    return list(parent.tracks.all()) if parent is not None else []


def primary_track_slug(status: Status) -> str:
    first = status.tracks.order_by("position").first()
    return first.slug if first else ""


def _log(
    actor: User | int,
    target: User | int,
    kind: str,
    status: Status,
    when: datetime,
    track: str = "",
    *,
    primary_track: str | None = None,
) -> None:
    """``track``: the slug to log, else the status's primary track (``primary_track`` when the
    caller already knows it, even "" for none; looked up otherwise)."""
    actor_id = actor if isinstance(actor, int) else actor.pk
    target_id = target if isinstance(target, int) else target.pk
    if actor_id == target_id:
        return
    logged = Interaction.objects.create(
        time=when,
        actor_id=actor_id,
        target_id=target_id,
        kind=kind,
        track=track or (primary_track if primary_track is not None else primary_track_slug(status)),
        context=str(status.pk),
    )
    mark_pair_stale(actor_id, target_id, logged.pk)  # their ties are recomputed within a minute


def inherited_chat(parent: Status, created_at: datetime) -> Chat | None:
    """A reply joins its parent's chat only while that chat is running."""
    chat = parent.chat if parent.chat_id is not None else None
    if chat is not None and chat.starts_at <= created_at < chat.ends_at:
        return chat
    return None


def reply_reaches(status: Status, parent: Status, mentioned: Sequence[User]) -> bool:
    """Whether the parent's author may see this reply (so it is logged and notified)."""
    reader = parent.account_id
    if status.visibility in (Visibility.PUBLIC, Visibility.UNLISTED) or reader == status.account_id:
        return True
    if any(user.pk == reader for user in mentioned):
        return True
    return (
        status.visibility == Visibility.PRIVATE
        and Follow.objects.filter(follower_id=reader, followee_id=status.account_id).exists()
    )


def reply_kind(status: Status, parent: Status) -> str:
    """A reply to someone else's question is an answer; anything else is a reply."""
    if parent.is_question and parent.account_id != status.account_id:
        return InteractionKind.ANSWER
    return InteractionKind.REPLY


def _log_post_interactions(
    status: Status,
    parent: Status | None,
    mentioned: list[User],
    when: datetime,
    track: str | None = None,
) -> None:
    """``track``: the status's primary track slug when the caller knows it (else looked up).
    The reply and the mentions are logged in one insert, in that order."""
    targets: list[tuple[int, str]] = []
    if parent is not None:
        targets.append((parent.account_id, reply_kind(status, parent)))
    for user in mentioned:
        if parent is None or user.pk != parent.account_id:
            targets.append((user.pk, InteractionKind.MENTION))
    targets = [(target, kind) for target, kind in targets if target != status.account_id]
    if not targets:
        return
    if track is None:
        track = primary_track_slug(status)
    rows.insert(
        [
            Interaction(
                time=when,
                actor_id=status.account_id,
                target_id=target,
                kind=kind,
                track=track,
                context=str(status.pk),
            )
            for target, kind in targets
        ]
    )
    # rows.insert reads no ids back: one indexed read finds them, for the stale-tie marks.
    logged = (
        Interaction.objects.filter(
            actor_id=status.account_id, target_id__in={target for target, _ in targets}
        )
        .values("target_id")
        .annotate(latest=Max("id"))
    )
    mark_pairs_stale(status.account_id, {row["target_id"]: row["latest"] for row in logged})


def _notify(
    recipient_id: int,
    actor: User,
    kind: str,
    status: Status | None = None,
    chat: Chat | None = None,
    at: datetime | None = None,
) -> None:
    """Notify ``recipient_id``; ``at`` back-dates the notification with what it reports."""
    if recipient_id == actor.pk:
        return
    if Mute.objects.filter(account_id=recipient_id, target=actor).exists():
        return
    dated = {} if at is None else {"id": snowflake_id(at), "created_at": at}
    notification = Notification.objects.create(
        recipient_id=recipient_id, actor=actor, kind=kind, status=status, chat=chat, **dated
    )
    send_live_event(
        "notification", {"id": str(notification.pk), "kind": kind}, [user_channel(recipient_id)]
    )


def _notify_post(
    status: Status, parent: Status | None, mentioned: list[User], at: datetime | None = None
) -> None:
    """``_notify`` for the reply and each mention: one query for mutes, one insert."""
    wanted: list[tuple[int, str]] = []
    if parent is not None:
        wanted.append((parent.account_id, NotificationKind.REPLY))
    for user in mentioned:
        if parent is None or user.pk != parent.account_id:
            wanted.append((user.pk, NotificationKind.MENTION))
    actor = status.account
    wanted = [(recipient, kind) for recipient, kind in wanted if recipient != actor.pk]
    if not wanted:
        return
    muting = {
        account_id
        for (account_id,) in rows.select(
            f"SELECT {rows.column(Mute, 'account')} FROM {rows.table(Mute)} "  # noqa: S608
            f"WHERE {rows.column(Mute, 'target')} = %s "
            f"AND {rows.column(Mute, 'account')} IN ({rows.placeholders(len(wanted))})",
            [actor.pk, *(recipient for recipient, _ in wanted)],
        )
    }
    notifications = [
        Notification(
            recipient_id=recipient,
            actor=actor,
            kind=kind,
            status=status,
            **({} if at is None else {"id": snowflake_id(at), "created_at": at}),
        )
        for recipient, kind in wanted
        if recipient not in muting
    ]
    rows.insert(notifications)
    for notification in notifications:
        send_live_event(
            "notification",
            {"id": str(notification.pk), "kind": notification.kind},
            [user_channel(notification.recipient_id)],
        )


def status_channels(
    status: Status,
    *,
    track_ids: Sequence[int] | None = None,
    tag_ids: Sequence[int] | None = None,
    mentioned_ids: Sequence[int] | None = None,
    blocked_ids: set[int] | None = None,
) -> set[str]:
    """Where a new or changed status goes live: the author's and followers' home timelines,
    followers of its tracks and hashtags, its chat room, and the public timeline — each only
    when the recipient may see it.

    The keyword arguments are what the caller may already know about the status (its tracks,
    hashtags and mentioned members, the ids blocked either way with its author); what is not
    given is read. Followers and track and hashtag followers are read in one query."""
    public = status.visibility == Visibility.PUBLIC
    sql = [
        f"SELECT {rows.column(Follow, 'follower')} FROM {rows.table(Follow)} "  # noqa: S608
        f"WHERE {rows.column(Follow, 'followee')} = %s"
    ]
    params = [status.account_id]
    if public:
        if track_ids is None:
            track_ids = list(status.tracks.values_list("id", flat=True))
        if tag_ids is None:
            tag_ids = list(status.tags.values_list("id", flat=True))
        for model, field, ids in ((TrackFollow, "track", track_ids), (TagFollow, "tag", tag_ids)):
            if ids:
                sql.append(
                    f"SELECT {rows.column(model, 'account')} FROM {rows.table(model)} "  # noqa: S608
                    f"WHERE {rows.column(model, field)} IN ({rows.placeholders(len(ids))})"
                )
                params += ids
    interested = {user_id for (user_id,) in rows.select(" UNION ".join(sql), params)}
    interested.add(status.account_id)
    if status.visibility == Visibility.DIRECT:
        # Only the mentioned may see it (followers-only and unlisted posts: every follower).
        if mentioned_ids is None:
            mentioned_ids = list(status.mentions.values_list("id", flat=True))
        interested &= {*mentioned_ids, status.account_id}
    blocked = _blocked_ids(status.account_id) if blocked_ids is None else blocked_ids
    channels = {user_channel(user_id) for user_id in interested - blocked}
    if public:
        channels.add(PUBLIC)
        if status.chat_id is not None:
            channels.add(chat_channel(status.chat_id))
    return channels


def _blocked_ids(user_id: int) -> set[int]:
    """Members ``user_id`` blocked or who blocked ``user_id``."""
    account, target = rows.column(Block, "account"), rows.column(Block, "target")
    found = rows.select(
        f"SELECT {account}, {target} FROM {rows.table(Block)} "  # noqa: S608 (model's names)
        f"WHERE {account} = %s OR {target} = %s",
        [user_id, user_id],
    )
    return {target_id if account_id == user_id else account_id for account_id, target_id in found}


def _send_status_event(event_type: str, status: Status, **known: Any) -> None:
    """``known``: ``track_ids``/``tag_ids`` of the status when the caller has them."""
    if not _writing_history.get():
        channels = status_channels(status, **known)
        send_event_on_commit(event_type, {"id": str(status.pk)}, channels)


def check_can_edit(account: User, status: Status) -> None:
    if status.account_id != account.pk:
        raise PermissionDenied("You can only edit or delete your own posts.")
    if status.is_deleted:
        raise ValidationError({"status": "This post was deleted."})


@transaction.atomic
def do_edit_status(status: Status, text: str, *, spoiler_text: str | None = None) -> Status:
    StatusEdit.objects.create(
        status=status,
        text=status.text,
        content_html=status.content_html,
        spoiler_text=status.spoiler_text,
        created_at=status.edited_at or status.created_at,
    )
    mentioned, tags = _apply_content(status, text)
    if spoiler_text is not None:
        status.spoiler_text = spoiler_text
    status.edited_at = timezone.now()
    status.save()
    new_mentions = [user for user in mentioned if not status.mentions.filter(pk=user.pk).exists()]
    status.mentions.set(mentioned)
    status.tags.set(tags)
    for user in new_mentions:
        _log(status.account, user, InteractionKind.MENTION, status, status.edited_at)
        _notify(user.pk, status.account, NotificationKind.MENTION, status)
    _send_status_event("status.updated", status)
    return status


def check_and_edit_status(
    account: User, status: Status, text: str, spoiler_text: str | None = None
) -> Status:
    check_can_edit(account, status)
    if status.reblog_of_id is not None:
        raise ValidationError({"status": "A share can't be edited; undo it and share again."})
    check_status_text(text)
    if spoiler_text is not None:
        check_spoiler_text(spoiler_text)
    return do_edit_status(status, text, spoiler_text=spoiler_text)


@transaction.atomic
def do_delete_status(status: Status) -> None:
    """Delete softly: the thread keeps its shape, the text is gone, the log stays."""
    channels = status_channels(status)
    was_counted = stats.counts_as_post(status)
    status.deleted_at = timezone.now()
    status.text = ""
    status.content_html = ""
    status.save(update_fields=["deleted_at", "text", "content_html"])
    if status.in_reply_to_id is not None:
        _decrement_count(status.in_reply_to_id, "replies_count")
    if status.reblog_of_id is not None:
        _decrement_count(status.reblog_of_id, "reblogs_count")
    if was_counted:
        stats.remove_post(status)
    send_event_on_commit("status.deleted", {"id": str(status.pk)}, channels)


def check_and_delete_status(account: User, status: Status) -> None:
    check_can_edit(account, status)
    do_delete_status(status)


# ---------------------------------------------------------------- interactions


def _refresh_count(status: Status, field: str, delta: int) -> None:
    Status.objects.filter(pk=status.pk).update(**{field: F(field) + delta})


def _decrement_count(status_id: int, field: str) -> None:
    """One less, never below zero."""
    Status.objects.filter(pk=status_id, **{f"{field}__gt": 0}).update(**{field: F(field) - 1})


@transaction.atomic
def do_favourite(account: User, status: Status, *, at: datetime | None = None) -> bool:
    """Favourite (idempotent). Returns True when it was new. ``at`` back-dates it."""
    when = at or timezone.now()
    try:
        with transaction.atomic():
            Favourite.objects.create(account=account, status=status, created_at=when)
    except IntegrityError:
        return False
    _refresh_count(status, "favourites_count", 1)
    _log(account, status.account_id, InteractionKind.FAVOURITE, status, when)
    _notify(status.account_id, account, NotificationKind.FAVOURITE, status, at=at)
    return True


@transaction.atomic
def do_unfavourite(account: User, status: Status) -> bool:
    deleted, _ = Favourite.objects.filter(account=account, status=status).delete()
    if deleted:
        _decrement_count(status.pk, "favourites_count")
    return bool(deleted)


def check_and_favourite(account: User, status: Status) -> bool:
    check_can_interact(account, status, "favourite")
    return do_favourite(account, status)


@transaction.atomic
def do_bookmark(account: User, status: Status) -> bool:
    _, created = Bookmark.objects.get_or_create(account=account, status=status)
    return created


def check_and_bookmark(account: User, status: Status) -> bool:
    check_can_interact(account, status, "bookmark")
    return do_bookmark(account, status)


@transaction.atomic
def do_unbookmark(account: User, status: Status) -> bool:
    deleted, _ = Bookmark.objects.filter(account=account, status=status).delete()
    return bool(deleted)


def check_share(account: User, status: Status, comment: str = "") -> None:
    check_can_interact(account, status, "share")
    if status.reblog_of_id is not None:
        raise ValidationError({"status": "Share the original post, not a share of it."})
    if status.visibility not in (Visibility.PUBLIC, Visibility.UNLISTED):
        raise ValidationError({"status": "Only public and unlisted posts can be shared."})
    if comment:
        check_status_text(comment)


@transaction.atomic
def do_share(
    account: User,
    status: Status,
    comment: str = "",
    *,
    visibility: str = Visibility.PUBLIC,
    at: datetime | None = None,
) -> Status:
    """Share ("champion someone's work"), optionally with a comment. Idempotent.
    ``at`` back-dates the share (its id is then one for that time, as for posts)."""
    existing = Status.objects.filter(
        account=account, reblog_of=status, deleted_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    share = Status(account=account, reblog_of=status, visibility=visibility)
    if at is not None:
        share.id = snowflake_id(at)
        share.created_at = at
    _apply_content(share, comment)
    share.save(force_insert=True)
    share.tracks.set(status.tracks.all())
    stats.add_post(share)
    _refresh_count(status, "reblogs_count", 1)
    _log(account, status.account_id, InteractionKind.SHARE, status, share.created_at)
    _notify(status.account_id, account, NotificationKind.REBLOG, status, at=at)
    _send_status_event("status.created", share)
    return share


def check_and_share(account: User, status: Status, comment: str = "") -> Status:
    check_share(account, status, comment)
    return do_share(account, status, comment)


@transaction.atomic
def do_unshare(account: User, status: Status) -> bool:
    share = Status.objects.filter(
        account=account, reblog_of=status, deleted_at__isnull=True
    ).first()
    if share is None:
        return False
    do_delete_status(share)
    return True


def check_learn(account: User, status: Status, note: str = "") -> None:
    check_can_interact(account, status, "learn from")
    if status.account_id == account.pk:
        raise ValidationError(
            {"status": "You can't mark your own post as something you learned from."}
        )
    if len(note) > 500:
        raise ValidationError({"note": "A note can be at most 500 characters."})


@transaction.atomic
def do_learn(
    account: User,
    status: Status,
    *,
    note: str = "",
    track: Track | None = None,
    is_public: bool = True,
    at: datetime | None = None,
) -> Learned:
    """ "I learned from this". Idempotent: a second call updates the note, track and visibility.
    ``at`` back-dates a new acknowledgement."""
    learned, created = Learned.objects.update_or_create(
        account=account,
        status=status,
        defaults={"note": note, "track": track, "is_public": is_public},
        create_defaults={
            "note": note,
            "track": track,
            "is_public": is_public,
            "created_at": at or timezone.now(),
        },
    )
    if created:
        _refresh_count(status, "learned_count", 1)
        track_slug = track.slug if track else ""
        _log(
            account,
            status.account_id,
            InteractionKind.LEARNED,
            status,
            learned.created_at,
            track_slug,
        )
        _notify(status.account_id, account, NotificationKind.LEARNED, status, at=at)
    return learned


def check_and_learn(account: User, status: Status, **options: Any) -> Learned:
    check_learn(account, status, options.get("note", ""))
    return do_learn(account, status, **options)


@transaction.atomic
def do_unlearn(account: User, status: Status) -> bool:
    deleted, _ = Learned.objects.filter(account=account, status=status).delete()
    if deleted:
        _decrement_count(status.pk, "learned_count")
    return bool(deleted)


@transaction.atomic
def do_mark_question(status: Status, is_question: bool = True) -> None:
    status.is_question = is_question
    status.save(update_fields=["is_question"])


def check_mark_question(account: User, status: Status) -> None:
    if status.account_id != account.pk:
        raise PermissionDenied("Only the author can mark a post as a question.")
    if status.is_deleted:
        raise ValidationError({"status": "This post was deleted."})
    if status.reblog_of_id is not None:
        raise ValidationError({"status": "A share can't be a question; ask in a post of your own."})


def check_and_mark_question(account: User, status: Status, is_question: bool = True) -> None:
    check_mark_question(account, status)
    do_mark_question(status, is_question)


def check_accept(account: User, question: Status, answer: Status) -> None:
    if question.account_id != account.pk:
        raise PermissionDenied("Only the person who asked can accept an answer.")
    if not question.is_question:
        raise ValidationError({"status": "This post is not marked as a question."})
    if answer.in_reply_to_id != question.pk or answer.is_deleted:
        raise ValidationError({"answer": "Accept a reply to your question."})
    if answer.account_id == account.pk:
        raise ValidationError({"answer": "You can't accept your own reply."})


@transaction.atomic
def do_accept(
    account: User, question: Status, answer: Status, *, at: datetime | None = None
) -> None:
    """Accept ``answer`` to ``question``; ``at`` back-dates the acceptance."""
    if question.accepted_answer_id == answer.pk:
        return
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer"])
    _log(account, answer.account_id, InteractionKind.ACCEPT, answer, at or timezone.now())
    _notify(answer.account_id, account, NotificationKind.ACCEPTED, answer, at=at)


def check_and_accept(account: User, question: Status, answer: Status) -> None:
    check_accept(account, question, answer)
    do_accept(account, question, answer)


# ---------------------------------------------------------------- relationships


def check_follow(account: User, target: User) -> None:
    if account.pk == target.pk:
        raise ValidationError({"account": "You can't follow yourself."})
    if is_blocked_between(account, target):
        raise ValidationError({"account": "You can't follow this member."})


@transaction.atomic
def do_follow(account: User, target: User, *, at: datetime | None = None) -> bool:
    """Follow (idempotent); ``at`` back-dates a new follow."""
    _, created = Follow.objects.get_or_create(
        follower=account, followee=target, defaults={"created_at": at or timezone.now()}
    )
    if created:
        stats.add_follow(account.pk, target.pk)
        _notify(target.pk, account, NotificationKind.FOLLOW, at=at)
    return created


def check_and_follow(account: User, target: User) -> bool:
    check_follow(account, target)
    return do_follow(account, target)


@transaction.atomic
def do_unfollow(account: User, target: User) -> bool:
    return _end_follow(account, target)


def _end_follow(follower: User, followee: User) -> bool:
    deleted, _ = Follow.objects.filter(follower=follower, followee=followee).delete()
    if deleted:
        stats.remove_follow(follower.pk, followee.pk)
    return bool(deleted)


@transaction.atomic
def do_follow_track(account: User, track: Track, *, at: datetime | None = None) -> bool:
    """Follow a track (idempotent); ``at`` back-dates a new follow."""
    return TrackFollow.objects.get_or_create(
        account=account, track=track, defaults={"created_at": at or timezone.now()}
    )[1]


@transaction.atomic
def do_unfollow_track(account: User, track: Track) -> bool:
    return bool(TrackFollow.objects.filter(account=account, track=track).delete()[0])


def check_hashtag(name: str, field: str = "name") -> None:
    """A hashtag as posts write it: letters, digits and underscores with at least one letter."""
    bare = name.strip().lstrip("#")
    if len(bare) > MAX_TAG or TAG_BODY.fullmatch(bare) is None:
        raise ValidationError(
            {
                field: f"A hashtag is up to {MAX_TAG} letters, digits or underscores with at "
                "least one letter, like #PRStudChat."
            }
        )


def check_and_follow_tag(account: User, name: str) -> Tag:
    check_hashtag(name)
    return do_follow_tag(account, name.strip())


@transaction.atomic
def do_follow_tag(account: User, name: str) -> Tag:
    tag = _tags([name.lower().lstrip("#")])[0]
    TagFollow.objects.get_or_create(account=account, tag=tag)
    return tag


@transaction.atomic
def do_unfollow_tag(account: User, name: str) -> bool:
    return bool(
        TagFollow.objects.filter(account=account, tag__name=name.lower().lstrip("#")).delete()[0]
    )


def check_not_self(account: User, target: User, what: str) -> None:
    if account.pk == target.pk:
        raise ValidationError({"account": f"You can't {what} yourself."})


@transaction.atomic
def do_mute(account: User, target: User) -> bool:
    return Mute.objects.get_or_create(account=account, target=target)[1]


@transaction.atomic
def do_unmute(account: User, target: User) -> bool:
    return bool(Mute.objects.filter(account=account, target=target).delete()[0])


@transaction.atomic
def do_block(account: User, target: User) -> bool:
    """Block: also ends follows both ways, so nothing of either reaches the other."""
    _end_follow(account, target)
    _end_follow(target, account)
    return Block.objects.get_or_create(account=account, target=target)[1]


@transaction.atomic
def do_unblock(account: User, target: User) -> bool:
    return bool(Block.objects.filter(account=account, target=target).delete()[0])


# ---------------------------------------------------------------- notifications


@transaction.atomic
def do_mark_notifications_read(account: User, up_to_id: int | None = None) -> int:
    unread = Notification.objects.filter(recipient=account, read_at__isnull=True)
    if up_to_id is not None:
        unread = unread.filter(id__lte=up_to_id)
    count = unread.update(read_at=timezone.now())
    send_live_event("notification.read", {"up_to": str(up_to_id or "")}, [user_channel(account.pk)])
    return count


@transaction.atomic
def do_dismiss_notification(account: User, notification_id: int) -> bool:
    """Delete one of ``account``'s notifications; another member's is never touched."""
    deleted, _ = Notification.objects.filter(recipient=account, pk=notification_id).delete()
    return bool(deleted)


@transaction.atomic
def do_clear_notifications(account: User) -> int:
    deleted, _ = Notification.objects.filter(recipient=account).delete()
    return deleted


# ---------------------------------------------------------------- chats


def check_schedule_chat(
    creator: User,
    *,
    title: str,
    hashtag: str,
    starts_at: datetime,
    ends_at: datetime,
    host: User,
    description: str = "",
) -> None:
    check_can_schedule_chats(creator)
    errors: dict[str, str] = {}
    if not title.strip() or len(title) > 120:
        errors["title"] = "A chat needs a title of 1–120 characters."
    try:
        check_hashtag(hashtag, "hashtag")
    except ValidationError as error:
        errors.update({field: " ".join(messages) for field, messages in error.message_dict.items()})
    if ends_at <= starts_at:
        errors["ends_at"] = "A chat must end after it starts."
    elif ends_at - starts_at > timedelta(hours=12):
        errors["ends_at"] = "A chat can last at most 12 hours."
    if ends_at <= timezone.now():
        errors["ends_at"] = "A chat must end in the future."
    if not host.is_active:
        errors["host"] = "The host must be an active member."
    if len(description) > 2000:
        errors["description"] = "A chat description can be at most 2,000 characters."
    if errors:
        raise ValidationError(errors)


def check_can_schedule_chats(creator: User) -> None:
    """Who may schedule chats at all (the web page asks before showing its form)."""
    if not (creator.is_steward or creator.is_superuser or _is_trusted(creator)):
        raise PermissionDenied("Only stewards and trusted members can schedule chats.")


def _is_trusted(user: User) -> bool:
    # Trust levels arrive with the belonging-and-trust issue; until then, members open to
    # mentoring with a filled-in profile may schedule chats.
    profile = getattr(user, "profile", None)
    return bool(profile and profile.open_to_mentoring and profile.headline)


@transaction.atomic
def do_schedule_chat(
    creator: User,
    *,
    title: str,
    hashtag: str,
    starts_at: datetime,
    ends_at: datetime,
    host: User,
    description: str = "",
    tracks: Sequence[Track] = (),
    at: datetime | None = None,
) -> Chat:
    """Schedule a chat (already checked); ``at`` back-dates when it was scheduled."""
    chat = Chat.objects.create(
        title=title.strip(),
        hashtag=hashtag.strip().lstrip("#"),
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        host=host,
        created_by=creator,
        created_at=at or timezone.now(),
    )
    chat.tracks.set(tracks)
    return chat


def check_release_question(account: User, chat: Chat, text: str) -> None:
    if account.pk != chat.host_id:
        raise PermissionDenied("Only the host releases questions.")
    check_chat_open(chat)
    check_status_text(text)


@transaction.atomic
def do_release_question(chat: Chat, text: str, *, created_at: datetime | None = None) -> Status:
    """The host posts Qn: a public post in the chat, numbered in order."""
    last = (
        Status.objects.filter(chat=chat, chat_question__isnull=False)
        .order_by("-chat_question")
        .first()
    )
    number = (last.chat_question or 0) + 1 if last else 1
    body = text if f"#{chat.hashtag}".lower() in text.lower() else f"{text}\n\n#{chat.hashtag}"
    return do_create_status(
        chat.host,
        f"Q{number}: {body}",
        tracks=list(chat.tracks.all()),
        chat=chat,
        chat_question=number,
        created_at=created_at,
    )


@transaction.atomic
def do_notify_chat_starting(chat: Chat) -> int:
    """Tell the host's followers and the chat's track followers that the chat is starting."""
    if chat.starting_notified_at is not None:
        return 0
    followers = set(Follow.objects.filter(followee=chat.host).values_list("follower_id", flat=True))
    followers |= set(
        TrackFollow.objects.filter(track__in=chat.tracks.all()).values_list("account_id", flat=True)
    )
    for user_id in sorted(followers - {chat.host_id}):
        _notify(user_id, chat.host, NotificationKind.CHAT_STARTING, chat=chat)
    chat.starting_notified_at = timezone.now()
    chat.save(update_fields=["starting_notified_at"])
    send_event_on_commit("chat.started", {"id": str(chat.pk)}, [chat_channel(chat.pk)])
    return len(followers - {chat.host_id})
