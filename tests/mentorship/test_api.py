"""The mentorship API: requests (create, list, answer), mentorships (check-ins, notes, goals,
close) and nudge settings, as a client calls them with a token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentormesh.mentorship.models import Mentorship, MentorshipRequest
from mentormesh.social.actions import do_block
from tests.api.helpers import Api, token_for
from tests.conftest import make_member

REQUESTS = "/api/v1/mentorship_requests"
# token, requests, their tracks, the accounts' skills and their counters (one AccountStats
# read): the same for 2 rows or 5.
LIST_QUERIES = 5


@pytest.fixture
def as_member(client):
    def call_as(user) -> Api:
        return Api(client, token_for(user) if user is not None else None)

    return call_as


def ask_body(target, **fields) -> dict:
    return {"account_id": str(target.pk), "tracks": ["pr"], **fields}


def test_it_creates_lists_and_answers_a_request(as_member, alice, bob):
    created = as_member(bob).ok(
        as_member(bob).post(REQUESTS, ask_body(alice, note="Hi!", cadence="weekly"))
    )
    assert created["direction"] == "outgoing"
    assert created["state"] == "pending"
    assert created["account"]["username"] == "alice"
    assert (created["tracks"], created["note"], created["cadence"]) == (["pr"], "Hi!", "weekly")

    incoming = as_member(alice).ok(as_member(alice).get(REQUESTS))
    assert [row["id"] for row in incoming] == [created["id"]]
    assert incoming[0]["account"]["username"] == "bob"

    answered = as_member(alice).ok(
        as_member(alice).post(f"{REQUESTS}/{created['id']}/answer", {"answer": "yes"})
    )
    assert answered["state"] == "accepted"
    assert answered["mentorship_id"] == str(Mentorship.objects.get().pk)


def test_it_accepts_a_form_encoded_request(as_member, alice, bob):
    response = as_member(bob).post_form(
        REQUESTS, {"account_id": alice.pk, "tracks[]": ["pr", "marketing"], "duration_weeks": 8}
    )
    assert sorted(as_member(bob).ok(response)["tracks"]) == ["marketing", "pr"]


@pytest.mark.parametrize("answer", ["no", "not_now"])
def test_it_shows_the_requester_only_unavailable(as_member, alice, bob, answer):
    created = as_member(bob).ok(as_member(bob).post(REQUESTS, ask_body(alice)))
    as_member(alice).ok(
        as_member(alice).post(f"{REQUESTS}/{created['id']}/answer", {"answer": answer})
    )
    seen = as_member(bob).ok(as_member(bob).get(f"{REQUESTS}/{created['id']}"))
    assert (seen["state"], seen["state_text"]) == ("unavailable", "not available right now")
    assert as_member(alice).ok(as_member(alice).get(f"{REQUESTS}/{created['id']}"))["state"] == (
        "declined" if answer == "no" else "not_now"
    )


def test_it_says_who_cannot_be_asked_before_a_note_is_written(as_member, bob, carol):
    answer = as_member(bob).ok(
        as_member(bob).get(f"{REQUESTS}/eligibility", {"account_id": str(carol.pk)})
    )
    assert answer == {"can_ask": False, "reasons": ["@carol is not open to mentoring right now."]}


def test_it_refuses_asking_yourself_with_a_clear_422(as_member, alice):
    response = as_member(alice).post(REQUESTS, ask_body(alice))
    assert response.status_code == 422
    assert response.json()["details"]["account_id"] == [
        "You cannot ask yourself to be your mentor."
    ]
    assert not MentorshipRequest.objects.exists()


def test_it_refuses_asking_twice_with_a_clear_422(as_member, alice, bob):
    as_member(bob).ok(as_member(bob).post(REQUESTS, ask_body(alice)))
    response = as_member(bob).post(REQUESTS, ask_body(alice))
    assert response.status_code == 422
    assert "still waiting for an answer" in response.json()["error"]
    assert MentorshipRequest.objects.count() == 1


def test_it_refuses_asking_across_a_block_with_a_clear_422(as_member, alice, bob):
    do_block(alice, bob)
    response = as_member(bob).post(REQUESTS, ask_body(alice))
    assert response.status_code == 422
    assert "blocked" in response.json()["error"]
    assert not MentorshipRequest.objects.exists()


def test_it_refuses_an_over_long_note_with_a_clear_422(as_member, alice, bob):
    response = as_member(bob).post(REQUESTS, ask_body(alice, note="x" * 1001))
    assert response.status_code == 422
    assert "the most is 1000" in response.json()["details"]["note"][0]
    assert not MentorshipRequest.objects.exists()


def test_it_refuses_too_many_open_requests_with_a_clear_422(as_member, alice, bob, settings):
    settings.MENTORSHIP_OPEN_REQUESTS_MAX = 1
    as_member(bob).ok(as_member(bob).post(REQUESTS, ask_body(alice)))
    frank = make_member("frank", open_to_mentoring=True, mentoring_capacity=1)
    response = as_member(bob).post(REQUESTS, ask_body(frank))
    assert response.status_code == 422
    assert "the most you can have open" in response.json()["error"]
    assert MentorshipRequest.objects.count() == 1


def test_it_refuses_answering_someone_elses_request(as_member, alice, bob, carol):
    created = as_member(bob).ok(as_member(bob).post(REQUESTS, ask_body(alice)))
    path = f"{REQUESTS}/{created['id']}/answer"
    own = as_member(bob).post(path, {"answer": "yes"})
    assert own.status_code == 403
    assert own.json()["error"] == "Only the person who was asked can answer this request."
    assert as_member(carol).post(path, {"answer": "yes"}).status_code == 404
    assert MentorshipRequest.objects.get().state == "pending"


def test_it_refuses_answering_an_expired_request(as_member, alice, bob):
    created = as_member(bob).ok(as_member(bob).post(REQUESTS, ask_body(alice)))
    MentorshipRequest.objects.update(created_at=timezone.now() - timedelta(days=20))
    response = as_member(alice).post(f"{REQUESTS}/{created['id']}/answer", {"answer": "yes"})
    assert response.status_code == 422
    assert "expired" in response.json()["details"]["answer"][0]
    assert not Mentorship.objects.exists()


def test_it_lists_requests_in_a_fixed_number_of_queries(
    as_member, alice, django_assert_num_queries
):
    api = as_member(alice)
    api.ok(api.get(REQUESTS))  # the token's first use records itself once
    askers = [make_member(f"asker{n}") for n in range(5)]
    for asker in askers[:2]:
        as_member(asker).ok(as_member(asker).post(REQUESTS, ask_body(alice)))
    with django_assert_num_queries(LIST_QUERIES):
        assert len(api.ok(api.get(REQUESTS))) == 2
    for asker in askers[2:]:
        as_member(asker).ok(as_member(asker).post(REQUESTS, ask_body(alice)))
    with django_assert_num_queries(LIST_QUERIES):
        assert len(api.ok(api.get(REQUESTS))) == 5


def test_it_keeps_the_shared_page_through_the_api(as_member, alice, bob, carol):
    created = as_member(bob).ok(as_member(bob).post(REQUESTS, ask_body(alice)))
    as_member(alice).ok(
        as_member(alice).post(f"{REQUESTS}/{created['id']}/answer", {"answer": "yes"})
    )
    mentorship_id = str(Mentorship.objects.get().pk)
    base = f"/api/v1/mentorships/{mentorship_id}"
    bob_api, alice_api = as_member(bob), as_member(alice)
    bob_api.ok(bob_api.post(f"{base}/goals", {"text": "Pitch one journalist"}))
    alice_api.ok(alice_api.post(f"{base}/check_ins", {"summary": "First call"}))
    bob_api.ok(bob_api.post(f"{base}/notes", {"text": "Notes from the call"}))
    assert [row["summary"] for row in bob_api.ok(bob_api.get(f"{base}/check_ins"))] == [
        "First call"
    ]
    shown = alice_api.ok(alice_api.get(base))
    assert (shown["role"], shown["mentee"]["username"]) == ("mentor", "bob")
    assert [goal["text"] for goal in shown["goals"]] == ["Pitch one journalist"]
    assert [row["id"] for row in bob_api.ok(bob_api.get("/api/v1/mentorships"))] == [mentorship_id]
    assert as_member(carol).get(base).status_code == 404
    assert as_member(carol).get(f"{base}/check_ins").status_code == 404

    closed = bob_api.ok(bob_api.post(f"{base}/close", {"thanks": "Thank you!"}))
    assert closed["status"] == "closed"
    again = alice_api.post(f"{base}/close", {"thanks": "Thanks too"})
    assert again.status_code == 422
    notes = alice_api.ok(alice_api.get(f"{base}/notes"))
    assert [(note["kind"], note["text"]) for note in notes][-1] == ("thanks", "Thank you!")


def test_it_sets_nudge_settings(as_member, bob):
    api = as_member(bob)
    assert api.ok(api.get("/api/v1/nudge_settings")) == {"enabled": True, "snoozed_until": None}
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert (
        api.ok(api.post("/api/v1/nudge_settings", {"enabled": True, "snoozed_until": day}))[
            "snoozed_until"
        ]
        == day
    )
    past = api.post("/api/v1/nudge_settings", {"enabled": True, "snoozed_until": "2020-01-01"})
    assert past.status_code == 422
    assert api.ok(api.get("/api/v1/nudge_settings"))["snoozed_until"] == day


def test_it_documents_the_endpoints_in_openapi(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/mentorship_requests",
        "/api/v1/mentorship_requests/{id}/answer",
        "/api/v1/mentorships/{id}/check_ins",
        "/api/v1/mentorships/{id}/close",
        "/api/v1/nudge_settings",
    ):
        assert path in paths
