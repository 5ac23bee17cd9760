"""Asking for mentorship: the flow, the neutral answer, expiry, and every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentormesh.mentorship.actions.requests import (
    ask_blockers,
    check_and_answer,
    do_expire_requests,
)
from mentormesh.mentorship.models import (
    Mentorship,
    MentorshipOrigin,
    MentorshipRequest,
    RequestState,
)
from mentormesh.social.actions import do_block
from mentormesh.social.models import Notification
from tests.mentorship.conftest import ask, pr


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_it_tells_alice_she_was_asked(alice, bob):
    request = ask(bob, alice, note="I'd love help with press releases.", cadence="monthly")
    assert request.state == RequestState.PENDING
    assert list(request.tracks.all()) == [pr()]
    assert kinds(alice) == ["request"]
    assert kinds(bob) == []


def test_it_turns_a_yes_into_a_mentorship(alice, bob):
    request = ask(bob, alice)
    check_and_answer(alice, request, "yes")
    mentorship = Mentorship.objects.get()
    assert (mentorship.mentor, mentorship.mentee) == (alice, bob)
    assert mentorship.origin == MentorshipOrigin.REQUEST
    assert list(mentorship.tracks.all()) == [pr()]
    assert MentorshipRequest.objects.get().mentorship == mentorship
    assert kinds(bob) == ["request_accepted"]


@pytest.mark.parametrize("answer", ["no", "not_now"])
def test_it_tells_bob_only_not_available_for_no_and_not_now(alice, bob, answer):
    request = ask(bob, alice)
    check_and_answer(alice, request, answer)
    request.refresh_from_db()
    assert request.requester_state == "unavailable"
    notification = Notification.objects.get(recipient=bob)
    assert (notification.kind, notification.note) == ("unavailable", "")
    assert notification.link == "/mentoring/requests/#outgoing"
    assert not Mentorship.objects.exists()


def test_it_expires_unanswered_requests_with_the_same_words(alice, bob, settings):
    settings.MENTORSHIP_REQUEST_EXPIRY_DAYS = 14
    ask(bob, alice)
    assert do_expire_requests(timezone.now() + timedelta(days=13)) == 0
    assert do_expire_requests(timezone.now() + timedelta(days=14, minutes=1)) == 1
    request = MentorshipRequest.objects.get()
    assert (request.state, request.requester_state) == ("expired", "unavailable")
    notification = Notification.objects.get(recipient=bob)
    assert (notification.kind, notification.note, notification.link) == (
        "unavailable",
        "",
        "/mentoring/requests/#outgoing",
    )
    assert do_expire_requests(timezone.now() + timedelta(days=30)) == 0


def test_it_lets_alice_see_her_own_answer(alice, bob):
    request = ask(bob, alice)
    check_and_answer(alice, request, "not_now")
    assert request.state_for(alice.pk) == "not_now"
    assert request.state_for(bob.pk) == "unavailable"


# ---------------------------------------------------------------- refusals (no state change)


def assert_refused(error, field: str, words: str) -> None:
    assert words in " ".join(error.value.message_dict[field])


def test_it_refuses_asking_yourself(alice):
    with pytest.raises(ValidationError) as error:
        ask(alice, alice)
    assert_refused(error, "account", "cannot ask yourself")
    assert not MentorshipRequest.objects.exists()


def test_it_refuses_asking_twice_while_a_request_is_open(alice, bob):
    ask(bob, alice)
    with pytest.raises(ValidationError) as error:
        ask(bob, alice)
    assert_refused(error, "account", "You already asked @alice")
    assert MentorshipRequest.objects.count() == 1
    assert kinds(alice) == ["request"]


def test_it_allows_asking_again_after_an_answer(alice, bob):
    check_and_answer(alice, ask(bob, alice), "not_now")
    ask(bob, alice)
    assert MentorshipRequest.objects.filter(state="pending").count() == 1


def test_it_refuses_answering_someone_elses_request(alice, bob, carol):
    request = ask(bob, alice)
    with pytest.raises(PermissionDenied, match="Only the person who was asked"):
        check_and_answer(bob, request, "yes")
    with pytest.raises(PermissionDenied):
        check_and_answer(carol, request, "yes")
    request.refresh_from_db()
    assert request.state == RequestState.PENDING
    assert not Mentorship.objects.exists()


def test_it_refuses_answering_an_expired_request(alice, bob):
    request = ask(bob, alice)
    do_expire_requests(timezone.now() + timedelta(days=15))
    request.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        check_and_answer(alice, request, "yes")
    assert_refused(error, "answer", "expired")
    assert not Mentorship.objects.exists()
    assert kinds(bob) == ["unavailable"]


def test_it_refuses_answering_a_request_past_expiry_before_the_daily_task(alice, bob):
    request = ask(bob, alice)
    MentorshipRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        check_and_answer(alice, request, "yes")
    assert MentorshipRequest.objects.get().state == RequestState.PENDING


def test_it_refuses_answering_twice(alice, bob):
    request = ask(bob, alice)
    check_and_answer(alice, request, "no")
    with pytest.raises(ValidationError, match="already answered"):
        check_and_answer(alice, request, "yes")
    assert not Mentorship.objects.exists()


def test_it_refuses_an_unknown_answer(alice, bob):
    request = ask(bob, alice)
    with pytest.raises(ValidationError, match="yes, no or not_now"):
        check_and_answer(alice, request, "maybe")
    assert MentorshipRequest.objects.get().state == RequestState.PENDING


@pytest.mark.parametrize("who_blocks", ["asker", "asked"])
def test_it_refuses_asking_across_a_block(alice, bob, who_blocks):
    if who_blocks == "asker":
        do_block(bob, alice)
    else:
        do_block(alice, bob)
    with pytest.raises(ValidationError) as error:
        ask(bob, alice)
    assert_refused(error, "account", "one of you has blocked the other")
    assert not MentorshipRequest.objects.exists()
    assert kinds(alice) == []


def test_it_refuses_an_over_long_note(alice, bob):
    with pytest.raises(ValidationError) as error:
        ask(bob, alice, note="x" * 1001)
    assert_refused(error, "note", "1001 characters; the most is 1000")
    assert not MentorshipRequest.objects.exists()


def test_it_refuses_too_many_open_requests(alice, bob, frank, settings):
    settings.MENTORSHIP_OPEN_REQUESTS_MAX = 1
    ask(bob, frank)
    with pytest.raises(ValidationError) as error:
        ask(bob, alice)
    assert_refused(error, "account", "You have 1 requests waiting")
    assert MentorshipRequest.objects.count() == 1


def test_it_refuses_members_not_open_to_mentoring(bob, carol):
    assert ask_blockers(bob, carol) == ["@carol is not open to mentoring right now."]
    with pytest.raises(ValidationError, match="not open to mentoring"):
        ask(bob, carol)
    assert not MentorshipRequest.objects.exists()


def test_it_refuses_members_at_capacity(alice, bob, carol, erin):
    alice.profile.mentoring_capacity = 1
    alice.profile.save()
    check_and_answer(alice, ask(carol, alice), "yes")
    assert ask_blockers(bob, alice) == ["@alice is at their mentoring capacity right now."]
    with pytest.raises(ValidationError, match="at their mentoring capacity"):
        ask(bob, alice)
    assert MentorshipRequest.objects.count() == 1


def test_it_refuses_a_request_without_tracks_or_with_bad_choices(alice, bob):
    with pytest.raises(ValidationError) as error:
        ask(bob, alice, tracks=[], cadence="daily", duration_weeks=5)
    assert set(error.value.message_dict) == {"tracks", "cadence", "duration_weeks"}
    assert not MentorshipRequest.objects.exists()


def test_it_shows_a_request_past_expiry_as_not_available_before_the_daily_task(alice, bob):
    request = ask(bob, alice)
    MentorshipRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    request.refresh_from_db()
    assert request.state == RequestState.PENDING
    assert request.state_for(bob.pk) == "unavailable"
    assert request.state_for(alice.pk) == "expired"


def test_it_hides_requests_across_a_block_from_both_lists(alice, bob):
    from mentormesh.mentorship.actions.requests import incoming_requests, outgoing_requests

    ask(bob, alice)
    do_block(alice, bob)
    assert list(incoming_requests(alice)) == []
    assert list(outgoing_requests(bob)) == []
