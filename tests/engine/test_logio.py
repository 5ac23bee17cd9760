"""Reading and writing the interaction log v1, and every kind of bad input it can meet.

Each bad input is asserted twice: by default the row (or file) is skipped, counted and
summarised; with ``strict=True`` the first one raises LogError naming file, line and value.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mentormesh.engine.analysis import analyze_events
from mentormesh.engine.errors import LogError
from mentormesh.engine.events import Interaction
from mentormesh.engine.logio import read_log, write_log
from mentormesh.engine.rules import Rules, rules_from_dict

HEADER = "time,actor,target,kind,track,context\n"
GOOD = "2024-03-04T10:00:00Z,bob,alice,learned,#PR,post-1\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_csv_jsonl_parquet_and_gzip_alike(tmp_path: Path) -> None:
    record = {
        "time": "2024-03-04T10:00:00Z",
        "actor": "bob",
        "target": "alice",
        "kind": "learned",
        "track": "#PR",
        "context": "post-1",
    }
    csv_file = write(tmp_path / "a.csv", HEADER + GOOD)
    jsonl = write(tmp_path / "b.jsonl", json.dumps(record) + "\n")
    ndjson = write(tmp_path / "c.ndjson", json.dumps(record) + "\n")
    with gzip.open(tmp_path / "d.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(HEADER + GOOD)
    with gzip.open(tmp_path / "e.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    pq.write_table(pa.table({k: [v] for k, v in record.items()}), tmp_path / "f.parquet")
    paths = [
        csv_file,
        jsonl,
        ndjson,
        tmp_path / "d.csv.gz",
        tmp_path / "e.jsonl.gz",
        tmp_path / "f.parquet",
    ]

    result = read_log(paths)

    assert (result.read, result.skipped, len(result.events)) == (6, 0, 6)
    rows = result.to_pandas().drop_duplicates()
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.actor, row.target, row.kind, row.track, row.context) == (
        "bob",
        "alice",
        "learned",
        "pr",
        "post-1",
    )
    assert row.time == pd.Timestamp("2024-03-04T10:00:00Z")


def test_it_takes_a_time_without_offset_as_utc_and_converts_offsets(tmp_path: Path) -> None:
    log = write(
        tmp_path / "times.csv",
        HEADER
        + "2024-03-04T10:00:00,bob,alice,learned,,\n"
        + "2024-03-04T12:00:00+02:00,bob,alice,learned,,\n"
        + "2024-03-04,bob,alice,learned,,\n",
    )

    times = list(read_log(log).to_pandas().time)

    assert times == [pd.Timestamp("2024-03-04T10:00:00Z")] * 2 + [
        pd.Timestamp("2024-03-04T00:00:00Z")
    ]


def test_it_reads_parquet_timestamps_and_integer_ids(tmp_path: Path) -> None:
    table = pa.table(
        {
            "time": pa.array([datetime(2024, 3, 4, 10, tzinfo=UTC)], pa.timestamp("ms", tz="UTC")),
            "actor": pa.array([26], pa.int64()),
            "target": pa.array([1837], pa.int64()),
            "kind": ["accept"],
        }
    )
    pq.write_table(table, tmp_path / "ids.parquet")

    row = read_log(tmp_path / "ids.parquet").to_pandas().iloc[0]

    assert (row.actor, row.target, row.track, row.context) == ("26", "1837", None, None)


def test_it_maps_kinds_through_aliases_and_the_rules_file(tmp_path: Path) -> None:
    log = write(
        tmp_path / "kinds.csv",
        HEADER + "2024-03-04,bob,alice,Retweet,,\n2024-03-04,bob,alice,kudos,,\n",
    )

    default = read_log(log)
    mapped = read_log(log, rules=rules_from_dict({"aliases": {"kudos": "thanks"}}))

    assert list(default.to_pandas().kind) == ["share"]
    assert default.skipped_by_reason == {"unknown-kind": 1}
    assert list(mapped.to_pandas().kind) == ["share", "thanks"]


def test_it_notes_unknown_columns_and_ignores_them(tmp_path: Path) -> None:
    log = write(
        tmp_path / "extra.csv", "time,actor,target,kind,mood\n2024-03-04,bob,alice,learned,happy\n"
    )

    result = read_log(log)

    assert len(result.events) == 1
    assert result.notes == [f"{log}: ignored unknown column 'mood'"]


def test_it_writes_logs_it_reads_back(tmp_path: Path) -> None:
    events = [
        Interaction(
            datetime(2024, 3, 4, 10, tzinfo=UTC), "bob", "alice", "learned", "pr", "post-1"
        ),
        Interaction(datetime(2024, 3, 5, 9, 30), "carol", "dave, jr.", "thanks"),  # noqa: DTZ001 - a naive time is UTC
    ]
    for name in ("log.csv", "log.jsonl", "log.csv.gz", "log.jsonl.gz"):
        assert write_log(iter(events), tmp_path / name) == 2

        back = read_log(tmp_path / name).to_pandas()

        assert list(back.actor) == ["bob", "carol"]
        assert list(back.target) == ["alice", "dave, jr."]
        assert list(back.time) == [
            pd.Timestamp("2024-03-04T10:00Z"),
            pd.Timestamp("2024-03-05T09:30Z"),
        ]
        assert back.track.tolist() == ["pr", None]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "log.csv",
        "log.csv.gz",
        "log.jsonl",
        "log.jsonl.gz",
    ]


def test_it_leaves_no_half_written_log_when_events_fail(tmp_path: Path) -> None:
    def events():
        yield Interaction(datetime(2024, 3, 4, tzinfo=UTC), "bob", "alice", "learned")
        raise ValueError("the source broke")

    with pytest.raises(ValueError, match="the source broke"):
        write_log(events(), tmp_path / "log.csv")

    assert list(tmp_path.iterdir()) == []


def test_it_refuses_to_write_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="unknown log format"):
        write_log([], tmp_path / "log.txt")


# Bad input: each case once by default (counted and summarised), once strict (raises).


def test_it_skips_and_counts_malformed_rows(tmp_path: Path) -> None:
    log = write(tmp_path / "events.csv", HEADER + GOOD + "2024-03-05,bob,alice\n" + GOOD)

    result = read_log(log)

    assert (result.read, result.skipped, len(result.events)) == (3, 1, 2)
    problem = result.problems[0]
    assert (problem.line, problem.code, problem.value) == (
        3,
        "malformed-row",
        "2024-03-05,bob,alice",
    )
    assert (
        str(problem)
        == f"{log}:3: malformed row: expected 6 fields, found 3: '2024-03-05,bob,alice'"
    )
    assert "1 x malformed-row" in result.summary()
    with pytest.raises(LogError, match=r"events\.csv:3: malformed row.*'2024-03-05,bob,alice'"):
        read_log(log, strict=True)


def test_it_skips_and_counts_unknown_kinds(tmp_path: Path) -> None:
    log = write(tmp_path / "events.csv", HEADER + GOOD + "2024-03-05,bob,alice,wave,,\n")

    result = read_log(log)

    assert (result.skipped, result.skipped_by_reason) == (1, {"unknown-kind": 1})
    assert result.problems[0].message.startswith("unknown kind (known: accept, answer, ")
    assert result.problems[0].message.endswith("[aliases]): 'wave'")
    with pytest.raises(LogError, match=r"events\.csv:3: unknown kind .*'wave'"):
        read_log(log, strict=True)


def test_it_skips_and_counts_unparseable_times(tmp_path: Path) -> None:
    log = write(
        tmp_path / "events.csv",
        HEADER
        + "2024-13-45T10:00,bob,alice,learned,,\n"
        + GOOD
        + "last tuesday,bob,alice,learned,,\n",
    )

    result = read_log(log)

    assert [(p.line, p.value) for p in result.problems] == [
        (2, "2024-13-45T10:00"),
        (4, "last tuesday"),
    ]
    assert result.skipped_by_reason == {"bad-time": 2}
    with pytest.raises(LogError, match=r"events\.csv:2: time is not ISO-8601: '2024-13-45T10:00'"):
        read_log(log, strict=True)


def test_it_skips_and_counts_times_after_the_as_of_date(tmp_path: Path) -> None:
    log = write(
        tmp_path / "events.csv",
        HEADER
        + GOOD
        + "2024-07-01T00:00:00Z,bob,alice,learned,,\n"
        + "2999-01-01,bob,alice,learned,,\n",
    )

    as_of = read_log(log, as_of="2024-06-30")
    now = read_log(log)

    assert [p.line for p in as_of.problems] == [3, 4]
    assert (
        as_of.problems[0].message == "time is after 2024-06-30 23:59:59 UTC: '2024-07-01T00:00:00Z'"
    )
    assert [p.line for p in now.problems] == [4]  # without an as-of, the future means after now
    with pytest.raises(LogError, match=r"events\.csv:3: time is after 2024-06-30"):
        read_log(log, as_of="2024-06-30", strict=True)


def test_it_skips_and_counts_rows_without_actor_or_target(tmp_path: Path) -> None:
    log = write(
        tmp_path / "events.csv",
        HEADER + "2024-03-04,  ,alice,learned,,\n2024-03-04,bob,,learned,,\n",
    )

    result = read_log(log)

    assert result.skipped_by_reason == {"empty-actor": 1, "empty-target": 1}
    with pytest.raises(LogError, match=r"events\.csv:2: actor is empty"):
        read_log(log, strict=True)


@pytest.mark.parametrize("name", ["empty.csv", "empty.jsonl", "empty.parquet", "blank.csv"])
def test_it_reports_an_empty_file(tmp_path: Path, name: str) -> None:
    empty = write(tmp_path / name, "\n\n" if name.startswith("blank") else "")
    good = write(tmp_path / "good.csv", HEADER + GOOD)

    result = read_log([empty, good])

    assert (len(result.events), result.files_skipped) == (1, 1)
    assert str(result.problems[0]) == f"{empty}: empty file"
    assert f"file skipped: {empty}: empty file" in result.summary()
    with pytest.raises(LogError, match=f"{name}: empty file"):
        read_log([empty, good], strict=True)


def test_it_reports_json_lines_in_a_csv_file(tmp_path: Path) -> None:
    log = write(tmp_path / "events.csv", '{"time": "2024-03-04", "actor": "bob"}\n')

    result = read_log(log)

    assert str(result.problems[0]) == f"{log}: looks like JSON, not CSV: name it .jsonl"
    with pytest.raises(LogError, match="looks like JSON, not CSV"):
        read_log(log, strict=True)


def test_it_reports_a_json_row_inside_a_csv_file(tmp_path: Path) -> None:
    log = write(
        tmp_path / "events.csv",
        HEADER + GOOD + '{"time": "2024-03-04", "actor": "bob", "target": "alice"}\n',
    )

    result = read_log(log)

    assert (len(result.events), result.skipped_by_reason) == (1, {"mixed-format": 1})
    with pytest.raises(LogError, match=r"events\.csv:3: a JSON object in a CSV file"):
        read_log(log, strict=True)


def test_it_reports_csv_in_a_json_lines_file(tmp_path: Path) -> None:
    whole = write(tmp_path / "whole.jsonl", HEADER + GOOD)
    mixed = write(
        tmp_path / "mixed.jsonl",
        json.dumps({"time": "2024-03-04", "actor": "bob", "target": "alice", "kind": "learned"})
        + "\n"
        + GOOD,
    )

    result = read_log([whole, mixed])

    assert str(result.problems[0]) == f"{whole}: looks like CSV, not JSON Lines: name it .csv"
    assert (result.problems[1].line, result.problems[1].code) == (2, "malformed-row")
    assert len(result.events) == 1
    with pytest.raises(LogError, match=r"mixed\.jsonl:2: not valid JSON"):
        read_log(mixed, strict=True)


def test_it_reports_a_file_whose_content_is_not_its_extension(tmp_path: Path) -> None:
    pq.write_table(pa.table({"time": ["2024-03-04"]}), tmp_path / "really-parquet.csv")
    write(tmp_path / "not.parquet", HEADER + GOOD)
    write(tmp_path / "not.csv.gz", HEADER + GOOD)

    result = read_log(
        [tmp_path / "really-parquet.csv", tmp_path / "not.parquet", tmp_path / "not.csv.gz"]
    )

    assert [p.message for p in result.problems] == [
        "a Parquet file, not CSV: name it .parquet",
        "not a Parquet file (it does not start with PAR1)",
        "named .gz but not gzip-compressed",
    ]
    assert result.files_skipped == 3


def test_it_reports_missing_columns(tmp_path: Path) -> None:
    log = write(tmp_path / "events.csv", "when,who,whom,kind\n2024-03-04,bob,alice,learned\n")

    result = read_log(log)

    assert str(result.problems[0]) == (
        f"{log}: missing columns time, actor, target (the header has 'when', 'who', 'whom', 'kind')"
    )


def test_it_names_the_physical_line_after_a_multi_line_field(tmp_path: Path) -> None:
    log = write(
        tmp_path / "events.csv",
        HEADER + '2024-03-04,bob,alice,learned,,"a\nlong\nthread"\n' + "bad,bob,alice,learned,,\n",
    )

    assert read_log(log).problems[0].line == 5


def test_it_refuses_bad_events_given_in_memory() -> None:
    events = [
        Interaction(datetime(2024, 3, 4, tzinfo=UTC), "bob", "alice", "learned"),
        Interaction(datetime(2024, 3, 5, tzinfo=UTC), "bob", "alice", "wave"),
    ]

    with pytest.raises(LogError, match=r"<events> row 2: unknown kind .*'wave'"):
        analyze_events(events)


def test_it_refuses_to_analyse_nothing() -> None:
    with pytest.raises(LogError, match="no events to analyse"):
        analyze_events([])


def test_it_accepts_events_as_a_dataframe() -> None:
    frame = pd.DataFrame(
        {
            "time": pd.to_datetime(["2024-03-04", "2024-03-11", "2024-03-18"], utc=True),
            "actor": ["bob"] * 3,
            "target": ["alice"] * 3,
            "kind": ["learned"] * 3,
        }
    )

    analysis = analyze_events(frame, rules=Rules())

    assert analysis.tie("bob", "alice")["label"] == "mentor"  # type: ignore[index]


def test_it_creates_the_directory_a_log_is_written_into(tmp_path):
    from datetime import UTC, datetime

    from mentormesh.engine.events import Interaction
    from mentormesh.engine.logio import write_log

    target = tmp_path / "new" / "dir" / "log.csv"
    assert (
        write_log([Interaction(datetime(2024, 1, 1, tzinfo=UTC), "a", "b", "learned")], target) == 1
    )
    assert target.read_text().startswith("time,actor,target,kind,track,context")
