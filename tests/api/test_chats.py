"""Live chats through the API: scheduling, states, questions, answers and the recap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_learn,
    do_create_status,
    do_release_question,
    do_schedule_chat,
)
from mentormesh.social.models import Chat, Status
from tests.api.helpers import is_inert, link_urls, ok

HOUR = timedelta(hours=1)


def chat_at(host, start_offset: timedelta, hours: int = 1, hashtag: str = "PRStudChat") -> Chat:
    start = timezone.now() + start_offset
    return do_schedule_chat(
        host,
        title=f"#{hashtag}",
        hashtag=hashtag,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        host=host,
        tracks=[Track.objects.get(slug="pr")],
    )


def when(offset: timedelta) -> str:
    return (timezone.now() + offset).isoformat()


def test_it_lets_a_steward_schedule_a_chat(as_member, alice, dave):
    scheduled = ok(
        as_member(dave).post(
            "/api/v1/chats",
            {
                "title": "Pitching 101",
                "hashtag": "#PRStudChat",
                "starts_at": when(HOUR),
                "ends_at": when(2 * HOUR),
                "host_id": str(alice.pk),
                "description": "Bring your questions.",
                "tracks": ["pr"],
            },
        )
    )
    assert (scheduled["title"], scheduled["hashtag"], scheduled["state"]) == (
        "Pitching 101",
        "PRStudChat",
        "upcoming",
    )
    assert scheduled["host"]["acct"] == "alice"
    assert scheduled["tracks"] == ["pr"]
    assert scheduled["url"] == f"http://testserver/chats/{scheduled['id']}/"
    assert Chat.objects.get().created_by == dave


def test_it_refuses_scheduling_by_a_member_who_is_not_trusted(as_member, erin):
    response = as_member(erin).post(
        "/api/v1/chats",
        {
            "title": "Mine",
            "hashtag": "erinchat",
            "starts_at": when(HOUR),
            "ends_at": when(2 * HOUR),
        },
    )
    assert response.status_code == 403
    assert response.json() == {"error": "Only stewards and trusted members can schedule chats."}
    assert not Chat.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"hashtag": "no spaces"}, "hashtag"),
        ({"hashtag": "x" * 61}, "hashtag"),
        ({"ends_at": "past"}, "ends_at"),
        ({"starts_at": "2030-01-01T18:00:00"}, "starts_at"),
        ({"host_id": "999999"}, "host_id"),
        ({"description": "x" * 2001}, "description"),
        ({"tracks": ["knitting"]}, "tracks[0]"),
    ],
)
def test_it_names_what_is_wrong_with_a_chat(as_member, dave, change, field):
    body = {"title": "Chat", "hashtag": "chat", "starts_at": when(HOUR), "ends_at": when(2 * HOUR)}
    if change.get("ends_at") == "past":
        change = {"starts_at": when(-3 * HOUR), "ends_at": when(-2 * HOUR)}
    response = as_member(dave).post("/api/v1/chats", {**body, **change})
    assert response.status_code == 422
    assert field in response.json()["details"]
    assert not Chat.objects.exists()


def test_it_keeps_an_injected_title_as_plain_text(as_member, dave):
    title = "<script>alert(1)</script> chat"
    chat = ok(
        as_member(dave).post(
            "/api/v1/chats",
            {"title": title, "hashtag": "safe", "starts_at": when(-HOUR), "ends_at": when(HOUR)},
        )
    )
    assert chat["title"] == title  # plain text: clients escape it, like Mastodon's display_name
    question = ok(
        as_member(dave).post(
            f"/api/v1/chats/{chat['id']}/questions", {"status": "<img src=x onerror=alert(1)>"}
        )
    )
    assert is_inert(question["content"])


def test_it_lists_chats_by_state(as_member, dave):
    past = chat_at(dave, -5 * HOUR, hashtag="past")
    live = chat_at(dave, -HOUR, hours=2, hashtag="live")
    chat_at(dave, HOUR, hashtag="soon")
    chat_at(dave, 5 * HOUR, hashtag="later")
    api = as_member(None)

    def hashtags(state=None, **params):
        query = {"state": state, **params} if state else params
        return [chat["hashtag"] for chat in ok(api.get("/api/v1/chats", query))]

    assert hashtags("upcoming") == ["soon", "later"]
    assert hashtags("live") == ["live"]
    assert hashtags("past") == ["past"]
    assert hashtags() == ["later", "soon", "live", "past"]
    first = api.get("/api/v1/chats", {"limit": 2})
    rest = api.get(link_urls(first)["next"].removeprefix("http://testserver"))
    assert [chat["hashtag"] for chat in ok(rest)] == ["live", "past"]
    assert ok(api.get(f"/api/v1/chats/{live.pk}"))["state"] == "live"
    assert ok(api.get(f"/api/v1/chats/{past.pk}"))["state"] == "past"
    assert api.get("/api/v1/chats/999999").status_code == 404
    assert api.get("/api/v1/chats", {"state": "someday"}).status_code == 422


def test_it_lets_the_host_release_numbered_questions(as_member, alice, dave):
    chat = chat_at(dave, -HOUR, hours=2)
    api = as_member(dave)
    first = ok(api.post(f"/api/v1/chats/{chat.pk}/questions", {"status": "How do you pitch?"}))
    second = ok(api.post(f"/api/v1/chats/{chat.pk}/questions", {"status": "Best tools?"}))
    assert first["mentormesh"]["chat"] == {
        "id": str(chat.pk),
        "hashtag": "PRStudChat",
        "question_number": 1,
    }
    assert second["mentormesh"]["chat"]["question_number"] == 2
    assert "Q2: Best tools?" in second["content"]
    refused = as_member(alice).post(f"/api/v1/chats/{chat.pk}/questions", {"status": "Mine?"})
    assert refused.status_code == 403
    assert Status.objects.count() == 2


@pytest.mark.parametrize("offset", [HOUR, -3 * HOUR], ids=["not started", "ended"])
def test_it_refuses_questions_outside_the_chat(as_member, dave, offset):
    chat = chat_at(dave, offset)
    response = as_member(dave).post(f"/api/v1/chats/{chat.pk}/questions", {"status": "Q?"})
    assert response.status_code == 422
    assert "chat_id" in response.json()["details"]
    assert not Status.objects.exists()


def test_it_takes_answers_as_posts_in_the_chat(as_member, alice, dave):
    chat = chat_at(dave, -HOUR, hours=2)
    question = do_release_question(chat, "How do you pitch?")
    answer = ok(
        as_member(alice).post(
            "/api/v1/statuses",
            {
                "status": "A1: short and personal #PRStudChat",
                "chat_id": str(chat.pk),
                "in_reply_to_id": str(question.pk),
            },
        )
    )
    assert answer["mentormesh"]["chat"]["id"] == str(chat.pk)
    assert answer["mentormesh"]["chat"]["question_number"] is None
    assert answer["in_reply_to_id"] == str(question.pk)


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (HOUR, "#PRStudChat has not started yet"),
        (-3 * HOUR, "#PRStudChat has ended; its recap is open for reading."),
    ],
    ids=["not started", "ended"],
)
def test_it_refuses_posting_into_a_chat_that_is_not_live(as_member, alice, dave, offset, message):
    chat = chat_at(dave, offset)
    response = as_member(alice).post(
        "/api/v1/statuses", {"status": "A1: here", "chat_id": str(chat.pk)}
    )
    assert response.status_code == 422
    assert response.json()["details"]["chat_id"][0].startswith(message)
    assert not Status.objects.exists()


def test_it_recaps_each_question_with_its_answers_and_acknowledgements(
    as_member, alice, bob, carol, dave
):
    chat = chat_at(dave, -HOUR, hours=2)
    q1 = do_release_question(chat, "How do you pitch?")
    q2 = do_release_question(chat, "Best tools?")
    a1 = do_create_status(alice, "A1: short", in_reply_to=q1, chat=chat)
    do_create_status(carol, "A1: personal", in_reply_to=q1, chat=chat)
    do_create_status(bob, "A2: secret to @dave", in_reply_to=q2, chat=chat, visibility="direct")
    do_create_status(bob, "Side talk", chat=chat)
    check_and_learn(bob, a1, note="Will try", is_public=True)
    check_and_learn(carol, a1, note="Private thanks", is_public=False)

    recap = ok(as_member(alice).get(f"/api/v1/chats/{chat.pk}/recap"))
    assert recap["chat"]["hashtag"] == "PRStudChat"
    assert [q["question"]["mentormesh"]["chat"]["question_number"] for q in recap["questions"]] == [
        1,
        2,
    ]
    first = recap["questions"][0]["answers"]
    assert [answer["status"]["account"]["acct"] for answer in first] == ["alice", "carol"]
    assert first[0]["status"]["mentormesh"]["learned_count"] == 2
    assert [(a["account"]["acct"], a["note"]) for a in first[0]["acknowledgements"]] == [
        ("bob", "Will try"),
        ("carol", "Private thanks"),
    ]
    assert recap["questions"][1]["answers"] == []  # the direct answer is not for alice

    seen_by_anyone = ok(as_member(None).get(f"/api/v1/chats/{chat.pk}/recap"))
    answer = seen_by_anyone["questions"][0]["answers"][0]
    assert answer["acknowledgements"] == []
    assert answer["status"]["mentormesh"]["learned_count"] == 1
    seen_by_dave = ok(as_member(dave).get(f"/api/v1/chats/{chat.pk}/recap"))
    assert len(seen_by_dave["questions"][1]["answers"]) == 1
