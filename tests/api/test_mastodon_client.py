"""The API through a real Mastodon client library (Mastodon.py) against a running server."""

from __future__ import annotations

import pytest
from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError, MastodonUnauthorizedError

from mentormesh.accounts.actions import do_revoke_access_token
from mentormesh.accounts.models import AccessToken, Profile
from tests.api.helpers import live_client, token_for

# The live server reads the database from another thread, so tests commit for real;
# serialized_rollback restores the default tracks and skills for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def connect(live_server):
    def connect(token: str) -> Mastodon:
        # No version_check_mode: Mastodon.py checks /api/v1/instance/ and /api/v2/instance/ itself.
        return live_client(live_server.url, token)

    return connect


def test_it_reads_and_updates_your_own_profile_with_mastodon_py(connect, alice, bob):
    client = connect(token_for(alice))
    assert client.retrieve_mastodon_version().startswith("4.2.0")

    me = client.account_verify_credentials()
    assert (me.username, me.acct, me.display_name) == ("alice", "alice", "Alice")
    assert me.mentormesh.open_to.mentoring is True
    assert {(s.skill, s.kind, s.level_name) for s in me.mentormesh.skills} == {
        ("media-relations", "offered", "expert"),
        ("press-releases", "offered", "advanced"),
    }

    updated = client.account_update_credentials(
        display_name="Alice Ashdown", note="Ask me about press releases."
    )
    assert updated.display_name == "Alice Ashdown"
    assert updated.source.note == "Ask me about press releases."
    assert updated.note == "<p>Ask me about press releases.</p>"
    assert Profile.objects.get(user=alice).bio == "Ask me about press releases."


def test_it_finds_members_with_mastodon_py(connect, live_server, alice, bob, carol):
    client = connect(token_for(bob))

    found = client.account_lookup("@ALICE")
    assert found.url == f"{live_server.url}/@alice/"
    again = client.account(found.id)
    assert again.id == found.id == str(alice.pk)
    assert again.mentormesh.country == "GB"
    assert again.mentormesh.career_start_year == 2004
    assert again.avatar.startswith(live_server.url)

    assert [account.acct for account in client.directory(limit=2)] == ["alice", "bob"]
    with pytest.raises(MastodonNotFoundError):
        client.account_lookup("nobody_here")


def test_it_tells_mastodon_py_what_is_wrong(connect, alice):
    client = connect(token_for(alice))

    with pytest.raises(MastodonAPIError) as refused:
        client.account_update_credentials(locked=True)
    assert refused.value.args[1] == 422
    assert "locked" in str(refused.value)

    do_revoke_access_token(AccessToken.objects.get(user=alice))
    with pytest.raises(MastodonUnauthorizedError) as unauthorized:
        client.account_verify_credentials()
    assert "The access token is invalid" in str(unauthorized.value)
