"""Personal access tokens: created with the raw value shown once, listed, revoked, private."""

from django.urls import reverse

from mentormesh.accounts.actions import do_create_access_token, user_for_token
from mentormesh.accounts.models import AccessToken
from tests.web.conftest import logged_in

TOKENS = "/settings/tokens/"


def test_it_asks_visitors_to_log_in(client, db):
    assert client.get(TOKENS)["Location"].startswith(reverse("login"))


def test_it_creates_a_token_and_shows_it_once(client, alice):
    response = logged_in(client, alice).post(TOKENS, {"name": "my phone"})
    assert response.status_code == 200
    raw = response.context["new_token"][1]
    assert raw.startswith("mm_")
    assert raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert user_for_token(raw) == alice
    again = client.get(TOKENS).content.decode()
    assert "my phone" in again
    assert raw not in again


def test_it_refuses_a_token_without_a_name(client, alice):
    response = logged_in(client, alice).post(TOKENS, {"name": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not AccessToken.objects.exists()


def test_it_lists_only_the_members_own_tokens(client, alice, bob):
    do_create_access_token(alice, "alice's script")
    do_create_access_token(bob, "bob's laptop")
    page = logged_in(client, alice).get(TOKENS).content.decode()
    assert "alice&#x27;s script" in page
    assert "bob&#x27;s laptop" not in page


def test_it_revokes_a_token(client, alice):
    token, raw = do_create_access_token(alice, "old script")
    response = logged_in(client, alice).post(f"/settings/tokens/{token.pk}/revoke/", follow=True)
    assert "The token &#x27;old script&#x27; is revoked" in response.content.decode()
    assert user_for_token(raw) is None
    assert "Revoked" in response.content.decode()


def test_it_answers_404_when_revoking_another_members_token(client, alice, bob):
    token, raw = do_create_access_token(bob, "bob's laptop")
    response = logged_in(client, alice).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert user_for_token(raw) == bob


def test_it_revokes_only_with_a_post(client, alice):
    token, raw = do_create_access_token(alice, "script")
    assert logged_in(client, alice).get(f"/settings/tokens/{token.pk}/revoke/").status_code == 405
    assert user_for_token(raw) == alice
