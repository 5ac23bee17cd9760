"""Fill a migrated database for a real server, from a separate process (the live-chat test
serves the app under uvicorn, which needs its data committed before it starts):

    python -m tests.browser.seed chat        # alice hosts a live chat, bob takes part
    python -m tests.browser.seed showcase    # the screenshot community

Prints one line of JSON: what was made, by id.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import django


def seed_chat() -> dict[str, object]:
    from django.utils import timezone

    from mentormesh.social.actions import do_schedule_chat
    from tests.conftest import make_member

    alice = make_member("alice", headline="PR lead", open_to_mentoring=True)
    make_member("bob", headline="Junior marketer")
    starts = timezone.now() - timedelta(minutes=2)
    chat = do_schedule_chat(
        alice,
        title="Pitching 101",
        hashtag="PRStudChat",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        host=alice,
    )
    return {"chat": chat.pk}


def seed_showcase() -> dict[str, object]:
    from tests.browser.social_showcase import build_social_showcase

    built = build_social_showcase()
    return {"live_chat": built["live_chat"].pk, "past_chat": built["past_chat"].pk}  # type: ignore[attr-defined]


def main(kind: str) -> None:
    django.setup()
    made = {"chat": seed_chat, "showcase": seed_showcase}[kind]()
    print(json.dumps(made))


if __name__ == "__main__":
    main(sys.argv[1])
