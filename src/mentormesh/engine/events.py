"""One interaction event, the unit of the interaction log format v1 (docs/interaction-log.md)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

LOG_COLUMNS = ("time", "actor", "target", "kind", "track", "context")


class Interaction(NamedTuple):
    """``actor`` did ``kind`` to ``target`` at ``time`` (timezone-aware, UTC)."""

    time: datetime
    actor: str
    target: str
    kind: str
    track: str | None = None
    context: str | None = None
