"""Sign-up: a new member gets an account and a profile, or a clear reason why not."""

import pytest
from django.urls import reverse

from mentormesh.accounts.models import Profile, User
from tests.conftest import PASSWORD


def signup_data(**changes: str) -> dict[str, str]:
    data = {
        "handle": "dana_pr",
        "email": "dana@example.org",
        "display_name": "Dana",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **changes}


def refused(client, **changes: str) -> str:
    """Post a sign-up that must fail: the page is shown again and nobody new exists."""
    before = User.objects.count()
    response = client.post(reverse("signup"), signup_data(**changes))
    assert response.status_code == 200
    assert User.objects.count() == before
    assert Profile.objects.count() == before
    assert "_auth_user_id" not in client.session
    return response.content.decode()


def test_it_signs_a_member_up_logs_them_in_and_asks_for_their_profile(client, db):
    response = client.post(reverse("signup"), signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("profile_edit")
    user = User.objects.get(username="dana_pr")
    assert user.profile.display_name == "Dana"
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_shows_the_sign_up_form_with_labelled_fields(client, db):
    page = client.get(reverse("signup")).content.decode()
    for name in ("handle", "email", "display_name", "password1", "password2"):
        assert f'<label for="id_{name}"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_refuses_a_taken_handle_whatever_its_case(client, alice):
    page = refused(client, handle="ALICE")
    assert "That handle is taken." in page


def test_it_refuses_a_reserved_handle(client, db):
    page = refused(client, handle="admin")
    assert "@admin is reserved; please choose another handle." in page


@pytest.mark.parametrize("handle", ["a", "has space", "dot.name", "x" * 31, "émile"])
def test_it_refuses_a_malformed_handle(client, db, handle):
    page = refused(client, handle=handle)
    assert "A handle is 2–30 letters, digits or underscores" in page


def test_it_refuses_a_weak_password(client, db):
    page = refused(client, password1="password", password2="password")
    assert "This password is too common." in page
    assert "This password is too short." in page


def test_it_refuses_a_password_too_like_the_handle(client, db):
    page = refused(
        client,
        handle="sunflower_garden",
        password1="sunflower_garden1",
        password2="sunflower_garden1",
    )
    assert "too similar" in page


def test_it_refuses_an_invalid_email(client, db):
    page = refused(client, email="not-an-email")
    assert "Enter a valid email address." in page


def test_it_refuses_an_email_already_registered(client, alice):
    page = refused(client, email="Alice@Example.org")
    assert "That email is already registered." in page


def test_it_refuses_passwords_that_differ(client, db):
    page = refused(client, password2=PASSWORD + "x")
    assert "The two passwords don&#x27;t match." in page


def test_it_puts_each_error_next_to_its_field(client, db):
    page = refused(client, handle="admin", email="nope")
    assert 'id="id_handle_error"' in page
    assert 'id="id_email_error"' in page
    assert 'aria-invalid="true"' in page


def test_it_sends_members_who_are_logged_in_home(client, alice):
    client.force_login(alice)
    assert client.get(reverse("signup"))["Location"] == reverse("home")
