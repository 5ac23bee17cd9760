"""analyze(): logs (or sources) in; ties.csv, members.csv and report.html out."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mentormesh.engine.analysis import TIES_CSV_COLUMNS, Analysis, analyze, analyze_events
from mentormesh.engine.errors import LogError
from mentormesh.engine.events import Interaction
from tests.engine.conftest import AS_OF, COMMUNITY, MEMBERS

SOURCE_FIXTURES = Path(__file__).parent / "source_fixtures"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, Path]:
    out = tmp_path_factory.mktemp("out")
    return analyze([COMMUNITY], out, members_path=MEMBERS, as_of=AS_OF), out


def test_it_writes_ties_members_and_a_report(written: tuple[Analysis, Path]) -> None:
    analysis, out = written

    assert sorted(p.name for p in out.iterdir()) == ["members.csv", "report.html", "ties.csv"]
    ties = pd.read_csv(out / "ties.csv", keep_default_na=False)
    assert list(ties.columns) == list(TIES_CSV_COLUMNS)
    assert len(ties) == len(analysis.ties)
    bob = ties[(ties.learner == "bob") & (ties.teacher == "alice") & (ties.track == "*")].iloc[0]
    assert (bob.label, bob.weeks, bob["first"]) == ("mentor", 6, "2024-03-05T10:00:00Z")
    assert bob.explanation.startswith("Bob Baker learned from Alice Archer in 6 different weeks")
    members = pd.read_csv(out / "members.csv", keep_default_na=False)
    assert members.set_index("id").loc["bob", "gaps"] == "marketing;dev"


def test_it_writes_a_report_that_needs_nothing_from_the_network(
    written: tuple[Analysis, Path],
) -> None:
    html = (written[1] / "report.html").read_text(encoding="utf-8")

    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "http://" not in html
    assert "https://" not in html
    assert "<link" not in html
    assert "<img" not in html
    assert "@import" not in html
    assert "<svg" in html
    assert "<details" in html


def test_it_escapes_ids_and_names_in_the_report(written: tuple[Analysis, Path]) -> None:
    html = (written[1] / "report.html").read_text(encoding="utf-8")

    assert "Zoe &lt;Zhang&gt;" in html
    assert "Zoe <Zhang>" not in html


def test_it_shows_the_strongest_ties_with_their_explanations(
    written: tuple[Analysis, Path],
) -> None:
    html = (written[1] / "report.html").read_text(encoding="utf-8")

    for explanation in written[0].labelled().explanation:
        assert explanation.replace("'", "&#x27;") in html


def test_it_replaces_old_outputs_whole(tmp_path: Path) -> None:
    (tmp_path / "ties.csv").write_text("old", encoding="utf-8")

    analyze([COMMUNITY], tmp_path, as_of=AS_OF)

    assert (tmp_path / "ties.csv").read_text(encoding="utf-8").startswith("learner,teacher,track")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["members.csv", "report.html", "ties.csv"]


def test_it_refuses_logs_with_no_valid_event(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("time,actor,target,kind\nsoon,bob,alice,learned\n", encoding="utf-8")

    with pytest.raises(
        LogError, match=r"nothing to analyse: .*bad\.csv:2: time is not ISO-8601: 'soon'"
    ):
        analyze([bad], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_it_reports_progress_in_stages(tmp_path: Path) -> None:
    stages: list[str] = []

    analyze([COMMUNITY], tmp_path, as_of=AS_OF, progress=stages.append)

    assert [s.split()[0] for s in stages] == ["reading", "analysing", "writing"]


def weekly_thanks(path: Path) -> Iterator[Interaction]:
    start = datetime(2024, 3, 4, tzinfo=UTC)
    for week in range(3):
        yield Interaction(start + timedelta(weeks=week), "bob", "alice", "thanks", "pr")


def test_it_converts_a_source_directory_on_the_fly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("mentormesh.engine.sources")
    fake.SOURCES = {"toy": lambda path, **_: weekly_thanks(path)}  # type: ignore[attr-defined]
    fake.detect_source = lambda path: "toy" if Path(path).is_dir() else None  # type: ignore[attr-defined]
    fake.source_members = lambda name, path: [{"id": "alice", "name": "Alice"}]  # type: ignore[attr-defined]

    class Stats:
        def summary(self) -> str:
            return "3 thanks"

    fake.SourceStats = Stats  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mentormesh.engine.sources", fake)
    export = tmp_path / "export"
    export.mkdir()

    analysis = analyze([export], tmp_path / "out")

    assert analysis.tie("bob", "alice")["label"] == "mentor"  # type: ignore[index]
    assert analysis.mentor_map("alice").name == "Alice"
    assert analysis.reading is not None
    assert analysis.reading.sources == {str(export): "toy"}


@pytest.mark.skipif(
    not (SOURCE_FIXTURES / "stackexchange").is_dir(), reason="no Stack Exchange fixture"
)
def test_it_analyses_a_stack_exchange_dump_directory(tmp_path: Path) -> None:
    analysis = analyze([SOURCE_FIXTURES / "stackexchange"], tmp_path)

    assert analysis.summary["events"] > 0
    assert analysis.reading is not None
    assert analysis.reading.sources
    assert (tmp_path / "report.html").is_file()


def test_it_skips_a_directory_that_is_no_known_source(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()

    with pytest.raises(LogError, match="a directory that is not a known source"):
        analyze([tmp_path / "notes", COMMUNITY], tmp_path / "out", strict=True)
    analysis = analyze([tmp_path / "notes", COMMUNITY], tmp_path / "out", as_of=AS_OF)
    assert analysis.summary["files_skipped"] == 1


def test_it_finds_no_ties_when_every_event_is_older_than_the_horizon(
    backend: dict[str, Any],
) -> None:
    events = [Interaction(datetime(2020, 3, 2, tzinfo=UTC), "bob", "alice", "learned")]

    analysis = analyze_events(events, as_of="2024-06-30", **backend)

    assert analysis.ties.empty
    assert set(TIES_CSV_COLUMNS) <= set(analysis.ties.columns)
