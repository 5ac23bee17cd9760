"""The cheap tie update (one stale pair) against the full recomputation, on the demo community.

    .venv/bin/python bench/tie_update.py                         # SQLite, 300 members, 5 runs
    .venv/bin/python bench/tie_update.py --backends sqlite,postgres --members 300,2000 --runs 5

The claim: when an interaction lands, updating the ties it affects (``do_update_stale_ties``,
the every-minute job) costs a fraction of recomputing every tie (``do_recompute_ties``, the
daily job), and both give the same rows (tests/mentorship/test_ties_stale.py proves that).

What it does, per backend, in a fresh database (SQLite: a throwaway MENTORMESH_DATA_DIR, the
embedded default; PostgreSQL: the database ``bench_ties`` on 127.0.0.1:5432, created and
dropped by this script — it never touches any other database):

1. migrates and loads the demo community (``load_demo``, seed 2026, ``--members``), which
   computes its ties once;
2. per run, for each case — a planted mentorship pair (@lena_mkt learns from @mira_pr) and
   the pair of the busiest member (the most interactions: the worst case for the cheap path,
   which reads all of both people's interactions) — logs one "I learned from this" through
   ``do_learn`` (marking the pair stale) and times ``do_update_stale_ties``; then logs another
   and times ``do_recompute_ties`` as the reference; all as of the same moment;
3. then times the daily case, a full recomputation that rewrites nearly every row (as of
   one, two, ... days earlier: every score changes);
4. reports medians over ``--runs``, their ratio, and what each read and wrote.

Each backend runs in its own child process (settings are read at start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from results import record as record_section  # bench/results.py (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
SECTION = "tie_update"
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 (bench only)
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_DB = "bench_ties"
SEED = 2026


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite", help="sqlite,postgres")
    parser.add_argument(
        "--members", default="300", help="demo members (20-5000), several comma-separated"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-record", action="store_true", help="don't write bench/RESULTS.md")
    parser.add_argument("--role", choices=("main", "child"), default="main", help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="sqlite", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [max(20, min(int(n), 5000)) for n in str(args.members).split(",") if n.strip()]
    args.runs = max(1, min(args.runs, 20))
    return args


# ---------------------------------------------------------------- the child: one backend


def child(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from mentormesh.accounts.models import User
    from mentormesh.demo.generator import generate_community
    from mentormesh.demo.load import load_demo
    from mentormesh.mentorship.actions.ties import do_recompute_ties, do_update_stale_ties
    from mentormesh.mentorship.models import Tie
    from mentormesh.social.actions import do_create_status, do_learn
    from mentormesh.social.models import Interaction

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    load_demo(generate_community(SEED, args.sizes[0]))
    loaded = time.perf_counter() - began
    print(f"{args.backend}: demo loaded in {loaded:.0f} s", file=sys.stderr, flush=True)
    involved: Counter[int] = Counter()
    for side in ("actor", "target"):
        for row in Interaction.objects.values(side).annotate(n=Count("id")):
            involved[row[side]] += row["n"]
    busiest_id, busiest_count = involved.most_common(1)[0]
    busiest = User.objects.get(pk=busiest_id)
    users = {u.username: u for u in User.objects.filter(username__in=["lena_mkt", "mira_pr"])}
    partner = User.objects.exclude(pk=busiest.pk).order_by("pk").first()
    assert partner is not None
    cases = {
        "planted pair (@lena_mkt <- @mira_pr)": (users["lena_mkt"], users["mira_pr"]),
        f"busiest member's pair (@{busiest.username}, {busiest_count:,} interactions)": (
            partner,
            busiest,
        ),
    }
    moment = timezone.now()
    step = iter(range(10_000))

    def new_interaction(learner: User, teacher: User) -> None:
        at = moment - timedelta(hours=1, seconds=next(step))
        post = do_create_status(teacher, "A bench tip #pr", created_at=at - timedelta(minutes=5))
        do_learn(learner, post, at=at)

    do_update_stale_ties(moment)  # warm-up: imports, DuckDB
    results: dict[str, Any] = {}
    for name, (learner, teacher) in cases.items():
        cheap, full, cheap_counts, full_counts = [], [], None, None
        for run in range(args.runs):
            new_interaction(learner, teacher)
            started = time.perf_counter()
            cheap_counts = do_update_stale_ties(moment)
            cheap.append(time.perf_counter() - started)
            new_interaction(learner, teacher)
            started = time.perf_counter()
            full_counts = do_recompute_ties(moment)
            full.append(time.perf_counter() - started)
            print(
                f"{args.backend} {name} run {run + 1}: cheap {cheap[-1]:.3f} s, "
                f"full {full[-1]:.3f} s",
                file=sys.stderr,
                flush=True,
            )
        assert cheap_counts is not None
        assert full_counts is not None
        results[name] = {
            "cheap": cheap,
            "full": full,
            "cheap_events": cheap_counts.events,
            "cheap_written": cheap_counts.written,
            "full_events": full_counts.events,
            "full_written": full_counts.written,
        }
    # The daily case: time has moved on, so nearly every row's score changes and is rewritten.
    rewrite, rewritten = [], 0
    for run in range(args.runs):
        started = time.perf_counter()
        rewritten = do_recompute_ties(moment - timedelta(days=run + 1)).updated
        rewrite.append(time.perf_counter() - started)
        print(f"{args.backend} full rewrite run {run + 1}: {rewrite[-1]:.3f} s", file=sys.stderr)
    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else ".".join(str(p) for p in divmod(connection.pg_version, 10000))
    )
    return {
        "backend": args.backend,
        "version": version,
        "members": User.objects.count(),
        "interactions": Interaction.objects.count(),
        "ties": Tie.objects.count(),
        "load_seconds": loaded,
        "cases": results,
        "rewrite": rewrite,
        "rewritten": rewritten,
    }


# ---------------------------------------------------------------- the parent


def run_backend(args: argparse.Namespace, backend: str, members: int) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mentormesh.settings",
        MENTORMESH_SECRET_KEY=SECRET,
        MENTORMESH_LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    command = [
        sys.executable, __file__, "--role", "child", "--backend", backend,
        "--members", str(members), "--runs", str(args.runs),
    ]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="tie-update-") as data_dir:
        env["MENTORMESH_DATA_DIR"] = data_dir
        if backend == "postgres":
            import psycopg

            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
                admin.execute(f"CREATE DATABASE {PG_DB}")
        try:
            out = subprocess.run(  # noqa: S603 (this script)
                command, env=env, capture_output=True, text=True, timeout=3600, cwd=ROOT
            )
            sys.stderr.write(out.stderr)
            if out.returncode != 0:
                raise RuntimeError(f"{backend} child failed ({out.returncode})")
            return json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            if backend == "postgres":
                import psycopg

                with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def record(args: argparse.Namespace, results: list[dict[str, Any]], seconds: float) -> str:
    rows, data, rewrites = [], [], []
    for result in results:
        data.append(
            f"{result['backend']} {result['version']}: {result['members']} members, "
            f"{result['interactions']:,} interactions, {result['ties']:,} tie rows "
            f"(demo loaded in {result['load_seconds']:.0f} s)"
        )
        each = ", ".join(f"{s:.2f}" for s in result["rewrite"])
        rewrites.append(
            f"- {result['backend']}, {result['members']:,} members: "
            f"{statistics.median(result['rewrite']):.2f} s ({each}), "
            f"{result['rewritten']:,} of {result['ties']:,} rows updated"
        )
        for name, case in result["cases"].items():
            cheap, full = statistics.median(case["cheap"]), statistics.median(case["full"])
            each = ", ".join(f"{s:.2f}" for s in case["cheap"])
            rows.append(
                f"| {result['backend']} | {result['members']:,} | {name} | {cheap:.3f} ({each}) | "
                f"{full:.3f} | "
                f"{full / cheap:.1f}x | {case['cheap_events']:,} / {case['full_events']:,} | "
                f"{case['cheap_written']} / {case['full_written']} |"
            )
    text = "\n".join(
        [
            f"<!-- {SECTION}:start -->",
            "## Tie update of one stale pair vs full recomputation (`bench/tie_update.py`)",
            "",
            f"- Command: `.venv/bin/python bench/tie_update.py --backends {args.backends} "
            f"--members {args.members} --runs {args.runs}`",
            f"- Data: the demo community (seed {SEED}) loaded into a fresh database per backend: "
            + "; ".join(data)
            + '. Per run and case: one new "I learned from this" through `do_learn`, then '
            "`do_update_stale_ties` timed; another, then `do_recompute_ties` timed (the "
            "reference, same run, same as-of moment). Seconds are wall-clock for the whole "
            "action: reading the log, the engine (DuckDB), writing the rows.",
            f"- Machine: {platform.machine()}, {os.cpu_count()} cores (shared, noisy), "
            f"Python {platform.python_version()}; date {datetime.now(UTC):%Y-%m-%d}; "
            f"whole run {seconds:.0f} s.",
            "",
            "| backend | members | stale pair | cheap update s (median; runs) | full "
            "recomputation s (median) | full / cheap | interactions read (cheap / full) | rows "
            "written (cheap / full) |",
            "|---|---:|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "The daily full recomputation, where time has moved on and nearly every row's score "
            "changes (as of one, two, ... days earlier in turn; median and runs):",
            "",
            *rewrites,
            f"<!-- {SECTION}:end -->",
        ]
    )
    if not args.no_record:
        record_section(SECTION, text)
    return text


def main() -> None:
    args = parse_args()
    if args.role == "child":
        print(json.dumps(child(args)))
        return
    began = time.monotonic()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    results = []
    for members in args.sizes:
        for backend in backends:
            try:
                results.append(run_backend(args, backend, members))
            except (RuntimeError, subprocess.TimeoutExpired) as error:  # keep what finished
                print(f"{backend}, {members} members: not measured ({error})", file=sys.stderr)
    if not results:
        raise SystemExit("nothing was measured")
    print(record(args, results, time.monotonic() - began))


if __name__ == "__main__":
    main()
