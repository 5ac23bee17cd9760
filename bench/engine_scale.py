"""Claim: the engine's full analysis of 10 million events runs within 1.5x of a bare DuckDB
reference and at least 20x faster than a pandas + NetworkX peer; 100 million events fit in
24 GB on one machine.

In one run, on the same synthetic events (mentormesh.engine.synthetic, cached as Parquet under
bench/out/), each measurement in a fresh process of its own, interleaved run by run:

- **engine**: ``pq.read_table`` + ``read_members`` + ``analyze_events`` on DuckDB: credits (bots,
  horizon, thread rule), weekly buckets, ties overall and per track, reciprocity, focus and
  reliance, labels, explanations and the members table, everything people get;
- **bare**: one plain DuckDB SQL query on the Parquet file: credit direction and weight by kind,
  the weekly group-by, per-pair stats (overall and per track) and the reciprocity self-join,
  fetched as Arrow; no bots, thread rule, focus, labels or explanations: the floor;
- **peer**: the same analysis as the engine written the straightforward way, pandas for the
  credits and group-bys and a NetworkX DiGraph per track for reciprocity, focus and reliance,
  labels with ``numpy.select`` (no explanations or member lists).

Each reports its wall time, CPU time and peak RSS (``ru_maxrss`` of its own process). The
engine's and the peer's labels are compared row by row (learner, teacher, track).

    .venv/bin/python bench/engine_scale.py --events 10000000 --runs 3
    MENTORMESH_DUCKDB_MEMORY_LIMIT=12GB .venv/bin/python bench/engine_scale.py \\
        --events 100000000 --only engine --runs 1

The peer needs NetworkX (not a mentormesh dependency): ``--networkx-path`` adds a directory that
holds it to the peer's path. Results replace the "engine_scale" (10M) or "engine_scale_100m"
section of bench/RESULTS.md (unless --no-record).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from results import record  # bench/results.py (bench/ is on sys.path)

from mentormesh.engine.rules import Rules
from mentormesh.engine.synthetic import generate_synthetic_arrays

OUT = Path(__file__).with_name("out")
CHUNK = 10_000_000  # events per generated community; bigger logs are several side by side
WEEK = 7 * 24 * 3600
DAY = 24 * 3600
MONDAY_SHIFT = 3 * DAY
TARGET_BARE = 1.5
TARGET_PEER = 20.0
TARGET_GB = 24.0
KINDS = ("engine", "bare", "peer")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child(args)
    started = time.perf_counter()
    data = dataset(args.events, args.seed)
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in args.only}
    for run in range(args.runs):
        for kind in args.only:
            if kind == "peer" and run >= args.peer_runs:
                continue
            result = measure(kind, data, args, run)
            runs[kind].append(result)
            print(
                f"run {run + 1} {kind}: {result['seconds']:.1f} s wall, "
                f"{result['cpu']:.1f} s CPU, {result['rss_gb']:.2f} GB peak",
                flush=True,
            )
    agreement = compare_labels(data, runs) if {"engine", "peer"} <= set(runs) else None
    text = render(args, data, runs, agreement, time.perf_counter() - started)
    print(text)
    if args.record:
        record(section_name(args), text)
        print(f"\nrecorded in {Path(__file__).with_name('RESULTS.md')}")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000, help="events (default 10M)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement")
    parser.add_argument(
        "--peer-runs", type=int, default=1, help="runs of the slow peer (default 1)"
    )
    parser.add_argument(
        "--only", nargs="+", choices=KINDS, default=list(KINDS), help="measurements to run"
    )
    parser.add_argument(
        "--networkx-path", default=os.environ.get("NETWORKX_PATH", ""), help="where NetworkX is"
    )
    parser.add_argument(
        "--watch", action="store_true", help="print each measurement's peak memory every minute"
    )
    parser.add_argument(
        "--no-record", dest="record", action="store_false", help="do not update bench/RESULTS.md"
    )
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--labels-out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def section_name(args: argparse.Namespace) -> str:
    return "engine_scale" if args.events < 50_000_000 else "engine_scale_100m"


# -- the data ------------------------------------------------------------------------------------


def dataset(events: int, seed: int) -> dict[str, Any]:
    """The events as Parquet (and the members file), generated once and cached in bench/out/.

    Up to ten million events are one synthetic community; more are several communities side
    by side (ids and thread names prefixed per community, the bots shared), made one at a time
    so that generating stays within a couple of gigabytes."""
    OUT.mkdir(exist_ok=True)
    stem = OUT / f"engine-scale-{events}-s{seed}"
    paths = {
        "events": stem.with_suffix(".parquet"),
        "members": stem.with_suffix(".members.csv"),
        "meta": stem.with_suffix(".json"),
    }
    if not paths["meta"].exists():
        started = time.perf_counter()
        chunks = -(-events // CHUNK)
        writer: pq.ParquetWriter | None = None
        members: list[pd.DataFrame] = []
        as_of = ""
        for chunk in range(chunks):
            size = min(CHUNK, events - chunk * CHUNK)
            community = generate_synthetic_arrays(seed + chunk, size)
            log = community.log
            members_file = community.members_file()
            if chunks > 1:
                log, members_file = prefixed(log, members_file, f"g{chunk}-")
            if writer is None:
                writer = pq.ParquetWriter(paths["events"], log.schema)
            writer.write_table(log, row_group_size=1_000_000)
            members.append(members_file)
            as_of = community.as_of.isoformat()
            print(f"generated {size} events ({chunk + 1}/{chunks})", flush=True)
            del community, log
        assert writer is not None
        writer.close()
        everyone = pd.concat(members).drop_duplicates("id")  # the bots are in every community
        everyone.to_csv(paths["members"], index=False)
        meta = {
            "events": events,
            "seed": seed,
            "as_of": as_of,
            "members": len(everyone),
            "communities": chunks,
            "seconds": round(time.perf_counter() - started, 1),
        }
        paths["meta"].write_text(json.dumps(meta), encoding="utf-8")
    meta = json.loads(paths["meta"].read_text(encoding="utf-8"))
    return {**meta, **{f"{k}_path": str(v) for k, v in paths.items()}}


def prefixed(log: pa.Table, members: pd.DataFrame, prefix: str) -> tuple[pa.Table, pd.DataFrame]:
    """One community's ids and threads made its own (bots keep their names)."""
    bots = members.experience_years.isna()
    for column in ("actor", "target"):
        values = log.column(column)
        is_bot = pc.is_in(values, value_set=pa.array(members.id[bots].tolist()))
        renamed = pc.if_else(is_bot, values, pc.binary_join_element_wise(prefix, values, ""))
        log = log.set_column(log.schema.get_field_index(column), column, renamed)
    context = log.column("context")
    log = log.set_column(
        log.schema.get_field_index("context"),
        "context",
        pc.binary_join_element_wise(prefix, context, ""),
    )
    members = members.copy()
    members.loc[~bots, "id"] = prefix + members.id[~bots]
    members.loc[~bots, "name"] = members.name[~bots] + f" ({prefix.rstrip('-')})"
    return log, members


# -- one measurement, in a process of its own ---------------------------------------------------


def measure(kind: str, data: dict[str, Any], args: argparse.Namespace, run: int) -> dict[str, Any]:
    labels_out = OUT / f"labels-{kind}-{args.events}.parquet"
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--data",
        json.dumps(data),
        "--labels-out",
        str(labels_out) if run == 0 else "",
    ]
    env = dict(os.environ)
    if kind == "peer" and args.networkx_path:
        env["PYTHONPATH"] = os.pathsep.join([env.get("PYTHONPATH", ""), args.networkx_path])
    log = OUT / f"child-{kind}.log"
    with log.open("w+", encoding="utf-8") as output:
        child = subprocess.Popen(  # noqa: S603 (this script, as a child)
            command, env=env, stdout=output, stderr=subprocess.STDOUT, text=True
        )
        started, peak = time.perf_counter(), 0.0
        while child.poll() is None:  # the peak so far, in case a long run has to be stopped
            time.sleep(2)
            peak = max(peak, peak_gb(child.pid))
            if args.watch and int(time.perf_counter() - started) % 60 < 2:
                print(f"  {kind}: {time.perf_counter() - started:.0f} s, {peak:.2f} GB so far")
        output.seek(0)
        printed = output.read()
    if child.returncode != 0:
        sys.stderr.write(printed)
        raise SystemExit(f"the {kind} measurement failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(printed.strip().splitlines()[-1])
    result["labels"] = str(labels_out)
    return result


def peak_gb(pid: int) -> float:
    """A running process's peak resident memory (VmHWM) from /proc, 0 when it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 / 1e9 if found else 0.0


def child(args: argparse.Namespace) -> int:
    data = json.loads(args.data)
    started, cpu = time.perf_counter(), time.process_time()
    labelled, facts = {"engine": run_engine, "bare": run_bare, "peer": run_peer}[args.child](data)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    if args.labels_out and labelled is not None:
        labelled.to_parquet(args.labels_out, index=False)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_gb": peak / 1e9, **facts}))
    return 0


def run_engine(data: dict[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    from mentormesh.engine.analysis import analyze_events
    from mentormesh.engine.members import read_members

    members = read_members(data["members_path"])
    analysis = analyze_events(
        pq.read_table(data["events_path"]), members=members, as_of=data["as_of"]
    )
    ties = analysis.ties
    labelled = ties.loc[ties.label != "", ["learner", "teacher", "track", "label"]]
    facts = {
        "tie_rows": len(ties),
        "pairs": analysis.summary["pairs"],
        "labelled_rows": len(labelled),
        "members": len(analysis.members),
        "explained": int((ties.explanation != "").sum()),
    }
    return labelled.astype(str), facts


def run_bare(data: dict[str, Any]) -> tuple[None, dict[str, Any]]:
    import duckdb

    rules = Rules()
    kinds = ", ".join(
        f"('{name}', {rule.weight!r}, {str(rule.direction == 'actor_learned').lower()})"
        for name, rule in sorted(rules.kinds.items())
    )
    as_of = int(datetime.fromisoformat(data["as_of"]).timestamp())
    query = f"""
    WITH kinds(kind, weight, actor_learned) AS (VALUES {kinds}),
    credits AS (
        SELECT CASE WHEN k.actor_learned THEN e.target ELSE e.actor END AS teacher,
               CASE WHEN k.actor_learned THEN e.actor ELSE e.target END AS learner,
               e.track, epoch(e.time)::BIGINT AS t,
               (epoch(e.time)::BIGINT + {MONDAY_SHIFT}) // {WEEK} AS week, k.weight,
               k.weight * pow(0.5, ({as_of} - epoch(e.time)) / {DAY} / {rules.half_life_days})
                   AS decayed
        FROM read_parquet('{data["events_path"]}') e JOIN kinds k USING (kind)
        WHERE e.actor <> e.target
    ),
    weekly AS (
        SELECT teacher, learner, track, week, sum(decayed) AS score, sum(weight) AS strength,
               count(*) AS events, min(t) AS first, max(t) AS last
        FROM credits GROUP BY teacher, learner, track, week
    ),
    pair_weeks AS (
        SELECT teacher, learner, week, sum(score) AS score, sum(strength) AS strength,
               sum(events) AS events, min(first) AS first, max(last) AS last
        FROM weekly GROUP BY teacher, learner, week
    ),
    ties AS (
        SELECT teacher, learner, track, sum(score) AS score, sum(strength) AS strength,
               sum(events) AS events, count(*) AS weeks, min(first) AS first, max(last) AS last
        FROM weekly WHERE track IS NOT NULL GROUP BY teacher, learner, track
        UNION ALL
        SELECT teacher, learner, '*' AS track, sum(score), sum(strength), sum(events),
               count(*), min(first), max(last)
        FROM pair_weeks GROUP BY teacher, learner
    )
    SELECT a.*, coalesce(b.weeks, 0) AS reciprocal_weeks,
           coalesce(b.strength, 0) AS reciprocal_strength
    FROM ties a LEFT JOIN ties b
      ON a.teacher = b.learner AND a.learner = b.teacher AND a.track = b.track
    """  # noqa: S608 (numbers and this script's own file path)
    con = duckdb.connect()
    settings = {"MEMORY_LIMIT": "memory_limit", "TEMP_DIRECTORY": "temp_directory"}
    for name, setting in settings.items():
        value = os.environ.get(f"MENTORMESH_DUCKDB_{name}")
        if value:
            con.execute(f"SET {setting} = '{value}'")
    result = con.sql(query).fetch_arrow_table()
    return None, {"tie_rows": result.num_rows}


def run_peer(data: dict[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The analysis the obvious way: pandas for credits and group-bys, NetworkX for the graph."""
    import networkx as nx

    rules = Rules()
    as_of = int(datetime.fromisoformat(data["as_of"]).timestamp())
    as_of_week = (as_of + MONDAY_SHIFT) // WEEK
    first_week = as_of_week - rules.horizon_weeks + 1
    events = pd.read_parquet(data["events_path"])
    members = pd.read_csv(data["members_path"])
    experience = dict(zip(members.id, members.experience_years.round(1), strict=True))

    # Credits: who learned from whom, how much, when; then what does not count.
    kinds = pd.DataFrame(
        [
            (name, rule.weight, rule.direction == "actor_learned", rule.conversational)
            for name, rule in rules.kinds.items()
        ],
        columns=["kind", "weight", "actor_learned", "conversational"],
    )
    credits = events.merge(kinds, on="kind")
    del events
    learned = credits.actor_learned
    credits["teacher"] = credits.target.where(learned, credits.actor)
    credits["learner"] = credits.actor.where(learned, credits.target)
    credits["t"] = credits.time.astype("datetime64[us, UTC]").astype("int64") // 10**6
    credits["week"] = (credits.t + MONDAY_SHIFT) // WEEK
    credits["decayed"] = credits.weight * 0.5 ** ((as_of - credits.t) / DAY / rules.half_life_days)
    people = pd.unique(pd.concat([credits.teacher, credits.learner]))
    bots = {p for p in people if any(re.search(b, p) for b in rules.bot_patterns)}
    ignored = (
        (credits.actor == credits.target)
        | credits.teacher.isin(bots)
        | credits.learner.isin(bots)
        | (credits.week < first_week)
        | (credits.weight <= 0)
    )
    # The thread rule: conversational credit counts only in the direction the pair began.
    threads = credits[credits.context.notna()]
    began = threads.groupby(["context", "teacher", "learner"], as_index=False).t.min()
    back = began.rename(columns={"teacher": "learner", "learner": "teacher", "t": "other"})
    later = began.merge(back, on=["context", "teacher", "learner"])
    later = later.loc[later.t > later.other, ["context", "teacher", "learner"]].assign(
        followup=True
    )
    chat = credits.conversational & credits.context.notna()
    flagged = credits[chat].merge(later, on=["context", "teacher", "learner"], how="left")
    followups = pd.Series(False, index=credits.index)
    followups[chat[chat].index] = flagged.followup.notna().to_numpy()
    kept = ["teacher", "learner", "track", "week", "t", "weight", "decayed"]
    credits = credits.loc[~(ignored | followups), kept]

    # Weekly buckets, then per pair overall and per track.
    weekly = (
        credits.groupby(["teacher", "learner", "track", "week"], dropna=False)
        .agg(
            score=("decayed", "sum"),
            strength=("weight", "sum"),
            events=("t", "size"),
            first=("t", "min"),
            last=("t", "max"),
        )
        .reset_index()
    )
    del credits
    pair_weeks = (
        weekly.groupby(["teacher", "learner", "week"])
        .agg(
            score=("score", "sum"),
            strength=("strength", "sum"),
            events=("events", "sum"),
            first=("first", "min"),
            last=("last", "max"),
        )
        .reset_index()
    )
    stats = {
        "score": ("score", "sum"),
        "strength": ("strength", "sum"),
        "events": ("events", "sum"),
        "weeks": ("week", "size"),
        "first": ("first", "min"),
        "last": ("last", "max"),
        "first_week": ("week", "min"),
        "last_week": ("week", "max"),
    }
    overall = pair_weeks.groupby(["teacher", "learner"]).agg(**stats).reset_index()
    overall["track"] = "*"
    per_track = weekly[weekly.track.notna()].groupby(["teacher", "learner", "track"]).agg(**stats)
    tracks = [overall, per_track.reset_index()]
    del weekly, pair_weeks, per_track

    # Reciprocity, focus and reliance on a directed graph per track (teacher -> learner).
    finished = []
    for ties in tracks:
        for _, group in ties.groupby("track", sort=False):
            finished.append(graph_measures(nx, group.reset_index(drop=True), rules))
    ties = pd.concat(finished, ignore_index=True)
    del finished, tracks

    # Labels, in the engine's order of rules.
    exp_t = ties.teacher.map(experience).astype("float64")
    exp_l = ties.learner.map(experience).astype("float64")
    was_tie = (
        (ties.weeks >= rules.consistency_weeks)
        & (ties.strength >= rules.min_strength)
        & (ties.focus >= rules.min_focus)
    )
    emerging = (
        ~was_tie
        & (ties.first_week > as_of_week - rules.emerging_weeks)
        & (ties.last_week > as_of_week - max(1, rules.emerging_weeks // 2))
        & (ties.weeks >= rules.emerging_min_weeks)
        & (ties.focus >= rules.min_focus)
    )
    ties["label"] = np.select(
        [
            was_tie & (ties.last_week <= as_of_week - rules.fading_weeks),
            was_tie & (ties.reciprocal_weeks >= rules.reciprocity_weeks),
            was_tie & (exp_l - exp_t >= rules.experience_gap_years),
            was_tie,
            emerging,
        ],
        ["fading", "peer", "reverse", "mentor", "emerging"],
        default="",
    )
    labelled = ties.loc[ties.label != "", ["learner", "teacher", "track", "label"]]
    return labelled.astype(str), {"tie_rows": len(ties), "labelled_rows": len(labelled)}


def graph_measures(nx: Any, ties: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """One track's ties with the reverse direction's weeks and strength, focus and reliance,
    computed on a NetworkX DiGraph (an edge per tie, teacher -> learner)."""
    graph = nx.DiGraph()
    graph.add_edges_from(
        (t, lr, {"weeks": w, "strength": s})
        for t, lr, w, s in zip(ties.teacher, ties.learner, ties.weeks, ties.strength, strict=True)
    )

    def standing(edges: Any) -> tuple[float, float]:
        consistent = repeat = 0.0
        for _, _, d in edges:
            if d["weeks"] >= rules.consistency_weeks:
                consistent += d["strength"]
            if d["weeks"] >= rules.focus_min_weeks:
                repeat += d["strength"]
        return consistent, repeat

    given = {node: standing(graph.out_edges(node, data=True)) for node in graph}
    received = {node: standing(graph.in_edges(node, data=True)) for node in graph}
    back_weeks, back_strength, focus, reliance = [], [], [], []
    for teacher, learner, weeks, strength in zip(
        ties.teacher, ties.learner, ties.weeks, ties.strength, strict=True
    ):
        back = graph.get_edge_data(learner, teacher)
        back_weeks.append(back["weeks"] if back else 0)
        back_strength.append(back["strength"] if back else 0.0)
        own = 0.0 if weeks >= rules.focus_min_weeks else strength
        for totals, out in ((given[teacher], focus), (received[learner], reliance)):
            among = totals[0] if weeks >= rules.consistency_weeks else totals[1] + own
            out.append(round(strength / among, 6))
    return ties.assign(
        reciprocal_weeks=back_weeks,
        reciprocal_strength=back_strength,
        focus=focus,
        reliance=reliance,
    )


# -- comparing and reporting --------------------------------------------------------------------


def compare_labels(data: dict[str, Any], runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    key = ["learner", "teacher", "track"]
    engine = pd.read_parquet(runs["engine"][0]["labels"])
    peer = pd.read_parquet(runs["peer"][0]["labels"])
    both = engine.merge(peer, on=key, how="outer", suffixes=("_engine", "_peer")).fillna("")
    same = both.label_engine == both.label_peer
    return {
        "engine_labelled": len(engine),
        "peer_labelled": len(peer),
        "union": len(both),
        "same": int(same.sum()),
        "share": float(same.mean()) if len(both) else 1.0,
        "differ": both[~same].groupby(["label_engine", "label_peer"]).size().to_dict(),
    }


def median(runs: list[dict[str, Any]], field: str) -> float:
    return statistics.median(r[field] for r in runs)


def render(
    args: argparse.Namespace,
    data: dict[str, Any],
    runs: dict[str, list[dict[str, Any]]],
    agreement: dict[str, Any] | None,
    seconds: float,
) -> str:
    section = section_name(args)
    command = ".venv/bin/python bench/engine_scale.py " + " ".join(
        shlex.quote(a) for a in (argv_shown())
    )
    env = " ".join(
        f"{k}={os.environ[k]}"
        for k in ("MENTORMESH_DUCKDB_MEMORY_LIMIT", "MENTORMESH_DUCKDB_TEMP_DIRECTORY")
        if os.environ.get(k)
    )
    lines = [
        f"<!-- {section}:start -->",
        f"## Engine at {data['events']:,} events (`bench/engine_scale.py`)",
        "",
        f"- Command: `{(env + ' ' if env else '') + command.strip()}`",
        f"- Data: {data['events']:,} synthetic events "
        f"(`generate_synthetic_arrays`, {data['communities']} communit"
        f"{'y' if data['communities'] == 1 else 'ies'} of up to 10M events side by side, seed "
        f"{data['seed']}), {data['members']:,} members (members file with experience), "
        f"52 weeks, 9 kinds, 4 tracks, threads; as of {data['as_of']}; Parquet, generated once "
        f"in {data['seconds']:.0f} s.",
        f"- Machine: {machine()}; date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; whole run "
        f"{seconds:.0f} s. The machine is shared (other work was running), so wall times "
        "are noisy; CPU times (user + system of the process) are shown beside them.",
        "- Each measurement runs in a fresh process; peak RSS is that process's `ru_maxrss`.",
        "",
        "| measurement | runs | median wall s | median CPU s | peak RSS GB | output |",
        "|---|---|---|---|---|---|",
    ]
    for kind, results in runs.items():
        if not results:
            continue
        facts = results[0]
        output = f"{facts.get('tie_rows', 0):,} tie rows"
        if "labelled_rows" in facts:
            output += f", {facts['labelled_rows']:,} labelled"
        if "explained" in facts:
            output += f" and explained, {facts['members']:,} members"
        walls = ", ".join(f"{r['seconds']:.1f}" for r in results)
        lines.append(
            f"| {kind} | {len(results)} | {median(results, 'seconds'):.1f} ({walls}) | "
            f"{median(results, 'cpu'):.1f} | {max(r['rss_gb'] for r in results):.2f} | "
            f"{output} |"
        )
    lines.append("")
    lines += verdicts(runs, data)
    if agreement is not None:
        differ = "; ".join(
            f"engine `{a or '-'}` / peer `{b or '-'}`: {n}"
            for (a, b), n in agreement["differ"].items()
        )
        lines += [
            "",
            f"- Labels, engine against peer (rows labelled by either, per learner, teacher and "
            f"track): {agreement['same']:,} of {agreement['union']:,} agree "
            f"({agreement['share']:.2%}); the engine labelled {agreement['engine_labelled']:,} "
            f"rows, the peer {agreement['peer_labelled']:,}."
            + (f" Differences: {differ}." if differ else ""),
        ]
    lines.append(f"<!-- {section}:end -->")
    return "\n".join(lines)


def verdicts(runs: dict[str, list[dict[str, Any]]], data: dict[str, Any]) -> list[str]:
    lines = []
    engine = runs.get("engine")
    if engine and runs.get("bare"):
        wall = median(engine, "seconds") / median(runs["bare"], "seconds")
        cpu = median(engine, "cpu") / median(runs["bare"], "cpu")
        met = "met" if wall <= TARGET_BARE else "**missed**"
        lines.append(
            f"- engine / bare: {wall:.2f}x wall ({cpu:.2f}x CPU); target within "
            f"{TARGET_BARE}x: {met}."
        )
    if engine and runs.get("peer"):
        wall = median(runs["peer"], "seconds") / median(engine, "seconds")
        cpu = median(runs["peer"], "cpu") / median(engine, "cpu")
        met = "met" if wall >= TARGET_PEER else "**missed**"
        lines.append(
            f"- peer / engine: {wall:.1f}x wall ({cpu:.1f}x CPU); target at least "
            f"{TARGET_PEER:.0f}x faster than the peer: {met}."
        )
    if engine and data["events"] >= 50_000_000:
        peak = max(r["rss_gb"] for r in engine)
        met = "met" if peak <= TARGET_GB else "**missed**"
        lines.append(
            f"- {data['events']:,} events on one machine: peak RSS {peak:.1f} GB; target within "
            f"{TARGET_GB:.0f} GB: {met}."
        )
    return lines


def argv_shown() -> list[str]:
    return list(sys.argv[1:])


def machine() -> str:
    python = platform.python_version()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, Python {python}, "
        f"{platform.system()}"
    )


if __name__ == "__main__":
    sys.exit(main())
