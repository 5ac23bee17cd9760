"""Home timeline and thread context latency at 10,000 members and 1,000,000 posts.

    .venv/bin/python bench/timeline_latency.py                 # build once (cached), then measure
    .venv/bin/python bench/timeline_latency.py --runs 5 --duration 10
    .venv/bin/python bench/timeline_latency.py --profile 200   # where a request's time goes
    .venv/bin/python bench/timeline_latency.py --members 500 --posts 20000 --data-dir /tmp/tl

Targets (issue 3, item 11): p95 <= 25 ms on the embedded default (SQLite); the app's req/s at
least 0.4 x a bare Django JSON endpoint served the same way.

1. Dataset (built once into ``--data-dir``, default ``bench/out/timeline-<members>-<posts>``,
   a SQLite file under MENTORMESH_DATA_DIR): members and profiles with ``bulk_create`` (the
   rows ``do_create_user`` writes); follows (each member draws 50-150 others, popular members
   more often; repeats collapse, ~90 on average) and track follows (1-3 tracks) through
   ``HistoryBatch.follow`` / ``follow_track``; then the posts through ``PostWriter`` below:
   ``HistoryBatch.post``'s rules (status, tracks, tags, mentions, reply counters, interaction
   log, notifications) as plain tuples inserted with ``executemany`` — HistoryBatch's own
   ``bulk_create`` path wrote ~270 posts/s here, 1M would take an hour. Over one year: ~25 %
   replies to one of the last 5,000 public posts (threads), ~6 % with an @mention, hashtags
   mapped to tracks, ~88 % public. PostWriter writes rows, not actions, so the members'
   counters (``AccountStats``) are then counted from the rows (``recount_account_stats``).
2. Server: ``python -m uvicorn mentormesh.asgi:application`` (1 worker) with
   ``DJANGO_SETTINGS_MODULE=bench_settings`` (bench/bench_settings.py: the product settings
   plus ``/bench/bare``, a bare ``JsonResponse`` view — the reference).
3. Load: ``wrk`` on 127.0.0.1 only, for a fixed duration, with a Lua script rotating Bearer
   tokens of ``--token-members`` members (home timeline) and thread status ids (context).
   Two modes per endpoint: latency (1 connection: p50/p95/p99 of one request at a time) and
   throughput (``--connections``, closed loop: req/s). Runs are interleaved across
   endpoints; medians over ``--runs``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from results import record as record_section  # bench/results.py (bench/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
SECTION = "timeline_latency"
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnop"  # noqa: S105 (bench only)
MAX_DURATION = 120
MAX_RUNS = 20
MAX_MEMBERS = 100_000
MAX_POSTS = 5_000_000
ENDPOINTS = ("bare", "home", "context")

LUA = r"""
local tokens, paths = {}, {}
local n = 0
function init(args)
  for line in io.lines(args[1]) do
    local token, path = line:match("^(%S*)%s+(%S+)$")
    table.insert(tokens, token)
    table.insert(paths, path)
  end
  n = math.random(#paths)
end
function request()
  n = n % #paths + 1
  local headers = {}
  if tokens[n] ~= "-" then headers["Authorization"] = "Bearer " .. tokens[n] end
  return wrk.format("GET", paths[n], headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"max": %d, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument(
        "--data-dir", type=Path, help="default bench/out/timeline-<members>-<posts>"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--token-members", type=int, default=500, help="members whose tokens rotate"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=4, help="connections, throughput mode")
    parser.add_argument("--profile", type=int, default=0, help="profile N in-process requests")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--no-record", action="store_true", help="don't write bench/RESULTS.md")
    args = parser.parse_args()
    args.members = max(200, min(args.members, MAX_MEMBERS))
    args.posts = max(1_000, min(args.posts, MAX_POSTS))
    args.runs = max(1, min(args.runs, MAX_RUNS))
    args.duration = max(1, min(args.duration, MAX_DURATION))
    args.connections = max(1, min(args.connections, 64))
    args.profile = max(0, min(args.profile, 5_000))
    args.token_members = max(1, min(args.token_members, args.members, 5_000))
    if args.data_dir is None:
        args.data_dir = BENCH / "out" / f"timeline-{args.members}-{args.posts}"
    args.data_dir = args.data_dir.resolve()
    return args


def server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT / "src"), env.get("PYTHONPATH", "")]),
        MENTORMESH_DATA_DIR=str(data_dir),
        MENTORMESH_SECRET_KEY=SECRET,
        MENTORMESH_ALLOWED_HOSTS="127.0.0.1,testserver",
        MENTORMESH_LOG_LEVEL="WARNING",
    )
    return env


def setup_django(data_dir: Path) -> None:
    os.environ.update({k: v for k, v in server_env(data_dir).items() if k != "PYTHONPATH"})
    sys.path[:0] = [str(BENCH), str(ROOT / "src")]
    import django

    django.setup()


# ---------------------------------------------------------------- the dataset


def build(args: argparse.Namespace) -> dict[str, Any]:
    """Build the community into ``args.data_dir`` (once); returns its description."""
    from django.core.management import call_command

    manifest = args.data_dir / "dataset.json"
    if manifest.exists():
        call_command("migrate", verbosity=0)  # a dataset built before the latest migrations
        return json.loads(manifest.read_text())
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from mentormesh.accounts.actions import do_create_access_token
    from mentormesh.accounts.models import Profile, User
    from mentormesh.community.models import Track
    from mentormesh.social.history import HistoryBatch
    from mentormesh.social.models import Follow, Status, Visibility
    from mentormesh.social.stats import recount_account_stats

    started = time.monotonic()
    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)

    def say(what: str) -> None:
        print(f"[build {time.monotonic() - started:7.1f}s] {what}", flush=True)

    tracks = list(Track.objects.active())
    year_end = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    year_start = year_end - timedelta(days=365)
    follows_of: dict[int, list[Any]] = {}
    if Follow.objects.exists():  # members and follows are there from an interrupted build
        users = list(User.objects.order_by("id"))
        by_id = {user.pk: user for user in users}
        for follower_id, followee_id in Follow.objects.values_list("follower_id", "followee_id"):
            follows_of.setdefault(follower_id, []).append(by_id[followee_id])
        follow_count = sum(len(v) for v in follows_of.values())
        with connection.cursor() as cursor:
            for table in POST_TABLES:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
        say(f"kept {len(users)} members and {follow_count} follows; posts deleted")
    else:
        # Members: the rows do_create_user writes (a user and an empty profile with a name).
        password = make_password(None)
        with transaction.atomic():
            User.objects.bulk_create(
                [
                    User(username=f"m{i:05d}", email=f"m{i:05d}@bench.invalid", password=password)
                    for i in range(args.members)
                ],
                batch_size=2000,
            )
            users = list(User.objects.order_by("id"))
            Profile.objects.bulk_create(
                [Profile(user=user, display_name=f"Member {user.username[1:]}") for user in users],
                batch_size=2000,
            )
        say(f"{len(users)} members")

        # Follows: popular members are followed more (weight 1/rank^0.8).
        weights = list(itertools.accumulate(1 / (r + 1) ** 0.8 for r in range(len(users))))
        popular = users[:]
        rng.shuffle(popular)
        batch = HistoryBatch()
        follow_count = 0
        for index, user in enumerate(users):
            want = rng.randint(50, 150)
            chosen = {
                u.pk: u
                for u in rng.choices(popular, cum_weights=weights, k=want)
                if u.pk != user.pk
            }
            follows_of[user.pk] = list(chosen.values())
            at = year_start - timedelta(days=30, seconds=index)
            for target in chosen.values():
                follow_count += batch.follow(user, target, at=at)
            for track in rng.sample(tracks, rng.randint(1, 3)):
                batch.follow_track(user, track, at=at)
            if index % 1000 == 999:
                with transaction.atomic():
                    batch.flush()
        with transaction.atomic():
            batch.flush()
        say(f"{follow_count} follows")

    phrases = [
        "How do you structure a first conversation with a new mentee",
        "Three things I wish I had known in my first year",
        "Here is a checklist I use before every client pitch",
        "What is the best way to give feedback on a draft",
        "Reading notes from this week, with one surprising idea",
        "I tried the approach from last week's chat and it worked",
        "Question for the group: how do you plan a quarter",
        "A short thread on writing briefs that people read",
        "Sharing a template for weekly one-to-ones",
        "Lessons from a project that went sideways",
    ]
    hashtags = [track.hashtag for track in tracks] + ["career", "books", "writing"]
    author_weights = list(itertools.accumulate(1 / (r + 1) ** 0.6 for r in range(len(users))))
    authors = users[:]
    rng.shuffle(authors)
    step = (year_end - year_start) / args.posts
    writer = PostWriter(connection)
    recent: list[Parent] = []
    thread_ids: list[int] = []
    for index in range(args.posts):
        author = rng.choices(authors, cum_weights=author_weights)[0]
        at = year_start + step * index
        text = f"{rng.choice(phrases)} (part {rng.randint(1, 40)}) #{rng.choice(hashtags)}"
        parent = rng.choice(recent) if recent and rng.random() < 0.25 else None
        visibility, mentioned = Visibility.PUBLIC, None
        roll = rng.random()
        if roll < 0.06:
            mentioned = rng.choice(follows_of[author.pk])
            text = f"@{mentioned.username} {text}"
            if roll < 0.01 and parent is None:
                visibility = Visibility.DIRECT
        elif roll < 0.10:
            visibility = Visibility.UNLISTED
        elif roll < 0.13 and parent is None:
            visibility = Visibility.PRIVATE
        made = writer.post(
            author.pk,
            text,
            at,
            visibility,
            parent,
            mentioned,
            is_question=parent is None and rng.random() < 0.05,
        )
        if visibility == Visibility.PUBLIC:
            recent.append(made)
            if len(recent) > 5000:
                recent.pop(rng.randrange(len(recent)))
            if parent is not None and len(thread_ids) < 50_000:
                thread_ids.append(made.pk)
        if index % 50_000 == 49_999:
            writer.flush()
            if index % 100_000 == 99_999:
                say(f"{index + 1} posts")
    writer.flush()
    say(f"{args.posts} posts")
    # PostWriter writes rows, not through the actions: count the members' counters from them.
    recount_account_stats(user.pk for user in users)
    say("members' counters")
    tokens = [do_create_access_token(user, "bench")[1] for user in users[: args.token_members]]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {
        "members": User.objects.count(),
        "statuses": Status.objects.count(),
        "replies": Status.objects.filter(in_reply_to__isnull=False).count(),
    }
    description = {
        **counts,
        "follows": follow_count,
        "tokens": tokens,
        "thread_ids": rng.sample(thread_ids, min(2000, len(thread_ids))),
        "build_seconds": round(time.monotonic() - started, 1),
        "db_bytes": (args.data_dir / "mentormesh.sqlite3").stat().st_size,
    }
    manifest.write_text(json.dumps(description))
    say(f"done: {counts}")
    return description


POST_TABLES = (
    "social_status_tracks",
    "social_status_tags",
    "social_status_mentions",
    "social_interaction",
    "social_notification WHERE status_id IS NOT NULL",
    "social_status",
)


@dataclass(frozen=True)
class Parent:
    """What a reply needs of the post it answers."""

    pk: int
    account_id: int
    root_id: int
    is_question: bool
    track_ids: tuple[int, ...]
    track_slug: str


class PostWriter:
    """The rows ``HistoryBatch.post`` (so ``do_create_status``) writes for a post, as plain
    tuples inserted with ``executemany``: the status (reply counters included), its tracks,
    tags and mentions, the interaction log (reply/answer, mention) and the notifications
    (reply, mention). Same rules: tracks from hashtags mapped to tracks, else the parent's;
    the log's track is the post's first track by position; nobody is logged or notified about
    themselves; there are no mutes or blocks in this dataset, and replies are public or
    unlisted, so every reply reaches its parent's author. Rendering is memoised per text."""

    def __init__(self, connection: Any) -> None:
        from mentormesh.community.models import Track
        from mentormesh.social.models import Interaction, Notification, Status

        self.connection = connection
        self.tracks = {track.pk: track for track in Track.objects.all()}
        self.columns = {
            model: [field.column for field in model._meta.concrete_fields]
            for model in (Status, Interaction, Notification)
        }
        self.models = (Status, Interaction, Notification)
        self._rendered: dict[str, tuple[str, tuple[int, ...], tuple[int, ...]]] = {}
        self._tags: dict[tuple[str, ...], list[Any]] = {}
        self._start()

    def _start(self) -> None:
        self.statuses: dict[int, dict[str, Any]] = {}
        self.status_tracks: list[tuple[int, int]] = []
        self.status_tags: list[tuple[int, int]] = []
        self.status_mentions: list[tuple[int, int]] = []
        self.interactions: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.older_replies: Counter[int] = Counter()

    def _render(
        self, text: str, handle: str | None
    ) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
        from mentormesh.social.actions import _tags
        from mentormesh.social.content import render_content

        if handle is None and text in self._rendered:
            return self._rendered[text]
        rendered = render_content(text, known_handles=[handle] if handle else [])
        names = tuple(rendered.hashtags)
        if names not in self._tags:
            self._tags[names] = _tags(names)
        tags = self._tags[names]
        track_ids = tuple(dict.fromkeys(t.track_id for t in tags if t.track_id is not None))
        result = (rendered.html, tuple(tag.pk for tag in tags), track_ids)
        if handle is None:
            self._rendered[text] = result
        return result

    def post(
        self,
        author_id: int,
        text: str,
        at: datetime,
        visibility: str,
        parent: Parent | None,
        mentioned: Any | None,
        *,
        is_question: bool,
    ) -> Parent:
        from mentormesh.social.ids import snowflake_id

        html, tag_ids, track_ids = self._render(text, mentioned.username if mentioned else None)
        if not track_ids and parent is not None:
            track_ids = parent.track_ids
        slug = ""
        if track_ids:
            first = min((self.tracks[t] for t in track_ids), key=lambda t: (t.position, t.name))
            slug = first.slug
        pk = snowflake_id(at)
        when = str(at.astimezone(UTC).replace(tzinfo=None))
        self.statuses[pk] = {
            "id": pk, "account_id": author_id, "text": text, "content_html": html,
            "spoiler_text": "", "visibility": visibility, "language": "",
            "in_reply_to_id": parent.pk if parent else None,
            "in_reply_to_account_id": parent.account_id if parent else None,
            "thread_root_id": parent.root_id if parent else None, "reblog_of_id": None,
            "is_question": is_question, "accepted_answer_id": None, "chat_id": None,
            "chat_question": None, "replies_count": 0, "reblogs_count": 0,
            "favourites_count": 0, "learned_count": 0, "created_at": when,
            "edited_at": None, "deleted_at": None,
        }  # fmt: skip
        self.status_tracks += [(pk, t) for t in track_ids]
        self.status_tags += [(pk, t) for t in tag_ids]
        if parent is not None:
            if parent.pk in self.statuses:
                self.statuses[parent.pk]["replies_count"] += 1
            else:
                self.older_replies[parent.pk] += 1
            kind = "answer" if parent.is_question and parent.account_id != author_id else "reply"
            self._log_and_notify(author_id, parent.account_id, kind, "reply", pk, slug, at)
        if mentioned is not None:
            self.status_mentions.append((pk, mentioned.pk))
            if parent is None or mentioned.pk != parent.account_id:
                self._log_and_notify(author_id, mentioned.pk, "mention", "mention", pk, slug, at)
        root = parent.root_id if parent else pk
        return Parent(pk, author_id, root, is_question, track_ids, slug)

    def _log_and_notify(
        self, actor: int, target: int, kind: str, note: str, pk: int, slug: str, at: datetime
    ) -> None:
        from mentormesh.social.ids import snowflake_id

        if actor == target:
            return
        when = str(at.astimezone(UTC).replace(tzinfo=None))
        self.interactions.append(
            {"time": when, "actor_id": actor, "target_id": target, "kind": kind,
             "track": slug, "context": str(pk)}
        )  # fmt: skip
        self.notifications.append(
            {"id": snowflake_id(at), "recipient_id": target, "actor_id": actor, "kind": note,
             "status_id": pk, "chat_id": None, "created_at": when, "read_at": None}
        )  # fmt: skip

    def flush(self) -> None:
        from django.db import transaction

        from mentormesh.social.models import Interaction, Notification, Status

        def insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
            if rows:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)  # noqa: S608

        self.connection.ensure_connection()
        with transaction.atomic():
            raw = self.connection.connection
            for model, rows in (
                (Status, list(self.statuses.values())),
                (Interaction, self.interactions),
                (Notification, self.notifications),
            ):
                columns = [c for c in self.columns[model] if c in rows[0]] if rows else []
                insert(model._meta.db_table, columns, [tuple(r[c] for c in columns) for r in rows])
            insert("social_status_tracks", ["status_id", "track_id"], self.status_tracks)
            insert("social_status_tags", ["status_id", "tag_id"], self.status_tags)
            insert("social_status_mentions", ["status_id", "user_id"], self.status_mentions)
            raw.executemany(
                "UPDATE social_status SET replies_count = replies_count + ? WHERE id = ?",
                [(n, pk) for pk, n in self.older_replies.items()],
            )
        self._start()


# ---------------------------------------------------------------- the server and the load


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "uvicorn", "mentormesh.asgi:application",
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    server = subprocess.Popen(  # noqa: S603 (uvicorn, fixed arguments)
        command, env=server_env(data_dir), cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("uvicorn did not answer /bench/bare within 60 s")


def request_lists(dataset: dict[str, Any], workdir: Path) -> dict[str, Path]:
    tokens, ids = dataset["tokens"], dataset["thread_ids"]
    lines = {
        "bare": ["- /bench/bare"],
        "home": [f"{token} /api/v1/timelines/home" for token in tokens],
        "context": [
            f"{tokens[i % len(tokens)]} /api/v1/statuses/{status_id}/context"
            for i, status_id in enumerate(ids)
        ],
    }
    paths = {}
    for name, rows in lines.items():
        paths[name] = workdir / f"{name}.txt"
        paths[name].write_text("\n".join(rows) + "\n")
    return paths


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads) so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(
    port: int, lua: Path, requests: Path, connections: int, duration: int, server_pid: int
) -> dict[str, float]:
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
        "-s", str(lua), f"http://127.0.0.1:{port}", "--", str(requests),
    ]  # fmt: skip
    cpu_before = cpu_seconds(server_pid)
    out = subprocess.run(  # noqa: S603 (wrk, fixed arguments)
        command, capture_output=True, text=True, timeout=duration + 30, check=True
    )
    cpu = cpu_seconds(server_pid) - cpu_before
    found = re.search(r"WRKJSON (\{.*\})", out.stdout)
    if found is None:
        raise RuntimeError(f"wrk printed no result: {out.stdout}\n{out.stderr}")
    raw = json.loads(found.group(1))
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50": raw["p50"] / 1000,
        "p95": raw["p95"] / 1000,
        "p99": raw["p99"] / 1000,
        "errors": raw["status_errors"] + raw["socket_errors"],
        "requests": raw["requests"],
        # The server's CPU time per request: what a request costs, whatever else the shared
        # machine is doing (wall-clock latency and req/s are not).
        "cpu_ms": 1000 * cpu / max(1, raw["requests"]),
    }


def measure(args: argparse.Namespace, dataset: dict[str, Any]) -> dict[str, Any]:
    port = free_port()
    modes = {"latency": 1, "throughput": args.connections}
    results: dict[str, dict[str, list[dict[str, float]]]] = {
        mode: {name: [] for name in ENDPOINTS} for mode in modes
    }
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        lua = workdir / "rotate.lua"
        lua.write_text(LUA)
        lists = request_lists(dataset, workdir)
        server = start_server(args.data_dir, port)
        try:
            for name in ENDPOINTS:  # warm-up: connections, caches, the OS page cache
                wrk(port, lua, lists[name], args.connections, min(3, args.duration), server.pid)
            for run in range(args.runs):
                for mode, connections in modes.items():
                    for name in ENDPOINTS:
                        result = wrk(port, lua, lists[name], connections, args.duration, server.pid)
                        results[mode][name].append(result)
                        print(f"run {run + 1} {mode:10} {name:8} {fmt(result)}", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    return results


def fmt(result: dict[str, float]) -> str:
    return (
        f"{result['rps']:7.0f} req/s  p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms  "
        f"p99 {result['p99']:6.1f} ms  cpu {result['cpu_ms']:5.2f} ms/req  "
        f"errors {result['errors']:.0f}"
    )


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


# ---------------------------------------------------------------- profiling


def profile(args: argparse.Namespace, dataset: dict[str, Any]) -> str:
    """N requests of each endpoint in-process (Django test client): queries per request, the
    slowest queries, and a profile (printed): pyinstrument's when it can be imported (it is not a
    dependency: e.g. ``pip install --target /tmp/tools pyinstrument`` and ``PYTHONPATH``), else
    cProfile's top functions by cumulative time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    token, ids = dataset["tokens"], dataset["thread_ids"]
    paths = {
        "home": [("/api/v1/timelines/home", t) for t in token],
        "context": [
            (f"/api/v1/statuses/{i}/context", token[n % len(token)]) for n, i in enumerate(ids)
        ],
    }
    lines = []
    for name, rotation in paths.items():
        for path, tok in rotation[:20]:  # warm-up
            client.get(path, HTTP_AUTHORIZATION=f"Bearer {tok}")
        profiler = Profiler()
        query_counts, query_times = [], {}
        profiler.start()
        began = time.perf_counter()
        for n in range(args.profile):
            path, tok = rotation[n % len(rotation)]
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {tok}")
            if response.status_code != 200:
                raise RuntimeError(f"{path}: HTTP {response.status_code}")
            query_counts.append(len(captured.captured_queries))
            for query in captured.captured_queries:
                key = re.sub(r"\d+", "N", query["sql"])[:160]
                query_times[key] = query_times.get(key, 0.0) + float(query["time"])
        elapsed = time.perf_counter() - began
        profiler.stop()
        print(profiler.output())
        lines.append(
            f"- `{name}`: {1000 * elapsed / args.profile:.1f} ms per request in-process "
            f"(test client, profiler on), {statistics.median(query_counts):.0f} queries per request"
        )
        for sql, seconds in sorted(query_times.items(), key=lambda kv: -kv[1])[:3]:
            lines.append(f"  - {1000 * seconds / args.profile:.2f} ms/request in `{sql[:110]}…`")
    return "\n".join(lines)


class Profiler:
    """pyinstrument's sampling profiler if installed, else cProfile."""

    def __init__(self) -> None:
        try:
            from pyinstrument import Profiler as Sampling
        except ImportError:
            import cProfile

            self.sampling = None
            self.tracing = cProfile.Profile()
        else:
            self.sampling = Sampling(interval=0.0005)

    def start(self) -> None:
        if self.sampling is None:
            self.tracing.enable()
        else:
            self.sampling.start()

    def stop(self) -> None:
        if self.sampling is None:
            self.tracing.disable()
        else:
            self.sampling.stop()

    def output(self) -> str:
        if self.sampling is not None:
            return str(self.sampling.output_text(unicode=False, color=False, show_all=False))
        import io
        import pstats

        out = io.StringIO()
        pstats.Stats(self.tracing, stream=out).sort_stats("cumulative").print_stats(40)
        return out.getvalue()


# ---------------------------------------------------------------- the record


def record(args: argparse.Namespace, dataset: dict[str, Any], results: dict[str, Any]) -> str:
    medians = {mode: {n: median_of(r) for n, r in by.items()} for mode, by in results.items()}
    bare = medians["throughput"]["bare"]["rps"]
    bare_cpu = medians["throughput"]["bare"]["cpu_ms"]
    rows = []
    verdicts = []
    for name in ("home", "context"):
        lat, thr = medians["latency"][name], medians["throughput"][name]
        ratio = thr["rps"] / bare
        p95_ok = lat["p95"] <= 25
        verdicts.append(
            f"{name}: p95 {'met' if p95_ok else 'MISSED'}, ratio {'met' if ratio >= 0.4 else 'MISSED'}"
        )
        rows.append(
            f"| {name} | {lat['p50']:.1f} | {lat['p95']:.1f} | {lat['p99']:.1f} | {lat['rps']:.0f} "
            f"| {thr['rps']:.0f} | {thr['p95']:.1f} | {ratio:.2f} | {thr['cpu_ms']:.2f} "
            f"| {bare_cpu / thr['cpu_ms']:.2f} |"
        )
    ref_lat = medians["latency"]["bare"]
    ref_thr = medians["throughput"]["bare"]
    rows.append(
        f"| bare reference | {ref_lat['p50']:.1f} | {ref_lat['p95']:.1f} | {ref_lat['p99']:.1f} "
        f"| {ref_lat['rps']:.0f} | {ref_thr['rps']:.0f} | {ref_thr['p95']:.1f} | 1.00 "
        f"| {bare_cpu:.2f} | 1.00 |"
    )
    errors = sum(r["errors"] for by in results.values() for rs in by.values() for r in rs)
    command = "`.venv/bin/python bench/timeline_latency.py" + (
        f" --runs {args.runs} --duration {args.duration} --connections {args.connections}`"
    )
    text = "\n".join(
        [
            f"<!-- {SECTION}:start -->",
            "## Home timeline and thread context latency (`bench/timeline_latency.py`)",
            "",
            f"- Command: {command} (dataset cached in `{args.data_dir.relative_to(ROOT) if args.data_dir.is_relative_to(ROOT) else args.data_dir}`).",
            f"- Data: {dataset['members']:,} members, {dataset['statuses']:,} statuses "
            f"({dataset['replies']:,} replies in threads), {dataset['follows']:,} follows "
            "(50-150 drawn each, popular members favoured), 1-3 track follows each; follows "
            "with `HistoryBatch`, posts with the script's `PostWriter` (`HistoryBatch.post`'s "
            "rows as tuples, `executemany`) into the embedded "
            f"SQLite file ({dataset['db_bytes'] / 1e9:.1f} GB; built in {dataset['build_seconds']:.0f} s).",
            "- Server: `python -m uvicorn mentormesh.asgi:application` (1 worker), "
            "`DJANGO_SETTINGS_MODULE=bench_settings` (product settings + bench-only `/bench/bare`).",
            f"- Load: `wrk -t1` on 127.0.0.1, {args.duration} s per run, Bearer tokens of "
            f"{len(dataset['tokens'])} members rotating, {len(dataset['thread_ids'])} thread "
            "status ids rotating; latency mode = 1 connection, throughput mode = "
            f"{args.connections} connections; medians of {args.runs} interleaved runs; "
            f"{errors} errors.",
            f"- Machine: {platform.machine()}, {os.cpu_count()} cores (load generator on the same "
            f"machine), Python {platform.python_version()}; date "
            f"{datetime.now(UTC):%Y-%m-%d}.",
            "",
            "| endpoint | p50 ms (1 conn) | p95 ms (1 conn) | p99 ms (1 conn) | req/s (1 conn) "
            f"| req/s ({args.connections} conn) | p95 ms ({args.connections} conn) | ratio to bare "
            f"| server CPU ms/req ({args.connections} conn) | CPU ratio to bare |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "Server CPU ms/req: the uvicorn process's user+system CPU time (`/proc/<pid>/stat`) "
            "over a run divided by its requests; CPU ratio to bare = bare's CPU ms/req / the "
            "endpoint's (what one core would serve, relative to bare, without the shared "
            "machine's noise).",
            "",
            "Targets: p95 <= 25 ms (1 connection); req/s >= 0.4 x bare. "
            + "; ".join(verdicts)
            + ".",
            f"<!-- {SECTION}:end -->",
        ]
    )
    if not args.no_record:
        record_section(SECTION, text)
    return text


def main() -> None:
    args = parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(args.data_dir)
    dataset = build(args)
    from mentormesh.social.models import Status

    # Thread context is asked of public replies only (others would be 404s for most viewers).
    dataset["thread_ids"] = list(
        Status.objects.filter(
            pk__in=dataset["thread_ids"], visibility="public", deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if args.build_only:
        return
    if args.profile:
        print(profile(args, dataset))
        return
    results = measure(args, dataset)
    print(record(args, dataset, results))


if __name__ == "__main__":
    main()
