"""The mentorship API through a real Mastodon client library (Mastodon.py, which sends
form-encoded bodies) against a running server: ask, answer, the notifications it reads."""

from __future__ import annotations

import pytest

from tests.api.helpers import live_client, token_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def extension(client, method: str, path: str, params: dict | None = None):
    return client._Mastodon__api_request(method, path, params or {})


def test_it_asks_and_answers_through_mastodon_py(live_server, alice, bob, erin):
    bob_client = live_client(live_server.url, token_for(bob))
    alice_client = live_client(live_server.url, token_for(alice))
    created = extension(
        bob_client,
        "POST",
        "/api/v1/mentorship_requests",
        {"account_id": alice.pk, "tracks": ["pr"], "note": "Hello!", "cadence": "monthly"},
    )
    assert (created["state"], created["cadence"]) == ("pending", "monthly")
    [incoming] = extension(alice_client, "GET", "/api/v1/mentorship_requests")
    extension(
        alice_client,
        "POST",
        f"/api/v1/mentorship_requests/{incoming['id']}/answer",
        {"answer": "not_now"},
    )
    [notification] = bob_client.notifications()
    assert notification.type == "unavailable"
    assert notification.account.acct == "alice"
    assert notification.mentormesh.note is None
    [mine] = extension(bob_client, "GET", "/api/v1/mentorship_requests", {"direction": "outgoing"})
    assert (mine["state"], mine["state_text"]) == ("unavailable", "not available right now")
