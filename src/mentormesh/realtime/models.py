"""The event log behind real-time delivery (see docs/realtime.md).

Every event is stored once (``StreamEvent``) with one ``StreamRecipient`` row per channel it
goes to. Event ids come from ``StreamSequence`` inside the transaction that stores the event,
so ids increase in commit order across every process: "everything after id N" is a complete,
gap-free answer, which is what Last-Event-ID replay and the cross-process feed rely on.
"""

from django.db import models
from django.utils import timezone


class StreamEvent(models.Model):
    """A real-time event, kept for a while so a reconnect with Last-Event-ID loses nothing."""

    id = models.BigIntegerField(primary_key=True, editable=False)
    type = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.type} #{self.id}"


class StreamRecipient(models.Model):
    """One channel an event goes to: ``user:<id>`` (a member's home timeline and
    notifications), ``chat:<id>`` (a chat room's watchers) or ``public``."""

    # DO_NOTHING: pruning deletes recipients first, then events, each in one statement.
    event = models.ForeignKey(StreamEvent, on_delete=models.DO_NOTHING, related_name="recipients")
    channel = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("event", "channel"), name="stream_recipient_unique")
        ]
        indexes = [models.Index(fields=("channel", "event"), name="stream_recipient_replay")]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.channel}"


class StreamSequence(models.Model):
    """One row: the last event id handed out, and below which events have been pruned.

    Updating it takes the row's write lock until commit, which serialises event ids with
    commits on PostgreSQL and SQLite alike.
    """

    last_id = models.BigIntegerField(default=0)
    pruned_below = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"stream position {self.last_id}"
