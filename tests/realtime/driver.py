"""A process that changes the world through the social actions, for the live-server tests and
bench/sse_fanout.py: it reads one JSON command per line on stdin and answers one JSON line.

It runs with the same environment as the servers under test (data directory or DATABASE_URL,
REDIS_URL), so the events it causes come from "another process", as a task worker's would.

    {"op": "setup", "run": "k3x9"}   -> member ids, session keys, a live chat
    {"op": "post", "author": "alice", "text": "Hi", "visibility": "public", "chat": false}
    {"op": "block", "member": "carol", "target": "alice"}
    {"op": "cleanup"}
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentormesh.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from mentormesh.accounts.actions import do_create_user  # noqa: E402
from mentormesh.accounts.models import User  # noqa: E402
from mentormesh.social.actions import (  # noqa: E402
    do_block,
    do_create_status,
    do_follow,
    do_schedule_chat,
)
from mentormesh.social.models import Chat  # noqa: E402

CAST = ("alice", "bob", "carol", "erin")


class World:
    def __init__(self) -> None:
        self.run = ""
        self.members: dict[str, User] = {}
        self.chat: Chat | None = None

    def setup(self, run: str) -> dict[str, Any]:
        """The cast, with this run's suffix on their handles; bob and carol follow alice."""
        self.run = run
        for name in CAST:
            handle = f"{name}_{run}"
            self.members[name] = do_create_user(handle, f"{handle}@example.org", None)
        do_follow(self.members["bob"], self.members["alice"])
        do_follow(self.members["carol"], self.members["alice"])
        now = timezone.now()
        self.chat = do_schedule_chat(
            self.members["alice"],
            title="Live test chat",
            hashtag=f"chat{run}",
            starts_at=now - timedelta(minutes=1),
            ends_at=now + timedelta(hours=6),
            host=self.members["alice"],
        )
        return {
            "members": {name: user.pk for name, user in self.members.items()},
            "sessions": {name: session_key(user) for name, user in self.members.items()},
            "chat": self.chat.pk,
        }

    def post(self, author: str, text: str, visibility: str = "public", chat: bool = False) -> dict:
        """Create a post ("{bob}" in ``text`` is bob's handle). For the bench, also
        ``time.monotonic()`` when it began and when its transaction committed (taken by an
        on-commit callback registered first, so before the post's own event is stored)."""
        began, committed = time.monotonic(), []
        with transaction.atomic():
            transaction.on_commit(lambda: committed.append(time.monotonic()))
            status = do_create_status(
                self.members[author],
                text.format(**{n: f"{n}_{self.run}" for n in CAST}),
                visibility=visibility,
                chat=self.chat if chat else None,
            )
        return {"id": str(status.pk), "began": began, "committed": committed[0]}

    def block(self, member: str, target: str) -> dict:
        do_block(self.members[member], self.members[target])
        return {}

    def cleanup(self) -> dict:
        User.objects.filter(pk__in=[user.pk for user in self.members.values()]).delete()
        return {}


def session_key(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def main() -> None:
    world = World()
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        try:
            answer = getattr(world, op)(**command)
        except Exception as error:  # report it to the test, which fails with the message
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
