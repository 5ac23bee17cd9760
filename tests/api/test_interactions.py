"""Favourite, share, bookmark, "I learned from this", accept and question, through the API."""

from __future__ import annotations

import pytest

from mentormesh.social.actions import (
    check_and_follow,
    check_and_learn,
    do_block,
    do_create_status,
    do_delete_status,
    do_share,
)
from mentormesh.social.models import (
    Bookmark,
    Favourite,
    Interaction,
    Learned,
    Notification,
    Status,
)
from tests.api.helpers import link_urls, ok

NOT_FOUND = {"error": "Record not found"}


def test_it_favourites_once_however_often_you_ask(as_member, alice, bob):
    post = do_create_status(alice, "Media list tips #pr")
    api = as_member(bob)
    first = ok(api.post(f"/api/v1/statuses/{post.pk}/favourite"))
    again = ok(api.post(f"/api/v1/statuses/{post.pk}/favourite"))
    assert (first["favourited"], first["favourites_count"]) == (True, 1)
    assert (again["favourited"], again["favourites_count"]) == (True, 1)
    assert Favourite.objects.count() == 1
    assert Interaction.objects.filter(kind="favourite").count() == 1
    undone = ok(api.post(f"/api/v1/statuses/{post.pk}/unfavourite"))
    assert (undone["favourited"], undone["favourites_count"]) == (False, 0)
    assert ok(api.post(f"/api/v1/statuses/{post.pk}/unfavourite"))["favourites_count"] == 0


def test_it_shares_once_with_an_optional_comment(as_member, alice, bob):
    post = do_create_status(alice, "How we handled the launch #pr")
    api = as_member(bob)
    share = ok(api.post(f"/api/v1/statuses/{post.pk}/reblog", {"comment": "Read this!"}))
    again = ok(api.post(f"/api/v1/statuses/{post.pk}/reblog"))
    assert share["id"] == again["id"] != str(post.pk)
    assert share["account"]["acct"] == "bob"
    assert share["content"] == "<p>Read this!</p>"
    assert share["reblog"]["id"] == str(post.pk)
    assert (share["reblog"]["reblogged"], share["reblog"]["reblogs_count"]) == (True, 1)
    assert Status.objects.get(pk=post.pk).reblogs_count == 1
    assert Interaction.objects.filter(kind="share").count() == 1
    undone = ok(api.post(f"/api/v1/statuses/{post.pk}/unreblog"))
    assert (undone["id"], undone["reblogged"], undone["reblogs_count"]) == (str(post.pk), False, 0)
    assert api.get(f"/api/v1/statuses/{share['id']}").status_code == 404


def test_it_acts_on_the_shared_post_when_given_a_share(as_member, alice, bob, carol):
    post = do_create_status(alice, "Original")
    share = do_share(bob, post)
    favourited = ok(as_member(carol).post(f"/api/v1/statuses/{share.pk}/favourite"))
    assert favourited["id"] == str(post.pk)
    assert Favourite.objects.get().status == post
    seen = ok(as_member(carol).get(f"/api/v1/statuses/{share.pk}"))
    assert seen["reblog"]["favourited"] is True


def test_it_refuses_sharing_a_followers_only_post(as_member, alice, bob):
    check_and_follow(bob, alice)
    post = do_create_status(alice, "For my followers", visibility="private")
    response = as_member(bob).post(f"/api/v1/statuses/{post.pk}/reblog")
    assert response.status_code == 422
    assert response.json()["details"] == {
        "status": ["Only public and unlisted posts can be shared."]
    }
    assert Status.objects.count() == 1


def test_it_bookmarks_privately(as_member, alice, bob):
    post = do_create_status(alice, "Keep this")
    bookmarked = ok(as_member(bob).post(f"/api/v1/statuses/{post.pk}/bookmark"))
    assert bookmarked["bookmarked"] is True
    assert ok(as_member(alice).get(f"/api/v1/statuses/{post.pk}"))["bookmarked"] is False
    assert not Notification.objects.filter(recipient=alice).exists()
    assert not ok(as_member(bob).post(f"/api/v1/statuses/{post.pk}/unbookmark"))["bookmarked"]
    assert not Bookmark.objects.exists()


@pytest.mark.parametrize(
    "action", ["favourite", "reblog", "bookmark", "learn", "unfavourite", "accept"]
)
@pytest.mark.parametrize("case", ["deleted", "followers-only", "direct", "blocked", "blocking"])
def test_it_refuses_interacting_with_a_post_you_may_not_see(as_member, alice, bob, action, case):
    post = do_create_status(
        alice,
        "Hidden",
        visibility={"followers-only": "private", "direct": "direct"}.get(case, "public"),
    )
    if case == "deleted":
        do_delete_status(post)
    if case == "blocked":
        do_block(alice, bob)
    if case == "blocking":
        do_block(bob, alice)
    response = as_member(bob).post(f"/api/v1/statuses/{post.pk}/{action}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert not Interaction.objects.filter(actor=bob).exists()
    assert not Favourite.objects.exists()
    assert not Learned.objects.exists()
    assert Status.objects.count() == 1


# ------------------------------------------------------------------------------ I learned from this


def test_it_records_what_you_learned_with_a_note_and_a_track(as_member, alice, bob):
    post = do_create_status(alice, "Always check embargo times. #pr")
    learned = ok(
        as_member(bob).post(
            f"/api/v1/statuses/{post.pk}/learn",
            {"note": "Saved me today", "track": "marketing", "public": False},
        )
    )
    assert learned["mentormesh"]["learned"] is True
    assert learned["mentormesh"]["learned_count"] == 1  # bob sees his own
    row = Learned.objects.get()
    assert (row.note, row.track.slug, row.is_public) == ("Saved me today", "marketing", False)
    log = Interaction.objects.get(kind="learned")
    assert (log.actor, log.target, log.track) == (bob, alice, "marketing")
    assert Notification.objects.filter(recipient=alice, kind="learned", actor=bob).exists()
    undone = ok(as_member(bob).post(f"/api/v1/statuses/{post.pk}/unlearn"))
    assert (undone["mentormesh"]["learned"], undone["mentormesh"]["learned_count"]) == (False, 0)


def test_it_shows_the_author_every_learner_and_others_only_the_public_count(
    as_member, alice, bob, carol, erin
):
    post = do_create_status(alice, "Pitch on Tuesdays")
    check_and_learn(bob, post, note="Trying it", is_public=True)
    check_and_learn(carol, post, note="<b>secret</b> thanks", is_public=False)
    assert (
        ok(as_member(alice).get(f"/api/v1/statuses/{post.pk}"))["mentormesh"]["learned_count"] == 2
    )
    assert (
        ok(as_member(erin).get(f"/api/v1/statuses/{post.pk}"))["mentormesh"]["learned_count"] == 1
    )
    assert (
        ok(as_member(None).get(f"/api/v1/statuses/{post.pk}"))["mentormesh"]["learned_count"] == 1
    )
    learners = ok(as_member(alice).get(f"/api/v1/statuses/{post.pk}/learned_by"))
    assert [(row["account"]["acct"], row["note"], row["public"]) for row in learners] == [
        ("carol", "<b>secret</b> thanks", False),
        ("bob", "Trying it", True),
    ]
    refused = as_member(erin).get(f"/api/v1/statuses/{post.pk}/learned_by")
    assert refused.status_code == 403
    assert refused.json() == {
        "error": "Only the author sees who learned from a post; others see the count."
    }


def test_it_refuses_learning_from_your_own_post_or_in_an_unknown_track(as_member, alice, bob):
    post = do_create_status(alice, "Mine")
    own = as_member(alice).post(f"/api/v1/statuses/{post.pk}/learn")
    assert own.status_code == 422
    assert "own post" in own.json()["error"]
    unknown = as_member(bob).post(f"/api/v1/statuses/{post.pk}/learn", {"track": "knitting"})
    assert unknown.status_code == 422
    assert unknown.json()["details"] == {
        "track": ['Unknown track "knitting"; GET /api/v1/tracks lists them.']
    }
    too_long = as_member(bob).post(f"/api/v1/statuses/{post.pk}/learn", {"note": "x" * 501})
    assert too_long.status_code == 422
    assert not Learned.objects.exists()


# ------------------------------------------------------------------------------ questions


def test_it_lets_the_asker_accept_an_answer(as_member, alice, bob, carol):
    question = ok(
        as_member(bob).post("/api/v1/statuses", {"status": "Best time to pitch?", "question": True})
    )
    answer = do_create_status(
        alice, "Tuesday mornings", in_reply_to=Status.objects.get(pk=question["id"])
    )
    refused = as_member(carol).post(f"/api/v1/statuses/{answer.pk}/accept")
    assert refused.status_code == 403
    assert refused.json() == {"error": "Only the person who asked can accept an answer."}
    accepted = ok(as_member(bob).post(f"/api/v1/statuses/{answer.pk}/accept"))
    assert accepted["id"] == question["id"]
    assert accepted["mentormesh"]["accepted_answer_id"] == str(answer.pk)
    assert Notification.objects.filter(recipient=alice, kind="accepted").exists()
    assert Interaction.objects.filter(kind="accept", actor=bob, target=alice).count() == 1


def test_it_refuses_accepting_a_reply_to_a_post_that_is_not_a_question(as_member, alice, bob):
    post = do_create_status(bob, "Just a thought")
    reply = do_create_status(alice, "Agreed", in_reply_to=post)
    response = as_member(bob).post(f"/api/v1/statuses/{reply.pk}/accept")
    assert response.status_code == 422
    assert response.json()["details"] == {"status": ["This post is not marked as a question."]}
    top_level = as_member(bob).post(f"/api/v1/statuses/{post.pk}/accept")
    assert top_level.status_code == 422


def test_it_marks_and_unmarks_your_post_as_a_question(as_member, alice, bob):
    post = do_create_status(alice, "Anyone used Muck Rack?")
    marked = ok(as_member(alice).post(f"/api/v1/statuses/{post.pk}/question"))
    assert marked["mentormesh"]["question"] is True
    refused = as_member(bob).post(f"/api/v1/statuses/{post.pk}/question", {"question": False})
    assert refused.status_code == 403
    unmarked = ok(
        as_member(alice).post(f"/api/v1/statuses/{post.pk}/question", {"question": False})
    )
    assert unmarked["mentormesh"]["question"] is False


# ------------------------------------------------------------------------------ who did it


def test_it_lists_who_favourited_and_shared_page_by_page(as_member, alice, bob, carol, dave, erin):
    post = do_create_status(alice, "Popular")
    for fan in (bob, carol, dave, erin):
        ok(as_member(fan).post(f"/api/v1/statuses/{post.pk}/favourite"))
    do_share(carol, post)
    api = as_member(None)
    first = api.get(f"/api/v1/statuses/{post.pk}/favourited_by", {"limit": 3})
    assert [account["acct"] for account in ok(first)] == ["erin", "dave", "carol"]
    links = link_urls(first)
    assert set(links) == {"next", "prev"}
    rest = api.get(links["next"].removeprefix("http://testserver"))
    assert [account["acct"] for account in ok(rest)] == ["bob"]
    assert "next" not in link_urls(rest)
    shared = ok(api.get(f"/api/v1/statuses/{post.pk}/reblogged_by"))
    assert [account["acct"] for account in shared] == ["carol"]
