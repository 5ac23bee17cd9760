import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mentormesh.community.models import Track
from mentormesh.social.actions import (
    check_and_accept,
    check_and_favourite,
    check_and_follow,
    check_and_learn,
    check_and_share,
    do_block,
    do_create_status,
    do_unfavourite,
    do_unlearn,
)
from mentormesh.social.models import Favourite, Follow, Interaction, Learned, Notification, Status


def kinds(actor, target):
    return list(
        Interaction.objects.filter(actor=actor, target=target).values_list("kind", flat=True)
    )


def test_it_favourites_and_shares_idempotently(alice, bob):
    post = do_create_status(alice, "Media list tips #pr")
    assert check_and_favourite(bob, post) is True
    assert check_and_favourite(bob, post) is False
    first = check_and_share(bob, post, "Great thread")
    assert check_and_share(bob, post) == first
    post.refresh_from_db()
    assert (post.favourites_count, post.reblogs_count) == (1, 1)
    assert kinds(bob, alice) == ["favourite", "share"]
    assert first.reblog_of == post
    assert "Great thread" in first.content_html


def test_it_keeps_the_log_append_only_when_undone(alice, bob):
    post = do_create_status(alice, "Tip")
    check_and_favourite(bob, post)
    do_unfavourite(bob, post)
    assert not Favourite.objects.exists()
    assert kinds(bob, alice) == ["favourite"]


def test_it_records_i_learned_from_this_with_note_and_track(alice, bob):
    post = do_create_status(alice, "Always check embargo times. #pr")
    marketing = Track.objects.get(slug="marketing")
    learned = check_and_learn(bob, post, note="Saved me today", track=marketing, is_public=False)
    assert learned.note == "Saved me today"
    row = Interaction.objects.get(kind="learned")
    assert (row.actor, row.target, row.track, row.context) == (
        bob,
        alice,
        "marketing",
        str(post.pk),
    )
    assert Notification.objects.filter(recipient=alice, kind="learned", actor=bob).exists()
    check_and_learn(bob, post, note="Updated")
    assert Learned.objects.get().note == "Updated"
    assert Interaction.objects.filter(kind="learned").count() == 1
    assert do_unlearn(bob, post) is True
    assert Status.objects.get(pk=post.pk).learned_count == 0


def test_it_refuses_learning_from_your_own_post(alice):
    post = do_create_status(alice, "Mine")
    with pytest.raises(ValidationError, match="own post"):
        check_and_learn(alice, post)


@pytest.mark.parametrize("action", [check_and_favourite, check_and_share, check_and_learn])
def test_it_refuses_interacting_with_a_blocked_members_post(alice, bob, action):
    post = do_create_status(alice, "Hi")
    do_block(alice, bob)
    with pytest.raises(ValidationError):
        action(bob, post)
    assert not Interaction.objects.filter(actor=bob).exists()


def test_it_lets_the_asker_accept_an_answer(alice, bob, carol):
    question = do_create_status(bob, "Best time to pitch?", is_question=True)
    answer = do_create_status(alice, "Tuesday mornings", in_reply_to=question)
    with pytest.raises(PermissionDenied):
        check_and_accept(carol, question, answer)
    check_and_accept(bob, question, answer)
    question.refresh_from_db()
    assert question.accepted_answer == answer
    assert kinds(bob, alice) == ["accept"]
    assert kinds(alice, bob) == ["answer"]
    assert Notification.objects.filter(recipient=alice, kind="accepted").exists()


def test_it_refuses_following_yourself_or_a_blocker(alice, bob):
    with pytest.raises(ValidationError, match="follow yourself"):
        check_and_follow(alice, alice)
    do_block(bob, alice)
    with pytest.raises(ValidationError):
        check_and_follow(alice, bob)
    assert not Follow.objects.exists()


def test_it_ends_follows_both_ways_on_block(alice, bob):
    check_and_follow(alice, bob)
    check_and_follow(bob, alice)
    do_block(alice, bob)
    assert not Follow.objects.exists()
