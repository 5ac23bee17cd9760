"""Posts per second through the actions layer, on SQLite and PostgreSQL (target: >= 1,000/s on SQLite).

    .venv/bin/python bench/post_create.py                      # both backends, N=5,000, 3 runs
    .venv/bin/python bench/post_create.py --backends sqlite --posts 1000 --runs 3

What it does, per backend, in a fresh database (SQLite: a throwaway MENTORMESH_DATA_DIR, the
embedded default; PostgreSQL: the database ``bench_posts`` on 127.0.0.1:5432, created and
dropped by this script — it never touches any other database):

1. migrates, creates ``--members`` members (users and profiles in bulk);
2. warm-up: ``--warmup`` posts through ``check_and_create_status``;
3. per run: N posts through ``check_and_create_status`` (single process, one transaction per
   post as in a request), each with a realistic text — an @mention of another member, a
   hashtag (mapped to a track or not) — and every fourth a reply to one of the last 200 posts;
   then the reference: the same N rows with a plain ``Status.objects.create`` (autocommit:
   one transaction per row) using the already rendered HTML; medians over ``--runs``;
4. queries per post (``CaptureQueriesContext``) for a plain post, a post with a mention and a
   hashtag, and a reply, with the most repeated statements;
5. where the time goes: ``--phase-posts`` more posts of the same mix with a timer around each
   step of the actions layer (exclusive times), the time inside database statements and
   commits counted separately.

Each backend runs in its own child process (settings are read at start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "post_create"
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 (bench only)
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_DB = "bench_posts"
MAX_POSTS = 50_000
MAX_RUNS = 10
PHRASES = (
    "thanks for the pointer on structuring briefs",
    "how would you run a first mentoring call?",
    "this framework helped me plan the quarter",
    "sharing my notes from today's session",
    "what's a good first book on negotiation?",
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--posts", type=int, default=5_000, help="N posts per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--phase-posts", type=int, default=500, help="posts timed by phase")
    parser.add_argument("--no-record", action="store_true", help="don't write bench/RESULTS.md")
    parser.add_argument("--role", choices=("main", "child"), default="main", help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="sqlite", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.posts = max(100, min(args.posts, MAX_POSTS))
    args.runs = max(1, min(args.runs, MAX_RUNS))
    args.warmup = max(10, min(args.warmup, 5_000))
    args.members = max(10, min(args.members, 5_000))
    args.phase_posts = max(50, min(args.phase_posts, 5_000))
    return args


# ---------------------------------------------------------------- the child: one backend


def child(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    import random

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentormesh.accounts.models import Profile, User
    from mentormesh.community.models import Track
    from mentormesh.social.actions import check_and_create_status
    from mentormesh.social.models import Status

    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    password = make_password(None)
    User.objects.bulk_create(
        User(username=f"p{i:04d}", email=f"p{i:04d}@bench.invalid", password=password)
        for i in range(args.members)
    )
    users = list(User.objects.order_by("id"))
    Profile.objects.bulk_create(Profile(user=user) for user in users)
    hashtags = [track.hashtag for track in Track.objects.active()] + ["career", "books"]
    recent: list[Status] = []

    def next_post(i: int, reply: bool | None = None) -> tuple[User, str, dict[str, Any]]:
        author, other = rng.sample(users, 2)
        text = f"@{other.username} {rng.choice(PHRASES)} #{rng.choice(hashtags)} ({i})"
        options: dict[str, Any] = {}
        if (reply if reply is not None else i % 4 == 3) and recent:
            options["in_reply_to"] = rng.choice(recent)
        return author, text, options

    def action_posts(count: int, start: int) -> tuple[float, float, list[Status]]:
        made = []
        began, cpu = time.perf_counter(), time.process_time()
        for i in range(start, start + count):
            author, text, options = next_post(i)
            status = check_and_create_status(author, text, **options)
            made.append(status)
            recent.append(status)
            if len(recent) > 200:
                recent.pop(0)
        return time.perf_counter() - began, time.process_time() - cpu, made

    def orm_posts(template: list[Status]) -> tuple[float, float]:
        began, cpu = time.perf_counter(), time.process_time()
        for row in template:
            Status.objects.create(
                account_id=row.account_id,
                text=row.text,
                content_html=row.content_html,
                visibility=row.visibility,
                in_reply_to_id=row.in_reply_to_id,
                in_reply_to_account_id=row.in_reply_to_account_id,
                thread_root_id=row.thread_root_id,
            )
        return time.perf_counter() - began, time.process_time() - cpu

    action_posts(args.warmup, 0)
    orm_posts(recent[:50])
    runs = []
    start = args.warmup
    for run in range(args.runs):
        seconds, cpu, made = action_posts(args.posts, start)
        start += args.posts
        reference, reference_cpu = orm_posts(made)
        runs.append(
            {
                "action": args.posts / seconds,
                "orm": args.posts / reference,
                "action_cpu": args.posts / cpu,
                "orm_cpu": args.posts / reference_cpu,
            }
        )
        print(f"{args.backend} run {run + 1}: {runs[-1]}", file=sys.stderr, flush=True)

    # Queries per post, by kind of post.
    kinds: dict[str, Any] = {}
    samples = {
        "plain (no mention, no hashtag)": lambda i: (users[0], f"just a note ({i})", {}),
        "mention + hashtag": lambda i: next_post(i, reply=False),
        "reply + mention + hashtag": lambda i: next_post(i, reply=True),
    }
    for kind, make in samples.items():
        statements: Counter[str] = Counter()
        total = 0
        for i in range(20):
            author, text, options = make(start + i)
            with CaptureQueriesContext(connection) as captured:
                check_and_create_status(author, text, **options)
            total += len(captured.captured_queries)
            for query in captured.captured_queries:
                statements[normalise(query["sql"])] += 1
        start += 20
        kinds[kind] = {
            "queries": total / 20,
            "top": [(sql, n / 20) for sql, n in statements.most_common(6)],
        }
    phases = phase_breakdown(lambda i: action_posts(1, start + i), args.phase_posts)
    return {
        "phases": phases,
        "backend": args.backend,
        "engine": connection.vendor,
        "version": connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else ".".join(str(p) for p in divmod(connection.pg_version, 10000)),
        "database": str(settings.DATABASES["default"]["NAME"]),
        "runs": runs,
        "kinds": kinds,
    }


PHASES = {
    # (module, attribute): label; exclusive times, database statements split out below.
    ("mentormesh.social.actions", "check_create_status"): "checks (reply visibility, blocks)",
    ("mentormesh.social.actions", "_blocked_ids"): "author's blocks (query)",
    ("mentormesh.social.actions", "_mention_candidates"): "mention candidates (@scan + query)",
    ("mentormesh.social.actions", "render_content"): "Markdown render + nh3",
    ("mentormesh.social.actions", "_tags"): "hashtags (query)",
    ("mentormesh.social.actions", "_tracks_for"): "tracks (thread's, for replies)",
    ("mentormesh.social.actions", "_insert_related"): "mention/tag/track links (inserts)",
    ("mentormesh.social.actions", "_log_post_interactions"): "interaction log (insert)",
    ("mentormesh.social.actions", "_notify_post"): "notifications (mutes + insert)",
    ("mentormesh.social.actions", "status_channels"): "event recipients (followers query)",
    ("mentormesh.realtime.events", "_deliver"): "events stored after commit (own transaction)",
}


def phase_breakdown(post: Any, count: int) -> dict[str, Any]:
    """Where one post's time goes: exclusive wall time per phase (a timer around the actions
    layer's own steps), with the time spent inside database statements and commits split out
    of every phase. ``post(i)`` makes one post."""
    import importlib
    from collections import defaultdict

    from django.db import connection

    from mentormesh.social.models import Status

    spent: defaultdict[str, float] = defaultdict(float)
    stack: list[float] = []

    def timed(label: str, call: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            stack.append(0.0)
            try:
                return call(*args, **kwargs)
            finally:
                inner = stack.pop()
                total = time.perf_counter() - began
                spent[label] += total - inner
                if stack:
                    stack[-1] += total

        return wrapper

    patched: list[tuple[Any, str, Any]] = []
    for (module_name, name), label in PHASES.items():
        module = importlib.import_module(module_name)
        patched.append((module, name, getattr(module, name)))
        setattr(module, name, timed(label, getattr(module, name)))
    patched.append((Status, "save", Status.save))
    Status.save = timed("status insert (Status.save)", Status.save)  # type: ignore[method-assign]
    commit = connection.commit
    connection.commit = timed("COMMIT (driver)", commit)  # type: ignore[method-assign]
    in_statement = timed(
        "database statements (driver execute)",
        lambda execute, sql, params, many, context: execute(sql, params, many, context),
    )
    began = time.perf_counter()
    try:
        with connection.execute_wrapper(in_statement):
            for i in range(count):
                post(i)
    finally:
        for owner, name, original in patched:
            setattr(owner, name, original)
        del connection.commit
    total = time.perf_counter() - began
    known = sum(spent.values())
    rows = sorted(spent.items(), key=lambda item: -item[1])
    rows.append(("other Python (ORM object set-up, atomic(), the loop)", total - known))
    return {
        "posts": count,
        "ms_per_post": 1000 * total / count,
        "rows": [(label, 1000 * seconds / count) for label, seconds in rows],
    }


def normalise(sql: str) -> str:
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "N", sql)
    sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql, count=1)
    return sql[:120]


# ---------------------------------------------------------------- the parent


def run_backend(args: argparse.Namespace, backend: str) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mentormesh.settings",
        MENTORMESH_SECRET_KEY=SECRET,
        MENTORMESH_LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    command = [
        sys.executable, __file__, "--role", "child", "--backend", backend,
        "--posts", str(args.posts), "--runs", str(args.runs), "--warmup", str(args.warmup),
        "--members", str(args.members), "--phase-posts", str(args.phase_posts),
    ]  # fmt: skip
    timeout = 120 + (args.runs * args.posts + args.warmup) * 0.2
    with tempfile.TemporaryDirectory(prefix="post-create-") as data_dir:
        env["MENTORMESH_DATA_DIR"] = data_dir
        if backend == "postgres":
            import psycopg

            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
                admin.execute(f"CREATE DATABASE {PG_DB}")
        try:
            out = subprocess.run(  # noqa: S603 (this script, wrk)
                command, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
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
    rows, details, phases = [], [], []
    for result in results:
        action = statistics.median(run["action"] for run in result["runs"])
        orm = statistics.median(run["orm"] for run in result["runs"])
        each = ", ".join(f"{run['action']:.0f}" for run in result["runs"])
        action_cpu = statistics.median(run["action_cpu"] for run in result["runs"])
        orm_cpu = statistics.median(run["orm_cpu"] for run in result["runs"])
        target = ""
        if result["backend"] == "sqlite":
            target = "met (>= 1,000/s)" if action >= 1000 else "MISSED (< 1,000/s)"
        rows.append(
            f"| {result['backend']} {result['version']} | {action:.0f} ({each}) | {orm:.0f} "
            f"| {action / orm:.2f} | {action_cpu:.0f} / {orm_cpu:.0f} | {target} |"
        )
        for kind, found in result["kinds"].items():
            top = "; ".join(f"{n:.1f}x `{sql}`" for sql, n in found["top"][:4])
            details.append(f"- {result['backend']}, {kind}: {found['queries']:.1f} queries ({top})")
        breakdown = result["phases"]
        phases += [
            "",
            f"{result['backend']}: {breakdown['ms_per_post']:.2f} ms per post over "
            f"{breakdown['posts']} more posts of the same mix, timed by phase:",
            "",
            "| phase (exclusive: database statements and commits split out) | ms/post | share |",
            "|---|---:|---:|",
            *(
                f"| {label} | {ms:.3f} | {100 * ms / breakdown['ms_per_post']:.0f}% |"
                for label, ms in breakdown["rows"]
            ),
        ]
    text = "\n".join(
        [
            f"<!-- {SECTION}:start -->",
            "## Post creation through the actions layer (`bench/post_create.py`)",
            "",
            f"- Command: `.venv/bin/python bench/post_create.py --backends {args.backends} "
            f"--posts {args.posts} --runs {args.runs}`",
            f"- Data: fresh database per backend, {args.members} members, {args.warmup} warm-up "
            f"posts, then N = {args.posts:,} posts per run through `check_and_create_status` "
            "(one transaction each; text with an @mention and a hashtag, every fourth a reply); "
            "reference in the same run: the same rows with plain `Status.objects.create` "
            "(autocommit, pre-rendered HTML). SQLite = embedded default (WAL, synchronous=NORMAL) "
            "in a temp MENTORMESH_DATA_DIR; PostgreSQL = local server, database "
            "`bench_posts` created and dropped by the script.",
            f"- Machine: {platform.machine()}, {os.cpu_count()} cores (shared, noisy), "
            f"Python {platform.python_version()}; date {datetime.now(UTC):%Y-%m-%d}; "
            f"whole run {seconds:.0f} s; load average at the end "
            f"{', '.join(f'{load:.1f}' for load in os.getloadavg())} (1, 5, 15 min).",
            "",
            "| backend | actions layer posts/s (median; runs) | ORM create rows/s | ratio "
            "| per CPU-second of the bench process: posts / rows | target |",
            "|---|---:|---:|---:|---:|---|",
            *rows,
            "",
            "Posts/s and rows/s are wall-clock rates (the claim). The CPU column divides by the "
            "bench process's own CPU time instead: on this shared machine it shows the rate "
            "without waiting for a core; on PostgreSQL it leaves out the server's CPU.",
            "",
            "Queries per post (mean of 20, most repeated statements per post):",
            "",
            *details,
            "",
            "Where the time per post goes (a timer around each step of the actions layer, "
            "with time inside database statements and commits counted separately; the "
            "timers add a little time of their own):",
            *phases,
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
    results = [run_backend(args, b.strip()) for b in args.backends.split(",") if b.strip()]
    print(record(args, results, time.monotonic() - began))


if __name__ == "__main__":
    main()
