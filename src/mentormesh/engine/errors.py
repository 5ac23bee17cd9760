"""What the engine says when its input is wrong: one problem names its file, line and value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``line`` is 1-based and counts ``unit``s: lines of a CSV or JSON Lines file, rows of a
    Parquet file or of events passed in memory, events converted from a source; ``None`` when
    the whole file is at fault.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    code: str = "bad-row"
    unit: str = "line"

    @property
    def where(self) -> str:
        if self.line is None:
            return self.file
        if self.unit != "line":
            return f"{self.file} {self.unit} {self.line}"
        return f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class EngineError(Exception):
    """Base of the engine's own errors: the message is one line a person can act on."""


class LogError(EngineError):
    """An interaction log (or events passed in memory) that cannot be used as given."""

    def __init__(self, message: str | Problem) -> None:
        self.problem = message if isinstance(message, Problem) else None
        super().__init__(str(message))


class MembersError(LogError):
    """A members file that cannot be used as given (duplicate ids, bad numbers, ...)."""


class RulesError(EngineError):
    """A rules file with an unknown setting or a value of the wrong kind."""


def shown(value: object, limit: int = 60) -> str:
    """A value as it appears in messages: repr'd and cut short so one line stays one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
