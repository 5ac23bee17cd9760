"""Posting, reading, editing and deleting statuses through the API, and their thread context."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from mentormesh.social.actions import (
    check_and_follow,
    do_block,
    do_create_status,
    do_delete_status,
)
from mentormesh.social.models import Interaction, Notification, Status
from tests.api.helpers import is_inert, ok, texts

NOT_FOUND = {"error": "Record not found"}
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def test_it_posts_a_status_and_shows_it_as_a_mastodon_status(as_member, alice, bob):
    posted = ok(
        as_member(bob).post(
            "/api/v1/statuses",
            {
                "status": "How do I pitch a **journalist**, @alice? #PR",
                "spoiler_text": "long question",
                "language": "en",
                "question": True,
            },
        )
    )
    status = Status.objects.get()
    assert posted["id"] == str(status.pk)
    assert posted["url"] == posted["uri"] == f"http://testserver/@bob/{status.pk}/"
    assert ISO.fullmatch(posted["created_at"])
    assert posted["account"]["acct"] == "bob"
    assert posted["account"]["statuses_count"] == 1
    assert "<strong>journalist</strong>" in posted["content"]
    assert '<a class="mention" href="/@alice/"' in posted["content"]
    assert (posted["visibility"], posted["sensitive"], posted["spoiler_text"]) == (
        "public",
        True,
        "long question",
    )
    assert posted["mentions"] == [
        {
            "id": str(alice.pk),
            "username": "alice",
            "acct": "alice",
            "url": "http://testserver/@alice/",
        }
    ]
    assert posted["tags"] == [{"name": "pr", "url": "http://testserver/tags/pr/"}]
    assert posted["language"] == "en"
    assert (posted["replies_count"], posted["reblogs_count"], posted["favourites_count"]) == (
        0,
        0,
        0,
    )
    assert (posted["in_reply_to_id"], posted["reblog"], posted["edited_at"]) == (None, None, None)
    assert (posted["favourited"], posted["reblogged"], posted["bookmarked"]) == (
        False,
        False,
        False,
    )
    assert (posted["muted"], posted["pinned"], posted["card"], posted["poll"]) == (
        False,
        False,
        None,
        None,
    )
    assert (posted["media_attachments"], posted["emojis"]) == ([], [])
    assert posted["mentormesh"] == {
        "tracks": ["pr"],
        "question": True,
        "accepted_answer_id": None,
        "learned": False,
        "learned_count": 0,
        "chat": None,
    }
    assert Notification.objects.filter(recipient=alice, kind="mention").exists()


def test_it_posts_form_encoded_like_mastodon_py(as_member, alice):
    posted = ok(
        as_member(alice).post_form(
            "/api/v1/statuses",
            {"status": "Form post", "visibility": "unlisted", "sensitive": "0", "tracks[]": ["pr"]},
        )
    )
    assert posted["visibility"] == "unlisted"
    assert posted["mentormesh"]["tracks"] == ["pr"]


def test_it_needs_a_token_to_post(as_member, alice):
    response = as_member(None).post("/api/v1/statuses", {"status": "Hi"})
    assert response.status_code == 401
    assert response.json() == {"error": "The access token is invalid"}


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_it_refuses_an_empty_post(as_member, alice, text):
    response = as_member(alice).post("/api/v1/statuses", {"status": text})
    assert response.status_code == 422
    assert response.json()["details"] == {"status": ["A post needs some text."]}
    assert not Status.objects.exists()


@override_settings(MAX_POST_CHARS=20)
def test_it_refuses_an_over_long_post_and_says_how_long_it_was(as_member, alice):
    response = as_member(alice).post("/api/v1/statuses", {"status": "x" * 21})
    assert response.status_code == 422
    assert response.json()["error"] == (
        "Validation failed: status: A post can be at most 20 characters; this one has 21."
    )
    assert not Status.objects.exists()


def test_it_tells_clients_the_post_length_limit(client, db):
    instance = client.get("/api/v2/instance").json()
    assert instance["configuration"]["statuses"]["max_characters"] == 500
    assert client.get("/api/v1/instance").json()["configuration"]["statuses"] == {
        "max_characters": 500,
        "max_media_attachments": 0,
    }


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://evil.example" onclick="x()">hi</a>',
    ],
)
def test_it_renders_injected_html_inert(as_member, alice, text):
    content = ok(as_member(alice).post("/api/v1/statuses", {"status": text}))["content"]
    assert is_inert(content), content


@pytest.mark.parametrize(
    "body",
    [
        {"status": "Hi", "colour": "blue"},
        {"status": "Hi", "visibility": "everyone"},
        {"status": "Hi", "media_ids": ["1"]},
        {"status": "Hi", "tracks": ["underwater-basketry"]},
        {"status": "Hi", "in_reply_to_id": "not-a-number"},
        {"status": "Hi", "language": "english!"},
        {"status": "Hi", "spoiler_text": "x" * 201},
        {"status": "Hi", "chat_id": "999"},
    ],
    ids=["unknown", "visibility", "media", "track", "reply id", "language", "warning", "chat"],
)
def test_it_names_the_field_that_is_wrong(as_member, alice, body):
    response = as_member(alice).post("/api/v1/statuses", body)
    assert response.status_code == 422
    wrong = set(body) - {"status"}
    assert {name.split("[")[0] for name in response.json()["details"]} == wrong
    assert not Status.objects.exists()


def test_it_honours_an_idempotency_key(client, as_member, alice):
    cache.clear()
    api = as_member(alice)
    headers = {**api.headers, "Idempotency-Key": "retry-1"}
    first = client.post(
        "/api/v1/statuses", {"status": "Once"}, content_type="application/json", headers=headers
    ).json()
    again = client.post(
        "/api/v1/statuses", {"status": "Once"}, content_type="application/json", headers=headers
    ).json()
    assert first["id"] == again["id"]
    assert Status.objects.count() == 1


# ------------------------------------------------------------------------------------ replies


def test_it_replies_in_a_thread_and_tells_the_author(as_member, alice, bob):
    root = do_create_status(alice, "Embargo times matter. #pr")
    reply = ok(
        as_member(bob).post(
            "/api/v1/statuses", {"status": "Why exactly?", "in_reply_to_id": str(root.pk)}
        )
    )
    assert (reply["in_reply_to_id"], reply["in_reply_to_account_id"]) == (
        str(root.pk),
        str(alice.pk),
    )
    assert reply["mentormesh"]["tracks"] == ["pr"]  # from the thread
    assert ok(as_member(bob).get(f"/api/v1/statuses/{root.pk}"))["replies_count"] == 1
    assert Notification.objects.filter(recipient=alice, kind="reply").exists()


@pytest.mark.parametrize("case", ["deleted", "followers-only", "direct", "blocked", "nonexistent"])
def test_it_refuses_a_reply_to_a_post_you_may_not_see_without_revealing_it(
    as_member, alice, bob, case
):
    post = do_create_status(
        alice,
        "Secret",
        visibility={"followers-only": "private", "direct": "direct"}.get(case, "public"),
    )
    if case == "deleted":
        do_delete_status(post)
    if case == "blocked":
        do_block(alice, bob)
    target = "123456789" if case == "nonexistent" else str(post.pk)
    response = as_member(bob).post(
        "/api/v1/statuses", {"status": "Reply", "in_reply_to_id": target}
    )
    assert response.status_code == 422
    assert response.json()["details"] == {
        "in_reply_to_id": ["You can't reply to this post: it was deleted or is not visible to you."]
    }
    assert Status.objects.filter(account=bob).count() == 0
    assert not Interaction.objects.filter(actor=bob).exists()


# ------------------------------------------------------------------------------------ reading


def test_it_shows_a_public_post_to_anyone(as_member, alice):
    post = do_create_status(alice, "Hello")
    status = ok(as_member(None).get(f"/api/v1/statuses/{post.pk}"))
    assert texts([status]) == ["Hello"]
    assert status["favourited"] is False


@pytest.mark.parametrize("status_id", ["abc", "-1", "99999999999999999999", "1.5"])
def test_it_answers_a_malformed_or_unknown_id_with_not_found(as_member, alice, status_id):
    response = as_member(alice).get(f"/api/v1/statuses/{status_id}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_it_hides_deleted_posts(as_member, alice, bob):
    post = do_create_status(alice, "Gone soon")
    do_delete_status(post)
    for reader in (alice, bob, None):
        response = as_member(reader).get(f"/api/v1/statuses/{post.pk}")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_it_deletes_your_post_and_returns_its_text_for_redrafting(as_member, alice, bob):
    post = do_create_status(alice, "Typo **here**")
    response = as_member(bob).delete(f"/api/v1/statuses/{post.pk}")
    assert response.status_code == 403
    deleted = ok(as_member(alice).delete(f"/api/v1/statuses/{post.pk}"))
    assert deleted["text"] == "Typo **here**"
    assert deleted["id"] == str(post.pk)
    assert as_member(alice).get(f"/api/v1/statuses/{post.pk}").status_code == 404
    assert as_member(alice).delete(f"/api/v1/statuses/{post.pk}").status_code == 404


# ------------------------------------------------------------------------------------ editing


def test_it_edits_a_post_and_keeps_its_history(as_member, alice, bob):
    api = as_member(alice)
    post = ok(api.post("/api/v1/statuses", {"status": "First draft"}))
    edited = ok(
        api.put(
            f"/api/v1/statuses/{post['id']}", {"status": "Better, @bob", "spoiler_text": "edit"}
        )
    )
    assert "Better" in edited["content"]
    assert edited["spoiler_text"] == "edit"
    assert ISO.fullmatch(edited["edited_at"])
    history = ok(api.get(f"/api/v1/statuses/{post['id']}/history"))
    assert len(history) == 2
    assert history[0]["content"] == "<p>First draft</p>"
    assert "Better" in history[1]["content"]
    assert history[1]["account"]["acct"] == "alice"
    source = ok(api.get(f"/api/v1/statuses/{post['id']}/source"))
    assert source == {"id": post["id"], "text": "Better, @bob", "spoiler_text": "edit"}
    assert Notification.objects.filter(recipient=bob, kind="mention").exists()


def test_it_refuses_editing_someone_elses_post(as_member, alice, bob):
    post = do_create_status(alice, "Mine")
    response = as_member(bob).put(f"/api/v1/statuses/{post.pk}", {"status": "Yours now"})
    assert response.status_code == 403
    assert response.json() == {"error": "You can only edit or delete your own posts."}
    assert Status.objects.get(pk=post.pk).text == "Mine"


@override_settings(MAX_POST_CHARS=10)
@pytest.mark.parametrize(
    "body",
    [{"status": ""}, {"status": "x" * 11}, {"status": "ok", "spoiler_text": "y" * 201}],
    ids=["empty", "long", "long warning"],
)
def test_it_refuses_a_bad_edit_and_keeps_the_post(as_member, alice, body):
    post = do_create_status(alice, "Original")
    response = as_member(alice).put(f"/api/v1/statuses/{post.pk}", body)
    assert response.status_code == 422
    assert Status.objects.get(pk=post.pk).text == "Original"
    assert not post.edits.exists()


# ------------------------------------------------------------------------------------ context


def test_it_shows_a_thread_without_posts_you_may_not_see(as_member, alice, bob, carol):
    root = do_create_status(alice, "Root")
    public_reply = do_create_status(bob, "Public reply", in_reply_to=root)
    do_create_status(bob, "Secret to @alice", in_reply_to=root, visibility="direct")
    nested = do_create_status(carol, "Nested", in_reply_to=public_reply)
    context = ok(as_member(carol).get(f"/api/v1/statuses/{nested.pk}/context"))
    assert texts(context["ancestors"]) == ["Root", "Public reply"]
    assert context["descendants"] == []
    around_root = ok(as_member(carol).get(f"/api/v1/statuses/{root.pk}/context"))
    assert texts(around_root["descendants"]) == ["Public reply", "Nested"]
    assert ok(as_member(carol).get(f"/api/v1/statuses/{root.pk}"))["replies_count"] == 1
    for_alice = ok(as_member(alice).get(f"/api/v1/statuses/{root.pk}/context"))
    assert len(for_alice["descendants"]) == 3


def test_it_does_not_reveal_a_hidden_parent(as_member, alice, bob, carol):
    check_and_follow(bob, alice)
    private = do_create_status(alice, "For followers", visibility="private")
    reply = do_create_status(bob, "Public answer", in_reply_to=private)
    seen_by_carol = ok(as_member(carol).get(f"/api/v1/statuses/{reply.pk}"))
    assert (seen_by_carol["in_reply_to_id"], seen_by_carol["in_reply_to_account_id"]) == (
        None,
        None,
    )
    seen_by_bob = ok(as_member(bob).get(f"/api/v1/statuses/{reply.pk}"))
    assert seen_by_bob["in_reply_to_id"] == str(private.pk)
