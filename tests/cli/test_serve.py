"""`mentormesh serve` for real: a subprocess on a free port with its own data directory.

It must migrate, load the demo community, run the task worker beside the server, answer HTTP,
and stop cleanly on SIGINT (Ctrl-C) and SIGTERM, leaving no worker behind. Every wait is bounded.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.helpers import SCRIPT, embedded_env, free_port

STARTUP_SECONDS = 120  # migrations and the demo on a slow, busy machine
STOP_SECONDS = 30


class Server:
    def __init__(self, process: subprocess.Popen[bytes], log: Path, port: int) -> None:
        self.process, self.log, self.port = process, log, port

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str) -> int:
        # The server's own loopback address, on a port this test chose.
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)

    def wait_until_answering(self, path: str) -> int:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"serve exited with {self.process.returncode}:\n{self.output}")
            try:
                return self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        pytest.fail(f"serve did not answer within {STARTUP_SECONDS} s:\n{self.output}")

    def worker_pid(self) -> int:
        found = re.search(r"Task worker started \(pid (\d+)\)", self.output)
        assert found, self.output
        return int(found.group(1))

    def stop(self, signum: int) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=STOP_SECONDS)


@contextmanager
def serving(data_dir: Path, log: Path, *options: str) -> Iterator[Server]:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603
            [str(SCRIPT), "serve", "--port", str(port), *options],
            env=embedded_env(data_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, log, port)
    try:
        yield server
    finally:
        _kill_if_running(server)


def _kill_if_running(server: Server) -> None:
    """Clean up after a failed test: only the processes this test started, by their ids."""
    if server.process.poll() is None:
        worker = re.search(r"Task worker started \(pid (\d+)\)", server.output)
        server.process.kill()
        server.process.wait(timeout=STOP_SECONDS)
        if worker and _alive(int(worker.group(1))):
            os.kill(int(worker.group(1)), signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_until_gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def _count(data_dir: Path, query: str) -> int:
    with sqlite3.connect(data_dir / "mentormesh.sqlite3") as db:
        return int(db.execute(query).fetchone()[0])


def _members(data_dir: Path) -> int:
    return _count(data_dir, "SELECT count(*) FROM accounts_user")


def _wait_until_a_periodic_job_is_enqueued(data_dir: Path, timeout: float = 30) -> bool:
    """The worker runs the scheduler: it records each periodic job it enqueues."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _count(data_dir, "SELECT count(*) FROM jobs_periodicjob"):
            return True
        time.sleep(0.25)
    return False


def test_it_serves_a_new_community_and_stops_cleanly(tmp_path):
    data_dir = tmp_path / "data"
    # First start: an empty data directory gets migrations, the demo and a worker; Ctrl-C stops it.
    with serving(data_dir, tmp_path / "first.log") as server:
        assert server.wait_until_answering("/admin/login/") == 200
        worker = server.worker_pid()
        assert _alive(worker)
        assert _wait_until_a_periodic_job_is_enqueued(data_dir), server.output
        assert server.stop(signal.SIGINT) == 0, server.output
        assert _wait_until_gone(worker), f"worker {worker} still running"
        output = server.output
    assert "Applied " in output
    assert "Loaded 300 demo members" in output
    assert f"running at http://127.0.0.1:{server.port}/" in output
    assert 'Demo login: @mira_pr (or any demo member), password "mentormesh-demo"' in output
    assert output.rstrip().endswith("mentormesh stopped.")
    assert "Traceback" not in output
    assert _members(data_dir) == 300

    # Second start: nothing to migrate, members exist so no demo is loaded; SIGTERM stops it.
    with serving(data_dir, tmp_path / "second.log") as server:
        assert server.wait_until_answering("/admin/login/") == 200
        worker = server.worker_pid()
        assert server.stop(signal.SIGTERM) == 0, server.output
        assert _wait_until_gone(worker), f"worker {worker} still running"
        output = server.output
    assert "Applied " not in output
    assert "Loading" not in output
    assert "Demo login: @mira_pr" in output
    assert "Traceback" not in output
    assert _members(data_dir) == 300


def test_it_stops_the_worker_when_the_server_is_killed_outright(tmp_path):
    with serving(tmp_path / "data", tmp_path / "serve.log", "--no-demo") as server:
        assert server.wait_until_answering("/admin/login/") == 200
        worker = server.worker_pid()
        server.process.kill()  # no chance to clean up: the worker must notice by itself
        server.process.wait(timeout=STOP_SECONDS)
        assert _wait_until_gone(worker), f"worker {worker} outlived its server"
        assert "The community has no members yet" in server.output
