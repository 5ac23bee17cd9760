"""Real sources straight into the engine: each turns an export into interaction events.

One self-contained module per source; this registry imports a module only when its source is
used. Every reader takes the path of the export and returns an iterator of
:class:`~mentormesh.engine.events.Interaction`; pass ``stats=SourceStats()`` to learn what was
read and skipped. See docs/sources.md.

>>> from mentormesh.engine.sources import SOURCES, detect_source
>>> name = detect_source(path)              # doctest: +SKIP
>>> events = list(SOURCES[name](path))      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources.base import SourceError, SourceStats

__all__ = [
    "MEMBERS",
    "SOURCES",
    "SourceError",
    "SourceReader",
    "SourceStats",
    "detect_source",
    "read_source",
    "source_members",
]


class SourceReader(Protocol):
    def __call__(
        self, path: Path, /, *, stats: SourceStats | None = None
    ) -> Iterator[Interaction]: ...


class MembersReader(Protocol):
    def __call__(self, path: Path, /) -> list[dict[str, object]]: ...


def _lazy(module: str, function: str) -> Any:
    def call(path: Path, /, **options: Any) -> Any:
        found = getattr(import_module(f"mentormesh.engine.sources.{module}"), function)
        return found(Path(path), **options)

    call.__name__ = function
    call.__qualname__ = function
    call.__doc__ = f"Lazily imported :func:`mentormesh.engine.sources.{module}.{function}`."
    return call


SOURCES: dict[str, SourceReader] = {
    "stackexchange": _lazy("stackexchange", "read_stackexchange"),
    "git": _lazy("git", "read_git"),
    "irc": _lazy("irc", "read_irc"),
}

#: Sources that also know their people: a members table (``id``, ``name``, ``experience_years``).
MEMBERS: dict[str, MembersReader] = {
    "stackexchange": _lazy("stackexchange", "members_from_stackexchange"),
    "git": _lazy("git", "members_from_git"),
}


def detect_source(path: Path) -> str | None:
    """The name of the source at ``path``, or ``None`` when it is none of them."""
    path = Path(path)
    if not path.is_dir():
        return "irc" if path.name.endswith(".annotation.txt") and path.is_file() else None
    if (path / "Posts.xml").is_file():
        return "stackexchange"
    from mentormesh.engine.sources.git import is_repository

    if is_repository(path):
        return "git"
    from mentormesh.engine.sources.irc import is_irc_directory

    return "irc" if is_irc_directory(path) else None


def read_source(
    name: str, path: Path, *, stats: SourceStats | None = None
) -> Iterator[Interaction]:
    """The events of source ``name`` at ``path``; an unknown name is a :class:`SourceError`."""
    if name not in SOURCES:
        known = ", ".join(sorted(SOURCES))
        raise SourceError(path, f"unknown source (known: {known})", value=name)
    return SOURCES[name](Path(path), stats=stats)


def source_members(name: str, path: Path) -> list[dict[str, object]]:
    """The members table a source can give (empty for sources that know only nicknames)."""
    reader = MEMBERS.get(name)
    return reader(Path(path)) if reader is not None else []
