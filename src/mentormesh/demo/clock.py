"""The demo's week clock: relative times that land in the same ISO weeks whatever day it is.

The demo's activity covers ``WEEKS`` weeks that end a day before the load (``end``). The
generator places everything on a *week clock*: a float in ``[0, WEEKS)`` whose whole part is
the week (0 = the oldest) and whose fraction is how far into that week. The loader anchors it:
week ``WEEKS - 1`` is the ISO week (Monday 00:00 UTC) that holds ``end``, every earlier week a
whole week before it. That last week is only partly over, so its fraction is spread over the
part up to ``end``.

So a planted tie credited in six distinct clock weeks is credited in six distinct ISO weeks —
the engine's unit of consistency — on any date, and the mapping keeps order: what the
generator placed later is never loaded earlier.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

WEEKS = 26  # about six months
DAY = 1 / 7
HOUR = DAY / 24
MINUTE = HOUR / 60
WEEK = timedelta(days=7)
LAST_WEEK = WEEKS - 1


def activity_end(now: datetime) -> datetime:
    """When the demo's activity stops: a day before ``now``, to the second."""
    return (now - timedelta(days=1)).astimezone(UTC).replace(microsecond=0)


def week_monday(moment: datetime) -> datetime:
    """Monday 00:00 UTC of the ISO week that holds ``moment``."""
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def week_of(clock: float) -> int:
    """The clock week of a moment on the week clock (0 = the oldest week)."""
    return min(int(clock), LAST_WEEK)


def weeks_ago(clock_week: int) -> int:
    """How many weeks before the last (partial) week a clock week is."""
    return LAST_WEEK - clock_week


def moment(clock: float, end: datetime) -> datetime:
    """The real time of ``clock`` for activity that ends at ``end`` (whole seconds, UTC)."""
    week = week_of(clock)
    fraction = clock - week
    current = week_monday(end)
    start = current - WEEK * weeks_ago(week)
    length = WEEK if week < LAST_WEEK else end - current
    return (start + length * fraction).replace(microsecond=0)


def week_start(clock_week: int, end: datetime) -> datetime:
    """Monday 00:00 UTC of a clock week."""
    return week_monday(end) - WEEK * weeks_ago(clock_week)
