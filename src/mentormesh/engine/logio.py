"""Reading and writing the interaction log, format v1 (docs/interaction-log.md).

Every row is checked; a bad row becomes a :class:`Problem` naming its file, line, column and
value. By default bad rows are skipped, counted and summarised; ``strict=True`` raises
:class:`LogError` at the first one. A file that is not what its name says (empty, JSON in a
``.csv``, not Parquet, not gzip) is a file-level problem. Nothing is guessed silently.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mentormesh.engine.errors import LogError, Problem, shown
from mentormesh.engine.events import LOG_COLUMNS, Interaction
from mentormesh.engine.rules import Rules

REQUIRED_COLUMNS = ("time", "actor", "target", "kind")
TEXT_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MAX_PROBLEMS_KEPT = 10_000

EVENTS_SCHEMA = pa.schema(
    [
        ("time", pa.timestamp("us", tz="UTC")),
        ("actor", pa.string()),
        ("target", pa.string()),
        ("kind", pa.string()),
        ("track", pa.string()),
        ("context", pa.string()),
    ]
)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class LogReadResult:
    """The valid events of one or more log files, and an account of everything skipped."""

    events: pa.Table
    problems: list[Problem] = field(default_factory=list)
    read: int = 0
    skipped: int = 0
    files: list[str] = field(default_factory=list)
    files_skipped: int = 0
    notes: list[str] = field(default_factory=list)
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    sources: dict[str, str] = field(default_factory=dict)

    def to_pandas(self) -> pd.DataFrame:
        return self.events.to_pandas()

    def summary(self) -> str:
        """Two or three lines: what was read, what was skipped and why (first example each)."""
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        text = f"read {self.read} rows from {files}: {len(self.events)} events"
        if self.skipped:
            text += f", {self.skipped} bad rows skipped"
        if self.files_skipped:
            text += f", {self.files_skipped} file{'s' if self.files_skipped != 1 else ''} skipped"
        lines = [text]
        first: dict[str, Problem] = {}
        for problem in self.problems:
            first.setdefault(problem.code, problem)
        for code, count in self.skipped_by_reason.most_common():
            example = first.get(code)
            lines.append(f"  {count} x {code}" + (f", e.g. {example}" if example else ""))
        for problem in self.problems:
            if problem.line is None:
                lines.append(f"  file skipped: {problem}")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


@dataclass
class _Collector:
    """What reading one file yields before its values are checked."""

    file: str
    lines: list[int] = field(default_factory=list)
    columns: dict[str, list[Any]] = field(default_factory=lambda: {c: [] for c in LOG_COLUMNS})
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0

    def add(self, line: int, values: dict[str, Any]) -> None:
        self.lines.append(line)
        for column in LOG_COLUMNS:
            self.columns[column].append(values.get(column))

    def bad_row(self, line: int, message: str, value: object, code: str) -> None:
        problem = Problem(
            self.file, line, None, raw_text(value), f"{message}: {shown(value)}", code
        )
        self.problems.append(problem)


class FileProblem(Exception):
    """The file as a whole cannot be read (empty, wrong format); becomes a file-level Problem."""

    def __init__(self, message: str, code: str = "unreadable-file") -> None:
        super().__init__(message)
        self.code = code


def read_log(
    paths: str | Path | Iterable[str | Path],
    *,
    strict: bool = False,
    rules: Rules | None = None,
    as_of: datetime | date | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> LogReadResult:
    """Read interaction logs (``.csv``, ``.jsonl``/``.ndjson``, optionally ``.gz``, ``.parquet``).

    Kinds are normalised and aliases applied (``rules``); times later than ``as_of`` (default:
    now) are errors. ``strict=True`` raises :class:`LogError` at the first bad row or file.
    """
    rules = rules or Rules()
    limit = as_of_limit(as_of)
    files = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    result = LogReadResult(events=EVENTS_SCHEMA.empty_table())
    tables = []
    for path in files:
        if progress:
            progress(f"reading {path}")
        one = read_one(path, rules, limit)
        result.files.append(str(path))
        result.notes.extend(one.notes)
        result.read += one.rows
        if one.source:
            result.sources[str(path)] = one.source
        file_problems = [p for p in one.problems if p.line is None]
        row_problems = sorted(
            (p for p in one.problems if p.line is not None), key=lambda p: p.line or 0
        )
        if strict and (file_problems or row_problems):
            raise LogError((file_problems or row_problems)[0])
        result.files_skipped += len(file_problems)
        result.skipped += len(row_problems)
        result.skipped_by_reason.update(p.code for p in row_problems)
        room = MAX_PROBLEMS_KEPT - len(result.problems)
        result.problems.extend((file_problems + row_problems)[: max(room, len(file_problems))])
        tables.append(one.table)
    if tables:
        result.events = pa.concat_tables(tables)
    return result


@dataclass
class FileRead:
    """One file's valid events, its problems and notes, how many rows it had, and the source
    it was converted from (None for a log file)."""

    table: pa.Table
    problems: list[Problem]
    notes: list[str]
    rows: int
    source: str | None = None


def read_one(path: Path, rules: Rules, limit: pd.Timestamp) -> FileRead:
    if not path.exists():
        raise LogError(f"{path}: no such file or directory")
    collected = _Collector(str(path))
    try:
        source = source_name(path)
        if source is not None:
            return read_source(path, source, rules, limit)
        fmt, gz = log_format(path)
        check_magic(path, fmt, gz)
        if fmt == "parquet":
            return read_parquet(path, rules, limit)
        reader = read_csv_rows if fmt == "csv" else read_jsonl_rows
        reader(path, gz, collected)
    except FileProblem as exc:
        problem = Problem(str(path), None, None, None, str(exc), exc.code)
        return FileRead(EVENTS_SCHEMA.empty_table(), [problem], [], 0)
    lines = np.asarray(collected.lines, dtype=np.int64)
    table, problems = validate_columns(collected.file, lines, collected.columns, rules, limit)
    return FileRead(table, collected.problems + problems, collected.notes, collected.rows)


def source_name(path: Path) -> str | None:
    """The source converter for a path that is not a log file (a dump directory, a git
    repository), found by ``mentormesh.engine.sources.detect_source``; None for log files."""
    if path.is_file() and log_suffix(path):
        return None
    try:
        from mentormesh.engine.sources import detect_source
    except ImportError:  # converters not installed: only log files can be read
        name = None
    else:
        name = detect_source(path)
    if name is None and path.is_dir():
        raise FileProblem(
            "a directory that is not a known source (a Stack Exchange dump, a git repository)",
            "unknown-source",
        )
    return name


def read_source(path: Path, source: str, rules: Rules, limit: pd.Timestamp) -> FileRead:
    """Convert a source on the fly and check its events like a log's rows."""
    from mentormesh.engine.sources import SOURCES, SourceStats

    stats = SourceStats()
    try:
        columns, count = interaction_columns(SOURCES[source](path, stats=stats))
    except (ValueError, OSError) as exc:  # SourceError is a ValueError naming file and line
        text = str(exc).removeprefix(f"{path}: ")
        raise FileProblem(f"cannot read as {source}: {text}", "unreadable-source") from None
    if count == 0:
        raise FileProblem(f"no interactions found in this {source} source", "empty-file")
    lines = np.arange(1, count + 1, dtype=np.int64)
    table, problems = validate_columns(str(path), lines, columns, rules, limit, "event")
    return FileRead(table, problems, [f"{path}: {source}: {stats.summary()}"], count, source)


def log_suffix(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    return any(s in TEXT_SUFFIXES or s == ".parquet" for s in suffixes)


def log_format(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = suffixes[-2] if gz and len(suffixes) == 2 else (suffixes[-1] if suffixes else "")
    if suffix == ".parquet" and not gz:
        return "parquet", False
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix], gz
    raise FileProblem(
        "unknown log format: name the file .csv, .jsonl, .ndjson or .parquet "
        "(.csv.gz and .jsonl.gz for compressed text)",
        "unknown-format",
    )


def check_magic(path: Path, fmt: str, gz: bool) -> None:
    with path.open("rb") as fh:
        head = fh.read(4)
    if not head:
        raise FileProblem("empty file", "empty-file")
    if gz and head[:2] != b"\x1f\x8b":
        raise FileProblem("named .gz but not gzip-compressed", "mixed-format")
    if not gz and head[:2] == b"\x1f\x8b":
        raise FileProblem(f"gzip-compressed: name it {path.name}.gz", "mixed-format")
    if fmt != "parquet" and head == b"PAR1":
        raise FileProblem(f"a Parquet file, not {fmt.upper()}: name it .parquet", "mixed-format")
    if fmt == "parquet" and head != b"PAR1":
        raise FileProblem("not a Parquet file (it does not start with PAR1)", "mixed-format")


def open_text_for_writing(path: Path, gz: bool) -> IO[str]:
    if gz:
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    return path.open("w", encoding="utf-8", newline="")


def text_lines(path: Path, gz: bool) -> Iterator[str]:
    """The file's lines, decoded as UTF-8 (a BOM is dropped); a bad byte is a file problem."""
    number = 0
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as fh:
            for number, raw in enumerate(fh, 1):
                text = raw.decode("utf-8")
                yield text[1:] if number == 1 and text.startswith("\ufeff") else text
    except UnicodeDecodeError:
        raise FileProblem(f"line {number}: not UTF-8 text", "not-text") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise FileProblem(f"cannot decompress: {exc}", "mixed-format") from None


def csv_rows(path: Path, gz: bool) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower-cased names) and the rows of a CSV file, each with the physical line
    it starts on; blank lines are skipped. An empty file or JSON is a file problem."""
    reader = csv.reader(text_lines(path, gz))
    header = next(reader, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(reader, None)
    if header is None:
        raise FileProblem("empty file", "empty-file")
    if header[0].lstrip().startswith(("{", "[")):
        raise FileProblem("looks like JSON, not CSV: name it .jsonl", "mixed-format")

    def rows() -> Iterator[tuple[int, list[str]]]:
        previous = reader.line_num
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if row and (len(row) > 1 or row[0].strip()):
                yield start, row

    return [h.strip().lower() for h in header], rows()


def read_csv_rows(path: Path, gz: bool, out: _Collector) -> None:
    names, rows = csv_rows(path, gz)
    columns = check_header(names, out)
    for start, row in rows:
        out.rows += 1
        if row[0].lstrip().startswith("{"):
            out.bad_row(start, "a JSON object in a CSV file", ",".join(row), "mixed-format")
        elif len(row) != len(names):
            message = f"malformed row: expected {len(names)} fields, found {len(row)}"
            out.bad_row(start, message, ",".join(row), "malformed-row")
        else:
            out.add(start, {name: row[i] for name, i in columns.items()})


def check_header(names: list[str], out: _Collector) -> dict[str, int]:
    """The position of each log column; missing required columns are a file problem."""
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise FileProblem(f"column {duplicated[0]!r} appears twice in the header", "bad-header")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        found = ", ".join(repr(n) for n in names[:8])
        raise FileProblem(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the header has {found})",
            "bad-header",
        )
    note_extra_columns(names, out)
    return {name: names.index(name) for name in LOG_COLUMNS if name in names}


def note_extra_columns(names: Iterable[str], out: _Collector) -> None:
    extra = sorted(set(names) - set(LOG_COLUMNS))
    if extra:
        listed = ", ".join(repr(n) for n in extra)
        out.notes.append(
            f"{out.file}: ignored unknown column{'s' if len(extra) > 1 else ''} {listed}"
        )


def read_jsonl_rows(path: Path, gz: bool, out: _Collector) -> None:
    extra: set[str] = set()
    seen_object = False
    for number, text in enumerate(text_lines(path, gz), 1):
        if not text.strip():
            continue
        out.rows += 1
        try:
            record = json.loads(text)
        except ValueError:
            if not seen_object and "," in text and "{" not in text:
                raise FileProblem(
                    "looks like CSV, not JSON Lines: name it .csv", "mixed-format"
                ) from None
            out.bad_row(number, "not valid JSON", text.rstrip("\n"), "malformed-row")
            continue
        if not isinstance(record, dict):
            out.bad_row(number, "not a JSON object", text.rstrip("\n"), "malformed-row")
            continue
        seen_object = True
        extra.update(k for k in record if k not in LOG_COLUMNS)
        values, error = json_values(record)
        if error:
            out.bad_row(number, error[0], error[1], "malformed-row")
        else:
            out.add(number, values)
    if out.rows == 0:
        raise FileProblem("empty file", "empty-file")
    if not seen_object and out.problems:
        raise FileProblem(
            f"no JSON object in the file (line 1: {out.problems[0].value})", "mixed-format"
        )
    note_extra_columns(extra, out)


def json_values(record: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, object] | None]:
    """Text values of one JSON record; ids may be numbers; anything else is an error."""
    values: dict[str, Any] = {}
    for column in LOG_COLUMNS:
        value = record.get(column)
        if column in REQUIRED_COLUMNS and column not in record:
            return values, (f"missing {column!r}", record)
        if isinstance(value, bool | list | dict):
            return values, (f"{column} must be text, not {type(value).__name__}", value)
        if isinstance(value, int | float) and column != "time":
            value = str(value)
        values[column] = value
    return values, None


def read_parquet(path: Path, rules: Rules, limit: pd.Timestamp) -> FileRead:
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise FileProblem(f"not a readable Parquet file: {exc}", "mixed-format") from None
    out = _Collector(str(path))
    names = [n.strip().lower() for n in table.column_names]
    positions = check_header(names, out)
    if table.num_rows == 0:
        raise FileProblem("empty file (no rows)", "empty-file")
    columns: dict[str, Any] = {}
    for column in LOG_COLUMNS:
        if column in positions:
            values = table.column(positions[column])
            kind = values.type
            if (column == "time" and pa.types.is_timestamp(kind)) or (
                column != "time" and (pa.types.is_string(kind) or pa.types.is_large_string(kind))
            ):
                columns[column] = values  # checked in Arrow, no Python object per value
            else:
                columns[column] = values.to_pandas().map(parquet_text, na_action="ignore")
        else:
            columns[column] = [None] * table.num_rows
    lines = np.arange(1, table.num_rows + 1, dtype=np.int64)
    events, problems = validate_columns(out.file, lines, columns, rules, limit, "row")
    return FileRead(events, problems, out.notes, table.num_rows)


def parquet_text(value: object) -> object:
    """Parquet ids may be integers; other values are passed on for the checks to judge."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return str(value)
    return value


def validate_columns(
    file: str,
    lines: np.ndarray,
    columns: dict[str, Any],
    rules: Rules,
    limit: pd.Timestamp,
    unit: str = "line",
) -> tuple[pa.Table, list[Problem]]:
    """Check and normalise every row at once; return the valid events and one problem per bad row."""
    count = len(lines)
    times = parse_times(columns["time"])
    actor = text_column(columns["actor"])
    target = text_column(columns["target"])
    raw_kind = text_column(columns["kind"])
    kind = resolve_kinds(raw_kind, rules)
    checks = [
        ("bad-time", "time", times.isna().to_numpy(), "time is not ISO-8601"),
        (
            "future-time",
            "time",
            (times > limit).to_numpy(),
            f"time is after {limit:%Y-%m-%d %H:%M:%S} UTC",
        ),
        ("empty-actor", "actor", is_empty(actor), "actor is empty"),
        ("empty-target", "target", is_empty(target), "target is empty"),
        ("unknown-kind", "kind", kind.is_null().to_numpy(zero_copy_only=False), "unknown kind"),
    ]
    bad = np.zeros(count, dtype=bool)
    problems: list[Problem] = []
    for code, column, mask, message in checks:
        fresh = mask & ~bad
        bad |= mask
        raw = columns[column]
        for i in np.flatnonzero(fresh):
            value = raw[i] if not isinstance(raw, pa.ChunkedArray | pa.Array) else raw[i].as_py()
            text = unknown_kind_message(value, rules) if code == "unknown-kind" else message
            message = f"{text}: {shown(value)}"
            problems.append(
                Problem(file, int(lines[i]), column, raw_text(value), message, code, unit)
            )
    keep = pa.array(~bad)
    table = pa.table(
        {
            "time": pa.array(times.dt.as_unit("us"), type=pa.timestamp("us", tz="UTC")),
            "actor": actor,
            "target": target,
            "kind": kind,
            "track": normalise_tracks(text_column(columns["track"])),
            "context": blank_to_null(text_column(columns["context"])),
        },
        schema=EVENTS_SCHEMA,
    )
    if not bad.any():  # filtering copies every column; with no bad row there is nothing to drop
        return table, problems
    return table.filter(keep), problems


def parse_times(values: Any) -> pd.Series:
    """Times as UTC; text must be ISO-8601 (no offset means UTC); anything else becomes NaT."""
    if isinstance(values, pa.ChunkedArray | pa.Array):
        if pa.types.is_timestamp(values.type):
            series = pd.Series(values.to_pandas())
            if series.dt.tz is None:
                return series.dt.tz_localize("UTC")
            return series.dt.tz_convert("UTC")
        values = values.to_pandas()
    series = pd.Series(values, dtype=object)
    return pd.to_datetime(series, utc=True, format="ISO8601", errors="coerce")


def text_column(values: Any) -> pa.Array:
    """Strings, stripped of surrounding whitespace; anything that is not text becomes null."""
    if isinstance(values, pa.ChunkedArray | pa.Array):
        array = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    else:
        array = pa.array([v if isinstance(v, str) else None for v in values], type=pa.string())
    if pa.types.is_integer(array.type) or pa.types.is_large_string(array.type):
        array = pc.cast(array, pa.string())
    elif not pa.types.is_string(array.type):
        array = pa.array(
            [v if isinstance(v, str) else None for v in array.to_pylist()], type=pa.string()
        )
    return pc.utf8_trim_whitespace(array)


def is_empty(array: pa.Array) -> np.ndarray:
    return pc.fill_null(pc.equal(array, ""), True).to_numpy(zero_copy_only=False)


def raw_text(value: object) -> str | None:
    return None if value is None else str(value)[:200]


def blank_to_null(array: pa.Array) -> pa.Array:
    return pc.if_else(pc.fill_null(pc.equal(array, ""), True), pa.scalar(None, pa.string()), array)


def per_distinct(array: pa.Array, change: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``change`` applied to each distinct value once (a column of a few tracks or kinds has
    far fewer distinct values than rows), then spread back over the rows."""
    encoded = array.dictionary_encode()
    return pc.take(change(encoded.dictionary), encoded.indices)


def normalise_tracks(array: pa.Array) -> pa.Array:
    """Same rule as rules.normalise_track, on a whole column."""

    def normalise(tracks: pa.Array) -> pa.Array:
        tracks = pc.utf8_ltrim(pc.utf8_trim_whitespace(tracks), characters="#")
        return blank_to_null(pc.utf8_lower(pc.utf8_trim_whitespace(tracks)))

    return per_distinct(array, normalise)


def resolve_kinds(raw: pa.Array, rules: Rules) -> pa.Array:
    """Each row's known kind (aliases applied), or null for an unknown kind."""

    def resolve(distinct: pa.Array) -> pa.Array:
        lowered = pc.utf8_lower(distinct).to_pylist()
        return pa.array(
            [rules.resolve_kind(k) if k is not None else None for k in lowered], pa.string()
        )

    return per_distinct(raw, resolve)


def unknown_kind_message(value: object, rules: Rules) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "kind is empty"
    known = ", ".join(sorted(rules.kinds))
    return f"unknown kind (known: {known}; map others in the rules file's [aliases])"


def as_of_limit(as_of: datetime | date | str | None) -> pd.Timestamp:
    """The latest time an event may have: ``as_of`` (a date means its end), or now."""
    if as_of is None:
        return pd.Timestamp(datetime.now(UTC))
    moment = parse_as_of(as_of)
    return pd.Timestamp(moment)


def parse_as_of(as_of: datetime | date | str) -> datetime:
    """A moment in UTC; a bare date stands for the end of that day."""
    if isinstance(as_of, str):
        text = as_of.strip()
        try:
            as_of = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise LogError(f"as-of {as_of!r} is not an ISO-8601 date or time") from None
    if isinstance(as_of, datetime):
        return as_of.replace(tzinfo=UTC) if as_of.tzinfo is None else as_of.astimezone(UTC)
    end_of_day = datetime.combine(as_of + timedelta(days=1), time.min, tzinfo=UTC)
    return end_of_day - timedelta(microseconds=1)


def events_table(
    events: pa.Table | pd.DataFrame | Iterable[Interaction],
    rules: Rules,
    as_of: datetime | date | str | None = None,
    *,
    source: str = "<events>",
) -> pa.Table:
    """Events given in memory, checked like a log file; any bad row raises LogError."""
    if isinstance(events, pd.DataFrame):
        names, count = [str(c) for c in events.columns], len(events)
        columns = {c: events[c].tolist() if c in names else [None] * count for c in LOG_COLUMNS}
    elif isinstance(events, pa.Table):
        names, count = events.column_names, events.num_rows
        columns = {c: events.column(c) if c in names else [None] * count for c in LOG_COLUMNS}
    else:
        columns, count = interaction_columns(events)
        names = list(LOG_COLUMNS)
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise LogError(
            f"{source}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        )
    lines = np.arange(1, count + 1, dtype=np.int64)
    table, problems = validate_columns(source, lines, columns, rules, as_of_limit(as_of), "row")
    if problems:
        more = f" (and {len(problems) - 1} more bad rows)" if len(problems) > 1 else ""
        raise LogError(f"{problems[0]}{more}")
    return table


def interaction_columns(events: Iterable[Interaction]) -> tuple[dict[str, Any], int]:
    columns: dict[str, Any] = {c: [] for c in LOG_COLUMNS}
    count = 0
    for event in events:
        for column, value in zip(LOG_COLUMNS, event, strict=True):
            columns[column].append(value)
        count += 1
    return columns, count


def write_log(events: Iterable[Interaction], path: str | Path) -> int:
    """Write events as CSV (with header) or JSON Lines, by the file's extension; returns the count.

    ``.gz`` compresses either. Times are written in UTC with an explicit offset; a naive time is
    taken to be UTC already (the log's own rule). The file appears only once it is complete.
    """
    path = Path(path)
    try:
        fmt, gz = log_format(path)
    except FileProblem as exc:
        raise LogError(f"{path}: {exc}") from None
    if fmt == "parquet":
        raise LogError(f"{path}: write_log writes .csv or .jsonl (optionally .gz)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LogError(f"{path}: cannot create its directory: {exc.strerror}") from None
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    written = 0
    try:
        with open_text_for_writing(temp, gz) as fh:
            writer = csv.writer(fh) if fmt == "csv" else None
            if writer:
                writer.writerow(LOG_COLUMNS)
            for event in events:
                row = event_fields(event)
                if writer:
                    writer.writerow(["" if v is None else v for v in row])
                else:
                    record = dict(zip(LOG_COLUMNS, row, strict=True))
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return written


def event_fields(event: Interaction) -> tuple[str | None, ...]:
    moment = event.time
    if not isinstance(moment, datetime):
        raise LogError(f"event time must be a datetime, not {moment!r}: {event!r}")
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return (moment.isoformat(), event.actor, event.target, event.kind, event.track, event.context)
