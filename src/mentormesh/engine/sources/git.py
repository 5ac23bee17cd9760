"""A git repository's history as events, read from commit trailers with ``git log``.

Each trailer naming someone other than the commit's author is one event at the commit's
committer date (when the commit landed, which is when review and sign-off happened). People are
their lower-cased email address (GitHub's ``12345+name@users.noreply.github.com`` becomes
``name@users.noreply.github.com``); names go to the members file. The kind and direction of each
trailer are in :data:`TRAILER_EVENTS` and explained in docs/sources.md.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Literal, NamedTuple, cast

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources.base import SourceError, SourceStats, counted, utc, years_between

TrackMode = Literal["none", "toplevel"]


class TrailerEvent(NamedTuple):
    """The event a trailer becomes: its kind, and who acts (``trailer``'s person or ``author``)."""

    kind: str
    actor: Literal["trailer", "author", "both"]


#: The author learned from the reviewer; an ack or someone else's sign-off is a lighter touch, a
#: conversational ``reply`` from them to the author; helpers and suggesters are thanked by the
#: author; reporters and testers get the weakest credit; co-authors a ``reply`` each way.
TRAILER_EVENTS: dict[str, TrailerEvent] = {
    "reviewed-by": TrailerEvent("review", "trailer"),
    "reviewed-and-tested-by": TrailerEvent("review", "trailer"),
    "acked-by": TrailerEvent("reply", "trailer"),
    "signed-off-by": TrailerEvent("reply", "trailer"),
    "mentored-by": TrailerEvent("learned", "author"),
    "helped-by": TrailerEvent("thanks", "author"),
    "suggested-by": TrailerEvent("thanks", "author"),
    "reported-by": TrailerEvent("favourite", "author"),
    "tested-by": TrailerEvent("favourite", "author"),
    "co-authored-by": TrailerEvent("reply", "both"),
    "co-developed-by": TrailerEvent("reply", "both"),
}

_FORMAT = "%x1e%H%x1f%aN%x1f%aE%x1f%cI%n%(trailers:only,unfold)%x1d"
_PERSON_RE = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")
_BARE_EMAIL_RE = re.compile(r"^[^<>\s]+@[^<>\s]+$")
_GITHUB_NOREPLY_RE = re.compile(r"^\d+\+(.+@users\.noreply\.github\.com)$")


@dataclass
class Commit:
    sha: str
    author_name: str
    author: str
    time: datetime
    trailers: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_git(
    path: Path, *, stats: SourceStats | None = None, tracks: TrackMode = "none"
) -> Iterator[Interaction]:
    """The trailer events of the history of ``HEAD`` in the repository at ``path``.

    ``tracks="toplevel"`` sets each event's track to the top-level directory most of the
    commit's changed files are in (none when they are all at the root).
    """
    repository = _require_repository(Path(path))
    stats = SourceStats() if stats is None else stats
    commits = _commits(repository, with_files=tracks == "toplevel")
    return counted(_events(commits, stats, tracks), stats)


def members_from_git(path: Path) -> list[dict[str, object]]:
    """One member per person in the history: ``id`` (email), ``name`` and ``experience_years``.

    ``experience_years`` is the time from the person's first appearance in the history (as author
    or in one of the trailers of :data:`TRAILER_EVENTS`) to the newest commit: tenure in this project, a weak stand-in for
    experience. ``name`` is the newest name seen with the address.
    """
    names: dict[str, str] = {}
    first_seen: dict[str, datetime] = {}
    newest: datetime | None = None
    for commit in _commits(_require_repository(Path(path)), with_files=False):
        newest = commit.time if newest is None else max(newest, commit.time)
        people = [(commit.author_name, commit.author)]
        named = [_person(value) for key, value in commit.trailers if key.lower() in TRAILER_EVENTS]
        people += [(name, email) for name, email in named if email]
        for name, email in people:
            names.setdefault(email, name or email)
            first_seen[email] = min(commit.time, first_seen.get(email, commit.time))
    return [
        {
            "id": email,
            "name": names[email],
            "experience_years": years_between(first_seen[email], newest),
        }
        for email in sorted(names)
        if newest is not None
    ]


def person_id(email: str) -> str:
    """The id of the person behind an email address."""
    normal = email.strip().lower()
    noreply = _GITHUB_NOREPLY_RE.match(normal)
    return noreply.group(1) if noreply else normal


def is_repository(path: Path) -> bool:
    """A work tree (has ``.git``) or a bare repository (HEAD, objects/ and refs/)."""
    if (path / ".git").exists():
        return True
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()


def _events(
    commits: Iterator[Commit], stats: SourceStats, tracks: TrackMode
) -> Iterator[Interaction]:
    for commit in commits:
        stats.records["commits"] += 1
        track = _top_directory(commit.files) if tracks == "toplevel" else None
        made: set[Interaction] = set()
        for key, value in commit.trailers:
            for event in _trailer_events(commit, key, value, track, stats):
                if event not in made:
                    made.add(event)
                    yield event


def _trailer_events(
    commit: Commit, key: str, value: str, track: str | None, stats: SourceStats
) -> Iterator[Interaction]:
    stats.records["trailers"] += 1
    rule = TRAILER_EVENTS.get(key.lower())
    if rule is None:
        stats.skipped["trailers of other kinds"] += 1
        return
    _, email = _person(value)
    if email is None:
        stats.skipped["trailers without an email address"] += 1
        return
    if email == commit.author:
        if key.lower() != "signed-off-by":  # the author's own sign-off is the norm, not news
            stats.skipped["trailers naming the author"] += 1
        return
    context = commit.sha[:12]
    if rule.actor in ("trailer", "both"):
        yield Interaction(commit.time, email, commit.author, rule.kind, track, context)
    if rule.actor in ("author", "both"):
        yield Interaction(commit.time, commit.author, email, rule.kind, track, context)


def _commits(repository: Path, *, with_files: bool) -> Iterator[Commit]:
    if not _has_commits(repository):
        return
    command = [_git(repository), "-C", str(repository), "-c", "core.quotePath=false", "log"]
    command += ["--no-color", f"--format={_FORMAT}"] + (["--name-only"] if with_files else [])
    with subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        output, problems = cast(IO[str], process.stdout), cast(IO[str], process.stderr)
        try:
            yield from _parse_log(output)
        finally:
            if process.poll() is None:
                process.kill()
        problem = problems.read().strip()
        if process.wait() != 0:
            raise SourceError(repository, f"git log failed: {problem}")


def _parse_log(lines: Iterator[str]) -> Iterator[Commit]:
    commit: Commit | None = None
    in_trailers = False
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("\x1e"):
            if commit is not None:
                yield commit
            sha, name, email, date = line[1:].split("\x1f")
            commit = Commit(sha, name, person_id(email), utc(datetime.fromisoformat(date)))
            in_trailers = True
        elif commit is None:
            continue
        elif in_trailers:
            if line == "\x1d":
                in_trailers = False
            elif ":" in line:
                key, value = line.split(":", 1)
                commit.trailers.append((key.strip(), value.strip()))
        elif line:
            commit.files.append(line)
    if commit is not None:
        yield commit


def _person(value: str) -> tuple[str, str | None]:
    match = _PERSON_RE.match(value)
    if match:
        return match["name"], person_id(match["email"])
    if _BARE_EMAIL_RE.match(value):
        return value, person_id(value)
    return value, None


def _top_directory(files: list[str]) -> str | None:
    tops = Counter(name.split("/", 1)[0] for name in files if "/" in name)
    if not tops:
        return None
    most = max(tops.values())
    return min(top for top, n in tops.items() if n == most)


def _require_repository(path: Path) -> Path:
    if not path.exists():
        raise SourceError(path, "no such directory")
    if not path.is_dir() or not is_repository(path):
        raise SourceError(path, "not a git repository (no .git, and not a bare repository)")
    return path


def _has_commits(repository: Path) -> bool:
    command = [_git(repository), "-C", str(repository), "rev-parse", "--verify", "--quiet", "HEAD"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return done.returncode == 0


def _git(repository: Path) -> str:
    found = shutil.which("git")
    if found is None:
        raise SourceError(repository, "reading a git repository needs the git command, not found")
    return found
