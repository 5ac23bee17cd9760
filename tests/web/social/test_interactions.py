"""Favourite, share, bookmark, "I learned from this" and accept from a card: htmx swaps the card,
without JavaScript the page comes back; twice is once; refusals are clear messages."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from mentormesh.community.models import Track
from mentormesh.social.actions import do_block, do_delete_status
from mentormesh.social.models import Bookmark, Favourite, Interaction, Learned, Status, Visibility
from tests.web.social.conftest import HTMX, client_for, post

SCRIPT = "<script>alert('owned')</script>"


def test_it_favourites_and_swaps_the_card(alice, bob):
    target = post(alice, "Worth a star")
    response = client_for(bob).post(f"/posts/{target.pk}/favourite/", headers=HTMX)
    page = response.content.decode()
    assert page.lstrip().startswith("<article")
    assert f'id="status-{target.pk}"' in page
    assert 'aria-pressed="true"' in page
    assert f'hx-post="/posts/{target.pk}/unfavourite/"' in page
    assert Favourite.objects.filter(account=bob, status=target).exists()


def test_it_counts_a_double_favourite_once(alice, bob):
    target = post(alice, "Worth a star")
    client = client_for(bob)
    client.post(f"/posts/{target.pk}/favourite/", headers=HTMX)
    page = client.post(f"/posts/{target.pk}/favourite/", headers=HTMX).content.decode()
    target.refresh_from_db()
    assert target.favourites_count == 1
    assert Favourite.objects.count() == 1
    assert Interaction.objects.filter(kind="favourite").count() == 1
    assert '<span class="action__count">1</span>' in page


def test_it_takes_a_favourite_back(alice, bob):
    target = post(alice, "Worth a star")
    client = client_for(bob)
    client.post(f"/posts/{target.pk}/favourite/")
    client.post(f"/posts/{target.pk}/unfavourite/")
    assert not Favourite.objects.exists()


def test_it_returns_to_the_page_without_javascript(alice, bob):
    target = post(alice, "Worth a star")
    response = client_for(bob).post(
        f"/posts/{target.pk}/favourite/", {"next": f"/public/#status-{target.pk}"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/public/#status-{target.pk}"


def test_it_never_returns_to_another_site(alice, bob):
    target = post(alice, "Worth a star")
    response = client_for(bob).post(
        f"/posts/{target.pk}/favourite/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/@alice/{target.pk}/"


def test_it_shares_with_a_comment_once(alice, bob):
    target = post(alice, "Champion me")
    client = client_for(bob)
    client.post(f"/posts/{target.pk}/share/", {"comment": "Read this!"}, headers=HTMX)
    page = client.post(f"/posts/{target.pk}/share/", {"comment": "Again"}, headers=HTMX)
    shares = Status.objects.filter(reblog_of=target)
    assert [share.text for share in shares] == ["Read this!"]
    target.refresh_from_db()
    assert target.reblogs_count == 1
    assert "Shared" in page.content.decode()
    assert "Read this!" in client_for(alice).get("/@bob/").content.decode()


def test_it_undoes_a_share(alice, bob):
    target = post(alice, "Champion me")
    client = client_for(bob)
    client.post(f"/posts/{target.pk}/share/")
    client.post(f"/posts/{target.pk}/unshare/")
    assert not Status.objects.filter(reblog_of=target, deleted_at__isnull=True).exists()


def test_it_acts_on_the_shared_post_from_a_shares_card(alice, bob, carol):
    target = post(alice, "Champion me")
    client_for(bob).post(f"/posts/{target.pk}/share/")
    share = Status.objects.get(reblog_of=target)
    page = (
        client_for(carol)
        .post(f"/posts/{share.pk}/favourite/", {"card": share.pk}, headers=HTMX)
        .content.decode()
    )
    assert Favourite.objects.filter(account=carol, status=target).exists()
    assert f'id="status-{share.pk}"' in page
    assert "shared this" in page


def test_it_records_what_was_learned_with_note_track_and_privacy(alice, bob):
    target = post(alice, "Pitch their beat, not your cause")
    page = (
        client_for(bob)
        .post(
            f"/posts/{target.pk}/learn/",
            {"note": "Rewrote my pitch", "track": "pr"},
            headers=HTMX,
        )
        .content.decode()
    )
    learned = Learned.objects.get()
    assert (learned.note, learned.track, learned.is_public) == (
        "Rewrote my pitch",
        Track.objects.get(slug="pr"),
        False,  # the box was not ticked
    )
    assert "I learned from this" in page
    assert 'aria-pressed="true"' in page
    assert Interaction.objects.filter(kind="learned", track="pr").count() == 1


def test_it_lets_others_count_a_public_acknowledgement(alice, bob, carol):
    target = post(alice, "Pitch their beat")
    client_for(bob).post(f"/posts/{target.pk}/learn/", {"is_public": "on"})
    assert Learned.objects.get().is_public
    page = client_for(carol).get(f"/@alice/{target.pk}/").content.decode()
    assert 'I learned from this</span><span class="action__count">1</span>' in page


def test_it_shows_the_author_who_learned_with_their_notes(alice, bob):
    target = post(alice, "Pitch their beat")
    client_for(bob).post(f"/posts/{target.pk}/learn/", {"note": "Beat first"})
    page = client_for(alice).get(f"/@alice/{target.pk}/").content.decode()
    assert "1 learned from this" in page
    assert "<q>Beat first</q>" in page
    assert "(private)" in page


def test_it_refuses_a_note_that_is_too_long(alice, bob):
    target = post(alice, "Pitch their beat")
    page = (
        client_for(bob)
        .post(f"/posts/{target.pk}/learn/", {"note": "n" * 501}, headers=HTMX)
        .content.decode()
    )
    assert "Ensure this value has at most 500 characters (it has 501)." in page
    assert not Learned.objects.exists()


def test_it_renders_a_script_in_a_note_inert(alice, bob):
    target = post(alice, "Pitch their beat")
    client_for(bob).post(f"/posts/{target.pk}/learn/", {"note": SCRIPT})
    for url in (f"/@alice/{target.pk}/", "/notifications/"):
        page = client_for(alice).get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(" in page


def test_it_refuses_learning_from_your_own_post(alice):
    target = post(alice, "My own wisdom")
    page = client_for(alice).post(f"/posts/{target.pk}/learn/", headers=HTMX).content.decode()
    assert "You can&#x27;t mark your own post as something you learned from." in page
    assert not Learned.objects.exists()


def test_it_bookmarks_privately(alice, bob):
    target = post(alice, "Save for later")
    client = client_for(bob)
    client.post(f"/posts/{target.pk}/bookmark/")
    client.post(f"/posts/{target.pk}/bookmark/")
    assert Bookmark.objects.filter(account=bob).count() == 1
    assert "Save for later" in client.get("/bookmarks/").content.decode()
    client.post(f"/posts/{target.pk}/unbookmark/")
    assert "Save for later" not in client.get("/bookmarks/").content.decode()


def test_it_lets_the_asker_accept_an_answer_and_highlights_it(alice, bob):
    question = post(bob, "How do I pitch?", is_question=True)
    answer = post(alice, "Pitch their beat", in_reply_to=question)
    client = client_for(bob)
    thread = client.get(f"/@bob/{question.pk}/").content.decode()
    assert f'action="/posts/{answer.pk}/accept/"' in thread
    page = client.post(f"/posts/{answer.pk}/accept/", headers=HTMX).content.decode()
    question.refresh_from_db()
    assert question.accepted_answer == answer
    assert "status--accepted" in page
    assert "Accepted answer" in page
    assert "Answered question" in client.get(f"/@bob/{question.pk}/").content.decode()


def test_it_offers_accepting_only_to_the_asker(alice, bob, carol):
    question = post(bob, "How do I pitch?", is_question=True)
    answer = post(alice, "Pitch their beat", in_reply_to=question)
    assert "/accept/" not in client_for(carol).get(f"/@bob/{question.pk}/").content.decode()
    page = client_for(carol).post(f"/posts/{answer.pk}/accept/", headers=HTMX).content.decode()
    assert "Only the person who asked can accept an answer." in page
    question.refresh_from_db()
    assert question.accepted_answer is None


@pytest.fixture(params=["deleted", "invisible", "blocked"])
def unreachable(request, alice, bob) -> Status:
    """A post of alice's that bob may not interact with."""
    if request.param == "deleted":
        target = post(alice, "Gone soon")
        do_delete_status(target)
    elif request.param == "invisible":
        target = post(alice, "Followers only", visibility=Visibility.PRIVATE)
    else:
        target = post(alice, "Blocked author")
        do_block(alice, bob)
    return target


@pytest.mark.parametrize(
    ("action", "what"),
    [("share", "share"), ("learn", "learn from"), ("favourite", "favourite")],
)
def test_it_refuses_interacting_with_a_deleted_invisible_or_blocked_post(
    unreachable, bob, action, what
):
    client = client_for(bob)
    page = client.post(f"/posts/{unreachable.pk}/{action}/", headers=HTMX).content.decode()
    message = f"You can&#x27;t {what} this post: it was deleted or is not visible to you."
    assert message in page
    assert 'role="alert"' in page
    response = client.post(f"/posts/{unreachable.pk}/{action}/", {"next": "/public/"})
    assert response["Location"] == "/public/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message.replace("&#x27;", "'")]
    assert not Favourite.objects.exists()
    assert not Learned.objects.exists()
    assert not Status.objects.filter(reblog_of=unreachable).exists()


def test_it_refuses_replying_to_a_deleted_invisible_or_blocked_post(unreachable, bob):
    response = client_for(bob).post(
        f"/posts/{unreachable.pk}/reply/", {"text": "Hello?", "next": "/public/"}, follow=True
    )
    assert "You can&#x27;t reply to this post: it was deleted or is not visible to you." in (
        response.content.decode()
    )
    assert not Status.objects.filter(in_reply_to=unreachable).exists()


def test_it_refuses_sharing_a_followers_only_post_of_someone_you_follow(alice, bob):
    from mentormesh.social.actions import do_follow

    do_follow(bob, alice)
    target = post(alice, "For followers", visibility=Visibility.PRIVATE)
    page = client_for(bob).post(f"/posts/{target.pk}/share/", headers=HTMX).content.decode()
    assert "Only public and unlisted posts can be shared." in page
    assert not Status.objects.filter(reblog_of=target).exists()


def test_it_answers_404_for_an_action_that_does_not_exist(alice, bob):
    target = post(alice, "Hi")
    assert client_for(bob).post(f"/posts/{target.pk}/smash/").status_code == 404
    assert client_for(bob).post("/posts/99999999999999999999999/favourite/").status_code == 404


def test_it_refuses_a_get_on_an_action(alice, bob):
    target = post(alice, "Hi")
    assert client_for(bob).get(f"/posts/{target.pk}/favourite/").status_code == 405


def test_it_asks_visitors_to_log_in_before_interacting(client, alice):
    target = post(alice, "Hi")
    response = client.post(f"/posts/{target.pk}/favourite/")
    assert response["Location"].startswith("/login/")
    assert not Favourite.objects.exists()
