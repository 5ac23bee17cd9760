"""Back-dated history: the actions' ``at=`` times, and HistoryBatch writing the same rows in bulk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mentormesh.community.models import Track
from mentormesh.realtime.models import StreamEvent
from mentormesh.social import actions
from mentormesh.social.history import HistoryBatch
from mentormesh.social.models import (
    AccountStats,
    Favourite,
    Follow,
    Interaction,
    Learned,
    Notification,
    Status,
    TrackFollow,
)

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return START + timedelta(hours=hours)


class ActionsWriter:
    """The scenario written one back-dated action at a time."""

    def post(self, account, text, *, hours, **options):
        return actions.do_create_status(account, text, created_at=at(hours), **options)

    def release_question(self, chat, text, *, hours):
        return actions.do_release_question(chat, text, created_at=at(hours))

    def share(self, account, status, comment="", *, hours):
        return actions.do_share(account, status, comment, at=at(hours))

    def favourite(self, account, status, *, hours):
        return actions.do_favourite(account, status, at=at(hours))

    def learn(self, account, status, *, hours, **options):
        return actions.do_learn(account, status, at=at(hours), **options)

    def accept(self, account, question, answer, *, hours):
        actions.do_accept(account, question, answer, at=at(hours))

    def follow(self, account, target, *, hours):
        return actions.do_follow(account, target, at=at(hours))

    def follow_track(self, account, track, *, hours):
        return actions.do_follow_track(account, track, at=at(hours))

    def flush(self):
        pass


class BatchWriter(ActionsWriter):
    """The same scenario through one HistoryBatch."""

    def __init__(self):
        self.batch = HistoryBatch()

    def post(self, account, text, *, hours, **options):
        return self.batch.post(account, text, at=at(hours), **options)

    def release_question(self, chat, text, *, hours):
        return self.batch.release_question(chat, text, at=at(hours))

    def share(self, account, status, comment="", *, hours):
        return self.batch.share(account, status, comment, at=at(hours))

    def favourite(self, account, status, *, hours):
        return self.batch.favourite(account, status, at=at(hours))

    def learn(self, account, status, *, hours, **options):
        return self.batch.learn(account, status, at=at(hours), **options)

    def accept(self, account, question, answer, *, hours):
        self.batch.accept(account, question, answer, at=at(hours))

    def follow(self, account, target, *, hours):
        return self.batch.follow(account, target, at=at(hours))

    def follow_track(self, account, track, *, hours):
        return self.batch.follow_track(account, track, at=at(hours))

    def flush(self):
        self.batch.flush()


def scenario(write, alice, bob, carol, chat):
    pr = Track.objects.get(slug="pr")
    marketing = Track.objects.get(slug="marketing")
    write.follow(bob, alice, hours=0)
    write.follow(carol, alice, hours=0.5)
    write.follow(bob, alice, hours=1)  # again: nothing new
    write.follow_track(bob, pr, hours=0)
    write.follow_track(bob, pr, hours=2)
    tip = write.post(alice, "Media list tips for @bob #pr #mediarelations", hours=1)
    question = write.post(bob, "How long should a pitch be? #pr", hours=2, is_question=True)
    answer = write.post(alice, "Short enough to read on a phone.", hours=3, in_reply_to=question)
    other = write.post(carol, "Three sentences @alice", hours=4, in_reply_to=question)
    write.post(bob, "Thanks both!", hours=5, in_reply_to=other)
    write.post(carol, "No tags, no thread", hours=5)
    write.accept(bob, question, answer, hours=6)
    write.learn(bob, answer, hours=6.5, note="Saved me", track=marketing)
    write.learn(carol, tip, hours=7)
    write.learn(carol, tip, hours=7.5, note="Again, with a note", is_public=False)
    write.favourite(carol, tip, hours=8)
    write.favourite(carol, tip, hours=8.5)  # again: nothing new
    write.favourite(bob, answer, hours=9)
    write.share(carol, tip, "Worth reading #marketing @bob", hours=10)
    write.share(carol, tip, hours=11)  # again: the first share
    write.share(bob, answer, hours=11)
    q1 = write.release_question(chat, "What did you learn this week?", hours=20)
    write.release_question(chat, "Who taught you? #PRStudChat", hours=20.2)
    write.post(bob, "A1: pitching #PRStudChat", hours=20.1, in_reply_to=q1)
    write.flush()


def status_key(status_id):
    if status_id is None:
        return None
    status = Status.objects.get(pk=status_id)
    return (status.account.username, status.text, status.created_at)


def everything():
    """Every row the scenario wrote, with ids replaced by what they stand for."""
    statuses = {
        (
            *status_key(s.pk),
            s.pk >> 16,
            s.content_html,
            s.visibility,
            status_key(s.in_reply_to_id),
            s.in_reply_to_account_id,
            status_key(s.thread_root_id),
            status_key(s.reblog_of_id),
            s.is_question,
            status_key(s.accepted_answer_id),
            s.chat_id,
            s.chat_question,
            (s.replies_count, s.reblogs_count, s.favourites_count, s.learned_count),
            tuple(sorted(s.tracks.values_list("slug", flat=True))),
            tuple(sorted(s.tags.values_list("name", flat=True))),
            tuple(sorted(s.mentions.values_list("username", flat=True))),
        )
        for s in Status.objects.all()
    }
    interactions = sorted(
        (i.time, i.actor_id, i.target_id, i.kind, i.track, status_key(int(i.context)))
        for i in Interaction.objects.all()
    )
    notifications = sorted(
        (n.recipient_id, n.actor_id, n.kind, status_key(n.status_id), n.chat_id, n.created_at)
        for n in Notification.objects.all()
    )
    assert all(
        n.pk >> 16 == int(n.created_at.timestamp() * 1000) for n in Notification.objects.all()
    )
    return {
        "statuses": statuses,
        "interactions": interactions,
        "notifications": notifications,
        "favourites": sorted(
            (f.account_id, status_key(f.status_id), f.created_at) for f in Favourite.objects.all()
        ),
        "learned": sorted(
            (x.account_id, status_key(x.status_id), x.note, x.track_id, x.is_public, x.created_at)
            for x in Learned.objects.all()
        ),
        "follows": sorted(
            (f.follower_id, f.followee_id, f.created_at) for f in Follow.objects.all()
        ),
        "track_follows": sorted(
            (f.account_id, f.track_id, f.created_at) for f in TrackFollow.objects.all()
        ),
        "account_stats": sorted(
            (s.user_id, s.followers_count, s.following_count, s.statuses_count, s.last_status_at)
            for s in AccountStats.objects.exclude(
                followers_count=0, following_count=0, statuses_count=0
            )
        ),
    }


def forget_history():
    for model in (
        Interaction,
        Notification,
        Favourite,
        Learned,
        Follow,
        TrackFollow,
        Status,
        AccountStats,
    ):
        model.objects.all().delete()


@pytest.fixture
def chat(alice, dave):
    chat = actions.do_schedule_chat(
        dave,
        title="PR students' chat",
        hashtag="PRStudChat",
        starts_at=at(20),
        ends_at=at(21),
        host=alice,
        tracks=[Track.objects.get(slug="pr")],
        at=at(-100),
    )
    assert chat.created_at == at(-100)
    return chat


def test_it_writes_the_same_rows_in_bulk_as_the_back_dated_actions(alice, bob, carol, chat):
    actions.do_mute(bob, carol)
    scenario(ActionsWriter(), alice, bob, carol, chat)
    by_actions = everything()
    forget_history()
    scenario(BatchWriter(), alice, bob, carol, chat)
    assert everything() == by_actions
    assert len(by_actions["statuses"]) == 11
    assert len(by_actions["interactions"]) == 13
    assert len(by_actions["account_stats"]) == 3
    assert not any(n[0] == bob.pk and n[1] == carol.pk for n in by_actions["notifications"])


def test_it_back_dates_each_interaction_to_when_it_happened(alice, bob):
    post = actions.do_create_status(alice, "Tip #pr", created_at=at(0))
    assert actions.do_favourite(bob, post, at=at(1))
    share = actions.do_share(bob, post, at=at(2))
    actions.do_learn(bob, post, at=at(3))
    assert actions.do_follow(bob, alice, at=at(4))
    assert actions.do_follow_track(bob, Track.objects.get(slug="pr"), at=at(5))
    times = dict(Interaction.objects.values_list("kind", "time"))
    assert times == {"favourite": at(1), "share": at(2), "learned": at(3)}
    assert Favourite.objects.get().created_at == at(1)
    assert (share.created_at, share.pk >> 16) == (at(2), int(at(2).timestamp() * 1000))
    assert Learned.objects.get().created_at == at(3)
    assert Follow.objects.get().created_at == at(4)
    assert TrackFollow.objects.get().created_at == at(5)
    assert sorted(Notification.objects.values_list("created_at", flat=True)) == [
        at(1),
        at(2),
        at(3),
        at(4),
    ]


def test_it_keeps_the_time_of_the_first_learned_when_updated(alice, bob):
    post = actions.do_create_status(alice, "Tip #pr", created_at=at(0))
    actions.do_learn(bob, post, at=at(1))
    actions.do_learn(bob, post, note="Later note", at=at(9))
    learned = Learned.objects.get()
    assert (learned.note, learned.created_at) == ("Later note", at(1))


def test_it_sends_no_live_events_while_writing_history(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, actions.writing_history():
        post = actions.do_create_status(alice, "Old tip #pr", created_at=at(0))
        actions.do_favourite(bob, post, at=at(1))
    assert callbacks == []
    assert not StreamEvent.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        actions.do_favourite(alice, actions.do_create_status(bob, "New tip #pr"))
    assert callbacks
