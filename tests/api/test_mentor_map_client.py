"""The mentor map, ties and marks through a real Mastodon client library (Mastodon.py)."""

from __future__ import annotations

import pytest

from tests.api.helpers import live_client, token_for
from tests.mentorship.factories import make_tie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_confirms_marks_and_thanks_through_mastodon_py(live_server, alice, bob):
    tie = make_tie(bob, alice, "pr", "mentor", score=4.0)
    bobs = live_client(live_server.url, token_for(bob))
    request = bobs._Mastodon__api_request  # our extensions, through the generic request method

    the_map = request("GET", "/api/v1/mentorship/map")
    pr = next(track for track in the_map["tracks"] if track["track"] == "pr")
    assert pr["mentors"][0]["account"]["acct"] == "alice"
    assert request("POST", f"/api/v1/mentorship/ties/{tie.pk}/confirm")["tie"]["confirmed"]
    mark = request(
        "POST",
        "/api/v1/mentorship/marks",
        {"account_id": str(alice.pk), "track": "pr", "note": "Thank you for the pitch review."},
    )
    assert mark["track"] == "pr"

    alices = live_client(live_server.url, token_for(alice))
    (thanks,) = alices.notifications(types=["thanks"])
    assert thanks.type == "thanks"
    assert thanks.account.acct == "bob"
    assert thanks.mentormesh.note == "Thank you for the pitch review."
