"""The mentorship pages: asking (and why not, before any note is written), answering, the
shared page and nudge settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentormesh.community.models import Track
from mentormesh.mentorship.models import Mentorship, MentorshipRequest
from mentormesh.social.actions import do_block
from tests.conftest import make_member
from tests.mentorship.conftest import ask


def text(response) -> str:
    return response.content.decode()


def ask_form(**fields) -> dict:
    return {
        "tracks": [Track.objects.get(slug="pr").pk],
        "note": "I'd love to learn to pitch.",
        "cadence": "monthly",
        "duration_weeks": "8",
        **fields,
    }


def test_it_offers_the_ask_button_on_a_profile(client, alice, bob):
    client.force_login(bob)
    assert "Ask @alice to be your mentor" in text(client.get("/@alice/"))


def test_it_asks_from_the_page(client, alice, bob):
    client.force_login(bob)
    page = client.get("/@alice/ask/")
    assert "Ask @alice to be your mentor" in text(page)
    assert "<textarea" in text(page)
    response = client.post("/@alice/ask/", ask_form())
    assert response.status_code == 302
    request = MentorshipRequest.objects.get()
    assert (request.requester, request.recipient, request.cadence) == (bob, alice, "monthly")


@pytest.mark.parametrize(
    ("situation", "words"),
    [
        ("not_open", "@carol is not open to mentoring right now."),
        ("blocked", "one of you has blocked the other"),
        ("at_capacity", "at their mentoring capacity"),
        ("already_asked", "You already asked @alice"),
        ("too_many", "the most you can have open"),
        ("yourself", "You cannot ask yourself"),
    ],
)
def test_it_says_why_not_before_any_note_is_written(
    client, alice, bob, carol, erin, settings, situation, words
):
    target = alice
    if situation == "not_open":
        target = carol
    elif situation == "blocked":
        do_block(alice, bob)
    elif situation == "at_capacity":
        alice.profile.mentoring_capacity = 0
        alice.profile.save()
    elif situation == "already_asked":
        ask(bob, alice)
    elif situation == "too_many":
        settings.MENTORSHIP_OPEN_REQUESTS_MAX = 1
        ask(bob, make_member("frank", open_to_mentoring=True, mentoring_capacity=1))
    elif situation == "yourself":
        target = bob
    before = MentorshipRequest.objects.count()
    client.force_login(bob)
    page = text(client.get(f"/@{target.username}/ask/"))
    assert words in page
    assert "<textarea" not in page  # no form to write a note in
    response = client.post(f"/@{target.username}/ask/", ask_form())
    assert response.status_code == 200
    assert MentorshipRequest.objects.count() == before


def test_it_refuses_an_over_long_note_on_the_page(client, alice, bob):
    client.force_login(bob)
    response = client.post("/@alice/ask/", ask_form(note="x" * 1001))
    assert response.status_code == 400
    assert "1001 characters; the most is 1000" in text(response)
    assert not MentorshipRequest.objects.exists()


def test_it_lets_alice_answer_yes_and_opens_the_shared_page(client, alice, bob):
    request = ask(bob, alice, note="Could you help me with press releases?")
    client.force_login(alice)
    page = text(client.get("/mentoring/requests/"))
    assert "Could you help me with press releases?" in page
    assert 'value="not_now"' in page
    response = client.post(f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"})
    mentorship = Mentorship.objects.get()
    assert response["Location"] == f"/mentorships/{mentorship.pk}/"
    for member in (alice, bob):
        client.force_login(member)
        shown = text(client.get(f"/mentorships/{mentorship.pk}/"))
        for part in ("Goals", "Check-in log", "Notes", "Close with a thank-you"):
            assert part in shown


def test_it_refuses_answering_someone_elses_request_on_the_page(client, alice, bob, carol):
    request = ask(bob, alice)
    client.force_login(carol)
    assert (
        client.post(f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"}).status_code
        == 404
    )
    client.force_login(bob)
    response = client.post(
        f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"}, follow=True
    )
    assert "Only the person who was asked can answer this request." in text(response)
    assert MentorshipRequest.objects.get().state == "pending"


def test_it_refuses_answering_an_expired_request_on_the_page(client, alice, bob):
    request = ask(bob, alice)
    MentorshipRequest.objects.update(created_at=timezone.now() - timedelta(days=20))
    client.force_login(alice)
    response = client.post(
        f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"}, follow=True
    )
    assert "This request has expired" in text(response)
    assert not Mentorship.objects.exists()


def test_it_keeps_the_shared_page_to_its_two_people(client, alice, bob, carol, dave):
    request = ask(bob, alice)
    client.force_login(alice)
    client.post(f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"})
    mentorship = Mentorship.objects.get()
    path = f"/mentorships/{mentorship.pk}/"
    client.post(path + "goals/", {"text": "Pitch one journalist"})
    client.post(path + "check-ins/", {"happened_on": timezone.localdate(), "summary": "First call"})
    client.force_login(bob)
    client.post(path + "notes/", {"text": "Reading list noted"})
    shown = text(client.get(path))
    for entry in ("Pitch one journalist", "First call", "Reading list noted"):
        assert entry in shown
    for outsider in (carol, dave):
        client.force_login(outsider)
        assert client.get(path).status_code == 404
        assert client.post(path + "notes/", {"text": "hi"}).status_code == 404
    client.logout()
    assert client.get(path).status_code == 302


def test_it_closes_with_a_thank_you_from_the_page(client, alice, bob):
    request = ask(bob, alice)
    client.force_login(alice)
    client.post(f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"})
    mentorship = Mentorship.objects.get()
    client.force_login(bob)
    empty = client.post(f"/mentorships/{mentorship.pk}/close/", {"thanks": ""})
    assert empty.status_code == 400
    client.post(f"/mentorships/{mentorship.pk}/close/", {"thanks": "Thank you, Alice!"})
    mentorship.refresh_from_db()
    assert mentorship.status == "closed"
    client.force_login(alice)
    assert "Thank you, Alice!" in text(client.get("/notifications/"))


def test_it_saves_nudge_settings(client, bob):
    client.force_login(bob)
    assert "Send me nudges" in text(client.get("/settings/nudges/"))
    client.post("/settings/nudges/", {"snoozed_until": ""})
    assert bob.nudge_settings.enabled is False
    past = client.post("/settings/nudges/", {"enabled": "on", "snoozed_until": "2020-01-01"})
    assert past.status_code == 400
    bob.nudge_settings.refresh_from_db()
    assert bob.nudge_settings.enabled is False


def test_it_lists_requests_in_a_fixed_number_of_queries(client, alice, django_assert_num_queries):
    askers = [make_member(f"asker{n}") for n in range(5)]
    client.force_login(alice)
    for asker in askers[:2]:
        ask(asker, alice)
    client.get("/mentoring/requests/")
    with django_assert_num_queries(PAGE_QUERIES):
        client.get("/mentoring/requests/")
    for asker in askers[2:]:
        ask(asker, alice)
    with django_assert_num_queries(PAGE_QUERIES):
        client.get("/mentoring/requests/")


PAGE_QUERIES = 6  # session, member, the two lists and their tracks


def test_it_words_each_mentorship_notification_on_the_page(client, alice, bob):
    request = ask(bob, alice)
    client.force_login(alice)
    assert "asked you to be their mentor" in text(client.get("/notifications/"))
    client.post(f"/mentoring/requests/{request.pk}/answer/", {"answer": "yes"})
    client.force_login(bob)
    page = text(client.get("/notifications/"))
    assert "said yes to your mentorship request" in page
    assert f'href="/mentorships/{Mentorship.objects.get().pk}/"' in page
