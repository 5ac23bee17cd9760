"""The registry finds a source by name or by looking at a path, and loads it only when used."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentormesh.engine.errors import EngineError
from mentormesh.engine.sources import (
    SOURCES,
    SourceError,
    SourceStats,
    detect_source,
    read_source,
    source_members,
)

FIXTURES = Path(__file__).parent / "source_fixtures"
GIT = shutil.which("git") or "git"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    subprocess.run([GIT, "init", "-q", str(tmp_path / "repo")], check=True)  # noqa: S603
    return tmp_path / "repo"


def test_it_names_three_sources() -> None:
    assert sorted(SOURCES) == ["git", "irc", "stackexchange"]


def test_it_recognises_a_stack_exchange_dump() -> None:
    assert detect_source(FIXTURES / "stackexchange") == "stackexchange"


def test_it_recognises_a_git_work_tree_and_a_bare_repository(
    repository: Path, tmp_path: Path
) -> None:
    bare = str(tmp_path / "bare.git")
    subprocess.run([GIT, "init", "-q", "--bare", bare], check=True)  # noqa: S603
    assert detect_source(repository) == "git"
    assert detect_source(tmp_path / "bare.git") == "git"


def test_it_recognises_a_directory_of_annotated_irc_logs() -> None:
    assert detect_source(FIXTURES / "irc") == "irc"
    assert detect_source(FIXTURES / "irc" / "2024-03-04.fixture.annotation.txt") == "irc"


def test_it_recognises_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text("time,actor,target,kind\n")
    (tmp_path / "orphan.annotation.txt").write_text("0 0 -\n")
    assert detect_source(tmp_path) is None
    assert detect_source(tmp_path / "log.csv") is None
    assert detect_source(tmp_path / "nowhere") is None


def test_it_reads_a_source_by_name_and_tallies_it() -> None:
    stats = SourceStats()
    events = list(read_source("irc", FIXTURES / "irc", stats=stats))
    assert len(events) == sum(stats.events.values()) == 6


def test_it_refuses_an_unknown_source_name() -> None:
    with pytest.raises(
        SourceError, match=r"unknown source \(known: git, irc, stackexchange\): 'slack'"
    ):
        read_source("slack", FIXTURES)


def test_it_makes_source_errors_engine_errors_and_value_errors() -> None:
    assert issubclass(SourceError, EngineError)
    assert issubclass(SourceError, ValueError)


def test_it_gives_members_where_the_source_knows_them() -> None:
    assert [m["id"] for m in source_members("stackexchange", FIXTURES / "stackexchange")] == [
        "1",
        "2",
        "3",
        "4",
    ]
    assert source_members("irc", FIXTURES / "irc") == []


def test_it_imports_a_source_module_only_when_it_is_used() -> None:
    probe = (
        "import sys, mentormesh.engine.sources as s\n"
        "names = ('git', 'irc', 'stackexchange')\n"
        "loaded = [m for m in names if f'{s.__name__}.{m}' in sys.modules]\n"
        "print(loaded)"
    )
    command = [sys.executable, "-c", probe]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    assert done.stdout.strip() == "[]"
