"""Annotated IRC logs become replies and thanks. In the fixture bob asks and alice answers, carol
asks and dave answers, erin asks late at night and alice answers after midnight."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources import SourceError, SourceStats
from mentormesh.engine.sources.irc import THANKS_RE, read_irc, read_messages

FIXTURE = Path(__file__).parent / "source_fixtures" / "irc"
SHARED_DATA = Path(__file__).parents[2].parent / "shared" / "data"
STEM = "2024-03-04.fixture"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def logs(tmp_path: Path, raw: str, annotation: str, stem: str = "2024-03-04.part") -> Path:
    (tmp_path / f"{stem}.raw.txt").write_text(raw, encoding="utf-8")
    (tmp_path / f"{stem}.annotation.txt").write_text(annotation, encoding="utf-8")
    return tmp_path


def test_it_turns_annotated_replies_into_replies_and_thanks() -> None:
    assert list(read_irc(FIXTURE)) == [
        # The context is the conversation, named by its first message.
        Interaction(at("2024-03-04T21:01"), "alice", "bob", "reply", None, f"{STEM}:1"),
        Interaction(at("2024-03-04T21:02"), "bob", "alice", "thanks", None, f"{STEM}:1"),
        Interaction(at("2024-03-04T21:05"), "dave", "carol", "reply", None, f"{STEM}:4"),
        Interaction(at("2024-03-04T21:06"), "carol", "dave", "reply", None, f"{STEM}:4"),
        Interaction(at("2024-03-04T21:08"), "carol", "dave", "thanks", None, f"{STEM}:4"),
        # After 23:59 the clock starts again on the next day.
        Interaction(at("2024-03-05T00:01"), "alice", "erin", "reply", None, f"{STEM}:10"),
    ]


def test_it_counts_links_it_does_not_turn_into_events() -> None:
    stats = SourceStats()
    list(read_irc(FIXTURE, stats=stats))
    assert stats.records == {"logs": 1, "messages": 11, "links": 12, "conversation starts": 4}
    assert stats.skipped == {"links to or from system lines": 1, "replies to oneself": 1}
    assert stats.events == {"reply": 4, "thanks": 2}


def test_it_reads_a_single_annotation_file() -> None:
    assert list(read_irc(FIXTURE / f"{STEM}.annotation.txt")) == list(read_irc(FIXTURE))


@pytest.mark.parametrize(
    "text",
    ["alice: thanks, it works!", "Thank you!", "thx", "ty bob2", "cheers mate", "tyvm", "THANKS!!"],
)
def test_it_hears_thanks(text: str) -> None:
    assert THANKS_RE.search(text)


@pytest.mark.parametrize(
    "text",
    ["no thanks, I found it", "thanks in advance", "type sudo", "tty1", "thanksgiving", "party on"],
)
def test_it_does_not_hear_thanks_where_there_are_none(text: str) -> None:
    assert not THANKS_RE.search(text)


@pytest.mark.parametrize(
    ("clock", "afternoon"),
    [
        (["11:58", "00:02", "00:57"], ["11:58", "12:02", "12:57"]),
        (["12:57", "01:03"], ["12:57", "13:03"]),
    ],
)
def test_it_reads_twelve_hour_clocks_through_noon(
    tmp_path: Path, clock: list[str], afternoon: list[str]
) -> None:
    # Some old logs count hours 0-11 or 1-12: going back in time there means twelve hours on.
    raw = tmp_path / "2024-03-04.part.raw.txt"
    raw.write_text("".join(f"[{hhmm}] <bob> hi\n" for hhmm in clock))
    times = [m.time for m in read_messages(raw) if m]
    assert times == [at(f"2024-03-04T{hhmm}") for hhmm in afternoon]


def test_it_names_file_line_and_value_of_a_link_past_the_end_of_the_log(tmp_path: Path) -> None:
    logs(tmp_path, "[09:00] <bob> hi\n[09:01] <alice> bob: hello\n", "0 1 -\n1 7 -\n")
    with pytest.raises(
        SourceError,
        match=r"2024-03-04\.part\.annotation\.txt:2: message 7 is past the end of "
        r"2024-03-04\.part\.raw\.txt \(2 lines\): '1 7 -'",
    ):
        list(read_irc(tmp_path))


def test_it_names_file_line_and_value_of_a_malformed_link(tmp_path: Path) -> None:
    logs(tmp_path, "[09:00] <bob> hi\n[09:01] <alice> bob: hello\n", "0 1 -\n\n0 one -\n")
    with pytest.raises(
        SourceError,
        match=r"2024-03-04\.part\.annotation\.txt:3: expected 'parent child -': '0 one -'",
    ):
        list(read_irc(tmp_path))


def test_it_names_an_annotation_file_without_its_raw_log(tmp_path: Path) -> None:
    (tmp_path / "2024-03-04.part.annotation.txt").write_text("0 0 -\n")
    with pytest.raises(
        SourceError, match=r"annotation\.txt: no raw log 2024-03-04\.part\.raw\.txt"
    ):
        read_irc(tmp_path)


def test_it_names_a_log_whose_name_has_no_date(tmp_path: Path) -> None:
    logs(tmp_path, "[09:00] <bob> hi\n", "0 0 -\n", stem="ubuntu.part")
    with pytest.raises(
        SourceError, match=r"ubuntu\.part\.raw\.txt: file name does not start with a date"
    ):
        read_irc(tmp_path)


def test_it_names_a_directory_without_annotations(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no \*\.annotation\.txt files"):
        read_irc(tmp_path)


def test_it_reads_the_real_dev_split() -> None:
    dev = SHARED_DATA / "ubuntu-irc-disentanglement" / "dev"
    if not dev.is_dir():
        pytest.skip("needs ../shared/data/ubuntu-irc-disentanglement/dev, absent here")
    stats = SourceStats()
    events = list(read_irc(dev, stats=stats))
    # The folder's README: dev has 10 files and 2,607 links.
    assert (stats.records["logs"], stats.records["links"]) == (10, 2607)
    assert len(events) == stats.records["links"] - stats.records["conversation starts"] - sum(
        stats.skipped.values()
    )
    assert 0.02 < stats.events["thanks"] / len(events) < 0.1
    assert all(e.actor != e.target and e.time.year >= 2004 for e in events)
