from django.db import models


class PeriodicJob(models.Model):
    """When a periodic job was last put on the task queue (one row per job in SCHEDULE)."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} (last {self.last_enqueued_at:%Y-%m-%d %H:%M})"
