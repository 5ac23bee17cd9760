"""The command-line layer: mentormesh analyze and mentormesh convert (click commands)."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentormesh.engine.commands import COMMANDS, analyze_command, convert_command
from mentormesh.engine.events import Interaction
from mentormesh.engine.sources.base import SourceError
from tests.engine.conftest import AS_OF, COMMUNITY, FIXTURES, MEMBERS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_it_analyses_logs_and_says_what_it_read(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report"

    result = runner.invoke(
        analyze_command,
        [str(COMMUNITY), "--out", str(out), "--members", str(MEMBERS), "--as-of", AS_OF],
    )

    assert result.exit_code == 0, result.output
    assert "read 99 rows from 1 file: 99 events" in result.stdout
    assert "ignored unknown column 'case'" in result.stdout
    assert "1 mentor, 2 peer, 1 reverse, 1 emerging, 1 fading" in result.stdout
    assert (
        "set aside: 4 self-interactions, 8 bot events, 1 conversation follow-ups" in result.stdout
    )
    assert f"wrote {out / 'report.html'}" in result.stdout
    assert "] reading " in result.stderr
    assert "] analysing 99 events on duckdb" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["members.csv", "report.html", "ties.csv"]


def test_it_summarises_skipped_rows_by_default(runner: CliRunner, tmp_path: Path) -> None:
    log = tmp_path / "events.csv"
    log.write_text(
        COMMUNITY.read_text(encoding="utf-8") + "2024-13-01,bob,alice,learned,,,\n",
        encoding="utf-8",
    )

    result = runner.invoke(
        analyze_command, [str(log), "--out", str(tmp_path / "out"), "--as-of", AS_OF]
    )

    assert result.exit_code == 0, result.output
    assert "99 events, 1 bad rows skipped" in result.stdout
    assert f"1 x bad-time, e.g. {log}:101: time is not ISO-8601: '2024-13-01'" in result.stdout


def test_it_stops_at_the_first_bad_row_with_strict(runner: CliRunner, tmp_path: Path) -> None:
    log = tmp_path / "events.csv"
    log.write_text(
        "time,actor,target,kind\n2024-03-04,bob,alice,learned\n2024-03-05,bob,alice,wave\n",
        encoding="utf-8",
    )

    result = runner.invoke(analyze_command, [str(log), "--out", str(tmp_path / "out"), "--strict"])

    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"error: {log}:3: unknown kind (known: ")
    assert result.stderr.splitlines()[-1].endswith("'wave'")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rules", "RULES"], "rules.toml: unknown setting 'consistency' (known: "),
        (["--members", "MEMBERS"], "members.csv:3: duplicate id 'bob' (first on line 2)"),
        (["--as-of", "someday"], "as-of 'someday' is not an ISO-8601 date or time"),
    ],
)
def test_it_reports_bad_side_files_in_one_line(
    runner: CliRunner, tmp_path: Path, extra: list[str], message: str
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("consistency = 3\n", encoding="utf-8")
    members = tmp_path / "members.csv"
    members.write_text("id,name\nbob,Bob\nbob,Bobby\n", encoding="utf-8")
    args = [{"RULES": str(rules), "MEMBERS": str(members)}.get(a, a) for a in extra]

    result = runner.invoke(analyze_command, [str(COMMUNITY), "--out", str(tmp_path / "out"), *args])

    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ")
    assert message in last
    assert "Traceback" not in result.output


def test_it_reports_an_empty_log_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")

    result = runner.invoke(analyze_command, [str(empty), "--out", str(tmp_path / "out")])

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: nothing to analyse: no valid events in 1 file(s) (first problem: {empty}: empty file)"
    )


def test_it_warns_when_the_members_file_disagrees_with_the_log(
    runner: CliRunner, tmp_path: Path
) -> None:
    members = tmp_path / "members.csv"
    members.write_text("id,name\nBOB,Bob\n", encoding="utf-8")

    result = runner.invoke(
        analyze_command, [str(COMMUNITY), "--out", str(tmp_path / "out"), "--members", str(members)]
    )
    strict = runner.invoke(
        analyze_command,
        [str(COMMUNITY), "--out", str(tmp_path / "out"), "--members", str(members), "--strict"],
    )

    assert result.exit_code == 0
    assert "warning: " in result.stdout
    assert "none of the 1 ids in the members file appears in the log" in result.stdout
    assert strict.exit_code == 2
    assert "none of the 1 ids in the members file appears in the log" in strict.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_it_documents_each_command_with_an_example(runner: CliRunner, command: object) -> None:
    result = runner.invoke(command, ["--help"])  # type: ignore[arg-type]

    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"mentormesh {command.name} " in result.output  # type: ignore[attr-defined]


def toy_events(path: Path) -> Iterator[Interaction]:
    yield Interaction(datetime(2024, 3, 4, tzinfo=UTC), "bob", "alice", "thanks", "pr", "c1")
    yield Interaction(datetime(2024, 3, 5, tzinfo=UTC), "carol", "alice", "learned")


def broken_events(path: Path) -> Iterator[Interaction]:
    yield Interaction(datetime(2024, 3, 4, tzinfo=UTC), "bob", "alice", "thanks")
    raise SourceError(
        path / "Posts.xml", "missing attribute CreationDate", line=12, value="<row Id=3/>"
    )


@pytest.fixture
def toy_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("mentormesh.engine.sources")
    fake.SOURCES = {"toy": toy_events, "broken": broken_events}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mentormesh.engine.sources", fake)


@pytest.mark.usefixtures("toy_sources")
def test_it_converts_a_source_to_a_log(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "log.jsonl"

    result = runner.invoke(convert_command, ["toy", str(tmp_path), "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wrote 2 events to {out}"
    assert out.read_text(encoding="utf-8").splitlines()[0] == (
        '{"time": "2024-03-04T00:00:00+00:00", "actor": "bob", "target": "alice", '
        '"kind": "thanks", "track": "pr", "context": "c1"}'
    )


@pytest.mark.usefixtures("toy_sources")
def test_it_reports_a_broken_source_in_one_line_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "log.csv"

    result = runner.invoke(convert_command, ["broken", str(tmp_path), "--out", str(out)])

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: {tmp_path / 'Posts.xml'}:12: missing attribute CreationDate: '<row Id=3/>'"
    )
    assert not out.exists()


@pytest.mark.usefixtures("toy_sources")
def test_it_names_the_known_sources_for_an_unknown_one(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        convert_command, ["myspace", str(tmp_path), "--out", str(tmp_path / "l.csv")]
    )

    assert result.exit_code == 2
    assert result.stderr.strip() == "error: unknown source 'myspace' (known: broken, toy)"


def test_it_converts_with_the_registered_sources(runner: CliRunner, tmp_path: Path) -> None:
    from mentormesh.engine.sources import SOURCES

    fixture = Path(__file__).parent / "source_fixtures" / "stackexchange"
    if "stackexchange" not in SOURCES or not fixture.is_dir():
        pytest.skip("the Stack Exchange source or its fixture is not there")
    out = tmp_path / "se.csv"

    result = runner.invoke(convert_command, ["stackexchange", str(fixture), "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("time,actor,target,kind,track,context\n")


def test_it_runs_on_spark_from_the_command_line(
    runner: CliRunner, tmp_path: Path, spark_session: object
) -> None:
    result = runner.invoke(
        analyze_command,
        [str(COMMUNITY), "--out", str(tmp_path), "--engine", "spark", "--as-of", AS_OF],
    )

    assert result.exit_code == 0, result.output
    assert "on spark:" in result.stdout
    assert (tmp_path / "report.html").is_file()


def test_it_reads_its_rules_file_option(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        analyze_command,
        [
            str(COMMUNITY),
            "--out",
            str(tmp_path),
            "--rules",
            str(FIXTURES / "rules.toml"),
            "--as-of",
            AS_OF,
        ],
    )

    assert result.exit_code == 0, result.output
    assert "2 mentor, 1 peer, 0 reverse, 1 emerging, 1 fading" in result.stdout  # no members file
