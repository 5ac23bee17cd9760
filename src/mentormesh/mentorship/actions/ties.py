"""The engine's ties, kept current in the ``Tie`` table (docs/engine.md, "In the app").

- ``do_recompute_ties``: the whole interaction log through the engine, and the table brought
  in line with what it found in one transaction (changed rows updated, new ones inserted,
  vanished ones deleted). The engine runs before that transaction, so members keep posting
  while it computes; the periodic job ``recompute_ties`` runs it daily.
- ``do_update_stale_ties``: the cheap path. Logging an interaction marks its two people's
  pair stale (``stale.mark_pair_stale``); every minute the job ``update_stale_ties`` runs the
  engine on the interactions of the marked people only and rewrites the rows that depend on
  them, the same rows a full recomputation would give (see ``write_ties``).

The two never run at once (a lease, ``TieComputation``): an older snapshot written after a
newer one would undo it. The engine's input is built here from the app: ``interaction_table``
(the log as an Arrow table, ids as text), ``app_members`` (experience, country, field, tracks,
names) and ``tie_rules``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from mentormesh.accounts.models import Profile, ProfileSkill, User
from mentormesh.engine.analysis import analyze_events
from mentormesh.engine.members import Member, Members
from mentormesh.engine.rules import Rules
from mentormesh.mentorship.actions.stale import Mark, clear_marks, marks_up_to
from mentormesh.mentorship.models import Tie, TieComputation
from mentormesh.social.models import Interaction

Progress = Callable[[str], None]
Key = tuple[int, int, str]  # (learner id, teacher id, track)

LEASE = "ties"
FULL_LEASE = timedelta(hours=2)
UPDATE_LEASE = timedelta(minutes=10)
STALE_BATCH = 200  # marked pairs per engine run (keeps the queries' id lists short)
MAX_BATCHES = 50  # per job run; whatever is left waits for the next minute
FETCH_CHUNK = 50_000
WRITE_BATCH = 1_000
# The values of a tie, in the order ``Tie`` rows are compared and written.
FIELDS = (
    "label",
    "score",
    "strength",
    "events",
    "weeks",
    "reciprocal_weeks",
    "reciprocal_strength",
    "focus",
    "reliance",
    "first",
    "last",
    "explanation",
)
RELIANCE = FIELDS.index("reliance")
COUNTED = ("inserted", "updated", "deleted", "unchanged", "labelled", "events", "pairs")
# Epoch seconds of the log's times, in SQL (the engine counts whole seconds).
EPOCH_SQL = {
    "postgresql": 'FLOOR(EXTRACT(EPOCH FROM "social_interaction"."time"))::bigint',
    "sqlite": 'CAST(strftime(\'%%s\', "social_interaction"."time") AS INTEGER)',
}


class TiesBusy(Exception):
    """Another recomputation of the ties is running; this one did nothing."""


@dataclass(frozen=True)
class TieCounts:
    """What a recomputation did to the ``Tie`` table, and what it read."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    labelled: int = 0  # labelled pairs (overall rows) among the ties computed
    events: int = 0  # interactions read
    pairs: int = 0  # stale pairs handled (the cheap update)
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return self.inserted + self.updated + self.deleted


# ---------------------------------------------------------------- the engine's input


def tie_rules() -> Rules:
    """The engine's rules for the app: its documented defaults."""
    return Rules()


def tie_moment(as_of: datetime | None = None) -> datetime:
    """The moment ties are computed as of: now, or an earlier aware time."""
    now = timezone.now()
    if as_of is None:
        return now
    if timezone.is_naive(as_of):
        raise ValidationError({"as_of": "The as-of time needs a time zone (UTC is fine)."})
    if as_of > now:
        raise ValidationError(
            {
                "as_of": f"The as-of time {as_of.isoformat()} is in the future: ties can only be "
                "computed from interactions that have happened."
            }
        )
    return as_of


def interaction_table(moment: datetime, people: Collection[int] | None = None) -> pa.Table:
    """The interaction log up to ``moment`` as the engine reads it (``time, actor, target,
    kind, track, context``; members by user id, as text), for everyone or for the
    interactions of ``people``. Read in chunks straight into Arrow columns: no model
    instances, no Python datetimes."""
    rows = Interaction.objects.filter(time__lte=moment)
    if people is not None:
        ids = sorted(people)
        rows = rows.filter(Q(actor_id__in=ids) | Q(target_id__in=ids))
    epoch_sql = EPOCH_SQL[connection.vendor]  # a constant of this module, no input in it
    rows = rows.order_by().annotate(epoch=RawSQL(epoch_sql, ()))  # noqa: S611
    query = rows.values_list("epoch", "actor_id", "target_id", "kind", "track", "context")
    sql, params = query.query.sql_with_params()
    chunks: list[list[pa.Array]] = [[] for _ in range(6)]
    types = (pa.int64(), pa.int64(), pa.int64(), pa.string(), pa.string(), pa.string())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows_read := cursor.fetchmany(FETCH_CHUNK):
            for column, kind, values in zip(
                chunks, types, zip(*rows_read, strict=True), strict=True
            ):
                column.append(pa.array(values, kind))
    epoch, actor, target, kind, track, context = (
        pa.chunked_array(column, kind) for column, kind in zip(chunks, types, strict=True)
    )
    return pa.table(
        {
            "time": pc.multiply(epoch, 1_000_000).cast(pa.timestamp("us", tz="UTC")),
            "actor": actor.cast(pa.string()),
            "target": target.cast(pa.string()),
            "kind": kind,
            "track": track,
            "context": context,
        }
    )


def app_members(people: Collection[str] | None = None) -> Members:
    """The members as the engine knows them (ids are user ids as text): name (display name,
    else handle), experience from the career start year, country, field, tracks sought and
    offered. ``people``: only these ids."""
    tracks: dict[tuple[int, str], list[str]] = {}
    skills = ProfileSkill.objects.order_by("skill__track__slug").values_list(
        "profile__user_id", "kind", "skill__track__slug"
    )
    for user_id, kind, slug in skills:
        found = tracks.setdefault((user_id, kind), [])
        if slug not in found:
            found.append(slug)
    members = Members("(the app's profiles)")
    profiles = Profile.objects.values_list(
        "user_id", "user__username", "display_name", "career_start_year", "country", "field"
    )
    for user_id, handle, name, start, country, field in profiles.iterator(chunk_size=5_000):
        member_id = str(user_id)
        if people is not None and member_id not in people:
            continue
        members.by_id[member_id] = Member(
            id=member_id,
            name=name or handle,
            career_start=date(start, 1, 1) if start else None,
            country=str(country) or None,
            field=field or None,
            tracks_sought=tuple(tracks.get((user_id, "sought"), ())),
            tracks_offered=tuple(tracks.get((user_id, "offered"), ())),
        )
    return members


def computed_ties(
    moment: datetime, people: Collection[int] | None = None, say: Progress | None = None
) -> tuple[dict[Key, tuple[Any, ...]], int]:
    """The engine's ties as of ``moment`` (from the interactions of ``people``, or all):
    ``{(learner, teacher, track): values in FIELDS order}``, and how many interactions it read."""
    say = say or (lambda message: None)
    say("reading the interaction log")
    events = interaction_table(moment, people)
    if events.num_rows == 0:
        return {}, 0
    ids = pc.unique(
        pa.chunked_array(events.column("actor").chunks + events.column("target").chunks)
    )
    members = app_members(set(ids.to_pylist()))
    say(f"analysing {events.num_rows:,} interactions of {len(ids):,} members")
    analysis = analyze_events(events, members=members, rules=tie_rules(), as_of=moment)
    return tie_values(analysis.ties), events.num_rows


def tie_values(ties: pd.DataFrame) -> dict[Key, tuple[Any, ...]]:
    """The engine's ties DataFrame as ``{key: values}`` with plain Python values."""
    columns: list[list[Any]] = []
    for name in FIELDS:
        column = ties[name]
        if name in ("first", "last"):
            columns.append([moment.to_pydatetime() for moment in column])
        else:
            columns.append(column.tolist())
    keys = zip(
        ties.learner.astype(int).tolist(),
        ties.teacher.astype(int).tolist(),
        ties.track.tolist(),
        strict=True,
    )
    return dict(zip(keys, zip(*columns, strict=True), strict=True))


# ---------------------------------------------------------------- writing


def write_ties(
    computed: dict[Key, tuple[Any, ...]], people: Collection[int] | None = None
) -> TieCounts:
    """Bring the ``Tie`` rows in line with ``computed``: all rows (``people=None``), or the
    rows of ``people`` after running the engine on their interactions only.

    With ``people`` the engine saw every interaction of those people, so a tie between two
    of them is exact; a tie of one of them with an outsider has exact numbers except, where
    the outsider is the learner, reliance (their other teachers were not read: the stored
    value stands, and nothing the outsider received changed), and where the outsider is the
    teacher, focus and so the label (likewise: only reliance is taken). Rows of theirs the
    engine no longer finds are deleted."""
    now = timezone.now()
    stored = Tie.objects.all()
    if people is not None:
        ids = sorted(people)
        stored = stored.filter(Q(learner_id__in=ids) | Q(teacher_id__in=ids))
    existing = {
        (row[1], row[2], row[3]): (row[0], row[4:])
        for row in stored.values_list("pk", "learner_id", "teacher_id", "track", *FIELDS)
    }
    inside = set(people) if people is not None else None
    members = set(User.objects.values_list("pk", flat=True))  # someone may have left meanwhile
    new: list[Tie] = []
    changed: list[tuple[Any, ...]] = []
    unchanged = 0
    for key, values in computed.items():
        old = existing.pop(key, None)
        if key[0] not in members or key[1] not in members:
            continue
        if old is None:
            new.append(
                Tie(
                    learner_id=key[0],
                    teacher_id=key[1],
                    track=key[2],
                    **dict(zip(FIELDS, values, strict=True)),
                    computed_at=now,
                )
            )
            continue
        merged = merge(key, old[1], values, inside)
        if merged == old[1]:
            unchanged += 1
            continue
        changed.append((old[0], *merged))
    Tie.objects.bulk_create(new, batch_size=WRITE_BATCH)
    update_rows(changed, now)
    vanished = [pk for pk, _values in existing.values()]
    for start in range(0, len(vanished), WRITE_BATCH):
        Tie.objects.filter(pk__in=vanished[start : start + WRITE_BATCH]).delete()
    return TieCounts(
        inserted=len(new),
        updated=len(changed),
        deleted=len(vanished),
        unchanged=unchanged,
        labelled=sum(1 for key, values in computed.items() if key[2] == "*" and values[0]),
    )


def update_rows(rows: Sequence[tuple[Any, ...]], now: datetime) -> None:
    """Update ``rows`` (``(pk, *values in FIELDS order)``) through a temporary table and one
    ``UPDATE ... FROM``: a daily recomputation changes nearly every row (scores decay), and
    Django's ``bulk_update`` (a CASE per column) took ~50 s for 10,000 rows on SQLite, all
    of it inside the writing transaction; this takes about a second (COPY on PostgreSQL)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, temp = quote(Tie._meta.db_table), quote("mentorship_tie_update")
    columns = ["id", *FIELDS, "computed_at"]
    names = ", ".join(quote(c) for c in columns)
    adapt = connection.ops.adapt_datetimefield_value
    stamp = adapt(now)
    first, last = FIELDS.index("first") + 1, FIELDS.index("last") + 1
    values = [
        (*row[:first], adapt(row[first]), adapt(row[last]), *row[last + 1 :], stamp) for row in rows
    ]
    assignments = ", ".join(f"{quote(c)} = u.{quote(c)}" for c in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {temp}")
        empty = f"CREATE TEMPORARY TABLE {temp} AS SELECT {names} FROM {table} WHERE 1 = 0"  # noqa: S608
        cursor.execute(empty)
        if connection.vendor == "postgresql":  # COPY: one stream, not thousands of statements
            with cursor.cursor.copy(f"COPY {temp} ({names}) FROM STDIN") as copy:
                for item in values:
                    copy.write_row(item)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            insert = f"INSERT INTO {temp} ({names}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(insert, values)
        cursor.execute(f"ANALYZE {temp}")  # its size, so the join is planned as a hash join
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {temp} AS u WHERE {table}.{quote('id')} = u.{quote('id')}"  # noqa: S608
        )
        cursor.execute(f"DROP TABLE {temp}")


def merge(
    key: Key, old: tuple[Any, ...], new: tuple[Any, ...], inside: set[int] | None
) -> tuple[Any, ...]:
    """The values to store for ``key``: see ``write_ties``."""
    if inside is None:
        return new
    learner_inside, teacher_inside = key[0] in inside, key[1] in inside
    if learner_inside and teacher_inside:
        return new
    if teacher_inside:
        return (*new[:RELIANCE], old[RELIANCE], *new[RELIANCE + 1 :])
    return (*old[:RELIANCE], new[RELIANCE], *old[RELIANCE + 1 :])


# ---------------------------------------------------------------- the lease


@contextmanager
def holding_lease(length: timedelta) -> Iterator[str]:
    """Hold the lease on recomputing ties for up to ``length``; raise ``TiesBusy`` when
    someone else holds it. One conditional UPDATE claims it, so it works across processes."""
    token = uuid.uuid4().hex
    now = timezone.now()
    TieComputation.objects.get_or_create(name=LEASE)
    free = Q(held_until__isnull=True) | Q(held_until__lt=now)
    claimed = TieComputation.objects.filter(free, name=LEASE).update(
        holder=token, held_until=now + length
    )
    if not claimed:
        until = TieComputation.objects.get(name=LEASE).held_until
        raise TiesBusy(
            f"Another recomputation of the ties is running (its lease ends {until:%Y-%m-%d %H:%M} "
            "UTC at the latest); try again when it has finished."
        )
    try:
        yield token
    finally:
        TieComputation.objects.filter(name=LEASE, holder=token).update(holder="", held_until=None)


def renew_lease(token: str, length: timedelta) -> None:
    """Inside the writing transaction: make sure the lease is still ours (it may have run
    out while the engine computed, and someone else started)."""
    kept = TieComputation.objects.filter(name=LEASE, holder=token).update(
        held_until=timezone.now() + length
    )
    if not kept:
        raise TiesBusy("The lease on the ties ran out while computing; nothing was written.")


# ---------------------------------------------------------------- the two recomputations


def do_recompute_ties(as_of: datetime | None = None, progress: Progress | None = None) -> TieCounts:
    """Recompute every tie from the whole interaction log, as of ``as_of`` (default now), and
    write the table in one transaction. Clears the stale marks it has covered."""
    started = time.perf_counter()
    say = progress or (lambda message: None)
    moment = tie_moment(as_of)
    with holding_lease(FULL_LEASE) as token:
        marks = [(pk, interaction) for pk, interaction, *_ in marks_up_to(moment)]
        computed, events = computed_ties(moment, None, say)
        say(f"writing {len(computed):,} ties")
        with transaction.atomic():
            renew_lease(token, FULL_LEASE)
            counts = write_ties(computed)
            clear_marks(marks)
            TieComputation.objects.filter(name=LEASE).update(
                full_as_of=moment, full_finished_at=timezone.now()
            )
    return TieCounts(
        **{**counts.__dict__, "events": events, "seconds": time.perf_counter() - started}
    )


def do_update_stale_ties(as_of: datetime | None = None, batch: int = STALE_BATCH) -> TieCounts:
    """Recompute the ties of the pairs marked stale, ``batch`` pairs per engine run, until
    none is left (or ``MAX_BATCHES`` runs). Raises ``TiesBusy`` while a full recomputation
    runs (the marks wait)."""
    started = time.perf_counter()
    moment = tie_moment(as_of)
    runs: list[TieCounts] = []
    with holding_lease(UPDATE_LEASE) as token:
        while len(runs) < MAX_BATCHES and (marks := marks_up_to(moment, batch)):
            runs.append(update_marked(marks, moment, token))
            if len(marks) < batch:
                break
    return TieCounts(
        **{name: sum(getattr(run, name) for run in runs) for name in COUNTED},
        seconds=time.perf_counter() - started,
    )


def update_marked(
    marks: Sequence[tuple[int, int, int, int]], moment: datetime, token: str
) -> TieCounts:
    people = {person for _pk, _interaction, low, high in marks for person in (low, high)}
    computed, events = computed_ties(moment, people)
    handled: list[Mark] = [(pk, interaction) for pk, interaction, _low, _high in marks]
    with transaction.atomic():
        renew_lease(token, UPDATE_LEASE)
        counts = write_ties(computed, people)
        clear_marks(handled)
    return TieCounts(**{**counts.__dict__, "events": events, "pairs": len(marks)})
