"""Changing a password, and resetting a forgotten one by email."""

import re

from django.urls import reverse

from tests.conftest import PASSWORD

NEW_PASSWORD = "a-brand-new-passphrase-77"


def test_it_changes_the_password_of_a_member_who_knows_the_old_one(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password is changed." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert response.context["user"].is_authenticated  # still logged in


def test_it_refuses_a_wrong_old_password_and_keeps_the_current_one(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_asks_visitors_to_log_in_before_changing_a_password(client, db):
    response = client.get(reverse("password_change"))
    assert response["Location"].startswith(reverse("login"))


def test_it_emails_a_reset_link_that_sets_a_new_password(client, alice, mailoutbox, settings):
    settings.SITE_NAME = "PR Mentors"
    response = client.post(reverse("password_reset"), {"email": "ALICE@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["alice@example.org"]
    assert mail.subject == "Reset your PR Mentors password"
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_it_says_the_same_thing_for_an_unknown_email_and_sends_nothing(client, alice, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_it_explains_when_a_reset_link_is_no_longer_valid(client, alice):
    page = client.get("/password-reset/MQ/bad-token/").content.decode()
    assert "This link no longer works" in page
