"""Notifications through the API: types, filters, paging, dismissing, unread count and markers."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mentormesh.social.actions import (
    check_and_accept,
    check_and_favourite,
    check_and_follow,
    check_and_learn,
    do_block,
    do_create_status,
    do_delete_status,
    do_mute,
    do_notify_chat_starting,
    do_schedule_chat,
    do_share,
)
from mentormesh.social.models import Notification
from tests.api.helpers import link_urls, ok

NOT_FOUND = {"error": "Record not found"}


def everything_happens_to_alice(alice, bob, carol, dave):
    """One notification of each kind for alice, oldest first."""
    check_and_follow(bob, alice)
    post = do_create_status(alice, "Pitch on Tuesdays #pr", is_question=True)
    do_create_status(bob, "Hi @alice", visibility="public")
    do_create_status(alice, "Here is how", in_reply_to=do_create_status(carol, "How?"))
    reply = do_create_status(carol, "Good question", in_reply_to=post)
    check_and_favourite(carol, post)
    do_share(dave, post)
    check_and_learn(bob, post, note="Thanks")
    question = do_create_status(carol, "Which tool?", is_question=True)
    answer = do_create_status(alice, "Muck Rack", in_reply_to=question)
    check_and_accept(carol, question, answer)
    chat = do_schedule_chat(
        dave,
        title="PR chat",
        hashtag="PRStudChat",
        starts_at=timezone.now() + timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=1),
        host=dave,
    )
    check_and_follow(alice, dave)
    do_notify_chat_starting(chat)
    return post, reply, chat


def test_it_lists_every_kind_of_notification_in_mastodons_shape(as_member, alice, bob, carol, dave):
    post, reply, _ = everything_happens_to_alice(alice, bob, carol, dave)
    notifications = ok(as_member(alice).get("/api/v1/notifications"))
    assert [(n["type"], n["mentormesh"]["kind"], n["account"]["acct"]) for n in notifications] == [
        ("chat_starting", "chat_starting", "dave"),
        ("accepted", "accepted", "carol"),
        ("learned", "learned", "bob"),
        ("reblog", "reblog", "dave"),
        ("favourite", "favourite", "carol"),
        ("mention", "reply", "carol"),
        ("mention", "mention", "bob"),
        ("follow", "follow", "bob"),
    ]
    chat_starting = notifications[0]
    assert chat_starting["status"] is None
    assert chat_starting["mentormesh"]["chat"]["hashtag"] == "PRStudChat"
    assert chat_starting["mentormesh"]["chat"]["state"] == "upcoming"
    replied = notifications[5]
    assert replied["status"]["id"] == str(reply.pk)
    assert replied["status"]["in_reply_to_id"] == str(post.pk)
    assert notifications[2]["status"]["id"] == str(post.pk)
    assert notifications[2]["status"]["mentormesh"]["learned_count"] == 1
    assert notifications[-1]["status"] is None
    assert notifications[-1]["group_key"] == f"ungrouped-{notifications[-1]['id']}"


def test_it_filters_notifications_by_type_and_member(as_member, alice, bob, carol, dave):
    everything_happens_to_alice(alice, bob, carol, dave)
    api = as_member(alice)
    mentions = ok(api.get("/api/v1/notifications", {"types[]": ["mention"]}))
    assert [n["mentormesh"]["kind"] for n in mentions] == ["reply", "mention"]
    ours = ok(api.get("/api/v1/notifications", {"types[]": ["learned", "accepted", "nonsense"]}))
    assert [n["type"] for n in ours] == ["accepted", "learned"]
    without = ok(
        api.get("/api/v1/notifications", {"exclude_types[]": ["mention", "chat_starting"]})
    )
    assert {n["type"] for n in without} == {"accepted", "learned", "reblog", "favourite", "follow"}
    from_bob = ok(api.get("/api/v1/notifications", {"account_id": str(bob.pk)}))
    assert {n["type"] for n in from_bob} == {"learned", "mention", "follow"}


def test_it_pages_notifications_with_link_headers(as_member, alice, bob, carol, dave):
    everything_happens_to_alice(alice, bob, carol, dave)
    api = as_member(alice)
    first = api.get("/api/v1/notifications", {"limit": 5, "types[]": ["mention", "follow"]})
    assert len(ok(first)) == 3  # the filter applies before the limit
    assert "next" not in link_urls(first)
    first = api.get("/api/v1/notifications", {"limit": 5})
    rest = api.get(link_urls(first)["next"].removeprefix("http://testserver"))
    assert len(ok(first)) + len(ok(rest)) == 8


def test_it_hides_notifications_about_posts_you_may_not_see(as_member, alice, bob, carol):
    question = do_create_status(alice, "Public question")
    do_create_status(bob, "Followers-only reply", in_reply_to=question, visibility="private")
    gone = do_create_status(carol, "Soon deleted @alice")
    do_delete_status(gone)
    # The hidden reply never notifies; the mention of a since-deleted post is stored but hidden.
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert ok(as_member(alice).get("/api/v1/notifications")) == []
    assert ok(as_member(alice).get("/api/v1/notifications/unread_count")) == {"count": 0}


def test_it_hides_notifications_from_blocked_and_muted_members(as_member, alice, bob, carol):
    post = do_create_status(alice, "Tip")
    check_and_favourite(bob, post)
    check_and_favourite(carol, post)
    do_block(alice, bob)
    do_mute(alice, carol)
    assert ok(as_member(alice).get("/api/v1/notifications")) == []


def test_it_reads_dismisses_and_clears_one_members_notifications(as_member, alice, bob, carol):
    post = do_create_status(alice, "Tip")
    check_and_favourite(bob, post)
    check_and_favourite(carol, post)
    first, second = Notification.objects.filter(recipient=alice).order_by("id")
    api = as_member(alice)
    assert ok(api.get(f"/api/v1/notifications/{first.pk}"))["account"]["acct"] == "bob"
    other = as_member(bob)
    for response in (
        other.get(f"/api/v1/notifications/{first.pk}"),
        other.post(f"/api/v1/notifications/{first.pk}/dismiss"),
        api.get("/api/v1/notifications/nonsense"),
    ):
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert ok(api.post(f"/api/v1/notifications/{first.pk}/dismiss")) == {}
    assert api.post(f"/api/v1/notifications/{first.pk}/dismiss").status_code == 404
    assert [n["id"] for n in ok(api.get("/api/v1/notifications"))] == [str(second.pk)]
    check_and_favourite(alice, do_create_status(bob, "Bob's"))
    assert ok(api.post("/api/v1/notifications/clear")) == {}
    assert not Notification.objects.filter(recipient=alice).exists()
    assert Notification.objects.filter(recipient=bob).exists()


def test_it_counts_unread_and_marks_read_with_markers(as_member, alice, bob, carol, dave):
    everything_happens_to_alice(alice, bob, carol, dave)
    api = as_member(alice)
    assert ok(api.get("/api/v1/notifications/unread_count")) == {"count": 8}
    assert ok(api.get("/api/v1/notifications/unread_count", {"limit": 3})) == {"count": 3}
    assert ok(api.get("/api/v1/markers", {"timeline[]": ["notifications", "home"]})) == {}
    listed = ok(api.get("/api/v1/notifications"))
    middle = listed[3]["id"]
    marker = ok(api.post("/api/v1/markers", {"notifications": {"last_read_id": middle}}))
    assert marker["notifications"]["last_read_id"] == middle
    assert marker["notifications"]["version"] == 5
    assert ok(api.get("/api/v1/notifications/unread_count")) == {"count": 3}
    ok(api.post_form("/api/v1/markers", {"notifications[last_read_id]": listed[0]["id"]}))
    assert ok(api.get("/api/v1/notifications/unread_count")) == {"count": 0}
    markers = ok(api.get("/api/v1/markers", {"timeline[]": ["notifications", "home"]}))
    assert set(markers) == {"notifications"}
    assert markers["notifications"]["last_read_id"] == listed[0]["id"]
    assert ok(api.post("/api/v1/markers", {"home": {"last_read_id": "1"}})) == {}
    bad = api.post("/api/v1/markers", {"notifications": {"last_read_id": "latest"}})
    assert bad.status_code == 422


def test_it_reads_a_page_of_notifications_in_a_fixed_number_of_queries(
    as_member, alice, bob, carol, dave, erin, django_assert_max_num_queries
):
    for n in range(10):
        post = do_create_status(alice, f"Tip {n} #pr")
        for fan in (bob, carol, dave):
            check_and_favourite(fan, post)
        do_create_status(erin, f"Thanks @alice ({n})", in_reply_to=post)
    api = as_member(alice)
    # Token (2), the page with its actors (1), the statuses with their prefetches (4), hidden
    # links and visible replies (2), skills (1), the members' counters (1).
    with django_assert_max_num_queries(11):
        notifications = ok(api.get("/api/v1/notifications", {"limit": 40}))
    assert len(notifications) == 40
    assert {n["type"] for n in notifications} == {"favourite", "mention"}
