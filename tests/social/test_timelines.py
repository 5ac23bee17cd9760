from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_favourite,
    check_and_follow,
    do_create_status,
    do_follow_tag,
    do_follow_track,
    do_mute,
)
from mentormesh.social.timelines import (
    PageRequest,
    for_display,
    home_timeline,
    paginate,
    public_timeline,
)


def test_it_builds_home_from_follows_tracks_and_hashtags(alice, bob, carol, erin):
    check_and_follow(erin, alice)
    do_follow_track(erin, Track.objects.get(slug="development"))
    do_follow_tag(erin, "newbie")
    do_create_status(alice, "From a followed member")
    do_create_status(carol, "In a followed track #dev")
    do_create_status(bob, "With a followed tag #newbie")
    do_create_status(bob, "Unrelated")
    assert {s.text for s in home_timeline(erin)} == {
        "From a followed member",
        "In a followed track #dev",
        "With a followed tag #newbie",
    }


def test_it_pages_like_mastodon(alice):
    ids = [do_create_status(alice, f"post {n}").pk for n in range(7)]
    timeline = public_timeline(None)
    first = paginate(timeline, PageRequest(limit=3))
    assert [s.pk for s in first] == ids[6:3:-1]
    older = paginate(timeline, PageRequest(max_id=first[-1].pk, limit=3))
    assert [s.pk for s in older] == ids[3:0:-1]
    newer = paginate(timeline, PageRequest(min_id=ids[1], limit=2))
    assert [s.pk for s in newer] == [ids[3], ids[2]]
    since = paginate(timeline, PageRequest(since_id=ids[1], limit=2))
    assert [s.pk for s in since] == [ids[6], ids[5]]
    assert len(paginate(timeline, PageRequest(limit=500))) == 7


def test_it_leaves_out_muted_members(alice, bob):
    do_create_status(alice, "Loud")
    do_mute(bob, alice)
    assert not home_timeline(bob).exists()
    assert not public_timeline(bob).exists()


def test_it_loads_a_page_in_a_fixed_number_of_queries(
    alice, bob, carol, django_assert_max_num_queries
):
    for n in range(30):
        post = do_create_status(alice if n % 2 else carol, f"Post {n} @bob #pr #tips")
        check_and_favourite(bob, post)
    with django_assert_max_num_queries(8):
        page = paginate(for_display(public_timeline(bob), bob), PageRequest(limit=40))
        rendered = [
            (
                s.account.profile.name,
                [t.name for t in s.tags.all()],
                [t.slug for t in s.tracks.all()],
                [m.username for m in s.mentions.all()],
                s.viewer_favourited,
            )
            for s in page
        ]
    assert len(rendered) == 30
    assert all(row[4] for row in rendered)
