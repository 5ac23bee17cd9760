"""A git history becomes events from its commit trailers. The cast: alice reviews and mentors,
bob writes most commits, carol helps and tests, dave reports bugs and co-authors."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources import SourceError, SourceStats
from mentormesh.engine.sources.git import members_from_git, person_id, read_git

ALICE, BOB, CAROL, DAVE = (
    "alice@example.org",
    "bob@example.org",
    "carol@example.org",
    "dave@example.org",
)

GIT = shutil.which("git") or "git"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def git(repository: Path, *args: str, when: str = "2024-03-04T10:00:00Z") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    done = subprocess.run(  # noqa: S603
        [GIT, "-C", str(repository), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(repository: Path, author: str, message: str, *, files: list[str], when: str) -> str:
    for name in files:
        path = repository / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{path.read_text() if path.exists() else ''}{message[:20]}\n")
        git(repository, "add", name)
    git(repository, "commit", "-q", f"--author={author}", "-m", message, when=when)
    return git(repository, "rev-parse", "HEAD").strip()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Bob Builder")
    git(repo, "config", "user.email", "bob@example.org")
    return repo


@pytest.fixture
def history(repository: Path) -> tuple[Path, list[str]]:
    shas = [
        commit(
            repository,
            "Bob Builder <Bob@Example.org>",
            "Add the press page\n\nFirst try.\n\n"
            "Reviewed-by: Alice Senior <alice@example.org>\n"
            "Helped-by: Carol Coder <carol@example.org>\n"
            "Signed-off-by: Bob Builder <bob@example.org>\n",
            files=["docs/press.md", "docs/index.md", "src/app.py"],
            when="2024-03-04T10:00:00Z",
        ),
        commit(
            repository,
            "Bob Builder <bob@example.org>",
            "Fix the crash\n\n"
            "Reported-by: Dave Doe <dave@example.org>\n"
            "Tested-by: Carol Coder <CAROL@example.org>\n"
            "Acked-by: Alice Senior <alice@example.org>\n"
            "Suggested-by: someone without an address\n"
            "Link: https://example.org/issue/1\n"
            "Signed-off-by: Bob Builder <bob@example.org>\n"
            "Signed-off-by: Alice Senior <alice@example.org>\n",
            files=["src/app.py"],
            when="2024-03-12T09:30:00+01:00",
        ),
        commit(
            repository,
            "Dave Doe <12345+Dave@users.noreply.github.com>",
            "Pair on the guide\n\n"
            "Co-authored-by: Bob Builder <bob@example.org>\n"
            "Mentored-by: Alice Senior <alice@example.org>\n"
            "Reviewed-by: Dave Doe <dave@users.noreply.github.com>\n",
            files=["README"],
            when="2024-03-20T16:00:00Z",
        ),
    ]
    return repository, shas


def test_it_turns_trailers_into_events_with_their_directions(
    history: tuple[Path, list[str]],
) -> None:
    repository, (first, second, third) = history
    dave = "dave@users.noreply.github.com"
    assert list(read_git(repository)) == [
        # Newest first, as git log gives them; each at its committer date, in UTC.
        Interaction(at("2024-03-20T16:00"), BOB, dave, "reply", None, third[:12]),
        Interaction(at("2024-03-20T16:00"), dave, BOB, "reply", None, third[:12]),
        Interaction(at("2024-03-20T16:00"), dave, ALICE, "learned", None, third[:12]),
        Interaction(at("2024-03-12T08:30"), BOB, DAVE, "favourite", None, second[:12]),
        Interaction(at("2024-03-12T08:30"), BOB, CAROL, "favourite", None, second[:12]),
        Interaction(at("2024-03-12T08:30"), ALICE, BOB, "reply", None, second[:12]),
        Interaction(at("2024-03-04T10:00"), ALICE, BOB, "review", None, first[:12]),
        Interaction(at("2024-03-04T10:00"), BOB, CAROL, "thanks", None, first[:12]),
    ]


def test_it_counts_trailers_it_cannot_use(history: tuple[Path, list[str]]) -> None:
    repository, _ = history
    stats = SourceStats()
    list(read_git(repository, stats=stats))
    assert stats.records == {"commits": 3, "trailers": 13}
    # An ack and a sign-off by alice on one commit are one event: both are a reply to bob.
    assert stats.events == {"reply": 3, "learned": 1, "favourite": 2, "review": 1, "thanks": 1}
    assert stats.skipped == {
        "trailers of other kinds": 1,
        "trailers without an email address": 1,
        "trailers naming the author": 1,
    }


def test_it_sets_tracks_from_the_top_directory_most_changes_are_in(
    history: tuple[Path, list[str]],
) -> None:
    repository, _ = history
    tracks = {(e.context, e.kind): e.track for e in read_git(repository, tracks="toplevel")}
    assert set(tracks.values()) == {"docs", "src", None}
    assert [track for (_, kind), track in tracks.items() if kind == "review"] == ["docs"]
    assert [track for (_, kind), track in tracks.items() if kind == "learned"] == [None]


def test_it_lists_the_people_with_their_newest_names_and_tenure(
    history: tuple[Path, list[str]],
) -> None:
    repository, _ = history
    members = {m["id"]: (m["name"], m["experience_years"]) for m in members_from_git(repository)}
    assert members == {
        ALICE: ("Alice Senior", 0.04),
        BOB: ("Bob Builder", 0.04),
        CAROL: ("Carol Coder", 0.04),
        DAVE: ("Dave Doe", 0.02),
        "dave@users.noreply.github.com": ("Dave Doe", 0.0),
    }


@pytest.mark.parametrize(
    ("email", "person"),
    [
        (" Alice@Example.ORG ", ALICE),
        ("12345+Dave@users.noreply.github.com", "dave@users.noreply.github.com"),
        ("dave@users.noreply.github.com", "dave@users.noreply.github.com"),
    ],
)
def test_it_identifies_people_by_normalised_email(email: str, person: str) -> None:
    assert person_id(email) == person


def test_it_reads_a_bare_repository(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    repository, _ = history
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repository), str(bare))
    assert list(read_git(bare)) == list(read_git(repository))


def test_it_reads_a_repository_without_commits_as_no_events(repository: Path) -> None:
    assert list(read_git(repository)) == []
    assert members_from_git(repository) == []


def test_it_refuses_a_path_that_is_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a repository")
    with pytest.raises(SourceError, match="not a git repository") as raised:
        read_git(tmp_path)
    assert str(tmp_path) in str(raised.value)


def test_it_refuses_a_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"nowhere: no such directory"):
        read_git(tmp_path / "nowhere")
