"""Follow, mute and block from a profile; what each changes."""

from __future__ import annotations

from django.contrib.messages import get_messages

from mentormesh.social.models import Block, Follow, Mute
from tests.web.social.conftest import client_for, post


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_it_offers_follow_mute_and_block_to_members_only(client, alice, bob):
    assert "Follow</button>" not in client.get("/@alice/").content.decode()
    assert "Follow</button>" not in client_for(alice).get("/@alice/").content.decode()
    page = client_for(bob).get("/@alice/").content.decode()
    assert 'action="/@alice/follow/"' in page
    assert 'action="/@alice/mute/"' in page
    assert 'action="/@alice/block/"' in page


def test_it_follows_and_unfollows(alice, bob):
    client = client_for(bob)
    response = client.post("/@alice/follow/")
    assert response["Location"] == "/@alice/"
    assert messages_of(response) == ["You follow @alice: their posts are on your home timeline."]
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    page = client.get("/@alice/").content.decode()
    assert 'aria-pressed="true">Following</button>' in page
    client.post("/@alice/unfollow/")
    assert not Follow.objects.exists()


def test_it_shows_follows_you(alice, bob):
    client_for(alice).post("/@bob/follow/")
    assert "Follows you" in client_for(bob).get("/@alice/").content.decode()


def test_it_refuses_following_yourself(alice):
    response = client_for(alice).post("/@alice/follow/")
    assert messages_of(response) == ["You can't follow yourself."]
    assert not Follow.objects.exists()


def test_it_refuses_muting_or_blocking_yourself(alice):
    for action in ("mute", "block"):
        response = client_for(alice).post(f"/@alice/{action}/")
        assert messages_of(response) == [f"You can't {action} yourself."]
    assert not Mute.objects.exists()
    assert not Block.objects.exists()


def test_it_mutes_a_member_out_of_the_timelines(alice, bob):
    post(alice, "Loud post")
    client = client_for(bob)
    client.post("/@alice/mute/")
    assert "Loud post" not in client.get("/public/").content.decode()
    assert "Unmute @alice" in client.get("/@alice/").content.decode()
    client.post("/@alice/unmute/")
    assert "Loud post" in client.get("/public/").content.decode()


def test_it_blocks_both_ways_and_ends_follows(alice, bob):
    client_for(alice).post("/@bob/follow/")
    post(alice, "Alice speaks")
    post(bob, "Bob speaks")
    client = client_for(bob)
    response = client.post("/@alice/block/")
    assert messages_of(response) == ["You blocked @alice: neither of you sees the other's posts."]
    assert not Follow.objects.exists()
    assert "Alice speaks" not in client.get("/public/").content.decode()
    assert "Bob speaks" not in client_for(alice).get("/public/").content.decode()
    assert "You can't follow @bob." in client_for(alice).get("/@bob/").content.decode()
    response = client_for(alice).post("/@bob/follow/")
    assert messages_of(response) == ["You can't follow this member."]


def test_it_answers_404_for_an_unknown_member(alice):
    assert client_for(alice).post("/@nobody/follow/").status_code == 404
