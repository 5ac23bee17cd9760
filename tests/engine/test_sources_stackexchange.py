"""A Stack Exchange dump becomes answers, accepts and comments; its cast by user id:
1 alice (answers a lot), 2 bob (a newcomer who asks), 3 carol (asks and answers), 4 dave."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentormesh.engine.events import Interaction
from mentormesh.engine.sources import SourceError, SourceStats
from mentormesh.engine.sources.stackexchange import (
    first_tag,
    members_from_stackexchange,
    read_stackexchange,
)

FIXTURE = Path(__file__).parent / "source_fixtures" / "stackexchange"
SHARED_DATA = Path(__file__).parents[2].parent / "shared" / "data"
ALICE, BOB, CAROL, DAVE = "1", "2", "3", "4"
QUESTION = '<row Id="1" PostTypeId="1" CreationDate="2024-03-04T09:00:00" OwnerUserId="2" />'


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def dump(tmp_path: Path, posts: str, **others: str) -> Path:
    (tmp_path / "Posts.xml").write_text(posts, encoding="utf-8")
    for name, text in others.items():
        (tmp_path / f"{name}.xml").write_text(text, encoding="utf-8")
    return tmp_path


def shared(name: str) -> Path:
    path = SHARED_DATA / name
    if not (path / "Posts.xml").is_file():
        pytest.skip(f"needs the real dump {name} in ../shared/data, absent here")
    return path


def test_it_turns_answers_accepts_and_comments_into_events() -> None:
    assert list(read_stackexchange(FIXTURE)) == [
        Interaction(at("2024-03-04T12:00"), ALICE, BOB, "answer", "pr", "question/10"),
        Interaction(at("2024-03-06T00:00"), BOB, ALICE, "accept", "pr", "question/10"),
        Interaction(at("2024-03-05T08:30"), CAROL, BOB, "answer", "pr", "question/10"),
        Interaction(at("2024-03-11T15:00"), BOB, CAROL, "answer", "development", "question/20"),
        Interaction(at("2024-03-11T15:00"), CAROL, BOB, "accept", "development", "question/20"),
        Interaction(at("2024-03-13T10:00"), ALICE, DAVE, "answer", "pr", "question/40"),
        Interaction(at("2024-03-04T10:00"), CAROL, BOB, "reply", "pr", "question/10"),
        Interaction(at("2024-03-06T10:00"), BOB, ALICE, "reply", "pr", "question/10"),
    ]


def test_it_counts_what_it_read_and_skipped() -> None:
    stats = SourceStats()
    list(read_stackexchange(FIXTURE, stats=stats))
    assert stats.records == {
        "questions": 3,
        "answers": 7,
        "other posts (wikis, nominations)": 1,
        "votes": 4,
        "comments": 6,
    }
    assert stats.events == {"answer": 4, "accept": 2, "reply": 2}
    assert stats.skipped == {
        "self-answers": 1,
        "answers by deleted users": 1,
        "answers to missing questions": 1,
        "comments on own posts": 1,
        "comments by deleted users": 1,
        "comments on missing posts": 1,
        "comments on posts by deleted users": 1,
    }
    assert "skipped: 1 answers by deleted users" in stats.summary()


def test_it_dates_an_accept_by_its_vote_but_never_before_the_answer() -> None:
    accepts = [e for e in read_stackexchange(FIXTURE) if e.kind == "accept"]
    # The vote on answer 11 came two days later; the vote on 21 carries only the answer's date.
    assert [(e.target, e.time) for e in accepts] == [
        (ALICE, at("2024-03-06T00:00")),
        (BOB, at("2024-03-11T15:00")),
    ]


def test_it_dates_an_accept_by_the_answer_when_the_dump_has_no_votes(tmp_path: Path) -> None:
    (tmp_path / "Posts.xml").write_bytes((FIXTURE / "Posts.xml").read_bytes())
    accept = next(e for e in read_stackexchange(tmp_path) if e.kind == "accept")
    assert accept.time == at("2024-03-04T12:00")


@pytest.mark.parametrize(
    ("tags", "first"),
    [
        ("<pr><media-relations>", "pr"),
        ("|development|web|", "development"),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_the_first_tag_in_both_dump_spellings(tags: str | None, first: str | None) -> None:
    assert first_tag(tags) == first


def test_it_lists_members_with_their_tenure_on_the_site() -> None:
    members = members_from_stackexchange(FIXTURE)
    assert [(m["id"], m["name"]) for m in members] == [
        (ALICE, "Alice"),
        (BOB, "Bob"),
        (CAROL, "Carol"),
        (DAVE, "Dave"),
    ]
    # Tenure up to the newest date in Users.xml (alice's last access, 2024-03-20).
    assert [m["experience_years"] for m in members] == [4.05, 0.05, 2.05, 1.05]


def test_it_names_the_directory_and_the_missing_posts_xml(tmp_path: Path) -> None:
    (tmp_path / "Users.xml").write_text("<users/>", encoding="utf-8")
    with pytest.raises(SourceError, match=r"the dump has no Posts\.xml") as raised:
        read_stackexchange(tmp_path)
    assert str(tmp_path) in str(raised.value)


def test_it_names_file_and_line_of_malformed_xml(tmp_path: Path) -> None:
    dump(
        tmp_path,
        '<?xml version="1.0" encoding="utf-8"?>\n<posts>\n'
        '  <row Id="1" PostTypeId="1" CreationDate="2024-03-04T09:00:00.000" OwnerUserId="2" />\n'
        '  <row Id="2" PostTypeId="2" ParentId="1" OwnerUserId=1 />\n'
        "</posts>\n",
    )
    with pytest.raises(SourceError, match=r"Posts\.xml:4: malformed XML"):
        list(read_stackexchange(tmp_path))


def test_it_names_file_line_and_value_of_a_bad_date(tmp_path: Path) -> None:
    dump(
        tmp_path,
        f"<posts>\n  {QUESTION}\n"
        '  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="yesterday" OwnerUserId="1" />\n'
        "</posts>\n",
    )
    with pytest.raises(
        SourceError, match=r"Posts\.xml:3: CreationDate is not an ISO-8601 time: 'yesterday'"
    ):
        list(read_stackexchange(tmp_path))


def test_it_names_file_line_and_value_of_a_bad_post_id(tmp_path: Path) -> None:
    dump(
        tmp_path,
        f"<posts>\n  {QUESTION}\n</posts>\n",
        Comments='<comments>\n  <row Id="7" PostId="one" CreationDate="2024-03-04T09:00:00" '
        'UserId="3" />\n</comments>\n',
    )
    with pytest.raises(SourceError, match=r"Comments\.xml:2: PostId is not a whole number: 'one'"):
        list(read_stackexchange(tmp_path))


def test_it_names_file_and_line_of_a_row_without_a_required_attribute(tmp_path: Path) -> None:
    dump(tmp_path, '<posts>\n  <row Id="5" CreationDate="2024-03-04T09:00:00" />\n</posts>\n')
    with pytest.raises(SourceError, match=r"Posts\.xml:2: row has no PostTypeId: '5'"):
        list(read_stackexchange(tmp_path))


def test_it_names_an_empty_posts_file(tmp_path: Path) -> None:
    dump(tmp_path, "")
    with pytest.raises(SourceError, match=r"Posts\.xml:1: malformed XML"):
        list(read_stackexchange(tmp_path))


def test_it_refuses_a_path_that_is_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a Stack Exchange dump directory"):
        read_stackexchange(tmp_path / "nowhere")


def test_it_reads_the_whole_conlang_meta_dump() -> None:
    stats = SourceStats()
    events = list(read_stackexchange(shared("stackexchange-conlangmeta-2020"), stats=stats))
    # The folder's README: 54 questions, 115 answers, 11 accepted, 230 comments, 1119 votes.
    assert (stats.records["questions"], stats.records["answers"]) == (54, 115)
    assert (stats.records["comments"], stats.records["votes"]) == (230, 1119)
    assert stats.events["accept"] <= 11
    assert (
        stats.events["answer"]
        + sum(
            n
            for why, n in stats.skipped.items()
            if why.startswith("answers") or why == "self-answers"
        )
        == 115
    )
    assert all(e.time.tzinfo is UTC and e.actor != e.target for e in events)


def test_it_reads_the_quantum_computing_dump() -> None:
    path = shared("stackexchange-quantumcomputing-2018")
    stats = SourceStats()
    events = list(read_stackexchange(path, stats=stats))
    # The folder's README: 612 questions, 1060 answers, 389 with an accepted answer, 3413 comments.
    assert (stats.records["questions"], stats.records["answers"]) == (612, 1060)
    assert stats.records["comments"] == 3413
    assert 350 <= stats.events["accept"] <= 389
    pairs = {(e.target, e.actor) for e in events if e.kind == "answer"}
    assert 780 <= len(pairs) <= 806  # README: 806 asker->answerer pairs, self-answers included
    assert {e.track for e in events} > {"quantum-gate", "quantum-algorithms", "qubit"}
    assert len(members_from_stackexchange(path)) == 3460  # 3461 users less the Community bot
