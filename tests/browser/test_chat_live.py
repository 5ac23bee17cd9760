"""Done when: two members in two browsers hold a live chat and see each other's posts appear
without a reload — served by a real ASGI server (uvicorn), since pytest-django's live server
is WSGI and cannot stream.

The server runs in its own process on a free port, against a temporary data directory whose
SQLite database another process migrated and filled first. Every wait is bounded; the fixture
stops the server it started.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.social_helpers import member_browser
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SECRET = "chat-live-test-secret-key-not-for-production-0123456789"
START_SECONDS = 30
SETUP_SECONDS = 180


@dataclass
class Served:
    url: str
    chat_id: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(data_dir: Path) -> dict[str, str]:
    """The embedded default (SQLite in the data directory), whatever the test run uses."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MENTORMESH_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="mentormesh.settings",
        MENTORMESH_DATA_DIR=str(data_dir),
        MENTORMESH_SECRET_KEY=SECRET,
        MENTORMESH_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603
        command,
        env=env,
        cwd=ROOT,
        check=True,
        timeout=SETUP_SECONDS,
        capture_output=True,
        text=True,
    )
    return done.stdout


def wait_until_listening(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"uvicorn did not listen on {port} within {START_SECONDS} s:\n{log.read_text()}")


@pytest.fixture
def served(tmp_path) -> Iterator[Served]:
    from tests.browser.conftest import require_chromium

    require_chromium()
    env = server_env(tmp_path / "data")
    run([sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"], env)
    made = json.loads(run([sys.executable, "-m", "tests.browser.seed", "chat"], env))
    port = free_port()
    log = tmp_path / "uvicorn.log"
    command = [sys.executable, "-m", "uvicorn", "mentormesh.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        wait_until_listening(process, port, log)
        yield Served(f"http://127.0.0.1:{port}", made["chat"])
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def test_it_holds_a_live_chat_between_two_browsers(served):
    with member_browser(served.url) as log_in:
        host = log_in("alice", PASSWORD)
        member = log_in("bob", PASSWORD)
        room = f"/chats/{served.chat_id}/"
        host.goto(room)
        member.goto(room)
        expect(member.locator(".chat-state")).to_contain_text("Live now")
        expect(member.locator("#chat-no-questions")).to_be_visible()
        for page in (host, member):  # gone if the page were ever reloaded
            page.evaluate("window.stillTheSamePage = true")

        # The host releases Q1: it appears on the member's page without a reload.
        host.get_by_label("Release the next question").fill("What do you research before a pitch?")
        host.get_by_role("button", name="Release question").click()
        expect(host.locator("#question-form")).to_contain_text("Q1 is out")
        question = member.locator(".chat-question").filter(has_text="What do you research")
        expect(question).to_be_visible()
        expect(question).to_contain_text("Question 1")
        expect(member.locator("#chat-no-questions")).to_be_hidden()

        # The member answers A1 in the box under it: it appears on the host's page.
        question.get_by_label("Your answer to Q1").fill(
            "A1: Their last ten stories, then their beat."
        )
        question.get_by_role("button", name="Answer").click()
        expect(question).to_contain_text("Posted — it appears for everyone watching.")
        answer = host.locator(".chat-question .chat-post").filter(has_text="A1: Their last ten")
        expect(answer).to_be_visible()
        expect(answer).to_contain_text("Bob")

        # The host replies to the answer in the room; the member sees the reply nested under it.
        answer.locator("summary", has_text="Reply to Bob").click()
        answer.get_by_label("Your reply").fill("Ten is the magic number, @bob")
        answer.get_by_role("button", name="Reply").click()
        reply = member.locator(".chat-post .chat-post").filter(has_text="Ten is the magic number")
        expect(reply).to_be_visible()

        # Both pages are the same page they opened: nothing was reloaded.
        for page in (host, member):
            assert page.evaluate("window.stillTheSamePage") is True
            assert page.url.endswith(room)
