"""Live chats as pages: the list, scheduling, the live room (host releases questions, everyone
answers and replies), its stream of HTML fragments, and the recap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentormesh.realtime.events import stream_position
from mentormesh.social.actions import do_create_status, do_learn, do_release_question
from mentormesh.social.models import Chat, Status, Visibility
from tests.web.social.conftest import HTMX, chat_for, client_for

SCRIPT = "<script>alert('owned')</script>"


def answer(author, question: Status, text: str, **options) -> Status:
    """An answer written while the chat was live (back-dated for ended chats)."""
    return do_create_status(
        author,
        text,
        in_reply_to=question,
        chat=question.chat,
        created_at=question.created_at + timedelta(minutes=1),
        **options,
    )


def test_it_lists_live_upcoming_and_past_chats(client, alice):
    live = chat_for(alice, starts_in=-timedelta(minutes=5))
    live.title = "Live one"
    live.save()
    soon = chat_for(alice, starts_in=timedelta(days=1))
    soon.title = "Coming one"
    soon.save()
    done = chat_for(alice, starts_in=-timedelta(days=2))
    done.title = "Done one"
    done.save()
    page = client.get("/chats/").content.decode()
    live_part, rest = page.split('id="upcoming-title"')
    upcoming_part, past_part = rest.split('id="past-title"')
    assert "Live one" in live_part
    assert "Coming one" in upcoming_part
    assert "Done one" in past_part
    assert f"/chats/{done.pk}/recap/" in past_part


def test_it_tells_members_who_may_not_schedule_why(bob):
    client = client_for(bob)
    assert "Schedule a chat" not in client.get("/chats/").content.decode()
    response = client.get("/chats/new/")
    assert response.status_code == 403
    assert "Only stewards and trusted members can schedule chats." in response.content.decode()
    assert client.post("/chats/new/", {"title": "Mine"}).status_code == 403
    assert not Chat.objects.exists()


def test_it_lets_a_steward_schedule_a_chat_with_another_host(dave, alice):
    client = client_for(dave)
    assert "Schedule a chat" in client.get("/chats/").content.decode()
    starts = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    ends = (timezone.now() + timedelta(days=1, hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/chats/new/",
        {
            "title": "PR basics",
            "hashtag": "#PRStudChat",
            "starts_at": starts,
            "ends_at": ends,
            "host": "@Alice",
        },
    )
    chat = Chat.objects.get()
    assert response["Location"] == f"/chats/{chat.pk}/"
    assert (chat.hashtag, chat.host, chat.created_by) == ("PRStudChat", alice, dave)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"hashtag": "no spaces"}, "A hashtag is up to 60 letters"),
        ({"ends_at": "starts_at"}, "A chat must end after it starts."),
        ({"ends_at": "2020-01-01T10:00"}, "A chat must end in the future."),
        ({"host": "nobody"}, "There is no active member @nobody."),
        ({"starts_at": "tomorrow"}, "Enter a valid date/time."),
    ],
)
def test_it_refuses_a_bad_chat_with_the_message_next_to_the_field(dave, changes, message):
    data = {
        "title": "PR basics",
        "hashtag": "PRStudChat",
        "starts_at": (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (timezone.now() + timedelta(days=1, hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "host": "dave",
        **changes,
    }
    data["ends_at"] = data.get(data["ends_at"], data["ends_at"])
    response = client_for(dave).post("/chats/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Chat.objects.exists()


def test_it_renders_a_script_in_a_chat_title_inert(client, alice):
    chat = chat_for(alice, starts_in=timedelta(hours=1))
    Chat.objects.filter(pk=chat.pk).update(title=f"Chat {SCRIPT}", description=SCRIPT)
    for url in ("/chats/", f"/chats/{chat.pk}/", f"/chats/{chat.pk}/recap/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(" in page, url


def test_it_shows_the_live_room_with_the_hosts_panel(live_chat, alice, bob):
    host_page = client_for(alice).get(f"/chats/{live_chat.pk}/").content.decode()
    assert "Release the next question" in host_page
    assert "Live now" in host_page
    assert f'data-chat-stream="/chats/{live_chat.pk}/stream/?last_event_id=' in host_page
    assert (
        "Release the next question"
        not in client_for(bob).get(f"/chats/{live_chat.pk}/").content.decode()
    )


def test_it_releases_numbered_questions(live_chat, alice):
    client = client_for(alice)
    client.post(f"/chats/{live_chat.pk}/questions/", {"text": "What did you pitch first?"})
    page = client.post(
        f"/chats/{live_chat.pk}/questions/", {"text": "And then?"}, headers=HTMX
    ).content.decode()
    questions = Status.objects.filter(chat=live_chat).order_by("chat_question")
    assert [(q.chat_question, q.text) for q in questions] == [
        (1, "Q1: What did you pitch first?\n\n#PRStudChat"),
        (2, "Q2: And then?\n\n#PRStudChat"),
    ]
    assert "Q2 is out" in page
    room = client.get(f"/chats/{live_chat.pk}/").content.decode()
    assert room.index("What did you pitch first?") < room.index("And then?")
    assert "Your answer to Q1" in room


def test_it_lets_only_the_host_release_questions(live_chat, bob):
    page = (
        client_for(bob)
        .post(f"/chats/{live_chat.pk}/questions/", {"text": "My question"}, headers=HTMX)
        .content.decode()
    )
    assert "Only the host releases questions." in page
    assert not Status.objects.exists()


def test_it_refuses_a_question_before_the_start(upcoming_chat, alice):
    page = (
        client_for(alice)
        .post(f"/chats/{upcoming_chat.pk}/questions/", {"text": "Too early"})
        .content.decode()
    )
    assert "#PRStudChat has not started yet; it starts" in page
    assert not Status.objects.exists()


def test_it_takes_answers_and_replies_in_the_room(live_chat, alice, bob, carol):
    question = do_release_question(live_chat, "What do you research first?")
    client = client_for(bob)
    page = client.post(
        f"/posts/{question.pk}/reply/", {"text": "A1: Their beat"}, headers=HTMX
    ).content.decode()
    answer_post = Status.objects.get(in_reply_to=question)
    assert (answer_post.chat, answer_post.visibility) == (live_chat, Visibility.PUBLIC)
    assert "Posted — it appears for everyone watching." in page
    client_for(carol).post(f"/posts/{answer_post.pk}/reply/", {"text": "Good one, @bob"})
    room = client_for(alice).get(f"/chats/{live_chat.pk}/").content.decode()
    assert f'id="replies-{question.pk}"' in room
    assert room.index("A1: Their beat") < room.index("Good one")
    assert "Reply to Bob" in room


def test_it_refuses_an_answer_after_the_end_and_stores_nothing(ended_chat, bob):
    question = do_release_question(
        ended_chat, "Late?", created_at=ended_chat.starts_at + timedelta(minutes=1)
    )
    client = client_for(bob)
    page = client.post(
        f"/posts/{question.pk}/reply/", {"text": "A1: late"}, headers=HTMX
    ).content.decode()
    assert "#PRStudChat has ended; its recap is open for reading." in page
    thread = client.get(f"/@alice/{question.pk}/").content.decode()
    assert "#PRStudChat has ended; its" in thread
    assert "recap</a> is open for reading" in thread
    assert not Status.objects.filter(in_reply_to=question).exists()


def test_it_refuses_an_answer_before_the_start(upcoming_chat, alice, bob):
    question = do_create_status(alice, "Q0 drafted early", chat=upcoming_chat)
    page = (
        client_for(bob)
        .post(f"/posts/{question.pk}/reply/", {"text": "A0"}, headers=HTMX)
        .content.decode()
    )
    assert "#PRStudChat has not started yet; it starts" in page
    assert not Status.objects.filter(in_reply_to=question).exists()


def test_it_opens_the_recap_only_after_the_end(live_chat, client):
    page = client.get(f"/chats/{live_chat.pk}/recap/").content.decode()
    assert "The recap opens when the chat ends." in page


def test_it_recaps_each_question_with_threaded_answers_and_who_learned(
    ended_chat, alice, bob, carol, dave
):
    question = do_release_question(
        ended_chat, "First pitch?", created_at=ended_chat.starts_at + timedelta(minutes=1)
    )
    a1 = answer(bob, question, "A1: To the wrong desk")
    answer(carol, a1, "Did they forward it?")
    do_learn(carol, a1, note="Know the desk", is_public=True)
    do_learn(dave, a1, note="Secret note", is_public=False)

    visitor = client_for(carol).get(f"/chats/{ended_chat.pk}/recap/").content.decode()
    assert "Recap: 1 question" in visitor
    assert (
        visitor.index("First pitch?")
        < visitor.index("A1: To the wrong desk")
        < visitor.index("Did they forward it?")
    )
    assert "1 learned from this" in visitor
    assert ">Carol</a>" in visitor
    assert ">Dave</a>" not in visitor
    assert "Know the desk" not in visitor  # notes are for the author

    author = client_for(bob).get(f"/chats/{ended_chat.pk}/recap/").content.decode()
    assert "2 learned from this" in author
    assert '>Dave</a> (<q>Secret note</q>) <span class="muted">(private)</span>' in author


def test_it_answers_404_for_an_unknown_chat(client, db):
    for url in ("/chats/4242/", "/chats/4242/recap/", "/chats/4242/stream/"):
        assert client.get(url).status_code == 404
    assert client.get("/chats/99999999999999999999/").status_code == 404


def read_stream(client, chat: Chat, since: int) -> str:
    response = client.get(f"/chats/{chat.pk}/stream/?last_event_id={since}")
    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    with pytest.warns(Warning, match="StreamingHttpResponse must consume asynchronous"):
        return b"".join(response).decode()  # as a WSGI server reads it: what is stored


def test_it_streams_new_questions_and_answers_as_html(
    live_chat, alice, bob, client, django_capture_on_commit_callbacks
):
    since = stream_position()
    with django_capture_on_commit_callbacks(execute=True):
        question = do_release_question(live_chat, "What do you research first?")
    with django_capture_on_commit_callbacks(execute=True):
        reply = do_create_status(bob, "A1: Their beat", in_reply_to=question, chat=live_chat)
    body = read_stream(client, live_chat, since)
    assert "event: status.created" in body
    assert f'data: <template data-status="{question.pk}" data-parent="">' in body
    assert 'class="chat-question"' in body
    assert "Your answer to Q1" in body
    assert f'<template data-status="{reply.pk}" data-parent="{question.pk}">' in body
    assert "A1: Their beat" in body
    assert "csrfmiddlewaretoken" not in body  # rendered once for all: htmx sends the token


def test_it_streams_no_followers_only_post_of_a_chat(
    live_chat, alice, bob, client, django_capture_on_commit_callbacks
):
    since = stream_position()
    with django_capture_on_commit_callbacks(execute=True):
        do_create_status(alice, "Just for followers", chat=live_chat, visibility=Visibility.PRIVATE)
    assert "Just for followers" not in read_stream(client, live_chat, since)
