"""IRC logs with reply-to annotations, as in the Ubuntu IRC disentanglement corpus.

A directory holds pairs ``<date>.<part>.annotation.txt`` + ``<date>.<part>.raw.txt``. Raw lines
are ``[HH:MM] <nick> text`` (or ``[HH:MM]  * nick action``; anything else, such as ``=== x has
joined``, is a system line). Annotation lines ``parent child -`` are 0-based line numbers into the
raw file: message ``child`` replies to message ``parent``. Each link between two different
people becomes ``reply`` (actor = the replier, target = the person replied to), or ``thanks`` when
the reply's text matches :data:`THANKS_RE` (the replier learned from the person replied to). The
context is the conversation (the connected component of the reply links, named by its first
message), so the engine's thread rule sees who began each exchange.
Nicks are lower-cased (IRC nicks are case-insensitive); times are UTC on the file's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources.base import SourceError, SourceStats, counted

#: Thanks, thank you/u/ya, thx, thnx, thanx, tnx, ty, tyvm, cheers (and danke, merci, gracias) as
#: whole words — but not "no thanks" and not "thanks in advance", which thank nobody yet.
THANKS_RE = re.compile(
    r"(?<![\w-])(?<!no )(?<!no, )"
    r"(?:thanks|thank\s+(?:you|u|ya|ye)|thanx|thanq|thnx|thx|tnx|tyvm|ty|cheers"
    r"|danke|merci|gracias)"
    r"(?![\w-])(?!\s+in\s+advance)",
    re.IGNORECASE,
)
_MESSAGE_RE = re.compile(
    r"^\[(?P<hour>\d{2}):(?P<minute>\d{2})\] "
    r"(?:<(?P<nick>[^>\s]+)>|\s*\* (?P<action>\S+))(?: (?P<text>.*))?$"
)
_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_ANNOTATION = ".annotation.txt"
_RAW = ".raw.txt"


class Message(NamedTuple):
    nick: str
    time: datetime
    text: str


def read_irc(path: Path, *, stats: SourceStats | None = None) -> Iterator[Interaction]:
    """The reply and thanks events of every annotated log in directory ``path`` (or one file)."""
    pairs = [(annotation, _raw_for(annotation)) for annotation in _annotation_files(Path(path))]
    stats = SourceStats() if stats is None else stats
    return counted(_events(pairs, stats), stats)


def is_irc_directory(path: Path) -> bool:
    """A directory with at least one annotation file that has its raw log beside it."""
    return path.is_dir() and any(
        _raw_path(annotation).is_file() for annotation in path.glob(f"*{_ANNOTATION}")
    )


def read_messages(raw: Path) -> list[Message | None]:
    """The messages of a raw log by line number; ``None`` for system lines."""
    date = _file_date(raw)
    lines = raw.read_text(encoding="utf-8", errors="replace").splitlines()
    clocks = [_MESSAGE_RE.match(line) for line in lines]
    # Some logs count hours 0-11 and wrap every 12 hours, the others wrap at midnight.
    hours = [int(match["hour"]) for match in clocks if match]
    wrap = 720 if hours and max(hours) <= 12 else 1440
    messages: list[Message | None] = []
    offset = previous = 0
    for match in clocks:
        if match is None:
            messages.append(None)
            continue
        minutes = int(match["hour"]) * 60 + int(match["minute"])
        if minutes < previous - 60:
            offset += wrap
        previous = minutes
        nick = (match["nick"] or match["action"]).lower()
        messages.append(
            Message(nick, date + timedelta(minutes=offset + minutes), match["text"] or "")
        )
    return messages


def _events(pairs: list[tuple[Path, Path]], stats: SourceStats) -> Iterator[Interaction]:
    for annotation, raw in pairs:
        stats.records["logs"] += 1
        messages = read_messages(raw)
        stats.records["messages"] += sum(message is not None for message in messages)
        yield from _links(annotation, raw, messages, stats)


def _links(
    annotation: Path, raw: Path, messages: list[Message | None], stats: SourceStats
) -> Iterator[Interaction]:
    links = list(_read_links(annotation, raw, len(messages)))
    stats.records["links"] += len(links)
    conversation = _conversations(
        [(a, b) for a, b in links if messages[a] is not None and messages[b] is not None]
    )
    stem = annotation.name.removesuffix(_ANNOTATION)
    for parent, child in links:
        if parent == child:
            stats.records["conversation starts"] += 1
            continue
        said, replied = messages[parent], messages[child]
        if said is None or replied is None:
            stats.skipped["links to or from system lines"] += 1
        elif said.nick == replied.nick:
            stats.skipped["replies to oneself"] += 1
        else:
            kind = "thanks" if THANKS_RE.search(replied.text) else "reply"
            context = f"{stem}:{conversation[child]}"
            yield Interaction(replied.time, replied.nick, said.nick, kind, None, context)


def _read_links(annotation: Path, raw: Path, size: int) -> Iterator[tuple[int, int]]:
    with annotation.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _link(line, annotation, number, raw, size)


def _conversations(links: list[tuple[int, int]]) -> dict[int, int]:
    """Each message's conversation: the first message of its component in the reply links."""
    first: dict[int, int] = {}

    def root(message: int) -> int:
        while first.setdefault(message, message) != message:
            first[message] = first[first[message]]
            message = first[message]
        return message

    for parent, child in links:
        a, b = root(parent), root(child)
        first[max(a, b)] = min(a, b)
    return {message: root(message) for message in list(first)}


def _link(line: str, annotation: Path, number: int, raw: Path, size: int) -> tuple[int, int]:
    parts = line.split()
    if len(parts) not in (2, 3) or not all(part.isdigit() for part in parts[:2]):
        raise SourceError(annotation, "expected 'parent child -'", line=number, value=line.strip())
    parent, child = int(parts[0]), int(parts[1])
    for message in (parent, child):
        if message >= size:
            problem = f"message {message} is past the end of {raw.name} ({size} lines)"
            raise SourceError(annotation, problem, line=number, value=line.strip())
    return parent, child


def _annotation_files(path: Path) -> list[Path]:
    if path.is_file() and path.name.endswith(_ANNOTATION):
        return [path]
    if not path.is_dir():
        raise SourceError(path, "not a directory of IRC logs")
    found = sorted(path.glob(f"*{_ANNOTATION}"))
    if not found:
        raise SourceError(path, f"no *{_ANNOTATION} files")
    return found


def _raw_for(annotation: Path) -> Path:
    raw = _raw_path(annotation)
    if not raw.is_file():
        raise SourceError(annotation, f"no raw log {raw.name} beside the annotations")
    _file_date(raw)
    return raw


def _raw_path(annotation: Path) -> Path:
    return annotation.with_name(annotation.name.removesuffix(_ANNOTATION) + _RAW)


def _file_date(raw: Path) -> datetime:
    match = _DATE_RE.match(raw.name)
    try:
        if match is None:
            raise ValueError(raw.name)
        return datetime.fromisoformat(match[1]).replace(tzinfo=UTC)
    except ValueError:
        raise SourceError(raw, "file name does not start with a date (YYYY-MM-DD)") from None
