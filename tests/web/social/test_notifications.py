"""The notifications page, the unread badge in the navigation, and marking them read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_accept,
    check_and_favourite,
    check_and_follow,
    check_and_learn,
    check_and_share,
    do_follow_track,
    do_mute,
    do_notify_chat_starting,
)
from mentormesh.social.models import Notification
from tests.web.social.conftest import chat_for, client_for, post


def test_it_lists_every_kind_of_notification(alice, bob, carol):
    question = post(alice, "How do I pitch? @bob", is_question=True)
    answer = post(bob, "Pitch their beat", in_reply_to=question)
    check_and_favourite(carol, question)
    check_and_share(carol, question)
    check_and_learn(carol, question, note="Questions teach too", track=Track.objects.get(slug="pr"))
    check_and_follow(carol, alice)
    check_and_accept(alice, question, answer)
    do_follow_track(alice, Track.objects.get(slug="pr"))
    chat = chat_for(carol, starts_in=timedelta(minutes=5))
    chat.tracks.set([Track.objects.get(slug="pr")])
    do_notify_chat_starting(chat)

    alices = client_for(alice).get("/notifications/").content.decode()
    assert "favourited your post" in alices
    assert "shared your post" in alices
    assert "<strong>learned from</strong> your post" in alices
    assert "Questions teach too" in alices
    assert "in Public relations &amp; dialog management" in alices
    assert "followed you" in alices
    assert "replied to you" in alices
    assert "is starting a live chat" in alices
    bobs = client_for(bob).get("/notifications/").content.decode()
    assert "mentioned you" in bobs
    assert "accepted your answer" in bobs


def test_it_shows_the_unread_count_in_the_navigation(alice, bob):
    target = post(alice, "Star me")
    client = client_for(alice)
    assert (
        'id="notification-badge" class="nav-badge" hidden' in client.get("/home/").content.decode()
    )
    check_and_favourite(bob, target)
    page = client.get("/home/").content.decode()
    assert (
        '<span id="notification-badge" class="nav-badge">1<span class="visually-hidden"> unread</span></span>'
        in page
    )
    assert (
        client.get("/notifications/badge/")
        .content.decode()
        .strip()
        .startswith('<span id="notification-badge" class="nav-badge">1')
    )


def test_it_caps_the_badge(alice, bob, carol, dave, erin):
    targets = [post(alice, f"Post {n}") for n in range(34)]
    for fan in (bob, carol, dave):
        for target in targets:
            check_and_favourite(fan, target)
    assert ">99+<" in client_for(alice).get("/home/").content.decode()


def test_it_marks_all_read(alice, bob):
    check_and_favourite(bob, post(alice, "Star me"))
    client = client_for(alice)
    response = client.post("/notifications/read/")
    assert response["Location"] == "/notifications/"
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    page = client.get("/notifications/").content.decode()
    assert "notification--unread" not in page
    assert 'class="nav-badge" hidden' in page


def test_it_leaves_out_muted_members(alice, bob):
    check_and_favourite(bob, post(alice, "Star me"))
    do_mute(alice, bob)
    page = client_for(alice).get("/notifications/").content.decode()
    assert "favourited your post" not in page
    assert 'class="nav-badge" hidden' in page


def test_it_pages_older_notifications(alice, bob):
    for n in range(22):
        check_and_favourite(bob, post(alice, f"Post {n}"))
    client = client_for(alice)
    first = client.get("/notifications/")
    older = first.context["older_max_id"]
    assert len(first.context["rows"]) == 20
    assert len(client.get(f"/notifications/?max_id={older}").context["rows"]) == 2


def test_it_renders_a_script_in_a_display_name_inert(alice, bob):
    from mentormesh.accounts.actions import do_update_profile

    do_update_profile(bob.profile, {"display_name": "Bob<script>alert(1)</script>"})
    check_and_favourite(bob, post(alice, "Star me"))
    post(bob, "Hello")
    for url in ("/notifications/", "/public/"):
        page = client_for(alice).get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "Bob&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_is_for_members_only(client, db):
    assert client.get("/notifications/")["Location"] == "/login/?next=/notifications/"
    assert client.get("/notifications/badge/").content.decode().strip() == (
        '<span id="notification-badge" class="nav-badge" hidden></span>'
    )


@pytest.mark.parametrize("url", ["/notifications/"])
def test_it_renders_notifications_in_a_fixed_number_of_queries(
    url, alice, bob, carol, django_assert_max_num_queries
):
    def notify(n: int) -> None:
        for i in range(n):
            target = post(alice, f"Post {i}")
            check_and_favourite(bob, target)
            check_and_learn(carol, target, note="noted")
            post(bob, f"Reply {i}", in_reply_to=target)

    client = client_for(alice)
    notify(2)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    notify(10)
    with django_assert_max_num_queries(20) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
