"""The social layer, in Mastodon's shapes: statuses, interactions, follows, notifications, chats.

Every interaction that can carry learning is also appended to ``Interaction``, the app's copy
of the interaction log format v1 (docs/interaction-log.md) that the mentorship engine reads.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentormesh.community.models import Track
from mentormesh.social.ids import snowflake_id


class Visibility(models.TextChoices):
    PUBLIC = "public", "public"
    UNLISTED = "unlisted", "unlisted"
    PRIVATE = "private", "followers only"
    DIRECT = "direct", "direct (mentioned people only)"


class Tag(models.Model):
    """A hashtag, stored lower-case without '#'; it may map to a track."""

    name = models.CharField(max_length=60, unique=True)
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="tags"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return f"#{self.name}"


class Chat(models.Model):
    """A scheduled live hashtag chat (like #PRStudChat): a host releases questions Q1…Qn."""

    title = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    hashtag = models.CharField(max_length=60)
    tracks = models.ManyToManyField(Track, blank=True, related_name="chats")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_chats"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scheduled_chats"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    starting_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-starts_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="chat_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (#{self.hashtag})"

    def is_live(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class Status(models.Model):
    """A post. A share (boost) is a Status with ``reblog_of`` set and an optional comment."""

    id = models.BigIntegerField(primary_key=True, default=snowflake_id, editable=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statuses"
    )
    text = models.TextField(blank=True, help_text="What the member wrote (Markdown-lite).")
    content_html = models.TextField(blank=True, help_text="The sanitised HTML rendering of text.")
    spoiler_text = models.CharField("content warning", max_length=200, blank=True)
    visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    language = models.CharField(max_length=8, blank=True)
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    in_reply_to_account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread_root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="thread_posts"
    )
    reblog_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="reblogs"
    )
    is_question = models.BooleanField(default=False)
    accepted_answer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_for"
    )
    chat = models.ForeignKey(
        Chat, null=True, blank=True, on_delete=models.SET_NULL, related_name="statuses"
    )
    chat_question = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="n for the host's Qn"
    )
    tracks = models.ManyToManyField(Track, blank=True, related_name="statuses")
    tags = models.ManyToManyField(Tag, blank=True, related_name="statuses")
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )
    replies_count = models.PositiveIntegerField(default=0)
    reblogs_count = models.PositiveIntegerField(default=0)
    favourites_count = models.PositiveIntegerField(default=0)
    learned_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        verbose_name_plural = "statuses"
        indexes = [
            models.Index(fields=("account", "-id")),
            models.Index(fields=("visibility", "-id")),
            models.Index(fields=("thread_root", "id")),
            models.Index(fields=("chat", "id")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("account", "reblog_of"),
                condition=Q(reblog_of__isnull=False, deleted_at__isnull=True),
                name="one_live_share_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"status {self.id} by {self.account_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class StatusEdit(models.Model):
    """An earlier version of an edited status (Mastodon's StatusEdit)."""

    status = models.ForeignKey(Status, on_delete=models.CASCADE, related_name="edits")
    text = models.TextField(blank=True)
    content_html = models.TextField(blank=True)
    spoiler_text = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"edit of {self.status_id} from {self.created_at:%Y-%m-%d %H:%M}"


class Favourite(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    status = models.ForeignKey(Status, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "status"), name="favourite_once")]

    def __str__(self) -> str:
        return f"{self.account_id} favourited {self.status_id}"


class Bookmark(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    status = models.ForeignKey(Status, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "status"), name="bookmark_once")]

    def __str__(self) -> str:
        return f"{self.account_id} bookmarked {self.status_id}"


class Learned(models.Model):
    """ "I learned from this": the strongest learning signal, with an optional note and track."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learned"
    )
    status = models.ForeignKey(Status, on_delete=models.CASCADE, related_name="learned")
    note = models.CharField(max_length=500, blank=True)
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField(
        default=True, help_text="Others may count this acknowledgement; the author always sees it."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "status"), name="learned_once")]

    def __str__(self) -> str:
        return f"{self.account_id} learned from {self.status_id}"


class Follow(models.Model):
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following"
    )
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("follower", "followee"), name="follow_once"),
            models.CheckConstraint(
                condition=~Q(follower=models.F("followee")), name="no_self_follow"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followee_id}"


class AccountStats(models.Model):
    """A member's counters (like Mastodon's account_stats), kept by the actions as they write,
    so that showing an account costs no COUNT over follows and posts. ``statuses_count`` counts
    posts and shares that are not deleted and not direct; ``last_status_at`` is the newest of
    them. A member without a row has done nothing yet: every counter is zero."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="stats"
    )
    followers_count = models.PositiveIntegerField(default=0)
    following_count = models.PositiveIntegerField(default=0)
    statuses_count = models.PositiveIntegerField(default=0)
    last_status_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "account stats"

    def __str__(self) -> str:
        return f"stats of {self.user_id}"


class TrackFollow(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_tracks"
    )
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("account", "track"), name="track_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.account_id} follows track {self.track_id}"


class TagFollow(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_tags"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "tag"), name="tag_follow_once")]

    def __str__(self) -> str:
        return f"{self.account_id} follows tag {self.tag_id}"


class Mute(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes"
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_by"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "target"), name="mute_once")]

    def __str__(self) -> str:
        return f"{self.account_id} mutes {self.target_id}"


class Block(models.Model):
    """Blocking hides both ways, everywhere."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "target"), name="block_once")]

    def __str__(self) -> str:
        return f"{self.account_id} blocks {self.target_id}"


class InteractionKind(models.TextChoices):
    LEARNED = "learned", "learned"
    ACCEPT = "accept", "accept"
    ANSWER = "answer", "answer"
    REPLY = "reply", "reply"
    MENTION = "mention", "mention"
    SHARE = "share", "share"
    FAVOURITE = "favourite", "favourite"


class Interaction(models.Model):
    """The append-only interaction log: ``time, actor, target, kind, track, context``.

    Written in the same transaction as the action it records; never updated or deleted by
    the app (undoing a favourite does not erase that it happened).
    """

    time = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=InteractionKind.choices)
    track = models.CharField(max_length=40, blank=True, help_text="The track's slug, if any.")
    context = models.CharField(max_length=40, blank=True, help_text="The status id, as a string.")

    class Meta:
        ordering = ("id",)
        indexes = [
            models.Index(fields=("actor", "target")),
            models.Index(fields=("target", "actor")),
        ]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d} {self.actor_id} {self.kind} {self.target_id}"


class NotificationKind(models.TextChoices):
    MENTION = "mention", "mention"
    REPLY = "reply", "reply"
    FAVOURITE = "favourite", "favourite"
    REBLOG = "reblog", "share"
    LEARNED = "learned", "learned"
    FOLLOW = "follow", "follow"
    ACCEPTED = "accepted", "accepted answer"
    CHAT_STARTING = "chat_starting", "chat starting"
    THANKS = "thanks", "thank-you note"
    # Mentorship (mentormesh.mentorship): only ever sent to the people concerned.
    REQUEST = "request", "mentorship request"
    REQUEST_ACCEPTED = "request_accepted", "mentorship request accepted"
    # No, not now and expiry all reach the requester as this one kind, with the same words.
    UNAVAILABLE = "unavailable", "not available right now"
    NUDGE = "nudge", "nudge"
    CLOSED_THANKS = "closed_thanks", "mentorship closed with thanks"


class Notification(models.Model):
    id = models.BigIntegerField(primary_key=True, default=snowflake_id, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    status = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    chat = models.ForeignKey(
        Chat, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Mentorship kinds: a thank-you note or a suggestion (``thanks``, nudges, closing), the
    # track a thank-you names (a private mark stays private: the note is all the recipient
    # learns of it), and the page a mentorship notification points at.
    note = models.TextField(blank=True)
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.CharField(
        max_length=200, blank=True, help_text="The page it points at (mentorship kinds)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        indexes = [
            models.Index(fields=("recipient", "-id")),
            models.Index(fields=("recipient", "read_at")),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"
