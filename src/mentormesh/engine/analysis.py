"""The engine's front door: events in, an :class:`Analysis` out (ties, members, summary).

``analyze_events`` works on events in memory; ``analyze`` reads log files (and sources),
analyses them and writes ``ties.csv``, ``members.csv`` and ``report.html``.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeAlias

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from ibis.backends import BaseBackend

from mentormesh.engine import backends, labels, maps, ties
from mentormesh.engine.errors import LogError, Problem
from mentormesh.engine.events import Interaction
from mentormesh.engine.logio import LogReadResult, events_table, parse_as_of, read_log
from mentormesh.engine.members import (
    Members,
    experience_years,
    members_frame,
    members_from_sources,
    read_members,
)
from mentormesh.engine.rules import Rules, load_rules

Events: TypeAlias = pa.Table | pd.DataFrame | Iterable[Interaction]
Progress = Callable[[str], None]

TIES_CSV_COLUMNS = (
    "learner",
    "teacher",
    "track",
    "label",
    "score",
    "weeks",
    "reciprocal_weeks",
    "focus",
    "reliance",
    "first",
    "last",
    "explanation",
    "strength",
    "events",
    "reciprocal_strength",
)


@dataclass
class Analysis:
    """The result: ``ties`` and ``members`` as DataFrames, ``summary`` counts, mentor maps."""

    ties: pd.DataFrame
    members: pd.DataFrame
    summary: dict[str, Any]
    rules: Rules
    as_of: datetime
    people: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reading: LogReadResult | None = field(default=None, repr=False)
    credits_expr: ir.Table | None = field(default=None, repr=False)
    backend: BaseBackend | None = field(default=None, repr=False)
    coded: ties.Coded | None = field(default=None, repr=False)
    _credits: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def credits(self) -> pd.DataFrame:
        """Every event as a learning credit, with ``ignored`` saying why one did not count
        (self, bot, old, zero, followup). Computed on first use, on the analysis backend."""
        if self._credits is None:
            if self.credits_expr is None or self.backend is None or self.coded is None:
                raise LogError("this analysis kept no credits")
            coded = self.backend.to_pyarrow(self.credits_expr)
            self._credits = credits_frame(ties.decode(coded, self.coded).to_pandas())
        return self._credits

    def member_ids(self) -> list[str]:
        return list(self.members.id)

    def mentor_map(self, member_id: str) -> maps.MentorMap:
        """One member's mentors, mentees, peers, coverage by track and gaps."""
        return self.mentor_maps([member_id])[0]

    def mentor_maps(self, member_ids: Iterable[str]) -> list[maps.MentorMap]:
        """The maps of many members at once (one pass over the labelled ties)."""
        wanted = list(member_ids)
        people = {p.id: p for p in self.people.itertuples(index=False)}
        unknown = [m for m in wanted if m not in people]
        if unknown:
            raise KeyError(f"no member {unknown[0]!r} in this analysis")
        labelled = self.ties[self.ties.label != ""]
        rows: dict[str, list[Any]] = {m: [] for m in wanted}
        for row in labelled.itertuples(index=False):
            for side in {row.learner, row.teacher}:
                if side in rows:
                    rows[side].append(row)
        return [maps.mentor_map(m, rows[m], people[m]) for m in wanted]

    def tie(self, learner: str, teacher: str, track: str = ties.OVERALL) -> dict[str, Any] | None:
        """The tie where ``learner`` learns from ``teacher`` (overall, or in one track)."""
        t = self.ties
        rows = t[(t.learner == learner) & (t.teacher == teacher) & (t.track == track)]
        return None if rows.empty else dict(rows.iloc[0])

    def labelled(self, track: str = ties.OVERALL) -> pd.DataFrame:
        t = self.ties
        return t[(t.track == track) & (t.label != "")]


def analyze_events(
    events: Events,
    *,
    members: Members | str | Path | None = None,
    rules: Rules | None = None,
    backend: str = "duckdb",
    as_of: datetime | date | str | None = None,
    spark_session: Any = None,
    spark_master: str | None = None,
    strict: bool = False,
) -> Analysis:
    """Analyse interaction events (an Arrow table, a DataFrame or Interactions).

    ``as_of`` defaults to the latest event's time, so an old export reads as it was then.
    ``strict`` makes a members file that shares no id with the log an error.
    """
    started = time.perf_counter()
    rules = rules or Rules()
    table = events_table(events, rules, as_of)
    del events  # a checked copy is all that is needed (the caller may let the original go)
    if table.num_rows == 0:
        raise LogError("no events to analyse")
    moment = parse_as_of(as_of) if as_of is not None else latest_time(table)
    if isinstance(members, str | Path):
        members = read_members(members)
    coded = ties.encode_events(table, rules)
    del table  # the codes are all the backend needs
    everyone = coded.people.to_pylist()
    problems = members.disagreements(everyone) if members is not None else []
    if strict and problems:
        raise LogError(problems[0])
    window = ties.Window.of(int(moment.timestamp()), rules)
    con = backends.connect(backend, spark_session=spark_session, spark_master=spark_master)
    bots = [code for code, member in enumerate(everyone) if rules.is_bot(member)]
    years = known_experience(everyone, members, moment)
    credits = ties.flagged_credits(ibis.memtable(coded.table), rules, window, bots)
    with cached(con, credits) as computed:
        found = labels.with_labels(ties.tie_stats(computed, rules), rules, window.as_of_week, years)
        raw = con.to_pyarrow(found.order_by(list(ties.TIE_ORDER)))
        counts = con.execute(ties.credit_counts(computed)).iloc[0].to_dict()
    in_ties = pc.unique(
        pa.chunked_array(
            raw.column("teacher").chunks + raw.column("learner").chunks,
            raw.schema.field("teacher").type,  # no chunks at all when no tie was found
        )
    )
    people = members_frame(members, pc.take(coded.people, in_ties).to_pylist(), moment)
    names = {i: n for i, n in zip(people.id, people.name, strict=True) if isinstance(n, str)}
    fetched = [raw]  # handed over, so that tie_frame can let each column go once converted
    del raw
    labelled = tie_frame(fetched, coded, window.as_of_week, years, names)
    analysis = Analysis(
        ties=labelled,
        members=maps.members_table(labelled[labelled.label != ""], people),
        summary={},
        rules=rules,
        as_of=moment,
        people=people,
        problems=problems,
        notes=list(members.notes) if members is not None else [],
        credits_expr=credits,
        backend=con,
        coded=coded,
    )
    analysis.summary = summarise(analysis, counts, backend, members, time.perf_counter() - started)
    return analysis


def cached(con: BaseBackend, table: ir.Table) -> ir.CachedTable:
    """``table`` computed once on ``con`` (a temporary table, or a persisted Spark DataFrame),
    released when the ``with`` block ends. ``Table.cache()`` would pick Ibis's default backend
    for an in-memory table, so this does what it does on ours: register the in-memory tables
    (as ``execute`` would; Spark's cache does not) and cache. Private Ibis API: ibis is pinned."""
    con._run_pre_execute_hooks(table)
    with warnings.catch_warnings():  # ibis 12 calls a DuckDB 1.5 method deprecated upstream
        warnings.filterwarnings("ignore", "fetch_arrow_table", DeprecationWarning)
        return con._cached_table(table)


def known_experience(
    everyone: list[str], members: Members | None, moment: datetime
) -> dict[int, float]:
    """Years of experience by person code, for the people the members file knows (rounded as
    in the members table)."""
    if members is None:
        return {}
    years = {}
    for code, member_id in enumerate(everyone):
        member = members.get(member_id)
        value = experience_years(member, moment) if member is not None else None
        if value is not None:
            years[code] = value
    return years


def tie_frame(
    fetched: list[pa.Table],
    coded: ties.Coded,
    as_of_week: int,
    years: dict[int, float],
    names: dict[str, str],
) -> pd.DataFrame:
    """The labelled ties (codes, ``label`` as a code; the one table in ``fetched``, which this
    empties) as the documented DataFrame: names, label text, an explanation for each labelled
    tie, times in UTC, the documented columns."""
    raw = fetched.pop()
    codes = raw.column("label").to_numpy()
    picked = np.flatnonzero(codes)
    named = named_ties_of(raw, picked)
    decoded = ties.decode(raw.drop_columns(["label"]), coded)
    del raw
    texts = pa.array(labels.LABEL_CODES, pa.string())
    decoded = decoded.append_column("label", pc.take(texts, pa.array(codes.astype(np.int32))))
    written = labels.explanations(
        compact_frame(decoded.take(picked)),
        compact_frame(decoded.take(named)),
        as_of_week,
        {coded.people[code].as_py(): value for code, value in years.items()},
        names,
    )
    at = np.full(len(codes), len(written), dtype=np.int32)
    at[picked] = np.arange(len(written), dtype=np.int32)
    explanation = pc.take(pa.array([*written, ""], pa.string()), pa.array(at))
    decoded = decoded.append_column("explanation", explanation)
    for column in ("first", "last"):  # epoch seconds to UTC times, as pandas.to_datetime does
        index = decoded.schema.get_field_index(column)
        seconds = pc.cast(decoded.column(column), pa.int64())
        nanos = pc.multiply_checked(seconds, 1_000_000_000).cast(pa.timestamp("ns", tz="UTC"))
        decoded = decoded.set_column(index, column, nanos)
    extra = [c for c in decoded.column_names if c not in TIES_CSV_COLUMNS]
    ordered = decoded.select([*TIES_CSV_COLUMNS, *extra])
    del decoded
    # One column at a time, each Arrow buffer released once converted: millions of ties are
    # never held twice.
    return ordered.to_pandas(
        types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get,
        split_blocks=True,
        self_destruct=True,
    )


def named_ties_of(raw: pa.Table, picked: np.ndarray) -> np.ndarray:
    """The rows of the named-track ties of the pairs whose overall tie is labelled (``picked``
    rows), found on the codes; pairs are keyed only where the teacher could match."""
    track = raw.column("track").to_numpy()
    wanted = picked[track[picked] == ties.OVERALL_CODE]
    teacher, learner = raw.column("teacher"), raw.column("learner")
    teachers = pa.array(teacher.take(pa.array(wanted)).to_numpy())
    maybe = pc.and_(
        pc.not_equal(raw.column("track"), ties.OVERALL_CODE), pc.is_in(teacher, teachers)
    )
    rows = np.flatnonzero(maybe.to_numpy(zero_copy_only=False))
    width = int(pc.max(learner).as_py() or 0) + 1

    def pair(at: np.ndarray) -> np.ndarray:
        index = pa.array(at)
        return (
            teacher.take(index).to_numpy().astype(np.int64) * width + learner.take(index).to_numpy()
        )

    keep = pc.is_in(pa.array(pair(rows)), value_set=pa.array(pair(wanted)))
    return rows[keep.to_numpy(zero_copy_only=False)]


def compact_frame(table: pa.Table) -> pd.DataFrame:
    """A DataFrame whose text columns stay in Arrow memory: millions of ties with Python
    string objects would take several times the room."""
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)


def latest_time(events: pa.Table) -> datetime:
    latest = pc.max(events.column("time")).as_py()
    return latest.astimezone(UTC) if isinstance(latest, datetime) else datetime.now(UTC)


def summarise(
    analysis: Analysis,
    counts: dict[str, Any],
    backend: str,
    members: Members | None,
    seconds: float,
) -> dict[str, Any]:
    overall = analysis.ties.label[analysis.ties.track == ties.OVERALL]  # no copy of the ties
    by_label = overall.value_counts()
    ignored = sum(
        int(counts[k])
        for k in ("self_interactions", "bot_events", "outside_horizon", "zero_weight", "followups")
    )
    summary: dict[str, Any] = {
        "as_of": analysis.as_of.isoformat(),
        "backend": backend,
        **{k: int(v) for k, v in counts.items()},
        "credits": int(counts["events"]) - ignored,
        "pairs": len(overall),
        "tie_rows": len(analysis.ties),
        "labelled": int((overall != "").sum()),
        **{label: int(by_label.get(label, 0)) for label in labels.LABELS},
        "members": len(analysis.members),
        "members_in_file": len(members) if members is not None else 0,
        "seconds": round(seconds, 3),
    }
    return summary


def credits_frame(raw: pd.DataFrame) -> pd.DataFrame:
    reasons = ("is_self", "is_bot", "is_old", "is_zero", "is_followup")
    names = ("self", "bot", "old", "zero", "followup")
    ignored = pd.Series("", index=raw.index)
    for flag, name in zip(reversed(reasons), reversed(names), strict=True):
        ignored = ignored.where(~raw[flag].astype(bool), name)
    frame = raw[["teacher", "learner", "track", "context", "weight", "decayed"]].copy()
    frame.insert(0, "time", pd.to_datetime(raw.t, unit="s", utc=True))
    frame.insert(1, "week", pd.to_datetime(raw.week.map(ties.week_start), unit="s", utc=True))
    frame["ignored"] = ignored
    order = ["time", "teacher", "learner", "track", "context", "weight"]
    return frame.sort_values(order, na_position="first").reset_index(drop=True)


def analyze(
    paths: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    *,
    members_path: str | Path | None = None,
    rules_path: str | Path | None = None,
    backend: str = "duckdb",
    as_of: datetime | date | str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    spark_session: Any = None,
    spark_master: str | None = None,
) -> Analysis:
    """Read logs (or sources), analyse, and write ``ties.csv``, ``members.csv``, ``report.html``."""
    say = progress or (lambda message: None)
    rules = load_rules(rules_path) if rules_path else Rules()
    members = read_members(members_path) if members_path else None
    read = read_log(paths, strict=strict, rules=rules, as_of=as_of, progress=say)
    if members is None and read.sources:
        members = members_from_sources(read.sources)
    if read.events.num_rows == 0:
        first = f" (first problem: {read.problems[0]})" if read.problems else ""
        raise LogError(f"nothing to analyse: no valid events in {len(read.files)} file(s){first}")
    say(f"analysing {read.events.num_rows} events on {backend}")
    analysis = analyze_events(
        read.events,
        members=members,
        rules=rules,
        backend=backend,
        as_of=as_of,
        spark_session=spark_session,
        spark_master=spark_master,
        strict=strict,
    )
    attach_reading(analysis, read)
    say(f"writing {out_dir}")
    write_outputs(analysis, Path(out_dir))
    return analysis


def attach_reading(analysis: Analysis, read: LogReadResult) -> None:
    analysis.problems[:0] = read.problems
    analysis.notes[:0] = read.notes
    analysis.summary.update(
        files=len(read.files),
        files_skipped=read.files_skipped,
        rows_read=read.read,
        rows_skipped=read.skipped,
        skipped_by_reason=dict(read.skipped_by_reason),
    )
    analysis.reading = read


def write_outputs(analysis: Analysis, out_dir: Path) -> None:
    """Each file is written beside its final name and moved into place, never half-written."""
    from mentormesh.engine.report import render_report

    out_dir.mkdir(parents=True, exist_ok=True)
    ties_table = pa.Table.from_pandas(analysis.ties[list(TIES_CSV_COLUMNS)], preserve_index=False)
    for column in ("first", "last"):  # naive UTC, written as ...Z by write_csv
        at = ties_table.schema.get_field_index(column)
        naive = (
            ties_table.column(column).cast(pa.timestamp("us", tz="UTC")).cast(pa.timestamp("us"))
        )
        ties_table = ties_table.set_column(at, column, naive)
    members_table = pa.Table.from_pandas(analysis.members, preserve_index=False)
    write_atomically(out_dir / "ties.csv", lambda temp: write_csv(ties_table, temp))
    write_atomically(out_dir / "members.csv", lambda temp: write_csv(members_table, temp))
    html = render_report(analysis)
    write_atomically(out_dir / "report.html", lambda temp: temp.write_text(html, encoding="utf-8"))


def write_csv(table: pa.Table, path: Path) -> None:
    """CSV with a header, quoting only where needed, an empty field for empty text, times
    (naive, UTC) as ``2024-03-04T10:00:00Z``. DuckDB writes CSV an order of magnitude faster
    than pandas, and it is here anyway."""
    import duckdb

    for at, column in enumerate(table.columns):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            empty = pc.equal(column, "")
            table = table.set_column(at, table.field(at), pc.if_else(empty, None, column))
    relation = duckdb.connect().from_arrow(table)
    relation.write_csv(str(path), header=True, timestamp_format="%Y-%m-%dT%H:%M:%SZ")


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
