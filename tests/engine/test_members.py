"""The members file, the members table and mentor maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentormesh.engine.analysis import Analysis, analyze_events
from mentormesh.engine.errors import LogError, MembersError
from mentormesh.engine.logio import read_log
from mentormesh.engine.members import read_members
from tests.engine.conftest import AS_OF, COMMUNITY, MEMBERS

MEMBERS_HEADER = (
    "id,name,experience_years,career_start,country,field,tracks_sought,tracks_offered\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_it_maps_a_members_mentors_by_track_and_their_gaps(community: Analysis) -> None:
    bob = community.mentor_map("bob")

    assert bob.name == "Bob Baker"
    assert [(m.person, m.label, m.tracks) for m in bob.mentors] == [("alice", "mentor", ("pr",))]
    assert bob.coverage == {"pr": ["alice"]}
    assert bob.tracks_sought == ["pr", "marketing", "dev"]
    assert bob.gaps == ["marketing", "dev"]


def test_it_maps_mentees_peers_emerging_and_fading_ties(community: Analysis) -> None:
    alice, carol = community.mentor_map("alice"), community.mentor_map("carol")
    grace, ivan = community.mentor_map("grace"), community.mentor_map("ivan")

    assert [m.person for m in alice.mentees] == ["bob"]
    assert carol.peers == ["dave"]
    assert [m.person for m in carol.mentors] == ["dave"]
    assert [(t.person, t.label) for t in grace.fading] == [("heidi", "fading")]
    assert grace.gaps == ["community", "pr"]  # a fading tie fills no gap
    assert [(t.person, t.label) for t in ivan.emerging] == [("judy", "emerging")]
    assert ivan.mentors == []


def test_it_tabulates_every_member_of_the_log_and_the_file(community: Analysis) -> None:
    members = community.members.set_index("id")

    assert "zoe" in members.index  # in the file, quiet in the log
    assert "asker07" in members.index  # in the log, not in the file
    assert "dependabot[bot]" not in members.index
    bob = members.loc["bob"]
    assert (bob.mentors, bob.tracks_covered, bob.gaps, bob.mentor_count) == (
        "alice",
        "pr",
        "marketing;dev",
        1,
    )
    assert members.loc["carol"].peers == "dave"
    assert members.loc["frank"].experience_years == 15.5
    assert members.loc["alice"].mentees == "bob"


def test_it_raises_for_an_unknown_member(community: Analysis) -> None:
    with pytest.raises(KeyError, match="no member 'nobody'"):
        community.mentor_map("nobody")


def test_it_reads_members_from_json_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "members.jsonl",
        '{"id": "bob", "name": "Bob", "career_start": "2022-09", "tracks_sought": ["PR", "#dev"]}\n'
        '{"id": 7, "experience_years": 3.5, "tracks_offered": "pr; marketing"}\n',
    )

    members = read_members(path)

    assert members.by_id["bob"].tracks_sought == ("pr", "dev")
    assert str(members.by_id["bob"].career_start) == "2022-09-01"
    assert members.by_id["7"].tracks_offered == ("pr", "marketing")
    assert members.by_id["7"].experience_years == 3.5


def test_it_refuses_a_members_file_with_a_duplicate_id(tmp_path: Path) -> None:
    path = write(
        tmp_path / "members.csv",
        MEMBERS_HEADER + "bob,Bob,2,,,,,\ncarol,Carol,9,,,,,\nbob,Bobby,3,,,,,\n",
    )

    with pytest.raises(
        MembersError, match=r"members\.csv:4: duplicate id 'bob' \(first on line 2\)"
    ):
        read_members(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "bob,Bob,ten,,,,,",
            r"members\.csv:2: experience_years must be a number of years \(0-80\), not 'ten'",
        ),
        ("bob,Bob,-1,,,,,", r"members\.csv:2: experience_years .* not '-1'"),
        (
            "bob,Bob,,20O4,,,,",
            r"members\.csv:2: career_start must be a year or date like 2015 or 2015-09, not '20O4'",
        ),
        ("bob,Bob,,2099,,,,", r"members\.csv:2: career_start .* not '2099'"),
        (",Nobody,,,,,,", r"members\.csv:2: id is empty"),
        ("bob,Bob,2", r"members\.csv:2: expected 8 fields, found 3"),
    ],
)
def test_it_refuses_a_members_file_with_bad_values(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path / "members.csv", MEMBERS_HEADER + row + "\n")

    with pytest.raises(MembersError, match=message):
        read_members(path)


def test_it_refuses_an_empty_members_file_or_one_without_ids(tmp_path: Path) -> None:
    with pytest.raises(MembersError, match="empty file"):
        read_members(write(tmp_path / "empty.csv", ""))
    with pytest.raises(MembersError, match="no 'id' column"):
        read_members(write(tmp_path / "noid.csv", "name,country\nBob,US\n"))


def test_it_summarises_a_members_file_that_shares_no_id_with_the_log(tmp_path: Path) -> None:
    path = write(tmp_path / "members.csv", MEMBERS_HEADER + "Bob,Bob,2,,,,,\nAlice,Alice,20,,,,,\n")
    events = read_log(COMMUNITY, as_of=AS_OF).events

    analysis = analyze_events(events, members=path, as_of=AS_OF)

    assert [str(p) for p in analysis.problems] == [
        f"{path}: none of the 2 ids in the members file appears in the log "
        "(they differ only in upper/lower case)"
    ]
    assert analysis.tie("bob", "alice")["label"] == "mentor"  # type: ignore[index]
    with pytest.raises(LogError, match="none of the 2 ids in the members file appears in the log"):
        analyze_events(events, members=path, as_of=AS_OF, strict=True)


def test_it_accepts_members_missing_from_the_log_and_log_ids_missing_from_the_file(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "members.csv", MEMBERS_HEADER + "bob,Bob,2,,,,pr,\nzed,Zed,1,,,,,\n")
    events = read_log(COMMUNITY, as_of=AS_OF).events

    analysis = analyze_events(events, members=path, as_of=AS_OF, strict=True)

    assert analysis.problems == []
    assert analysis.mentor_map("zed").mentors == []
    assert analysis.mentor_map("alice").name is None
    assert read_members(MEMBERS).get("zoe") is not None
