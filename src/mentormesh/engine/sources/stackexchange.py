"""A Stack Exchange data dump directory (Posts.xml, Comments.xml, Votes.xml, Users.xml) as events.

Mapping (docs/sources.md has the full table and the reasons):

- an answer: ``answer``, actor = answerer, target = asker (the asker learned from the answerer);
- an accepted answer: ``accept``, actor = asker, target = answerer, at the accept vote's date
  (Votes.xml, VoteTypeId 1; never earlier than the answer) or else at the answer's time;
- a comment: ``reply``, actor = commenter, target = the owner of the post commented on;
- track: the question's first tag, for the question's answers and every comment under it;
- context: the question (``question/<id>``), so a thread's replies are one conversation.

Rows whose user is gone (no OwnerUserId/UserId, or the Community bot, id -1), self-answers and
comments on one's own posts are skipped and counted in :class:`SourceStats`. The XML is read as
a stream, one line at a time, so errors name the line; only a small index of post id -> (owner,
track) is kept in memory.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple, cast

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources.base import SourceError, SourceStats, counted, utc, years_between

ACCEPT_VOTE = "1"
COMMUNITY_USER = "-1"
_TAG_RE = re.compile(r"<([^<>]+)>")
_EXPAT_WHERE_RE = re.compile(r": line \d+, column \d+$")


class _Question(NamedTuple):
    asker: str | None
    track: str | None
    accepted_answer: int | None


class _Post(NamedTuple):
    owner: str | None
    track: str | None
    question: int


def read_stackexchange(path: Path, *, stats: SourceStats | None = None) -> Iterator[Interaction]:
    """The events of the dump in directory ``path``: answers, accepts, then comments."""
    posts = _require(Path(path), "Posts.xml")
    stats = SourceStats() if stats is None else stats
    return counted(_events(posts, stats), stats)


def members_from_stackexchange(path: Path) -> list[dict[str, object]]:
    """One member per user in Users.xml: ``id``, ``name`` and ``experience_years``.

    ``experience_years`` is the account's age on this site when the dump was taken (the newest
    date in Users.xml): tenure here, a weak stand-in for experience, documented as such.
    """
    users = _require(Path(path), "Users.xml")
    found: list[tuple[str, str, datetime]] = []
    newest = datetime.min.replace(tzinfo=UTC)
    for line, row in _rows(users):
        user = _required(row, "Id", users, line)
        created = _time(row, "CreationDate", users, line)
        newest = max(newest, created, _optional_time(row, "LastAccessDate", users, line) or created)
        if user != COMMUNITY_USER:
            found.append((user, row.get("DisplayName") or f"user{user}", created))
    return [
        {"id": user, "name": name, "experience_years": years_between(created, newest)}
        for user, name, created in found
    ]


def first_tag(tags: str | None) -> str | None:
    """The first tag of a Tags attribute, in either dump spelling: ``<a><b>`` or ``|a|b|``."""
    if not tags:
        return None
    names = _TAG_RE.findall(tags) if tags.startswith("<") else [t for t in tags.split("|") if t]
    return names[0] if names else None


def _events(posts: Path, stats: SourceStats) -> Iterator[Interaction]:
    directory = posts.parent
    votes = directory / "Votes.xml"
    accepted_at = _accept_votes(votes, stats) if votes.is_file() else {}
    owners: dict[int, _Post] = {}
    yield from _post_events(posts, accepted_at, owners, stats)
    comments = directory / "Comments.xml"
    if comments.is_file():
        yield from _comment_events(comments, owners, stats)


def _post_events(
    path: Path,
    accepted_at: dict[int, datetime],
    owners: dict[int, _Post],
    stats: SourceStats,
) -> Iterator[Interaction]:
    questions: dict[int, _Question] = {}
    early: list[tuple[int, str | None, datetime, int]] = []  # answers read before their question
    for line, row in _rows(path):
        post = _number(row, "Id", path, line)
        owner = _user(row.get("OwnerUserId"))
        post_type = _required(row, "PostTypeId", path, line)
        if post_type == "1":
            stats.records["questions"] += 1
            track = first_tag(row.get("Tags"))
            accepted = _optional_number(row, "AcceptedAnswerId", path, line)
            questions[post] = _Question(owner, track, accepted)
            owners[post] = _Post(owner, track, post)
        elif post_type == "2":
            stats.records["answers"] += 1
            parent = _number(row, "ParentId", path, line)
            time = _time(row, "CreationDate", path, line)
            if parent in questions:
                owners[post] = _Post(owner, questions[parent].track, parent)
                yield from _answer(post, owner, time, parent, questions[parent], accepted_at, stats)
            else:
                early.append((post, owner, time, parent))
        else:
            stats.records["other posts (wikis, nominations)"] += 1
    for post, owner, time, parent in early:
        if parent not in questions:
            stats.skipped["answers to missing questions"] += 1
            continue
        owners[post] = _Post(owner, questions[parent].track, parent)
        yield from _answer(post, owner, time, parent, questions[parent], accepted_at, stats)


def _answer(
    post: int,
    answerer: str | None,
    time: datetime,
    question_id: int,
    question: _Question,
    accepted_at: dict[int, datetime],
    stats: SourceStats,
) -> Iterator[Interaction]:
    if answerer is None:
        stats.skipped["answers by deleted users"] += 1
    elif question.asker is None:
        stats.skipped["answers to questions by deleted users"] += 1
    elif answerer == question.asker:
        stats.skipped["self-answers"] += 1
    else:
        context = f"question/{question_id}"
        yield Interaction(time, answerer, question.asker, "answer", question.track, context)
        if question.accepted_answer == post:
            # Vote dates carry no time of day, so an accept can look older than its answer.
            when = max(accepted_at.get(post, time), time)
            yield Interaction(when, question.asker, answerer, "accept", question.track, context)


def _comment_events(
    path: Path, owners: dict[int, _Post], stats: SourceStats
) -> Iterator[Interaction]:
    for line, row in _rows(path):
        stats.records["comments"] += 1
        post = _number(row, "PostId", path, line)
        time = _time(row, "CreationDate", path, line)
        commenter = _user(row.get("UserId"))
        if post not in owners:
            stats.skipped["comments on missing posts"] += 1
            continue
        owner, track, question = owners[post]
        if commenter is None:
            stats.skipped["comments by deleted users"] += 1
        elif owner is None:
            stats.skipped["comments on posts by deleted users"] += 1
        elif commenter == owner:
            stats.skipped["comments on own posts"] += 1
        else:
            yield Interaction(time, commenter, owner, "reply", track, f"question/{question}")


def _accept_votes(path: Path, stats: SourceStats) -> dict[int, datetime]:
    accepted_at: dict[int, datetime] = {}
    for line, row in _rows(path):
        stats.records["votes"] += 1
        if row.get("VoteTypeId") != ACCEPT_VOTE:
            continue
        post = _number(row, "PostId", path, line)
        when = _time(row, "CreationDate", path, line)
        accepted_at[post] = min(when, accepted_at.get(post, when))
    return accepted_at


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, attributes)`` for each ``<row/>``, parsed a line at a time and then dropped."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    line = 0
    try:
        with path.open("rb") as handle:
            for line, text in enumerate(handle, start=1):
                parser.feed(text)
                events = cast(Iterator[tuple[str, ET.Element]], parser.read_events())
                for event, element in events:
                    if event == "start" and root is None:
                        root = element
                    elif event == "end" and element.tag == "row":
                        yield line, dict(element.attrib)
                        if root is not None:  # drop the rows read so far: memory stays flat
                            root.clear()
        parser.close()
    except ET.ParseError as error:
        at = getattr(error, "position", (line, 0))[0] or line
        reason = _EXPAT_WHERE_RE.sub("", str(error))
        raise SourceError(path, f"malformed XML ({reason})", line=at) from None


def _require(directory: Path, name: str) -> Path:
    if not directory.is_dir():
        raise SourceError(directory, "not a Stack Exchange dump directory")
    found = directory / name
    if not found.is_file():
        raise SourceError(directory, f"the dump has no {name}")
    return found


def _user(value: str | None) -> str | None:
    return None if not value or value == COMMUNITY_USER else value


def _required(row: dict[str, str], key: str, path: Path, line: int) -> str:
    value = row.get(key)
    if not value:
        raise SourceError(path, f"row has no {key}", line=line, value=row.get("Id"))
    return value


def _number(row: dict[str, str], key: str, path: Path, line: int) -> int:
    value = _required(row, key, path, line)
    try:
        return int(value)
    except ValueError:
        raise SourceError(path, f"{key} is not a whole number", line=line, value=value) from None


def _optional_number(row: dict[str, str], key: str, path: Path, line: int) -> int | None:
    return _number(row, key, path, line) if row.get(key) else None


def _time(row: dict[str, str], key: str, path: Path, line: int) -> datetime:
    value = _required(row, key, path, line)
    try:
        return utc(datetime.fromisoformat(value))
    except ValueError:
        raise SourceError(path, f"{key} is not an ISO-8601 time", line=line, value=value) from None


def _optional_time(row: dict[str, str], key: str, path: Path, line: int) -> datetime | None:
    return _time(row, key, path, line) if row.get(key) else None
