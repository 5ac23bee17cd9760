"""Real processes for the live tests: uvicorn servers, a driver process, and an SSE client.

Every wait is bounded; every process is stopped by whoever started it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import select
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
APP = "mentormesh.asgi:application"
SECRET = "live-test-secret-key-not-for-production-0123456789"


def run_id() -> str:
    return secrets.token_hex(3)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(data_dir: Path, redis_url: str | None = None) -> dict[str, str]:
    """The environment of every process of one deployment: servers, driver, migrate."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MENTORMESH_", "DJANGO_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="mentormesh.settings",
        MENTORMESH_DATA_DIR=str(data_dir),
        MENTORMESH_SECRET_KEY=SECRET,
        MENTORMESH_LOG_LEVEL="WARNING",
        # This checkout's source first: the shared venv's editable install may point elsewhere.
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def migrate(env: dict[str, str]) -> None:
    """Create (PostgreSQL) and migrate the database the servers will share."""
    if env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        create_postgres_database(env["DATABASE_URL"])
    django_admin = [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"]
    subprocess.run(django_admin, env=env, cwd=ROOT, check=True, timeout=180)  # noqa: S603


def create_postgres_database(url: str) -> None:
    """The servers use the database DATABASE_URL names (pytest-django's own is ``test_<name>``)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Server:
    """``python -m uvicorn mentormesh.asgi:application`` on a free port."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        command = [sys.executable, "-m", "uvicorn", APP, "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--lifespan", "off", "--log-level", "warning"]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603
        self._wait_until_listening()

    def _wait_until_listening(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"uvicorn did not listen on {self.port} within {timeout} s")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """A plain request (for error statuses); reads at most 4 KiB of the body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read(4096).decode()
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


class Driver:
    """The process that causes events (``tests/realtime/driver.py``)."""

    def __init__(self, env: dict[str, str]) -> None:
        command = [sys.executable, "-m", "tests.realtime.driver"]
        self.process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def __call__(self, op: str, timeout: float = 60, **arguments: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError(f"the driver did not answer {op!r} within {timeout} s")
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise RuntimeError(f"driver {op}: {answer['error']}")
        return answer

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@dataclass
class SSEEvent:
    id: str | None
    event: str
    data: str
    payload: dict[str, Any] = field(default_factory=dict)


class SSEClient:
    """A blocking SSE reader over ``http.client``; every read is bounded by ``timeout``."""

    def __init__(
        self,
        port: int,
        path: str,
        *,
        session: str | None = None,
        last_event_id: str | None = None,
        timeout: float = 20,
    ) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        headers = {"Accept": "text/event-stream"}
        if session:
            headers["Cookie"] = f"sessionid={session}"
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.timeout = timeout
        self.last_event_id = last_event_id
        self.retry: int | None = None
        if self.status == 200:
            self._read_opening_frame()

    def _read_opening_frame(self) -> None:
        """The server subscribes before its first frame (``retry:``, and ``id:`` for a new
        client): once read, every later event will reach this client."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            line = self.response.readline().decode().rstrip("\n")
            if line.startswith("retry: "):
                self.retry = int(line.removeprefix("retry: "))
            elif line.startswith("id: "):
                self.last_event_id = line.removeprefix("id: ")
            elif line == "":
                return
        raise TimeoutError(f"no opening frame within {self.timeout} s")

    def next_event(self) -> SSEEvent:
        """The next event with data (id-only and retry frames just update the state), within
        ``timeout`` seconds even when keep-alive comments keep arriving."""
        deadline = time.monotonic() + self.timeout
        fields: dict[str, list[str]] = {}
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no event within {self.timeout} s")
            raw = self.response.readline()
            if not raw:
                raise EOFError("the server ended the stream")
            line = raw.decode().rstrip("\n")
            if line == "":
                if "id" in fields:
                    self.last_event_id = fields["id"][-1]
                if "retry" in fields:
                    self.retry = int(fields["retry"][-1])
                if "data" in fields:
                    data = "\n".join(fields["data"])
                    event = SSEEvent(self.last_event_id, fields.get("event", ["message"])[-1], data)
                    if data.startswith("{"):
                        event.payload = json.loads(data)
                    return event
                fields = {}
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields.setdefault(name, []).append(value.removeprefix(" "))

    def events_until(self, status_id: str, limit: int = 50) -> list[SSEEvent]:
        """Events up to and including the first about ``status_id``."""
        seen = []
        for _ in range(limit):
            event = self.next_event()
            seen.append(event)
            if event.payload.get("id") == status_id and event.event.startswith("status."):
                return seen
        raise AssertionError(f"no event for {status_id} among {limit} events: {seen}")

    def events_until_notification(self, kind: str, limit: int = 50) -> list[SSEEvent]:
        """Events up to and including the first notification of ``kind``."""
        seen = []
        for _ in range(limit):
            event = self.next_event()
            seen.append(event)
            if event.event == "notification" and event.payload.get("kind") == kind:
                return seen
        raise AssertionError(f"no {kind} notification among {limit} events: {seen}")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> SSEClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
