"""Followers-only and direct posts never reach anyone else, on any page."""

from __future__ import annotations

import pytest
from django.test import Client

from mentormesh.community.models import Track
from mentormesh.social.actions import do_follow, do_follow_tag, do_follow_track
from mentormesh.social.models import Visibility
from tests.web.social.conftest import client_for, post

FOLLOWERS = "Followers-only secret"
DIRECT = "Direct secret"


@pytest.fixture
def secrets(alice, bob, carol, dave):
    """alice writes for her followers (dave) and directly to bob; carol follows neither but
    follows the track and hashtag the posts are in, and is replied to."""
    pr = Track.objects.get(slug="pr")
    do_follow(dave, alice)
    do_follow_track(carol, pr)
    do_follow_tag(carol, "pr")
    opener = post(carol, "Public opener #pr")
    followers = post(
        alice, f"{FOLLOWERS} #pr", visibility=Visibility.PRIVATE, tracks=[pr], in_reply_to=opener
    )
    direct = post(
        alice, f"{DIRECT} @bob #pr", visibility=Visibility.DIRECT, tracks=[pr], in_reply_to=opener
    )
    return {"opener": opener, "followers": followers, "direct": direct}


PAGES = [
    "/home/",
    "/public/",
    "/tags/pr/",
    "/tracks/pr/posts/",
    "/@alice/",
    "/notifications/",
    "thread",
]


def page_for(client: Client, url: str, secrets) -> str:
    if url == "thread":
        url = f"/@carol/{secrets['opener'].pk}/"
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_it_never_shows_followers_only_or_direct_posts_to_others(secrets, carol, client, url):
    for viewer in (client_for(carol), client):
        if url in ("/home/", "/notifications/") and viewer is client:
            continue  # members only
        page = page_for(viewer, url, secrets)
        assert FOLLOWERS not in page, url
        assert DIRECT not in page, url


@pytest.mark.parametrize("key", ["followers", "direct"])
def test_it_answers_404_for_the_hidden_posts_own_thread(secrets, carol, client, key):
    hidden = secrets[key]
    for viewer in (client_for(carol), client):
        assert viewer.get(f"/@alice/{hidden.pk}/").status_code == 404
        assert viewer.get(f"/@alice/{hidden.pk}/history/").status_code == 404


def test_it_shows_them_to_those_they_are_for(secrets, bob, dave):
    followers, direct = client_for(dave), client_for(bob)
    assert FOLLOWERS in page_for(followers, "/home/", secrets)
    assert FOLLOWERS in page_for(followers, "/@alice/", secrets)
    assert DIRECT not in page_for(followers, "/@alice/", secrets)
    assert DIRECT in page_for(direct, "thread", secrets)
    assert DIRECT in page_for(direct, "/notifications/", secrets)
    assert FOLLOWERS not in page_for(direct, "/@alice/", secrets)
