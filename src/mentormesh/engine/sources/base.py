"""What every source shares: its error type and the tally of what it read and skipped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mentormesh.engine.errors import EngineError
from mentormesh.engine.events import Interaction


class SourceError(EngineError, ValueError):
    """A source file that cannot be read as it claims to be; names the file, line and value."""

    def __init__(
        self, path: Path | str, problem: str, *, line: int | None = None, value: object = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        self.value = value
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        shown = f": {value!r}" if value is not None else ""
        super().__init__(f"{where}: {problem}{shown}")


@dataclass
class SourceStats:
    """Counts a reader fills in as it goes, so a caller can say what was read and skipped."""

    records: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        read = ", ".join(f"{n} {what}" for what, n in sorted(self.records.items())) or "nothing"
        made = ", ".join(f"{n} {kind}" for kind, n in sorted(self.events.items())) or "none"
        text = f"read {read}; events: {made}"
        if self.skipped:
            text += "; skipped: " + ", ".join(
                f"{n} {why}" for why, n in sorted(self.skipped.items())
            )
        return text


def utc(moment: datetime) -> datetime:
    """A naive timestamp from a source that writes UTC without saying so, made aware."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def counted(events: Iterator[Interaction], stats: SourceStats) -> Iterator[Interaction]:
    """``events`` unchanged, tallied by kind into ``stats`` as they pass."""
    for event in events:
        stats.events[event.kind] += 1
        yield event


def years_between(start: datetime, end: datetime) -> float:
    """Whole and fractional years from ``start`` to ``end`` (never negative), to 2 places."""
    return round(max((end - start).total_seconds(), 0.0) / (365.25 * 86400), 2)
