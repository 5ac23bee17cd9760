"""Learning credits and ties as Ibis expressions: one implementation for every backend.

Times enter as integer epoch seconds, so week buckets and decay are plain arithmetic,
identical on DuckDB and Spark whatever their session time zones; people, kinds, tracks and
contexts enter as integer codes (:class:`Coded`). docs/engine.md explains each step; the small
finishing steps (labels, explanations) live in labels.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mentormesh.engine.rules import Rules

WEEK = 7 * 24 * 3600
DAY = 24 * 3600
# The epoch began on a Thursday; counting from Monday 1969-12-29 (three days earlier) makes
# every week start on Monday 00:00 UTC, as ISO weeks do.
MONDAY_SHIFT = 3 * DAY
OVERALL = "*"
DECIMALS = 6


def week_of(seconds: int) -> int:
    """The week number (weeks since Monday 1969-12-29) of an epoch second, as the backends do."""
    return (seconds + MONDAY_SHIFT) // WEEK


def week_start(week: int) -> int:
    """The epoch second at which a week number begins (Monday 00:00 UTC)."""
    return week * WEEK - MONDAY_SHIFT


@dataclass(frozen=True)
class Coded:
    """Events as the backends see them: ``t`` in epoch seconds, and people, kinds, tracks and
    contexts as integer codes (hashing and sorting integers costs a fraction of strings).

    A person's or track's code is their position in the sorted ``people`` or ``tracks``, so
    ordering by code is ordering by name; the overall track ``*`` is code -1 (it sorts first).
    Coding happens here, once, in Python: the same for every backend."""

    table: pa.Table
    people: pa.Array
    tracks: pa.Array
    contexts: pa.Array


OVERALL_CODE = -1


def encode_events(events: pa.Table, rules: Rules) -> Coded:
    micros = pc.cast(events.column("time"), pa.int64())
    seconds = pc.cast(pc.floor(pc.divide(pc.cast(micros, pa.float64()), 1_000_000)), pa.int64())
    actor, target = events.column("actor"), events.column("target")
    # One hash pass over actors and targets together gives everyone and everyone's codes.
    both, people = sorted_codes(pa.chunked_array(actor.chunks + target.chunks, pa.string()))
    track, tracks = sorted_codes(events.column("track"))
    contexts = events.column("context").combine_chunks().dictionary_encode()
    kinds = pa.array(sorted(rules.kinds), pa.string())
    table = pa.table(
        {
            "t": seconds,
            "actor": both.slice(0, len(actor)),
            "target": both.slice(len(actor)),
            "kind": code_of(events.column("kind"), kinds),
            "track": track,
            "context": contexts.indices.cast(pa.int64()),
        }
    )
    return Coded(table, people, tracks, contexts.dictionary)


def sorted_codes(values: pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """Each value's position in the sorted distinct values (null stays null), and those values."""
    encoded = values.combine_chunks().dictionary_encode()  # nulls stay null, not in the dictionary
    dictionary = encoded.dictionary
    order = pc.sort_indices(dictionary)
    rank = np.empty(len(dictionary), dtype=np.int32)
    rank[order.to_numpy()] = np.arange(len(dictionary), dtype=np.int32)
    codes = pc.take(pa.array(rank), encoded.indices)
    return codes, dictionary.take(order)


def code_of(values: pa.ChunkedArray, dictionary: pa.Array) -> pa.Array:
    return pc.index_in(values, value_set=dictionary).cast(pa.int32())


def decode(table: pa.Table, coded: Coded) -> pa.Table:
    """Names back in place of the codes of ``teacher``, ``learner``, ``track``, ``context``."""
    dictionaries = {
        "teacher": coded.people,
        "learner": coded.people,
        "track": coded.tracks,
        "context": coded.contexts,
    }
    for name, dictionary in dictionaries.items():
        if name not in table.column_names:
            continue
        codes = table.column(name).combine_chunks()
        if len(dictionary):
            names = pc.take(dictionary, pc.max_element_wise(codes, 0)).cast(pa.string())
        else:
            names = pa.nulls(len(codes), pa.string())
        if name == "track":
            names = pc.if_else(pc.equal(codes, OVERALL_CODE), OVERALL, names)
        table = table.set_column(table.schema.get_field_index(name), name, names)
    return table


def kinds_table(rules: Rules) -> ir.Table:
    """The kinds, coded as in :func:`encode_events`: their positions in sorted order."""
    names = sorted(rules.kinds)
    return ibis.memtable(
        {
            "kind": list(range(len(names))),
            "weight": [float(rules.kinds[k].weight) for k in names],
            "actor_learned": [rules.kinds[k].direction == "actor_learned" for k in names],
            "conversational": [rules.kinds[k].conversational for k in names],
        },
        schema={
            "kind": "int32",
            "weight": "float64",
            "actor_learned": "boolean",
            "conversational": "boolean",
        },
    )


@dataclass(frozen=True)
class Window:
    """The moment of analysis and the weeks that count."""

    as_of: int
    as_of_week: int
    first_week: int

    @classmethod
    def of(cls, as_of: int, rules: Rules) -> Window:
        week = week_of(as_of)
        first = week - rules.horizon_weeks + 1 if rules.horizon_weeks else -(2**62)
        return cls(as_of, week, first)


def flagged_credits(
    events: ir.Table, rules: Rules, window: Window, bots: Iterable[int]
) -> ir.Table:
    """Every event as a credit (teacher, learner, week, weight, decayed weight) with flags saying
    whether it is ignored and why: a self-interaction, a bot (``bots``: the codes of the ids the
    rules' bot patterns match, tested once per distinct id), outside the horizon, a kind of
    weight zero, or a follow-up in a conversation that began in the other direction."""
    kinds = kinds_table(rules)
    joined = events.inner_join(kinds, "kind")
    week = ((joined.t + MONDAY_SHIFT) / WEEK).floor().cast("int64")
    age_days = (ibis.literal(window.as_of) - joined.t) / DAY
    bot_ids = sorted(set(bots))
    credits = joined.select(
        teacher=ibis.ifelse(joined.actor_learned, joined.target, joined.actor),
        learner=ibis.ifelse(joined.actor_learned, joined.actor, joined.target),
        track=joined.track,
        context=joined.context,
        t=joined.t,
        week=week,
        weight=joined.weight,
        decayed=joined.weight * ibis.literal(0.5) ** (age_days / rules.half_life_days),
        conversational=joined.conversational,
        is_self=joined.actor == joined.target,
        is_bot=(joined.actor.isin(bot_ids) | joined.target.isin(bot_ids))
        if bot_ids
        else ibis.literal(False),
        is_old=week < window.first_week,
        is_zero=joined.weight <= 0,
    )
    return mark_followups(credits)


def mark_followups(credits: ir.Table) -> ir.Table:
    """The thread rule: in one context, conversational credit counts only in the direction the
    pair's exchange began (whoever first helped the other); the other way it is a follow-up.

    When each direction began is a small aggregate, joined back to the conversational credits
    only; aggregates and joins cost less here than a window over every event."""
    in_context = credits.filter(credits.context.notnull())
    began = in_context.group_by(["context", "teacher", "learner"]).aggregate(
        began=in_context.t.min()
    )
    reverse = began.select(
        context=began.context, teacher=began.learner, learner=began.teacher, other=began.began
    )
    later = began.inner_join(reverse, ["context", "teacher", "learner"])
    later = later.filter(later.began > later.other).select(
        "context", "teacher", "learner", against=ibis.literal(True)
    )
    base = credits.view()  # a relation of its own, so Ibis can join the table with its summary
    in_chat = base.conversational & base.context.notnull()
    chat = base.filter(in_chat).left_join(later, ["context", "teacher", "learner"])
    chat = chat.select(*[chat[c] for c in credits.columns], is_followup=chat.against.notnull())
    rest = base.filter(~in_chat).mutate(is_followup=ibis.literal(False))
    return chat.union(rest)


def counted(credits: ir.Table) -> ir.Table:
    ignored = (
        credits.is_self | credits.is_bot | credits.is_old | credits.is_zero | credits.is_followup
    )
    return credits.filter(~ignored)


def credit_counts(credits: ir.Table) -> ir.Table:
    """One row of counts for the summary: events in, and what each rule set aside."""

    def count_if(flag: ir.BooleanValue) -> ir.IntegerScalar:
        return flag.cast("int64").sum().fill_null(0)

    return credits.aggregate(
        events=credits.count(),
        self_interactions=count_if(credits.is_self),
        bot_events=count_if(credits.is_bot & ~credits.is_self),
        outside_horizon=count_if(credits.is_old & ~credits.is_self & ~credits.is_bot),
        zero_weight=count_if(credits.is_zero),
        followups=count_if(
            credits.is_followup & ~credits.is_self & ~credits.is_bot & ~credits.is_old
        ),
    )


def weekly(credits: ir.Table) -> ir.Table:
    """Credit bucketed by (teacher, learner, track, week): the unit of consistency."""
    return credits.group_by(["teacher", "learner", "track", "week"]).aggregate(
        score=credits.decayed.sum(),
        strength=credits.weight.sum(),
        events=credits.count(),
        first=credits.t.min(),
        last=credits.t.max(),
    )


def pair_stats(weeks: ir.Table, keys: list[str]) -> ir.Table:
    """Weekly buckets summed per pair: each bucket is one distinct active week."""
    return weeks.group_by(keys).aggregate(
        score=weeks.score.sum(),
        strength=weeks.strength.sum(),
        events=weeks.events.sum(),
        weeks=weeks.count(),
        first=weeks.first.min(),
        last=weeks.last.max(),
        first_week=weeks.week.min(),
        last_week=weeks.week.max(),
    )


#: The one order of the ties on every backend: strongest first, then by name (codes sort as
#: names do).
TIE_ORDER = (ibis.desc("score"), "learner", "teacher", "track")


def ties_expr(credits: ir.Table, rules: Rules) -> ir.Table:
    """Per (teacher, learner) overall (track ``*``) and per named track: decayed score, strength,
    distinct weeks, first/last, the reverse direction's weeks and strength, focus and reliance,
    in :data:`TIE_ORDER`."""
    return tie_stats(credits, rules).order_by(list(TIE_ORDER))


def tie_stats(credits: ir.Table, rules: Rules) -> ir.Table:
    """The ties of :func:`ties_expr`, unordered (so that more columns can be joined on)."""
    buckets = weekly(counted(credits))
    per_track = pair_stats(buckets.filter(buckets.track.notnull()), ["teacher", "learner", "track"])
    pair_weeks = buckets.group_by(["teacher", "learner", "week"]).aggregate(
        score=buckets.score.sum(),
        strength=buckets.strength.sum(),
        events=buckets.events.sum(),
        first=buckets.first.min(),
        last=buckets.last.max(),
    )
    overall = pair_stats(pair_weeks, ["teacher", "learner"]).mutate(
        track=ibis.literal(OVERALL_CODE, "int32")
    )
    ties = per_track.union(overall.select(*per_track.columns))
    reverse = ties.select(
        teacher=ties.learner,
        learner=ties.teacher,
        track=ties.track,
        reciprocal_weeks=ties.weeks,
        reciprocal_strength=ties.strength,
    )
    both = ties.left_join(reverse, ["teacher", "learner", "track"])
    both = both.select(
        *[both[c] for c in ties.columns],
        reciprocal_weeks=both.reciprocal_weeks.fill_null(0),
        reciprocal_strength=both.reciprocal_strength.fill_null(0.0),
    )
    focused = with_focus(both, rules)
    return focused.select(
        learner=focused.learner,
        teacher=focused.teacher,
        track=focused.track,
        score=focused.score.round(DECIMALS),
        strength=focused.strength.round(DECIMALS),
        events=focused.events.cast("int64"),
        weeks=focused.weeks.cast("int64"),
        first=focused.first,
        last=focused.last,
        first_week=focused.first_week.cast("int64"),
        last_week=focused.last_week.cast("int64"),
        reciprocal_weeks=focused.reciprocal_weeks.cast("int64"),
        reciprocal_strength=focused.reciprocal_strength.round(DECIMALS),
        focus=focused.focus,
        reliance=focused.reliance,
    )


def with_focus(ties: ir.Table, rules: Rules) -> ir.Table:
    """Focus: this tie's share of what the teacher gives; reliance: its share of what the
    learner receives. Each tie is compared with the ties of its own standing: a consistent tie
    (``consistency_weeks``) with the teacher's (learner's) other consistent ties, a younger one
    with all their repeat ties (``focus_min_weeks``). One-off help never counts, so a mentor who
    also answers a hundred strangers keeps their focus, while a maintainer who reviews thirty
    regulars every month gives each of them a thirtieth."""
    consistent = ties.weeks >= rules.consistency_weeks
    repeat = ties.weeks >= rules.focus_min_weeks
    ranked = ties.mutate(
        consistent_strength=ibis.ifelse(consistent, ties.strength, 0.0),
        repeat_strength=ibis.ifelse(repeat, ties.strength, 0.0),
        own=ibis.ifelse(repeat, 0.0, ties.strength),  # a one-week tie is compared with repeat ones
        consistent=consistent,
    )
    given = totals(ranked, "teacher", "given")
    received = totals(ranked, "learner", "received")
    joined = ranked.left_join(given, ["teacher", "track"]).left_join(received, ["learner", "track"])

    def share(prefix: str) -> ir.FloatingValue:
        among = ibis.ifelse(
            joined.consistent,
            joined[f"{prefix}_consistent"],
            joined[f"{prefix}_repeat"] + joined.own,
        )
        return (joined.strength / among).round(DECIMALS)

    return joined.select(
        *[joined[c] for c in ties.columns], focus=share("given"), reliance=share("received")
    )


def totals(ties: ir.Table, side: str, prefix: str) -> ir.Table:
    """Per person (teacher or learner) and track: strength in consistent and in repeat ties."""
    return ties.group_by([side, "track"]).aggregate(
        **{
            f"{prefix}_consistent": ties.consistent_strength.sum(),
            f"{prefix}_repeat": ties.repeat_strength.sum(),
        }
    )
