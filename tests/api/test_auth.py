"""Who may call what: personal access tokens, the web session, and clear 401s."""

from __future__ import annotations

import pytest
from django.test import Client

from mentormesh.accounts.actions import do_create_access_token, do_revoke_access_token
from tests.api.helpers import bearer, patch_json

ME = "/api/v1/accounts/verify_credentials"
INVALID = {"error": "The access token is invalid"}


def assert_invalid_token(response) -> None:
    assert response.status_code == 401
    assert response.json() == INVALID
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_knows_you_by_your_token(client, alice, alice_token):
    response = client.get(ME, headers=bearer(alice_token))
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_it_refuses_a_request_without_a_token(client, alice):
    assert_invalid_token(client.get(ME))


def test_it_refuses_a_change_without_a_token_with_401_not_a_csrf_403(alice):
    client = Client(enforce_csrf_checks=True)
    assert_invalid_token(
        client.patch("/api/v1/accounts/update_credentials", "{}", content_type="application/json")
    )


@pytest.mark.parametrize(
    "header", ["Bearer mm_not-a-real-token", "Bearer not-even-our-format", "Bearer ", "Bearer"]
)
def test_it_refuses_an_invalid_token(client, alice, header):
    assert_invalid_token(client.get(ME, headers={"Authorization": header}))


def test_it_refuses_a_revoked_token(client, alice):
    token, raw = do_create_access_token(alice, "old laptop")
    do_revoke_access_token(token)
    assert_invalid_token(client.get(ME, headers=bearer(raw)))


def test_it_refuses_the_token_of_a_deactivated_member(client, alice, alice_token):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert_invalid_token(client.get(ME, headers=bearer(alice_token)))


def test_it_refuses_a_bad_token_even_with_a_web_session(client, alice, bob):
    client.force_login(bob)
    assert_invalid_token(client.get(ME, headers=bearer("mm_forged")))


def test_it_accepts_the_web_session_so_the_docs_page_can_try_endpoints(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(ME).json()["username"] == "alice"

    without_csrf = client.patch(
        "/api/v1/accounts/update_credentials", "{}", content_type="application/json"
    )
    assert without_csrf.status_code == 403
    assert "CSRF" in without_csrf.json()["error"]

    client.get("/api/docs")  # sets the CSRF cookie, as the page does for a signed-in member
    with_csrf = client.patch(
        "/api/v1/accounts/update_credentials",
        '{"headline": "From the docs page"}',
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert with_csrf.status_code == 200
    assert with_csrf.json()["mentormesh"]["headline"] == "From the docs page"


def test_it_lets_a_token_change_things_without_csrf(alice, alice_token):
    response = patch_json(
        Client(enforce_csrf_checks=True), alice_token, {"headline": "Token works"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/instance",
        "/api/v2/instance",
        "/api/v1/tracks",
        "/api/v1/directory",
        "/api/v1/accounts/lookup?acct=alice",
        "/api/v1/accounts/search?q=alice",
    ],
)
def test_it_answers_public_reads_without_a_token(client, alice, path):
    assert client.get(path).status_code == 200


def test_it_reads_the_account_by_id_without_a_token(client, alice):
    assert client.get(f"/api/v1/accounts/{alice.pk}").status_code == 200
