"""Events go to exactly the channels computed from who may see them, and only after commit."""

import contextlib

import pytest
from django.db import transaction

from mentormesh.realtime.events import PUBLIC, chat_channel, send_event_on_commit, user_channel
from mentormesh.realtime.log import append_event
from mentormesh.realtime.models import StreamEvent, StreamRecipient
from mentormesh.social.actions import do_create_status, do_follow, do_schedule_chat
from mentormesh.social.ids import snowflake_id


def channels_of(event_type: str, status_id: int) -> set[str]:
    return set(
        StreamRecipient.objects.filter(
            event__type=event_type, event__payload__id=str(status_id)
        ).values_list("channel", flat=True)
    )


def test_it_sends_nothing_before_the_transaction_commits(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        status = do_create_status(alice, "Hello #pr")
        assert not StreamEvent.objects.exists()
    for callback in callbacks:
        callback()
    assert channels_of("status.created", status.pk) == {user_channel(alice.pk), PUBLIC}


def post_then_roll_back(author):
    with transaction.atomic():
        do_create_status(author, "Never mind")
        send_event_on_commit("test.event", {"id": "1"}, [PUBLIC])
        raise RuntimeError("roll back")


def test_it_sends_nothing_when_the_transaction_rolls_back(
    alice, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="roll back"),
    ):
        post_then_roll_back(alice)
    assert callbacks == []
    assert not StreamEvent.objects.exists()


def test_it_sends_followers_only_posts_to_the_author_and_followers_only(
    alice, bob, carol, django_capture_on_commit_callbacks
):
    do_follow(bob, alice)
    with django_capture_on_commit_callbacks(execute=True):
        status = do_create_status(alice, "Followers only #pr", visibility="private")
    assert channels_of("status.created", status.pk) == {
        user_channel(alice.pk),
        user_channel(bob.pk),
    }


def test_it_sends_direct_posts_to_the_author_and_the_mentioned_only(
    alice, bob, carol, django_capture_on_commit_callbacks
):
    do_follow(bob, alice)
    do_follow(carol, alice)
    with django_capture_on_commit_callbacks(execute=True):
        status = do_create_status(alice, "Just for you, @carol", visibility="direct")
    assert channels_of("status.created", status.pk) == {
        user_channel(alice.pk),
        user_channel(carol.pk),
    }
    notified = StreamRecipient.objects.filter(
        event__type="notification", event__payload__kind="mention"
    )
    assert set(notified.values_list("channel", flat=True)) == {user_channel(carol.pk)}


def test_it_sends_public_chat_posts_to_the_chat_room(
    alice, bob, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    chat = do_schedule_chat(
        alice,
        title="PR chat",
        hashtag="prchat",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
        host=alice,
    )
    with django_capture_on_commit_callbacks(execute=True):
        public = do_create_status(bob, "A1: pitch less, listen more", chat=chat)
        hidden = do_create_status(bob, "A1, for followers", chat=chat, visibility="private")
    assert chat_channel(chat.pk) in channels_of("status.created", public.pk)
    assert chat_channel(chat.pk) not in channels_of("status.created", hidden.pk)


def test_it_numbers_events_in_commit_order_and_in_time(db):
    before = snowflake_id()
    ids = [append_event("test.event", {"n": n}, [PUBLIC]).id for n in range(20)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 20
    assert ids[0] > before
    assert list(StreamEvent.objects.order_by("id").values_list("payload__n", flat=True)) == list(
        range(20)
    )


def test_it_stores_a_transactions_events_together_in_the_order_they_were_sent(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            send_event_on_commit("test.event", {"n": n}, [PUBLIC, user_channel(n + 1)])
    assert len(callbacks) == 1
    stored = list(StreamEvent.objects.order_by("id"))
    assert [event.payload["n"] for event in stored] == [0, 1, 2]
    assert [event.id - stored[0].id for event in stored] == [0, 1, 2]
    assert channels_of_test_event(1) == {PUBLIC, user_channel(2)}


def test_it_drops_only_the_events_of_a_savepoint_that_rolls_back(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_event_on_commit("test.event", {"n": 1}, [PUBLIC])
        with contextlib.suppress(RuntimeError), transaction.atomic():
            send_event_on_commit("test.event", {"n": 2}, [PUBLIC])
            raise RuntimeError("roll back the savepoint")
        with transaction.atomic():
            send_event_on_commit("test.event", {"n": 3}, [PUBLIC])
        send_event_on_commit("test.event", {"n": 4}, [PUBLIC])
    stored = StreamEvent.objects.order_by("id").values_list("payload__n", flat=True)
    assert list(stored) == [1, 3, 4]


def channels_of_test_event(n: int) -> set[str]:
    recipients = StreamRecipient.objects.filter(event__type="test.event", event__payload__n=n)
    return set(recipients.values_list("channel", flat=True))
