"""Live fan-out of one chat post to N connected SSE clients (target: p95 <= 100 ms at N=1,000).

    .venv/bin/python bench/sse_fanout.py --clients 1000 --runs 5
    .venv/bin/python bench/sse_fanout.py --clients 1000 --runs 5 --redis redis://127.0.0.1:6379/5

What it does, in a throwaway data directory (SQLite, the embedded default):

1. migrates, creates a few members and a live chat (tests/realtime/driver.py);
2. starts a real uvicorn server (this script with ``--role server``) serving the project's app;
3. opens N SSE connections to ``/events/chats/<id>`` from this process (raw asyncio sockets)
   and waits until every one has its opening frame (it is subscribed by then);
4. per run: one chat post is created through the actions layer (``do_create_status``) and
   the time until each client has received its ``status.created`` frame is measured, from
   just before the post is created (so it includes creating the post). Without ``--redis``
   the post is made inside the server process, as a web request would; with ``--redis`` it
   is made by another process and reaches the server through the Redis doorbell;
5. reference, same run: the same fan-out through the bus alone — N subscriptions on the bus in
   one process (``--role bus``), no HTTP, no Django request handling — and the ratio of the
   two p95s.

Latencies compare ``time.monotonic()`` across processes (one system-wide clock on Linux).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results import record  # noqa: E402 - bench/results.py (bench/ is on sys.path)
from tests.realtime.live import (  # noqa: E402
    APP,
    Driver,
    free_port,
    migrate,
    run_id,
    server_env,
)

MARKER = b"event: status.created"
# Latency is measured from just before the post is created ("began": includes creating the
# post through the actions layer) and from just after its transaction committed ("committed":
# the event is stored and the bus woken; the fan-out proper).
SINCE = ("began", "committed")
OPENING = b"retry: "


def raise_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)],
        "max": ordered[-1],
    }


# ---------------------------------------------------------------- the server process


def process_cpu() -> float:
    """This process's user + system CPU time so far (microsecond resolution)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_post(create: Any) -> dict[str, float]:
    """Create the post; when it began, and when its transaction committed — taken by an
    on-commit callback registered first, so before the post's own event is even stored."""
    from django.db import transaction

    began, committed = time.monotonic(), []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.monotonic()))
        create()
    return {"began": began, "committed": committed[0]}


def serve(port: int, chat_id: int, author_id: int) -> None:
    """uvicorn in this process, plus a stdin command to create a chat post in-process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentormesh.settings")
    import django
    import uvicorn

    django.setup()

    def commands() -> None:
        from mentormesh.accounts.models import User
        from mentormesh.social.actions import do_create_status
        from mentormesh.social.models import Chat

        author, chat = User.objects.get(pk=author_id), Chat.objects.get(pk=chat_id)
        for number, line in enumerate(sys.stdin):
            if line.strip() == "post":
                text = f"A{number}: fan-out check"
                times = timed_post(lambda text=text: do_create_status(author, text, chat=chat))
                print(json.dumps(times), flush=True)
            elif line.strip() == "cpu":
                print(json.dumps({"cpu": process_cpu()}), flush=True)

    threading.Thread(target=commands, daemon=True).start()
    config = uvicorn.Config(
        APP, host="127.0.0.1", port=port, lifespan="off", log_level="warning", backlog=4096
    )
    uvicorn.Server(config).run()


# ---------------------------------------------------------------- the bus reference


def bus_reference(clients: int, runs: int, chat_id: int, author_id: int) -> None:
    """N subscriptions on the bus in one process: the fan-out without HTTP."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentormesh.settings")
    import django

    django.setup()
    from asgiref.sync import sync_to_async

    from mentormesh.accounts.models import User
    from mentormesh.realtime.bus import get_bus
    from mentormesh.realtime.events import chat_channel
    from mentormesh.social.actions import do_create_status
    from mentormesh.social.models import Chat

    author, chat = User.objects.get(pk=author_id), Chat.objects.get(pk=chat_id)

    def post(number: int) -> dict[str, float]:
        return timed_post(lambda: do_create_status(author, f"R{number}: reference", chat=chat))

    async def main() -> list[dict[str, list[float]]]:
        subscriptions = [await get_bus().subscribe([chat_channel(chat_id)]) for _ in range(clients)]
        results = []
        for number in range(runs):
            arrived: list[float] = []

            async def receive(subscription: Any, arrived: list[float] = arrived) -> None:
                await subscription.get()
                arrived.append(time.monotonic())

            waiting = [asyncio.ensure_future(receive(s)) for s in subscriptions]
            cpu_before = process_cpu()
            times = await sync_to_async(post)(number)
            await asyncio.wait_for(asyncio.gather(*waiting), 30)
            cpu = process_cpu() - cpu_before
            run = {since: [t - times[since] for t in arrived] for since in SINCE}
            results.append({**run, "cpu": [cpu]})
            await asyncio.sleep(0.5)
        for subscription in subscriptions:
            subscription.close()
        return results

    print(json.dumps(asyncio.run(main())), flush=True)


# ---------------------------------------------------------------- the clients


class Client(asyncio.Protocol):
    """One SSE connection, read with a bare protocol (no task per client), so that the
    clients' own overhead stays small next to the server's."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.tail = b""
        self.arrivals: list[float] = []
        self.opened = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        request = (
            f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        transport.write(request.encode())

    def data_received(self, data: bytes) -> None:
        now = time.monotonic()
        window = self.tail + data
        if not self.opened.done() and OPENING in window:
            self.opened.set_result(None)
        # Count only markers that end in the new data (the kept tail may hold an old one).
        new = window.count(MARKER) - self.tail.count(MARKER)
        self.arrivals.extend([now] * new)
        self.tail = window[-len(MARKER) :]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(ConnectionError("closed before the opening frame"))


async def measure(
    port: int, path: str, clients: int, runs: int, post: Any, cpu: Any
) -> tuple[list[dict[str, list[float]]], float]:
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(100)

    async def connect() -> Client:
        async with gate:
            _, client = await loop.create_connection(lambda: Client(path), "127.0.0.1", port)
            await asyncio.wait_for(client.opened, 60)
            return client

    started = time.monotonic()
    crowd = await asyncio.wait_for(asyncio.gather(*(connect() for _ in range(clients))), 180)
    connect_seconds = time.monotonic() - started
    results = []
    for number in range(runs):
        await asyncio.sleep(1.0)
        cpu_before = await asyncio.to_thread(cpu)
        times = await asyncio.to_thread(post)
        deadline = time.monotonic() + 30
        while any(len(c.arrivals) <= number for c in crowd):
            if time.monotonic() > deadline:
                missing = sum(len(c.arrivals) <= number for c in crowd)
                raise TimeoutError(f"run {number}: {missing} clients got nothing in 30 s")
            await asyncio.sleep(0.01)
        run = {since: [c.arrivals[number] - times[since] for c in crowd] for since in SINCE}
        run["cpu"] = [await asyncio.to_thread(cpu) - cpu_before]
        results.append(run)
    for client in crowd:
        if client.transport is not None:
            client.transport.close()
    return results, connect_seconds


def process_footprint(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_mb": int(fields["VmRSS"].split()[0]) / 1024,
        "threads": int(fields["Threads"]),
    }


# ---------------------------------------------------------------- orchestration


@dataclass
class Measurement:
    clients: int
    runs: int
    redis_url: str
    http: list[dict[str, list[float]]]
    bus: list[dict[str, list[float]]]
    connect_seconds: float
    idle: dict[str, float]
    loaded: dict[str, float]
    load_average: float
    stack: str
    seconds: float = 0.0

    @property
    def mode(self) -> str:
        return "redis" if self.redis_url else "local"

    def table(self, since: str) -> list[tuple[str, dict[str, float], dict[str, float]]]:
        """(run, HTTP percentiles, bus percentiles) per run, then the medians."""
        rows = [
            (str(number), percentiles(h[since]), percentiles(b[since]))
            for number, (h, b) in enumerate(zip(self.http, self.bus, strict=True))
        ]
        http, bus = (
            {key: statistics.median(row[side][key] for row in rows) for key in KEYS}
            for side in (1, 2)
        )
        return [*rows, ("median", http, bus)]

    def cpu_ms(self) -> tuple[float, float]:
        """Median CPU time per fan-out (ms): the HTTP server process, the bus-only process.
        Both include creating the post when it is made in that process (without Redis)."""
        server, bus = (
            1000 * statistics.median(run["cpu"][0] for run in side)
            for side in (self.http, self.bus)
        )
        return server, bus

    def met(self) -> bool:
        return self.table("began")[-1][1]["p95"] <= TARGET_P95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5, help="posts to fan out (at least 3)")
    parser.add_argument("--redis", default="", help="e.g. redis://127.0.0.1:6379/5")
    parser.add_argument("--no-record", dest="record", action="store_false")
    parser.add_argument(
        "--extra-path",
        default="",
        help="put this directory first on the processes' PYTHONPATH, e.g. one where "
        "`pip install --target DIR httptools uvloop` put uvicorn's optional speed-ups",
    )
    parser.add_argument("--role", choices=("bench", "server", "bus"), default="bench")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--chat", type=int, default=0)
    parser.add_argument("--author", type=int, default=0)
    args = parser.parse_args()
    raise_fd_limit(2 * args.clients + 256)
    if args.role == "server":
        serve(args.port, args.chat, args.author)
    elif args.role == "bus":
        bus_reference(args.clients, args.runs, args.chat, args.author)
    else:
        started = time.monotonic()
        result = bench(args.clients, max(3, args.runs), args.redis, args.extra_path)
        result.seconds = time.monotonic() - started
        print(console(result))
        if args.record and not args.extra_path:
            record(f"sse_fanout{'_redis' if args.redis else ''}", markdown(result))
            print(f"\nrecorded in {RESULTS}")


def bench(clients: int, runs: int, redis_url: str, extra_path: str = "") -> Measurement:
    load_average = os.getloadavg()[0]
    env = server_env(Path(tempfile.mkdtemp(prefix="sse-fanout-")), redis_url or None)
    env.pop("DATABASE_URL", None)  # the embedded default: SQLite in the data directory
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join((extra_path, env["PYTHONPATH"]))
    migrate(env)
    driver = Driver(env)
    try:
        world = driver("setup", run=run_id())
        chat, author = world["chat"], world["members"]["alice"]
        me = [sys.executable, str(Path(__file__).resolve())]
        ids = ["--chat", str(chat), "--author", str(author), "--clients", str(clients)]
        http, connect_seconds, idle, loaded = over_http(me, ids, env, chat, runs, driver, redis_url)
        reference = subprocess.run(  # noqa: S603 (this script)
            [*me, "--role", "bus", "--runs", str(runs), *ids],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        bus = json.loads(reference.stdout.strip().splitlines()[-1])
        driver("cleanup")
    finally:
        driver.stop()
    return Measurement(
        clients, runs, redis_url, http, bus, connect_seconds, idle, loaded, load_average, stack(env)
    )


def stack(env: dict[str, str]) -> str:
    """What uvicorn will use: h11 or httptools, asyncio's loop or uvloop (when installed)."""
    probe = "import importlib.util as u; print(u.find_spec('httptools') is not None, u.find_spec('uvloop') is not None)"
    found = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    http = "httptools" if found[0] == "True" else "h11"
    loop = "uvloop" if found[1] == "True" else "asyncio's event loop"
    return f"uvicorn {version('uvicorn')} ({http}, {loop}), Django {version('django')}"


def over_http(
    me: list[str],
    ids: list[str],
    env: dict[str, str],
    chat: int,
    runs: int,
    driver: Driver,
    redis_url: str,
) -> tuple[list[dict[str, list[float]]], float, dict[str, float], dict[str, float]]:
    clients = int(ids[ids.index("--clients") + 1])
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (this script)
        [*me, "--role", "server", "--port", str(port), *ids],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def ask(command: str) -> dict[str, float]:
        assert server.stdin is not None
        assert server.stdout is not None
        server.stdin.write(command + "\n")
        server.stdin.flush()
        answer: dict[str, float] = json.loads(server.stdout.readline())
        return answer

    def post() -> dict[str, float]:
        if redis_url:  # another process stores it; the doorbell brings it over
            return driver("post", author="alice", text="A: fan-out check", chat=True)
        return ask("post")

    def cpu() -> float:
        return ask("cpu")["cpu"]

    try:
        wait_for_port(port, server)
        idle = process_footprint(server.pid)
        http, connect_seconds = asyncio.run(
            measure(port, f"/events/chats/{chat}", clients, runs, post, cpu)
        )
        loaded = process_footprint(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(20)
    return http, connect_seconds, idle, loaded


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("the server did not start")


# ---------------------------------------------------------------- reporting

KEYS = ("p50", "p95", "max")
TARGET_P95 = 0.100
RESULTS = Path(__file__).with_name("RESULTS.md")


def _ms(values: dict[str, float]) -> list[str]:
    return [f"{values[key] * 1000:.1f}" for key in KEYS]


def console(result: Measurement) -> str:
    lines = [
        f"SSE fan-out: {result.clients} clients, {result.runs} runs, bus: {result.mode}; "
        f"{result.stack}",
        f"connected every client in {result.connect_seconds:.1f} s; server "
        f"{result.idle['rss_mb']:.0f} MB / {result.idle['threads']:.0f} threads idle, "
        f"{result.loaded['rss_mb']:.0f} MB / {result.loaded['threads']:.0f} threads with clients",
    ]
    for since in SINCE:
        lines += ["", f"latency since the post {since} (ms): HTTP p50 p95 max | bus p50 p95 max"]
        for run, http, bus in result.table(since):
            ratio = http["p95"] / bus["p95"]
            lines.append(f"{run:>6}  {' '.join(_ms(http))} | {' '.join(_ms(bus))}  x{ratio:.1f}")
    server_cpu, bus_cpu = result.cpu_ms()
    lines.append(
        f"\nCPU per fan-out (median): server {server_cpu:.0f} ms, bus alone {bus_cpu:.0f} ms"
    )
    verdict = "met" if result.met() else "NOT met"
    lines.append(f"\ntarget p95 <= 100 ms since the post began: {verdict}")
    return "\n".join(lines)


def markdown(result: Measurement) -> str:
    section = f"sse_fanout{'_redis' if result.redis_url else ''}"
    redis = f" --redis {result.redis_url}" if result.redis_url else ""
    how = (
        "made in the server process, as a web request would (in-process bus)"
        if not result.redis_url
        else "made by another process; the server learns of it through the Redis doorbell"
    )
    median = {since: result.table(since)[-1] for since in SINCE}
    http, bus = median["began"][1], median["began"][2]
    lines = [
        f"<!-- {section}:start -->",
        f"## Live fan-out of one chat post to {result.clients:,} SSE clients, "
        f"{result.mode} bus (`bench/sse_fanout.py`)",
        "",
        f"- Command: `.venv/bin/python bench/sse_fanout.py --clients {result.clients} "
        f"--runs {result.runs}{redis}`",
        f"- Setup: one {result.stack} process serving the project's ASGI app on SQLite "
        f"(the embedded default); {result.clients:,} clients on `/events/chats/<id>` from one "
        f"process (raw asyncio sockets); {result.runs} posts, one per run, each {how}.",
        f"- Reference, same run: the same fan-out through the bus alone ({result.clients:,} "
        "subscriptions in one process, no HTTP).",
        f"- Machine: {machine()}; load average {result.load_average:.1f} when it started "
        f"(the machine is shared); date {datetime.now(UTC):%Y-%m-%d}; whole run "
        f"{result.seconds:.0f} s.",
        f"- Server footprint: {result.idle['rss_mb']:.0f} MB, {result.idle['threads']:.0f} "
        f"threads idle; {result.loaded['rss_mb']:.0f} MB, {result.loaded['threads']:.0f} "
        f"threads with every client connected (Django keeps one thread per open request); "
        f"connecting every client took {result.connect_seconds:.1f} s.",
        f"- CPU time per fan-out (median): the server process "
        f"{result.cpu_ms()[0]:.0f} ms"
        f"{' (including creating the post)' if not result.redis_url else ''}, the bus-only "
        f"process {result.cpu_ms()[1]:.0f} ms (including creating the post). With the machine "
        "shared, CPU time is the steadier measure of cost; latency depends on how much of a "
        "core the server gets.",
        "",
        f"**Result: p95 {1000 * http['p95']:.0f} ms from the moment the post is created "
        f"(target <= 100 ms: {'met' if result.met() else 'not met'}), "
        f"{1000 * median['committed'][1]['p95']:.0f} ms from its commit; the bus alone: "
        f"{1000 * bus['p95']:.0f} ms and {1000 * median['committed'][2]['p95']:.0f} ms.**",
        "",
    ]
    for since, meaning in (
        ("began", "from just before the post is created (includes creating it)"),
        ("committed", "from just after its transaction committed (the fan-out proper)"),
    ):
        lines += [
            f"Latency {meaning}, ms:",
            "",
            "| run | HTTP p50 | HTTP p95 | HTTP max | bus p50 | bus p95 | bus max | p95 ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for run, http_row, bus_row in result.table(since):
            cells = [*_ms(http_row), *_ms(bus_row), f"{http_row['p95'] / bus_row['p95']:.1f}"]
            name = f"**{run}**" if run == "median" else run
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(f"<!-- {section}:end -->")
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}"
    )


if __name__ == "__main__":
    main()
