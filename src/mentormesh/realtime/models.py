from django.db import models
from django.utils import timezone

from mentormesh.social.ids import snowflake_id


class StreamEvent(models.Model):
    """A real-time event, kept for a while so a reconnect with Last-Event-ID loses nothing.

    ``channel`` is ``user:<id>`` (home timeline and notifications of one member),
    ``chat:<id>`` (a chat room's watchers) or ``public`` (the local public timeline).
    """

    id = models.BigIntegerField(primary_key=True, default=snowflake_id, editable=False)
    channel = models.CharField(max_length=40)
    type = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=("channel", "id"))]

    def __str__(self) -> str:
        return f"{self.type} on {self.channel}"
