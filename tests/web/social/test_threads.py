"""The thread page: ancestors, the post, replies nested by depth, the reply form; edit with
history and delete for the author."""

from __future__ import annotations

from mentormesh.social.actions import do_share
from mentormesh.social.models import Status, StatusEdit, Visibility
from tests.web.social.conftest import client_for, post


def test_it_shows_ancestors_the_post_and_nested_replies(client, alice, bob, carol):
    root = post(alice, "Root question")
    middle = post(bob, "First answer", in_reply_to=root)
    deep = post(carol, "A reply to the answer", in_reply_to=middle)
    response = client.get(f"/@bob/{middle.pk}/")
    page = response.content.decode().split("<main")[1]
    assert page.index("Root question") < page.index("First answer") < page.index("A reply to")
    assert [s.pk for s in response.context["thread"].ancestors] == [root.pk]
    assert [(s.pk, s.depth) for s in response.context["thread"].descendants] == [(deep.pk, 1)]
    assert "status--focus" in page
    assert "1 reply" in page


def test_it_nests_replies_by_depth(client, alice, bob, carol):
    root = post(alice, "Root")
    one = post(bob, "One", in_reply_to=root)
    two = post(carol, "Two", in_reply_to=one)
    other = post(carol, "Other", in_reply_to=root)
    descendants = client.get(f"/@alice/{root.pk}/").context["thread"].descendants
    assert [(s.pk, s.depth) for s in descendants] == [(one.pk, 1), (two.pk, 2), (other.pk, 1)]


def test_it_redirects_to_the_authors_handle_and_from_a_share_to_its_post(client, alice, bob):
    original = post(alice, "Original")
    share = do_share(bob, original)
    assert client.get(f"/@bob/{original.pk}/")["Location"] == f"/@alice/{original.pk}/"
    assert client.get(f"/@bob/{share.pk}/")["Location"] == f"/@alice/{original.pk}/"


def test_it_answers_404_for_an_unknown_or_hidden_post(client, alice):
    hidden = post(alice, "Followers only", visibility=Visibility.PRIVATE)
    assert client.get(f"/@alice/{hidden.pk}/").status_code == 404
    assert client.get("/@alice/12345/").status_code == 404
    assert client.get("/@alice/99999999999999999999/").status_code == 404


def test_it_replies_inline_and_returns_to_the_new_reply(alice, bob):
    root = post(alice, "Root")
    client = client_for(bob)
    assert f'action="/posts/{root.pk}/reply/"' in client.get(f"/@alice/{root.pk}/").content.decode()
    response = client.post(f"/posts/{root.pk}/reply/", {"text": "My reply"})
    reply = Status.objects.get(in_reply_to=root)
    assert response["Location"] == f"/@alice/{root.pk}/#status-{reply.pk}"
    assert reply.visibility == Visibility.PUBLIC
    assert "My reply" in client.get(f"/@alice/{root.pk}/").content.decode()


def test_it_shows_reply_errors_on_the_thread_page(alice, bob):
    root = post(alice, "Root")
    response = client_for(bob).post(f"/posts/{root.pk}/reply/", {"text": ""})
    assert response.status_code == 200
    assert "A post needs some text." in response.content.decode()
    assert not Status.objects.filter(in_reply_to=root).exists()


def test_it_keeps_a_followers_only_thread_followers_only_and_mentions_the_author(alice, bob):
    from mentormesh.social.actions import do_follow

    do_follow(bob, alice)
    root = post(alice, "For followers", visibility=Visibility.PRIVATE)
    client = client_for(bob)
    assert ">@alice </textarea>" in client.get(f"/@alice/{root.pk}/").content.decode()
    client.post(f"/posts/{root.pk}/reply/", {"text": "@alice thanks"})
    assert Status.objects.get(in_reply_to=root).visibility == Visibility.PRIVATE


def test_it_lets_the_author_edit_and_keeps_the_history(alice):
    original = post(alice, "First version")
    client = client_for(alice)
    assert "First version" in client.get(f"/@alice/{original.pk}/edit/").content.decode()
    response = client.post(f"/@alice/{original.pk}/edit/", {"text": "Second version"})
    assert response["Location"] == f"/@alice/{original.pk}/"
    assert StatusEdit.objects.get().text == "First version"
    history = client.get(f"/@alice/{original.pk}/history/").content.decode()
    assert history.index("Second version") < history.index("First version")
    assert "Edited" in client.get(f"/@alice/{original.pk}/").content.decode()


def test_it_refuses_an_empty_edit_and_keeps_the_post(alice):
    original = post(alice, "Keep me")
    page = client_for(alice).post(f"/@alice/{original.pk}/edit/", {"text": " "}).content.decode()
    assert "A post needs some text." in page
    original.refresh_from_db()
    assert original.text == "Keep me"
    assert not StatusEdit.objects.exists()


def test_it_lets_only_the_author_edit_or_delete(alice, bob):
    original = post(alice, "Mine")
    client = client_for(bob)
    assert client.get(f"/@alice/{original.pk}/edit/").status_code == 403
    assert client.post(f"/@alice/{original.pk}/delete/").status_code == 403
    assert (
        f"/@alice/{original.pk}/edit/" not in client.get(f"/@alice/{original.pk}/").content.decode()
    )
    original.refresh_from_db()
    assert not original.is_deleted


def test_it_deletes_after_confirming(alice):
    original = post(alice, "Delete me")
    client = client_for(alice)
    assert "Delete your post?" in client.get(f"/@alice/{original.pk}/delete/").content.decode()
    response = client.post(f"/@alice/{original.pk}/delete/")
    assert response["Location"] == "/@alice/"
    original.refresh_from_db()
    assert original.is_deleted
    assert client.get(f"/@alice/{original.pk}/").status_code == 404


def test_it_undoes_a_share_from_the_shares_card(alice, bob):
    original = post(alice, "Share me")
    share = do_share(bob, original)
    client = client_for(bob)
    assert "Undo your share?" in client.get(f"/@bob/{share.pk}/delete/").content.decode()
    client.post(f"/@bob/{share.pk}/delete/")
    share.refresh_from_db()
    assert share.is_deleted
