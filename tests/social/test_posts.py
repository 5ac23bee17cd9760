from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mentormesh.social.actions import (
    check_and_create_status,
    check_and_delete_status,
    check_and_edit_status,
    check_and_follow,
    do_block,
    do_create_status,
    do_mute,
)
from mentormesh.social.ids import id_time
from mentormesh.social.models import Interaction, Notification, Status, StatusEdit, Tag


def test_it_renders_markdown_lite_with_mentions_hashtags_and_tracks(alice, bob):
    status = check_and_create_status(bob, "How do I pitch a **journalist**, @alice? #PR #newbie")
    assert '<a class="mention" href="/@alice/"' in status.content_html
    assert '<a class="hashtag" href="/tags/pr/"' in status.content_html
    assert "<strong>journalist</strong>" in status.content_html
    assert list(status.mentions.all()) == [alice]
    assert sorted(status.tags.values_list("name", flat=True)) == ["newbie", "pr"]
    assert list(status.tracks.values_list("slug", flat=True)) == ["pr"]
    assert Tag.objects.get(name="pr").track.slug == "pr"


def test_it_gives_time_sortable_ids(alice):
    first = do_create_status(alice, "one")
    second = do_create_status(alice, "two")
    assert second.pk > first.pk
    assert abs((id_time(first.pk) - first.created_at).total_seconds()) < 1


@pytest.mark.parametrize("text", ["", "   \n ", "x" * 501])
def test_it_refuses_empty_and_over_long_posts(alice, text):
    with pytest.raises(ValidationError) as error:
        check_and_create_status(alice, text)
    assert "status" in error.value.message_dict
    assert Status.objects.count() == 0


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://evil.example" onclick="x()">hi</a>',
    ],
)
def test_it_renders_injected_html_inert(alice, text):
    elements = parsed(check_and_create_status(alice, text).content_html)
    assert {tag for tag, _ in elements} <= {"p", "a"}
    for _, attributes in elements:
        assert not [name for name in attributes if name.startswith("on")]
        assert not attributes.get("href", "").startswith("javascript")


def parsed(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element in ``html`` with its attributes, as a browser's parser would see them."""
    found: list[tuple[str, dict[str, str]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, {name: value or "" for name, value in attrs}))

    Collector().feed(html)
    return found


def test_it_threads_replies_and_logs_them(alice, bob, carol):
    question = do_create_status(bob, "How do I write a press release? #pr", is_question=True)
    answer = check_and_create_status(alice, "Lead with the news.", in_reply_to=question)
    follow_up = check_and_create_status(carol, "And keep it short.", in_reply_to=answer)
    assert follow_up.thread_root_id == question.pk
    assert Status.objects.get(pk=question.pk).replies_count == 1
    log = list(
        Interaction.objects.values_list("actor__username", "target__username", "kind", "track")
    )
    assert ("alice", "bob", "answer", "pr") in log
    assert ("carol", "alice", "reply", "pr") in log
    assert Notification.objects.filter(recipient=bob, kind="reply").count() == 1


def test_it_logs_and_notifies_mentions_in_the_same_transaction(alice, bob):
    status = do_create_status(alice, "Welcome @bob!")
    assert Interaction.objects.filter(
        actor=alice, target=bob, kind="mention", context=str(status.pk)
    ).exists()
    assert Notification.objects.filter(recipient=bob, kind="mention", status=status).exists()


def test_it_keeps_edit_history(alice):
    status = do_create_status(alice, "Frist post")
    check_and_edit_status(alice, status, "First post")
    status.refresh_from_db()
    assert status.text == "First post"
    assert status.edited_at is not None
    assert list(StatusEdit.objects.values_list("text", flat=True)) == ["Frist post"]


def test_it_lets_only_the_author_edit_or_delete(alice, bob):
    status = do_create_status(alice, "Mine")
    with pytest.raises(PermissionDenied):
        check_and_edit_status(bob, status, "Yours now")
    with pytest.raises(PermissionDenied):
        check_and_delete_status(bob, status)
    check_and_delete_status(alice, status)
    status.refresh_from_db()
    assert status.is_deleted
    assert status.text == ""


@pytest.mark.parametrize("case", ["deleted", "blocked", "direct"])
def test_it_refuses_replies_to_deleted_blocked_or_invisible_posts(alice, bob, carol, case):
    if case == "deleted":
        target = do_create_status(alice, "Gone soon")
        check_and_delete_status(alice, target)
    elif case == "blocked":
        target = do_create_status(alice, "Hi")
        do_block(alice, bob)
    else:
        target = do_create_status(alice, "Just for @carol", visibility="direct")
    before = Status.objects.count()
    with pytest.raises(ValidationError) as error:
        check_and_create_status(bob, "Reply", in_reply_to=target)
    assert "can't reply to" in str(error.value)
    assert Status.objects.count() == before


def test_it_does_not_mention_members_who_blocked_the_author(alice, bob):
    do_block(bob, alice)
    status = do_create_status(alice, "Hello @bob")
    assert not status.mentions.exists()
    assert not Notification.objects.filter(recipient=bob).exists()


def test_it_neither_logs_nor_notifies_a_reply_its_parents_author_cannot_see(alice, bob):
    post = do_create_status(alice, "Open question #pr")
    do_create_status(bob, "Only for my followers", in_reply_to=post, visibility="private")
    do_create_status(bob, "A note to myself", in_reply_to=post, visibility="direct")
    assert not Interaction.objects.filter(actor=bob, target=alice).exists()
    assert not Notification.objects.filter(recipient=alice).exists()
    do_create_status(bob, "For you, @alice", in_reply_to=post, visibility="direct")
    assert Interaction.objects.filter(actor=bob, target=alice, kind="reply").count() == 1


def test_it_keeps_late_replies_out_of_an_ended_chat(alice, bob, dave):
    from datetime import timedelta

    from django.utils import timezone

    from mentormesh.social.actions import do_release_question, do_schedule_chat

    start = timezone.now() - timedelta(hours=2)
    chat = do_schedule_chat(
        dave,
        title="Q&A",
        hashtag="PRStudChat",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        host=alice,
    )
    question = do_release_question(
        chat, "What is a pitch?", created_at=start + timedelta(minutes=5)
    )
    during = do_create_status(
        bob, "A1: a short story", in_reply_to=question, created_at=start + timedelta(minutes=10)
    )
    late = do_create_status(bob, "Late thought", in_reply_to=question)
    assert during.chat == chat
    assert late.chat is None


def test_it_links_and_notifies_only_real_mentions_not_handles_in_code_or_addresses(
    alice, bob, carol, dave
):
    status = do_create_status(alice, "Ask `@bob` or mail me@dave.example, thanks @Carol")
    assert list(status.mentions.all()) == [carol]
    assert status.content_html.count('class="mention"') == 1
    assert '<a class="mention" href="/@Carol/"' in status.content_html
    assert "<code>@bob</code>" in status.content_html
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["carol"]
    assert list(Interaction.objects.values_list("target__username", "kind")) == [
        ("carol", "mention")
    ]


def test_it_notifies_a_reply_and_mentions_except_members_who_muted_the_author(
    alice, bob, carol, dave
):
    question = do_create_status(bob, "Who knows a good media list? #pr")
    do_mute(dave, alice)
    reply = do_create_status(alice, "@carol @dave @bob try this one", in_reply_to=question)
    notified = Notification.objects.filter(status=reply).order_by("id")
    assert list(notified.values_list("recipient__username", "kind")) == [
        ("bob", "reply"),
        ("carol", "mention"),
    ]
    log = Interaction.objects.filter(context=str(reply.pk)).order_by("id")
    assert list(log.values_list("target__username", "kind", "track")) == [
        ("bob", "reply", "pr"),
        ("carol", "mention", "pr"),
        ("dave", "mention", "pr"),
    ]


def test_it_posts_in_a_fixed_number_of_queries(
    alice, bob, carol, dave, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """A plain post, and a reply with a mention and a hashtag: the post with its links,
    log rows, notifications and stored events, with nothing repeated per follower."""
    question = do_create_status(bob, "Who knows a good media list? #pr")
    for follower in (carol, dave):
        check_and_follow(follower, alice)
    # 11: one of them keeps the author's counters (AccountStats) for the timelines.
    with django_assert_num_queries(11), django_capture_on_commit_callbacks(execute=True):
        check_and_create_status(alice, "Just a note")
    # 24: the counters, and the reply's and the mention's log rows also mark their pairs'
    # ties stale (one read of the new rows' ids, one upsert), whatever the number mentioned.
    with django_assert_num_queries(24), django_capture_on_commit_callbacks(execute=True):
        check_and_create_status(alice, "@carol knows one #pr", in_reply_to=question)
