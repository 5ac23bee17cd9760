"""The social API through a real Mastodon client library (Mastodon.py) against a running server:
posting, replying, favourites, shares, threads, timelines, follows, notifications, edits and
deletes — and our extensions through Mastodon.py's generic request method."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError

from mentormesh.social.actions import do_schedule_chat
from mentormesh.social.models import Favourite, Learned, Status
from tests.api.helpers import live_client, token_for

# The live server reads the database from another thread, so tests commit for real;
# serialized_rollback restores the default tracks and skills for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def connect(live_server):
    def connect(user) -> Mastodon:
        return live_client(live_server.url, token_for(user))

    return connect


def extension(client: Mastodon, method: str, path: str, params: dict | None = None):
    """Call a mentormesh extension the way Mastodon.py calls any endpoint (entities it does not
    know come back as plain dicts)."""
    return client._Mastodon__api_request(method, path, params or {})


def test_it_posts_replies_and_reads_a_thread_with_mastodon_py(connect, alice, bob):
    alice_client, bob_client = connect(alice), connect(bob)
    question = bob_client.status_post(
        "How do I pitch a journalist? #PR", visibility="public", language="en"
    )
    assert question.account.acct == "bob"
    assert question.tags[0].name == "pr"
    assert question.mentormesh.tracks == ["pr"]

    reply = alice_client.status_reply(question, "Short and personal.")
    assert reply.in_reply_to_id == question.id
    assert reply.mentions[0].acct == "bob"  # status_reply mentions the author
    nested = bob_client.status_reply(reply, "Thanks!")

    context = bob_client.status_context(reply.id)
    assert [status.id for status in context.ancestors] == [question.id]
    assert [status.id for status in context.descendants] == [nested.id]
    assert bob_client.status(question.id).replies_count == 1


def test_it_favourites_and_shares_with_mastodon_py(connect, alice, bob):
    post = connect(alice).status_post("Media list tips #pr")
    client = connect(bob)
    favourited = client.status_favourite(post.id)
    assert (favourited.favourited, favourited.favourites_count) == (True, 1)
    assert client.status_favourite(post.id).favourites_count == 1
    share = client.status_reblog(post.id)
    assert share.reblog.id == post.id
    assert share.reblog.reblogged is True
    assert client.status_reblog(post.id).id == share.id
    assert [account.acct for account in client.status_favourited_by(post.id)] == ["bob"]
    assert [account.acct for account in client.status_reblogged_by(post.id)] == ["bob"]
    assert client.status_unreblog(post.id).reblogs_count == 0
    assert client.status_unfavourite(post.id).favourited is False
    assert Favourite.objects.count() == 0


def test_it_serves_timelines_to_mastodon_py_with_paging(connect, alice, bob, carol):
    alice_client, bob_client = connect(alice), connect(bob)
    relationship = bob_client.account_follow(alice.pk)
    assert relationship.following is True
    posted = [alice_client.status_post(f"Tip {n} #pr") for n in range(5)]
    connect(carol).status_post("Unrelated #dev")

    home = bob_client.timeline_home(limit=2)
    assert [status.id for status in home] == [posted[4].id, posted[3].id]
    older = bob_client.fetch_next(home)
    assert [status.id for status in older] == [posted[2].id, posted[1].id]
    newer = bob_client.fetch_previous(older)
    assert [status.id for status in newer] == [posted[4].id, posted[3].id]

    assert len(bob_client.timeline_public()) == 6
    assert len(bob_client.timeline_local()) == 6
    assert [status.id for status in bob_client.timeline_hashtag("pr", limit=1)] == [posted[4].id]
    assert len(bob_client.account_statuses(alice.pk)) == 5
    assert [account.acct for account in bob_client.account_followers(alice.pk)] == ["bob"]
    assert bob_client.account_relationships([alice.pk])[0].following is True
    assert bob_client.account_unfollow(alice.pk).following is False


def test_it_notifies_mastodon_py_and_marks_read(connect, alice, bob):
    alice_client, bob_client = connect(alice), connect(bob)
    bob_client.account_follow(alice.pk)
    post = alice_client.status_post("Ask me about press releases")
    bob_client.status_favourite(post.id)
    bob_client.status_reply(post, "Will do!")

    notifications = alice_client.notifications()
    assert [n.type for n in notifications] == ["mention", "favourite", "follow"]
    assert notifications[0].mentormesh.kind == "reply"
    assert notifications[1].status.id == post.id
    assert [n.type for n in alice_client.notifications(types=["follow"])] == ["follow"]
    assert alice_client.notifications(notifications[1].id).type == "favourite"
    assert alice_client.notifications_unread_count().count == 3

    alice_client.markers_set("notifications", notifications[0].id)
    assert alice_client.markers_get("notifications").notifications.last_read_id == str(
        notifications[0].id
    )
    assert alice_client.notifications_unread_count().count == 0
    alice_client.notifications_dismiss(notifications[2].id)
    assert len(alice_client.notifications()) == 2
    alice_client.notifications_clear()
    assert alice_client.notifications() == []


def test_it_edits_and_deletes_with_mastodon_py(connect, alice, bob):
    client = connect(alice)
    post = client.status_post("First drfat", spoiler_text="typo")
    edited = client.status_update(post.id, "First draft")
    assert "First draft" in edited.content
    assert edited.edited_at is not None
    assert [version.content for version in client.status_history(post.id)] == [
        "<p>First drfat</p>",
        "<p>First draft</p>",
    ]
    assert client.status_source(post.id).text == "First draft"
    with pytest.raises(MastodonAPIError) as refused:
        connect(bob).status_delete(post.id)
    assert refused.value.args[1] == 403
    deleted = client.status_delete(post.id)
    assert deleted.text == "First draft"
    with pytest.raises(MastodonNotFoundError):
        client.status(post.id)


def test_it_tells_mastodon_py_what_is_wrong_with_a_post(connect, alice):
    client = connect(alice)
    with pytest.raises(MastodonAPIError) as refused:
        client.status_post("x" * 501)
    assert refused.value.args[1] == 422
    assert "at most 500 characters" in str(refused.value)
    assert not Status.objects.exists()


def test_it_serves_our_extensions_through_mastodon_py(connect, alice, bob, dave):
    alice_client, bob_client = connect(alice), connect(bob)
    question = extension(
        bob_client,
        "POST",
        "/api/v1/statuses",
        {"status": "Best time to pitch?", "question": True, "tracks": ["pr"]},
    )
    assert (question.mentormesh.question, question.mentormesh.tracks) == (True, ["pr"])
    answer = alice_client.status_reply(question, "Tuesday mornings.")
    learned = extension(
        bob_client,
        "POST",
        f"/api/v1/statuses/{answer.id}/learn",
        {"note": "Trying it", "track": "pr"},
    )
    assert learned.mentormesh.learned is True
    accepted = extension(bob_client, "POST", f"/api/v1/statuses/{answer.id}/accept")
    assert accepted.mentormesh.accepted_answer_id == str(answer.id)
    learners = extension(alice_client, "GET", f"/api/v1/statuses/{answer.id}/learned_by")
    assert [(row["account"]["acct"], row["note"], row["track"]) for row in learners] == [
        ("bob", "Trying it", "pr")
    ]
    assert Learned.objects.get().track.slug == "pr"
    assert "pr" in [track["slug"] for track in extension(bob_client, "GET", "/api/v1/tracks")]
    extension(bob_client, "POST", "/api/v1/tracks/pr/follow")
    in_track = extension(bob_client, "GET", "/api/v1/timelines/track/pr")
    assert [status["id"] for status in in_track] == [answer.id, question.id]

    start = timezone.now() - timedelta(minutes=5)
    chat = do_schedule_chat(
        dave,
        title="PR chat",
        hashtag="PRStudChat",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        host=dave,
    )
    dave_client = connect(dave)
    q1 = extension(dave_client, "POST", f"/api/v1/chats/{chat.pk}/questions", {"status": "Why?"})
    extension(
        bob_client,
        "POST",
        "/api/v1/statuses",
        {"status": "A1: because", "chat_id": str(chat.pk), "in_reply_to_id": q1.id},
    )
    recap = extension(bob_client, "GET", f"/api/v1/chats/{chat.pk}/recap")
    assert [len(question["answers"]) for question in recap["questions"]] == [1]
    assert [chat["state"] for chat in extension(bob_client, "GET", "/api/v1/chats")] == ["live"]
