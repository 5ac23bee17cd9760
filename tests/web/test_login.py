"""Logging in by handle or email, and logging out with a POST."""

from django.urls import reverse

from tests.conftest import PASSWORD


def test_it_logs_in_with_the_handle_in_any_case(client, alice):
    response = client.post(reverse("login"), {"username": "@ALICE", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_logs_in_with_the_email_address(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_it_refuses_a_wrong_password_with_a_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct handle or email and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_goes_back_where_the_member_was_going(client, alice):
    target = reverse("profile_edit")
    response = client.post(
        f"{reverse('login')}?next={target}",
        {"username": "alice", "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_it_logs_out_only_with_a_post(client, alice):
    client.force_login(alice)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session


def test_it_offers_log_out_as_a_form_in_the_navigation(client, alice):
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in page
