"""Timelines as pages: home, public, hashtag, track and a member's posts, paged by max_id, in a
fixed number of queries."""

from __future__ import annotations

import pytest
from django.test import Client

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_favourite,
    check_and_learn,
    check_and_share,
    do_follow,
    do_follow_tag,
    do_follow_track,
)
from tests.web.social.conftest import client_for, post


def test_it_shows_the_home_timeline_of_follows_tracks_and_hashtags(alice, bob, carol, erin):
    do_follow(erin, alice)
    do_follow_track(erin, Track.objects.get(slug="development"))
    do_follow_tag(erin, "newbie")
    post(alice, "From a followed member")
    post(carol, "In a followed track #dev")
    post(bob, "With a followed tag #newbie")
    post(bob, "Unrelated chatter")
    page = client_for(erin).get("/home/").content.decode()
    assert "From a followed member" in page
    assert "In a followed track" in page
    assert "With a followed tag" in page
    assert "Unrelated chatter" not in page


def test_it_sends_visitors_from_home_to_the_login_page(client, db):
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/home/"


def test_it_links_the_landing_page_to_the_members_timeline(alice):
    page = client_for(alice).get("/").content.decode()
    assert 'href="/home/"' in page
    assert "Your timeline" in page


def test_it_shows_the_compose_box_on_home(alice):
    page = client_for(alice).get("/home/").content.decode()
    assert 'id="compose"' in page
    assert 'hx-post="/compose/"' in page
    assert 'data-char-limit="500"' in page


def test_it_shows_public_posts_to_visitors(client, alice):
    post(alice, "Hello from the open")
    page = client.get("/public/").content.decode()
    assert "Hello from the open" in page
    assert "Log in to take part" in page


def test_it_follows_hashtag_links_from_posts(client, alice):
    first = post(alice, "Pitching tips #PRTips")
    assert 'href="/tags/prtips/"' in first.content_html
    page = client.get("/tags/prtips/").content.decode()
    assert "Pitching tips" in page
    assert "<h1>#prtips</h1>" in page


def test_it_follows_mention_links_to_profiles(client, alice, bob):
    mention = post(alice, "Thanks @bob!")
    assert 'href="/@bob/"' in mention.content_html
    assert client.get("/@bob/").status_code == 200


def test_it_answers_404_for_a_hashtag_that_cannot_exist(client, db):
    assert client.get("/tags/%23%23/").status_code == 404
    assert client.get(f"/tags/{'x' * 61}/").status_code == 404


def test_it_lets_members_follow_and_unfollow_a_hashtag(alice):
    client = client_for(alice)
    client.post("/tags/prtips/follow/")
    assert "Following #prtips" in client.get("/tags/prtips/").content.decode()
    client.post("/tags/prtips/unfollow/")
    assert "Follow #prtips" in client.get("/tags/prtips/").content.decode()


def test_it_shows_a_tracks_posts_and_lets_members_follow_it(alice, bob):
    post(alice, "Media lists are a craft", tracks=[Track.objects.get(slug="pr")])
    post(alice, "Nothing to do with PR")
    client = client_for(bob)
    page = client.get("/tracks/pr/posts/").content.decode()
    assert "Media lists are a craft" in page
    assert "Nothing to do with PR" not in page
    client.post("/tracks/pr/follow/")
    assert "Following this track" in client.get("/tracks/pr/posts/").content.decode()
    assert "Media lists are a craft" in client.get("/home/").content.decode()


def test_it_links_the_track_page_to_its_posts(client, db):
    assert 'href="/tracks/pr/posts/"' in client.get("/tracks/pr/").content.decode()


def test_it_adds_the_members_posts_to_the_profile(client, alice, bob):
    post(alice, "Alice on pitching")
    post(bob, "Bob on SEO")
    page = client.get("/@alice/").content.decode()
    assert 'id="posts"' in page
    assert "Alice on pitching" in page
    assert "Bob on SEO" not in page


def test_it_pages_older_posts_by_max_id(client, alice):
    posts = [post(alice, f"Post number {n:02d}") for n in range(25)]
    first = client.get("/public/")
    assert [s.pk for s in first.context["page"].statuses] == [p.pk for p in posts[:4:-1]]
    older = f"?max_id={posts[5].pk}"
    assert older in first.content.decode()
    second = client.get(f"/public/{older}")
    assert [s.pk for s in second.context["page"].statuses] == [p.pk for p in posts[4::-1]]
    assert "Older posts" not in second.content.decode()


def test_it_pages_a_profile_by_max_id_and_keeps_the_anchor(client, alice):
    posts = [post(alice, f"Profile post {n}") for n in range(21)]
    page = client.get("/@alice/").content.decode()
    assert f'href="?max_id={posts[1].pk}#posts"' in page
    older = client.get(f"/@alice/?max_id={posts[1].pk}").content.decode()
    assert "Profile post 0" in older
    assert "Profile post 20" not in older


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999"])
def test_it_reads_a_malformed_max_id_as_the_first_page(client, alice, value):
    post(alice, "Still here")
    response = client.get(f"/public/?max_id={value}")
    assert response.status_code == 200
    assert "Still here" in response.content.decode()


def busy_community(alice, bob, carol, n: int) -> None:
    """``n`` posts of every kind a card shows: tracks, tags, mentions, questions, shares,
    replies, favourites and learned acknowledgements."""
    pr = Track.objects.get(slug="pr")
    for i in range(n):
        original = post(carol, f"Post {i} for @bob #pr #tips", tracks=[pr], is_question=i % 2 == 0)
        reply = post(alice, f"Reply {i}", in_reply_to=original)
        check_and_favourite(bob, original)
        check_and_learn(alice, original, note="good", track=pr)
        check_and_learn(bob, reply, note="also good")
        if i % 3 == 0:
            check_and_share(alice, original, "Worth reading")


def count_queries(client: Client, url: str, django_assert_max_num_queries, limit: int) -> int:
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", ["/home/", "/public/", "/tags/tips/", "/tracks/pr/posts/"])
def test_it_renders_a_timeline_page_in_a_fixed_number_of_queries(
    url, alice, bob, carol, django_assert_max_num_queries
):
    do_follow(alice, carol)
    do_follow(alice, bob)
    client = client_for(alice)
    busy_community(alice, bob, carol, 3)
    few = count_queries(client, url, django_assert_max_num_queries, 30)
    busy_community(alice, bob, carol, 18)  # more than a page of 20 of each kind
    assert len(client.get(url).context["page"].statuses) == 20
    many = count_queries(client, url, django_assert_max_num_queries, 30)
    assert many == few


def test_it_renders_a_profile_with_posts_in_a_fixed_number_of_queries(
    alice, bob, carol, django_assert_max_num_queries
):
    client = client_for(bob)
    busy_community(alice, bob, carol, 3)
    few = count_queries(client, "/@alice/", django_assert_max_num_queries, 40)
    busy_community(alice, bob, carol, 12)
    many = count_queries(client, "/@alice/", django_assert_max_num_queries, 40)
    assert many == few
